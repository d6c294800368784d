import { ActionTypes, Activity, ActivityTypes, CardFactory, InputHints } from 'botbuilder';
import { escapeXml, stripMarkup } from './markup';
import { ChannelProfileSettings, channelProfile, defaultProfileSettings } from './profiles';
import type { Reply, ReplyChoice } from './reply';

/** Teams shows at most three suggested actions; more become a card with buttons. */
const teamsMaxSuggestedActions = 3;

function inputHint(reply: Reply): InputHints {
  return reply.expectsReply ? InputHints.ExpectingInput : InputHints.AcceptingInput;
}

function suggestedActions(choices: ReplyChoice[]): Activity['suggestedActions'] {
  return {
    to: [],
    actions: choices.map((choice) => ({ type: ActionTypes.ImBack, title: choice.label, value: choice.value })),
  };
}

export function ssml(sentence: string, locale = 'en-US'): string {
  return `<speak version="1.0" xmlns="http://www.w3.org/2001/10/synthesis" xml:lang="${locale}">${escapeXml(sentence)}</speak>`;
}

function renderRich(reply: Reply): Partial<Activity> {
  const activity: Partial<Activity> = { type: ActivityTypes.Message, text: reply.text, textFormat: 'markdown', inputHint: inputHint(reply) };
  if (reply.choices?.length) activity.suggestedActions = suggestedActions(reply.choices);
  return activity;
}

function renderTeams(reply: Reply): Partial<Activity> {
  const choices = reply.choices ?? [];
  if (choices.length <= teamsMaxSuggestedActions) return renderRich(reply);
  const card = CardFactory.heroCard(
    '',
    reply.text,
    undefined,
    choices.map((choice) => ({ type: ActionTypes.ImBack, title: choice.label, value: choice.value })),
  );
  return { type: ActivityTypes.Message, textFormat: 'markdown', attachments: [card], inputHint: inputHint(reply) };
}

function spokenChoices(choices: ReplyChoice[]): string {
  return choices.map((choice, i) => `say ${choice.label} or press ${i + 1}`).join('; ');
}

function renderVoice(reply: Reply): Partial<Activity> {
  const sentence = reply.spoken ?? stripMarkup(reply.text);
  const choices = reply.choices?.length ? ` ${capitalize(spokenChoices(reply.choices))}.` : '';
  const spoken = `${sentence}${choices}`;
  return { type: ActivityTypes.Message, text: spoken, speak: ssml(spoken), inputHint: inputHint(reply) };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function renderPlain(reply: Reply): Partial<Activity> {
  const list = reply.choices?.length ? '\n' + reply.choices.map((choice, i) => `${i + 1}. ${choice.label}`).join('\n') : '';
  return { type: ActivityTypes.Message, text: `${stripMarkup(reply.text)}${list}`, textFormat: 'plain', inputHint: inputHint(reply) };
}

/** The one place that decides how a reply looks or sounds on each channel. */
export class ReplyRenderer {
  constructor(private readonly settings: ChannelProfileSettings = defaultProfileSettings) {}

  render(reply: Reply, channelId: string | undefined): Partial<Activity> {
    switch (channelProfile(channelId, this.settings)) {
      case 'voice':
        return renderVoice(reply);
      case 'teams':
        return renderTeams(reply);
      case 'plain':
        return renderPlain(reply);
      default:
        return renderRich(reply);
    }
  }
}
