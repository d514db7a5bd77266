/**
 * The authoring preview's own page (`/__preview/`): the kiosk framed at its real size, scaled to
 * fit, beside a panel with the folder's lint problems. It listens to `/__preview/events`; when a
 * new version of the folder loaded, it reloads the kiosk on the screen the kiosk was showing
 * (read from the framed page's `data-screen`). Plain script and styles (served with a CSP that
 * allows no inline code).
 *
 * Signals for tests on `<html>`: `data-preview-version` (the version shown), `data-preview-reloads`,
 * `data-preview-problems` (count) and `data-preview-linting`.
 */

export const PREVIEW_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Hall Kiosk preview</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/__preview/preview.css">
<script src="/__preview/preview.js" defer></script>
</head>
<body>
<main id="stage">
  <div id="viewport"><iframe id="kiosk" title="Kiosk"></iframe></div>
</main>
<aside id="panel" aria-live="polite">
  <header>
    <h1 id="title">Preview</h1>
    <p id="status">Loading…</p>
    <label>Screen <select id="size">
      <option value="1920x1080">1920 × 1080</option>
      <option value="1080x1920">1080 × 1920</option>
      <option value="1366x768">1366 × 768</option>
      <option value="3840x2160">3840 × 2160</option>
    </select></label>
  </header>
  <h2 id="problems-title">Problems</h2>
  <ol id="problems"></ol>
</aside>
</body>
</html>
`;

export const PREVIEW_CSS = `
:root { color-scheme: dark; font: 14px/1.45 system-ui, "Noto Sans SC", sans-serif; }
html, body { margin: 0; height: 100%; background: #16181c; color: #e8e8e8; }
body { display: grid; grid-template-columns: minmax(0, 1fr) 26rem; }
#stage { position: relative; overflow: hidden; }
#viewport { position: absolute; left: 0; top: 0; transform-origin: 0 0; box-shadow: 0 0 0 1px #444; }
#kiosk { display: block; width: 100%; height: 100%; border: 0; background: #000; }
#panel { overflow: auto; border-left: 1px solid #333; padding: 0 1rem 1rem; }
#panel header { position: sticky; top: 0; background: #16181c; padding: 0.75rem 0; border-bottom: 1px solid #333; }
h1 { font-size: 1.1rem; margin: 0 0 0.25rem; }
h2 { font-size: 1rem; margin: 1rem 0 0.5rem; }
#status { margin: 0 0 0.5rem; color: #b0b0b0; }
#status.failed { color: #ff8a80; }
#problems { list-style: none; margin: 0; padding: 0; }
#problems li { margin: 0 0 0.6rem; padding: 0.5rem 0.6rem; border-radius: 4px; background: #202329; border-left: 4px solid #888; }
#problems li.error { border-left-color: #ff5252; }
#problems li.warning { border-left-color: #ffb300; }
#problems .where { font-family: ui-monospace, monospace; font-size: 0.85rem; color: #9ecbff; word-break: break-all; }
#problems .rule { font-family: ui-monospace, monospace; font-size: 0.85rem; color: #c0c0c0; }
#problems .hint { color: #b0b0b0; font-size: 0.9rem; }
#problems .none { border-left-color: #4caf50; }
select { font: inherit; }
`;

export const PREVIEW_JS = `'use strict';
(() => {
  const root = document.documentElement;
  const frame = document.getElementById('kiosk');
  const viewport = document.getElementById('viewport');
  const stage = document.getElementById('stage');
  const size = document.getElementById('size');
  const list = document.getElementById('problems');
  const status = document.getElementById('status');
  const title = document.getElementById('title');
  let shown = -1;
  let reloads = 0;

  function screenNow() {
    try {
      const s = frame.contentDocument && frame.contentDocument.documentElement.dataset.screen;
      return s && s !== 'attract' && s !== 'staff' ? s : 'home';
    } catch (e) {
      return 'home';
    }
  }
  function load(screen) {
    // Long idle: the preview is not sent back to attract while the author reads.
    frame.src = '/?' + new URLSearchParams({ screen: screen, idle: '3600' }).toString();
  }
  function fit() {
    const [w, h] = size.value.split('x').map(Number);
    const scale = Math.min(stage.clientWidth / w, stage.clientHeight / h, 1);
    viewport.style.width = w + 'px';
    viewport.style.height = h + 'px';
    viewport.style.transform = 'scale(' + scale + ')';
  }
  function text(tag, cls, value) {
    const el = document.createElement(tag);
    el.className = cls;
    el.textContent = value;
    return el;
  }
  function render(state) {
    title.textContent = state.title;
    const errors = state.problems.filter((p) => p.severity === 'error').length;
    const warnings = state.problems.length - errors;
    status.className = state.loaded ? '' : 'failed';
    status.textContent = (state.loaded
      ? 'Showing version ' + state.packVersion + ' of the folder'
      : 'pack.json does not load now: showing the last version that did') +
      ' · ' + errors + ' error(s), ' + warnings + ' warning(s)' + (state.linting ? ' · checking…' : '');
    list.replaceChildren();
    for (const p of state.problems) {
      const li = document.createElement('li');
      li.className = p.severity;
      const at = p.line === undefined ? p.file : (p.locationFile || p.file) + ':' + p.line;
      li.append(text('div', 'where', at + (p.locationFile && p.locationFile !== p.file ? ' · ' + p.file : '')));
      li.append(text('div', 'rule', p.rule + (p.path ? ' · ' + p.path : '')));
      li.append(text('div', 'message', p.message.en));
      if (p.hint) li.append(text('div', 'hint', 'hint: ' + p.hint.en));
      list.append(li);
    }
    if (state.problems.length === 0 && !state.linting) list.append(text('li', 'none', 'No problems.'));
    root.dataset.previewProblems = String(state.problems.length);
    root.dataset.previewLinting = String(state.linting);
    if (state.packVersion !== shown && state.packVersion > 0) {
      const screen = shown < 0 ? 'home' : screenNow();
      if (shown >= 0) reloads++;
      shown = state.packVersion;
      load(screen);
      root.dataset.previewVersion = String(shown);
      root.dataset.previewReloads = String(reloads);
    }
  }
  size.addEventListener('change', fit);
  window.addEventListener('resize', fit);
  fit();
  const events = new EventSource('/__preview/events');
  events.addEventListener('state', (e) => render(JSON.parse(e.data)));
  events.addEventListener('error', () => {
    status.className = 'failed';
    status.textContent = 'The preview server stopped (run hallpack preview again).';
  });
})();
`;
