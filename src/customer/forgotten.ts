import type { TurnContext } from 'botbuilder';

const forgottenKey = Symbol('stepwise.forgotten');

/** Marks the turn's customer as forgotten ("forget me" deleted their data in this turn). */
export function markForgotten(context: TurnContext): void {
  context.turnState.set(forgottenKey, true);
}

/** True once the customer's data was deleted in this turn: nothing of it may be saved again. */
export function wasForgotten(context: TurnContext): boolean {
  return context.turnState.get(forgottenKey) === true;
}
