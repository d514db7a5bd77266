/**
 * The application root. Test/diagnostic signals live on <html> as data-* attributes — see
 * ./signals.ts for the list (data-app-ready, data-screen, data-lang, data-idle …) and for
 * `setSignal()`, which other parts use to add theirs (data-scene-ready, data-timeline-ready …).
 */
import { useEffect, useLayoutEffect, useMemo, useSyncExternalStore } from 'react';
import type { PackManifest } from '../../../electron/shared/pack-schema';
import { registerPackFonts } from '../bridge/fonts';
import { errorData, log } from '../bridge/log';
import { ErrorFallback } from '../components/ErrorFallback';
import { loadContent } from '../flows/boot';
import { startIdleWatch } from '../flows/idle';
import { resolveSessionTiming } from '../../../electron/shared/hall-settings';
import { selectHallHours, selectHallSettings } from '../stores/hall-store';
import { startHoursWatch } from '../flows/hall-hours';
import { startPackFollow } from '../flows/follow-pack';
import { startVisitorAnalytics } from '../flows/analytics';
import { startVitals } from '../flows/vitals';
import { startScreenCapture } from '../flows/screen-capture';
import { ClosedScreen } from '../screens/ClosedScreen';
import { warmNumberFormats } from '../i18n/format-figure';
import { UI_LANGUAGES } from '../i18n/language';
import { translate } from '../i18n/translate';
import type { ContentProblem } from '../stores/content-store';
import { selectLoad } from '../stores/content-store';
import { useContent, useHall, useSession } from '../stores/hooks';
import { selectLanguage, selectPresets, selectScreen, sessionStore } from '../stores/session-store';
import { AppErrorBoundary } from './AppErrorBoundary';
import { firstPictureHeld, subscribeFirstPicture } from './first-picture';
import { afterFirstPaint, loadLanguageFonts } from './fonts';
import { IdleLayer } from './IdleLayer';
import { ScreenRouter } from './ScreenRouter';
import { clearSignal, setSignal } from './signals';
import { applyThemeVariables, themeVariables } from './theme';
import { TopBar } from './TopBar';
import type { UrlOptions } from './url-options';

export type AppProps = { options: UrlOptions };

export function App({ options }: AppProps) {
  return (
    <AppErrorBoundary onRetry={() => void loadContent()}>
      <Shell options={options} />
    </AppErrorBoundary>
  );
}

function Shell({ options }: AppProps) {
  const load = useContent(selectLoad);
  useSessionSignals();
  switch (load.status) {
    case 'loading':
      return <Splash />;
    case 'error':
      return <ContentUnavailable problem={load.problem} />;
    case 'ready':
      return <Frame manifest={load.manifest} options={options} />;
  }
}

/** Mirrors session state onto <html>: language, screen, presets (the CSS reads these too). */
function useSessionSignals(): void {
  const screen = useSession(selectScreen);
  const language = useSession(selectLanguage);
  const presets = useSession(selectPresets);
  const idle = useSession((s) => s.idlePhase);
  useLayoutEffect(() => {
    const root = document.documentElement;
    root.lang = language;
    setSignal('lang', language);
    setSignal('screen', screen);
    setSignal('idle', idle);
    setSignal('largeText', String(presets.largeText));
    setSignal('highContrast', String(presets.highContrast));
    setSignal('reducedMotion', String(presets.reducedMotion));
  }, [screen, language, presets, idle]);
  // The bundled faces come after the first screen's first frame, and after the first picture a
  // screen holds for (the sand table's first WebGL frame; see ./fonts.ts and ./first-picture.ts).
  const shown = useContent((s) => selectLoad(s).status !== 'loading');
  const pictureHeld = useSyncExternalStore(subscribeFirstPicture, firstPictureHeld);
  useEffect(() => {
    let live = true;
    const cancel = afterFirstPaint(shown && !pictureHeld, () => {
      loadLanguageFonts(language).then(
        () => live && setSignal('fonts', language),
        (error: unknown) => log.warn('fonts failed to load', { language, ...errorData(error) }),
      );
    });
    return () => {
      live = false;
      cancel();
    };
  }, [language, shown, pictureHeld]);
  // The figures' number formats, made while the kiosk idles after its first screen: the first one
  // a page makes costs tens of ms, which a visitor's first place card would otherwise pay.
  useEffect(() => {
    if (!shown) return;
    if (typeof requestIdleCallback !== 'function') {
      const timer = setTimeout(() => warmNumberFormats(UI_LANGUAGES), 0);
      return () => clearTimeout(timer);
    }
    const id = requestIdleCallback(() => warmNumberFormats(UI_LANGUAGES), { timeout: 3000 });
    return () => cancelIdleCallback(id);
  }, [shown]);
}

function Splash() {
  return (
    <div className="splash" aria-busy="true" data-testid="splash">
      <div className="splash__mark" aria-hidden="true" />
      <p className="splash__text">{translate('zh-Hans', 'app.loading')}</p>
      <p className="splash__text splash__text--en">{translate('en', 'app.loading')}</p>
    </div>
  );
}

function ContentUnavailable({ problem }: { problem: ContentProblem }) {
  useEffect(() => {
    setSignal('appError', problem);
    return () => clearSignal('appError');
  }, [problem]);
  const body = problem === 'no-pack' ? 'error.noPack' : 'error.body';
  return (
    <ErrorFallback
      lines={[
        { lang: 'zh-Hans', title: translate('zh-Hans', 'error.title'), body: translate('zh-Hans', body) },
        { lang: 'en', title: translate('en', 'error.title'), body: translate('en', body) },
      ]}
      retryLabel={`${translate('zh-Hans', 'error.retry')} · ${translate('en', 'error.retry')}`}
      onRetry={() => void loadContent()}
    />
  );
}

function Frame({ manifest, options }: { manifest: PackManifest; options: UrlOptions }) {
  const screen = useSession(selectScreen);
  const hall = useHall(selectHallSettings);
  const hours = useHall(selectHallHours);
  // Outside opening hours the closed screen takes attract's place; a woken kiosk runs as usual.
  const closed = !hours.open && screen === 'attract';
  const timing = useMemo(
    () => resolveSessionTiming({ url: options, hall, pack: manifest.kiosk }),
    [options, hall, manifest.kiosk],
  );
  const { idleSeconds, countdownSeconds } = timing;
  useLayoutEffect(() => {
    setSignal('idleSeconds', String(idleSeconds));
    setSignal('idleSource', timing.sources.idle);
  }, [idleSeconds, timing.sources.idle]);

  const variables = useMemo(
    () => themeVariables(manifest.theme, registerPackFonts(manifest.theme.fonts)),
    [manifest.theme],
  );
  useLayoutEffect(() => applyThemeVariables(document.documentElement, variables), [variables]);

  useEffect(
    () => startIdleWatch({ config: { idleSeconds, countdownSeconds }, session: sessionStore }),
    [idleSeconds, countdownSeconds],
  );

  useEffect(() => startHoursWatch(), []);
  useEffect(() => startPackFollow(), []);
  useEffect(() => startVisitorAnalytics(), []);
  useEffect(() => startVitals(), []);
  useEffect(() => startScreenCapture(), []);
  useLayoutEffect(() => {
    setSignal('hours', hours.open ? 'open' : 'closed');
    setSignal('volumeCap', String(hours.volume));
  }, [hours]);

  // Ready once the first screen has actually been painted (two frames after commit).
  useEffect(() => {
    let second = 0;
    const first = requestAnimationFrame(() => {
      second = requestAnimationFrame(() => setSignal('appReady', 'true'));
    });
    return () => {
      cancelAnimationFrame(first);
      cancelAnimationFrame(second);
      clearSignal('appReady');
    };
  }, []);

  return (
    <div className="frame" data-has-bar={screen !== 'attract'}>
      {screen !== 'attract' && <TopBar />}
      {closed ? <ClosedScreen /> : <ScreenRouter screen={screen} />}
      <IdleLayer countdownSeconds={countdownSeconds} />
    </div>
  );
}
