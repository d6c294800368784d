import { Activity, MemoryTranscriptStore, Middleware, Storage, TranscriptLoggerMiddleware, TranscriptStore, TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { HandoffDeliveryMiddleware } from '../channels/handoffDelivery';
import { NumberedChoices } from '../channels/numberedChoices';
import { RendererSettings, ReplyRenderer } from '../channels/renderer';
import type { ReplyChoice } from '../channels/reply';
import type { Content } from '../content/loader';
import { MainDialog } from '../dialogs/mainDialog';
import type { Progress } from '../dialogs/progress';
import type { DialogServices, HandoffGateway } from '../dialogs/services';
import { ProtocolHandoff } from '../handoff/protocolHandoff';
import type { Logger } from '../logging/logger';
import { createRedactor } from '../privacy/createRedactor';
import type { Redactor } from '../privacy/redaction';
import { RedactionMiddleware } from '../privacy/redactionMiddleware';
import { ClientChoiceRecognizer } from '../understanding/clientChoice';
import { IntentRecognizer } from '../understanding/intents';
import { CustomerState } from './customerState';
import { customerTranscript } from './customerTranscript';
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
}

export interface CreateBotOptions {
  content: Content;
  storage: Storage;
  logger: Logger;
  transcripts?: TranscriptStore;
  renderer?: ReplyRenderer;
  /** Voice channels, voice name and call transfer number (from configuration). */
  channels?: RendererSettings;
  /** Replaces the protocol handoff (tests, or several destinations). */
  handoff?: HandoffGateway;
}

async function readTranscript(store: TranscriptStore, context: TurnContext): Promise<Partial<Activity>[]> {
  const { channelId, conversation } = context.activity;
  const activities: Activity[] = [];
  let token: string | undefined;
  do {
    const page = await store.getTranscriptActivities(channelId, conversation.id, token);
    activities.push(...page.items);
    token = page.continuationToken || undefined;
  } while (token);
  return activities;
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

  const services: DialogServices = {
    content,
    intents,
    clientChoices: new ClientChoiceRecognizer(content.clients, content.lexicon, intents),
    progress,
    handoff:
      options.handoff ??
      new ProtocolHandoff(
        content,
        async (context) => customerTranscript(await readTranscript(transcripts, context), context.activity, content.policy.maxInputCharacters),
        logger,
      ),
    async send(context, reply) {
      await context.sendActivity(renderer.render(reply, context.activity));
      await numberedChoices.remember(context, reply);
    },
  };

  const bot = new StepwiseBot({
    state,
    dialogState,
    dialog: new MainDialog(services),
    maxInputCharacters: content.policy.maxInputCharacters,
    logger,
    warnAboutPassword: (context) => services.send(context, { text: content.messages.passwordWarning, expectsReply: true }),
  });
  // Order matters: passwords are masked before anything else reads the message; numbers become
  // choices before the transcript copies it, so summaries quote the choice.
  const middleware = [
    new RedactionMiddleware(redactor),
    numberedChoices,
    new HandoffDeliveryMiddleware(renderer),
    new TranscriptLoggerMiddleware(transcripts),
  ];
  return { bot, middleware, state, progress, transcripts, renderer, redactor };
}
