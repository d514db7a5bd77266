/**
 * Shared Playwright fixtures for every browser-mode spec.
 *
 * - `hall` (worker): the hall server started in-process on 127.0.0.1 with the built renderer and
 *   a pack folder: `HALL_E2E_PACK`, else dist/packs/default when built, else the minimal fixture.
 * - `baseURL` is the hall's URL, so `page.goto('/')` and `gotoApp(page)` just work.
 * - `context` is guarded: every request of every page is recorded and the test fails if any
 *   goes anywhere but 127.0.0.1 (data: and blob: are fine); any console error or warning and
 *   any uncaught page error fails the test too. A spec that expects some (a deliberately missing
 *   pack makes Chromium log the 503) lists them with `test.use({ allowedConsole: [/…/] })`.
 */
import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PackManifest } from '../../electron/shared/pack-schema';
import type { ActivePack } from '../../electron/node/http/handler';
import { createLogger } from '../../electron/node/log/logger';
import type { Logger } from '../../electron/node/log/logger';
import { loadFolderPack } from '../../electron/node/server/folder-pack';
import { startHallServer } from '../../electron/node/server/hall-server';
import type { HallServer } from '../../electron/node/server/hall-server';

export { expect };

export type Hall = {
  url: string;
  /** The pack folder being served. */
  packDir: string;
  /** Its parsed manifest (read expected titles etc. from here, never hard-code them). */
  manifest: PackManifest;
  rendererRoot: string;
  log: Logger;
  /** Another server on the same renderer, e.g. with no pack (`async () => null`). */
  startAnother: (getActivePack: () => Promise<ActivePack | null>) => Promise<HallServer>;
};

export type PageProblems = {
  /** URLs requested outside 127.0.0.1. */
  offHost: string[];
  /** Console errors/warnings and page errors, as `type: text`. */
  console: string[];
};

/** `packDir`: serve this pack folder instead of the default (`test.use({ packDir: '…' })`). */
type WorkerFixtures = { hall: Hall; packDir: string | undefined };
type TestFixtures = { allowedConsole: RegExp[]; pageProblems: PageProblems };

export function rendererRoot(): string {
  return process.env.HALL_E2E_RENDERER_ROOT ?? path.resolve('dist/renderer');
}

export function packDir(): string {
  if (process.env.HALL_E2E_PACK) return path.resolve(process.env.HALL_E2E_PACK);
  const built = path.resolve('dist/packs/default');
  return existsSync(path.join(built, 'pack.json')) ? built : path.resolve('tests/fixtures/packs/minimal');
}

/** True for URLs a kiosk page may load: the loopback hall server, data: and blob:. */
export function isAllowedUrl(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:')) return true;
  try {
    return new URL(url).hostname === '127.0.0.1';
  } catch {
    return false;
  }
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  packDir: [undefined, { scope: 'worker', option: true }],

  hall: [
    async ({ packDir: packOption }, use, workerInfo) => {
      const root = rendererRoot();
      if (!existsSync(path.join(root, 'index.html'))) {
        throw new Error(`no renderer build at ${root} (run \`npx vite build\` or unset HALL_E2E_SKIP_BUILD)`);
      }
      const dir = packOption === undefined ? packDir() : path.resolve(packOption);
      const active = await loadFolderPack(dir);
      mkdirSync('test-results', { recursive: true });
      const log = createLogger({
        file: path.resolve(`test-results/hall-server-${workerInfo.workerIndex}.log`),
      });
      const extra: HallServer[] = [];
      const server = await startHallServer({
        port: 0,
        rendererRoot: root,
        getActivePack: () => Promise.resolve(active),
        log,
      });
      await use({
        url: server.url,
        packDir: dir,
        manifest: active.manifest,
        rendererRoot: root,
        log,
        startAnother: async (getActivePack) => {
          const another = await startHallServer({ port: 0, rendererRoot: root, getActivePack, log });
          extra.push(another);
          return another;
        },
      });
      await Promise.all([server.close(), ...extra.map((s) => s.close())]);
      log.close();
    },
    { scope: 'worker' },
  ],

  baseURL: async ({ hall }, use) => {
    await use(hall.url);
  },

  allowedConsole: [[], { option: true }],

  // eslint-disable-next-line no-empty-pattern
  pageProblems: async ({}, use) => {
    await use({ offHost: [], console: [] });
  },

  context: async ({ context, allowedConsole, pageProblems }, use) => {
    context.on('request', (request) => {
      if (!isAllowedUrl(request.url())) pageProblems.offHost.push(request.url());
    });
    context.on('console', (message) => {
      const type = message.type();
      if (type !== 'error' && type !== 'warning') return;
      const text = `${type}: ${message.text()} (${message.location().url})`;
      if (!allowedConsole.some((re) => re.test(text))) pageProblems.console.push(text);
    });
    context.on('weberror', (webError) => {
      const error = webError.error();
      const text = `pageerror: ${error.message}`;
      if (!allowedConsole.some((re) => re.test(text))) pageProblems.console.push(text);
    });
    await use(context);
    expect(pageProblems.offHost, 'requests outside 127.0.0.1').toEqual([]);
    expect(pageProblems.console, 'console errors, warnings or page errors').toEqual([]);
  },
});

export type AppQuery = string | Record<string, string | number>;

function queryString(query: AppQuery | undefined): string {
  if (query === undefined) return '';
  if (typeof query === 'string') return query.replace(/^\?/, '');
  return new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
}

/**
 * Opens the app (relative to the hall's URL) and waits until it says it is ready: manifest
 * loaded and the first screen painted (`<html data-app-ready="true">`).
 */
export async function gotoApp(page: Page, query?: AppQuery): Promise<void> {
  const q = queryString(query);
  await page.goto(q === '' ? '/' : `/?${q}`);
  await page.locator('html[data-app-ready="true"]').waitFor({ state: 'attached' });
}

/** From attract, the visitor's first touch: lands on the home screen. */
export async function enterHome(page: Page): Promise<void> {
  await page.locator('[data-testid="attract"]').click({ position: { x: 40, y: 40 } });
  await page.locator('html[data-screen="home"]').waitFor({ state: 'attached' });
}

/** The current value of a `<html data-…>` signal (see renderer/src/app/signals.ts). */
export async function signal(page: Page, name: string): Promise<string | undefined> {
  return page.evaluate((key) => document.documentElement.dataset[key], name);
}
