/**
 * `npm run soak -- --minutes N`: months in a hall, compressed. The production renderer behind the
 * hall server (browser mode) in Debian's Chromium; random visitor sessions one after another
 * (touch the attract loop, then some of: the sand table, a place card by touch or from the
 * catalogue, chips, the tour, the timeline and an event, About, the language), each ended the way
 * a hall ends it: idle time-out, countdown, back to attract. After each session: forced GC
 * (CDP HeapProfiler.collectGarbage), then the JS heap (Runtime.getHeapUsage), DOM nodes and event
 * listeners (Memory.getDOMCounters) and, when the session opened the table, three's
 * renderer.info.memory (geometries, textures) through `?debug=1`.
 *
 * Mid-run it reloads the page (a new segment starts, with its own warm-up) and, later, loses the
 * WebGL context (WEBGL_lose_context) on the sand table and restores it: the table must come back.
 *
 * Fails on: a slope at or over its bound after warm-up (JS heap ≥ 1 KiB per session …), any
 * console error or uncaught page error, any failed request or HTTP error, a context loss that does
 * not recover. Writes test-results/soak/latest.json (slopes as Theil–Sen median with the spread of
 * the pairwise slopes, every sample, problems) and prints a summary.
 *
 * Options: --minutes N (default 5), --seed S, --warmup W (sessions, default 4), --snapshots
 * (heap snapshots once steady and at the end into test-results/soak/, with the top growth
 * printed; open them in DevTools), --actions a,b (diagnosis: only these session kinds), --jit
 * (V8's optimising compilers on; see NO_JIT_FLAGS), --out FILE.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { CHROMIUM_ARGS as BENCH_CHROMIUM_ARGS, CHROMIUM_PATH } from '../../bench/lib/context';
import { loadFolderPack } from '../../electron/node/server/folder-pack';
import { startHallServer } from '../../electron/node/server/hall-server';
import { groupSnapshot, heapGrowth } from './heap-snapshot';
import type { SessionSample, Slopes } from './stats';
import { DEFAULT_BOUNDS, segmentSlopes, slopeFailures, spread } from './stats';

const CHROMIUM_ARGS = [...BENCH_CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'];

const VIEWPORT = { width: 1280, height: 720 };

/**
 * V8 without its compilers beyond bytecode (Sparkplug, Maglev, TurboFan), keeping bytecode, with
 * feedback vectors allocated on a function's first call rather than once it has run often enough,
 * and regular expressions interpreted: code compiled for functions as they turn warm, and feedback
 * allocated as they cross their call budget, grow the JS heap for tens of sessions (measured: ~80
 * KiB of code over 12 steady sessions; then ~40 KiB of feedback vectors over 9) — warm-up, bounded
 * by the bundle, but it hides a real leak. Like this, what the grand tour ran has its metadata and
 * the heap slope measures data. `--jit` runs V8 as the kiosk does.
 */
const NO_JIT_FLAGS =
  '--js-flags=--no-opt --no-maglev --no-sparkplug --no-flush-bytecode --no-lazy-feedback-allocation --regexp-interpret-all';

export type SoakOptions = {
  minutes: number;
  seed: number;
  warmup: number;
  snapshots: boolean;
  out: string;
  /** V8 with its optimising compilers (the heap then also grows with optimised code). */
  jit: boolean;
  /** What visitors may do (diagnosis: `--actions about` repeats one kind of session). */
  actions: Action[];
};

const ACTIONS = ['table', 'timeline', 'about', 'language', 'none'] as const;
type Action = (typeof ACTIONS)[number];

export function parseSoakArgs(argv: readonly string[]): SoakOptions {
  const o: SoakOptions = {
    minutes: 5,
    seed: Date.now() % 100_000,
    warmup: 4,
    snapshots: false,
    jit: false,
    out: 'test-results/soak/latest.json',
    actions: ['table', 'table', 'timeline', 'about', 'language'],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const num = (v: string, min: number) => {
      const n = Number(v);
      if (!Number.isFinite(n) || n < min) throw new Error(`${a} wants a number ≥ ${min}, got "${v}"`);
      return n;
    };
    if (a === '--minutes') o.minutes = num(value(), 0.25);
    else if (a === '--seed') o.seed = Math.floor(num(value(), 0));
    else if (a === '--warmup') o.warmup = Math.floor(num(value(), 0));
    else if (a === '--snapshots') o.snapshots = true;
    else if (a === '--jit') o.jit = true;
    else if (a === '--out') o.out = value();
    else if (a === '--actions') {
      const list = value().split(',');
      const bad = list.find((x) => !(ACTIONS as readonly string[]).includes(x));
      if (bad !== undefined) throw new Error(`--actions: unknown "${bad}" (know ${ACTIONS.join(', ')})`);
      o.actions = list as Action[];
    } else
      throw new Error(
        `unknown option ${a} (know --minutes N, --seed S, --warmup W, --actions a,b, --snapshots, --jit, --out F)`,
      );
  }
  return o;
}

/** A small deterministic generator, so a failing run can be replayed with --seed. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

type DebugInfo = {
  geometries: number;
  textures: number;
  contextLost: boolean;
  ready: boolean;
  animating: boolean;
};
type PlacePos = { clientX: number; clientY: number; onScreen: boolean; visible: boolean; clustered: boolean };
type HallWindow = {
  __hallDebug?: {
    idle?: { skip(seconds: number): void };
    sandTable?: { debugInfo(): DebugInfo; screenPositionOf(id: string): PlacePos | null };
  };
};

const say = (line: string) => process.stdout.write(`soak: ${line}\n`);

class Visitor {
  constructor(
    private readonly page: Page,
    private readonly random: () => number,
    private readonly placeIds: string[],
    private readonly hasTimeline: boolean,
    private readonly tourIds: string[],
    private readonly actions: readonly Action[],
  ) {}

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.random() * xs.length)]!;
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  private async screen(name: string): Promise<void> {
    await this.page.locator(`html[data-screen="${name}"]`).waitFor({ state: 'attached', timeout: 30_000 });
  }

  private async sceneReady(): Promise<void> {
    await this.page.locator('html[data-scene-ready="true"]').waitFor({ state: 'attached', timeout: 60_000 });
  }

  async tableMemory(): Promise<{ geometries: number; textures: number }> {
    return this.page.evaluate(() => {
      const info = (window as unknown as HallWindow).__hallDebug?.sandTable?.debugInfo();
      return { geometries: info?.geometries ?? Number.NaN, textures: info?.textures ?? Number.NaN };
    });
  }

  /** One visitor: from the attract loop to the attract loop. Returns what the table held. */
  async session(): Promise<{ steps: string[]; geometries: number; textures: number }> {
    const steps: string[] = [];
    let memory = { geometries: Number.NaN, textures: Number.NaN };
    await this.screen('attract');
    await this.page.getByTestId('attract').click({ position: { x: 40, y: 40 } });
    await this.screen('home');
    const actions = 1 + Math.floor(this.random() * 3);
    for (let k = 0; k < actions; k++) {
      const what = this.pick(this.actions);
      steps.push(what);
      if (what === 'table') {
        const m = await this.table(steps);
        if (!Number.isFinite(memory.geometries)) memory = m;
      } else if (what === 'timeline' && this.hasTimeline) await this.timeline(steps);
      else if (what === 'about') await this.about();
      else if (what === 'language') await this.page.getByTestId('language-toggle').click();
    }
    await this.endByIdle();
    return { steps, ...memory };
  }

  /**
   * Warm-up, the first session of each segment: everything a visitor can reach, once — every
   * place's card (each media kind the pack has), every category chip, a tour, the timeline and an
   * event, About and both languages. Code runs for the first time and pack content is first seen
   * here, so the measured sessions after the warm-up show growth, not first use.
   */
  async grandTour(): Promise<{ steps: string[]; geometries: number; textures: number }> {
    const steps = ['grand-tour'];
    let memory = { geometries: Number.NaN, textures: Number.NaN };
    await this.screen('attract');
    await this.page.getByTestId('attract').click({ position: { x: 40, y: 40 } });
    await this.screen('home');
    if (this.actions.includes('table')) {
      await this.openTable();
      memory = await this.tableMemory();
      for (const id of this.placeIds) {
        await this.fromCatalogue(id);
        await this.page.getByTestId('place-card-close').click();
      }
      const chips = this.page.locator('[data-testid^="category-chip-"]');
      for (let i = 0; i < (await chips.count()); i++) await chips.nth(i).click();
      await this.page.getByTestId('category-chip-all').click();
      const tour = this.page.locator('[data-testid^="tour-start"]').first();
      if ((await tour.count()) > 0) {
        await tour.click();
        await this.page
          .locator('html[data-sand-tour^="playing:"]')
          .waitFor({ state: 'attached', timeout: 30_000 });
      }
      steps.push(`${this.placeIds.length}-places`, 'chips', 'tour');
    }
    if (this.actions.includes('timeline') && this.hasTimeline) {
      await this.goHome();
      await this.page.getByTestId('tile-timeline').click();
      await this.screen('timeline');
      const cards = this.page.getByTestId('event-card');
      await cards.first().waitFor({ timeout: 30_000 });
      await cards.first().click();
      steps.push('timeline', 'event');
    }
    if (this.actions.includes('about')) {
      await this.about();
      steps.push('about');
    }
    if (this.actions.includes('language')) {
      await this.page.getByTestId('language-toggle').click();
      await this.page.getByTestId('language-toggle').click();
      steps.push('languages');
    }
    await this.endByIdle();
    return { steps, ...memory };
  }

  async openTable(): Promise<void> {
    await this.goHome();
    await this.page.getByTestId('tile-sand-table').click();
    await this.screen('sand-table');
    await this.sceneReady();
  }

  private async goHome(): Promise<void> {
    const screen = await this.page.evaluate(() => document.documentElement.dataset.screen);
    if (screen === 'attract') {
      await this.page.getByTestId('attract').click({ position: { x: 40, y: 40 } });
      await this.screen('home');
    } else if (screen !== 'home') {
      await this.page.getByTestId('home-button').click();
      await this.screen('home');
    }
  }

  private async table(steps: string[]): Promise<{ geometries: number; textures: number }> {
    await this.openTable();
    const memory = await this.tableMemory();
    const id = this.pick(this.placeIds);
    if (id !== undefined) {
      if (this.chance(0.5)) {
        steps.push('tap');
        // Tap where the place is once the camera has settled (the table may still be flying); a
        // tour this visitor started keeps it moving: then the catalogue it is.
        const touring = await this.page.waitForFunction(
          () => {
            const touring = (document.documentElement.dataset.sandTour ?? '').startsWith('playing');
            const info = (window as unknown as HallWindow).__hallDebug?.sandTable?.debugInfo();
            return touring ? 'touring' : info?.animating === false ? 'still' : false;
          },
          undefined,
          { timeout: 30_000, polling: 100 },
        );
        const p = await this.page.evaluate(
          (pid) => (window as unknown as HallWindow).__hallDebug?.sandTable?.screenPositionOf(pid) ?? null,
          id,
        );
        const card = this.page.getByTestId('place-card');
        let opened = false;
        if ((await touring.jsonValue()) === 'still' && p && p.onScreen && p.visible && !p.clustered) {
          await this.page.touchscreen.tap(p.clientX, p.clientY);
          // A tap beside a neighbour or a cluster token may open that one, or fly to the cluster.
          opened = await card
            .waitFor({ timeout: 5_000 })
            .then(() => true)
            .catch(() => false);
        }
        if (!opened) await this.fromCatalogue(id);
      } else {
        steps.push('catalogue');
        await this.fromCatalogue(id);
      }
      if (this.chance(0.4)) {
        steps.push('close-card');
        await this.page.getByTestId('place-card-close').click();
      }
    }
    const chips = this.page.locator('[data-testid^="category-chip-"]');
    if (this.chance(0.4) && (await chips.count()) > 1) {
      steps.push('chip');
      await chips.nth(1).click();
      await this.page.getByTestId('category-chip-all').click();
    }
    if (this.chance(0.2) && this.tourIds.length > 0) {
      const tour = this.page.locator('[data-testid^="tour-start"]').first();
      if ((await tour.count()) > 0) {
        steps.push('tour');
        await tour.click();
        await this.page
          .locator('html[data-sand-tour^="playing:"]')
          .waitFor({ state: 'attached', timeout: 30_000 });
      }
    }
    return memory;
  }

  private async fromCatalogue(id: string): Promise<void> {
    await this.page.getByTestId('catalogue-open').click();
    await this.page.getByTestId(`catalogue-entry-${id}`).click();
    await this.page.locator(`[data-testid="place-card"][data-place-id="${id}"]`).waitFor({ timeout: 15_000 });
  }

  private async timeline(steps: string[]): Promise<void> {
    await this.goHome();
    await this.page.getByTestId('tile-timeline').click();
    await this.screen('timeline');
    const cards = this.page.getByTestId('event-card');
    await cards.first().waitFor({ timeout: 30_000 });
    if (this.chance(0.6)) {
      steps.push('event');
      const n = await cards.count();
      await cards.nth(Math.floor(this.random() * Math.min(n, 4))).click();
    }
  }

  private async about(): Promise<void> {
    await this.goHome();
    const open = this.page.getByTestId('about-open');
    if ((await open.count()) === 0) return;
    await open.click();
    await this.page.getByTestId('about-panel').waitFor();
    await this.page.getByTestId('about-close').click();
  }

  /** The visitor walks away: idle time passes, the countdown runs out, attract returns. */
  async endByIdle(): Promise<void> {
    await this.page.evaluate(() => (window as unknown as HallWindow).__hallDebug?.idle?.skip(3600));
    await this.screen('attract');
  }
}

type Problems = { console: string[]; requests: string[]; recovery: string[] };

function watch(page: Page, problems: Problems): void {
  page.on('console', (m) => {
    if (m.type() === 'error') problems.console.push(`console error: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => problems.console.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // A media element that is torn down mid-load aborts its request: not a failure.
    const why = r.failure()?.errorText ?? '';
    if (why === 'net::ERR_ABORTED') return;
    problems.requests.push(`${r.method()} ${r.url()}: ${why}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.requests.push(`${r.request().method()} ${r.url()}: HTTP ${r.status()}`);
  });
}

async function measure(
  cdp: CDPSession,
): Promise<{ heap: number; nodes: number; listeners: number; documents: number }> {
  // Twice: the first pass may only free what finalisers of the second then release.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const c = await cdp.send('Memory.getDOMCounters');
  return { heap: usedSize, nodes: c.nodes, listeners: c.jsEventListeners, documents: c.documents };
}

async function snapshot(cdp: CDPSession, file: string): Promise<void> {
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  writeFileSync(file, chunks.join(''));
  say(`heap snapshot ${file}`);
}

/** Loses the table's WebGL context and gives it back; the table must draw again. */
async function loseContext(visitor: Visitor, page: Page): Promise<string[]> {
  await visitor.openTable();
  const failures: string[] = [];
  await page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="sand-canvas"]');
    const ext = canvas?.getContext('webgl2')?.getExtension('WEBGL_lose_context');
    if (!ext) throw new Error('no WEBGL_lose_context on the sand table canvas');
    (window as unknown as { __soakLose?: WEBGL_lose_context }).__soakLose = ext;
    ext.loseContext();
  });
  try {
    await page.locator('html[data-scene-ready="false"]').waitFor({ state: 'attached', timeout: 15_000 });
  } catch {
    failures.push('the table did not notice the lost context (data-scene-ready stayed true)');
  }
  await page.evaluate(() =>
    (window as unknown as { __soakLose?: WEBGL_lose_context }).__soakLose?.restoreContext(),
  );
  try {
    await page.locator('html[data-scene-ready="true"]').waitFor({ state: 'attached', timeout: 60_000 });
    const info = await page.evaluate(() =>
      (window as unknown as HallWindow).__hallDebug?.sandTable?.debugInfo(),
    );
    if (!info || info.contextLost || !info.ready)
      failures.push(`after restore the table says ${JSON.stringify(info)}`);
  } catch {
    failures.push('the table did not come back within 60 s of the restored context');
  }
  await page.evaluate(() => delete (window as unknown as { __soakLose?: unknown }).__soakLose);
  await visitor.endByIdle();
  return failures;
}

function kib(b: number): string {
  return `${(b / 1024).toFixed(2)} KiB`;
}

function describe(s: Slopes): string {
  const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—');
  return [
    `${s.sessions} measured sessions`,
    `heap ${kib(s.heapBytes.median)}/session (IQR ${kib(s.heapBytes.q1)}…${kib(s.heapBytes.q3)})`,
    `DOM nodes ${f(s.domNodes.median)}/session`,
    `listeners ${f(s.listeners.median)}/session`,
    `geometries ${f(s.geometries.median)}/session, textures ${f(s.textures.median)}/session`,
  ].join('; ');
}

export async function main(argv: string[]): Promise<number> {
  let opts: SoakOptions;
  try {
    opts = parseSoakArgs(argv);
  } catch (error) {
    process.stderr.write(`soak: ${(error as Error).message}\n`);
    return 2;
  }
  const rendererRoot = path.resolve(process.env.HALL_E2E_RENDERER_ROOT ?? 'dist/renderer');
  const builtPack = path.resolve('dist/packs/default');
  const packDir = process.env.HALL_E2E_PACK
    ? path.resolve(process.env.HALL_E2E_PACK)
    : existsSync(path.join(builtPack, 'pack.json'))
      ? builtPack
      : path.resolve('tests/fixtures/packs/minimal');
  if (!existsSync(path.join(rendererRoot, 'index.html'))) {
    process.stderr.write(`soak: no renderer build at ${rendererRoot} (run \`npm run build\` first)\n`);
    return 2;
  }
  const active = await loadFolderPack(packDir);
  const manifest = active.manifest;
  const server = await startHallServer({
    port: 0,
    rendererRoot,
    getActivePack: () => Promise.resolve(active),
  });
  let browser: Browser | null = null;
  const problems: Problems = { console: [], requests: [], recovery: [] };
  const samples: (SessionSample & { steps: string[]; seconds: number })[] = [];
  const events: { at: number; what: string }[] = [];
  const load = [loadavg()[0] ?? Number.NaN];
  const started = Date.now();
  const deadline = started + opts.minutes * 60_000;
  const outDir = path.dirname(path.resolve(opts.out));
  mkdirSync(outDir, { recursive: true });
  say(
    `${opts.minutes} min, seed ${opts.seed}, pack ${manifest.id}@${manifest.version}, warm-up ${opts.warmup} sessions a segment`,
  );
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: opts.jit ? CHROMIUM_ARGS : [...CHROMIUM_ARGS, NO_JIT_FLAGS],
    });
    const context = await browser.newContext({
      viewport: VIEWPORT,
      deviceScaleFactor: 1,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    watch(page, problems);
    const cdp = await context.newCDPSession(page);
    // Sessions end by the idle time-out (skipped through ?debug=1) and a one-second countdown; the
    // attract loop's title card stays up so the tour does not start between sessions.
    const url = `${server.url.replace(/\/$/, '')}/?debug=1&countdown=1&attractTitle=3600`;
    const open = async () => {
      await page.goto(url);
      await page.locator('html[data-app-ready="true"]').waitFor({ state: 'attached', timeout: 60_000 });
    };
    await open();
    const visitor = new Visitor(
      page,
      rng(opts.seed),
      manifest.places.map((p) => p.id),
      manifest.timelines.length > 0,
      manifest.sandTable?.tours.map((t) => t.id) ?? [],
      opts.actions,
    );
    const hasTable = manifest.sandTable !== undefined;
    let segment = 0;
    let inSegment = 0;
    let reloaded = false;
    let lost = !hasTable;
    let snapFirst = false;
    let lostAt = 0;
    // A short run whose grand tours overran its minutes still does the reload and the context loss.
    for (let session = 0; Date.now() < deadline || session < 2 || !reloaded || !lost; session++) {
      const fraction = (Date.now() - started) / (deadline - started);
      if (!reloaded && fraction >= 0.15) {
        reloaded = true;
        say('reloading the page (a renderer reload mid-run)');
        events.push({ at: session, what: 'reload' });
        await open();
        segment += 1;
        inSegment = 0;
        const ok = await page.evaluate(() => document.documentElement.dataset.screen === 'attract');
        if (!ok) problems.recovery.push('after the reload the kiosk did not come back to the attract loop');
      }
      if (!lost && fraction >= 0.55) {
        lost = true;
        lostAt = session;
        say('losing the WebGL context on the sand table');
        events.push({ at: session, what: 'context-loss' });
        const failures = await loseContext(visitor, page).catch((error: unknown) => [
          `context loss: ${(error as Error).message.split('\n')[0]}`,
        ]);
        problems.recovery.push(...failures);
        if (failures.length === 0) say('the table came back');
      }
      const t0 = Date.now();
      let result: Awaited<ReturnType<Visitor['session']>>;
      try {
        result = inSegment === 0 ? await visitor.grandTour() : await visitor.session();
      } catch (error) {
        problems.recovery.push(`session ${session} got stuck: ${(error as Error).message.split('\n')[0]}`);
        await page.screenshot({ path: path.join(outDir, `stuck-${session}.png`) }).catch(() => undefined);
        break;
      }
      const m = await measure(cdp);
      load.push(loadavg()[0] ?? Number.NaN);
      samples.push({
        session,
        segment,
        inSegment,
        heapBytes: m.heap,
        domNodes: m.nodes,
        listeners: m.listeners,
        documents: m.documents,
        geometries: result.geometries,
        textures: result.textures,
        steps: result.steps,
        seconds: (Date.now() - t0) / 1000,
      });
      // The first snapshot once the run is steady: after the reload, the context loss and a few
      // sessions more, so module loading and one-off caches are not mistaken for growth.
      if (opts.snapshots && !snapFirst && lost && session >= lostAt + 3 && inSegment >= opts.warmup) {
        snapFirst = true;
        await snapshot(cdp, path.join(outDir, 'first.heapsnapshot'));
      }
      say(
        `session ${session} [${result.steps.join(' ')}] heap ${kib(m.heap)} nodes ${m.nodes} listeners ${m.listeners}` +
          (Number.isFinite(result.geometries)
            ? ` geometries ${result.geometries} textures ${result.textures}`
            : ''),
      );
      inSegment += 1;
    }
    if (opts.snapshots && snapFirst) {
      await snapshot(cdp, path.join(outDir, 'last.heapsnapshot'));
      const read = (f: string) =>
        groupSnapshot(
          JSON.parse(readFileSync(path.join(outDir, f), 'utf8')) as Parameters<typeof groupSnapshot>[0],
        );
      say('grew between the snapshots (bytes, objects, type:name):');
      for (const g of heapGrowth(read('first.heapsnapshot'), read('last.heapsnapshot'), 20))
        say(`  ${g.bytes} ${g.count} ${g.key}`);
    }
    if (!reloaded) problems.recovery.push('the run ended before the reload (give it more minutes)');
    if (!lost) problems.recovery.push('the run ended before the context loss (give it more minutes)');
  } finally {
    await browser?.close();
    await server.close();
  }

  const segments = [...new Set(samples.map((s) => s.segment))].map((seg) => ({
    segment: seg,
    slopes: segmentSlopes(
      samples.filter((s) => s.segment === seg),
      opts.warmup,
    ),
  }));
  const growth = segments.flatMap((s) => slopeFailures(s.slopes).map((f) => `segment ${s.segment}: ${f}`));
  const judged = segments.filter((s) => s.slopes.sessions >= DEFAULT_BOUNDS.minSessions).length;
  const failures = [...growth, ...problems.console, ...problems.requests, ...problems.recovery];
  const report = {
    date: new Date().toISOString(),
    minutes: opts.minutes,
    seed: opts.seed,
    pack: `${manifest.id}@${manifest.version}`,
    viewport: VIEWPORT,
    jit: opts.jit,
    warmup: opts.warmup,
    bounds: DEFAULT_BOUNDS,
    loadAverage1m: spread(load),
    sessionSeconds: spread(samples.map((s) => s.seconds)),
    segments,
    judgedSegments: judged,
    events,
    problems,
    failures,
    passed: failures.length === 0,
    samples,
  };
  writeFileSync(path.resolve(opts.out), JSON.stringify(report, null, 2) + '\n');
  for (const s of segments) say(`segment ${s.segment}: ${describe(s.slopes)}`);
  if (judged === 0)
    say(
      `no segment had ${DEFAULT_BOUNDS.minSessions} measured sessions: slopes reported, not judged (run longer)`,
    );
  say(`load average (1 min) median ${report.loadAverage1m.median.toFixed(2)}; wrote ${opts.out}`);
  for (const f of failures) say(`FAIL ${f}`);
  say(
    failures.length === 0 ? `passed (${samples.length} sessions)` : `FAILED: ${failures.length} problem(s)`,
  );
  return failures.length === 0 ? 0 : 1;
}
