import type { TurnContext } from 'botbuilder';
import type { Intent } from '../content/understandingSchema';
import type { FlowOutcome } from './outcome';
import type { Lead, Replies } from './replies';
import type { DialogServices } from './services';

/** What a phase does with an acknowledgement: say it before its open question again. */
export type Remind = (lead: Lead) => Promise<unknown>;

/**
 * Anger and giving up come first, whatever the question: giving up gets an apology and a technician;
 * anger about the wait or the service an apology, and the open question again. Undefined for any other intent.
 */
export async function answerTone(
  intent: Intent | 'None',
  context: TurnContext,
  services: DialogServices,
  replies: Replies,
  remind: Remind,
): Promise<{ outcome: FlowOutcome | undefined } | undefined> {
  if (intent === 'frustration') {
    await services.send(context, replies.info('frustrationAck'));
    return { outcome: { next: 'handoff', reason: 'frustration' } };
  }
  if (intent === 'complaint') {
    await remind(replies.lead('complaintAck'));
    return { outcome: undefined };
  }
  return undefined;
}
