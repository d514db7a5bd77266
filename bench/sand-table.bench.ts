/**
 * Sand table, real frames in the whole app (the production build served by the hall server,
 * `?screen=sand-table&debug=1`) on generated packs of 1,000 and 10,000 places (full mode also
 * 100), ours beside a naive scene that differs only in instancing (`?baseline=naive`: one Mesh
 * and material per place; the same clustering, culling and labels), both pages open in one
 * Chromium, their rounds interleaved.
 *
 * Each round, under a Chromium trace (`devtools.timeline` + `toplevel`):
 * 1. the close view (labels on): a one-finger drag that orbits the camera (every page);
 * 2. ours at 10,000 places: a pinch out past the clustering threshold and back in, then the
 *    camera-reset flight to the overview: clusters form and dissolve, the label set changes.
 * From the trace: the table's CPU per frame (the main thread's CPU time in its requestAnimationFrame
 * callback, `FireAnimationFrame`'s thread time `tdur`; its wall time `dur` is reported beside it) and
 * the whole app's main-thread time per frame (every top-level task on the renderer main thread in
 * the window, wall time, divided by the frames the table drew). Wall time adds whatever the thread
 * waited for a core: under SwiftShader the GPU process rasterises the previous frames with threads
 * on the same two cores, and the table's wall time per frame followed the machine's load (1.31–1.78
 * ms medians over runs of the same build, 0.9–4.8 ms single frames inside one drag).
 * GPU time: where the GPU offers EXT_disjoint_timer_query_webgl2, each page then drags three more
 * times (two in quick mode) with the table's frames wrapped in timer queries (a phase of its own:
 * the queries cost the main thread a little); otherwise the report says the GPU does not offer it.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { deflateSync } from 'node:zlib';
import type { Browser, CDPSession, Page } from 'playwright-core';
import type { ActivePack } from '../electron/node/http/handler';
import { startHallServer } from '../electron/node/server/hall-server';
import type { PackManifestInput } from '../electron/shared/pack-schema';
import { packManifestSchema } from '../electron/shared/pack-schema';
import { lineChart } from './lib/chart';
import type { BenchContext, BenchModuleResult } from './lib/context';
import { measure } from './lib/goals';
import type { Measure } from './lib/goals';
import { pairedRatio, summarize } from './lib/stats';

// Small on purpose: SwiftShader fills every pixel on the CPU, and this machine's cores are shared.
const VIEWPORT = { width: 960, height: 540 };
const ORIGIN = { lon: 119.95, lat: 31.8 };
const FRAME_BUDGET_MS = 1000 / 60;

// ---------------------------------------------------------------------------------------------
// Generated packs

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A greyscale PNG of rolling hills (the heightmap). */
function heightmapPng(size: number): Buffer {
  const raw = Buffer.alloc((size + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const u = x / size;
      const v = y / size;
      const h =
        0.5 + 0.25 * Math.sin(u * 9) * Math.cos(v * 7) + 0.2 * Math.sin((u + v) * 17) * Math.sin(u * 3);
      raw[y * (size + 1) + 1 + x] = Math.round(Math.min(1, Math.max(0, h)) * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Writes a generated pack of `n` places into `dir` (also handy for looking at a large table). */
export async function writePack(dir: string, n: number): Promise<ActivePack> {
  await mkdir(join(dir, 'media'), { recursive: true });
  const png = heightmapPng(128);
  await writeFile(join(dir, 'media/height.png'), png);
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const categories = [
    {
      id: 'figures',
      name: { 'zh-Hans': '革命人物', en: 'Figures' },
      color: '#c0392b',
      shape: 'circle' as const,
    },
    {
      id: 'events',
      name: { 'zh-Hans': '重大事件', en: 'Events' },
      color: '#c9a45c',
      shape: 'diamond' as const,
    },
    {
      id: 'memorials',
      name: { 'zh-Hans': '纪念设施', en: 'Memorials' },
      color: '#8e9aa6',
      shape: 'square' as const,
    },
    { id: 'bases', name: { 'zh-Hans': '教育基地', en: 'Bases' }, color: '#d98c3f', shape: 'star' as const },
  ];
  const places = Array.from({ length: n }, (_, i) => ({
    id: `p${i}`,
    category: categories[i % categories.length]!.id,
    position: { lon: ORIGIN.lon - 0.35 + rnd() * 0.7, lat: ORIGIN.lat - 0.25 + rnd() * 0.5 },
    name: { 'zh-Hans': `纪念地${i + 1}号`, en: `Site ${i + 1}` },
    summary: { 'zh-Hans': '基准测试地点。', en: 'A benchmark place.' },
  }));
  const manifest: PackManifestInput = {
    format: 'hallpack/1',
    id: `bench-${n}`,
    version: '1.0.0',
    title: { 'zh-Hans': `沙盘基准 ${n}`, en: `Sand table bench ${n}` },
    languages: ['zh-Hans', 'en'],
    defaultLanguage: 'zh-Hans',
    publisher: { 'zh-Hans': '基准', en: 'Bench' },
    created: '2025-01-01',
    categories,
    places,
    sandTable: {
      projection: { type: 'equirectangular', origin: ORIGIN, unitsPerDegree: 100 },
      bounds: {
        west: ORIGIN.lon - 0.36,
        south: ORIGIN.lat - 0.26,
        east: ORIGIN.lon + 0.36,
        north: ORIGIN.lat + 0.26,
      },
      base: { heightmap: { image: 'height', maxHeight: 1.2 }, graticule: { stepDegrees: 0.1 } },
      camera: {
        presets: [{ id: 'overview', target: ORIGIN, distance: 85, tilt: 55, heading: 0 }],
        initial: 'overview',
        limits: { minDistance: 6, maxDistance: 150, minTilt: 25, maxTilt: 89 },
      },
    },
    media: { height: { kind: 'image', src: 'media/height.png', illustration: true } },
    files: {
      'media/height.png': { size: png.length, sha256: createHash('sha256').update(png).digest('hex') },
    },
  };
  await writeFile(join(dir, 'pack.json'), JSON.stringify(manifest));
  return { root: dir, manifest: packManifestSchema.parse(manifest) };
}

// ---------------------------------------------------------------------------------------------
// Measuring

type TraceEvent = {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread time: the CPU the thread spent inside the event (Chromium records it on Linux). */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { functionName?: string } };
};

/**
 * The table's frame callback as a trace names its JS call (FrameLoop's `frame` field; its unit test
 * holds the name). A page runs other animation frame callbacks too: Playwright's own (a click's
 * checks), the vitals probe's one second of frames each minute. They are not the table's frames, and
 * counting them once lowered both the table's median and the whole app's time per frame.
 */
export const TABLE_FRAME_FUNCTION = 'frame';

/** Chromium's name for a task run by the main thread's scheduler (category `toplevel`). */
const TASK_NAMES = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

type Phase = {
  /** The table's frames, wall time (ms). */
  tableMs: number[];
  /** The same frames, CPU time of the main thread (thread time; wall time where a trace lacks it). */
  tableCpuMs: number[];
  /** True when every frame carried its thread time. */
  threadTime: boolean;
  appMsPerFrame: number;
  frames: number;
};

/**
 * Table frames (the FireAnimationFrame events that run the table's callback) and whole-app
 * main-thread time per table frame from one trace. Throws when no frame of the table is found.
 */
export function analyseTrace(events: TraceEvent[]): Phase {
  const key = (e: TraceEvent) => `${e.pid}:${e.tid}`;
  const fafs = events
    .filter((e) => e.name === 'FireAnimationFrame' && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts);
  if (fafs.length === 0)
    return { tableMs: [], tableCpuMs: [], threadTime: false, appMsPerFrame: Number.NaN, frames: 0 };
  const calls = events
    .filter(
      (e) => e.name === 'FunctionCall' && e.ph === 'X' && e.args?.data?.functionName === TABLE_FRAME_FUNCTION,
    )
    .sort((a, b) => a.ts - b.ts);
  // A call inside an animation frame of its thread marks that frame as the table's: the last
  // frame of the thread that began before the call (binary search), if it still ran then.
  const byThreadFafs = new Map<string, TraceEvent[]>();
  for (const e of fafs) {
    const list = byThreadFafs.get(key(e)) ?? [];
    list.push(e);
    byThreadFafs.set(key(e), list);
  }
  const table = new Set<TraceEvent>();
  for (const c of calls) {
    const list = byThreadFafs.get(key(c)) ?? [];
    let lo = 0;
    let hi = list.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.ts <= c.ts) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const a = list[at];
    if (a && c.ts <= a.ts + (a.dur ?? 0)) table.add(a);
  }
  if (table.size === 0)
    throw new Error(
      `no animation frame of the table in the trace (${fafs.length} frames, none calling "${TABLE_FRAME_FUNCTION}"): was FrameLoop's callback renamed?`,
    );
  // The renderer main thread: where the table's frames ran (the busiest such thread).
  const byThread = new Map<string, number>();
  for (const e of table) byThread.set(key(e), (byThread.get(key(e)) ?? 0) + 1);
  const main = [...byThread.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const mine = fafs.filter((e) => table.has(e) && key(e) === main);
  const tableMs = mine.map((e) => (e.dur ?? 0) / 1000);
  const tableCpuMs = mine.map((e) => (e.tdur ?? e.dur ?? 0) / 1000);
  const threadTime = mine.every((e) => e.tdur !== undefined);
  const from = Math.min(...mine.map((e) => e.ts));
  const to = Math.max(...mine.map((e) => e.ts + (e.dur ?? 0)));
  // Top-level tasks of that thread, clipped to the window; nested ones merged (union of intervals).
  const tasks = events
    .filter((e) => TASK_NAMES.has(e.name) && e.ph === 'X' && `${e.pid}:${e.tid}` === main)
    .map((e) => [Math.max(e.ts, from), Math.min(e.ts + (e.dur ?? 0), to)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  if (tasks.length === 0)
    return { tableMs, tableCpuMs, threadTime, appMsPerFrame: Number.NaN, frames: mine.length };
  let busy = 0;
  let end = -Infinity;
  for (const [a, b] of tasks) {
    if (b <= end) continue;
    busy += b - Math.max(a, end);
    end = b;
  }
  return {
    tableMs,
    tableCpuMs,
    threadTime,
    appMsPerFrame: busy / 1000 / mine.length,
    frames: mine.length,
  };
}

type DebugWindow = {
  __hallDebug: {
    sandTable: {
      debugInfo(): {
        animating: boolean;
        labels: number;
        clusters: number;
        markersShown: number;
        drawCalls: number;
        limits: { minDistance: number };
      };
      setPose(p: { x: number; z: number; distance: number; tilt: number; heading: number }): void;
      /** Cheap (no pass over the places): what the settle poll reads. */
      isAnimating(): boolean;
      gpuTiming(on: boolean): boolean;
      gpuTimes(): { ms: number[]; waiting: number };
    };
  };
};

async function traced(browser: Browser, page: Page, act: () => Promise<void>): Promise<Phase> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel'] });
  let failure: Error | null = null;
  try {
    await act();
  } catch (error) {
    failure = error instanceof Error ? error : new Error(JSON.stringify(error));
  }
  const buffer = await browser.stopTracing();
  if (failure !== null) throw failure;
  const trace = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] };
  return analyseTrace(trace.traceEvents);
}

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => !(window as unknown as DebugWindow).__hallDebug.sandTable.isAnimating(),
    undefined,
    { timeout: 30_000, polling: 50 },
  );
}

type Touch = (
  type: 'touchStart' | 'touchMove' | 'touchEnd',
  points: { x: number; y: number }[],
) => Promise<void>;

function toucher(cdp: CDPSession): Touch {
  return async (type, points) => {
    await cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints: type === 'touchEnd' ? [] : points.map((p, i) => ({ x: p.x, y: p.y, id: i + 1 })),
    });
  };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function drag(touch: Touch, from: { x: number; y: number }, dx: number, steps = 8): Promise<void> {
  await touch('touchStart', [from]);
  for (let i = 1; i <= steps; i++) {
    await touch('touchMove', [{ x: from.x + (dx * i) / steps, y: from.y }]);
    await pause(16);
  }
  await touch('touchEnd', []);
}

async function pinch(
  touch: Touch,
  c: { x: number; y: number },
  r0: number,
  r1: number,
  steps = 6,
): Promise<void> {
  const at = (r: number) => [
    { x: c.x - r, y: c.y },
    { x: c.x + r, y: c.y },
  ];
  await touch('touchStart', at(r0));
  for (let i = 1; i <= steps; i++) {
    await touch('touchMove', at(r0 + ((r1 - r0) * i) / steps));
    await pause(16);
  }
  await touch('touchEnd', []);
}

const DEBUG = process.env.HALL_BENCH_DEBUG === '1';
const step = (what: string) => {
  if (DEBUG) process.stdout.write(`    ${new Date().toISOString().slice(11, 23)} ${what}\n`);
};

type Round = { close: Phase; moving: Phase | null; labels: number; drawCalls: number };

/** The close view; returns what its second frame drew: names and WebGL draw calls. */
async function closeView(page: Page): Promise<{ labels: number; drawCalls: number }> {
  return page.evaluate(() => {
    const t = (window as unknown as DebugWindow).__hallDebug.sandTable;
    t.setPose({ x: 0, z: 0, distance: t.debugInfo().limits.minDistance * 1.6, tilt: 50, heading: 20 });
    return new Promise<{ labels: number; drawCalls: number }>((r) =>
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          const info = t.debugInfo();
          r({ labels: info.labels, drawCalls: info.drawCalls });
        }),
      ),
    );
  });
}

/**
 * One round: the close-view drag (always), then, with `moving`, a pinch out past the clustering
 * threshold and back in and the camera-reset flight to the overview.
 */
async function round(browser: Browser, page: Page, cdp: CDPSession, moving: boolean): Promise<Round> {
  const touch = toucher(cdp);
  const centre = { x: VIEWPORT.width / 2, y: VIEWPORT.height / 2 };
  step('close view');
  const { labels, drawCalls } = await closeView(page);
  await settled(page);
  const close = await traced(browser, page, async () => {
    step('drag');
    await drag(touch, { x: centre.x - 150, y: centre.y }, 300);
    await settled(page);
  });
  if (!moving) return { close, moving: null, labels, drawCalls };
  step('close view');
  await closeView(page);
  await settled(page);
  const phase = await traced(browser, page, async () => {
    step('pinch');
    await pinch(touch, centre, 200, 40);
    await pinch(touch, centre, 40, 120);
    await settled(page);
    step('flight');
    await page.getByTestId('camera-reset').click();
    await settled(page);
    step('done');
  });
  return { close, moving: phase, labels, drawCalls };
}

/**
 * GPU ms per frame of `drags` close-view drags (EXT_disjoint_timer_query_webgl2), in a phase of
 * its own after the CPU rounds: the queries cost the main thread a little. Null when the table
 * says its GPU cannot time.
 */
async function gpuFrames(page: Page, cdp: CDPSession, drags: number): Promise<number[] | null> {
  const timing = (on: boolean) =>
    page.evaluate((v) => (window as unknown as DebugWindow).__hallDebug.sandTable.gpuTiming(v), on);
  const times = () =>
    page.evaluate(() => (window as unknown as DebugWindow).__hallDebug.sandTable.gpuTimes());
  if (!(await timing(true))) return null;
  const touch = toucher(cdp);
  const centre = { x: VIEWPORT.width / 2, y: VIEWPORT.height / 2 };
  const out: number[] = [];
  try {
    for (let d = 0; d < drags; d++) {
      await closeView(page);
      await settled(page);
      await times(); // what the close view drew is not part of the drag
      await drag(touch, { x: centre.x - 150, y: centre.y }, 300);
      await settled(page);
      // Results come a few frames late; the table is settled, so wait for the last ones.
      for (let i = 0; i < 40; i++) {
        const r = await times();
        out.push(...r.ms);
        if (r.waiting === 0) break;
        await pause(50);
      }
    }
  } finally {
    await timing(false);
  }
  return out;
}

async function openPage(
  browser: Browser,
  url: string,
): Promise<{ page: Page; cdp: CDPSession; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, hasTouch: true });
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('html[data-scene-ready="true"]').waitFor({ state: 'attached', timeout: 120_000 });
  const cdp = await context.newCDPSession(page);
  return { page, cdp, close: () => context.close() };
}

const median = (xs: number[]) => summarize(xs).median;

export default async function run(ctx: BenchContext): Promise<BenchModuleResult> {
  const sizes = ctx.quick ? [1_000, 10_000] : [100, 1_000, 10_000];
  // GPU time has no goal of its own: two drags (16 frames a page) are enough for its median in a
  // quick run, which must stay under five minutes.
  const gpuDrags = ctx.quick ? 2 : 3;
  const browser = await ctx.browser();
  let active: ActivePack | null = null;
  const server = await startHallServer({
    port: 0,
    rendererRoot: ctx.renderer(),
    getActivePack: () => Promise.resolve(active),
  });
  const perSize: {
    places: number;
    ours: Round[];
    naive: Round[];
    gpu: { ours: number[]; naive: number[] };
  }[] = [];
  let gpuTimer = false;
  try {
    for (const n of sizes) {
      active = await writePack(join(ctx.work, `sand-pack-${n}`), n);
      const base = `${server.url.replace(/\/$/, '')}/?screen=sand-table&debug=1&idle=3600`;
      ctx.log(`${n} places: loading ours and naive …`);
      const ours = await openPage(browser, base);
      const naive = await openPage(browser, `${base}&baseline=naive`);
      const rounds = { ours: [] as Round[], naive: [] as Round[] };
      const gpu = { ours: [] as number[], naive: [] as number[] };
      try {
        for (let r = 0; r < ctx.warmup + ctx.reps; r++) {
          const order = r % 2 === 0 ? (['ours', 'naive'] as const) : (['naive', 'ours'] as const);
          for (const side of order) {
            const p = side === 'ours' ? ours : naive;
            const t0 = Date.now();
            // The whole-app phase (pinch, flight) for ours at 10,000 places; the close drag for all.
            const result = await round(
              browser,
              p.page,
              p.cdp,
              side === 'ours' && n === 10_000 && r >= ctx.warmup,
            );
            ctx.log(
              `  ${n} ${side} round ${r + 1}: ${((Date.now() - t0) / 1000).toFixed(1)} s, ${result.close.frames} + ${result.moving?.frames ?? 0} frames`,
            );
            if (r >= ctx.warmup) rounds[side].push(result);
          }
        }
        // The table itself says whether its GPU can time (no probe context of the bench's own).
        const oursGpu = await gpuFrames(ours.page, ours.cdp, gpuDrags);
        gpuTimer = oursGpu !== null;
        if (oursGpu) {
          gpu.ours = oursGpu;
          gpu.naive = (await gpuFrames(naive.page, naive.cdp, gpuDrags)) ?? [];
        }
      } finally {
        await ours.close();
        await naive.close();
      }
      perSize.push({ places: n, ...rounds, gpu });
      const o = rounds.ours;
      const b = rounds.naive;
      ctx.log(
        `${n} places: table ms/frame close: CPU ${median(o.map((x) => median(x.close.tableCpuMs))).toFixed(2)}, wall ${median(o.map((x) => median(x.close.tableMs))).toFixed(2)} (naive CPU ${median(b.map((x) => median(x.close.tableCpuMs))).toFixed(2)}), labels ${o[0]?.labels ?? 0}`,
      );
    }
  } finally {
    await server.close();
  }

  /** The table's CPU per frame (main-thread time of its frame callback), median of each round. */
  const closeMs = (rs: Round[]) => rs.map((x) => median(x.close.tableCpuMs));
  /** The same frames' wall time: CPU plus any time the thread waited for a core. */
  const closeWallMs = (rs: Round[]) => rs.map((x) => median(x.close.tableMs));
  const threadTime = perSize.every((s) => [...s.ours, ...s.naive].every((x) => x.close.threadTime));
  const appMs = (rs: Round[]) => rs.map((x) => x.close.appMsPerFrame);
  /** Whole app over the drag, the pinches and the flight together. */
  const appAllMs = (rs: Round[]) =>
    rs.map((x) =>
      x.moving
        ? (x.close.appMsPerFrame * x.close.frames + x.moving.appMsPerFrame * x.moving.frames) /
          (x.close.frames + x.moving.frames)
        : Number.NaN,
    );
  const big = perSize.find((s) => s.places === 10_000)!;
  const small = perSize[0]!;
  const gpuText = (xs: number[]) => {
    const g = xs.length ? summarize(xs) : null;
    return g
      ? `${g.median.toFixed(2)} ms (IQR ${g.q1.toFixed(2)}–${g.q3.toFixed(2)}, n=${g.n})`
      : 'no result';
  };
  const gpuNote = gpuTimer
    ? `GPU time per frame (EXT_disjoint_timer_query_webgl2, ${gpuDrags} close-view drags in a phase of their own after the CPU rounds), 10,000 places: ours ${gpuText(big.gpu.ours)}, naive ${gpuText(big.gpu.naive)}. Under SwiftShader the "GPU" is the CPU rasterising in the GPU process.`
    : 'GPU time: not measured — this GPU does not offer EXT_disjoint_timer_query_webgl2.';
  const measures: Measure[] = [
    measure({
      id: 'sand-frame-cpu-10k-close',
      title: 'Sand table CPU per frame, 10,000 places, close view with labels (drag)',
      unit: 'ms',
      ours: summarize(closeMs(big.ours)),
      baselines: [{ name: 'naive (one mesh per place)', summary: summarize(closeMs(big.naive)) }],
      ratio: pairedRatio(closeMs(big.ours), closeMs(big.naive)),
      goal: { on: 'median', op: '<=', limit: 1.5 },
      notes: [
        `The main thread's CPU time in the table's requestAnimationFrame callback (${threadTime ? "the trace's thread time" : 'wall time: this trace has no thread time'}), median of each round's frames (${big.ours[0]?.close.frames ?? 0} frames, ${big.ours[0]?.labels ?? 0} labels shown); spread over rounds.`,
        `Wall time of the same callbacks: ours ${median(closeWallMs(big.ours)).toFixed(2)} ms (rounds ${Math.min(...closeWallMs(big.ours)).toFixed(2)}–${Math.max(...closeWallMs(big.ours)).toFixed(2)}), naive ${median(closeWallMs(big.naive)).toFixed(2)} ms. It adds the time the thread waited for a core: SwiftShader's rasteriser threads draw the previous frames on the same ${cpus().length} cores. The whole-app measure below is wall time.`,
        gpuNote,
      ],
    }),
    measure({
      id: 'sand-draw-calls-10k',
      title: `Sand table WebGL draw calls per frame, close view, ${big.places.toLocaleString('en')} places vs ${small.places.toLocaleString('en')}`,
      unit: 'count',
      ours: summarize(big.ours.map((x) => x.drawCalls)),
      baselines: [
        { name: 'naive (one mesh per place)', summary: summarize(big.naive.map((x) => x.drawCalls)) },
      ],
      ratio: pairedRatio(
        big.ours.map((x) => x.drawCalls),
        big.naive.map((x) => x.drawCalls),
      ),
      // Constant: as many calls for the most places as for the fewest, measured in this run.
      goal: { on: 'max', op: '<=', limit: Math.max(...small.ours.map((x) => x.drawCalls)) },
      notes: [
        `The renderer's own count (renderer.info.render.calls) on the frame after the close view is set. Instancing keeps it constant: ours ${small.ours[0]?.drawCalls ?? 0} calls at ${small.places.toLocaleString('en')} places and ${big.ours[0]?.drawCalls ?? 0} at ${big.places.toLocaleString('en')}; the naive scene draws one mesh per place (${small.naive[0]?.drawCalls ?? 0} → ${big.naive[0]?.drawCalls ?? 0}). The goal's limit is ours at the fewest places in this run.`,
      ],
    }),
    measure({
      id: 'app-frame-10k',
      title: 'Whole app main thread per frame, 10,000 places (drag, pinch, flight)',
      unit: 'ms',
      ours: summarize(appAllMs(big.ours)),
      goal: { on: 'median', op: '<=', limit: FRAME_BUDGET_MS },
      notes: [
        `Every top-level task on the renderer main thread while the table animates, divided by the frames it drew (${big.ours[0]?.close.frames ?? 0} + ${big.ours[0]?.moving?.frames ?? 0} frames a round); goal: within one 60 Hz frame. During the close drag alone: ours ${median(appMs(big.ours)).toFixed(2)} ms, naive ${median(appMs(big.naive)).toFixed(2)} ms.`,
      ],
    }),
  ];
  const chart = ctx.chart(
    'sand-frame-cost.svg',
    lineChart({
      title: 'Sand table main-thread ms per frame vs places (median, min–max)',
      xLabel: 'places (log scale)',
      yLabel: 'ms per frame',
      logX: true,
      series: [
        {
          name: 'table CPU, ours',
          colour: '#8c2f2a',
          points: perSize.map((s) => ({ x: s.places, ...summarize(closeMs(s.ours)) })),
        },
        {
          name: 'table CPU, naive',
          colour: '#c9a45c',
          points: perSize.map((s) => ({ x: s.places, ...summarize(closeMs(s.naive)) })),
        },
        {
          name: 'whole app, ours',
          colour: '#4f6b5a',
          points: perSize.map((s) => ({ x: s.places, ...summarize(appMs(s.ours)) })),
        },
        {
          name: 'whole app, naive',
          colour: '#5a6478',
          points: perSize.map((s) => ({ x: s.places, ...summarize(appMs(s.naive)) })),
        },
      ],
    }),
  );
  const f = (xs: number[]) => median(xs).toFixed(2);
  const markdown = [
    `![frame cost vs places](${chart})`,
    '',
    '| places | table CPU ms/frame, close drag (ours / naive) | table wall ms/frame (ours / naive) | whole app ms/frame, close drag (ours / naive) | GPU ms/frame, close drag (ours / naive) | draw calls (ours / naive) | labels shown |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...perSize.map(
      (s) =>
        `| ${s.places.toLocaleString('en')} | ${f(closeMs(s.ours))} / ${f(closeMs(s.naive))} | ${f(closeWallMs(s.ours))} / ${f(closeWallMs(s.naive))} | ${f(appMs(s.ours))} / ${f(appMs(s.naive))} | ${s.gpu.ours.length ? f(s.gpu.ours) : '–'} / ${s.gpu.naive.length ? f(s.gpu.naive) : '–'} | ${s.ours[0]?.drawCalls ?? 0} / ${s.naive[0]?.drawCalls ?? 0} | ${s.ours[0]?.labels ?? 0} |`,
    ),
    '',
    `At 10,000 places ours also pinches and flies: table CPU ${f(big.ours.map((x) => median(x.moving?.tableCpuMs ?? [])))} ms/frame, whole app ${f(big.ours.map((x) => x.moving?.appMsPerFrame ?? Number.NaN))} ms/frame.`,
    '',
    `Chromium with SwiftShader (software GL), ${VIEWPORT.width}×${VIEWPORT.height}, DPR 1. ${gpuNote}`,
  ].join('\n');
  return { title: 'Sand table: real frames, instancing vs one mesh per place', measures, markdown };
}
