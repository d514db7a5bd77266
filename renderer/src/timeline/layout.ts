/**
 * Geometry of the track: how long a card is, how far apart cards sit, which ones are on screen.
 *
 * The track has one scroll coordinate, `offset`: the distance along the axis of the point at the
 * centre of the viewport, in CSS px, where item `i`'s centre sits at `i * pitch`. Horizontal in
 * landscape, vertical in portrait; everything below is the same on either axis.
 */
export type Orientation = 'horizontal' | 'vertical';

export type TrackMetrics = {
  orientation: Orientation;
  /** Viewport length along the axis. */
  viewport: number;
  /** Card length along the axis. */
  card: number;
  /** Card length plus the gap to the next. */
  pitch: number;
};

/** Card size from the viewport: about four cards across a landscape screen, three down a portrait one. */
export function trackMetrics(width: number, height: number, rem: number): TrackMetrics {
  const orientation: Orientation = width >= height ? 'horizontal' : 'vertical';
  const viewport = orientation === 'horizontal' ? width : height;
  const card =
    orientation === 'horizontal'
      ? Math.min(Math.max(width * 0.24, 16 * rem), 30 * rem)
      : Math.min(Math.max(height * 0.2, 10 * rem), 18 * rem);
  const gap = Math.max(1.5 * rem, card * 0.08);
  return { orientation, viewport, card, pitch: card + gap };
}

/** Track offset that centres item `index`. */
export function offsetOfItem(index: number, pitch: number): number {
  return index * pitch;
}

/** The (fractional) item at the centre for an offset. */
export function itemAtOffset(offset: number, pitch: number): number {
  return pitch > 0 ? offset / pitch : 0;
}

/**
 * Items intersecting the viewport, plus `overscan` on each side so a swipe never reveals an
 * empty slot before React has caught up. Empty range `{first: 0, last: -1}` when there are none.
 */
export function visibleRange(
  offset: number,
  m: Pick<TrackMetrics, 'viewport' | 'card' | 'pitch'>,
  count: number,
  overscan = 1,
): { first: number; last: number } {
  if (count <= 0 || m.pitch <= 0) return { first: 0, last: -1 };
  const lo = offset - m.viewport / 2 - m.card / 2;
  const hi = offset + m.viewport / 2 + m.card / 2;
  const first = Math.max(0, Math.ceil(lo / m.pitch) - overscan);
  const last = Math.min(count - 1, Math.floor(hi / m.pitch) + overscan);
  return first > last ? { first: 0, last: -1 } : { first, last };
}

/**
 * Offset with rubber-banding past either end: the track follows the finger with diminishing
 * resistance, so the ends feel soft and the visitor knows there is nothing further.
 */
export function rubberBand(offset: number, count: number, pitch: number, viewport: number): number {
  const min = 0;
  const max = Math.max(0, (count - 1) * pitch);
  const band = (d: number) => (d * viewport * 0.35) / (viewport * 0.35 + d);
  if (offset < min) return min - band(min - offset);
  if (offset > max) return max + band(offset - max);
  return offset;
}
