import { ActivityTypes, Middleware, TurnContext } from 'botbuilder';
import type { Redactor } from './redaction';

const passwordSeenKey = Symbol('stepwise.passwordSeen');

/** True when this turn's message contained a password (already masked in the activity). */
export function passwordSeen(context: TurnContext): boolean {
  return context.turnState.get(passwordSeenKey) === true;
}

/**
 * Masks passwords in the customer's message before anything else sees it: it runs ahead of the
 * transcript recorder, so the original text never reaches the transcript, the dialogs or a handoff.
 */
export class RedactionMiddleware implements Middleware {
  constructor(private readonly redactor: Redactor) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    if (activity.type === ActivityTypes.Message && typeof activity.text === 'string') {
      const { text, found } = this.redactor.redact(activity.text);
      if (found) {
        activity.text = text;
        context.turnState.set(passwordSeenKey, true);
      }
    }
    await next();
  }
}
