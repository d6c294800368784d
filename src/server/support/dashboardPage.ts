import type { DashboardTextName } from '../../content/schema';
import { escapeHtml } from '../webchat/pageHtml';

export type DashboardTexts = Record<DashboardTextName, string>;

/** The figures the page shows as tiles, in order, with their label. */
const tiles: [figure: string, label: DashboardTextName, hint?: DashboardTextName][] = [
  ['conversations', 'conversations'],
  ['contained', 'contained', 'containedHint'],
  ['handedOff', 'handedOff'],
  ['abandoned', 'abandoned', 'abandonedHint'],
  ['finished', 'finished'],
  ['inProgress', 'inProgress'],
  ['forgotten', 'forgotten'],
];

const tables: [id: string, heading: DashboardTextName][] = [
  ['handoffReasons', 'handoffReasons'],
  ['questions', 'questions'],
  ['verificationFailures', 'verificationFailures'],
  ['entries', 'entries'],
];

function head(title: string, assetVersion: string, scripts: boolean): string {
  const v = encodeURIComponent(assetVersion);
  const script = scripts ? `\n<script src="/support/chart.js?v=${v}" defer></script>\n<script src="/support/app.js?v=${v}" defer></script>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/support/app.css?v=${v}">${script}
</head>`;
}

/** The dashboard: no inline script; the figures come from /support/figures.json for the query in the address. */
export function renderDashboardPage(texts: DashboardTexts, companyName: string, assetVersion: string): string {
  const t = (name: DashboardTextName) => escapeHtml(texts[name]);
  const tileHtml = tiles
    .map(([figure, label, hint]) => `<div class="tile"><span class="label">${t(label)}</span><span class="value" data-figure="${figure}">–</span><span class="rate" data-rate="${figure}"></span>${hint ? `<span class="hint">${t(hint)}</span>` : ''}</div>`)
    .join('\n');
  const tableHtml = tables
    .map(([id, heading]) => `<section class="card"><h2>${t(heading)}</h2><table id="${id}"><thead><tr><th></th><th class="number">${t('count')}</th></tr></thead><tbody></tbody></table></section>`)
    .join('\n');
  return `${head(texts.title, assetVersion, true)}
<body>
<header class="bar"><h1>${t('title')}</h1><p>${escapeHtml(companyName)}</p></header>
<form id="filters" method="get" action="/support">
<label>${t('from')} <input type="date" name="from" id="from" required></label>
<label>${t('to')} <input type="date" name="to" id="to" required></label>
<label>${t('channel')} <select name="channel" id="channel"><option value="">${t('allChannels')}</option></select></label>
<label>${t('program')} <select name="program" id="program"><option value="">${t('allPrograms')}</option></select></label>
<button type="submit">${t('show')}</button>
<a id="csv" href="/support/outcomes.csv" download>${t('downloadCsv')}</a>
</form>
<p id="status" role="status" data-failed="${t('loadFailed')}">${t('loading')}</p>
<main id="dashboard" hidden>
<p id="most-lost" class="headline"></p>
<section class="tiles">
${tileHtml}
</section>
<section class="card"><h2>${t('funnel')}</h2><p class="hint">${t('funnelHint')}</p><div id="funnels"></div></section>
<div class="grid">
${tableHtml}
</div>
</main>
</body>
</html>
`;
}

/** Asked for the token: a form that posts it to /support/sign-in, which sets the cookie. */
export function renderSignInPage(texts: DashboardTexts, assetVersion: string, failed: boolean): string {
  const t = (name: DashboardTextName) => escapeHtml(texts[name]);
  return `${head(texts.signInTitle, assetVersion, false)}
<body>
<main class="sign-in">
<h1>${t('signInTitle')}</h1>
<p>${t('signInPrompt')}</p>
${failed ? `<p class="error" role="alert">${t('signInFailed')}</p>` : ''}
<form method="post" action="/support/sign-in">
<label>${t('token')} <input type="password" name="token" autocomplete="current-password" required></label>
<button type="submit">${t('signIn')}</button>
</form>
</main>
</body>
</html>
`;
}
