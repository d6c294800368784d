/**
 * Where a customer's handoff case lives: `stepwise/handoff/open/<customer key>`. The key is the customer's
 * "open pointer": a turn of a customer who never asked for a technician reads it and finds nothing, and a
 * turn of one with a case reads the case itself, in the same single read. It holds their latest case, open
 * or (for a while) closed; see CaseStore.
 */
export class OpenPointers {
  static readonly prefix = 'stepwise/handoff/open/';

  static key(customerKey: string): string {
    return `${OpenPointers.prefix}${customerKey}`;
  }
}

/** What every record at a pointer key carries besides the case: when it was last written (ISO). */
export interface OpenPointer {
  /** An open case's record read more than an hour after this is rewritten, so the retention sweep keeps it. */
  writtenAt: string;
}
