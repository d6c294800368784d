import type { StoreItem, StoreItems, TurnContext } from 'botbuilder';

const turnReadsKey = Symbol('stepwise.turnReads');

/** A document read with the customer's state at the start of the turn: what was stored then (undefined: nothing). */
export interface TurnRead {
  item: StoreItem | undefined;
}

/** Keeps what was read under `keys` together with the customer's state, for one use each in this turn. */
export function rememberTurnReads(context: TurnContext, keys: string[], items: StoreItems): void {
  context.turnState.set(turnReadsKey, new Map(keys.map((key) => [key, { item: items[key] } satisfies TurnRead])));
}

/**
 * What was read under `key` with the state, once: a second look in the same turn (after a write of its own, say)
 * gets undefined and reads the store.
 */
export function takeTurnRead(context: TurnContext, key: string): TurnRead | undefined {
  const reads = context.turnState.get(turnReadsKey) as Map<string, TurnRead> | undefined;
  const read = reads?.get(key);
  reads?.delete(key);
  return read;
}
