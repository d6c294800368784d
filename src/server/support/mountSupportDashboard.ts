import type { Request, Response, Server } from 'restify';
import type { Content } from '../../content/loader';
import type { Logger } from '../../logging/logger';
import { figuresCsv } from '../../outcomes/figuresCsv';
import type { OutcomeReports } from '../../outcomes/outcomeReports';
import { guarded } from '../http/guarded';
import { readChartBundle } from './chartBundle';
import { DASHBOARD_CSP } from './dashboardPolicy';
import { renderDashboardPage, renderSignInPage } from './dashboardPage';
import { DASHBOARD_SCRIPT } from './dashboardScript';
import { DASHBOARD_CSS } from './dashboardStyles';
import { parseFiguresQuery } from './figuresQuery';
import { accessVerdict, cookieValue, sameSecret, SUPPORT_COOKIE, type SupportAccess } from './supportAccess';

export interface SupportDashboardOptions {
  access: SupportAccess;
  reports: OutcomeReports;
  content: Content;
  companyName: string;
  /** Production serves over https (behind App Service or a proxy): the cookie is then Secure. */
  localMode: boolean;
  now: () => Date;
  logger: Logger;
}

type Handler = (req: Request, res: Response) => Promise<void>;

function send(res: Response, status: number, body: string, contentType: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

function sendError(res: Response, status: number, error: string, headers: Record<string, string> = {}): void {
  send(res, status, JSON.stringify({ error }), 'application/json', { 'Cache-Control': 'no-store', ...headers });
}

/** What the page needs to name what the figures name by id: programs and their steps, reasons, questions, errors. */
/** A form post carries the page's Origin: it must be this server's own. */
function fromThisServer(req: Request): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function labelsOf(content: Content) {
  const dashboard = content.messages.supportDashboard;
  return {
    texts: dashboard.texts,
    programs: Object.fromEntries(content.clients.map((client) => [client.id, { name: client.displayName, steps: client.steps.map((step) => step.title) }])),
    reasons: dashboard.handoffReasons,
    questions: dashboard.questions,
    entries: dashboard.entries,
    errors: dashboard.errors,
  };
}

/**
 * The support dashboard: GET /support (the page), /support/figures.json and /support/outcomes.csv (the
 * figures for ?from=&to=&channel=&program=), its script, styles and Chart.js; POST /support/sign-in with
 * ADMIN_TOKEN. Not mounted where nobody may open it (production without ADMIN_TOKEN).
 */
export function mountSupportDashboard(server: Server, options: SupportDashboardOptions): boolean {
  const { access, logger } = options;
  if (access.kind === 'off') return false;
  const texts = options.content.messages.supportDashboard.texts;
  const chart = readChartBundle();
  const page = renderDashboardPage(texts, options.companyName, chart.version);
  const labels = labelsOf(options.content);
  const pageHeaders = { 'Content-Security-Policy': DASHBOARD_CSP, 'Cache-Control': 'no-store' };
  const assetHeaders = { 'Cache-Control': 'private, max-age=3600' };

  /** Answers the request itself unless its caller may see the dashboard; `page`: a sign-in form rather than JSON. */
  const protect = (name: string, handler: Handler, asPage = false): Handler =>
    guarded(logger, 'support.route_failed', name, async (req, res) => {
      const verdict = accessVerdict(req, access);
      if (verdict === 'allowed') return handler(req, res);
      if (verdict === 'forbidden') return sendError(res, 403, 'The support dashboard opens only from this machine (or set ADMIN_TOKEN).');
      if (asPage) return send(res, 401, renderSignInPage(texts, chart.version, false), 'text/html; charset=utf-8', pageHeaders);
      sendError(res, 401, 'Sign in to the support dashboard first.', { 'WWW-Authenticate': 'Bearer realm="stepwise-support"' });
    });

  const figures = async (req: Request, res: Response, answer: (result: Awaited<ReturnType<OutcomeReports['figures']>>, request: { from: string; to: string }) => void) => {
    const parsed = parseFiguresQuery(Object.fromEntries(new URLSearchParams(req.getQuery())), options.now());
    if ('problem' in parsed) return sendError(res, 400, parsed.problem);
    answer(await options.reports.figures(parsed.query), parsed.request);
  };

  server.get('/support', protect('page', async (_req, res) => send(res, 200, page, 'text/html; charset=utf-8', pageHeaders), true));
  server.get('/support/app.js', protect('app.js', async (_req, res) => send(res, 200, DASHBOARD_SCRIPT, 'application/javascript; charset=utf-8', assetHeaders)));
  server.get('/support/chart.js', protect('chart.js', async (_req, res) => send(res, 200, chart.script, 'application/javascript; charset=utf-8', assetHeaders)));
  // The sign-in form uses it too.
  server.get('/support/app.css', guarded(logger, 'support.route_failed', 'app.css', async (_req, res) => send(res, 200, DASHBOARD_CSS, 'text/css; charset=utf-8', assetHeaders)));
  server.get(
    '/support/figures.json',
    protect('figures.json', (req, res) =>
      figures(req, res, (result, request) => send(res, 200, JSON.stringify({ query: request, figures: result, labels }), 'application/json', { 'Cache-Control': 'no-store' })),
    ),
  );
  server.get(
    '/support/outcomes.csv',
    protect('outcomes.csv', (req, res) =>
      figures(req, res, (result, request) =>
        send(res, 200, figuresCsv(result), 'text/csv; charset=utf-8', {
          'Cache-Control': 'no-store',
          'Content-Disposition': `attachment; filename="stepwise-outcomes-${request.from}-to-${request.to}.csv"`,
        }),
      ),
    ),
  );

  if (access.kind === 'token') {
    const cookie = `${SUPPORT_COOKIE}=${cookieValue(access.token)}; Path=/support; HttpOnly; SameSite=Strict; Max-Age=43200${options.localMode ? '' : '; Secure'}`;
    server.post(
      '/support/sign-in',
      guarded(logger, 'support.route_failed', 'sign-in', async (req, res) => {
        // Another site's page must not post here (a form post carries Origin).
        if (!fromThisServer(req)) return sendError(res, 403, 'Sign in from the dashboard itself.');
        const body: unknown = req.body;
        const token = typeof body === 'string' ? new URLSearchParams(body).get('token') : (body as { token?: unknown } | undefined)?.token;
        if (typeof token !== 'string' || !sameSecret(token, access.token)) {
          logger.warn('support dashboard sign-in refused');
          return send(res, 401, renderSignInPage(texts, chart.version, true), 'text/html; charset=utf-8', pageHeaders);
        }
        res.writeHead(303, { Location: '/support', 'Set-Cookie': cookie, 'Cache-Control': 'no-store', 'Content-Length': '0' });
        res.end();
      }),
    );
  }
  return true;
}
