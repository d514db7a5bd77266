/**
 * Start-up, beside a bare Node HTTP server in the same run, interleaved:
 * - start → first sand-table pixel: the hall server is spawned exactly as `npm start` spawns it
 *   (its command from `scripts/start.mjs --serve --dry-run`, with the pack store of a scratch data
 *   dir and the embedded default pack), and as soon as it prints its URL an already-running
 *   Chromium opens `?screen=sand-table`; the time runs from the spawn to the sand table's first
 *   frame on screen. Goal ≤ 1.0 s.
 *   The page opens in a window like the hall's: Chromium's own kiosk app window
 *   (`--kiosk --app=…`, what `npm start` launches in browser-kiosk mode; Electron's window has no
 *   browser interface either), 1920 × 1080. Each run is on a new port, so a new origin: nothing of
 *   an earlier run is cached. Beside it in full mode, the same in a tab of a fresh Playwright context: while a
 *   page loads, a tab's loading indicator makes the browser redraw its window ~35 times a second,
 *   and under software GL each redraw reads the whole window back (~55 redraws in 1.5 s against
 *   1–3 in an app window, for the same page); the hall never has it.
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
import { chromium } from 'playwright';
import type { Page } from 'playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './lib/context';
import type { BenchContext, BenchModuleResult } from './lib/context';
import { measure } from './lib/goals';
import { spawnServer, stop } from './lib/process';
import { waitForQuiet } from './lib/quiet';
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
  // The hall's window: a kiosk app window of its own Chromium (blank between runs).
  const kioskProfile = join(ctx.work, 'startup-kiosk-profile');
  const kiosk = await chromium.launchPersistentContext(kioskProfile, {
    executablePath: CHROMIUM_PATH,
    args: [
      ...CHROMIUM_ARGS,
      '--window-size=1920,1080',
      '--screen-info={0,0 1920x1080}',
      '--kiosk',
      '--app=about:blank',
    ],
    viewport: null,
  });
  const kioskPage = kiosk.pages()[0] ?? (await kiosk.newPage());
  await kioskPage.addInitScript(FIRST_PIXEL_PROBE);

  let pixelServerMs = 0;
  /** Spawn → the table's first frame on screen, in `page`. */
  const firstPixel = async (page: Page): Promise<number> => {
    const s = await spawnServer(serverArgv, repo);
    pixelServerMs = s.readyMs;
    try {
      await page.goto(`${s.url}?screen=sand-table`);
      await page.locator('html[data-scene-ready="true"]').waitFor({ state: 'attached', timeout: 60_000 });
      const at = await page.evaluate('window.__firstPixel');
      if (typeof at !== 'number') throw new Error('the first-pixel probe did not run in the page');
      const size = await page.evaluate('innerWidth + " × " + innerHeight');
      if (size !== '1920 × 1080') throw new Error(`the page is ${String(size)}, not 1920 × 1080`);
      return at - s.startedAt;
    } finally {
      await stop(s.child);
    }
  };

  const variants: Record<string, () => Promise<number>> = {
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
      try {
        return await firstPixel(kioskPage);
      } finally {
        // Nothing of the page keeps drawing while the other measures run.
        await kioskPage.goto('about:blank');
      }
    },
  };
  // The tab beside it in full mode only: the quick run stays under five minutes.
  if (!ctx.quick) {
    variants['pixelTab'] = async () => {
      const context = await (await ctx.browser()).newContext({ viewport: { width: 1920, height: 1080 } });
      try {
        const page = await context.newPage();
        await page.addInitScript(FIRST_PIXEL_PROBE);
        return await firstPixel(page);
      } finally {
        await context.close();
      }
    };
  }
  // Every run begins on a quiet browser: the page an earlier run left is torn down in the
  // background (both cores busy for ~0.5 s here), and a hall's start has no such page.
  const waits: number[] = [];
  let timeouts = 0;
  const settled = Object.fromEntries(
    Object.entries(variants).map(([name, run]) => [
      name,
      async () => {
        const q = await waitForQuiet({ match: (cmd) => /chrom/i.test(cmd.split('\0')[0] ?? '') });
        waits.push(q.waitedMs);
        if (q.timedOut) timeouts++;
        return run();
      },
    ]),
  );
  let all: Record<string, number[]>;
  try {
    all = await interleaved(settled, { reps: ctx.reps, warmup: ctx.warmup });
  } finally {
    await kiosk.close();
  }
  const got = (name: string): number[] => {
    const values = all[name];
    if (!values) throw new Error(`no ${name} runs`);
    return values;
  };
  const runs = { bare: got('bare'), server: got('server'), pixel: got('pixel') };
  const tab = ctx.quick ? null : got('pixelTab');
  ctx.log(
    `first pixel ${summarize(runs.pixel).median.toFixed(0)} ms in a kiosk window${tab ? `, ${summarize(tab).median.toFixed(0)} ms in a tab` : ''} (server ${pixelServerMs.toFixed(0)} ms in the last), server ${summarize(runs.server).median.toFixed(0)} ms, bare ${summarize(runs.bare).median.toFixed(0)} ms`,
  );
  const serverRatio = pairedRatio(runs.server, runs.bare);
  const measures = [
    measure({
      id: 'first-pixel',
      title: 'Start → first sand-table pixel',
      unit: 'ms',
      ours: summarize(runs.pixel),
      baselines: [
        ...(tab
          ? [{ name: 'the same in a browser tab (not the hall’s window)', summary: summarize(tab) }]
          : []),
        { name: 'our server start alone', summary: summarize(runs.server) },
        { name: 'bare Node HTTP server start', summary: summarize(runs.bare) },
      ],
      goal: { on: 'median', op: '<=', limit: 1000 },
      notes: [
        `Server command (as npm start runs it): ${serverArgv.map((a) => (a.startsWith('/') ? a.replace(repo + '/', '') : a)).join(' ')}.`,
        `Our server start is ${serverRatio.median.toFixed(1)}× the bare Node server's (pair range ${serverRatio.min.toFixed(1)}–${serverRatio.max.toFixed(1)}×). Chromium is already running (its launch is not ours).`,
        `Each run began once Chromium was quiet (two 200 ms intervals in a row under 10 % of a core, no process starting or ending): the waits were ${summarize(waits).min.toFixed(0)}–${summarize(waits).max.toFixed(0)} ms (median ${summarize(waits).median.toFixed(0)})${timeouts ? `, and ${timeouts} gave up after 10 s` : ''}.`,
        'Ours is measured in a kiosk app window (`--kiosk --app`, 1920 × 1080), as the hall shows the kiosk; each run is on a new port, a new origin, so nothing is cached. The tab (a fresh Playwright context each run; full mode only) is beside it: its loading indicator redraws the browser window while the page loads, and under software GL every redraw reads the window back.',
      ],
    }),
  ];
  return {
    title: 'Start-up',
    measures,
    markdown:
      "Spawn to the table's first frame on screen (two animation frames after its `data-scene-ready`, read in the page), in a kiosk app window as in the hall, a browser tab beside it (full mode); the page is opened the moment the server prints its URL.",
  };
}
