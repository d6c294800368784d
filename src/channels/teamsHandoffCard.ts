import { Activity, ActivityTypes, Attachment, CardFactory } from 'botbuilder';
import type { HandoffCardLabel } from '../content/schema';
import type { HandoffSummary } from '../handoff/summary';
import type { ReplyAudience } from './audience';
import { escapeCustomerText } from './customerText';
import { addressed } from './teamsReply';

export type HandoffCardLabels = Record<HandoffCardLabel, string>;

function fact(title: string, value: string | null | undefined): { title: string; value: string } | undefined {
  return value ? { title, value } : undefined;
}

function handoffCard(summary: Partial<HandoffSummary>, labels: HandoffCardLabels): Attachment {
  const step = summary.step ? `${summary.stepReached}: ${summary.step.title}` : summary.stepReached;
  const facts = [
    fact(labels.client, summary.client ?? labels.notKnown),
    fact(labels.stepReached, step ?? labels.notKnown),
    fact(labels.stepsCompleted, summary.stepsCompleted === undefined ? undefined : String(summary.stepsCompleted)),
    fact(labels.reason, summary.reasonText),
    fact(labels.detail, summary.detail && escapeCustomerText(summary.detail)),
    fact(labels.language, summary.languageName),
  ].filter((f) => f !== undefined);
  const recent = summary.recentCustomerMessages ?? [];
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body: [
      ...(summary.headline ? [{ type: 'TextBlock', text: summary.headline, weight: 'Bolder', wrap: true }] : []),
      { type: 'FactSet', facts },
      ...(recent.length
        ? [
            { type: 'TextBlock', text: labels.recentMessages, weight: 'Bolder', wrap: true },
            ...recent.map((message) => ({ type: 'TextBlock', text: `"${escapeCustomerText(message)}"`, wrap: true, isSubtle: true })),
          ]
        : []),
    ],
  });
}

/**
 * Teams does not deliver event activities, so the handoff.initiate event becomes a message with the same
 * context: a card for the people in the conversation, and the summary itself as the message value.
 */
export function renderTeamsHandoff(event: Partial<Activity>, audience: ReplyAudience, labels: HandoffCardLabels): Partial<Activity> {
  const summary = (event.value ?? {}) as Partial<HandoffSummary>;
  const message: Partial<Activity> = {
    type: ActivityTypes.Message,
    text: labels.title,
    attachments: [handoffCard(summary, labels)],
    value: summary,
  };
  return addressed(message, audience);
}
