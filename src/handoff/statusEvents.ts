import type { TurnContext } from 'botbuilder';
// botbuilder's own dependency (same version): the claims CloudAdapter validated for this request.
import { type ClaimsIdentity, JwtTokenValidation } from 'botframework-connector';
import type { TechnicianDeskPort } from './deskPort';
import type { CaseStore } from './cases';
import { button, customerContent, customerKey, handoffText, HandoffKit, sendReply, sendSignal } from './kit';
import type { ConversationResumer } from './resume';
import type { StatusSourceSettings } from './settings';

export const handoffStatusEventName = 'handoff.status';

type HandoffState = 'accepted' | 'failed' | 'completed';

function stateOf(value: unknown): HandoffState | undefined {
  const state = value && typeof value === 'object' ? (value as { state?: unknown }).state : undefined;
  return state === 'accepted' || state === 'failed' || state === 'completed' ? state : undefined;
}

/**
 * Where a status event came from: its channel and, with credentials, the app id its caller's token was
 * issued to (the `appid` or `azp` claim of the identity CloudAdapter validated; Bot Service channels'
 * tokens carry none, and local mode has no claims at all).
 */
export function statusSource(context: TurnContext): { channelId: string; appId?: string } {
  const identity = context.turnState.get(context.adapter.BotIdentityKey) as ClaimsIdentity | undefined;
  const claims = identity?.claims ?? [];
  const appId = claims.length ? JwtTokenValidation.getAppIdFromClaims(claims) : undefined;
  return { channelId: (context.activity.channelId ?? '').toLowerCase(), appId: appId ? appId.toLowerCase() : undefined };
}

/** True when the event comes from the configured contact centre (HANDOFF_STATUS_CHANNELS, HANDOFF_STATUS_APP_IDS). */
export function fromContactCentre(source: { channelId: string; appId?: string }, allowed: StatusSourceSettings | undefined): boolean {
  if (!allowed || !allowed.channels.includes(source.channelId)) return false;
  return allowed.appIds.length === 0 || (source.appId !== undefined && allowed.appIds.includes(source.appId));
}

/**
 * `handoff.status` events from the contact centre (the Bot Framework handoff protocol), in the
 * customer's conversation: accepted -> a technician has joined; failed -> phone, email and the
 * reference; completed -> back to the procedure exactly where the customer left off. A status for a
 * request the customer no longer has (cancelled, fixed on their own, handed back) is ignored. So is a
 * status from anyone but the contact centre (a customer's own Direct Line client can post events too):
 * one warning in the log, nothing to the customer, nothing changed.
 */
export class HandoffStatusHandler {
  constructor(
    private readonly kit: HandoffKit,
    private readonly cases: CaseStore,
    private readonly resumer: ConversationResumer,
    private readonly desk?: TechnicianDeskPort,
  ) {}

  async handle(context: TurnContext): Promise<void> {
    const conversationId = context.activity.conversation?.id;
    const source = statusSource(context);
    if (!fromContactCentre(source, this.kit.settings.statusFrom)) {
      this.kit.logger.warn('handoff.status ignored: not from the contact centre', {
        conversationId,
        channelId: source.channelId,
        callerAppId: source.appId,
      });
      return;
    }
    const state = stateOf(context.activity.value);
    if (!state) {
      this.kit.logger.warn('handoff.status ignored: unknown state', { conversationId });
      return;
    }
    const item = await this.cases.openFor(customerKey(context));
    this.kit.logger.info('handoff status', { conversationId, state, reference: item?.reference });
    // No open case: the customer cancelled, fixed it or was handed back already, and nothing may say otherwise.
    // Without any case on record (an injected gateway), a customer still waiting is answered as before.
    if (!item && !(await this.waitingWithoutCase(context))) {
      this.kit.logger.info('handoff.status ignored: the customer has no open request', { conversationId, state });
      return;
    }

    switch (state) {
      case 'accepted':
        if (item) {
          const changed = await this.cases.change(item, (c) => {
            c.status = 'active';
            c.activeVia = 'protocol';
          });
          if (changed?.onDesk) await this.desk?.refresh(changed);
        }
        await sendSignal(this.kit, context, { kind: 'handoff', state: 'connected' });
        await sendReply(this.kit, context, { text: handoffText(this.kit, context, 'accepted'), expectsReply: true });
        return;
      case 'failed': {
        if (item?.onDesk && (item.status === 'queued' || item.activeVia === 'desk')) {
          // The desk still has the case (the customer keeps their place, or is with a desk technician): only the contact centre is out of it.
          await this.cases.change(item, (c) => {
            c.viaProtocol = false;
          });
          return;
        }
        if (item) {
          const changed = await this.cases.change(item, (c) => {
            c.status = 'closed';
            c.outcome = 'failed';
          });
          if (changed?.onDesk) await this.desk?.refresh(changed);
        }
        await sendSignal(this.kit, context, { kind: 'handoff', state: 'closed' });
        await sendReply(this.kit, context, {
          // Without a case on record (a custom gateway), the phone and email are still given.
          text: item ? handoffText(this.kit, context, 'failed', { reference: item.ticket ?? item.reference }) : customerContent(this.kit, context).messages.handoffAlternatives,
          expectsReply: true,
          choices: [button(this.kit, context, 'continue')],
        });
        return;
      }
      case 'completed':
        if (item) {
          const changed = await this.cases.change(item, (c) => {
            c.status = 'closed';
            c.outcome = 'completed';
          });
          if (changed?.onDesk) await this.desk?.refresh(changed);
        }
        await sendSignal(this.kit, context, { kind: 'handoff', state: 'closed' });
        await this.resumer.resume(context, {
          lead: handoffText(this.kit, context, 'completed'),
          leadBeforeSteps: handoffText(this.kit, context, 'completedBeforeSteps'),
        });
        return;
    }
  }

  /** Still in the handoff with no case ever opened for them: the gateway was one that keeps none. */
  private async waitingWithoutCase(context: TurnContext): Promise<boolean> {
    const progress = await this.kit.progress.get(context);
    if (progress?.phase !== 'handoff') return false;
    return (await this.cases.lastFor(customerKey(context))) === undefined;
  }
}
