/** The dashboard's stylesheet (served as /support/app.css: the policy allows no inline style). */
export const DASHBOARD_CSS = `
:root { --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --accent: #0b5cad; --warn: #b42318; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); }
body { margin: 0; background: #f5f7fa; }
.bar { background: var(--accent); color: #fff; padding: 12px 24px; display: flex; align-items: baseline; gap: 16px; }
.bar h1 { font-size: 1.3rem; margin: 0; }
.bar p { margin: 0; opacity: 0.85; }
#filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: end; padding: 16px 24px; background: #fff; border-bottom: 1px solid var(--line); }
#filters label { display: flex; flex-direction: column; font-size: 0.85rem; color: var(--muted); gap: 4px; }
#filters input, #filters select, #filters button { font: inherit; padding: 6px 8px; }
#filters button { background: var(--accent); color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
#csv { margin-left: auto; color: var(--accent); }
#status { padding: 0 24px; color: var(--muted); }
main { padding: 16px 24px 32px; }
.headline { font-size: 1.15rem; font-weight: 600; background: #fff4e5; border-left: 4px solid #f79009; padding: 12px 16px; margin: 0 0 16px; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; margin-bottom: 16px; }
.tile { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px; display: flex; flex-direction: column; gap: 4px; }
.tile .label { color: var(--muted); font-size: 0.85rem; }
.tile .value { font-size: 1.8rem; font-weight: 700; }
.tile .rate { color: var(--accent); font-weight: 600; }
.hint { color: var(--muted); font-size: 0.8rem; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; margin-bottom: 16px; }
.card h2 { font-size: 1.05rem; margin: 0 0 8px; }
.card h3 { font-size: 0.95rem; margin: 16px 0 8px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 16px; }
.chart { position: relative; height: 320px; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); }
.number { text-align: right; font-variant-numeric: tabular-nums; }
tr.most-lost td { background: #fff4e5; font-weight: 600; }
.sign-in { max-width: 420px; margin: 10vh auto; background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 24px; }
.sign-in form { display: flex; flex-direction: column; gap: 12px; }
.sign-in label { display: flex; flex-direction: column; gap: 4px; }
.sign-in input, .sign-in button { font: inherit; padding: 8px; }
.error { color: var(--warn); }
`;
