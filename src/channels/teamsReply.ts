import { Activity, ActivityTypes, Attachment, CardFactory, ChannelAccount, Entity } from 'botbuilder';
import { isSharedConversation, ReplyAudience } from './audience';
import type { Reply, ReplyChoice } from './reply';
import { imBackActions, inputHintFor } from './richReply';

/** Teams shows at most three suggested actions. */
export const teamsMaxSuggestedActions = 3;

export interface MentionEntity extends Entity {
  type: 'mention';
  mentioned: { id: string; name: string };
  text: string;
}

/** An @mention of the person the bot answers, or undefined when Teams did not say who they are. */
export function mentionOf(person: Partial<ChannelAccount> | undefined): MentionEntity | undefined {
  if (!person?.id || !person.name) return undefined;
  const name = person.name.replace(/[<>]/g, '');
  return { type: 'mention', mentioned: { id: person.id, name }, text: `<at>${name}</at>` };
}

/** Buttons as an Adaptive Card: Action.Submit sends `{ text: value }`, which the bot reads like typed text. */
export function choiceCard(choices: ReplyChoice[]): Attachment {
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body: [],
    actions: choices.map((choice) => ({ type: 'Action.Submit', title: choice.label, data: { text: choice.value } })),
  });
}

/** Prefixes the text with an @mention of the person answered, in conversations several people share. */
export function addressed(activity: Partial<Activity>, audience: ReplyAudience): Partial<Activity> {
  const mention = isSharedConversation(audience.conversation) ? mentionOf(audience.from) : undefined;
  if (!mention) return activity;
  return { ...activity, text: activity.text ? `${mention.text} ${activity.text}` : mention.text, entities: [...(activity.entities ?? []), mention] };
}

/**
 * Microsoft Teams. In a personal chat up to three choices are suggested actions (Teams shows no more, and
 * none on a message with attachments). In channel threads and group chats, and for longer lists, the
 * choices are card buttons: they stay with the message they belong to, and a press arrives from the person
 * who pressed, so it moves only their own steps. Shared conversations also get an @mention of the person.
 */
export function renderTeams(reply: Reply, audience: ReplyAudience): Partial<Activity> {
  const activity: Partial<Activity> = { type: ActivityTypes.Message, text: reply.text, textFormat: 'markdown', inputHint: inputHintFor(reply) };
  const choices = reply.choices ?? [];
  const shared = isSharedConversation(audience.conversation);
  if (choices.length > 0 && !shared && choices.length <= teamsMaxSuggestedActions) {
    activity.suggestedActions = { to: audience.from?.id ? [audience.from.id] : [], actions: imBackActions(choices) };
  } else if (choices.length > 0) {
    activity.attachments = [choiceCard(choices)];
  }
  return addressed(activity, audience);
}
