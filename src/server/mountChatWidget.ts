import type restify from 'restify';
import type { Logger } from '../logging/logger';
import type { DurableStorage } from '../storage/guardedWrite';
import { mountLocalDirectLine, CHANNEL_ID, DEFAULT_CONNECTOR_PATH, DEFAULT_DIRECT_LINE_PATH } from './directline';
import { azureConversationIssuer, credentialKeyFromSecret, mountDirectLineTokenRoute, mountWebChatPage, storedCredentialKey } from './webchat';
import type { WebChatPageOptions } from './webchat';

export interface ChatWidgetOptions {
  companyName: string;
  localMode: boolean;
  directLineSecret?: string;
  /** The ISP's sites that may embed the chat page in an iframe. */
  embeddingOrigins: string[];
  /** This server's own base URL once it listens (http://127.0.0.1:3978). */
  baseUrl: () => string;
  /** Local mode keeps the key of the customers' credentials here, so it survives a restart. */
  storage: DurableStorage;
  /** The page's own lines and the support number it links (see WebChatPageOptions). */
  page: Pick<WebChatPageOptions, 'texts' | 'locale' | 'translations' | 'supportPhone' | 'supportPhoneDialled' | 'referencePattern'>;
  /** Opens the place of a link texted to a caller for a chat user of this channel (see mountDirectLineTokenRoute). */
  openPlace?: (token: string, channelId: string, userId: string) => Promise<boolean>;
  logger: Logger;
}

const azureDirectLine = 'https://directline.botframework.com/v3/directline';

/**
 * The website chat widget: the page and its token route (POST /api/directline/token), which keeps a
 * returning customer's user id (see mountDirectLineTokenRoute). Local mode: conversations open in the
 * built-in Direct Line, which forwards to this server's /api/messages. Production: the page talks to
 * Azure's Direct Line with tokens this server exchanges for the secret (which never reaches a browser);
 * without a secret, no page is served.
 */
export function mountChatWidget(server: restify.Server, options: ChatWidgetOptions): 'local' | 'azure' | 'off' {
  const { companyName, logger } = options;
  const page = { companyName, embeddingOrigins: options.embeddingOrigins, logger, ...options.page };
  // Azure's Direct Line and the built-in one both name the website chat's channel webchat.
  const openPlace = options.openPlace && ((token: string, userId: string) => options.openPlace!(token, CHANNEL_ID, userId));
  if (options.localMode) {
    const directLine = mountLocalDirectLine(server, {
      botEndpoint: () => `${options.baseUrl()}/api/messages`,
      serviceUrl: () => `${options.baseUrl()}${DEFAULT_CONNECTOR_PATH}`,
      allowedOrigins: options.embeddingOrigins,
      logger,
    });
    mountDirectLineTokenRoute(server, {
      issue: async (userId) => directLine.openConversation(userId),
      credentialKey: storedCredentialKey(options.storage, logger),
      allowedOrigins: options.embeddingOrigins,
      openPlace,
      logger,
    });
    mountWebChatPage(server, { ...page, directLineDomain: DEFAULT_DIRECT_LINE_PATH });
    return 'local';
  }
  if (!options.directLineSecret) return 'off';
  mountDirectLineTokenRoute(server, {
    issue: azureConversationIssuer({ directLineSecret: options.directLineSecret }),
    credentialKey: credentialKeyFromSecret(options.directLineSecret),
    allowedOrigins: options.embeddingOrigins,
    openPlace,
    logger,
  });
  mountWebChatPage(server, { ...page, directLineDomain: azureDirectLine });
  return 'azure';
}
