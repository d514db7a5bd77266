/**
 * The canvas's DOM events, normalised for the gesture recogniser: pointer events as
 * `GesturePointer`s in the table's viewport pixels, wheel deltas in pixels, and the WebGL
 * context's loss and return. One AbortController removes every listener.
 */
import type { GesturePointer, PointerKind } from './gestures';
import type { Viewport } from './types';

export type CanvasInputHandlers = {
  pointer(e: GesturePointer): void;
  /** Wheel movement in pixels at (x, y). */
  wheel(deltaY: number, x: number, y: number): void;
  /** The mouse left the canvas. */
  leave(): void;
  /** The window lost focus: forget pressed pointers. */
  blur(): void;
  contextLost(): void;
  contextRestored(): void;
};

const kindOf = (e: PointerEvent): PointerKind =>
  e.pointerType === 'mouse' ? 'mouse' : e.pointerType === 'pen' ? 'pen' : 'touch';

/** Listens to `canvas` until the returned function is called. */
export function attachCanvasInput(
  canvas: HTMLCanvasElement,
  viewport: () => Viewport,
  h: CanvasInputHandlers,
): () => void {
  const controller = new AbortController();
  const opts = { signal: controller.signal };
  canvas.style.touchAction = 'none';
  const local = (e: { clientX: number; clientY: number }) => {
    const r = canvas.getBoundingClientRect();
    const vp = viewport();
    return {
      x: ((e.clientX - r.left) * vp.width) / Math.max(1, r.width),
      y: ((e.clientY - r.top) * vp.height) / Math.max(1, r.height),
    };
  };
  const feed = (type: GesturePointer['type'], e: PointerEvent) => {
    const p = local(e);
    h.pointer({
      type,
      id: e.pointerId,
      x: p.x,
      y: p.y,
      t: e.timeStamp,
      kind: kindOf(e),
      button: e.button,
      alt: e.shiftKey || e.ctrlKey,
    });
  };
  canvas.addEventListener(
    'pointerdown',
    (e) => {
      if (e.pointerType === 'mouse' && e.button > 2) return;
      try {
        canvas.setPointerCapture(e.pointerId);
      } catch {
        // Synthetic pointers may not be capturable; moves still arrive on the canvas.
      }
      feed('down', e);
    },
    opts,
  );
  canvas.addEventListener('pointermove', (e) => feed('move', e), opts);
  canvas.addEventListener('pointerup', (e) => feed('up', e), opts);
  canvas.addEventListener('pointercancel', (e) => feed('cancel', e), opts);
  canvas.addEventListener('pointerleave', (e) => e.pointerType === 'mouse' && h.leave(), opts);
  canvas.addEventListener(
    'wheel',
    (e) => {
      e.preventDefault();
      const p = local(e);
      const dy = e.deltaMode === 1 ? e.deltaY * 33 : e.deltaMode === 2 ? e.deltaY * 400 : e.deltaY;
      h.wheel(dy, p.x, p.y);
    },
    { signal: controller.signal, passive: false },
  );
  canvas.addEventListener('contextmenu', (e) => e.preventDefault(), opts);
  canvas.addEventListener(
    'webglcontextlost',
    (e) => {
      // Asking for the context back: without preventDefault it never returns.
      e.preventDefault();
      h.contextLost();
    },
    opts,
  );
  canvas.addEventListener('webglcontextrestored', () => h.contextRestored(), opts);
  globalThis.addEventListener('blur', () => h.blur(), opts);
  return () => controller.abort();
}
