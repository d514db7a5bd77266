/**
 * Timeline: ours beside TimelineJS (npm @knight-lab/timelinejs) in the same Chromium run,
 * interleaved, on the same generated timeline (ours reads it from a pack; TimelineJS reads the
 * same events exported to its JSON format by our importer's exporter).
 *
 * Ready time: navigation start → the first cards painted (ours: the `timeline:first-render` mark;
 * TimelineJS: its `loaded` event + two frames), a fresh browser context each run. Goal at 500
 * events: ours ≤ 0.5× TimelineJS. Quick mode: 100 and 500 events; full: 100, 250, 500, 1000.
 *
 * One local static server on 127.0.0.1 serves both: our production renderer at /app/ with the
 * pack at /app/pack/pack.json, and TimelineJS's dist at /timelinejs/. Every request that would
 * leave the machine (TimelineJS's web fonts) is refused at once, for both.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { exportTimelineJs } from '../electron/node/import/timelinejs';
import type { PackManifestInput, Timeline, TimelineEvent } from '../electron/shared/pack-schema';
import { toPartialDateString } from '../electron/shared/dates';
import { lineChart } from './lib/chart';
import type { BenchContext, BenchModuleResult } from './lib/context';
import { measure } from './lib/goals';
import { interleaved, pairedRatio, summarize } from './lib/stats';

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

async function readyTime(
  browser: Browser,
  url: string,
  ready: (page: Page) => Promise<number>,
): Promise<number> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, hasTouch: true });
  // A hall has no network: refuse anything that is not this machine, for both sides alike.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  try {
    const page = await context.newPage();
    await page.goto(url);
    return await ready(page);
  } finally {
    await context.close();
  }
}

const oursReady = async (page: Page): Promise<number> => {
  await page.locator('html[data-timeline-ready="true"]').waitFor({ state: 'attached', timeout: 60_000 });
  return page.evaluate(() => performance.getEntriesByName('timeline:first-render')[0]?.startTime ?? NaN);
};

const theirsReady = async (page: Page): Promise<number> => {
  await page.waitForFunction(() => performance.getEntriesByName('tl:first-render').length > 0, undefined, {
    timeout: 60_000,
  });
  return page.evaluate(() => performance.getEntriesByName('tl:first-render')[0]?.startTime ?? NaN);
};

export default async function run(ctx: BenchContext): Promise<BenchModuleResult> {
  const sizes = ctx.quick ? [100, 500] : [100, 250, 500, 1000];
  const browser = await ctx.browser();
  const rendererRoot = ctx.renderer();
  const results: { events: number; ours: number[]; theirs: number[] }[] = [];
  for (const events of sizes) {
    const timeline = generateTimeline(events);
    const server = await startStatic(
      rendererRoot,
      JSON.stringify(manifestFor(timeline)),
      JSON.stringify(exportTimelineJs(timeline, {}, 'en')),
    );
    try {
      const r = await interleaved(
        {
          ours: () => readyTime(browser, `${server.url}/app/?screen=timeline&idle=3600`, oursReady),
          theirs: () => readyTime(browser, `${server.url}/tl.html`, theirsReady),
        },
        { reps: ctx.reps, warmup: ctx.warmup },
      );
      results.push({ events, ...r });
      ctx.log(
        `${events} events: ours ${summarize(r.ours).median.toFixed(0)} ms, TimelineJS ${summarize(r.theirs).median.toFixed(0)} ms`,
      );
    } finally {
      await server.close();
    }
  }
  const at500 = results.find((r) => r.events === 500)!;
  const chart = ctx.chart(
    'timeline-ready.svg',
    lineChart({
      title: 'Timeline ready time vs events (median, min–max)',
      xLabel: 'events',
      yLabel: 'ms from navigation',
      series: [
        {
          name: 'Hall Kiosk',
          colour: '#8c2f2a',
          points: results.map((r) => ({ x: r.events, ...summarize(r.ours) })),
        },
        {
          name: 'TimelineJS 3',
          colour: '#4f6b5a',
          points: results.map((r) => ({ x: r.events, ...summarize(r.theirs) })),
        },
      ],
    }),
  );
  const measures = [
    measure({
      id: 'timeline-ready-500',
      title: 'Timeline ready, 500 events',
      unit: 'ms',
      ours: summarize(at500.ours),
      baselines: [{ name: 'TimelineJS 3', summary: summarize(at500.theirs) }],
      ratio: pairedRatio(at500.ours, at500.theirs),
      goal: { on: 'ratio', op: '<=', limit: 0.5 },
      notes: [
        'Ours boots the whole kiosk app, loads the pack and opens the timeline screen; TimelineJS loads its script and JSON and builds its slides.',
      ],
    }),
  ];
  const markdown = [
    `![ready time vs events](${chart})`,
    '',
    '| events | Hall Kiosk (median, range) | TimelineJS 3 | ours / theirs |',
    '|---:|---:|---:|---:|',
    ...results.map((r) => {
      const a = summarize(r.ours);
      const b = summarize(r.theirs);
      return `| ${r.events} | ${a.median.toFixed(0)} ms (${a.min.toFixed(0)}–${a.max.toFixed(0)}) | ${b.median.toFixed(0)} ms (${b.min.toFixed(0)}–${b.max.toFixed(0)}) | ${pairedRatio(r.ours, r.theirs).median.toFixed(2)}× |`;
    }),
  ].join('\n');
  return { title: 'Timeline: ours vs TimelineJS', measures, markdown };
}
