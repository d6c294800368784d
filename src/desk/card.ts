import { Activity, ActivityTypes, Attachment, CardFactory } from 'botbuilder';
import type { HandoffCase } from '../handoff/cases';
import { deskText, HandoffKit } from '../handoff/kit';
import { escapeCustomerText } from '../channels/customerText';
import { displayPhoneNumber } from '../understanding/phoneNumber';

/** The status line of a case as the desk sees it. */
export function caseStatus(kit: HandoffKit, item: HandoffCase, position: number | undefined): string {
  if (item.status === 'queued') return deskText(kit, 'statusQueued', { position: position ?? '?' });
  if (item.status === 'active') {
    return item.activeVia === 'desk' ? deskText(kit, 'statusTaken', { name: item.technician?.name ?? '' }) : deskText(kit, 'statusTakenElsewhere');
  }
  if (item.callback) return deskText(kit, 'statusCallback', { number: displayPhoneNumber(item.callback.number) });
  if (item.outcome === 'cancelled') return deskText(kit, 'statusCancelled');
  if (item.outcome === 'resolved') return deskText(kit, 'statusResolved');
  return deskText(kit, 'statusClosed');
}

/**
 * The case as an Adaptive Card for the desk: who, where they are stuck, what they said, and a
 * "Take it" button (Action.Submit) while the case is waiting. The same card is updated in place
 * as the customer moves on while queued, and when someone takes or closes the case.
 */
export function caseCard(kit: HandoffKit, item: HandoffCase, position: number | undefined): Attachment {
  const { summary } = item;
  // Every value but the status can carry the customer's words (the other program's name, the new error text).
  const details = [
    { title: deskText(kit, 'labelProgram'), value: summary.client ?? deskText(kit, 'noProgram') },
    { title: deskText(kit, 'labelWhere'), value: summary.where },
    { title: deskText(kit, 'labelStepsDone'), value: summary.completedSteps.length ? `${summary.stepsCompleted}: ${summary.completedSteps.join(', ')}` : '0' },
    { title: deskText(kit, 'labelAttempts'), value: String(summary.attempts) },
    { title: deskText(kit, 'labelReason'), value: summary.detail ? `${summary.reasonText} "${summary.detail}"` : summary.reasonText },
    { title: deskText(kit, 'labelChannel'), value: item.customer.channelId ?? '' },
    // Older cases were summarized before languages: they were English.
    { title: deskText(kit, 'labelLanguage'), value: summary.languageName ?? kit.content.messages.handoffSummary.languages.en },
    ...(item.ticket ? [{ title: deskText(kit, 'labelTicket'), value: item.ticket }] : []),
  ];
  const facts = [
    ...details.map((fact) => ({ ...fact, value: escapeCustomerText(fact.value) })),
    { title: deskText(kit, 'labelStatus'), value: caseStatus(kit, item, position) },
  ];
  const said = summary.recentCustomerMessages.map(escapeCustomerText);
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body: [
      { type: 'TextBlock', text: deskText(kit, 'cardTitle', { reference: item.reference }), weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'FactSet', facts },
      ...(said.length
        ? [
            { type: 'TextBlock', text: deskText(kit, 'labelCustomerSaid'), weight: 'Bolder', wrap: true, spacing: 'Medium' },
            ...said.map((text) => ({ type: 'TextBlock', text: `"${text}"`, wrap: true, isSubtle: true, spacing: 'Small' })),
          ]
        : []),
    ],
    actions:
      item.status === 'queued'
        ? [{ type: 'Action.Submit', title: deskText(kit, 'takeButton'), data: { command: `take ${item.reference}` } }]
        : [],
  });
}

export function caseCardActivity(kit: HandoffKit, item: HandoffCase, position: number | undefined): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    // A plain-text line for notifications and channels that cannot show cards.
    text: `${deskText(kit, 'cardTitle', { reference: item.reference })}: ${escapeCustomerText(item.summary.headline)} (${caseStatus(kit, item, position)})`,
    attachments: [caseCard(kit, item, position)],
  };
}
