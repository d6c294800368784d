import type { Activity } from 'botbuilder';
import { isSharedConversation } from '../channels/audience';
import { normalizeMessage } from './inbound';

/**
 * One customer's part of the conversation transcript, as the handoff should see it: in a shared thread
 * only what they said and what the bot said to them; their messages as the bot understood them (no
 * @mention, card values as text); roles filled in, because some channels (Teams) send none.
 */
export function customerTranscript(transcript: Partial<Activity>[], current: Partial<Activity>, maxCharacters: number): Partial<Activity>[] {
  const customerId = current.from?.id;
  const botId = current.recipient?.id;
  const shared = isSharedConversation(current.conversation);
  return transcript
    .filter((activity) => !shared || activity.from?.id === customerId || activity.recipient?.id === customerId)
    .map((logged) => {
      const activity = { ...logged, from: logged.from && { ...logged.from } } as Activity;
      if (activity.from?.id === botId) activity.from.role = 'bot';
      else if (activity.from?.id === customerId) {
        activity.from.role = 'user';
        normalizeMessage(activity, maxCharacters);
      }
      return activity;
    });
}
