/**
 * The production renderer build (vite build of this tree): what a page must load before its first
 * screen renders, and what ships.
 * - initial JS + CSS, gzip: the entry script, every chunk it modulepreloads and the entry
 *   stylesheets that index.html names (goal ≤ 250 KiB);
 * - source maps shipped in the renderer build (goal: none, 0 bytes).
 * Sizes are exact, so one measurement (n = 1) is the figure.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchContext, BenchModuleResult } from './lib/context';
import { measure } from './lib/goals';
import { summarize } from './lib/stats';
import { KiB, MiB, formatBytes } from './lib/units';

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** The files index.html loads before anything renders: entry script, modulepreloads, stylesheets. */
export function initialFiles(indexHtml: string): string[] {
  const out: string[] = [];
  for (const m of indexHtml.matchAll(/<script[^>]*\ssrc="([^"]+)"[^>]*>/g)) out.push(m[1]!);
  for (const m of indexHtml.matchAll(/<link[^>]*\srel="(?:modulepreload|stylesheet)"[^>]*>/g)) {
    const href = /\shref="([^"]+)"/.exec(m[0]);
    if (href) out.push(href[1]!);
  }
  return [...new Set(out)].filter((f) => !/^(data:|https?:)/.test(f)).map((f) => f.replace(/^\.\//, ''));
}

export default function run(ctx: BenchContext): Promise<BenchModuleResult> {
  const dir = ctx.renderer();
  const files = walk(dir);
  const size = (f: string) => statSync(f).size;
  const gz = (f: string) => gzipSync(readFileSync(f)).length;
  const initial = initialFiles(readFileSync(join(dir, 'index.html'), 'utf8'));
  const initialJs = initial.filter((f) => f.endsWith('.js')).reduce((s, f) => s + gz(join(dir, f)), 0);
  const initialCss = initial.filter((f) => f.endsWith('.css')).reduce((s, f) => s + gz(join(dir, f)), 0);
  const maps = files.filter((f) => f.endsWith('.map'));
  const mapBytes = maps.reduce((s, f) => s + size(f), 0);
  const total = files.reduce((s, f) => s + size(f), 0);
  const js = files.filter((f) => f.endsWith('.js')).sort((a, b) => size(b) - size(a));
  const fonts = files.filter((f) => /\.(woff2?|ttf)$/.test(f));
  const table = js
    .slice(0, 6)
    .map((f) => `| \`${relative(dir, f)}\` | ${formatBytes(size(f))} | ${formatBytes(gz(f))} |`);
  const measures = [
    measure({
      id: 'initial-gzip',
      title: 'Initial JS + CSS (gzip) named by index.html',
      unit: 'KiB',
      ours: summarize([(initialJs + initialCss) / KiB]),
      goal: { on: 'median', op: '<=', limit: 250 },
      notes: [
        `JS ${formatBytes(initialJs)}, CSS ${formatBytes(initialCss)} (gzip, level 6): ${initial.join(', ')}`,
      ],
    }),
    measure({
      id: 'source-maps',
      title: 'Source maps in the renderer build',
      unit: 'KiB',
      ours: summarize([mapBytes / KiB]),
      goal: { on: 'median', op: '<=', limit: 0 },
      notes: [`${maps.length} .map files; the whole build is ${formatBytes(total)}`],
    }),
  ];
  const markdown = [
    `Build: ${formatBytes(total)} in ${files.length} files (${(total / MiB).toFixed(1)} MiB), of which ${fonts.length} font files ${formatBytes(fonts.reduce((s, f) => s + size(f), 0))} and ${maps.length} source maps ${formatBytes(mapBytes)}.`,
    '',
    '| largest scripts | raw | gzip |',
    '|---|---:|---:|',
    ...table,
  ].join('\n');
  return Promise.resolve({ title: 'Renderer bundle', measures, markdown });
}
