/**
 * WHATWG URL parsing for the pure policies. `URL` is a global in every runtime this code runs
 * in (Node, Electron main, Chromium) but belongs to neither ES2023 nor this world's `lib`, so
 * the few fields used are declared here instead of pulling in DOM or Node types.
 */

/** The parts of a parsed URL the policies read. */
export type UrlParts = {
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly host: string;
  readonly port: string;
  readonly pathname: string;
};

declare const URL: new (url: string) => UrlParts;

/** Parse `url` as a browser would; `null` if it is not a valid absolute URL. */
export function parseUrl(url: string): UrlParts | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
