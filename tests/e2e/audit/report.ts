/**
 * The visitor audit's screenshot matrix: each viewport's walk writes `<viewport>.json` (its states,
 * screenshots and findings) into test-results/visitor-audit/, and every write rebuilds
 * `index.html` from all of them, so the page is complete after the last walk and readable after any.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from './page-checks';

export const AUDIT_DIR = path.resolve('test-results/visitor-audit');

export type StateRecord = {
  /** e.g. `zh-Hans · default`. */
  combo: string;
  state: string;
  /** Relative to AUDIT_DIR. */
  screenshot: string;
  findings: Finding[];
  ms: number;
};

export type ViewportRecord = {
  viewport: string;
  states: StateRecord[];
  /** Findings that belong to the walk rather than one state (pinch, idle reset). */
  walk: Finding[];
  seconds: number;
  /** Per state: [name, settle ms, page checks ms, axe ms, screenshot ms]. */
  timings?: [string, number, number, number, number][];
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

export function writeViewportRecord(record: ViewportRecord): void {
  mkdirSync(AUDIT_DIR, { recursive: true });
  writeFileSync(path.join(AUDIT_DIR, `${record.viewport}.json`), JSON.stringify(record, null, 2));
  writeIndex();
}

function writeIndex(): void {
  const records: ViewportRecord[] = readdirSync(AUDIT_DIR)
    .filter((f) => /^\d+x\d+\.json$/.test(f))
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
    .map((f) => JSON.parse(readFileSync(path.join(AUDIT_DIR, f), 'utf8')) as ViewportRecord);
  const total = records.reduce((n, r) => n + r.states.length, 0);
  const problems = records.reduce(
    (n, r) => n + r.walk.length + r.states.reduce((m, s) => m + s.findings.length, 0),
    0,
  );
  const sections = records.map((r) => {
    const combos = [...new Set(r.states.map((s) => s.combo))];
    const rows = combos.map((combo) => {
      const cells = r.states
        .filter((s) => s.combo === combo)
        .map((s) => {
          const list = s.findings
            .map(
              (f) => `<li><b>${escapeHtml(f.rule)}</b> ${escapeHtml(f.target)}: ${escapeHtml(f.detail)}</li>`,
            )
            .join('');
          return `<figure class="${s.findings.length > 0 ? 'bad' : 'ok'}"><a href="${escapeHtml(s.screenshot)}"><img loading="lazy" src="${escapeHtml(s.screenshot)}" alt=""></a><figcaption>${escapeHtml(s.state)} <small>${s.ms} ms</small>${list ? `<ul>${list}</ul>` : ''}</figcaption></figure>`;
        })
        .join('');
      return `<h3>${escapeHtml(combo)}</h3><div class="row">${cells}</div>`;
    });
    const walk = r.walk
      .map((f) => `<li><b>${escapeHtml(f.rule)}</b> ${escapeHtml(f.target)}: ${escapeHtml(f.detail)}</li>`)
      .join('');
    return `<section><h2>${escapeHtml(r.viewport)} <small>${r.states.length} states, ${r.seconds.toFixed(1)} s</small></h2>${walk ? `<ul class="walk">${walk}</ul>` : ''}${rows.join('')}</section>`;
  });
  const html = `<!doctype html><meta charset="utf-8"><title>Visitor audit</title>
<style>
body{font:14px system-ui,sans-serif;margin:16px;background:#f6f4f1;color:#222}
.row{display:flex;flex-wrap:wrap;gap:12px}
figure{margin:0;width:260px;background:#fff;border:3px solid #6a6;padding:4px}
figure.bad{border-color:#c33}
img{width:100%;height:180px;object-fit:contain;background:#000}
figcaption{font-size:12px}ul{padding-left:16px;margin:4px 0}
</style>
<h1>Visitor audit: ${total} states, ${problems} findings</h1>
${sections.join('\n')}`;
  writeFileSync(path.join(AUDIT_DIR, 'index.html'), html);
}
