/**
 * Browser-kiosk lockdown: the decisions the launcher's Chromium supervisor takes over the
 * DevTools protocol pipe. The supervisor only carries them out: which target it keeps as the
 * kiosk page, which it closes, which document requests it lets through, when it restarts
 * Chromium, and the managed policy a hall can install on top.
 */
import { parseUrl } from './parse-url';

/** The fields of a CDP `Target.TargetInfo` the decisions read. */
export type BrowserTarget = {
  readonly targetId: string;
  /** `page`, `browser_ui`, `service_worker`, `other` … (Chromium adds new types over time). */
  readonly type: string;
  readonly url: string;
};

/** What to do with a target the supervisor sees appear or change. */
export type TargetDecision =
  /** The first page on the kiosk origin: this is the kiosk; keep it. */
  | { readonly action: 'adopt' }
  /** The kiosk page, still on the kiosk origin, or a target that is no window (workers, browser UI). */
  | { readonly action: 'keep' }
  /** Another window, tab, popup or DevTools: close it. */
  | { readonly action: 'close'; readonly reason: 'devtools' | 'new-window' | 'foreign-worker' }
  /** The kiosk page itself is showing another origin (navigation interception failed): restart. */
  | { readonly action: 'restart'; readonly reason: 'kiosk-left-origin' };

/** `http(s)://host:port` of the kiosk URL, or null when it is not an http(s) URL. */
export function kioskOriginOf(kioskUrl: string): string | null {
  const u = parseUrl(kioskUrl);
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:') || u.host === '') return null;
  return `${u.protocol}//${u.host}`;
}

/**
 * Is `url` on the kiosk's origin: same scheme, host and port, no credentials? Parsed with the
 * WHATWG parser, so `http://127.0.0.1:5391@evil/`, `http://127.0.0.1:53910/` and
 * `file:///…` all fail.
 */
export function isKioskUrl(url: string, kioskOrigin: string): boolean {
  const u = parseUrl(url);
  if (!u || u.username !== '' || u.password !== '') return false;
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  return `${u.protocol}//${u.host}` === kioskOrigin;
}

// Targets that are not windows a visitor can see or type into. `browser_ui` is Chromium's own
// top-chrome (omnibox popup …) and goes away with its window; `tab` wraps a page target.
const NOT_A_WINDOW = new Set(['browser', 'tab', 'browser_ui']);
const WORKERS = new Set([
  'service_worker',
  'shared_worker',
  'worker',
  'auction_worklet',
  'shared_storage_worklet',
]);

/**
 * Decides about one target. `kioskTargetId` is the page already adopted as the kiosk (null
 * before the first one, and after Chromium restarted). Every page-like target that is not the
 * kiosk is closed: Ctrl+N / Ctrl+T windows, `window.open` popups, DevTools (any `devtools://`
 * URL, whatever its type), `chrome://` pages, and anything a future type adds.
 */
export function decideTarget(
  target: BrowserTarget,
  kioskOrigin: string,
  kioskTargetId: string | null,
): TargetDecision {
  const scheme = parseUrl(target.url)?.protocol;
  if (scheme === 'devtools:') return { action: 'close', reason: 'devtools' };
  if (NOT_A_WINDOW.has(target.type)) return { action: 'keep' };
  if (WORKERS.has(target.type) || target.type === 'iframe') {
    return isKioskUrl(target.url, kioskOrigin) || target.url === ''
      ? { action: 'keep' }
      : { action: 'close', reason: 'foreign-worker' };
  }
  if (target.targetId === kioskTargetId) {
    // `about:blank` is the page's state before its first commit, never shown content.
    return isKioskUrl(target.url, kioskOrigin) || target.url === 'about:blank'
      ? { action: 'keep' }
      : { action: 'restart', reason: 'kiosk-left-origin' };
  }
  if (kioskTargetId === null && target.type === 'page') {
    if (isKioskUrl(target.url, kioskOrigin)) return { action: 'adopt' };
    // Chromium's first window before its URL is known: wait for it to say where it is.
    if (target.url === '' || target.url === 'about:blank') return { action: 'keep' };
  }
  return { action: 'close', reason: 'new-window' };
}

/**
 * May a document (main frame or sub-frame) request go ahead? Only on the kiosk origin: every
 * `file:`, `chrome:`, `view-source:`, `data:`, `javascript:` and remote document is refused
 * before it loads, so a directory listing or another site never shows.
 */
export function isAllowedDocumentRequest(url: string, kioskOrigin: string): boolean {
  return isKioskUrl(url, kioskOrigin);
}

/** Tuning of {@link nextRestart}. */
export type RestartPolicy = {
  /** Delay after the first quick exit. Doubles with each further quick exit. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A Chromium that ran this long was healthy: its exit starts again from `baseDelayMs`. */
  readonly stableAfterMs: number;
};

export const DEFAULT_RESTART_POLICY: RestartPolicy = Object.freeze({
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
});

/** Backoff state carried from one Chromium exit to the next. */
export type RestartState = { readonly quickExits: number };

/**
 * Chromium exited after running `ranMs`: when to start it again. A visitor closing the window
 * (Alt+F4) gets the kiosk back within half a second; a Chromium that keeps dying right away is
 * retried ever more slowly (0.5 s, 1 s, 2 s … 30 s) so it cannot spin the CPU, and forever: a
 * hall has nobody to restart it by hand.
 */
export function nextRestart(
  state: RestartState,
  ranMs: number,
  policy: RestartPolicy = DEFAULT_RESTART_POLICY,
): { readonly delayMs: number; readonly state: RestartState } {
  const quickExits = ranMs >= policy.stableAfterMs ? 1 : state.quickExits + 1;
  const delayMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(quickExits - 1, 30));
  return { delayMs, state: { quickExits } };
}

/**
 * The binding the supervisor adds to the kiosk page (CDP `Runtime.addBinding`): the page calls
 * `window.hallKioskRestart('nightly')` at an idle moment when the kiosk says its nightly restart is
 * due, and the supervisor restarts the whole Chromium (browser, GPU and renderer processes), which a
 * page reload cannot. Only in browser-kiosk mode; elsewhere the page has no such function.
 */
export const KIOSK_RESTART_BINDING = 'hallKioskRestart';

/** At most one page-asked restart in this long: a page that asks in a loop cannot spin Chromium. */
export const PAGE_RESTART_MIN_GAP_MS = 30 * 60_000;

export type PageRestartDecision =
  { readonly restart: true; readonly reason: 'nightly' } | { readonly restart: false; readonly why: string };

/**
 * The kiosk page asked for a Chromium restart with `payload`: carry it out? Only the nightly
 * restart, and not again within `PAGE_RESTART_MIN_GAP_MS` of the last one the page asked for.
 */
export function decidePageRestart(
  payload: string,
  lastPageRestartAt: number | null,
  now: number,
  minGapMs: number = PAGE_RESTART_MIN_GAP_MS,
): PageRestartDecision {
  if (payload !== 'nightly')
    return { restart: false, why: `unknown restart reason ${JSON.stringify(payload.slice(0, 40))}` };
  if (lastPageRestartAt !== null && now - lastPageRestartAt < minGapMs)
    return {
      restart: false,
      why: `the page asked again ${Math.round((now - lastPageRestartAt) / 1000)} s after the last restart (at most one per ${Math.round(minGapMs / 60_000)} min)`,
    };
  return { restart: true, reason: 'nightly' };
}

/** The kiosk origin in Chromium's URL filter format: `scheme://host[:port]` (no port: any port). */
function allowPattern(origin: string): string {
  const u = parseUrl(origin);
  return u ? `${u.protocol}//${u.host}` : origin;
}

/**
 * Chromium's managed policy for a hall machine (`/etc/chromium/policies/managed/hall-kiosk.json`
 * on Linux; the same names in the registry on Windows). Every URL but the kiosk origin is
 * blocked (`file://` named on its own so it stays blocked if someone widens the allowlist),
 * DevTools, incognito, guest and profiles, sign-in, downloads, printing, file dialogs and the
 * task manager's "end process" are off. `kioskOrigin` may omit the port (any port).
 *
 * With DevTools disallowed Chromium also refuses the supervisor's attach to pages, so the
 * supervisor falls back to closing targets and restarting; the policy's URL filter then does the
 * navigation refusal itself.
 */
export function chromiumManagedPolicy(kioskOrigin: string): Record<string, unknown> {
  return {
    URLBlocklist: ['file://*', 'view-source:*', 'chrome://*', 'devtools://*', '*'],
    URLAllowlist: [allowPattern(kioskOrigin)],
    DeveloperToolsAvailability: 2,
    IncognitoModeAvailability: 1,
    BrowserGuestModeEnabled: false,
    BrowserAddPersonEnabled: false,
    BrowserSignin: 0,
    SyncDisabled: true,
    PasswordManagerEnabled: false,
    AutofillAddressEnabled: false,
    AutofillCreditCardEnabled: false,
    AllowFileSelectionDialogs: false,
    DownloadRestrictions: 3,
    PrintingEnabled: false,
    TaskManagerEndProcessEnabled: false,
    TranslateEnabled: false,
    SearchSuggestEnabled: false,
    AllowDinosaurEasterEgg: false,
    DefaultPopupsSetting: 2,
    DefaultNotificationsSetting: 2,
    DefaultGeolocationSetting: 2,
    AudioCaptureAllowed: false,
    VideoCaptureAllowed: false,
    ScreenCaptureAllowed: false,
    ExtensionInstallBlocklist: ['*'],
    BackgroundModeEnabled: false,
    DefaultBrowserSettingEnabled: false,
    MetricsReportingEnabled: false,
    CommandLineFlagSecurityWarningsEnabled: false,
  };
}
