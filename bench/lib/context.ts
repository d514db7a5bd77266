/** What every bench module gets: options, a scratch folder, one Chromium and one renderer build. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import type { Measure } from './goals';

export type BenchContext = {
  quick: boolean;
  /** Measured repetitions (≥ 5) and unmeasured warm-up rounds before them. */
  reps: number;
  warmup: number;
  /** bench/results: the report and its charts. */
  outDir: string;
  /** A scratch folder, deleted after the run. */
  work: string;
  log: (line: string) => void;
  /** The production renderer build (vite build of this tree into the scratch folder), built once. */
  renderer: () => string;
  /** One headless Chromium for the whole run. */
  browser: () => Promise<Browser>;
  /** Writes an SVG chart into the results folder; returns its file name. */
  chart: (name: string, svg: string) => string;
};

export type BenchModuleResult = { title: string; measures: Measure[]; markdown: string };

/** Debian's Chromium, or `CHROMIUM_PATH`. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
];

export function createContext(opts: {
  quick: boolean;
  outDir: string;
  work: string;
  log: (line: string) => void;
}): BenchContext & { dispose: () => Promise<void> } {
  let rendererDir: string | null = null;
  let browser: Promise<Browser> | null = null;
  return {
    quick: opts.quick,
    reps: 5,
    warmup: 1,
    outDir: opts.outDir,
    work: opts.work,
    log: opts.log,
    renderer: () => {
      if (rendererDir) return rendererDir;
      const out = join(opts.work, 'renderer');
      opts.log('building the renderer (vite build, production) …');
      const r = spawnSync(
        process.execPath,
        [
          resolve('node_modules/vite/bin/vite.js'),
          'build',
          '--outDir',
          out,
          '--emptyOutDir',
          '--logLevel',
          'error',
        ],
        { stdio: 'inherit' },
      );
      if (r.status !== 0) throw new Error(`vite build failed (exit ${String(r.status)})`);
      rendererDir = out;
      return out;
    },
    browser: () => {
      browser ??= chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: CHROMIUM_ARGS,
      });
      return browser;
    },
    chart: (name, svg) => {
      writeFileSync(join(opts.outDir, name), svg);
      return name;
    },
    dispose: async () => {
      if (browser) await (await browser).close();
    },
  };
}
