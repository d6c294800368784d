import { Activity, ActivityTypes, ConversationReference, TurnContext } from 'botbuilder';
import { newProgress } from '../dialogs/progress';
import type { CaseStore, HandoffCase, TechnicianSession } from '../handoff/cases';
import type { TechnicianDeskPort } from '../handoff/deskPort';
import { deskText, handoffText, HandoffKit, loadCustomerLanguage, sendReply, sendSignal, technicianFirstName } from '../handoff/kit';
import { transcriptLines, transcriptOf } from '../handoff/packet';
import type { Proactive } from '../handoff/proactive';
import type { ConversationResumer } from '../handoff/resume';
import type { DeskSettings } from '../handoff/settings';
import { caseCardActivity } from './card';
import { DeskCommand, parseDeskCommand } from './commands';
import { escapeCustomerText } from '../channels/customerText';

/** How many lines of the customer's conversation a technician gets when they take a case. */
const transcriptLinesOnTake = 20;

function baseConversationId(id: string | undefined): string {
  // A reply in a Teams channel thread arrives as "19:...@thread.tacv2;messageid=123".
  return (id ?? '').split(';')[0];
}

/**
 * The technician desk: a conversation (a Teams channel, or any conversation set in DESK_*) where
 * each handoff is posted as a card. A listed technician takes a case ("Take it", "take next"),
 * then messages relay both ways through the bot until either side ends; "resume at step N"
 * hands the customer back to the procedure at that step.
 */
export class TechnicianDesk implements TechnicianDeskPort {
  private readonly technicians: Set<string>;

  constructor(
    private readonly kit: HandoffKit,
    private readonly settings: DeskSettings,
    private readonly cases: CaseStore,
    private readonly proactive: Proactive,
    private readonly resumer: ConversationResumer,
  ) {
    this.technicians = new Set(settings.technicians.map((id) => id.toLowerCase()));
  }

  isDeskConversation(activity: Partial<Activity>): boolean {
    return (
      activity.channelId === this.settings.channelId &&
      baseConversationId(activity.conversation?.id) === baseConversationId(this.settings.conversationId)
    );
  }

  /** Identity is the channel's user id or the AAD object id, never a display name. */
  isTechnician(activity: Partial<Activity>): boolean {
    const ids = [activity.from?.id, activity.from?.aadObjectId].filter((id): id is string => !!id);
    return ids.some((id) => this.technicians.has(id.toLowerCase()));
  }

  private deskReference(): Partial<ConversationReference> {
    const { channelId, serviceUrl, conversationId, tenantId } = this.settings;
    const botId = this.proactive.botId;
    return {
      channelId,
      serviceUrl,
      conversation: { id: conversationId, isGroup: true, conversationType: 'channel', tenantId, name: '' },
      bot: { id: channelId === 'msteams' && botId ? `28:${botId}` : botId || 'stepwise', name: 'Stepwise' },
      user: { id: 'stepwise-desk', name: 'Technician desk' },
    };
  }

  /** Posts a new case to the desk; resolves with the card's activity id (to update it later). */
  async post(item: HandoffCase, position: number | undefined): Promise<string | undefined> {
    let id: string | undefined;
    await this.proactive.run(this.deskReference(), async (context) => {
      id = (await context.sendActivity(caseCardActivity(this.kit, item, position)))?.id;
    });
    return id;
  }

  /**
   * Updates the cards of these cases (status, where the customer is: as stored now, or as given when the record
   * is gone) and of waiting cases whose place in the queue moved.
   */
  async refresh(...items: HandoffCase[]): Promise<void> {
    try {
      const current = await Promise.all(items.map(async (item) => (await this.cases.get(item)) ?? item));
      const named = new Set(items.map((item) => item.id));
      // Only a case leaving the queue moves the others up: otherwise the waiting cards stay as they are, unread.
      const moved = items.length === 0 || current.some((item) => item.status !== 'queued');
      const queue = moved ? await this.cases.queue() : [];
      const positionOf = async (item: HandoffCase) =>
        item.status !== 'queued' ? undefined : moved ? queue.findIndex((c) => c.id === item.id) + 1 || undefined : await this.cases.queuePosition(item);
      const updates: { item: HandoffCase; position: number | undefined }[] = [];
      for (const item of [...current, ...queue.filter((c) => !named.has(c.id))]) {
        if (!item.deskCardId) continue;
        const position = await positionOf(item);
        const shown = `${item.status}|${position}|${item.updatedAt}`;
        if (!named.has(item.id) && item.deskCardShows === shown) continue;
        // Another instance may draw the same change: whoever records it first spares the other the update.
        if (item.deskCardShows !== shown && !(await this.cases.recordShown(item, shown)) && !named.has(item.id)) continue;
        updates.push({ item, position });
      }
      if (updates.length === 0) return;
      await this.proactive.run(this.deskReference(), async (context) => {
        for (const { item, position } of updates) {
          await context.updateActivity({ ...caseCardActivity(this.kit, item, position), id: item.deskCardId });
        }
      });
    } catch (error) {
      this.kit.logger.warn('desk card update failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** A turn in the desk conversation: commands and relay for technicians, a refusal for anyone else. */
  async handleTurn(context: TurnContext): Promise<void> {
    const { activity } = context;
    if (activity.type !== ActivityTypes.Message) return;
    if (!this.isTechnician(activity)) {
      this.kit.logger.warn('desk command refused: not a technician', { channelId: activity.channelId, userId: activity.from?.id });
      await this.tell(context, deskText(this.kit, 'notTechnician'));
      return;
    }
    const command = parseDeskCommand(activity.text ?? '', this.kit.content.lexicon.desk, this.kit.content.lexicon.ordinals);
    const session = await this.sessionOf(activity.from.id);
    switch (command.kind) {
      case 'help':
        return this.tell(context, deskText(this.kit, 'help'));
      case 'queue':
        return this.showQueue(context);
      case 'take':
      case 'takeNext':
        if (session) return this.tell(context, deskText(this.kit, 'busy', { reference: session.reference }));
        return this.take(context, command);
      case 'end':
        if (!session) return this.tell(context, deskText(this.kit, 'notConnected'));
        return this.end(context, session);
      case 'resume':
        if (!session) return this.tell(context, deskText(this.kit, 'notConnected'));
        return this.resumeAt(context, session, command.step);
      case 'say':
        if (!session) return this.tell(context, deskText(this.kit, 'notConnected'));
        if (command.text.trim()) await this.relayToCustomer(session, command.text);
        return;
    }
  }

  /** A message from a customer who is connected to a technician: relayed to them, and only to them. */
  async relayFromCustomer(context: TurnContext, item: HandoffCase): Promise<void> {
    const text = context.activity.text ?? '';
    if (!text.trim()) {
      await sendReply(this.kit, context, { text: handoffText(this.kit, context, 'onlyTextRelayed'), expectsReply: true });
      return;
    }
    const relayed = escapeCustomerText(this.kit.redactor.redact(text).text);
    await this.toTechnician(item, deskText(this.kit, 'fromCustomer', { reference: item.reference, text: relayed }));
  }

  /** The customer ended the chat ("end chat"; the case is closed already): their technician is told. */
  async customerEndedChat(item: HandoffCase): Promise<void> {
    await this.toTechnician(item, deskText(this.kit, 'customerLeft', { reference: item.reference }));
  }

  /** "Forget me" from a customer with an open case: their technician is told, and their card keeps no details. */
  async customerForgotten(item: HandoffCase): Promise<void> {
    const reference = item.reference;
    try {
      if (item.status === 'active' && item.activeVia === 'desk') await this.toTechnician(item, deskText(this.kit, 'customerForgotten', { reference }));
      if (item.deskCardId) {
        await this.proactive.run(this.deskReference(), async (context) => {
          await context.updateActivity({ type: ActivityTypes.Message, id: item.deskCardId, text: deskText(this.kit, 'caseForgotten', { reference }) });
        });
      }
    } catch (error) {
      this.kit.logger.warn('desk not told of a forgotten customer', { reference, error: error instanceof Error ? error.message : String(error) });
    }
  }

  private async tell(context: TurnContext, text: string): Promise<void> {
    await sendReply(this.kit, context, { text, expectsReply: false });
  }

  private async sessionOf(technicianId: string): Promise<HandoffCase | undefined> {
    return (await this.cases.taken()).find((c) => c.status === 'active' && c.activeVia === 'desk' && c.technician?.id === technicianId);
  }

  private async showQueue(context: TurnContext): Promise<void> {
    const [queue, active] = await Promise.all([this.cases.queue(), this.cases.taken()]);
    const lines = queue.length
      ? [
          deskText(this.kit, 'queueHeading', { count: queue.length }),
          ...queue.map((c, i) =>
            deskText(this.kit, 'queueLine', { position: i + 1, reference: c.reference, headline: escapeCustomerText(c.summary.headline) }),
          ),
        ]
      : [deskText(this.kit, 'nothingWaiting')];
    const busy = active.map((c) =>
      deskText(this.kit, 'activeLine', { reference: c.reference, name: c.technician?.name ?? deskText(this.kit, 'statusTakenElsewhere') }),
    );
    await this.tell(context, [...lines, ...busy].join('\n\n'));
  }

  private async take(context: TurnContext, command: Extract<DeskCommand, { kind: 'take' | 'takeNext' }>): Promise<void> {
    const { from } = context.activity;
    const technician: TechnicianSession = {
      id: from.id,
      name: from.name ?? '',
      conversation: TurnContext.getConversationReference(context.activity),
    };
    const result = await this.cases.take(command.kind === 'take' ? { reference: command.reference } : 'next', technician);

    if (result.kind === 'none') {
      const text =
        command.kind === 'take' ? deskText(this.kit, 'notFound', { reference: command.reference }) : deskText(this.kit, 'nothingWaiting');
      return this.tell(context, text);
    }
    if (result.kind === 'taken') {
      const name = (result.item.activeVia === 'desk' && result.item.technician?.name) || deskText(this.kit, 'statusTakenElsewhere');
      return this.tell(context, deskText(this.kit, 'alreadyTaken', { reference: result.item.reference, name }));
    }

    const { item } = result;
    let lines: string[] = [];
    await this.proactive.run(item.customer, async (customer) => {
      await loadCustomerLanguage(this.kit, customer);
      lines = transcriptLines(await transcriptOf(this.kit, customer), transcriptLinesOnTake).map((line) =>
        line.from === 'customer'
          ? deskText(this.kit, 'transcriptCustomer', { text: escapeCustomerText(line.text) })
          : deskText(this.kit, 'transcriptBot', { text: line.text }),
      );
      const name = technicianFirstName(this.kit, customer, technician.name);
      await sendSignal(this.kit, customer, { kind: 'handoff', state: 'connected' });
      await sendReply(this.kit, customer, { text: handoffText(this.kit, customer, 'technicianJoined', { name }), expectsReply: true });
    });
    this.kit.logger.info('desk case taken', { reference: item.reference, technicianId: technician.id });
    const transcript = lines.length ? [deskText(this.kit, 'transcriptHeading'), ...lines] : [];
    await this.tell(context, [deskText(this.kit, 'connected', { reference: item.reference }), ...transcript].join('\n\n'));
    await this.refresh(item);
  }

  private async end(context: TurnContext, session: HandoffCase): Promise<void> {
    const ended = await this.cases.change(session, (c) => {
      c.status = 'closed';
      c.outcome = 'ended';
    });
    await this.proactive.run(session.customer, async (customer) => {
      await loadCustomerLanguage(this.kit, customer);
      const name = technicianFirstName(this.kit, customer, session.technician?.name);
      await sendSignal(this.kit, customer, { kind: 'handoff', state: 'closed' });
      await this.resumer.resume(customer, {
        lead: handoffText(this.kit, customer, 'technicianLeft', { name }),
        leadBeforeSteps: handoffText(this.kit, customer, 'completedBeforeSteps'),
      });
      await this.kit.state.saveChanges(customer);
    });
    this.kit.logger.info('desk case ended', { reference: session.reference });
    await this.tell(context, deskText(this.kit, 'ended', { reference: session.reference }));
    await this.refresh(ended ?? session);
  }

  private async resumeAt(context: TurnContext, session: HandoffCase, step: number): Promise<void> {
    let answer = '';
    let resumed = false;
    await this.proactive.run(session.customer, async (customer) => {
      const progress = await this.kit.progress.get(customer, newProgress());
      const name = technicianFirstName(this.kit, customer, session.technician?.name);
      const client = this.kit.content.clients.find((c) => c.id === progress.clientId);
      if (!client) {
        answer = deskText(this.kit, 'noSteps');
        return;
      }
      if (step < 1 || step > client.steps.length) {
        answer = deskText(this.kit, 'badStep', { total: client.steps.length });
        return;
      }
      await sendSignal(this.kit, customer, { kind: 'handoff', state: 'closed' });
      await this.resumer.resume(customer, { lead: handoffText(this.kit, customer, 'sentBackToStep', { name, n: step }), stepIndex: step - 1 });
      await this.kit.state.saveChanges(customer);
      resumed = true;
      answer = deskText(this.kit, 'resumed', { reference: session.reference, n: step, total: client.steps.length, title: client.steps[step - 1].title });
    });
    let closed: HandoffCase | undefined;
    if (resumed) {
      closed = await this.cases.change(session, (c) => {
        c.status = 'closed';
        c.outcome = 'resumed';
      });
      this.kit.logger.info('desk case resumed at a step', { reference: session.reference, step });
    }
    await this.tell(context, answer);
    if (resumed) await this.refresh(closed ?? session);
  }

  private async relayToCustomer(session: HandoffCase, text: string): Promise<void> {
    const relayed = this.kit.redactor.redact(text).text;
    await this.proactive.run(session.customer, async (customer) => {
      await loadCustomerLanguage(this.kit, customer);
      const name = technicianFirstName(this.kit, customer, session.technician?.name);
      await sendReply(this.kit, customer, { text: handoffText(this.kit, customer, 'fromTechnician', { name, text: relayed }), expectsReply: true });
    });
  }

  private async toTechnician(item: HandoffCase, text: string): Promise<void> {
    if (!item.technician) return;
    await this.proactive.run(item.technician.conversation, async (context) => {
      await sendReply(this.kit, context, { text, expectsReply: false });
    });
  }
}
