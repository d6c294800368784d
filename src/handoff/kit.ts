import type { BotState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { CustomerState } from '../customer/customerState';
import { localContent, turnLanguage } from '../customer/language';
import type { ReplyRenderer } from '../channels/renderer';
import type { Reply } from '../channels/reply';
import type { ClientSignal } from '../channels/signals';
import type { Content } from '../content/loader';
import { fill } from '../content/placeholders';
import type { DeskMessageName, HandoffMessageName } from '../content/schema';
import type { Progress } from '../dialogs/progress';
import type { Logger } from '../logging/logger';
import type { Redactor } from '../privacy/redaction';
import type { DurableStorage } from '../storage/guardedWrite';
import type { IntentRecognizer } from '../understanding/intents';
import type { TimerQueue } from '../timers/timerQueue';
import type { Clock, Sleep } from './clock';
import type { HandoffSettings } from './settings';

type Values = Record<string, string | number | undefined>;

/** What the handoff parts share: content, state, the one redactor and renderer, the clock. */
export interface HandoffKit {
  content: Content;
  settings: HandoffSettings;
  logger: Logger;
  /** Conditional writes and key listing: the cases are records shared by every instance. */
  storage: DurableStorage;
  state: BotState;
  progress: StatePropertyAccessor<Progress>;
  intents: IntentRecognizer;
  renderer: ReplyRenderer;
  redactor: Redactor;
  /** The timers shared by every instance (silence check-ins and offers). */
  timers: TimerQueue;
  clock: Clock;
  sleep: Sleep;
  fetch: typeof fetch;
}

export function customerKey(context: TurnContext): string {
  return CustomerState.storageKey(context);
}

/** The content in the customer's language (this turn's: their state's, for turns outside their own). */
export function customerContent(kit: HandoffKit, context: TurnContext): Content {
  return localContent(kit.content, context);
}

/**
 * Makes a turn outside the customer's own (a relayed word, a technician joining) speak their language: it is
 * stored with their state, and loading the state adopts it (src/customer/language.ts). One read.
 */
export async function loadCustomerLanguage(kit: HandoffKit, context: TurnContext): Promise<void> {
  await kit.state.load(context);
}

export function handoffText(kit: HandoffKit, context: TurnContext, name: HandoffMessageName, values: Values = {}): string {
  return fill(customerContent(kit, context).messages.handoff[name], values);
}

export function deskText(kit: HandoffKit, name: DeskMessageName, values: Values = {}): string {
  return fill(kit.content.messages.desk[name], values);
}

/** Renders a channel-neutral reply for this turn's channel and sends it; resolves with the activity id. */
export async function sendReply(kit: HandoffKit, context: TurnContext, reply: Reply): Promise<string | undefined> {
  const response = await context.sendActivity(kit.renderer.render(reply, context.activity, turnLanguage(context)));
  return response?.id;
}

/** Tells the customer's client (where it listens: the website chat page) how the handoff stands. */
export async function sendSignal(kit: HandoffKit, context: TurnContext, signal: ClientSignal): Promise<void> {
  const activity = kit.renderer.renderSignal(signal, context.activity);
  if (activity) await context.sendActivity(activity);
}

export function button(kit: HandoffKit, context: TurnContext, name: keyof Content['messages']['buttons']): { label: string; value: string } {
  const label = customerContent(kit, context).messages.buttons[name];
  return { label, value: label };
}

/** A technician's display name as the customer sees it: the first name, or "A technician". */
export function technicianFirstName(kit: HandoffKit, context: TurnContext, name: string | undefined): string {
  const first = (name ?? '').trim().split(/\s+/)[0];
  return first || handoffText(kit, context, 'technicianName');
}
