/**
 * Where the kiosk may go. Decisions use the WHATWG URL parser, never string prefixes, so
 * look-alikes such as `hall://kiosk.evil/`, `hall://kiosk@evil/` or `hall://kiosk:81/` fail.
 */

import { parseUrl as parse } from './parse-url';

type AppOriginParts = { protocol: string; host: string };

function originParts(appOrigin: string): AppOriginParts | null {
  const u = parse(appOrigin);
  if (!u || u.host === '' || u.username !== '' || u.password !== '' || u.port !== '') return null;
  return { protocol: u.protocol, host: u.host };
}

/**
 * True when `url` is on the app's own origin (`appOrigin`, e.g. `hall://kiosk`): same scheme,
 * exactly the same host, no credentials, no port. `URL.origin` is not used because it is
 * `"null"` for custom schemes outside a browser.
 */
export function isAppUrl(url: string, appOrigin: string): boolean {
  const app = originParts(appOrigin);
  const u = parse(url);
  if (!app || !u) return false;
  return (
    u.protocol === app.protocol &&
    u.host === app.host &&
    u.username === '' &&
    u.password === '' &&
    u.port === ''
  );
}

/**
 * May the window (main frame or any sub-frame) navigate or be redirected to `url`?
 * Only to the app's own origin. Everything else — `http(s):`, `file:`, `data:`, `javascript:`,
 * `about:`, and `blob:` even of our own origin (the kiosk never navigates to a blob; blobs are
 * for media elements) — is refused.
 */
export function isAllowedNavigation(url: string, appOrigin: string): boolean {
  return isAppUrl(url, appOrigin);
}

/** Options for {@link isAllowedRequest}. */
export type RequestPolicyOptions = {
  /** Let DevTools load its own front-end (development only). */
  readonly devTools: boolean;
};

/**
 * May the session issue a request for `url` (sub-resources, fetch, media)? The app origin,
 * inline `data:` and `blob:` URLs created by the app itself; `devtools:` only in development.
 * Everything that could leave the machine (`http(s):`, `ws(s):`, `ftp:`) and `file:` is refused:
 * the kiosk is offline by design and a request out is a bug or an attack.
 */
export function isAllowedRequest(url: string, appOrigin: string, opts: RequestPolicyOptions): boolean {
  const u = parse(url);
  if (!u) return false;
  if (isAppUrl(url, appOrigin)) return true;
  switch (u.protocol) {
    case 'data:':
      return true;
    case 'blob:':
      return isAppUrl(u.pathname, appOrigin);
    case 'devtools:':
      return opts.devTools;
    default:
      return false;
  }
}
