import { ActivityHandler, ChannelAccount, TurnContext } from 'botbuilder';
import { isSharedConversation } from '../channels/audience';
import type { Logger } from '../logging/logger';
import { normalizeInbound } from '../customer/inbound';

/** Turns something else answers before the conversation (the handoff: desk, relay, status events). */
export interface TurnInterceptor {
  /** True when it answered the turn: the conversation does not run. */
  beforeTurn(context: TurnContext): Promise<boolean>;
  /** After the conversation, before state is saved. */
  afterTurn(context: TurnContext): Promise<void>;
}

/** Runs a turn's logic and saves its state (TurnCommitter: eTags, retries, duplicates). */
export interface TurnRunner {
  run(context: TurnContext, logic: () => Promise<void>): Promise<void>;
}

/** "Forget me", handled before the conversation sees the message. */
export interface ForgetRequests {
  isRequest(context: TurnContext): boolean;
  forget(context: TurnContext): Promise<void>;
}

/** The conversation's dialogs (src/dialogs/conversation.ts), run for one turn. */
export interface ConversationRunner {
  run(context: TurnContext): Promise<void>;
}

/** Decides the language the turn answers in (src/bot/languageChooser.ts), before anything answers. */
export interface TurnLanguageChoice {
  choose(context: TurnContext): Promise<void>;
}

export interface StepwiseBotOptions {
  conversation: ConversationRunner;
  language?: TurnLanguageChoice;
  maxInputCharacters: number;
  logger: Logger;
  interceptor?: TurnInterceptor;
  turns: TurnRunner;
  forgetMe?: ForgetRequests;
}

/**
 * The activity handler: greets new customers, runs the conversation for messages, ignores activity
 * types it has nothing to say to (typing, reactions, ...). Every turn runs inside the TurnRunner,
 * which saves state only when the whole turn succeeded: a failed turn keeps the customer's last saved place.
 */
export class StepwiseBot extends ActivityHandler {
  constructor(private readonly options: StepwiseBotOptions) {
    super();

    this.onMessage(async (context, next) => {
      normalizeInbound(context, options.maxInputCharacters);
      // A message carrying a password is answered by the conversation: a warning, and the open question again.
      if (options.forgetMe?.isRequest(context)) await options.forgetMe.forget(context);
      else await this.runDialog(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const customers = (context.activity.membersAdded ?? []).filter((member: ChannelAccount) => member.id !== context.activity.recipient?.id);
      // In a channel or group chat this comes from whoever added the members: nobody there has asked for help.
      if (customers.length > 0 && !isSharedConversation(context.activity.conversation)) await this.runDialog(context);
      await next();
    });
  }

  async run(context: TurnContext): Promise<void> {
    await this.options.turns.run(context, async () => {
      await this.options.language?.choose(context);
      const handled = (await this.options.interceptor?.beforeTurn(context)) ?? false;
      if (!handled) await super.run(context);
      await this.options.interceptor?.afterTurn(context);
    });
  }

  private runDialog(context: TurnContext): Promise<void> {
    return this.options.conversation.run(context);
  }
}
