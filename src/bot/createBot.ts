import { Activity, Middleware, Storage, TranscriptLoggerMiddleware, TranscriptStore, TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { ReplyRenderer } from '../channels/renderer';
import type { Content } from '../content/loader';
import { MainDialog } from '../dialogs/mainDialog';
import type { Progress } from '../dialogs/progress';
import type { DialogServices, HandoffGateway } from '../dialogs/services';
import { ProtocolHandoff } from '../handoff/protocolHandoff';
import type { Logger } from '../logging/logger';
import { ExpiringTranscriptStore } from '../storage/expiringTranscriptStore';
import { asDurableStorage } from '../storage/guardedWrite';
import { ClientChoiceRecognizer } from '../understanding/clientChoice';
import { IntentRecognizer } from '../understanding/intents';
import { CustomerState } from './customerState';
import { ForgetMe } from './forgetMe';
import { ReturningCustomers } from './returningCustomers';
import { StepwiseBot } from './stepwiseBot';
import { TurnCommitter } from './turnCommitter';
import { TurnGate } from './turnGate';

export interface BotParts {
  bot: StepwiseBot;
  /** Middleware the hosting layer attaches to its adapter, in this order (turn gate, transcript logging). */
  middleware: Middleware[];
  state: CustomerState;
  progress: DialogServices['progress'];
  transcripts: ExpiringTranscriptStore;
  renderer: ReplyRenderer;
  gate: TurnGate;
}

export interface CreateBotOptions {
  content: Content;
  storage: Storage;
  logger: Logger;
  transcripts?: TranscriptStore;
  renderer?: ReplyRenderer;
  /** Replaces the protocol handoff (tests, or several destinations). */
  handoff?: HandoffGateway;
  /** Days within which a customer in a new conversation is offered their place (default 7; 0: never). */
  returningCustomerDays?: number;
  now?: () => Date;
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
  const { content, logger } = options;
  const now = options.now ?? (() => new Date());
  const storage = asDurableStorage(options.storage);
  const transcripts = new ExpiringTranscriptStore(options.transcripts, now);
  const renderer = options.renderer ?? new ReplyRenderer();
  const state = new CustomerState(storage);
  const progress = state.createProperty<Progress>('progress');
  const dialogState = state.createProperty<DialogState>('dialogState');
  const intents = new IntentRecognizer(content.lexicon);
  const returningCustomers = new ReturningCustomers(storage, { days: options.returningCustomerDays ?? 7, now, logger });
  const notice = (text: string) => (context: TurnContext) => renderer.render({ text, expectsReply: false }, context.activity.channelId);

  const services: DialogServices = {
    content,
    intents,
    clientChoices: new ClientChoiceRecognizer(content.clients, content.lexicon, intents),
    progress,
    handoff: options.handoff ?? new ProtocolHandoff(content, (context) => readTranscript(transcripts, context), logger),
    returningCustomers,
    async send(context, reply) {
      await context.sendActivity(renderer.render(reply, context.activity.channelId));
    },
  };

  const bot = new StepwiseBot({
    dialogState,
    dialog: new MainDialog(services),
    maxInputCharacters: content.policy.maxInputCharacters,
    logger,
    turns: new TurnCommitter({
      state,
      storage,
      returningCustomers,
      logger,
      storageUnavailableReply: notice(content.messages.storageUnavailable),
    }),
    forgetMe: new ForgetMe({ storage, transcripts, intents, logger, confirmation: notice(content.messages.forgotten) }),
  });
  const gate = new TurnGate((context) => CustomerState.storageKey(context));
  return { bot, middleware: [gate, new TranscriptLoggerMiddleware(transcripts)], state, progress, transcripts, renderer, gate };
}
