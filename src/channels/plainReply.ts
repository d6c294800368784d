import { Activity, ActivityTypes } from 'botbuilder';
import { stripMarkup } from './markup';
import type { Reply } from './reply';
import { inputHintFor } from './richReply';

/** SMS and channels not known to show buttons: no markdown, one line per paragraph, choices as a numbered list. */
export function renderPlain(reply: Reply): Partial<Activity> {
  const body = stripMarkup(reply.text).replace(/\n{2,}/g, '\n');
  const list = (reply.choices ?? []).map((choice, i) => `\n${i + 1}. ${choice.label}`).join('');
  return { type: ActivityTypes.Message, text: `${body}${list}`, textFormat: 'plain', inputHint: inputHintFor(reply) };
}
