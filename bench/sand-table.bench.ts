/**
 * Sand-table figures at 100 / 1,000 / 10,000 places: draw calls, triangles and CPU frame time,
 * ours (one InstancedMesh per marker shape, grid clustering, a label budget) side by side with a
 * naive one-mesh-per-place baseline rendered in the same Chromium run on the same packs.
 *
 * - The packs are generated here (deterministic places over a 0.7° × 0.5° area, four categories
 *   and shapes, a 128² heightmap), served by the real hall server (`startHallServer`).
 * - The page is a minimal host bundled here with esbuild: the real `SandTable` class from
 *   renderer/src/sand-table, nothing else, so the figures are the table's own. `?baseline=naive`
 *   switches its markers to one Mesh + material per place.
 * - Each configuration renders N frames synchronously through the debug hook `renderFrames(n)`,
 *   turning the camera slightly each frame (labels, projection and clustering do real work):
 *   "CPU ms/frame" is main-thread time per frame; "wall ms/frame" adds the wait for the GPU
 *   (SwiftShader here, so it is CPU too) at the end.
 * - Two views: the overview (markers cluster) and a close view near the minimum distance
 *   (clustering off: every place is an instance).
 */
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';
import type { ActivePack } from '../electron/node/http/handler';
import { startHallServer } from '../electron/node/server/hall-server';
import type { PackManifestInput } from '../electron/shared/pack-schema';
import { packManifestSchema } from '../electron/shared/pack-schema';

type BenchContext = { outDir: string; log: (s: string) => void };
type BenchResult = { title: string; markdown: string; data: unknown };

const SIZES = [100, 1_000, 10_000] as const;
const VIEWPORT = { width: 1280, height: 720 };
const FRAMES: Record<number, number> = { 100: 24, 1000: 16, 10000: 10 };
const ORIGIN = { lon: 119.95, lat: 31.8 };

type Row = {
  places: number;
  mode: 'instanced' | 'naive';
  view: 'overview' | 'close';
  drawCalls: number;
  triangles: number;
  markersShown: number;
  clusters: number;
  labels: number;
  cpuMs: number;
  wallMs: number;
  readyMs: number;
};

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
// The host page: the SandTable class and nothing else.

const PAGE_ENTRY = `
import { SandTable } from './renderer/src/sand-table/sand-table';
import { createSandTableStore } from './renderer/src/stores/sand-table-store';
import { packManifestSchema } from './electron/shared/pack-schema';

const q = new URLSearchParams(location.search);
const manifest = packManifestSchema.parse(await (await fetch('pack/pack.json')).json());
const store = createSandTableStore();
const canvas = document.getElementById('table');
const labels = document.getElementById('labels');
const baseline = q.get('baseline') === 'naive' ? { baseline: 'naive' } : {};
const table = new SandTable(
  canvas,
  { manifest, url: (p) => new URL('pack/' + p, document.baseURI).href },
  { sandTable: store },
  { language: 'zh-Hans', overlay: labels, maxPixelRatio: 1, signal: (n, v) => { document.documentElement.dataset[n] = v; }, ...baseline },
);
table.resize(innerWidth, innerHeight);
window.__bench = { table, store };
`;

const PAGE_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><link rel="stylesheet" href="bench.css"></head>
<body><canvas id="table"></canvas><div id="labels"></div><script type="module" src="bench.js"></script></body></html>`;

const PAGE_CSS = `html,body{margin:0;height:100%;background:#15110f;overflow:hidden;font-family:sans-serif}
#table{position:absolute;inset:0;width:100%;height:100%}
#labels{position:absolute;inset:0;pointer-events:none}
.sand-labels{position:absolute;inset:0}
.sand-label{position:absolute;left:0;top:0;box-sizing:border-box;padding:.15em .5em;color:#f3ece2;font-size:13px;white-space:nowrap;background:rgba(21,17,15,.7)}`;

async function buildPage(dir: string): Promise<void> {
  await build({
    stdin: { contents: PAGE_ENTRY, resolveDir: resolve('.'), loader: 'ts', sourcefile: 'bench-entry.ts' },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    outfile: join(dir, 'bench.js'),
    logLevel: 'warning',
  });
  await writeFile(join(dir, 'index.html'), PAGE_HTML);
  await writeFile(join(dir, 'bench.css'), PAGE_CSS);
}

// ---------------------------------------------------------------------------------------------
// Measuring

type BenchWindow = {
  __bench: {
    table: {
      debugInfo(): {
        drawCalls: number;
        triangles: number;
        markersShown: number;
        clusters: number;
        labels: number;
        limits: { minDistance: number };
      };
      renderFrames(n: number): { cpuMs: number; wallMs: number };
      setPose(p: { x: number; z: number; distance: number; tilt: number; heading: number }): void;
    };
  };
};

async function measure(page: Page, view: Row['view'], frames: number) {
  return page.evaluate(
    ({ view, frames }) => {
      const { table } = (window as unknown as BenchWindow).__bench;
      if (view === 'close') {
        table.setPose({
          x: 0,
          z: 0,
          distance: table.debugInfo().limits.minDistance * 1.6,
          tilt: 50,
          heading: 20,
        });
      }
      table.renderFrames(3);
      const timing = table.renderFrames(frames);
      return { ...table.debugInfo(), ...timing };
    },
    { view, frames },
  );
}

const fmt = (v: number, d = 1) => v.toFixed(d);

export default async function run(ctx: BenchContext): Promise<BenchResult> {
  const work = await mkdtemp(join(tmpdir(), 'hall-bench-sand-'));
  const site = join(work, 'site');
  await mkdir(site);
  await buildPage(site);
  const packs = new Map<number, ActivePack>();
  for (const n of SIZES) packs.set(n, await writePack(join(work, `pack-${n}`), n));
  let active: ActivePack | null = null;
  const server = await startHallServer({
    port: 0,
    rendererRoot: site,
    getActivePack: () => Promise.resolve(active),
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
    ],
  });
  const rows: Row[] = [];
  try {
    for (const n of SIZES) {
      active = packs.get(n) ?? null;
      for (const mode of ['instanced', 'naive'] as const) {
        const page = await browser.newPage({ viewport: VIEWPORT });
        const started = Date.now();
        await page.goto(`${server.url.replace(/\/$/, '')}/${mode === 'naive' ? '?baseline=naive' : ''}`);
        await page.locator('html[data-scene-ready="true"]').waitFor({ state: 'attached', timeout: 120_000 });
        const readyMs = Date.now() - started;
        for (const view of ['overview', 'close'] as const) {
          const r = await measure(page, view, FRAMES[n] ?? 16);
          rows.push({
            places: n,
            mode,
            view,
            drawCalls: r.drawCalls,
            triangles: r.triangles,
            markersShown: r.markersShown,
            clusters: r.clusters,
            labels: r.labels,
            cpuMs: r.cpuMs,
            wallMs: r.wallMs,
            readyMs,
          });
          ctx.log(
            `${n} places, ${mode}, ${view}: ${r.drawCalls} draw calls, ${fmt(r.cpuMs)} ms CPU/frame, ${fmt(r.wallMs)} ms wall/frame`,
          );
        }
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
    await rm(work, { recursive: true, force: true });
  }

  const header =
    '| places | view | draw calls (ours / naive) | triangles (ours / naive) | markers · clusters · labels (ours) | CPU ms/frame (ours / naive) | wall ms/frame (ours / naive) | ready ms (ours / naive) |\n' +
    '|---:|---|---:|---:|---|---:|---:|---:|';
  const lines: string[] = [];
  for (const n of SIZES) {
    for (const view of ['overview', 'close'] as const) {
      const a = rows.find((r) => r.places === n && r.view === view && r.mode === 'instanced');
      const b = rows.find((r) => r.places === n && r.view === view && r.mode === 'naive');
      if (!a || !b) continue;
      lines.push(
        `| ${n.toLocaleString('en')} | ${view} | ${a.drawCalls} / ${b.drawCalls} | ${a.triangles.toLocaleString('en')} / ${b.triangles.toLocaleString('en')} | ${a.markersShown} · ${a.clusters} · ${a.labels} | ${fmt(a.cpuMs)} / ${fmt(b.cpuMs)} | ${fmt(a.wallMs)} / ${fmt(b.wallMs)} | ${a.readyMs} / ${b.readyMs} |`,
      );
    }
  }
  const markdown = [
    `Chromium (SwiftShader software GL), ${VIEWPORT.width}×${VIEWPORT.height}, device pixel ratio 1, the real \`SandTable\` class on generated packs served by the hall server. ` +
      `"Ours" draws one InstancedMesh per marker shape with screen-space grid clustering when zoomed out and at most 64 labels; ` +
      `"naive" is the same scene with one Mesh and one material per place (\`?baseline=naive\`). ` +
      `Frames rendered synchronously through the debug hook, the camera turning slightly each frame; CPU = main-thread time per frame, wall = including the wait for the GPU.`,
    '',
    header,
    ...lines,
  ].join('\n');
  return { title: 'Sand table: instancing vs one mesh per place', markdown, data: rows };
}
