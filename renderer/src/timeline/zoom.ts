/**
 * Pinch-zoom and pan arithmetic for the image viewer. The image is laid out "contained" in the
 * viewport at scale 1; a transform `translate(x, y) scale(scale)` (origin top-left) moves it.
 * Pure functions, so bounds and gestures are unit-tested without a browser.
 */
export type ViewTransform = { scale: number; x: number; y: number };
export type Size = { width: number; height: number };
export type Point = { x: number; y: number };

/** The image's size when contained in the viewport at scale 1. */
export function containSize(natural: Size, viewport: Size): Size {
  if (natural.width <= 0 || natural.height <= 0) return { width: viewport.width, height: viewport.height };
  const k = Math.min(viewport.width / natural.width, viewport.height / natural.height);
  return { width: natural.width * k, height: natural.height * k };
}

/** The transform that shows the whole image, centred. */
export function fitTransform(content: Size, viewport: Size): ViewTransform {
  return { scale: 1, x: (viewport.width - content.width) / 2, y: (viewport.height - content.height) / 2 };
}

/**
 * Keeps the image on screen: centred on an axis where it is smaller than the viewport, otherwise
 * its edges may not come inside the viewport's. Scale clamped to [1, maxScale].
 */
export function clampTransform(
  t: ViewTransform,
  content: Size,
  viewport: Size,
  maxScale: number,
): ViewTransform {
  const scale = Math.max(1, Math.min(maxScale, t.scale));
  const k = scale / t.scale;
  // Re-anchor around the viewport centre when the scale had to be clamped.
  const cx = viewport.width / 2;
  const cy = viewport.height / 2;
  let x = k === 1 ? t.x : cx - (cx - t.x) * k;
  let y = k === 1 ? t.y : cy - (cy - t.y) * k;
  const w = content.width * scale;
  const h = content.height * scale;
  x = w <= viewport.width ? (viewport.width - w) / 2 : Math.min(0, Math.max(viewport.width - w, x));
  y = h <= viewport.height ? (viewport.height - h) / 2 : Math.min(0, Math.max(viewport.height - h, y));
  return { scale, x, y };
}

/** Zooms by `factor` keeping the screen point `at` still. */
export function zoomAbout(t: ViewTransform, factor: number, at: Point): ViewTransform {
  const scale = t.scale * factor;
  return { scale, x: at.x - (at.x - t.x) * factor, y: at.y - (at.y - t.y) * factor };
}

/**
 * One step of a two-finger gesture: the fingers moved from `a0,b0` to `a1,b1`. The point under
 * the fingers' midpoint stays under it, and the image scales with the distance between them.
 */
export function pinchStep(t: ViewTransform, a0: Point, b0: Point, a1: Point, b1: Point): ViewTransform {
  const d0 = Math.hypot(b0.x - a0.x, b0.y - a0.y);
  const d1 = Math.hypot(b1.x - a1.x, b1.y - a1.y);
  const factor = d0 > 0 ? d1 / d0 : 1;
  const m0 = { x: (a0.x + b0.x) / 2, y: (a0.y + b0.y) / 2 };
  const m1 = { x: (a1.x + b1.x) / 2, y: (a1.y + b1.y) / 2 };
  const panned = { scale: t.scale, x: t.x + (m1.x - m0.x), y: t.y + (m1.y - m0.y) };
  return zoomAbout(panned, factor, m1);
}

/** How far the viewer may zoom: until image pixels are 2× screen pixels, at least 3×. */
export function maxScaleFor(natural: Size, content: Size, devicePixelRatio = 1): number {
  if (content.width <= 0) return 3;
  return Math.max(3, ((natural.width / content.width) * 2) / Math.max(1, devicePixelRatio));
}

/** The part of the image (in natural pixels) visible through the viewport. */
export function visibleImageRect(
  t: ViewTransform,
  content: Size,
  natural: Size,
  viewport: Size,
): { x0: number; y0: number; x1: number; y1: number } {
  const k = natural.width / (content.width * t.scale);
  const x0 = Math.max(0, -t.x * k);
  const y0 = Math.max(0, -t.y * k);
  const x1 = Math.min(natural.width, (viewport.width - t.x) * k);
  const y1 = Math.min(natural.height, (viewport.height - t.y) * k);
  return { x0, y0, x1, y1 };
}
