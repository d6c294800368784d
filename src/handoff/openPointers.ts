import type { Storage } from 'botbuilder';

export interface OpenPointer {
  /** When the pointer was last written (ISO); an old one is rewritten so the retention sweep keeps it. */
  writtenAt: string;
}

/**
 * One small document per customer who has an open handoff case (key `stepwise/handoff/open/<customer key>`),
 * so that a turn of a customer without one never reads the whole cases document. CaseStore keeps them.
 */
export class OpenPointers {
  /** How many times this process has written pointers: unchanged over a turn, no case opened meanwhile. */
  writes = 0;

  constructor(
    private readonly storage: Storage,
    private readonly now: () => Date,
  ) {}

  static key(customerKey: string): string {
    return `stepwise/handoff/open/${customerKey}`;
  }

  async get(customerKey: string): Promise<OpenPointer | undefined> {
    const key = OpenPointers.key(customerKey);
    return (await this.storage.read([key]))[key] as OpenPointer | undefined;
  }

  async set(customerKeys: string[]): Promise<void> {
    if (customerKeys.length === 0) return;
    this.writes += 1;
    const pointer: OpenPointer = { writtenAt: this.now().toISOString() };
    await this.storage.write(Object.fromEntries(customerKeys.map((key) => [OpenPointers.key(key), { ...pointer, eTag: '*' }])));
  }

  async remove(customerKeys: string[]): Promise<void> {
    if (customerKeys.length > 0) await this.storage.delete(customerKeys.map(OpenPointers.key));
  }
}
