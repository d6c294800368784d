/** The chat page's HTML: no inline script; settings travel as data-* attributes. */
export interface PageSettings {
  companyName: string;
  directLineDomain: string;
  tokenEndpoint: string;
  assetVersion: string;
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function renderPage(settings: PageSettings): string {
  const company = escapeHtml(settings.companyName);
  const v = encodeURIComponent(settings.assetVersion);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="referrer" content="no-referrer">
<title>${company} support chat</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/webchat/app.css?v=${v}">
<script src="/webchat/webchat.js?v=${v}" defer></script>
<script src="/webchat/app.js?v=${v}" defer></script>
</head>
<body>
<header class="bar">
<h1>${company} support</h1>
<p>Chat with our assistant about sending email</p>
</header>
<main id="webchat" data-domain="${escapeHtml(settings.directLineDomain)}" data-token-endpoint="${escapeHtml(settings.tokenEndpoint)}">
<p id="webchat-status" class="status" role="status">Connecting to ${company} support&hellip;</p>
<noscript><p class="status status-error">This chat needs JavaScript. Please enable it and reload the page.</p></noscript>
</main>
</body>
</html>
`;
}
