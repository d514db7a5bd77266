/**
 * Label layout in screen space: greedy by priority, each label tries a few spots around its
 * anchor and takes the first that overlaps nothing already placed. A budget caps the count, and a
 * zoom-dependent rank cut-off lets minor places speak only when the visitor comes closer.
 */

export type LabelCandidate = {
  /** Caller's key (place id, cluster key). */
  key: string;
  /** Anchor (top of the marker) in CSS px. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Higher first. Selected and hovered items should be far above the rest. */
  priority: number;
};

export type Placement = 'above' | 'right' | 'left' | 'below';

export type PlacedLabel = {
  key: string;
  /** Top-left corner. */
  left: number;
  top: number;
  width: number;
  height: number;
  placement: Placement;
};

export type LabelLayoutOptions = {
  viewportWidth: number;
  viewportHeight: number;
  /** At most this many labels. */
  budget: number;
  /** Gap between labels (px). */
  padding: number;
  /** Gap between anchor and label (px). */
  offset: number;
};

type Rect = { l: number; t: number; r: number; b: number };

function rectFor(c: LabelCandidate, p: Placement, offset: number): Rect {
  switch (p) {
    case 'above':
      return { l: c.x - c.width / 2, t: c.y - offset - c.height, r: c.x + c.width / 2, b: c.y - offset };
    case 'below':
      return {
        l: c.x - c.width / 2,
        t: c.y + offset * 2.4,
        r: c.x + c.width / 2,
        b: c.y + offset * 2.4 + c.height,
      };
    case 'right':
      return {
        l: c.x + offset * 1.6,
        t: c.y - c.height / 2,
        r: c.x + offset * 1.6 + c.width,
        b: c.y + c.height / 2,
      };
    case 'left':
      return {
        l: c.x - offset * 1.6 - c.width,
        t: c.y - c.height / 2,
        r: c.x - offset * 1.6,
        b: c.y + c.height / 2,
      };
  }
}

const PLACEMENTS: readonly Placement[] = ['above', 'right', 'left', 'below'];

/** Lays out labels; the input need not be sorted. */
export function layoutLabels(candidates: readonly LabelCandidate[], opts: LabelLayoutOptions): PlacedLabel[] {
  const sorted = [...candidates].sort((a, b) => b.priority - a.priority);
  const placed: PlacedLabel[] = [];
  const rects: Rect[] = [];
  const pad = opts.padding;
  for (const c of sorted) {
    if (placed.length >= opts.budget) break;
    for (const p of PLACEMENTS) {
      const r = rectFor(c, p, opts.offset);
      if (r.l < 0 || r.t < 0 || r.r > opts.viewportWidth || r.b > opts.viewportHeight) continue;
      let free = true;
      for (const o of rects) {
        if (r.l < o.r + pad && r.r + pad > o.l && r.t < o.b + pad && r.b + pad > o.t) {
          free = false;
          break;
        }
      }
      if (!free) continue;
      rects.push(r);
      placed.push({ key: c.key, left: r.l, top: r.t, width: r.r - r.l, height: r.b - r.t, placement: p });
      break;
    }
  }
  return placed;
}

/**
 * Estimated width of a one-line label without measuring the DOM: CJK and full-width characters
 * take a full em, Latin letters about 0.56 em, spaces and narrow punctuation less.
 */
export function estimateTextWidth(text: string, fontPx: number): number {
  let em = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0x2e80 || (c >= 0x1100 && c <= 0x115f) || (c >= 0xff00 && c <= 0xffef)) em += 1;
    else if (ch === ' ' || ch === '.' || ch === ',' || ch === "'" || ch === 'i' || ch === 'l') em += 0.3;
    else if (c >= 0x41 && c <= 0x5a) em += 0.66;
    else em += 0.55;
  }
  return Math.ceil(em * fontPx);
}

/**
 * How many of the ranked places may show a label at this zoom: all of them close up, the first
 * few from afar. `zoom01` is 0 at the far limit and 1 at the near limit.
 */
export function rankCutoff(zoom01: number, total: number): number {
  const z = Math.min(1, Math.max(0, zoom01));
  if (z > 0.6) return total;
  return Math.max(8, Math.ceil(total * (0.08 + 1.5 * z * z)));
}
