import type { StorageUsage } from '../../src/storage/guardedWrite';

/** Messages between the benchmark and a bot it runs in a child process (over Node's IPC channel). */
export type ToTarget = { type: 'stats'; keys: string[] } | { type: 'stop' };

export type FromTarget =
  | { type: 'ready'; botUrl: string }
  | {
      type: 'stats';
      /** Peak resident set size of the bot process, in bytes. */
      peakRssBytes: number;
      /** CPU time the bot process has used so far (user + system), in ms. */
      cpuMs: number;
      /** Everything in the store (absent for the echo bot). */
      usage?: StorageUsage;
      /** Bytes of the given keys' documents as stored (key + JSON) without their transcripts, for one conversation in progress. */
      keyBytes?: number;
      /** Bytes of those documents' transcripts. */
      transcriptBytes?: number;
    };
