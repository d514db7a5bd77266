/**
 * The attract loop's CPU: the kiosk idles in its attract loop most of the day, playing the pack's
 * narrated sand-table tour behind the title. Ours renders on demand (a shot holding still or a
 * caption costs no frame); the baseline is the same build with `?render=always`, the loop as it was
 * (every tick of the tour draws). One page at a time, the two interleaved round by round: the page
 * opens on the attract loop with a one-second title card, waits for the tour to play, then for a
 * window the CPU time of the whole Chromium (every process: browser, renderer, GPU with
 * SwiftShader) is read from /proc, with the frames the table drew and the page's main-thread time
 * (CDP Performance.getMetrics TaskDuration).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { loadFolderPack } from '../electron/node/server/folder-pack';
import { startHallServer } from '../electron/node/server/hall-server';
import type { BenchContext, BenchModuleResult } from './lib/context';
import { measure } from './lib/goals';
import type { ProcInfo } from './lib/proc';
import { readProcesses } from './lib/proc';
import type { Measure } from './lib/goals';
import { interleaved, pairedRatio, summarize } from './lib/stats';

const VIEWPORT = { width: 1280, height: 720 };

/** CPU seconds (user + system) of every process descending from `root` (Linux /proc). */
export function treeCpuSeconds(root: number): number {
  const procs = readProcesses() ?? new Map<number, ProcInfo>();
  let total = 0;
  for (const [pid, { cpuMs }] of procs) {
    let p: number | undefined = pid;
    for (let hops = 0; p !== undefined && p > 1 && hops < 64; hops++) {
      if (p === root) {
        if (pid !== root) total += cpuMs / 1000;
        break;
      }
      p = procs.get(p)?.parent;
    }
  }
  return total;
}

type Sample = { cpuMsPerS: number; mainMsPerS: number; framesPerS: number };

export default async function run(ctx: BenchContext): Promise<BenchModuleResult> {
  if (!existsSync('/proc/self/stat')) throw new Error('the attract CPU measure reads /proc (Linux only)');
  const packDir = resolve('dist/packs/default');
  if (!existsSync(join(packDir, 'pack.sig'))) {
    const r = spawnSync(process.execPath, ['scripts/build-packs.mjs'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('building the default pack failed');
  }
  const pack = await loadFolderPack(packDir);
  const tour = pack.manifest.attract.playlist.find((p) => p.kind === 'tour');
  if (!tour) throw new Error('the default pack has no tour in its attract playlist');
  const server = await startHallServer({
    port: 0,
    rendererRoot: ctx.renderer(),
    getActivePack: () => Promise.resolve(pack),
  });
  const browser = await ctx.browser();
  // Quick: 4 s windows (a hold and most of a flight of the tour; the goals are met by a wide margin
  // at 5 s and at 16 s), to keep a quick run under five minutes.
  const windowMs = ctx.quick ? 4_000 : 16_000;
  // A warm-up round's sample is dropped (see `measured`): its page load warms the browser, and a
  // short window still checks that the tour plays; a full one only cost time (8 s of a quick run).
  const windowOf = (variant: 'ours' | 'always') =>
    all[variant].length < ctx.warmup ? Math.min(windowMs, 1_000) : windowMs;
  const load: number[] = [];
  const all: Record<'ours' | 'always', Sample[]> = { ours: [], always: [] };
  const once = async (variant: 'ours' | 'always'): Promise<number> => {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, hasTouch: true });
    try {
      const page = await context.newPage();
      const extra = variant === 'always' ? '&render=always' : '';
      await page.goto(`${server.url}?debug=1&idle=3600&attractTitle=1${extra}`);
      await page.locator('html[data-sand-tour^="playing:"]').waitFor({ state: 'attached', timeout: 120_000 });
      await page.locator('html[data-scene-ready="true"]').waitFor({ state: 'attached', timeout: 60_000 });
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const main = async () =>
        (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
      const frames = async () =>
        Number(await page.evaluate(() => document.documentElement.dataset.sandFrames ?? '0'));
      const [f0, m0] = [await frames(), await main()];
      const c0 = treeCpuSeconds(process.pid);
      const t0 = Date.now();
      const span = windowOf(variant);
      await page.waitForTimeout(span);
      const c1 = treeCpuSeconds(process.pid);
      const seconds = (Date.now() - t0) / 1000;
      const [f1, m1] = [await frames(), await main()];
      const stillPlaying = await page.evaluate(() =>
        (document.documentElement.dataset.sandTour ?? '').startsWith('playing:'),
      );
      if (!stillPlaying) throw new Error(`the tour stopped within the ${span / 1000} s window`);
      load.push(loadavg()[0] ?? Number.NaN);
      const s: Sample = {
        cpuMsPerS: ((c1 - c0) * 1000) / seconds,
        mainMsPerS: ((m1 - m0) * 1000) / seconds,
        framesPerS: (f1 - f0) / seconds,
      };
      all[variant].push(s);
      ctx.log(
        `  attract ${variant}: CPU ${s.cpuMsPerS.toFixed(0)} ms/s, main thread ${s.mainMsPerS.toFixed(0)} ms/s, ${s.framesPerS.toFixed(1)} frames/s`,
      );
      return s.cpuMsPerS;
    } finally {
      await context.close();
    }
  };
  let runs: Record<'ours' | 'always', number[]>;
  try {
    runs = await interleaved({ ours: () => once('ours'), always: () => once('always') }, ctx);
  } finally {
    await server.close();
  }
  // `all` holds the warm-up too; the measured rounds are the last `reps` of each.
  const measured = (v: 'ours' | 'always') => all[v].slice(-ctx.reps);
  const med = (xs: number[]) => summarize(xs).median.toFixed(1);
  const loadText = `load average (1 min) during the run: median ${summarize(load).median.toFixed(2)}, ${summarize(load).min.toFixed(2)}–${summarize(load).max.toFixed(2)}`;
  const measures: Measure[] = [
    measure({
      id: 'attract-cpu',
      title: 'Attract loop CPU (whole Chromium, ms of CPU per second), render on demand',
      unit: 'ms',
      ours: summarize(runs.ours),
      baselines: [{ name: 'always render (?render=always)', summary: summarize(runs.always) }],
      ratio: pairedRatio(runs.ours, runs.always),
      goal: { on: 'ratio', op: '<=', limit: 0.6 },
      notes: [
        `frames drawn per second: ours ${med(measured('ours').map((s) => s.framesPerS))}, always ${med(measured('always').map((s) => s.framesPerS))}; page main thread ms/s: ours ${med(measured('ours').map((s) => s.mainMsPerS))}, always ${med(measured('always').map((s) => s.mainMsPerS))}`,
        `${windowMs / 1000} s windows (the dropped warm-up round's, 1 s) of the default pack's first attract tour ("${tour.tour}") at ${VIEWPORT.width}×${VIEWPORT.height}, SwiftShader; ${loadText}`,
      ],
    }),
  ];
  const framesOf = (v: 'ours' | 'always') => measured(v).map((s) => s.framesPerS);
  measures.push(
    measure({
      id: 'attract-frames',
      title: 'Attract loop: sand-table frames drawn per second, render on demand',
      unit: 'count',
      ours: summarize(framesOf('ours')),
      baselines: [{ name: 'always render (?render=always)', summary: summarize(framesOf('always')) }],
      ratio: pairedRatio(framesOf('ours'), framesOf('always')),
      goal: { on: 'ratio', op: '<=', limit: 0.5 },
      notes: [
        'Holds and captions draw nothing; only the flights between shots do. Where the whole-Chromium CPU stays near one core in both variants, something other than the table (compositing the attract overlay) is what costs it.',
      ],
    }),
  );
  const markdown = [
    '| variant | CPU ms/s (median) | frames/s | main thread ms/s |',
    '|---|---:|---:|---:|',
    ...(['ours', 'always'] as const).map(
      (v) =>
        `| ${v === 'ours' ? 'render on demand' : 'always render'} | ${med(measured(v).map((s) => s.cpuMsPerS))} | ${med(measured(v).map((s) => s.framesPerS))} | ${med(measured(v).map((s) => s.mainMsPerS))} |`,
    ),
    '',
    loadText,
  ].join('\n');
  return { title: 'Attract loop: render on demand vs always render', measures, markdown };
}
