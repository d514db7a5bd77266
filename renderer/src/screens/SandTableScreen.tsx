import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { PointerEvent as ReactPointerEvent } from 'react';
import { localize } from '../../../electron/shared/pack-schema';
import { holdFirstPicture } from '../app/first-picture';
import { loadLanguageFonts } from '../app/fonts';
import { clearSignal, setSignal } from '../app/signals';
import { parseUrlOptions } from '../app/url-options';
import { errorData, log } from '../bridge/log';
import { packUrl } from '../bridge/pack';
import { cardTexts, fontLoads, warmCardFonts } from '../components/sand-table/card-warmup';
import { CategoryChips } from '../components/sand-table/CategoryChips';
import { usePortrait, useReducedMotion, useSandTable } from '../components/sand-table/hooks';
import { panelInsets } from '../components/sand-table/panel-insets';
import { LayerToggles } from '../components/sand-table/LayerToggles';
import { SceneNotice } from '../components/sand-table/SceneNotice';
import { en as enStrings, useSandT, zhHans } from '../components/sand-table/strings';
import { TimeSlider } from '../components/sand-table/TimeSlider';
import { TourBar } from '../components/sand-table/TourBar';
import '../components/sand-table/sand-table.css';
import { startTour } from '../flows/sand-table-tour';
import { registerSessionReset } from '../flows/session-reset';
import { supportedLanguages } from '../i18n/language';
import { installDebug } from '../sand-table/debug';
import type { ViewInsets } from '../sand-table/camera-controller';
import { SandTable } from '../sand-table/sand-table';
import { useManifest, useSession } from '../stores/hooks';
import { selectLanguage, sessionStore } from '../stores/session-store';
import {
  sandTableStore,
  selectCatalogueOpen,
  selectSceneStatus,
  selectSelectedPlaceId,
  selectTour,
} from '../stores/sand-table-store';
import { Catalogue } from './Catalogue';
import { CARD_PAINT_ID, PlaceCard } from './PlaceCard';

// Idle reset forgets the visitor's card, filters, catalogue and tour, and flies the camera home.
registerSessionReset(sandTableStore, 'sand-table');

/**
 * The table's URL switches: `?debug=1` readouts; for the benchmark `?baseline=naive` (one mesh per
 * place) and `?render=always` (no render on demand).
 */
function tableFlags(): { debug: boolean; baseline: 'naive' | undefined; alwaysRender: boolean } {
  const search = typeof location === 'undefined' ? '' : location.search;
  const q = new URLSearchParams(search);
  return {
    debug: parseUrlOptions(search).debug,
    baseline: q.get('baseline') === 'naive' ? 'naive' : undefined,
    alwaysRender: q.get('render') === 'always',
  };
}

/** How long after the table's first frame the card fonts are warmed, at the next idle moment (ms). */
const CARD_WARMUP_DELAY_MS = 300;

/** The longest the table waits for a new card's first paint before it draws again (ms). */
const CARD_PAINT_WAIT_MS = 600;

/**
 * Resolves when the browser reports the first paint of a card's title (Element Timing: after the
 * frame was presented, which under software GL can be hundreds of ms after it was committed), or
 * after `capMs`; at once where Element Timing is missing.
 */
function cardPainted(capMs: number): Promise<void> {
  if (
    typeof PerformanceObserver === 'undefined' ||
    !PerformanceObserver.supportedEntryTypes.includes('element')
  )
    return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      observer.disconnect();
      window.clearTimeout(timer);
      resolve();
    };
    const observer = new PerformanceObserver((list) => {
      if (
        list
          .getEntries()
          .some((e) => (e as PerformanceEntry & { identifier?: string }).identifier === CARD_PAINT_ID)
      )
        done();
    });
    const timer = window.setTimeout(done, capMs);
    observer.observe({ type: 'element', buffered: false });
  });
}

/** Sets a custom property only when it changes: an equal value must not dirty the style again. */
function setVar(el: HTMLElement, name: string, value: string): void {
  if (el.style.getPropertyValue(name) !== value) el.style.setProperty(name, value);
}

/**
 * The electronic sand table screen. React hosts the Three.js scene (`SandTable`, created in one
 * effect, disposed on unmount) and draws the chrome around it: category chips, layers, the time
 * slider, the place card, the catalogue and the tour's subtitles.
 */
export function SandTableScreen({ interactive = true }: { interactive?: boolean }) {
  const manifest = useManifest();
  const language = useSession(selectLanguage);
  const reducedMotion = useReducedMotion();
  const largeText = useSession((s) => s.presets.largeText);
  const t = useSandT();
  const selectedId = useSandTable(selectSelectedPlaceId);
  const catalogueOpen = useSandTable(selectCatalogueOpen);
  const sceneStatus = useSandTable(selectSceneStatus);
  const tour = useSandTable(selectTour);
  const portrait = usePortrait();
  const rootRef = useRef<HTMLDivElement>(null);
  const chromeRef = useRef<HTMLDivElement>(null);
  const bottomRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const labelsRef = useRef<HTMLDivElement>(null);
  const cardRef = useRef<HTMLElement>(null);
  const tableRef = useRef<SandTable | null>(null);
  // The panels are measured in a layout effect, before the scene exists: it starts from these.
  const insetsRef = useRef<ViewInsets | null>(null);
  const flags = useMemo(() => tableFlags(), []);
  const spec = manifest.sandTable;
  const place = selectedId ? manifest.places.find((p) => p.id === selectedId) : undefined;

  // The scene: built once per pack, disposed on unmount. Language and motion are pushed in below.
  useEffect(() => {
    const stage = stageRef.current;
    const labels = labelsRef.current;
    if (!stage || !labels || !manifest.sandTable) return;
    const store = sandTableStore.getState();
    // The page's deferred work (the bundled fonts) waits for the table's first frame.
    const releasePicture = holdFirstPicture();
    // A fresh canvas per table: dispose() gives its WebGL context back for good.
    const canvas = stage.ownerDocument.createElement('canvas');
    canvas.className = 'sand__canvas';
    canvas.dataset.testid = 'sand-canvas';
    stage.prepend(canvas);
    let table: SandTable;
    try {
      table = new SandTable(
        canvas,
        { manifest, url: (p) => packUrl(p) },
        { sandTable: sandTableStore },
        {
          language: sessionStore.getState().language,
          reducedMotion,
          overlay: labels,
          signal: (name, value) => {
            setSignal(name, value);
            if (name === 'sceneReady' && value === 'true') releasePicture();
          },
          clearSignal,
          warn: (message, data) => log.warn(message, data),
          debugSignals: flags.debug,
          ...(flags.baseline ? { baseline: flags.baseline } : {}),
          ...(flags.alwaysRender ? { alwaysRender: true } : {}),
        },
      );
    } catch (error) {
      log.error('sand table could not start', errorData(error));
      releasePicture();
      canvas.remove();
      store.sceneFailed();
      return;
    }
    tableRef.current = table;
    if (insetsRef.current) table.setViewInsets(insetsRef.current);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) table.resize(entry.contentRect.width, entry.contentRect.height);
    });
    observer.observe(canvas);
    const rect = canvas.getBoundingClientRect();
    table.resize(rect.width, rect.height);
    const uninstall = flags.debug
      ? installDebug('sandTable', {
          debugInfo: () => table.debugInfo(),
          isAnimating: () => table.isAnimating(),
          gpuTiming: (on: boolean) => table.setGpuTiming(on),
          gpuTimes: () => table.takeGpuTimes(),
          screenPositionOf: (id: string) => table.screenPositionOf(id),
          sceneObjects: () => table.sceneObjects(),
          renderFrames: (n: number) => table.renderFrames(n),
          setPose: (pose: Parameters<typeof table.setPose>[0]) => table.setPose(pose),
          finishFlight: () => table.finishFlight(),
          store: sandTableStore,
          startTour,
        })
      : () => {};
    return () => {
      releasePicture();
      uninstall();
      observer.disconnect();
      tableRef.current = null;
      table.dispose();
      canvas.remove();
    };
    // Language and reduced motion are applied to the live table by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [manifest, flags]);

  useEffect(() => tableRef.current?.setLanguage(language), [language]);
  useEffect(() => tableRef.current?.setReducedMotion(reducedMotion), [reducedMotion]);
  useEffect(() => tableRef.current?.restyle(), [largeText]);

  // The table fits its start view, frames places and keeps labels in the part of the screen the
  // panels leave free: chips and buttons above, the time slider below, an open card at the side
  // (in portrait, a sheet at the bottom). The card itself starts below the top panels.
  // The panels are measured here when they change; a card that opens is measured by the
  // ResizeObserver (see cardRefCallback), after the browser laid it out for its first frame, so the
  // tap's task never forces a layout (it was ~50 ms of the first card open).
  const measureRef = useRef<(() => void) | null>(null);
  const observerRef = useRef<ResizeObserver | null>(null);
  useLayoutEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    const measure = () => {
      const insets = panelInsets(root, chromeRef.current, bottomRef.current, cardRef.current, portrait);
      setVar(root, '--sand-chrome-top', `${Math.round(insets.chromeTop)}px`);
      setVar(root, '--sand-chrome-bottom', `${Math.round(insets.chromeBottom)}px`);
      insetsRef.current = insets.table;
      tableRef.current?.setViewInsets(insets.table);
    };
    measure();
    const observer = new ResizeObserver(measure);
    for (const el of [root, chromeRef.current, bottomRef.current, cardRef.current])
      if (el) observer.observe(el);
    measureRef.current = measure;
    observerRef.current = observer;
    return () => {
      observer.disconnect();
      observerRef.current = null;
      measureRef.current = null;
    };
  }, [catalogueOpen, portrait, language, largeText, interactive]);

  const cardRefCallback = useCallback((el: HTMLElement | null) => {
    const before = cardRef.current;
    cardRef.current = el;
    const observer = observerRef.current;
    if (before && before !== el) observer?.unobserve(before);
    // A new card: its first observation comes after layout, before paint. The table's own frame
    // (highlight, flight) waits until the card is on screen.
    if (el) {
      observer?.observe(el);
      tableRef.current?.yieldFrame(cardPainted(CARD_PAINT_WAIT_MS));
    }
    // A closed card: the table gets its room back at the next frame.
    else if (before) requestAnimationFrame(() => measureRef.current?.());
  }, []);

  // The font slices the place cards use, loaded soon after the table's first frame, when the kiosk
  // idles: a visitor's first card then neither fetches fonts inside its layout nor swaps faces after
  // its first frame. Inside the tap's layout they cost ~20 ms and eight font requests, and a card
  // opened in the first seconds was the slowest (issue 15). Not before the table's first frame:
  // each batch of slices re-lays and repaints the page's text (a full frame under software GL),
  // which would hold the table's first frame back. The "ready" status comes before that frame is
  // drawn, hence two animation frames first.
  useEffect(() => {
    const root = rootRef.current;
    if (sceneStatus !== 'ready' || !interactive || !root || !document.fonts) return;
    let idleId = 0;
    let timer = 0;
    let live = true;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        frame = 0;
        timer = window.setTimeout(warmSoon, CARD_WARMUP_DELAY_MS);
      });
    });
    const warmSoon = () => {
      const warm = () => {
        const style = getComputedStyle(root);
        const ui = [zhHans, enStrings].flatMap((table) =>
          Object.entries(table)
            .filter(([key]) => key.startsWith('card.'))
            .map(([, text]) => text),
        );
        const loads = fontLoads(cardTexts(manifest, supportedLanguages(manifest.languages), ui), {
          sans: style.getPropertyValue('--font-sans'),
          serif: style.getPropertyValue('--font-serif'),
        });
        // data-card-fonts="warm": the slices are in (e2e waits on it).
        void warmCardFonts(document.fonts, loads).then(() => setSignal('cardFonts', 'warm'));
      };
      const idle = () => {
        if (!live) return;
        if (typeof requestIdleCallback === 'function') idleId = requestIdleCallback(warm, { timeout: 5000 });
        else warm();
      };
      // The faces' rules come after the table's first frame (app/first-picture.ts): the slices can
      // only be asked for once they are in (the same load as the app's, started once).
      loadLanguageFonts(language).then(idle, idle);
    };
    return () => {
      live = false;
      if (frame !== 0) cancelAnimationFrame(frame);
      window.clearTimeout(timer);
      if (idleId !== 0) cancelIdleCallback(idleId);
    };
  }, [sceneStatus, interactive, manifest, language]);

  // A touch anywhere but the tour's own controls hands the table to the visitor.
  const onPointerDownCapture = (e: ReactPointerEvent) => {
    const s = sandTableStore.getState();
    if (s.tour.status !== 'playing' && s.tour.status !== 'paused') return;
    if (e.target instanceof Element && e.target.closest('[data-tour-control]')) return;
    s.visitorTookOver();
  };

  const store = sandTableStore.getState();
  const tours = spec?.tours ?? [];
  const approval = localize(spec?.base.approval, language, manifest.defaultLanguage);
  const touring = tour.status === 'playing' || tour.status === 'paused';

  return (
    <div
      className="sand"
      ref={rootRef}
      data-testid="sand-table"
      data-interactive={interactive}
      data-touring={touring}
      data-card-open={Boolean(place && !catalogueOpen)}
      onPointerDownCapture={onPointerDownCapture}
    >
      <div className="sand__stage" ref={stageRef}>
        <div className="sand-labels-host" ref={labelsRef} />
      </div>
      {spec && interactive && (
        <>
          <div className="sand__chrome" ref={chromeRef}>
            <div className="sand__top">
              <CategoryChips categories={manifest.categories} t={t} />
              <div className="sand__actions">
                <LayerToggles layers={manifest.layers} t={t} />
                {manifest.places.length > 0 && (
                  <button
                    type="button"
                    className="sand-action"
                    onClick={() => store.catalogueOpened()}
                    data-testid="catalogue-open"
                  >
                    {t('sand.catalogue')}
                  </button>
                )}
                {tours.length > 0 && (
                  <button
                    type="button"
                    className="sand-action"
                    onClick={() => startTour(tours[0]?.id)}
                    data-testid="tour-start"
                    data-tour-control=""
                  >
                    {t('sand.tour')}
                  </button>
                )}
                <button
                  type="button"
                  className="sand-action"
                  onClick={() => store.resetCameraPressed()}
                  data-testid="camera-reset"
                >
                  {t('sand.reset')}
                </button>
              </div>
            </div>
            {portrait && (
              <div className="sand__slider">
                <TimeSlider manifest={manifest} t={t} />
              </div>
            )}
          </div>
          {!portrait && (
            <div className="sand__bottom" ref={bottomRef}>
              <TimeSlider manifest={manifest} t={t} />
            </div>
          )}
          {approval && <p className="sand__approval">{approval}</p>}
          {place && !catalogueOpen && (
            <PlaceCard
              ref={cardRefCallback}
              manifest={manifest}
              place={place}
              language={language}
              reducedMotion={reducedMotion}
              t={t}
            />
          )}
          {catalogueOpen && <Catalogue manifest={manifest} language={language} t={t} />}
        </>
      )}
      <TourBar t={t} />
      <SceneNotice status={spec ? sceneStatus : 'failed'} t={t} />
    </div>
  );
}
