import { ActivityHandler, BotState, ChannelAccount, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { Dialog, DialogSet, DialogState, DialogTurnStatus } from 'botbuilder-dialogs';
import { isSharedConversation } from '../channels/audience';
import type { Logger } from '../logging/logger';
import { passwordSeen } from '../privacy/redactionMiddleware';
import { normalizeInbound } from './inbound';

/** Turns something else answers before the conversation (the handoff: desk, relay, status events). */
export interface TurnInterceptor {
  /** True when it answered the turn: the conversation does not run. */
  beforeTurn(context: TurnContext): Promise<boolean>;
  /** After the conversation, before state is saved. */
  afterTurn(context: TurnContext): Promise<void>;
}

export interface StepwiseBotOptions {
  state: BotState;
  dialogState: StatePropertyAccessor<DialogState>;
  dialog: Dialog;
  maxInputCharacters: number;
  logger: Logger;
  /** Tells the customer not to share passwords (the message was masked before it got here). */
  warnAboutPassword: (context: TurnContext) => Promise<void>;
  interceptor?: TurnInterceptor;
}

/**
 * The activity handler: greets new customers, runs the conversation for messages, ignores activity
 * types it has nothing to say to (typing, reactions, ...), and saves state at the end of every turn.
 */
export class StepwiseBot extends ActivityHandler {
  private readonly dialogs: DialogSet;

  constructor(private readonly options: StepwiseBotOptions) {
    super();
    this.dialogs = new DialogSet(options.dialogState);
    this.dialogs.add(options.dialog);

    this.onMessage(async (context, next) => {
      normalizeInbound(context, options.maxInputCharacters);
      // A message carrying a password is answered with a warning and does not move the customer.
      if (passwordSeen(context)) await options.warnAboutPassword(context);
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
    const handled = (await this.options.interceptor?.beforeTurn(context)) ?? false;
    if (!handled) await super.run(context);
    await this.options.interceptor?.afterTurn(context);
    // Saved only when the whole turn succeeded: a failed turn keeps the customer's last saved place.
    await this.options.state.saveChanges(context, false);
  }

  private async runDialog(context: TurnContext): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.options.dialog.id);
  }
}
