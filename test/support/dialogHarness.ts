/**
 * Drives the real Stepwise bot (createBot: state, input normalization, dialogs, renderer, transcript
 * middleware, protocol handoff) through botbuilder's TestAdapter, one customer message per turn, and
 * compares every reply of the turn with a step table.
 */
import { Activity, ActivityTypes, ChannelAccount, ConversationAccount, MemoryStorage, Storage, TestAdapter } from 'botbuilder';
import { BotParts, createBot } from '../../src/bot/createBot';
import { loadConfig } from '../../src/config/config';
import { loadContent } from '../../src/content/loader';
import { fill } from '../../src/content/placeholders';
import type { HandoffReason, MessageName } from '../../src/content/schema';
import type { HandoffGateway } from '../../src/dialogs/services';
import type { HandoffSettings } from '../../src/handoff/settings';
import type { HandoffSummary } from '../../src/handoff/summary';
import { createMemoryLogger } from '../../src/logging/logger';
import { createAdapter } from '../../src/server/adapter';

/** The shipped content with the default ISP settings (smtp.airmail.net, 1-800-232-4335, ...). */
export { outlookExpressSteps, microsoftOutlookSteps } from './expectedSteps';
import { outlookExpressSteps, microsoftOutlookSteps } from './expectedSteps';

export const content = loadContent(loadConfig({}).isp);

/** A message from the content files with its placeholders filled. */
export function msg(name: MessageName, values: Record<string, string | number> = {}): string {
  return fill(content.messages[name], values);
}

/** The client question with what comes before it in the same message. */
export function askClient(...lead: string[]): string {
  return [...lead, msg('askClient')].join(' ');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const texts = {
  welcome: askClient(msg('greeting'), msg('explain550')),
  errorWelcome: askClient(msg('errorRecognized'), msg('explain550')),
  notUnderstood: askClient(msg('clientNotUnderstood')),
  startOver: askClient(msg('startOver')),
  /** With the default destination (the protocol event) the customer also gets the case reference. */
  handoff: expect.stringMatching(
    new RegExp(`^${escapeRegExp(msg('handoffStarted'))} Your reference number is SW-[A-Z0-9]{6}\\. ${escapeRegExp(msg('handoffAlternatives'))}$`),
  ) as unknown as string,
  /** The same before a step was reached (no program yet, or still on step 1): it claims no step. */
  handoffBeforeSteps: expect.stringMatching(
    new RegExp(
      `^${escapeRegExp(content.messages.handoff.startedBeforeSteps)} Your reference number is SW-[A-Z0-9]{6}\\. ${escapeRegExp(msg('handoffAlternatives'))}$`,
    ),
  ) as unknown as string,
  reprompt: (n: number) => msg('notUnderstoodStep', { n }),
  wait: (n: number) => msg('pause', { n }),
  hint: (n: number, hint: string) => `${msg('hintIntro', { n })} ${hint}`,
  intro: (clientName: string, total: number) => msg('procedureIntro', { clientName, total }),
};

/** A handoff.initiate event expected at this place among the turn's replies. */
export interface ExpectedHandoff {
  handoff: HandoffReason;
}

export function handoffEvent(reason: HandoffReason): ExpectedHandoff {
  return { handoff: reason };
}

export type ExpectedReply = string | ExpectedHandoff;

/** One row of a conversation: what the customer says, and every reply of that turn in order. */
export type StepRow = [says: string | Partial<Activity>, expected: ExpectedReply | ExpectedReply[]];

export interface TurnResult {
  activities: Partial<Activity>[];
  /** Message activities only. */
  messages: Partial<Activity>[];
  texts: string[];
  /** handoff.initiate events sent this turn. */
  handoffs: Partial<Activity>[];
}

export interface HarnessOptions {
  channelId?: string;
  conversation?: Partial<ConversationAccount>;
  user?: ChannelAccount;
  storage?: Storage;
  handoff?: HandoffGateway;
  /** Default: the protocol destination, and no handoff.status accepted from anyone. */
  handoffSettings?: HandoffSettings;
}

export interface SayOptions {
  from?: ChannelAccount;
  /** The turn is expected to fail (the adapter's onTurnError answers instead). */
  expectError?: boolean;
}

/** What the test sees of a reply: message text, or the reason of a handoff event. */
function observed(activity: Partial<Activity>): ExpectedReply | { type: string; name?: string } {
  if (activity.type === ActivityTypes.Message) return activity.text ?? '';
  if (activity.type === ActivityTypes.Event && activity.name === 'handoff.initiate') {
    return { handoff: (activity.value as HandoffSummary).reason as HandoffReason };
  }
  return { type: String(activity.type), ...(activity.name ? { name: activity.name } : {}) };
}

export class BotHarness {
  readonly adapter: TestAdapter;
  readonly parts: BotParts;
  readonly storage: Storage;
  readonly logger = createMemoryLogger();
  /** Every handoff.initiate event the bot sent, oldest first. */
  readonly handoffs: Partial<Activity>[] = [];
  /** Errors that reached the adapter's onTurnError. */
  readonly errors: unknown[] = [];
  private readonly channelId: string;
  private readonly conversation: ConversationAccount;
  private readonly user: ChannelAccount;
  private readonly bot: ChannelAccount = { id: 'stepwise-bot', name: 'Stepwise' };
  private nextId = 1;
  private readonly idPrefix = Math.random().toString(36).slice(2, 10);

  constructor(options: HarnessOptions = {}) {
    this.channelId = options.channelId ?? 'test';
    this.conversation = { id: 'conv-1', name: 'conv-1', isGroup: false, conversationType: 'personal', ...options.conversation } as ConversationAccount;
    this.user = options.user ?? { id: 'customer-1', name: 'Customer' };
    this.storage = options.storage ?? new MemoryStorage();
    this.parts = createBot({ content, storage: this.storage, logger: this.logger, handoff: options.handoff, handoffSettings: options.handoffSettings });

    this.adapter = new TestAdapter(async (context) => this.parts.bot.run(context));
    this.parts.middleware.forEach((middleware) => this.adapter.use(middleware));
    // The production error handler (src/server/adapter.ts), moved onto the test adapter.
    const production = createAdapter({
      credentials: { MicrosoftAppType: 'MultiTenant' },
      logger: this.logger,
      turnErrorReply: (context) => this.parts.renderer.render({ text: content.messages.turnError, expectsReply: false }, context.activity),
    });
    this.adapter.onTurnError = async (context, error) => {
      this.errors.push(error);
      await production.onTurnError(context, error);
    };
  }

  private activity(says: string | Partial<Activity>, from?: ChannelAccount): Partial<Activity> {
    const base: Partial<Activity> = {
      type: ActivityTypes.Message,
      // Unique across harnesses: a new bot on the same storage must not take a message for a retry.
      id: `${this.idPrefix}-m${this.nextId++}`,
      channelId: this.channelId,
      from: { ...(from ?? this.user) },
      recipient: { ...this.bot },
      conversation: { ...this.conversation },
      serviceUrl: 'https://test.example',
      locale: 'en-US',
      timestamp: new Date(),
    };
    return typeof says === 'string' ? { ...base, text: says } : { ...base, ...says };
  }

  /** One customer turn; returns every activity the bot sent in it. */
  async say(says: string | Partial<Activity>, options: SayOptions = {}): Promise<TurnResult> {
    this.adapter.activeQueue.splice(0);
    const errorsBefore = this.errors.length;
    await this.adapter.processActivity(this.activity(says, options.from));
    const activities = this.adapter.activeQueue.splice(0);
    const failed = this.errors.length > errorsBefore;
    if (failed && !options.expectError) throw this.errors[this.errors.length - 1];
    if (!failed && options.expectError) throw new Error(`Expected the turn ${JSON.stringify(says)} to fail, but it succeeded`);
    const handoffs = activities.filter((a) => a.type === ActivityTypes.Event && a.name === 'handoff.initiate');
    this.handoffs.push(...handoffs);
    const messages = activities.filter((a) => a.type === ActivityTypes.Message);
    return { activities, messages, texts: messages.map((m) => m.text ?? ''), handoffs };
  }

  /** A customer joins (conversationUpdate with membersAdded), as Web Chat and the Emulator send. */
  async join(): Promise<TurnResult> {
    return this.say({ type: ActivityTypes.ConversationUpdate, text: undefined, membersAdded: [{ ...this.user }, { ...this.bot }] });
  }

  /** Runs a step table: each customer message, then exactly the expected replies of that turn, in order. */
  async run(table: StepRow[], options: { from?: ChannelAccount } = {}): Promise<TurnResult[]> {
    const results: TurnResult[] = [];
    for (const [i, [says, expected]] of table.entries()) {
      const result = await this.say(says, { from: options.from });
      const wanted = Array.isArray(expected) ? expected : [expected];
      const label = typeof says === 'string' ? says : JSON.stringify(says);
      // The row number and the customer's words appear in the diff when a row fails.
      expect({ row: i + 1, says: label, replies: result.activities.map(observed) }).toEqual({ row: i + 1, says: label, replies: wanted });
      results.push(result);
    }
    return results;
  }

  /** The summary of the most recent handoff event. */
  lastHandoff(): HandoffSummary {
    const last = this.handoffs[this.handoffs.length - 1];
    if (!last) throw new Error('No handoff event was sent');
    return last.value as HandoffSummary;
  }
}

/**
 * Rows that take a new customer from "hi" to step `n` of a client chosen by `choice`, asserting every reply.
 * `steps` is the client's exact step list (from the test, not from content).
 */
export function rowsToStep(choice: string, clientName: string, steps: string[], n: number): StepRow[] {
  const rows: StepRow[] = [
    ['hi', texts.welcome],
    [choice, [texts.intro(clientName, steps.length), steps[0]]],
  ];
  for (let i = 1; i < n; i++) rows.push(['done', steps[i]]);
  return rows;
}

export const OE = { choice: 'Outlook Express', name: 'Outlook Express', steps: outlookExpressSteps };
/** "Outlook 2003" goes straight to the help page's Microsoft Outlook steps (the button "Microsoft Outlook" first asks which version). */
export const MSO = { choice: 'Outlook 2003', name: 'Microsoft Outlook', steps: microsoftOutlookSteps };

/** Rows that reach step `n` of Outlook Express (8 steps) or Microsoft Outlook (9 steps). */
export function toStep(client: typeof OE, n: number): StepRow[] {
  return rowsToStep(client.choice, client.name, client.steps, n);
}
