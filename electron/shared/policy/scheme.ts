/**
 * The `hall://` scheme: where everything the kiosk shows comes from (never `file://`).
 *
 * Registered as privileged before the app is ready; the privileges below are the whole grant.
 */

/** Scheme name, without the colon. */
export const HALL_SCHEME = 'hall';

/** The only host served under the scheme. */
export const HALL_HOST = 'kiosk';

/** The app's origin: the only place the window may navigate to and IPC may come from. */
export const HALL_ORIGIN = `${HALL_SCHEME}://${HALL_HOST}`;

/** The URL the kiosk window loads at start and after a recovery reload. */
export const HALL_START_URL = `${HALL_ORIGIN}/`;

/** Shape of Electron's `Privileges` that this module sets (a plain object, no Electron import). */
export type SchemePrivileges = {
  readonly standard: boolean;
  readonly secure: boolean;
  readonly supportFetchAPI: boolean;
  readonly stream: boolean;
  readonly corsEnabled: boolean;
  readonly bypassCSP: boolean;
  readonly allowServiceWorkers: boolean;
  readonly codeCache: boolean;
};

/**
 * Privileges for `hall:`.
 * - `standard`: real origin and relative URL resolution (`pack/x.webm` against the page).
 * - `secure`: a secure context (no mixed-content downgrade, modern APIs behave as on https).
 * - `supportFetchAPI`: the renderer fetches `pack/pack.json`.
 * - `stream`: `<video>`/`<audio>` get streamed, seekable responses.
 * - never `corsEnabled` or `bypassCSP`: the handler's CSP must always apply, and no other
 *   origin may read from us. No service workers (nothing to cache offline: it is all local),
 *   no code cache (one less thing written to disk by the renderer).
 */
export const hallSchemePrivileges: SchemePrivileges = Object.freeze({
  standard: true,
  secure: true,
  supportFetchAPI: true,
  stream: true,
  corsEnabled: false,
  bypassCSP: false,
  allowServiceWorkers: false,
  codeCache: false,
});
