/** The chat page's stylesheet (served as /webchat/app.css): full height, readable, phone-first. */
export const PAGE_CSS = `
*, *::before, *::after { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body {
  display: flex;
  flex-direction: column;
  height: 100vh;
  height: 100dvh;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 16px;
  line-height: 1.4;
  color: #1b1f24;
  background: #eef1f5;
}
.bar {
  flex: 0 0 auto;
  padding: 10px 16px;
  padding-top: max(10px, env(safe-area-inset-top));
  background: #0b5cad;
  color: #ffffff;
}
.bar h1 { margin: 0; font-size: 1.15rem; font-weight: 600; }
.bar p { margin: 2px 0 0; font-size: 0.875rem; opacity: 0.9; }
#webchat {
  flex: 1 1 auto;
  min-height: 0;
  width: 100%;
  max-width: 760px;
  margin: 0 auto;
  background: #ffffff;
  padding-bottom: env(safe-area-inset-bottom);
}
.status { margin: 24px 16px; color: #41474f; }
.status-error { color: #a4262c; font-weight: 600; }
.notice {
  flex: 0 0 auto;
  width: 100%;
  max-width: 760px;
  margin: 0 auto;
  padding: 8px 16px;
  font-size: 0.9375rem;
}
.notice[hidden] { display: none; }
.notice-waiting { background: #fff4ce; color: #3b2e00; }
.notice-error { background: #fde7e9; color: #a4262c; font-weight: 600; }
.notice a { color: inherit; white-space: nowrap; }
/* A case reference (the page marks it as inline code) is read out on the phone: never split over two lines. */
#webchat code { white-space: nowrap; font-family: inherit; font-weight: 600; background: none; padding: 0; }
`;
