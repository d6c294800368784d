import { ActionTypes, Activity, ActivityTypes } from 'botbuilder';
import type { Reply, ReplyChoice } from './reply';

export function inputHintFor(reply: Reply): Activity['inputHint'] {
  return reply.expectsReply ? 'expectingInput' : 'acceptingInput';
}

export function imBackActions(choices: ReplyChoice[]) {
  return choices.map((choice) => ({ type: ActionTypes.ImBack, title: choice.label, value: choice.value }));
}

/** Web Chat, Direct Line, the Emulator: markdown, and choices as suggested actions. */
export function renderRich(reply: Reply): Partial<Activity> {
  const activity: Partial<Activity> = { type: ActivityTypes.Message, text: reply.text, textFormat: 'markdown', inputHint: inputHintFor(reply) };
  if (reply.choices?.length) activity.suggestedActions = { to: [], actions: imBackActions(reply.choices) };
  return activity;
}
