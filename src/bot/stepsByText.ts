import type { TurnContext } from 'botbuilder';
import { callerNumber } from '../channels/callerNumber';
import type { TextMessageSender } from '../channels/textMessages';
import type { Content } from '../content/loader';
import { fill } from '../content/placeholders';
import { localContent, turnLanguage } from '../customer/language';
import type { StepsLinkSender } from '../dialogs/services';
import type { Logger } from '../logging/logger';
import type { PlaceLinks } from './placeLinks';

export interface StepsByTextOptions {
  links: PlaceLinks;
  texts: TextMessageSender;
  /** The website chat page (absolute); the link adds the token and the customer's language. */
  chatPageUrl: string;
  content: Content;
  logger: Logger;
}

/**
 * "Text me the steps" from a caller: a text message to the number they are calling from with a link that opens
 * their place in the website chat, in their language. Elsewhere (no caller number) nothing can be sent.
 */
export class StepsByText implements StepsLinkSender {
  constructor(private readonly options: StepsByTextOptions) {}

  async send(context: TurnContext): Promise<{ sentTo: string } | undefined> {
    const to = callerNumber(context.activity);
    if (!to) return undefined;
    const { links, texts, chatPageUrl, logger } = this.options;
    const url = new URL(chatPageUrl);
    url.searchParams.set('lang', turnLanguage(context));
    url.searchParams.set('continue', await links.create(context));
    const text = fill(localContent(this.options.content, context).messages.phone.stepsLinkText, { url: url.href });
    try {
      await texts.send(to, text);
    } catch (error) {
      logger.warn('steps link text message failed', { error: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
    logger.info('steps link texted', { conversationId: context.activity.conversation?.id });
    return { sentTo: to.slice(-4) };
  }
}
