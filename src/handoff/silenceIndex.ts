import type { ConversationReference, Storage } from 'botbuilder';
import { SharedDocument } from './sharedDocument';

export interface SilenceEntry {
  dueAt: string;
  customer: Partial<ConversationReference>;
}

export interface SilenceEntries {
  entries: Record<string, SilenceEntry>;
}

const shardCount = 16;
const keyPrefix = 'stepwise/handoff/silence';

// FNV-1a: a stable spread of customer keys over the shards, the same in every process.
function shardOf(customerKey: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < customerKey.length; i++) hash = Math.imul(hash ^ customerKey.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % shardCount;
}

/**
 * When to look at each customer mid-procedure next, for the silence check-ins: spread over 16 documents
 * by customer, so a customer's turn reads and writes a sixteenth of it, not a document that grows with
 * everyone on the steps. The tick reads them all. Entries of the single document that came before are
 * moved into the shards by the first tick.
 */
export class SilenceIndex {
  private readonly shards: SharedDocument<SilenceEntries>[];
  private readonly legacy: SharedDocument<SilenceEntries>;
  private legacyMoved = false;

  constructor(private readonly storage: Storage) {
    const empty = () => ({ entries: {} });
    this.shards = Array.from({ length: shardCount }, (_, shard) => new SharedDocument(storage, `${keyPrefix}/${shard}`, empty));
    this.legacy = new SharedDocument(storage, keyPrefix, empty);
  }

  /** The document holding this customer's entry (for tests and the README's list of what is stored). */
  static keyFor(customerKey: string): string {
    return `${keyPrefix}/${shardOf(customerKey)}`;
  }

  static allKeys(): string[] {
    return Array.from({ length: shardCount }, (_, shard) => `${keyPrefix}/${shard}`);
  }

  async entry(customerKey: string): Promise<SilenceEntry | undefined> {
    return (await this.shardOf(customerKey).read()).entries[customerKey];
  }

  /** Edits the customer's shard under its lock; resolves with what `change` returned. */
  update<R>(customerKey: string, change: (entries: Record<string, SilenceEntry>) => R): Promise<R> {
    return this.shardOf(customerKey).update((document) => change(document.entries));
  }

  /** Removes the customer's entry wherever it is ("forget me"), the single document of earlier versions included. */
  async remove(customerKey: string): Promise<void> {
    await this.update(customerKey, (entries) => {
      delete entries[customerKey];
    });
    if (this.legacyMoved) return;
    if ((await this.legacy.read()).entries[customerKey]) {
      await this.legacy.update((document) => {
        delete document.entries[customerKey];
      });
    }
  }

  /** Every entry due at `now` (the tick's work), across the shards. */
  async due(now: number): Promise<[string, SilenceEntry][]> {
    await this.moveLegacyEntries();
    const documents = await Promise.all(this.shards.map((shard) => shard.read()));
    return documents.flatMap((document) => Object.entries(document.entries)).filter(([, entry]) => Date.parse(entry.dueAt) <= now);
  }

  private shardOf(customerKey: string): SharedDocument<SilenceEntries> {
    return this.shards[shardOf(customerKey)];
  }

  private async moveLegacyEntries(): Promise<void> {
    if (this.legacyMoved) return;
    const { entries } = await this.legacy.read();
    for (const [customerKey, entry] of Object.entries(entries)) {
      await this.update(customerKey, (shard) => {
        shard[customerKey] ??= entry;
      });
    }
    if (Object.keys(entries).length > 0) await this.storage.delete([keyPrefix]);
    this.legacyMoved = true;
  }
}
