import type { Middleware, Storage, TurnContext } from 'botbuilder';
import type { DialogState } from '../dialogs/sdk';
import { HandoffDeliveryMiddleware } from '../channels/handoffDelivery';
import { NumberedChoices } from '../channels/numberedChoices';
import { rendererMessages, RendererSettings, ReplyRenderer } from '../channels/renderer';
import type { ReplyChoice } from '../channels/reply';
import type { Content } from '../content/loader';
import { Conversation } from '../dialogs/conversation';
import type { Progress } from '../dialogs/progress';
import type { DialogServices, HandoffGateway } from '../dialogs/services';
import { TechnicianDesk } from '../desk/desk';
import { type Clock, createHandoff, defaultHandoffSettings, type HandoffSettings, type HandoffSystem, type Sleep } from '../handoff/index';
import type { Logger } from '../logging/logger';
import { createRedactor } from '../privacy/createRedactor';
import type { Redactor } from '../privacy/redaction';
import { passwordSeen, RedactionMiddleware } from '../privacy/redactionMiddleware';
import { asDurableStorage } from '../storage/guardedWrite';
import { MemoryTimerQueue, memoryTimersOf } from '../timers/memoryTimerQueue';
import type { TimerQueue } from '../timers/timerQueue';
import type { OutcomeSink } from '../outcomes/events';
import { TurnOutcomes } from '../outcomes/turnOutcomes';
import { IntentRecognizer } from '../understanding/intents';
import { LanguageModels } from '../understanding/trained';
import { LanguageDetector } from '../understanding/languageDetection';
import { baseLanguage, Language } from '../content/languages';
import { CustomerLanguage, customerLanguageProperty, localContent, turnLanguage } from '../customer/language';
import { LanguageChooser } from './languageChooser';
import { understandTurn } from '../understanding/turnUnderstanding';
import { CustomerState } from '../customer/customerState';
import { StoredTranscripts } from '../customer/storedTranscripts';
import { ForgetMe } from './forgetMe';
import { placeFingerprint, ReturningCustomers } from './returningCustomers';
import { StepwiseBot } from './stepwiseBot';
import { TranscriptRecorder } from './transcriptRecorder';
import { TurnCommitter } from './turnCommitter';
import { TurnGate } from './turnGate';
import { PlaceLinks } from './placeLinks';
import { StepsByText } from './stepsByText';
import type { TextMessageSender } from '../channels/textMessages';

export interface BotParts {
  bot: StepwiseBot;
  /** Middleware the hosting layer attaches to its adapter, in this order. */
  middleware: Middleware[];
  state: CustomerState;
  progress: DialogServices['progress'];
  /** The conversations' recent messages, kept in each customer's state (diagnostics and tests). */
  transcripts: StoredTranscripts;
  renderer: ReplyRenderer;
  /** The one password redactor: transcripts, summaries, logs and webhooks all use it. */
  redactor: Redactor;
  /** Destinations, desk, silence check-ins; the hosting layer attaches the adapter and ticks it. */
  handoff: HandoffSystem;
  gate: TurnGate;
  /** Trains the understanding, every language, and resolves when it is (the first turn would otherwise). */
  train(): Promise<unknown>;
  /** The conversations' outcome events, handed to the sinks it was given. */
  outcomes: TurnOutcomes;
  /** Links that open a caller's place in the website chat (the chat page's token route opens them). */
  placeLinks: PlaceLinks;
}

export interface CreateBotOptions {
  content: Content;
  storage: Storage;
  logger: Logger;
  renderer?: ReplyRenderer;
  /** Voice channels, voice name and call transfer number (from configuration). */
  channels?: RendererSettings;
  /** Replaces the handoff gateway the dialogs call (tests). */
  handoff?: HandoffGateway;
  /** Where handoffs go (HANDOFF_DESTINATIONS and friends); default: the protocol event only. */
  handoffSettings?: HandoffSettings;
  /** Injectable time, waiting and HTTP for silence, business hours, retention and webhook retries (tests). */
  clock?: Clock;
  sleep?: Sleep;
  fetch?: typeof fetch;
  /** Days within which a customer in a new conversation is offered their place (default 7; 0: never). */
  returningCustomerDays?: number;
  /** The shared timer queue (silence check-ins); default: in memory, kept with `storage`. */
  timers?: TimerQueue;
  /** Where the conversations' outcome events go (the store, exporters); default: nowhere. */
  outcomeSinks?: OutcomeSink[];
  /** DEFAULT_LANGUAGE: for customers whose client names no locale Stepwise speaks (default English). */
  defaultLanguage?: Language;
  /** Text messages to callers ("text me the steps"), with a link to `chatPageUrl`; absent: none are sent. */
  stepsByText?: { texts: TextMessageSender; chatPageUrl: string };
}

// A timer received but not completed comes back after this long (the in-memory default's claim).
const defaultClaimMs = 30_000;

/** Composes content, understanding, state and dialogs into the bot. Hosting-free: tests use it directly. */
export function createBot(options: CreateBotOptions): BotParts {
  const { content, logger } = options;
  const now = options.clock ? () => options.clock!.now() : () => new Date();
  const storage = asDurableStorage(options.storage);
  const transcripts = new StoredTranscripts(storage, content.policy.transcripts);
  const renderer = options.renderer ?? new ReplyRenderer(rendererMessages(content), options.channels);
  const returningCustomers = new ReturningCustomers(storage, { days: options.returningCustomerDays ?? 7, now, logger });
  const outcomes = new TurnOutcomes({ content, sinks: options.outcomeSinks ?? [], now, logger });
  // Places changed outside the customer's turns (a technician's "resume at step N") reach their record and outcomes too.
  const state = new CustomerState(storage, (context, before, after) => {
    outcomes.saved(context, before, after);
    return returningCustomers.record(context, placeFingerprint(before.progress as Progress | undefined), after.progress as Progress | undefined);
  });
  const progress = state.createProperty<Progress>('progress');
  const dialogState = state.createProperty<DialogState>('dialogState');
  const intents = new IntentRecognizer(content.lexicon);
  const redactor = createRedactor(content);
  const numberedChoices = new NumberedChoices(state.createProperty<ReplyChoice[]>('offeredChoices'), renderer, (text) => intents.ordinal(text));
  /** A notice in the turn's language: `name` is looked up in that language's messages. */
  const notice = (name: 'storageUnavailable' | 'forgotten') => (context: TurnContext) =>
    renderer.render({ text: localContent(content, context).messages[name], expectsReply: false }, context.activity, turnLanguage(context));
  const handoff = createHandoff({
    content,
    settings: options.handoffSettings ?? defaultHandoffSettings,
    logger,
    storage,
    state,
    progress,
    intents,
    renderer,
    redactor,
    timers: options.timers ?? new MemoryTimerQueue(memoryTimersOf(options.storage), () => now().getTime(), defaultClaimMs),
    desk: (parts) => new TechnicianDesk(parts.kit, parts.settings, parts.cases, parts.proactive, parts.resumer),
    clock: options.clock,
    sleep: options.sleep,
    fetch: options.fetch,
  });

  const models = new LanguageModels(content);
  let detector: Promise<LanguageDetector> | undefined;
  const languageChooser = new LanguageChooser({
    language: state.createProperty<CustomerLanguage>(customerLanguageProperty),
    intents,
    detector: () => (detector ??= models.all().then((trained) => new LanguageDetector(trained))),
    defaultLanguage: options.defaultLanguage ?? baseLanguage,
  });
  const placeLinks = new PlaceLinks(storage, returningCustomers, now);
  const stepsLink = options.stepsByText && new StepsByText({ ...options.stepsByText, links: placeLinks, content, logger });
  const services: DialogServices = {
    content,
    contentFor: (context) => localContent(content, context),
    adoptLanguage: (context, language) => languageChooser.adopt(context, language),
    intents,
    understand: (context, where) => understandTurn(context, models.byLanguage, where),
    passwordTyped: passwordSeen,
    progress,
    handoff: options.handoff ?? handoff.gateway,
    returningCustomers,
    stepsLink,
    async send(context, reply) {
      await context.sendActivity(renderer.render(reply, context.activity, turnLanguage(context)));
      await numberedChoices.remember(context, reply);
    },
    noteOutcome: (context, note) => outcomes.note(context, note),
  };

  // The desk's conversation is the technicians', not a customer's: what is said there is kept nowhere.
  const recordsTranscript = (context: TurnContext) => !handoff.isDeskConversation(context.activity);
  const conversation = new Conversation(services, dialogState);
  handoff.useConversation(conversation);
  const bot = new StepwiseBot({
    conversation,
    // The desk's conversation is the technicians': it has no customer whose language to choose.
    language: { choose: (context) => (handoff.isDeskConversation(context.activity) ? Promise.resolve() : languageChooser.choose(context)) },
    maxInputCharacters: content.policy.maxInputCharacters,
    logger,
    interceptor: handoff.interceptor,
    turns: new TurnCommitter({
      state,
      storage,
      returningCustomers,
      logger,
      storageUnavailableReply: notice('storageUnavailable'),
      transcript: { bounds: content.policy.transcripts, maxInputCharacters: content.policy.maxInputCharacters, now, records: recordsTranscript },
      outcomes,
    }),
    forgetMe: new ForgetMe({
      storage,
      returningCustomers,
      intents,
      logger,
      confirmation: (context) => {
        const signal = renderer.renderSignal({ kind: 'forgotten' }, context.activity);
        return [notice('forgotten')(context), ...(signal ? [signal] : [])];
      },
      alsoForget: (customerKeys) => handoff.forgetCustomer(customerKeys),
    }),
  });
  const gate = new TurnGate((context) => CustomerState.storageKey(context));
  // Order matters: one turn per customer at a time; passwords are masked before anything else reads the
  // message; numbers become choices before the transcript copies it, so summaries quote the choice.
  const middleware = [
    gate,
    new RedactionMiddleware(redactor),
    numberedChoices,
    new HandoffDeliveryMiddleware(renderer),
    new TranscriptRecorder(transcripts, { bounds: content.policy.transcripts, now, records: recordsTranscript, logger }),
  ];
  return { bot, middleware, state, progress, transcripts, renderer, redactor, handoff, gate, train: () => models.all(), outcomes, placeLinks };
}
