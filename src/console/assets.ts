import { createHash } from 'node:crypto';
import { Hono } from 'hono';

/**
 * The pages' one style sheet and one script, served from the gateway itself so that the content
 * security policy can forbid inline styles and scripts. The script only enhances: every page works
 * without it.
 */
const CSS = `
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #f6f8fa; --accent: #0b5cad;
  --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e; --late: #82071e; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: var(--fg); }
header.top { background: #0d2a4a; color: #fff; padding: 0.6rem 1.2rem; display: flex; gap: 1.2rem; align-items: center; flex-wrap: wrap; }
header.top a { color: #fff; text-decoration: none; }
header.top .brand { font-weight: 700; margin-right: auto; }
header.top form { display: inline; margin: 0; }
header.top button { background: none; border: 1px solid #fff6; color: #fff; padding: 0.15rem 0.6rem; cursor: pointer; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.2rem 3rem; }
footer { color: var(--muted); font-size: 0.85rem; text-align: center; padding: 1rem; border-top: 1px solid var(--line); }
h1 { font-size: 1.5rem; margin: 0.6rem 0 1rem; }
h2 { font-size: 1.15rem; margin: 1.6rem 0 0.6rem; border-bottom: 1px solid var(--line); padding-bottom: 0.2rem; }
a { color: var(--accent); }
table { border-collapse: collapse; width: 100%; margin: 0.4rem 0 1rem; font-size: 0.92rem; }
th, td { border-bottom: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: var(--bg); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: var(--muted); }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 0.8rem 1rem; margin: 0.8rem 0; background: #fff; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1rem; }
form.stack { display: grid; gap: 0.7rem; max-width: 40rem; }
form.inline { display: flex; gap: 0.5rem; flex-wrap: wrap; align-items: end; margin: 0.3rem 0; }
nav.pager { display: flex; gap: 0.8rem; align-items: baseline; margin: 0.6rem 0; }
label { font-weight: 600; display: block; }
.field { display: grid; gap: 0.2rem; }
.field .hint { color: var(--muted); font-size: 0.85rem; font-weight: 400; }
.field .error { color: var(--bad); font-size: 0.9rem; font-weight: 600; }
.field.invalid input, .field.invalid select, .field.invalid textarea { border-color: var(--bad); }
input, select, textarea { font: inherit; padding: 0.35rem 0.5rem; border: 1px solid #8c959f; border-radius: 4px; width: 100%; }
input[type=checkbox] { width: auto; }
textarea { min-height: 6rem; }
button, .button { font: inherit; background: var(--accent); color: #fff; border: 0; border-radius: 4px; padding: 0.4rem 1rem; cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary { background: #57606a; }
button.danger { background: var(--bad); }
.notice { border-left: 4px solid var(--accent); background: #ddf4ff; padding: 0.6rem 0.9rem; margin: 0.8rem 0; }
.notice.error { border-color: var(--bad); background: #ffebe9; }
.notice.warn { border-color: var(--warn); background: #fff8c5; }
.secret { font: 1.1rem/1.4 ui-monospace, monospace; background: var(--bg); border: 1px dashed var(--muted); padding: 0.5rem; word-break: break-all; }
.tier { display: inline-block; min-width: 2rem; text-align: center; font-weight: 700; border-radius: 4px; color: #fff; padding: 0 0.4rem; }
.tier-A { background: var(--ok); } .tier-B { background: #4d8b31; } .tier-C { background: var(--warn); } .tier-D { background: var(--bad); }
.due-overdue { color: #fff; background: var(--late); padding: 0 0.4rem; border-radius: 3px; }
.due-today { color: #fff; background: var(--bad); padding: 0 0.4rem; border-radius: 3px; }
.due-soon { color: #000; background: #f2cc60; padding: 0 0.4rem; border-radius: 3px; }
.due-later { color: #fff; background: var(--ok); padding: 0 0.4rem; border-radius: 3px; }
.due-none { color: var(--muted); }
.verdict-compliant { color: var(--ok); font-weight: 600; }
.verdict-identity_missing, .verdict-identity_mismatch { color: var(--bad); font-weight: 600; }
.verdict-inconclusive { color: var(--warn); font-weight: 600; }
.sev { padding: 0 0.4rem; border-radius: 3px; white-space: nowrap; }
.sev-high { color: #fff; background: var(--bad); } .sev-medium { color: #000; background: #f2cc60; } .sev-low { color: var(--fg); background: var(--bg); border: 1px solid var(--line); }
table caption { text-align: left; font-weight: 600; padding: 0.2rem 0; }
figure.chart { margin: 0.4rem 0; }
figure.chart svg { width: 100%; height: auto; max-height: 18rem; }
figure.chart figcaption { font-weight: 600; margin-bottom: 0.3rem; }
svg text { font-size: 13px; fill: #1f2328; }
svg .axis { stroke: #8c959f; stroke-width: 1; }
.s0 { fill: #0b5cad; } .s1 { fill: #e16f24; } .s2 { fill: #1a7f37; } .s3 { fill: #8250df; } .s4 { fill: #bf3989; } .s5 { fill: #57606a; }
.c-ok { fill: #1a7f37; } .c-bad { fill: #cf222e; } .c-warn { fill: #bf8700; } .c-late { fill: #82071e; } .c-muted { fill: #8c959f; }
.legend { display: flex; gap: 1rem; flex-wrap: wrap; font-size: 0.85rem; }
figure.chart .legend svg { width: 0.8rem; height: 0.8rem; vertical-align: middle; }
details.numbers summary { cursor: pointer; color: var(--accent); font-size: 0.9rem; }
progress { width: 100%; height: 1.2rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
ol.steps { padding-left: 1.2rem; } ol.steps li { margin-bottom: 0.4rem; }
.nowrap { white-space: nowrap; }
`;

/** Polls the console's JSON progress of a crawl and updates the page; without script the refresh link does. */
const JS = `
(function () {
  var box = document.querySelector('[data-crawl-progress]');
  if (!box) return;
  var url = box.getAttribute('data-crawl-progress');
  var bar = box.querySelector('progress');
  var text = box.querySelector('[data-progress-text]');
  function tick() {
    fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (p) {
        if (!p) return;
        if (bar) { bar.max = Math.max(1, p.total); bar.value = p.done; }
        var status = box.getAttribute('data-label-' + p.status) || p.status;
        if (text) text.textContent = p.done + ' / ' + p.total + ' · ' + status +
          ' · ✓ ' + p.compliant + ' · ✗ ' + p.violations + ' · ☒ ' + p.mark_violations + ' · ? ' + p.inconclusive;
        if (p.finished_at) { location.reload(); return; }
        setTimeout(tick, 1500);
      })
      .catch(function () { setTimeout(tick, 5000); });
  }
  setTimeout(tick, 1500);
})();
`;

const version = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);
export const CSS_PATH = `/assets/console.${version(CSS)}.css`;
export const JS_PATH = `/assets/console.${version(JS)}.js`;

/** Serves the style sheet and the script under content-hashed names, cached for a year. */
export function assetRoutes() {
  const app = new Hono();
  const immutable = 'public, max-age=31536000, immutable';
  app.get(CSS_PATH, (c) =>
    c.body(CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': immutable }),
  );
  app.get(JS_PATH, (c) =>
    c.body(JS, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': immutable }),
  );
  return app;
}
