import { useEffect, useRef } from 'react';
import type { Point, Size, ViewTransform } from '../../timeline/zoom';
import {
  clampTransform,
  containSize,
  fitTransform,
  maxScaleFor,
  pinchStep,
  zoomAbout,
} from '../../timeline/zoom';

export type PinchImageProps = { src: string; alt: string; onError?: () => void };

/**
 * An image the visitor can pinch to zoom and drag when zoomed; wheel zooms too. The transform
 * lives in a ref and goes straight to the element's style: gestures never re-render React.
 */
export function PinchImage({ src, alt, onError }: PinchImageProps) {
  const frameRef = useRef<HTMLDivElement>(null);
  const imgRef = useRef<HTMLImageElement>(null);

  useEffect(() => {
    const frame = frameRef.current;
    const img = imgRef.current;
    if (!frame || !img) return;
    let t: ViewTransform = { scale: 1, x: 0, y: 0 };
    const pointers = new Map<number, Point>();
    const sizes = (): { natural: Size; content: Size; viewport: Size } => {
      const viewport = { width: frame.clientWidth, height: frame.clientHeight };
      const natural = {
        width: img.naturalWidth || viewport.width,
        height: img.naturalHeight || viewport.height,
      };
      return { natural, viewport, content: containSize(natural, viewport) };
    };
    const apply = () => {
      const { content } = sizes();
      img.style.width = `${content.width}px`;
      img.style.height = `${content.height}px`;
      img.style.transform = `translate(${t.x}px, ${t.y}px) scale(${t.scale})`;
      frame.dataset.zoomed = t.scale > 1.01 ? 'true' : 'false';
    };
    const clamp = (next: ViewTransform) => {
      const { natural, content, viewport } = sizes();
      t = clampTransform(
        next,
        content,
        viewport,
        maxScaleFor(natural, content, globalThis.devicePixelRatio || 1),
      );
      apply();
    };
    const fit = () => {
      const { content, viewport } = sizes();
      t = fitTransform(content, viewport);
      apply();
    };
    const local = (e: { clientX: number; clientY: number }): Point => {
      const r = frame.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    };
    const down = (e: PointerEvent) => {
      pointers.set(e.pointerId, local(e));
      try {
        frame.setPointerCapture(e.pointerId);
      } catch {
        // Synthetic pointers may not be capturable.
      }
    };
    const move = (e: PointerEvent) => {
      const prev = pointers.get(e.pointerId);
      if (!prev) return;
      const now = local(e);
      if (pointers.size >= 2) {
        const [a, b] = [...pointers.entries()];
        if (!a || !b) return;
        const a1 = a[0] === e.pointerId ? now : a[1];
        const b1 = b[0] === e.pointerId ? now : b[1];
        clamp(pinchStep(t, a[1], b[1], a1, b1));
      } else if (t.scale > 1.01) {
        clamp({ ...t, x: t.x + now.x - prev.x, y: t.y + now.y - prev.y });
      }
      pointers.set(e.pointerId, now);
    };
    const up = (e: PointerEvent) => {
      pointers.delete(e.pointerId);
    };
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      clamp(zoomAbout(t, Math.exp(-e.deltaY * 0.0015), local(e)));
    };
    const dbl = () => fit();
    img.addEventListener('load', fit);
    if (img.complete) fit();
    const observer = new ResizeObserver(() => clamp(t));
    observer.observe(frame);
    frame.addEventListener('pointerdown', down);
    frame.addEventListener('pointermove', move);
    frame.addEventListener('pointerup', up);
    frame.addEventListener('pointercancel', up);
    frame.addEventListener('wheel', wheel, { passive: false });
    frame.addEventListener('dblclick', dbl);
    return () => {
      img.removeEventListener('load', fit);
      observer.disconnect();
      frame.removeEventListener('pointerdown', down);
      frame.removeEventListener('pointermove', move);
      frame.removeEventListener('pointerup', up);
      frame.removeEventListener('pointercancel', up);
      frame.removeEventListener('wheel', wheel);
      frame.removeEventListener('dblclick', dbl);
    };
  }, [src]);

  return (
    <div className="pinch-image" ref={frameRef} data-testid="pinch-image">
      <img ref={imgRef} src={src} alt={alt} draggable={false} onError={onError} />
    </div>
  );
}
