import type { ManifestResult } from '../bridge/pack';
import { loadManifest } from '../bridge/pack';
import { log } from '../bridge/log';
import { isLanguage, supportedLanguages } from '../i18n/language';
import { packStringsLoaded } from '../i18n/translate';
import type { ContentStore } from '../stores/content-store';
import { contentStore } from '../stores/content-store';
import { loadHallSettings } from '../bridge/kiosk-calls';
import type { HallSettings } from '../../../electron/shared/hall-settings';
import type { HallStore } from '../stores/hall-store';
import { hallStore } from '../stores/hall-store';
import type { Screen, SessionStore } from '../stores/session-store';
import { sessionStore } from '../stores/session-store';
import { registerSessionReset } from './session-reset';

registerSessionReset(sessionStore, 'session');
registerSessionReset(contentStore, 'content');

/** An unattended kiosk keeps trying: a pack may be installed while the screen waits. */
export const CONTENT_RETRY_MS = 20_000;

export type BootDeps = {
  content?: ContentStore;
  session?: SessionStore;
  hall?: HallStore;
  load?: () => Promise<ManifestResult>;
  loadSettings?: () => Promise<HallSettings>;
  /**
   * The first screen (the URL's `?screen`), set together with the pack so that the first frame
   * is already that screen: set after the load, the attract screen was rendered and painted first.
   */
  screen?: Screen;
  /**
   * That screen's code, being fetched (`preloadScreen`): the pack is handed over once it is here
   * too, so the screen renders in the pack's own commit. Shown before it, the screen suspended,
   * React committed the fallback and throttled the screen's commit to 300 ms after it. A failed
   * load does not hold the pack back: the render reports it.
   */
  screenCode?: Promise<unknown>;
};

let retryTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Loads the hall's settings and the active pack's manifest (together), then puts them into the
 * hall store, the content store and the session's language choices — settings first, so the
 * first screen already runs on the hall's idle timeout.
 */
export async function loadContent(deps: BootDeps = {}): Promise<boolean> {
  const content = deps.content ?? contentStore;
  const session = deps.session ?? sessionStore;
  const hall = deps.hall ?? hallStore;
  if (retryTimer !== undefined) {
    clearTimeout(retryTimer);
    retryTimer = undefined;
  }
  content.getState().manifestRequested();
  const [result, settings] = await Promise.all([
    (deps.load ?? (() => loadManifest()))(),
    (deps.loadSettings ?? (() => loadHallSettings()))(),
    deps.screenCode?.catch(() => undefined),
  ]);
  hall.getState().settingsLoaded(settings);
  if (result.ok) {
    const { manifest } = result;
    const languages = supportedLanguages(manifest.languages);
    const defaultLanguage =
      isLanguage(manifest.defaultLanguage) && languages.includes(manifest.defaultLanguage)
        ? manifest.defaultLanguage
        : (languages[0] ?? 'zh-Hans');
    packStringsLoaded(manifest.strings);
    session.getState().packLoaded({ languages, defaultLanguage });
    if (deps.screen) session.getState().screenRequested(deps.screen);
    content.getState().manifestLoaded(manifest);
    log.info('pack manifest loaded', { id: manifest.id, version: manifest.version });
    return true;
  }
  log.warn('pack manifest unavailable', { problem: result.problem, detail: result.detail });
  content.getState().manifestFailed(result.problem);
  if (deps.load === undefined) {
    retryTimer = setTimeout(() => void loadContent(deps), CONTENT_RETRY_MS);
  }
  return false;
}
