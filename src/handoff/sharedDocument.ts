import type { Storage } from 'botbuilder';

/**
 * One JSON document in the bot's Storage that several turns change (the case queue). Changes are serialized inside this process; across processes the last writer wins
 * (eTag '*'), which is why the README asks for a single instance while the desk is used.
 */
export class SharedDocument<T extends object> {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly storage: Storage,
    private readonly key: string,
    private readonly empty: () => T,
  ) {}

  async read(): Promise<T> {
    await this.chain.catch(() => undefined);
    return this.load();
  }

  /**
   * Reads, lets `change` edit the document in place, writes it back, then runs `afterWrite`, all before
   * the next update starts; resolves with what `change` returned.
   */
  update<R>(change: (document: T) => R | Promise<R>, afterWrite?: () => Promise<void>): Promise<R> {
    return this.serialized(async () => {
      const document = await this.load();
      const result = await change(document);
      await this.storage.write({ [this.key]: { ...document, eTag: '*' } });
      await afterWrite?.();
      return result;
    });
  }

  /** Runs `task` on the document between updates: nothing changes it meanwhile, and nothing is written back. */
  inspect<R>(task: (document: T) => Promise<R>): Promise<R> {
    return this.serialized(async () => task(await this.load()));
  }

  private serialized<R>(task: () => Promise<R>): Promise<R> {
    const run = this.chain.catch(() => undefined).then(task);
    this.chain = run;
    return run;
  }

  private async load(): Promise<T> {
    const items = await this.storage.read([this.key]);
    const stored = items[this.key] as (T & { eTag?: string }) | undefined;
    if (!stored) return this.empty();
    const { eTag: _eTag, ...document } = stored;
    return { ...this.empty(), ...(document as T) };
  }
}
