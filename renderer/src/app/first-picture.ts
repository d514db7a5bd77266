/**
 * A screen whose first picture comes well after its DOM (the sand table's first WebGL frame)
 * holds the page's "first paint" until that picture is drawn, so work that can wait for it waits:
 * the bundled fonts (./fonts.ts). Their rule sheets arrived while the table was still loading, and
 * the relayout they caused made the compositor draw one more whole frame just before the table's
 * first one (~150 ms of the GPU process under SwiftShader, in a Chromium trace; issue 15).
 */

let holds = 0;
const listeners = new Set<() => void>();

function emit(): void {
  for (const l of [...listeners]) l();
}

/** Holds the first paint; returns the release (idempotent). */
export function holdFirstPicture(): () => void {
  holds++;
  emit();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holds--;
    emit();
  };
}

/** Is a screen's first picture still to come? */
export function firstPictureHeld(): boolean {
  return holds > 0;
}

/** For useSyncExternalStore. */
export function subscribeFirstPicture(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
