import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { Point, Size, ViewTransform } from '../../timeline/zoom';
import { clampTransform, fitTransform, pinchStep, zoomAbout } from '../../timeline/zoom';

export type PanZoomOptions = {
  /** Size of the content at scale 1 (the image contained in the viewport). */
  content: Size;
  viewport: Size;
  maxScale: number;
  /** Called at most once per frame after the transform changed (tiles follow it). */
  onChange?: (t: ViewTransform) => void;
};

/**
 * Pinch-zoom and pan on `viewportRef`, applied as a CSS transform to `layerRef` without React
 * re-rendering: two fingers zoom about their midpoint, one finger pans when zoomed in, a double
 * tap zooms in or back out, the mouse wheel zooms at the pointer. The image can never be lost:
 * every change is clamped to the viewport.
 */
export function usePanZoom(
  viewportRef: RefObject<HTMLElement | null>,
  layerRef: RefObject<HTMLElement | null>,
  opts: PanZoomOptions,
): { reset: () => void; current: () => ViewTransform } {
  const optsRef = useRef(opts);
  const t = useRef<ViewTransform>(fitTransform(opts.content, opts.viewport));
  const frame = useRef(0);

  const apply = useCallback(
    (next: ViewTransform) => {
      const o = optsRef.current;
      t.current = clampTransform(next, o.content, o.viewport, o.maxScale);
      const layer = layerRef.current;
      if (layer) {
        layer.style.transform = `translate3d(${t.current.x}px, ${t.current.y}px, 0) scale(${t.current.scale})`;
        layer.dataset.scale = t.current.scale.toFixed(3);
      }
      if (!frame.current) {
        frame.current = requestAnimationFrame(() => {
          frame.current = 0;
          optsRef.current.onChange?.(t.current);
        });
      }
    },
    [layerRef],
  );

  // A new size (resize, another image) refits.
  useEffect(() => {
    const previous = optsRef.current;
    optsRef.current = opts;
    const sizeChanged =
      previous.content.width !== opts.content.width ||
      previous.content.height !== opts.content.height ||
      previous.viewport.width !== opts.viewport.width ||
      previous.viewport.height !== opts.viewport.height;
    if (sizeChanged || t.current.scale === 1) apply(fitTransform(opts.content, opts.viewport));
  }, [opts, apply]);

  useEffect(() => {
    const el = viewportRef.current;
    if (!el) return;
    const pointers = new Map<number, Point>();
    let lastTap = { at: 0, x: 0, y: 0 };
    let moved = false;
    const local = (e: PointerEvent | WheelEvent): Point => {
      const r = el.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    };
    const down = (e: PointerEvent) => {
      el.setPointerCapture(e.pointerId);
      pointers.set(e.pointerId, local(e));
      moved = false;
    };
    const move = (e: PointerEvent) => {
      const before = pointers.get(e.pointerId);
      if (!before) return;
      const now = local(e);
      if (Math.hypot(now.x - before.x, now.y - before.y) > 2) moved = true;
      if (pointers.size >= 2) {
        const [a, b] = [...pointers.entries()];
        if (!a || !b) return;
        const other = a[0] === e.pointerId ? b[1] : a[1];
        apply(pinchStep(t.current, before, other, now, other));
      } else if (t.current.scale > 1.001) {
        apply({ ...t.current, x: t.current.x + now.x - before.x, y: t.current.y + now.y - before.y });
      }
      pointers.set(e.pointerId, now);
    };
    const up = (e: PointerEvent) => {
      const p = pointers.get(e.pointerId);
      pointers.delete(e.pointerId);
      if (!p || moved || pointers.size > 0) return;
      const now = performance.now();
      if (now - lastTap.at < 320 && Math.hypot(p.x - lastTap.x, p.y - lastTap.y) < 40) {
        // Double tap: in to 2.5× at the finger, or back to the whole image.
        apply(
          t.current.scale > 1.05
            ? fitTransform(optsRef.current.content, optsRef.current.viewport)
            : zoomAbout(t.current, 2.5, p),
        );
        lastTap = { at: 0, x: 0, y: 0 };
      } else lastTap = { at: now, x: p.x, y: p.y };
    };
    const cancel = (e: PointerEvent) => {
      pointers.delete(e.pointerId);
    };
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      apply(zoomAbout(t.current, Math.exp(-e.deltaY * 0.0015), local(e)));
    };
    el.addEventListener('pointerdown', down);
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', cancel);
    el.addEventListener('wheel', wheel, { passive: false });
    return () => {
      el.removeEventListener('pointerdown', down);
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', cancel);
      el.removeEventListener('wheel', wheel);
      if (frame.current) cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [viewportRef, apply]);

  return {
    reset: () => apply(fitTransform(optsRef.current.content, optsRef.current.viewport)),
    current: () => t.current,
  };
}

/** Observes an element's content-box size (re-renders when it changes). */
export function useElementSize(ref: RefObject<HTMLElement | null>): Size {
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = (width: number, height: number) =>
      setSize((s) =>
        Math.abs(s.width - width) < 0.5 && Math.abs(s.height - height) < 0.5 ? s : { width, height },
      );
    measure(el.clientWidth, el.clientHeight);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) measure(entry.contentRect.width, entry.contentRect.height);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}
