/**
 * Start-up, beside a bare Node HTTP server in the same run, interleaved:
 * - start → first sand-table pixel: the hall server is spawned exactly as `npm start` spawns it
 *   (its command from `scripts/start.mjs --serve --dry-run`, with the pack store of a scratch data
 *   dir and the embedded default pack), and as soon as it prints its URL an already-running
 *   Chromium (a fresh profile context each time) opens `?screen=sand-table`; the time runs from the
 *   spawn to the sand table's first frame on screen. Goal ≤ 1.0 s.
 *   "On screen" is read in the page: a script installed before the page's own sees the table signal
 *   its first frame (`data-scene-ready`, set in the frame it draws) and takes the time at the second
 *   animation frame after it, a whole frame after the table's (25–80 ms under SwiftShader: Chromium
 *   begins a frame only once the one before has gone to its compositor). Until now the time was
 *   read when Playwright's wait noticed the signal; its polling added 29–377 ms that were not the
 *   kiosk's, and as much noise.
 * - the server start alone (spawn → "serving" line), shown beside a bare `node:http` server.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BenchContext, BenchModuleResult } from './lib/context';
import { measure } from './lib/goals';
import { spawnServer, stop } from './lib/process';
import { interleaved, pairedRatio, summarize } from './lib/stats';

/**
 * Installed before the page's scripts: resolves `window.__firstPixel` with the epoch ms of the second
 * animation frame after `data-scene-ready` turned true. A string: tsx's helpers are not in the page.
 */
const FIRST_PIXEL_PROBE = `(() => {
  let done;
  window.__firstPixel = new Promise((r) => (done = r));
  const seen = () => {
    if (document.documentElement.dataset.sceneReady !== 'true') return false;
    requestAnimationFrame(() => requestAnimationFrame(() => done(performance.timeOrigin + performance.now())));
    return true;
  };
  const watch = new MutationObserver(() => { if (seen()) watch.disconnect(); });
  watch.observe(document, { attributes: true, subtree: true, attributeFilter: ['data-scene-ready'] });
})()`;

const BARE = `require('node:http').createServer((q, r) => r.end('ok')).listen(0, '127.0.0.1', function () { console.log('serving http://127.0.0.1:' + this.address().port + '/'); });`;

export default async function run(ctx: BenchContext): Promise<BenchModuleResult> {
  const repo = resolve('.');
  if (!existsSync(join(repo, 'dist/packs/default/pack.sig'))) {
    ctx.log('building the default pack (scripts/build-packs.mjs) …');
    const r = spawnSync(process.execPath, ['scripts/build-packs.mjs'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('building the default pack failed');
  }
  const dataDir = join(ctx.work, 'startup-data');
  mkdirSync(dataDir, { recursive: true });
  const plan = JSON.parse(
    execFileSync(process.execPath, ['scripts/start.mjs', '--serve', '--dry-run', '--data-dir', dataDir], {
      encoding: 'utf8',
    }),
  ) as { server: string[] };
  const serverArgv = [...plan.server, '--renderer', ctx.renderer(), '--port', '0'];
  const browser = await ctx.browser();

  let pixelServerMs = 0;
  const runs = await interleaved(
    {
      bare: async () => {
        const s = await spawnServer([process.execPath, '-e', BARE], repo);
        await stop(s.child);
        return s.readyMs;
      },
      server: async () => {
        const s = await spawnServer(serverArgv, repo);
        await stop(s.child);
        return s.readyMs;
      },
      pixel: async () => {
        const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
        const page = await context.newPage();
        await page.addInitScript(FIRST_PIXEL_PROBE);
        try {
          const s = await spawnServer(serverArgv, repo);
          pixelServerMs = s.readyMs;
          try {
            await page.goto(`${s.url}?screen=sand-table`);
            await page
              .locator('html[data-scene-ready="true"]')
              .waitFor({ state: 'attached', timeout: 60_000 });
            const at = await page.evaluate('window.__firstPixel');
            if (typeof at !== 'number') throw new Error('the first-pixel probe did not run in the page');
            return at - s.startedAt;
          } finally {
            await stop(s.child);
          }
        } finally {
          await context.close();
        }
      },
    },
    { reps: ctx.reps, warmup: ctx.warmup },
  );
  ctx.log(
    `first pixel ${summarize(runs.pixel).median.toFixed(0)} ms (server ${pixelServerMs.toFixed(0)} ms in the last), server ${summarize(runs.server).median.toFixed(0)} ms, bare ${summarize(runs.bare).median.toFixed(0)} ms`,
  );
  const serverRatio = pairedRatio(runs.server, runs.bare);
  const measures = [
    measure({
      id: 'first-pixel',
      title: 'Start → first sand-table pixel',
      unit: 'ms',
      ours: summarize(runs.pixel),
      baselines: [
        { name: 'our server start alone', summary: summarize(runs.server) },
        { name: 'bare Node HTTP server start', summary: summarize(runs.bare) },
      ],
      goal: { on: 'median', op: '<=', limit: 1000 },
      notes: [
        `Server command (as npm start runs it): ${serverArgv.map((a) => (a.startsWith('/') ? a.replace(repo + '/', '') : a)).join(' ')}.`,
        `Our server start is ${serverRatio.median.toFixed(1)}× the bare Node server's (pair range ${serverRatio.min.toFixed(1)}–${serverRatio.max.toFixed(1)}×). Chromium is already running (its launch is not ours); each run gets a fresh browser context.`,
      ],
    }),
  ];
  return {
    title: 'Start-up',
    measures,
    markdown:
      "Spawn to the table's first frame on screen (two animation frames after its `data-scene-ready`, read in the page); the page is opened the moment the server prints its URL.",
  };
}
