/**
 * Start-up, beside a bare Node HTTP server in the same run, interleaved:
 * - start → first sand-table pixel: the hall server is spawned exactly as `npm start` spawns it
 *   (its command from `scripts/start.mjs --serve --dry-run`, with the pack store of a scratch data
 *   dir and the embedded default pack), and as soon as it prints its URL an already-running
 *   Chromium (a fresh profile context each time) opens `?screen=sand-table`; the time runs from the
 *   spawn to the moment the sand table signals its first frame (`data-scene-ready`). Goal ≤ 1.0 s.
 * - the server start alone (spawn → "serving" line), shown beside a bare `node:http` server.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BenchContext, BenchModuleResult } from './lib/context';
import { measure } from './lib/goals';
import { spawnServer, stop } from './lib/process';
import { interleaved, pairedRatio, summarize } from './lib/stats';

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
        try {
          const s = await spawnServer(serverArgv, repo);
          pixelServerMs = s.readyMs;
          try {
            await page.goto(`${s.url}?screen=sand-table`);
            await page
              .locator('html[data-scene-ready="true"]')
              .waitFor({ state: 'attached', timeout: 60_000 });
            const at = await page.evaluate(() => performance.timeOrigin + performance.now());
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
    markdown: 'Spawn to signal; the page is opened the moment the server prints its URL.',
  };
}
