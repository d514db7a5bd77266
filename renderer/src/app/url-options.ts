/**
 * Options read from the page URL's query string. They exist for tests, authoring previews and
 * hall set-up; the kiosk itself is started without any.
 *
 * - `idle=<s>`       idle seconds before the countdown (overrides the pack; any value ≥ 1)
 * - `countdown=<s>`  countdown seconds
 * - `cursor=0`       hide the mouse cursor (touch-only hardware)
 * - `debug=1`        debug readouts for e2e tests and benchmarks
 * - `screen=<name>`  first screen after load (skips attract; for authoring previews)
 * - `attractTitle=<s>` seconds the attract loop's title card stays before the guided tour
 */
import type { Screen } from '../stores/session-store';

export type UrlOptions = {
  idleSeconds?: number;
  countdownSeconds?: number;
  hideCursor: boolean;
  debug: boolean;
  screen?: Screen;
  attractTitleSeconds?: number;
};

const SCREENS: readonly Screen[] = ['attract', 'home', 'sand-table', 'timeline', 'staff'];

function positiveNumber(raw: string | null): number | undefined {
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

export function parseUrlOptions(search: string): UrlOptions {
  const q = new URLSearchParams(search);
  const options: UrlOptions = { hideCursor: q.get('cursor') === '0', debug: q.get('debug') === '1' };
  const idle = positiveNumber(q.get('idle'));
  if (idle !== undefined) options.idleSeconds = idle;
  const countdown = positiveNumber(q.get('countdown'));
  if (countdown !== undefined) options.countdownSeconds = countdown;
  const attractTitle = positiveNumber(q.get('attractTitle'));
  if (attractTitle !== undefined) options.attractTitleSeconds = attractTitle;
  const screen = q.get('screen');
  // Staff mode is reached only through its gesture and PIN, never a URL.
  const found = SCREENS.find((s) => s === screen && s !== 'staff');
  if (found) options.screen = found;
  return options;
}
