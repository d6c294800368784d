import { ActivityHandler, ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory, type Activity } from 'botbuilder';

/**
 * A tiny bot for HTTP and browser tests: greets on conversationUpdate (with suggested actions),
 * sends typing then echoes each message. Records every activity it receives.
 */
export const GREETING = 'Welcome to Test ISP support! Which mail program do you use?';
export const CHOICES = ['Outlook Express', 'Microsoft Outlook'];

export interface EchoBot {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  received: Partial<Activity>[];
}

export function createEchoBot(): EchoBot {
  const received: Partial<Activity>[] = [];
  // No MicrosoftAppId: CloudAdapter accepts unauthenticated requests and replies without a token.
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  adapter.onTurnError = async (context, error) => {
    // eslint-disable-next-line no-console
    console.error('echo bot turn failed', error);
    await context.sendActivity('The echo bot failed.');
  };

  const bot = new ActivityHandler();
  bot.onTurn(async (context, next) => {
    received.push(JSON.parse(JSON.stringify(context.activity)) as Partial<Activity>);
    await next();
  });
  bot.onMembersAdded(async (context, next) => {
    for (const member of context.activity.membersAdded ?? []) {
      if (member.id !== context.activity.recipient.id) {
        await context.sendActivity(MessageFactory.suggestedActions(CHOICES, GREETING));
      }
    }
    await next();
  });
  bot.onMessage(async (context, next) => {
    await context.sendActivity({ type: ActivityTypes.Typing });
    await context.sendActivity(`Echo: ${context.activity.text ?? ''}`);
    await next();
  });
  return { adapter, bot, received };
}
