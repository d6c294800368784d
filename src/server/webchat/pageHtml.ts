/** The chat page's HTML: no inline script; settings travel as data-* attributes. */
export interface PageTexts {
  /** The window title and the page heading ({companyName} is filled in), and the line under the heading. */
  title: string;
  heading: string;
  tagline: string;
  /** Shown by browsers that run no script. */
  needsJavaScript: string;
  /** Shown until Web Chat has started. */
  connecting: string;
  /** Web Chat's bundle did not load. */
  couldNotLoad: string;
  /** The banner while a technician has been asked for. */
  waitingForTechnician: string;
  /** The notice when the assistant cannot be reached; contains `supportPhone`, which becomes a tel: link. */
  cannotReach: string;
}

export interface PageSettings {
  companyName: string;
  /** The page's language as HTML states it (en-US, es-US): Web Chat takes it as its locale, and sends it to the bot. */
  locale: string;
  directLineDomain: string;
  tokenEndpoint: string;
  assetVersion: string;
  texts: PageTexts;
  /** The ISP's support number as customers read it (1-800-232-4335)... */
  supportPhone: string;
  /** ...and as a phone dials it (+18002324335); without it the number is not a link. */
  supportPhoneDialled?: string;
  /** A case reference (SW-XXXXXX) in the bot's messages, as a regular expression's source: kept on one line. */
  referencePattern?: string;
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** `text` with every occurrence of the phone number as a link that dials it. */
export function withPhoneLink(text: string, phone: string, dialled: string | undefined): string {
  const escaped = text.split(phone).map(escapeHtml);
  if (!dialled || !phone) return escaped.join(escapeHtml(phone));
  return escaped.join(`<a class="phone" href="tel:${escapeHtml(dialled)}">${escapeHtml(phone)}</a>`);
}

export function renderPage(settings: PageSettings): string {
  const named = (text: string) => escapeHtml(text.replace(/\{companyName\}/g, settings.companyName));
  const v = encodeURIComponent(settings.assetVersion);
  const { texts } = settings;
  const attribute = (name: string, value: string | undefined) => (value ? ` data-${name}="${escapeHtml(value)}"` : '');
  return `<!doctype html>
<html lang="${escapeHtml(settings.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="referrer" content="no-referrer">
<title>${named(texts.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/webchat/app.css?v=${v}">
<script src="/webchat/webchat.js?v=${v}" defer></script>
<script src="/webchat/app.js?v=${v}" defer></script>
</head>
<body>
<header class="bar">
<h1>${named(texts.heading)}</h1>
<p>${named(texts.tagline)}</p>
</header>
<p id="webchat-waiting" class="notice notice-waiting" role="status" hidden>${escapeHtml(texts.waitingForTechnician)}</p>
<p id="webchat-unreachable" class="notice notice-error" role="alert" hidden>${withPhoneLink(texts.cannotReach, settings.supportPhone, settings.supportPhoneDialled)}</p>
<main id="webchat" data-domain="${escapeHtml(settings.directLineDomain)}" data-token-endpoint="${escapeHtml(settings.tokenEndpoint)}"${attribute('support-phone', settings.supportPhone)}${attribute('support-phone-dialled', settings.supportPhoneDialled)}${attribute('reference-pattern', settings.referencePattern)}${attribute('could-not-load', texts.couldNotLoad)}>
<p id="webchat-status" class="status" role="status">${escapeHtml(texts.connecting)}</p>
<noscript><p class="status status-error">${escapeHtml(texts.needsJavaScript)}</p></noscript>
</main>
</body>
</html>
`;
}
