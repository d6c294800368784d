import { MemoryTranscriptStore, Middleware, Storage, TranscriptLoggerMiddleware, TranscriptStore } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { HandoffDeliveryMiddleware } from '../channels/handoffDelivery';
import { NumberedChoices } from '../channels/numberedChoices';
import { RendererSettings, ReplyRenderer } from '../channels/renderer';
import type { ReplyChoice } from '../channels/reply';
import type { Content } from '../content/loader';
import { MainDialog } from '../dialogs/mainDialog';
import type { Progress } from '../dialogs/progress';
import type { DialogServices, HandoffGateway } from '../dialogs/services';
import type { Clock, Sleep } from '../handoff/clock';
import { createHandoff, HandoffSystem } from '../handoff/index';
import { defaultHandoffSettings, HandoffSettings } from '../handoff/settings';
import type { Logger } from '../logging/logger';
import { createRedactor } from '../privacy/createRedactor';
import type { Redactor } from '../privacy/redaction';
import { RedactionMiddleware } from '../privacy/redactionMiddleware';
import { ClientChoiceRecognizer } from '../understanding/clientChoice';
import { IntentRecognizer } from '../understanding/intents';
import { CustomerState } from './customerState';
import { StepwiseBot } from './stepwiseBot';

export interface BotParts {
  bot: StepwiseBot;
  /** Middleware the hosting layer attaches to its adapter (transcript logging). */
  middleware: Middleware[];
  state: CustomerState;
  progress: DialogServices['progress'];
  transcripts: TranscriptStore;
  renderer: ReplyRenderer;
  /** The one password redactor: transcripts, summaries, logs and webhooks all use it. */
  redactor: Redactor;
  /** Destinations, desk, silence check-ins; the hosting layer attaches the adapter and ticks it. */
  handoff: HandoffSystem;
}

export interface CreateBotOptions {
  content: Content;
  storage: Storage;
  logger: Logger;
  transcripts?: TranscriptStore;
  renderer?: ReplyRenderer;
  /** Voice channels, voice name and call transfer number (from configuration). */
  channels?: RendererSettings;
  /** Replaces the handoff gateway the dialogs call (tests). */
  handoff?: HandoffGateway;
  /** Where handoffs go (HANDOFF_DESTINATIONS and friends); default: the protocol event only. */
  handoffSettings?: HandoffSettings;
  /** Injectable time, waiting and HTTP for silence, business hours and webhook retries (tests). */
  clock?: Clock;
  sleep?: Sleep;
  fetch?: typeof fetch;
}

/** Composes content, understanding, state and dialogs into the bot. Hosting-free: tests use it directly. */
export function createBot(options: CreateBotOptions): BotParts {
  const { content, storage, logger } = options;
  const transcripts = options.transcripts ?? new MemoryTranscriptStore();
  const renderer = options.renderer ?? new ReplyRenderer(content.messages, options.channels);
  const state = new CustomerState(storage);
  const progress = state.createProperty<Progress>('progress');
  const dialogState = state.createProperty<DialogState>('dialogState');
  const intents = new IntentRecognizer(content.lexicon);
  const redactor = createRedactor(content);
  const numberedChoices = new NumberedChoices(state.createProperty<ReplyChoice[]>('offeredChoices'), renderer, (text) => intents.ordinal(text));
  const handoff = createHandoff({
    content,
    settings: options.handoffSettings ?? defaultHandoffSettings,
    logger,
    storage,
    state,
    progress,
    dialogState,
    intents,
    renderer,
    redactor,
    transcripts,
    clock: options.clock,
    sleep: options.sleep,
    fetch: options.fetch,
  });

  const services: DialogServices = {
    content,
    intents,
    clientChoices: new ClientChoiceRecognizer(content.clients, content.lexicon, intents),
    progress,
    handoff: options.handoff ?? handoff.gateway,
    async send(context, reply) {
      await context.sendActivity(renderer.render(reply, context.activity));
      await numberedChoices.remember(context, reply);
    },
  };

  const dialog = new MainDialog(services);
  handoff.useDialog(dialog);
  const bot = new StepwiseBot({
    state,
    dialogState,
    dialog,
    maxInputCharacters: content.policy.maxInputCharacters,
    logger,
    warnAboutPassword: (context) => services.send(context, { text: content.messages.passwordWarning, expectsReply: true }),
    interceptor: handoff.interceptor,
  });
  // Order matters: passwords are masked before anything else reads the message; numbers become
  // choices before the transcript copies it, so summaries quote the choice.
  const middleware = [
    new RedactionMiddleware(redactor),
    numberedChoices,
    new HandoffDeliveryMiddleware(renderer),
    new TranscriptLoggerMiddleware(transcripts),
  ];
  return { bot, middleware, state, progress, transcripts, renderer, redactor, handoff };
}
