/**
 * Timeline figures, ours side by side with TimelineJS (npm @knight-lab/timelinejs) in the same
 * Chromium run, on the same generated 500-event timeline (ours reads it from a pack; TimelineJS
 * reads the same events exported to its published JSON format by our importer's exporter):
 *
 * - time to first render: navigation start → the first cards painted (ours: the
 *   `timeline:first-render` mark; TimelineJS: its `loaded` event + two frames);
 * - JS heap after a forced GC (CDP Performance.getMetrics JSHeapUsedSize) and DOM nodes;
 * - frame cost of a swipe: main-thread busy time (CDP TaskDuration) per frame drawn during a
 *   touch swipe and its glide, with the 95th-percentile frame interval and the frames over 25 ms.
 *
 * One local static server on 127.0.0.1 serves both: our renderer (built here with Vite into a
 * temporary folder) at /app/ with the pack at /app/pack/pack.json, and TimelineJS's dist at
 * /timelinejs/. Every request that would leave the machine (TimelineJS's web fonts) is refused at
 * once, for both, so nothing waits on a network that a hall does not have.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { exportTimelineJs } from '../electron/node/import/timelinejs';
import type { PackManifestInput, Timeline, TimelineEvent } from '../electron/shared/pack-schema';
import { toPartialDateString } from '../electron/shared/dates';

type BenchContext = { outDir: string; log: (s: string) => void };
type BenchResult = { title: string; markdown: string; data: unknown };

const EVENTS = 500;
const RUNS = 3;
const VIEWPORT = { width: 1920, height: 1080 };

const WORDS =
  'hall river boat branch square map site zone chain party study route memory archive exhibition people spring harbour bridge factory school'.split(
    ' ',
  );

/** A deterministic 500-event timeline over 1800–2025 in five eras, text only (no media for either side). */
export function generateTimeline(n: number): Timeline {
  const events: TimelineEvent[] = [];
  let seed = 1921;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const word = () => WORDS[Math.floor(rnd() * WORDS.length)] ?? 'hall';
  for (let i = 0; i < n; i++) {
    const year = 1800 + Math.floor((i * 226) / n);
    const month = 1 + Math.floor(rnd() * 12);
    const date = toPartialDateString(rnd() < 0.5 ? { year } : { year, month });
    const title = `${word()} ${word()} ${i + 1}`.replace(/^./, (c) => c.toUpperCase());
    const text = `The ${word()} and the ${word()} in ${year}. A **${word()}** of the ${word()}; the ${word()} ${word()}.\n\n- ${word()}\n- ${word()}`;
    const event: TimelineEvent = {
      id: `e${i}`,
      date,
      title: { en: title },
      text: { en: text },
      media: [],
      places: [],
      tours: [],
      highlight: i % 50 === 0,
    };
    if (i % 37 === 0) event.end = String(year + 3);
    events.push(event);
  }
  const eras = [
    ['first', 1800, 1849, '#8c2f2a'],
    ['second', 1850, 1899, '#9a7b3f'],
    ['third', 1900, 1949, '#4f6b5a'],
    ['fourth', 1950, 1999, '#5a6478'],
    ['fifth', 2000, 2025, '#7a4e68'],
  ] as const;
  return {
    id: 'bench',
    title: { en: 'Five hundred events' },
    intro: { en: 'A generated timeline for the benchmark.' },
    eras: eras.map(([id, from, to, color]) => ({
      id,
      title: { en: `The ${id} era` },
      color,
      from: String(from),
      to: String(to),
    })),
    events,
  };
}

function manifestFor(timeline: Timeline): PackManifestInput {
  return {
    format: 'hallpack/1',
    id: 'bench',
    version: '1.0.0',
    title: { en: 'Timeline benchmark' },
    languages: ['en'],
    defaultLanguage: 'en',
    publisher: { en: 'Hall Kiosk bench' },
    created: '2026-01-01',
    timelines: [timeline],
    files: {},
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.map': 'application/json',
};

const TL_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>TimelineJS</title>
<link rel="stylesheet" href="/timelinejs/css/timeline.css">
<style>html,body{margin:0;height:100%}#timeline-embed{width:100%;height:100%}</style>
</head><body><div id="timeline-embed"></div>
<script src="/timelinejs/js/timeline.js"></script>
<script>
fetch('/tl.json').then((r) => r.json()).then((data) => {
  const timeline = new TL.Timeline('timeline-embed', data, { script_path: '/timelinejs/js/', hash_bookmark: false, language: 'en', font: null });
  timeline.on('loaded', () => requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('tl:first-render'))));
  window.__tl = timeline;
});
</script></body></html>`;

/** A small static server: /app/ → our build (+ the pack), /timelinejs/ → TimelineJS dist. */
async function startStatic(rendererRoot: string, packJson: string, tlJson: string) {
  const tlRoot = resolve('node_modules/@knight-lab/timelinejs/dist');
  const within = (root: string, rel: string): string | null => {
    const p = normalize(join(root, decodeURIComponent(rel)));
    return p === root || p.startsWith(root + sep) ? p : null;
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (body: string, type: string) => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (url.pathname === '/app/pack/pack.json') return send(packJson, TYPES['.json'] ?? '');
    if (url.pathname === '/tl.json') return send(tlJson, TYPES['.json'] ?? '');
    if (url.pathname === '/tl.html') return send(TL_PAGE, TYPES['.html'] ?? '');
    let file: string | null = null;
    if (url.pathname.startsWith('/app/')) file = within(rendererRoot, url.pathname.slice(5) || 'index.html');
    else if (url.pathname.startsWith('/timelinejs/')) file = within(tlRoot, url.pathname.slice(12));
    if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file || !existsSync(file)) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

type Sample = {
  firstRenderMs: number;
  heapMB: number;
  domNodes: number;
  swipe: { frames: number; busyMsPerFrame: number; p95FrameMs: number; slowFrames: number; movedTo: string };
};

type Side = {
  name: string;
  url: string;
  ready: (page: Page) => Promise<number>;
  swipeArea: (page: Page) => Promise<{ x: number; y: number; width: number; height: number }>;
  /** Whatever a visitor has to dismiss before swiping (not measured). */
  prepare?: (page: Page) => Promise<void>;
  position: (page: Page) => Promise<string>;
};

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function measure(browser: Browser, side: Side): Promise<Sample> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, hasTouch: true });
  // A hall has no network: refuse anything that is not this machine, for both sides alike.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  try {
    await page.goto(side.url);
    const firstRenderMs = await side.ready(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const m0 = await metrics(cdp);

    // The swipe: a finger from 70% to 30% of the swipe area in ~160 ms, then 1.5 s of glide.
    await side.prepare?.(page);
    const box = await side.swipeArea(page);
    const y = box.y + box.height / 2;
    const x0 = box.x + box.width * 0.7;
    const x1 = box.x + box.width * 0.3;
    // A string, not a function: the bench runs under tsx, whose helpers do not exist in the page.
    await page.evaluate(`(() => {
      window.__frames = [];
      window.__recording = true;
      const tick = (t) => {
        window.__frames.push(t);
        if (window.__recording) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })()`);
    const before = await metrics(cdp);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: type === 'touchEnd' ? [] : [{ x, y, id: 1 }],
      });
    await touch('touchStart', x0);
    for (let i = 1; i <= 10; i++) {
      await touch('touchMove', x0 + ((x1 - x0) * i) / 10);
      await page.waitForTimeout(16);
    }
    await touch('touchEnd', x1);
    await page.waitForTimeout(1500);
    const after = await metrics(cdp);
    const frames = await page.evaluate<number[]>(`(() => {
      window.__recording = false;
      return window.__frames;
    })()`);
    const intervals = frames.slice(1).map((t, i) => t - (frames[i] ?? t));
    const sorted = [...intervals].sort((a, b) => a - b);
    const busyMs = ((after.TaskDuration ?? 0) - (before.TaskDuration ?? 0)) * 1000;
    return {
      firstRenderMs,
      heapMB: (m0.JSHeapUsedSize ?? 0) / 1024 / 1024,
      domNodes: m0.Nodes ?? 0,
      swipe: {
        frames: intervals.length,
        busyMsPerFrame: intervals.length > 0 ? busyMs / intervals.length : 0,
        p95FrameMs: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0,
        slowFrames: intervals.filter((d) => d > 25).length,
        movedTo: await side.position(page),
      },
    };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

export default async function run(ctx: BenchContext): Promise<BenchResult> {
  const timeline = generateTimeline(EVENTS);
  const packJson = JSON.stringify(manifestFor(timeline));
  const tlJson = JSON.stringify(exportTimelineJs(timeline, {}, 'en'));

  const work = await mkdtemp(join(tmpdir(), 'timeline-bench-'));
  const rendererRoot = join(work, 'renderer');
  ctx.log('building the renderer …');
  const built = spawnSync(
    process.execPath,
    [
      resolve('node_modules/vite/bin/vite.js'),
      'build',
      '--outDir',
      rendererRoot,
      '--emptyOutDir',
      '--logLevel',
      'error',
    ],
    { stdio: 'inherit' },
  );
  if (built.status !== 0) throw new Error(`vite build failed (exit ${String(built.status)})`);

  const server = await startStatic(rendererRoot, packJson, tlJson);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const ours: Side = {
    name: 'Hall Kiosk',
    url: `${server.url}/app/?screen=timeline&idle=3600`,
    ready: async (page) => {
      await page.locator('html[data-timeline-ready="true"]').waitFor({ state: 'attached', timeout: 60_000 });
      return page.evaluate(() => performance.getEntriesByName('timeline:first-render')[0]?.startTime ?? NaN);
    },
    swipeArea: async (page) => (await page.getByTestId('timeline-track').boundingBox())!,
    position: async (page) => {
      await page.locator('[data-testid="timeline-track"][data-moving="false"]').waitFor({ timeout: 10_000 });
      return `card ${(await page.getByTestId('timeline-track').getAttribute('data-focused-index')) ?? '?'}`;
    },
  };
  const theirs: Side = {
    name: 'TimelineJS 3',
    url: `${server.url}/tl.html`,
    ready: async (page) => {
      await page.waitForFunction(
        () => performance.getEntriesByName('tl:first-render').length > 0,
        undefined,
        { timeout: 60_000 },
      );
      return page.evaluate(() => performance.getEntriesByName('tl:first-render')[0]?.startTime ?? NaN);
    },
    swipeArea: async (page) => (await page.locator('.tl-storyslider').boundingBox())!,
    // On touch screens TimelineJS covers the slides with a "swipe to navigate" note until tapped.
    prepare: async (page) => {
      const note = page.locator('.tl-message-full');
      if (await note.isVisible()) {
        await note.tap();
        await note.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
      }
      await page.waitForTimeout(300);
    },
    position: async (page) =>
      `slide ${await page.evaluate(() => (window as unknown as { __tl: { _getSlideIndex?: (id: string) => number; current_id: string } }).__tl.current_id)}`,
  };

  const samples: Record<string, Sample[]> = { [ours.name]: [], [theirs.name]: [] };
  try {
    for (let r = 0; r < RUNS; r++) {
      // Alternate the order so neither side always runs on a warmer machine.
      for (const side of r % 2 === 0 ? [ours, theirs] : [theirs, ours]) {
        const s = await measure(browser, side);
        samples[side.name]?.push(s);
        ctx.log(
          `${side.name} run ${r + 1}: first render ${s.firstRenderMs.toFixed(0)} ms, heap ${s.heapMB.toFixed(1)} MB, ${s.domNodes} nodes, swipe ${s.swipe.busyMsPerFrame.toFixed(2)} ms/frame (p95 ${s.swipe.p95FrameMs.toFixed(1)} ms, ${s.swipe.slowFrames} slow of ${s.swipe.frames}) → ${s.swipe.movedTo}`,
        );
      }
    }
    // A picture of each for a human look.
    for (const [side, file] of [
      [ours, 'timeline-ours.png'],
      [theirs, 'timeline-timelinejs.png'],
    ] as const) {
      const context = await browser.newContext({ viewport: VIEWPORT });
      await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
      const page = await context.newPage();
      await page.goto(side.url);
      await side.ready(page);
      await page.screenshot({ path: join(ctx.outDir, file) });
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
    await rm(work, { recursive: true, force: true });
  }

  const summary = Object.fromEntries(
    Object.entries(samples).map(([name, list]) => [
      name,
      {
        firstRenderMs: median(list.map((s) => s.firstRenderMs)),
        heapMB: median(list.map((s) => s.heapMB)),
        domNodes: median(list.map((s) => s.domNodes)),
        busyMsPerFrame: median(list.map((s) => s.swipe.busyMsPerFrame)),
        p95FrameMs: median(list.map((s) => s.swipe.p95FrameMs)),
        slowFrames: median(list.map((s) => s.swipe.slowFrames)),
        frames: median(list.map((s) => s.swipe.frames)),
      },
    ]),
  );
  const a = summary[ours.name]!;
  const b = summary[theirs.name]!;
  const row = (label: string, x: number, y: number, digits: number, unit: string) =>
    `| ${label} | ${x.toFixed(digits)} ${unit} | ${y.toFixed(digits)} ${unit} | ${y > 0 ? (x / y).toFixed(2) : '–'}× |`;
  const markdown = [
    `Same generated timeline of ${EVENTS} events (5 eras, text only) in both, one Chromium (${VIEWPORT.width}×${VIEWPORT.height}, DPR 1), median of ${RUNS} cold runs each, alternating order.`,
    '',
    '| | Hall Kiosk | TimelineJS 3 | ours / theirs |',
    '| --- | ---: | ---: | ---: |',
    row('time to first render', a.firstRenderMs, b.firstRenderMs, 0, 'ms'),
    row('JS heap after GC', a.heapMB, b.heapMB, 1, 'MB'),
    row('DOM nodes', a.domNodes, b.domNodes, 0, ''),
    row('swipe: main-thread ms per frame', a.busyMsPerFrame, b.busyMsPerFrame, 2, 'ms'),
    row('swipe: p95 frame interval', a.p95FrameMs, b.p95FrameMs, 1, 'ms'),
    row('swipe: frames over 25 ms', a.slowFrames, b.slowFrames, 0, ''),
    '',
    'First render: navigation start → first cards painted (ours: the whole kiosk app boots, loads the pack and opens the timeline screen; TimelineJS: its `loaded` event plus two frames). Swipe: a touch drag across 40% of the width in ~160 ms, then 1.5 s of glide; busy time is CDP TaskDuration over the frames drawn. Screenshots: `timeline-ours.png`, `timeline-timelinejs.png`.',
  ].join('\n');
  return {
    title: `Timeline: ours vs TimelineJS (${EVENTS} events)`,
    markdown,
    data: { events: EVENTS, runs: RUNS, summary, samples },
  };
}
