/**
 * The visitor audit: walks every visitor state as a visitor would, on the four screens a hall
 * uses (1920×1080, 1080×1920, 1366×768, 3840×2160), in both languages and with the presets
 * (large text, high contrast, reduced motion), and checks each state against PRODUCT.md's
 * visitor design rules — targets ≥ 44 px that a tap reaches, no clipped or overlapping text,
 * nothing needed off screen or under a panel, axe-core with no serious or critical violation
 * (contrast 4.5:1, and 7:1 text / 3:1 controls in high contrast), no forbidden words. A pinch never
 * zooms the page and the idle reset gives the next visitor exactly the first start.
 *
 * Lean for CI: one page per viewport on the default pack, language and presets switched in place
 * through the visitor's own controls, every state in the default look and a subset under each
 * preset. Screenshots and findings: test-results/visitor-audit/index.html.
 */
import AxeBuilder from '@axe-core/playwright';
import type { CDPSession, Page } from '@playwright/test';
import path from 'node:path';
import type { PackManifest } from '../../electron/shared/pack-schema';
import { CREDITS_ATTRIBUTE, visitorWordPatterns } from '../../electron/shared/visitor-words';
import type { SandTableDebugInfo } from '../../renderer/src/sand-table/sand-table';
import { pageChecks } from './audit/page-checks';
import type { Finding } from './audit/page-checks';
import { AUDIT_DIR, writeViewportRecord } from './audit/report';
import type { StateRecord } from './audit/report';
import { expect, gotoApp, test } from './fixtures';

test.use({ hasTouch: true, actionTimeout: 15_000 });
// Four walks of a few dozen states each on software GL; each walk is one test.
// Each viewport is its own test (and page); with more than one worker they run side by side.
test.describe.configure({ mode: 'parallel', timeout: 600_000 });

type Viewport = { name: string; width: number; height: number };
const VIEWPORTS: Viewport[] = [
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '1080x1920', width: 1080, height: 1920 },
  { name: '1366x768', width: 1366, height: 768 },
  { name: '3840x2160', width: 3840, height: 2160 },
];

type Language = 'zh-Hans' | 'en';
type Preset = 'default' | 'largeText' | 'highContrast' | 'reducedMotion';
type StateName =
  | 'home'
  | 'presets'
  | 'sand-table'
  | 'catalogue'
  | 'place-card'
  | 'route-qr'
  | 'check-in'
  | 'timeline'
  | 'event'
  | 'event-video'
  | 'about';

const ALL: StateName[] = [
  'home',
  'presets',
  'sand-table',
  'catalogue',
  'place-card',
  'route-qr',
  'check-in',
  'timeline',
  'event',
  'event-video',
  'about',
];
const SUBSET: StateName[] = ['home', 'sand-table', 'place-card', 'timeline', 'event'];

type Combo = { language: Language; preset: Preset; states: StateName[] };

/** Every state in the default look in both languages; each preset in both languages on a subset. */
function combosFor(viewport: Viewport): Combo[] {
  // HALL_AUDIT_PRESET=highContrast walks only that preset (local iteration on one fix).
  const only = process.env.HALL_AUDIT_PRESET;
  if (only) return allCombos(viewport).filter((c) => c.preset === only);
  return allCombos(viewport);
}

function allCombos(viewport: Viewport): Combo[] {
  const combos: Combo[] = [
    { language: 'zh-Hans', preset: 'default', states: ALL },
    { language: 'en', preset: 'default', states: viewport.name === '3840x2160' ? SUBSET : ALL },
  ];
  // The presets where they are most likely to break: both languages on the two hall screens,
  // large text on the smallest screen, high contrast at 4K.
  const presets: Partial<Record<string, Preset[]>> = {
    '1920x1080': ['largeText', 'highContrast', 'reducedMotion'],
    '1080x1920': ['largeText', 'highContrast', 'reducedMotion'],
    '1366x768': ['largeText'],
    '3840x2160': ['highContrast'],
  };
  for (const preset of presets[viewport.name] ?? []) {
    const languages: Language[] =
      viewport.width >= 3000 || viewport.width < 1400 ? ['en'] : ['en', 'zh-Hans'];
    for (const language of languages) {
      combos.push({ language, preset, states: preset === 'reducedMotion' ? ['home', 'place-card'] : SUBSET });
    }
  }
  return combos;
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag2aaa'];

class Walk {
  readonly states: StateRecord[] = [];
  readonly walkFindings: Finding[] = [];
  private signalsChecked = false;
  /** Per state: [name, settle ms, page checks ms, axe ms, screenshot ms]. */
  readonly timings: [string, number, number, number, number][] = [];
  private cdp: CDPSession | null = null;
  private presets: Record<Exclude<Preset, 'default'>, boolean> = {
    largeText: false,
    highContrast: false,
    reducedMotion: false,
  };

  constructor(
    readonly page: Page,
    readonly viewport: Viewport,
    readonly manifest: PackManifest,
    /** Called after each state (the matrix page is rewritten as the walk goes). */
    readonly onState: () => void,
  ) {}

  get highContrast(): boolean {
    return this.presets.highContrast;
  }

  /** Runs every check on what is on screen now and saves a screenshot. */
  async audit(combo: string, state: string): Promise<void> {
    const started = Date.now();
    const { page } = this;
    // Fonts loaded and entrance animations over (endless ones, like the splash mark's pulse, excepted).
    await page.evaluate(async () => {
      await document.fonts.ready;
      const finite = document
        .getAnimations()
        .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)));
      await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
    });
    const t0 = Date.now();
    const findings = await page.evaluate(pageChecks, {
      minTarget: 44,
      highContrast: this.highContrast,
      words: visitorWordPatterns(),
      creditsSelector: `[${CREDITS_ATTRIBUTE}]`,
    });
    const t1 = Date.now();
    const axe = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    for (const v of axe.violations) {
      if (v.impact !== 'serious' && v.impact !== 'critical') continue;
      const aaa = v.tags.includes('wcag2aaa') && !v.tags.includes('wcag2aa');
      // AAA is the high-contrast preset's bar, and only for contrast.
      if (aaa && !(this.highContrast && v.id === 'color-contrast-enhanced')) continue;
      for (const node of v.nodes.slice(0, 5)) {
        findings.push({
          rule: `axe:${v.id}`,
          target: node.target.join(' '),
          detail: (node.failureSummary ?? v.help).replace(/\s+/g, ' ').slice(0, 200),
        });
      }
    }
    const t2 = Date.now();
    const file = `${this.viewport.name}/${combo.replace(/[^\w-]+/g, '-')}--${state}.jpg`;
    await page.screenshot({ path: path.join(AUDIT_DIR, file), type: 'jpeg', quality: 70 });
    this.states.push({ combo, state, screenshot: file, findings, ms: Date.now() - started });
    this.timings.push([state, t0 - started, t1 - t0, t2 - t1, Date.now() - t2]);
    this.onState();
  }

  /** A two-finger pinch (CDP touch events) in the middle of the screen; the page must not zoom. */
  async pinch(where: string): Promise<void> {
    const { page } = this;
    this.cdp ??= await page.context().newCDPSession(page);
    const cx = this.viewport.width / 2;
    const cy = this.viewport.height / 2;
    const at = (d: number) => [
      { x: cx - d / 2, y: cy, id: 0, radiusX: 4, radiusY: 4, force: 1 },
      { x: cx + d / 2, y: cy, id: 1, radiusX: 4, radiusY: 4, force: 1 },
    ];
    await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(100) });
    for (let i = 1; i <= 6; i++) {
      await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(100 + i * 60) });
    }
    await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    const view = await page.evaluate(async () => {
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return { scale: window.visualViewport?.scale ?? 1, x: window.scrollX, y: window.scrollY };
    });
    if (view.scale !== 1 || view.x !== 0 || view.y !== 0) {
      this.walkFindings.push({
        rule: 'page-zoom',
        target: where,
        detail: `after a pinch visualViewport.scale = ${view.scale}, scroll ${view.x},${view.y}`,
      });
      await this.cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: 1 });
    }
  }

  async setLanguage(language: Language): Promise<void> {
    const html = this.page.locator('html');
    if ((await html.getAttribute('data-lang')) === language) return;
    await this.page.getByTestId('language-toggle').click();
    await expect(html).toHaveAttribute('data-lang', language);
  }

  /** Sets the presets through the visitor's accessibility panel. */
  async setPreset(preset: Preset): Promise<void> {
    const want = { largeText: false, highContrast: false, reducedMotion: false };
    if (preset !== 'default') want[preset] = true;
    const names = Object.keys(want) as (keyof typeof want)[];
    if (names.every((n) => this.presets[n] === want[n])) return;
    await this.page.getByTestId('a11y-button').click();
    for (const n of names) {
      if (this.presets[n] !== want[n]) await this.page.getByTestId(`preset-${n}`).click();
      await expect(this.page.locator('html')).toHaveAttribute(
        `data-${n.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
        String(want[n]),
      );
    }
    this.presets = want;
    await this.page.getByTestId('a11y-button').click();
    await expect(this.page.getByTestId('a11y-panel')).toHaveCount(0);
  }

  async home(): Promise<void> {
    await this.page.getByTestId('home-button').click();
    await expect(this.page.locator('html')).toHaveAttribute('data-screen', 'home');
  }

  /**
   * The table has stopped moving: the camera pose is the same over three painted frames. The audit
   * looks at where a flight lands, not at the way there (the sand-table spec flies for real): each
   * look first ends a running flight at its destination (`finishFlight`), since on software GL a
   * 2.6 s flight, advanced at most 100 ms a frame, takes 6–20 s of wall time. A flight started
   * between two frames still shows as movement, and 45 s still catches a camera that never rests.
   */
  async tableSettled(where: string): Promise<void> {
    await this.page.locator('html[data-scene-ready="true"]').waitFor({ state: 'attached' });
    try {
      await this.tablePoseStable();
    } catch {
      this.walkFindings.push({
        rule: 'table-unsettled',
        target: where,
        detail: 'the camera was still moving after 45 s',
      });
    }
  }

  private async tablePoseStable(): Promise<void> {
    await expect
      .poll(
        () =>
          this.page.evaluate(async () => {
            const table = (
              window as unknown as {
                __hallDebug: { sandTable: { debugInfo(): SandTableDebugInfo; finishFlight(): boolean } };
              }
            ).__hallDebug.sandTable;
            if (table.finishFlight()) await new Promise((r) => requestAnimationFrame(r));
            const poses: string[] = [];
            for (let i = 0; i < 3; i++) {
              const { pose } = table.debugInfo();
              poses.push(
                Object.values(pose)
                  .map((v) => (typeof v === 'number' ? v.toFixed(3) : String(v)))
                  .join(),
              );
              await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
            }
            return poses.every((p) => p === poses[0]);
          }),
        { timeout: 45_000 },
      )
      .toBe(true);
  }

  /**
   * The sand table's own readout at its start view: every place of the visible layers lies in the
   * unobscured part of the screen (`data-places-on-screen` N/M with N = M) and at least 8 names
   * (or every place, when fewer) are drawn without overlap (`data-labels-shown`).
   */
  async sandSignals(where: string): Promise<void> {
    const html = this.page.locator('html');
    // The counts are published a moment after the table's last frame (never inside a frame): wait
    // until they say what the table's live readout says (a stale pair then shows up as a finding).
    await expect
      .poll(
        () =>
          this.page.evaluate(() => {
            const info = (
              window as unknown as { __hallDebug: { sandTable: { debugInfo(): SandTableDebugInfo } } }
            ).__hallDebug.sandTable.debugInfo();
            const root = document.documentElement.dataset;
            return (
              root.placesOnScreen === info.placesOnScreen && root.labelsShown === String(info.placeLabels)
            );
          }),
        { timeout: 10_000 },
      )
      .toBe(true)
      .catch(() => undefined);
    const onScreen = (await html.getAttribute('data-places-on-screen')) ?? '';
    const labels = Number((await html.getAttribute('data-labels-shown')) ?? 'NaN');
    const m = /^(\d+)\/(\d+)$/.exec(onScreen);
    const [n, total] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
    if (!(n === total && total > 0)) {
      this.walkFindings.push({
        rule: 'sand-places-on-screen',
        target: where,
        detail: `data-places-on-screen="${onScreen}": not every place is in the unobscured screen`,
      });
    }
    if (!(labels >= Math.min(8, total))) {
      this.walkFindings.push({
        rule: 'sand-labels-shown',
        target: where,
        detail: `data-labels-shown="${String(labels)}" < ${Math.min(8, total)} names at the start view`,
      });
    }
  }

  async timelineSettled(): Promise<void> {
    await this.page.locator('html[data-timeline-ready="true"]').waitFor({ state: 'attached' });
    await expect(this.page.getByTestId('timeline-track')).toHaveAttribute('data-moving', 'false');
  }

  /** Opens a place's card from the catalogue. */
  async openPlace(placeId: string): Promise<void> {
    await this.page.getByTestId('catalogue-open').click();
    await this.page.getByTestId(`catalogue-entry-${placeId}`).click();
    await expect(this.page.getByTestId('place-card')).toHaveAttribute('data-place-id', placeId);
    await this.tableSettled(`card of ${placeId}`);
  }

  async walkCombo(combo: Combo): Promise<void> {
    const { page, manifest } = this;
    await this.setLanguage(combo.language);
    await this.setPreset(combo.preset);
    const label = `${combo.language} · ${combo.preset}`;
    const want = new Set(combo.states);
    const pinchHere = combo.preset === 'default';
    const place = manifest.places.find((p) => p.media.length > 0) ?? manifest.places[0];
    const checkInPlace = manifest.places.find((p) => p.checkIn);
    const eventWithVideo = manifest.timelines
      .flatMap((t) => t.events)
      .find((e) => e.media.some((m) => manifest.media[m]?.kind === 'video'));

    await this.home();
    if (want.has('home')) {
      await this.audit(label, 'home');
      if (pinchHere) await this.pinch('home');
    }
    if (want.has('presets')) {
      await page.getByTestId('a11y-button').click();
      await expect(page.getByTestId('a11y-panel')).toBeVisible();
      await this.audit(label, 'presets');
      await page.getByTestId('a11y-button').click();
    }
    if (want.has('about')) {
      // The About & credits panel, one tap from home, once the pack provides it.
      const about = page.getByTestId('about-open');
      if ((await about.count()) > 0) {
        await about.click();
        await this.audit(label, 'about');
        await page.getByTestId('about-close').click();
      }
    }

    const tableStates: StateName[] = ['sand-table', 'catalogue', 'place-card', 'route-qr', 'check-in'];
    if (tableStates.some((s) => want.has(s))) {
      await page.getByTestId('tile-sand-table').click();
      await this.tableSettled('start view');
      if (!this.signalsChecked) {
        // The first visit of the walk is the start view (later ones keep the visitor's camera).
        this.signalsChecked = true;
        await this.sandSignals('start view');
      }
      if (want.has('sand-table')) await this.audit(label, 'sand-table');
      if (want.has('catalogue')) {
        await page.getByTestId('catalogue-open').click();
        await expect(page.getByTestId('catalogue')).toBeVisible();
        await this.audit(label, 'catalogue');
        if (pinchHere) await this.pinch('catalogue');
        await page.getByTestId('catalogue-close').click();
      }
      if (place && (want.has('place-card') || want.has('route-qr'))) {
        await this.openPlace(place.id);
        if (want.has('place-card')) await this.audit(label, 'place-card');
        if (want.has('route-qr')) {
          await page.getByTestId('card-tab-navigate').click();
          await expect(page.getByTestId('nav-qr')).toBeVisible();
          await this.tableSettled('route');
          await this.audit(label, 'route-qr');
        }
        await page.getByTestId('place-card-close').click();
      }
      if (checkInPlace && want.has('check-in')) {
        await this.openPlace(checkInPlace.id);
        await page.getByTestId('card-tab-checkin').click();
        await expect(page.getByTestId('check-in')).toBeVisible();
        await this.audit(label, 'check-in');
        await page.getByTestId('place-card-close').click();
      }
      if (pinchHere && want.has('sand-table')) await this.pinch('sand table');
      await this.home();
    }

    if (want.has('timeline') || want.has('event') || want.has('event-video')) {
      await page.getByTestId('tile-timeline').click();
      await this.timelineSettled();
      if (want.has('timeline')) {
        await this.audit(label, 'timeline');
        if (pinchHere) {
          await this.pinch('timeline');
          // The pinch's first finger drags the track: let its glide end before looking for a card
          // (a card found mid-glide can leave the rendered range and detach under the click).
          await this.timelineSettled();
        }
      }
      if (want.has('event') || want.has('event-video')) {
        if ((await page.getByTestId('event-detail').count()) > 0) {
          // A story left open from an earlier visit of the timeline: worth a look, then close it.
          this.walkFindings.push({
            rule: 'event-stays-open',
            target: label,
            detail: 'the timeline opened with a story already open (closed before)',
          });
          await page.getByTestId('event-close').click();
        }
        const card = eventWithVideo
          ? page.locator(`[data-testid="event-card"][data-event-id="${eventWithVideo.id}"]`)
          : page.getByTestId('event-card').first();
        if ((await card.count()) === 0 && eventWithVideo) {
          await page
            .locator(`[data-testid="scrubber-year"][data-year="${eventWithVideo.date.slice(0, 4)}"]`)
            .click();
          // The jump runs after React commits: wait for the card, then for the glide to end.
          await card.waitFor({ state: 'attached' });
          await this.timelineSettled();
        }
        await card.click();
        await expect(page.getByTestId('event-detail')).toBeVisible();
        if (want.has('event')) {
          await this.audit(label, 'event');
          if (pinchHere) await this.pinch('event');
        }
        const video = page.locator('.event-detail__thumb[data-kind="video"]');
        if (want.has('event-video') && (await video.count()) > 0) {
          await video.click();
          await expect(page.getByTestId('video-player')).toBeVisible();
          await this.audit(label, 'event-video');
        }
        await page.getByTestId('event-close').click();
      }
    }
  }
}

/** The page as a visitor finds it, as a string: every element, attribute and text; the viewport. */
function domSnapshot(page: Page): Promise<string> {
  return page.evaluate(() => {
    const out: string[] = [
      `viewport ${window.visualViewport?.scale ?? 1} ${window.scrollX},${window.scrollY}`,
      // Running counters and warm caches are not state a visitor finds: the analytics already
      // sent stays sent, and the card's font slices, once loaded, stay loaded.
      `html ${[...document.documentElement.attributes]
        .filter((a) => a.name !== 'data-analytics-sent' && a.name !== 'data-card-fonts')
        .map((a) => `${a.name}=${a.value}`)
        .join(' ')}`,
    ];
    const walk = (node: Node, depth: number) => {
      if (node.nodeType === Node.TEXT_NODE) {
        const t = (node.textContent ?? '').trim();
        if (t) out.push(`${' '.repeat(depth)}"${t}"`);
        return;
      }
      if (!(node instanceof Element) || node.tagName === 'SCRIPT') return;
      const attrs = [...node.attributes].map((a) => `${a.name}=${a.value}`).join(' ');
      const scroll =
        node.scrollTop !== 0 || node.scrollLeft !== 0 ? ` scroll=${node.scrollLeft},${node.scrollTop}` : '';
      out.push(`${' '.repeat(depth)}<${node.tagName.toLowerCase()} ${attrs}${scroll}>`);
      for (const child of node.childNodes) walk(child, depth + 1);
    };
    walk(document.body, 0);
    return out.join('\n');
  });
}

// HALL_AUDIT_VIEWPORT=1080x1920 walks only that screen (local iteration on one fix).
const onlyViewport = process.env.HALL_AUDIT_VIEWPORT;
for (const viewport of VIEWPORTS.filter((v) => !onlyViewport || v.name === onlyViewport)) {
  test(`visitor audit at ${viewport.name}`, async ({ page, hall }) => {
    const started = Date.now();
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    const walk: Walk = new Walk(page, viewport, hall.manifest, () => record());
    const record = () =>
      writeViewportRecord({
        viewport: viewport.name,
        states: walk.states,
        walk: walk.walkFindings,
        timings: walk.timings,
        seconds: (Date.now() - started) / 1000,
      });

    try {
      // The title card of the attract loop stays up (its tours are the sand table's own states).
      await gotoApp(page, { debug: 1, idle: 3600, attractTitle: 3600 });
      // The hall's own faces load just after the first screen: audit (and remember) the page in them.
      const fontsOf = `html[data-fonts="${hall.manifest.defaultLanguage}"]`;
      await page.locator(fontsOf).waitFor({ state: 'attached' });
      const firstStart = await domSnapshot(page);
      await walk.audit(`${hall.manifest.defaultLanguage} · default`, 'attract');
      // A pinch is a touch: on attract it also hands the screen to the visitor.
      await walk.pinch('attract');
      if ((await page.locator('html').getAttribute('data-screen')) === 'attract') {
        await page.getByTestId('attract').click({ position: { x: 40, y: 40 } });
      }
      await expect(page.locator('html')).toHaveAttribute('data-screen', 'home');

      for (const combo of combosFor(viewport)) await walk.walkCombo(combo);

      // Leave the visitor's last choices in place, then let the idle clock run out.
      await walk.setPreset('largeText');
      await walk.home();
      await page.getByTestId('tile-sand-table').click();
      await walk.tableSettled('before idle');
      const skip = (seconds: number) =>
        page.evaluate(
          (s) =>
            (window as unknown as { __hallDebug: { idle: { skip(s: number): void } } }).__hallDebug.idle.skip(
              s,
            ),
          seconds,
        );
      await skip(3600);
      await expect(page.getByTestId('idle-countdown')).toBeVisible();
      await walk.audit(
        `${(await page.locator('html').getAttribute('data-lang')) ?? ''} · largeText`,
        'idle-countdown',
      );
      await skip(3600);
      await expect(page.locator('html')).toHaveAttribute('data-screen', 'attract');
      await page.locator(fontsOf).waitFor({ state: 'attached' });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const afterReset = await domSnapshot(page);
      const resetDiffers = afterReset !== firstStart;
      // The next visitor finds the table at its start view.
      await page.getByTestId('attract').click({ position: { x: 40, y: 40 } });
      await page.getByTestId('tile-sand-table').click();
      await walk.tableSettled('start view after reset');
      await walk.sandSignals('start view after reset');
      if (resetDiffers) {
        const a = firstStart.split('\n');
        const b = afterReset.split('\n');
        const i = a.findIndex((line, k) => line !== b[k]);
        walk.walkFindings.push({
          rule: 'idle-reset',
          target: 'page after the idle reset',
          detail: `differs from the first start at line ${i}: "${a[i] ?? ''}" ≠ "${b[i] ?? ''}"`,
        });
      }
    } finally {
      record();
    }

    const problems = [
      ...walk.walkFindings.map((f) => `${viewport.name} ${f.rule} ${f.target}: ${f.detail}`),
      ...walk.states.flatMap((s) =>
        s.findings.map((f) => `${viewport.name} ${s.combo} ${s.state} ${f.rule} ${f.target}: ${f.detail}`),
      ),
    ];
    expect(problems, 'visitor audit findings (see test-results/visitor-audit/index.html)').toEqual([]);
  });
}
