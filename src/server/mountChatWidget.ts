import type restify from 'restify';
import type { Logger } from '../logging/logger';
import { mountLocalDirectLine, DEFAULT_CONNECTOR_PATH, DEFAULT_DIRECT_LINE_PATH } from './directline';
import { mountDirectLineTokenRoute, mountWebChatPage } from './webchat';

export interface ChatWidgetOptions {
  companyName: string;
  localMode: boolean;
  directLineSecret?: string;
  /** The ISP's sites that may embed the chat page in an iframe. */
  embeddingOrigins: string[];
  /** This server's own base URL once it listens (http://127.0.0.1:3978). */
  baseUrl: () => string;
  logger: Logger;
}

const azureDirectLine = 'https://directline.botframework.com/v3/directline';

/**
 * The website chat widget. Local mode: the page plus a built-in Direct Line that forwards to this
 * server's /api/messages. Production: the page talks to Azure's Direct Line with tokens this server
 * exchanges for the secret (which never reaches a browser); without a secret, no page is served.
 */
export function mountChatWidget(server: restify.Server, options: ChatWidgetOptions): 'local' | 'azure' | 'off' {
  const { companyName, logger } = options;
  if (options.localMode) {
    mountLocalDirectLine(server, {
      botEndpoint: () => `${options.baseUrl()}/api/messages`,
      serviceUrl: () => `${options.baseUrl()}${DEFAULT_CONNECTOR_PATH}`,
      allowedOrigins: options.embeddingOrigins,
      logger,
    });
    mountWebChatPage(server, { companyName, directLineDomain: DEFAULT_DIRECT_LINE_PATH, embeddingOrigins: options.embeddingOrigins, logger });
    return 'local';
  }
  if (!options.directLineSecret) return 'off';
  mountDirectLineTokenRoute(server, { directLineSecret: options.directLineSecret, logger });
  mountWebChatPage(server, {
    companyName,
    directLineDomain: azureDirectLine,
    tokenEndpoint: '/api/directline/token',
    embeddingOrigins: options.embeddingOrigins,
    logger,
  });
  return 'azure';
}
