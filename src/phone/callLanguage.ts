import type { Activity } from 'botbuilder';
import { Language, languageOfLocale } from '../content/languages';

/**
 * The language the conversation spoke in a turn: the locale of its last message (the renderer sets one on
 * every reply), or undefined when the turn sent none. The call keeps it, so the next recognize, the bridge's
 * own lines and the caller's next activities are in the language the caller was last answered in.
 */
export function languageOfReplies(replies: Partial<Activity>[]): Language | undefined {
  for (let i = replies.length - 1; i >= 0; i--) {
    const reply = replies[i];
    const language = reply.type === 'message' ? languageOfLocale(reply.locale) : undefined;
    if (language) return language;
  }
  return undefined;
}
