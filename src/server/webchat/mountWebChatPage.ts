import type { Request, Response, Server } from 'restify';
import { createLogger, type Logger } from '../../logging/logger';
import { guarded } from '../http/guarded';
import { APP_SCRIPT } from './appScript';
import { contentSecurityPolicy } from './contentSecurityPolicy';
import { TOKEN_ROUTE } from './mountDirectLineTokenRoute';
import { renderPage, type PageTexts } from './pageHtml';
import { PageLanguages } from './pageLanguage';
import { PAGE_CSS } from './pageStyles';
import { resolveWebChatBundle, serveWebChatBundle, webChatVersion } from './webChatBundle';

/**
 * The customer-facing chat page: GET / (HTML), /webchat/app.js, /webchat/app.css and
 * /webchat/webchat.js (Web Chat's standalone bundle from node_modules).
 */
export interface WebChatPageOptions {
  /** The ISP's name, shown in the title and header. */
  companyName: string;
  /** Direct Line base URL as the browser sees it: '/v3/directline' (local) or 'https://directline.botframework.com/v3/directline'. */
  directLineDomain: string;
  /** Where the page POSTs for a token (default: /api/directline/token, in both modes). */
  tokenEndpoint?: string;
  /** The page's own lines (content: messages.webChat), in the default language... */
  texts: PageTexts;
  /** ...its locale (default en-US)... */
  locale?: string;
  /**
   * ...and in other languages, by locale (es-US): a browser preferring one (Accept-Language), or a link with
   * ?lang=es (the ISP's Spanish pages), gets the page in it, and Web Chat tells the bot that locale.
   */
  translations?: Record<string, PageTexts>;
  /** The ISP's support number as written, and as dialled (+1...) for tel: links. */
  supportPhone: string;
  supportPhoneDialled?: string;
  /** Case references in the bot's messages (source of a RegExp), kept on one line by the page. */
  referencePattern?: string;
  /** Origins allowed to embed the page in an iframe (the ISP's website), e.g. https://www.example.net. */
  embeddingOrigins?: string[];
  logger?: Logger;
}

function sendText(res: Response, body: string, contentType: string, extra: Record<string, string> = {}): void {
  res.writeHead(200, {
    'Content-Type': contentType,
    'Content-Length': String(Buffer.byteLength(body)),
    'X-Content-Type-Options': 'nosniff',
    ...extra,
  });
  res.end(body);
}

export function mountWebChatPage(server: Server, options: WebChatPageOptions): void {
  const logger = options.logger ?? createLogger('silent');
  const domain = options.directLineDomain.replace(/\/+$/, '');
  const tokenEndpoint = options.tokenEndpoint ?? TOKEN_ROUTE;
  const bundlePath = resolveWebChatBundle();
  const version = webChatVersion(bundlePath);
  const pageIn = (locale: string, texts: PageTexts) =>
    renderPage({
      companyName: options.companyName,
      locale,
      directLineDomain: domain,
      tokenEndpoint,
      assetVersion: version,
      texts,
      supportPhone: options.supportPhone,
      supportPhoneDialled: options.supportPhoneDialled,
      referencePattern: options.referencePattern,
    });
  const pages = new PageLanguages(options.locale ?? 'en-US', Object.fromEntries(
    [[options.locale ?? 'en-US', options.texts] as const, ...Object.entries(options.translations ?? {})].map(([locale, texts]) => [locale, pageIn(locale, texts)]),
  ));
  const csp = contentSecurityPolicy(domain, tokenEndpoint, options.embeddingOrigins);
  const assetCache = { 'Cache-Control': 'public, max-age=3600' };

  server.get('/', guarded(logger, 'webchat.route_failed', 'page', async (req: Request, res: Response) => {
    const html = pages.for(req);
    // frame-ancestors in the policy decides who may frame the page; X-Frame-Options only says it for old browsers.
    if (options.embeddingOrigins?.length) res.removeHeader('X-Frame-Options');
    else res.setHeader('X-Frame-Options', 'SAMEORIGIN');
    sendText(res, html, 'text/html; charset=utf-8', {
      'Content-Security-Policy': csp,
      'Cache-Control': 'no-cache',
      'Referrer-Policy': 'no-referrer',
      Vary: 'Accept-Language',
    });
  }));
  server.get('/webchat/app.js', guarded(logger, 'webchat.route_failed', 'app.js', async (_req, res) => {
    sendText(res, APP_SCRIPT, 'application/javascript; charset=utf-8', assetCache);
  }));
  server.get('/webchat/app.css', guarded(logger, 'webchat.route_failed', 'app.css', async (_req, res) => {
    sendText(res, PAGE_CSS, 'text/css; charset=utf-8', assetCache);
  }));
  server.get('/webchat/webchat.js', guarded(logger, 'webchat.route_failed', 'webchat.js', (req, res) => serveWebChatBundle(req, res, bundlePath)));
}
