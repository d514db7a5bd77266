/**
 * When has the kiosk "shown" its pack? The store keeps a newly activated pack only after the app
 * confirms it rendered (`commit`); without that, it rolls back after a few boots. Until the
 * renderer reports rendering over IPC, main's signal is: the kiosk page finished loading and then
 * ran for {@link SHOWN_AFTER_MS} without a recovery incident. No Electron import: unit-tested.
 */

/** How long the page must run cleanly after loading. */
export const SHOWN_AFTER_MS = 60_000;

export type ShownConfirmerOptions = {
  /** Lifetime incident count from the recovery supervisor. */
  readonly incidents: () => number;
  /** Called once, when the pack counts as shown. */
  readonly confirm: () => Promise<void>;
  readonly delayMs?: number;
  readonly setTimer?: (fn: () => void, ms: number) => unknown;
};

/** Returns `pageLoaded`, to call on each `did-finish-load` of the kiosk page. */
export function createShownConfirmer(opts: ShownConfirmerOptions): () => void {
  const delay = opts.delayMs ?? SHOWN_AFTER_MS;
  const setTimer =
    opts.setTimer ??
    ((fn: () => void, ms: number) => {
      const t = setTimeout(fn, ms);
      t.unref();
      return t;
    });
  let waiting = false;
  let done = false;
  return () => {
    if (waiting || done) return;
    waiting = true;
    const before = opts.incidents();
    setTimer(() => {
      waiting = false;
      // An incident meanwhile: wait for the next clean load instead.
      if (opts.incidents() !== before) return;
      done = true;
      void opts.confirm();
    }, delay);
  };
}
