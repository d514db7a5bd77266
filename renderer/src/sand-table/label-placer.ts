/**
 * Place names in screen space. Greedy by priority — the selected and hovered place, "you are
 * here", then places in the pack's order (authors list the most important first), then cluster
 * counts and chain nodes — each label tries four spots around its anchor and takes the first that
 * overlaps nothing already placed and stays inside the free part of the screen. A budget that
 * grows as the visitor zooms in lets more names speak close up.
 *
 * Built for 10,000 places: candidates are visited in a fixed rank order (no sorting per frame),
 * placed rectangles live in one typed array, the output entries are pooled, and the scan stops
 * once the budget is full; names and their widths are measured once per language and font size.
 *
 * While the camera moves (`LabelScene.sticky`: a drag, a fling, a flight; see frame-plan) the
 * names already on screen go first, in rank order, each on its own side first; then the others
 * compete for the room left. Without it a close drag at 10,000 places swapped a quarter of the
 * names every frame (16 of 62: each label that moved a pixel into another knocked it out, and the
 * room it left let a third in), a flicker for the visitor and DOM writes for the page (issue 15).
 * At rest the layout is the plain greedy one again, whatever came before it.
 */
import type { ScreenRect } from './types';

export type LabelKind = 'place' | 'cluster' | 'here' | 'node';

export type Placement = 'above' | 'right' | 'left' | 'below';

const PLACEMENTS: readonly Placement[] = ['above', 'right', 'left', 'below'];
/** The gap between a label and its anchor, in font sizes (`tryAdd`'s `offset`). */
const OFFSET_EM = 0.35;

/** One label to draw: pooled and overwritten by the next layout. */
export type PlacedLabel = {
  key: string;
  kind: LabelKind;
  primary: string;
  secondary: string;
  selected: boolean;
  /** Top-left corner and size (CSS px). */
  left: number;
  top: number;
  width: number;
  height: number;
  placement: Placement;
  /** The place it names (its index in the field), or -1 (a cluster count, "you are here", a node). */
  index: number;
};

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
 * How many labels may show at a zoom: `zoom01` is 0 at the far limit and 1 at the near limit. A
 * dozen names from afar, the whole pool close up.
 */
export function labelBudget(zoom01: number, capacity: number): number {
  const z = Math.min(1, Math.max(0, zoom01));
  return Math.min(capacity, Math.round(12 + (capacity - 12) * Math.min(1, z * z * 2.5)));
}

/** `zoom01` of a camera distance between the limits (log scale). */
export function zoom01Of(distance: number, minDistance: number, maxDistance: number): number {
  return (
    1 -
    Math.log(distance / minDistance) /
      Math.max(1e-6, Math.log(Math.max(maxDistance, minDistance * 1.01) / minDistance))
  );
}

/** Names of the places in the visitor's language (and the other one for the selected place). */
export type PlaceNames = {
  primary: (index: number) => string;
  secondary: (index: number) => string;
};

/** What the placer reads each layout. */
export type LabelScene = {
  /** Places: projected heads (x, y, depth triples) and how each is drawn (1 = as itself). */
  headScreen: Float32Array;
  drawnAs: Int8Array;
  /**
   * The places drawn as themselves (`drawnAs` 1), in any order, as one array that is replaced,
   * never changed, when the clustering changes: only they are candidates. A close view at 10,000
   * places draws about a tenth of them. Absent: every place is looked at.
   */
  drawn?: readonly number[];
  selected: number;
  hovered: number;
  /** Cluster tokens: projected (x, y, depth) and member counts. */
  clusterScreen: Float32Array;
  clusterCounts: readonly number[];
  /**
   * Each token's radius on screen (px), or none: no place's name is put over a token, whose count
   * a visitor reads to know what a tap there opens.
   */
  clusterRadiusPx?: Float32Array;
  /** Extra anchored labels ("you are here", chain nodes), already projected. */
  extras: readonly { key: string; kind: 'here' | 'node'; text: string; x: number; y: number }[];
  /** Where labels may go (the free part of the screen). */
  bounds: ScreenRect;
  fontPx: number;
  budget: number;
  /**
   * The camera is moving: the names placed in the last layout keep their places first (see the
   * top of this file). False or absent: the plain greedy layout.
   */
  sticky?: boolean;
};

/** Side of the cells the token discs are sorted into (px). */
const GRID_CELL_PX = 64;

/** The grid cell (column or row, clamped to 0 .. n-1) of coordinate `v` for a grid from `from`. */
function cellOf(v: number, from: number, n: number): number {
  return Math.min(n - 1, Math.max(0, Math.floor((v - from) / GRID_CELL_PX)));
}

export class LabelPlacer {
  /** The labels of the last layout: `placed[0 .. count)`. */
  readonly placed: PlacedLabel[];
  count = 0;
  /** Place names among them (the `data-labels-shown` signal). */
  placeCount = 0;
  private readonly rects: Float32Array;
  /** Discs no place's name may cover (the cluster tokens on screen): x, y, r triples. */
  private discs = new Float32Array(0);
  private discCount = 0;
  /**
   * The discs by grid cell over the bounds (counting sort: cell c holds
   * `cellItems[cellStart[c] .. cellStart[c + 1])`), so a label looks only at the discs near it: a
   * zoomed-out 10,000-place table draws thousands of tokens, and testing each label's every spot
   * against all of them took 145 ms a layout (2,700 tokens; 0.3 ms without).
   */
  private grid = { left: 0, top: 0, cols: 0, rows: 0 };
  private cellStart = new Int32Array(0);
  /** Where the counting sort puts each cell's next disc (reused, like the other arrays here). */
  private cellFill = new Int32Array(0);
  private cellItems = new Int32Array(0);
  private rank: Int32Array;
  /** Each place's position in `rank` (its inverse). */
  private rankPos: Int32Array;
  /**
   * The side each place's name took in the last layout (an index into PLACEMENTS), or -1 where it
   * had none; `shown[0 .. shownCount)` lists those places in rank order.
   */
  private readonly lastSide: Int8Array;
  private readonly shown: Int32Array;
  private shownCount = 0;
  /** `drawn` of the scene these were sorted from, and its places in rank order. */
  private drawnFrom: readonly number[] | null = null;
  private drawnByRank = new Int32Array(0);
  private drawnOut = new Int32Array(0);
  private drawnCount = 0;
  private widths = new Float32Array(0);
  private cachedFont = 0;
  private cachedNames: PlaceNames | null = null;

  private readonly keys: string[];

  constructor(
    readonly capacity: number,
    /** Place ids, in the field's order. */
    placeIds: readonly string[],
  ) {
    this.keys = placeIds.map((id) => `p:${id}`);
    this.placed = Array.from({ length: capacity }, (): PlacedLabel => ({
      key: '',
      kind: 'place',
      primary: '',
      secondary: '',
      selected: false,
      left: 0,
      top: 0,
      width: 0,
      height: 0,
      placement: 'above',
      index: -1,
    }));
    this.rects = new Float32Array(capacity * 4);
    this.rank = Int32Array.from(placeIds, (_, i) => i);
    this.rankPos = Int32Array.from(placeIds, (_, i) => i);
    this.lastSide = new Int8Array(placeIds.length).fill(-1);
    this.shown = new Int32Array(capacity);
  }

  /** Sets the order in which places compete (first = most important); default the pack's order. */
  setRank(order: readonly number[]): void {
    this.rank = Int32Array.from(order);
    this.rankPos = new Int32Array(this.lastSide.length).fill(this.rank.length);
    for (let k = 0; k < this.rank.length; k++) {
      const i = this.rank[k] as number;
      if (i >= 0 && i < this.rankPos.length) this.rankPos[i] = k;
    }
    this.forgetShown();
    this.drawnFrom = null;
  }

  /** The candidates in rank order: `drawn` sorted once per clustering, or every place. */
  private candidates(scene: LabelScene): Int32Array {
    const drawn = scene.drawn;
    if (!drawn) return this.rank;
    if (drawn !== this.drawnFrom || this.drawnCount !== drawn.length) {
      this.drawnFrom = drawn;
      if (this.drawnByRank.length < drawn.length) this.drawnByRank = new Int32Array(drawn.length * 2);
      // Sort the ranks (numbers, no comparator), then turn them back into places.
      let n = 0;
      for (const i of drawn) {
        const pos = this.rankPos[i];
        if (pos !== undefined && pos < this.rank.length) this.drawnByRank[n++] = pos;
      }
      const out = this.drawnByRank.subarray(0, n);
      out.sort();
      for (let k = 0; k < n; k++) out[k] = this.rank[out[k] ?? 0] ?? 0;
      this.drawnCount = drawn.length;
      this.drawnOut = out;
    }
    return this.drawnOut;
  }

  /** Forget measured names (language or font changed). */
  invalidateNames(): void {
    this.cachedNames = null;
  }

  private widthOf(i: number, names: PlaceNames, font: number): number {
    if (this.cachedNames !== names || this.cachedFont !== font || this.widths.length !== this.rank.length) {
      this.cachedNames = names;
      this.cachedFont = font;
      this.widths = new Float32Array(this.rank.length).fill(-1);
    }
    let w = this.widths[i] ?? -1;
    if (w < 0) {
      w = estimateTextWidth(names.primary(i), font) + font;
      this.widths[i] = w;
    }
    return w;
  }

  /** Lays out the labels of `scene`; returns the number placed. */
  layout(scene: LabelScene, names: PlaceNames): number {
    this.count = 0;
    this.placeCount = 0;
    const font = scene.fontPx;
    const budget = Math.min(scene.budget, this.capacity);
    const hs = scene.headScreen;
    this.collectDiscs(scene);
    // Every placement of `tryAdd` lies within 1.6 offsets of the anchor sideways, 2.4 above it and 1
    // below it (the anchor is the head, raised 0.4 font): a head outside that margin of the bounds
    // cannot be labelled, whatever its width. Most heads a close view draws are off screen, so they
    // go before their names are measured (issue 15). A pixel of slack keeps rounding out of it.
    const offset = font * OFFSET_EM;
    const minX = scene.bounds.left - offset * 1.6 - 1;
    const maxX = scene.bounds.right + offset * 1.6 + 1;
    const minY = scene.bounds.top - offset * 2.4 + font * 0.4 - 1;
    const maxY = scene.bounds.bottom + offset + font * 0.4 + 1;
    const tryPlace = (i: number, wantSecondary: boolean) => {
      const x = hs[i * 3] ?? Number.NaN;
      const y = hs[i * 3 + 1] ?? Number.NaN;
      if (!((hs[i * 3 + 2] ?? -1) > 0)) return;
      if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) return;
      const sel = i === scene.selected;
      const secondary = wantSecondary ? names.secondary(i) : '';
      const w = Math.max(
        this.widthOf(i, names, font),
        secondary ? estimateTextWidth(secondary, font * 0.78) + font : 0,
      );
      const h = font * (secondary ? 2.4 : 1.5);
      const side = scene.sticky ? (this.lastSide[i] ?? -1) : -1;
      const p = this.tryAdd(x, y - font * 0.4, w, h, scene.bounds, offset, true, side);
      if (!p) return;
      p.index = i;
      // The name is looked up only for a label that found room (most candidates do not).
      const primary = names.primary(i);
      p.key = this.keys[i] ?? '';
      p.kind = 'place';
      p.primary = primary;
      p.secondary = secondary && secondary !== primary ? secondary : '';
      p.selected = sel;
      this.placeCount++;
    };
    // The selected and hovered place first, whatever their rank.
    if (scene.selected >= 0 && scene.drawnAs[scene.selected] === 1) tryPlace(scene.selected, true);
    if (scene.hovered >= 0 && scene.hovered !== scene.selected && scene.drawnAs[scene.hovered] === 1)
      tryPlace(scene.hovered, false);
    for (const e of scene.extras) {
      if (e.kind !== 'here' || this.count >= budget) continue;
      this.addExtra(e, font, scene.bounds);
    }
    const sticky = scene.sticky === true;
    if (sticky) {
      // The names on screen first, in rank order, each on its own side if it still fits.
      for (let k = 0; k < this.shownCount && this.count < budget; k++) {
        const i = this.shown[k] as number;
        if (i === scene.selected || i === scene.hovered || scene.drawnAs[i] !== 1) continue;
        tryPlace(i, false);
      }
    }
    const order = this.candidates(scene);
    for (let k = 0; k < order.length && this.count < budget; k++) {
      const i = order[k] as number;
      if (i === scene.selected || i === scene.hovered || scene.drawnAs[i] !== 1) continue;
      if (sticky && (this.lastSide[i] ?? -1) >= 0) continue; // tried above
      tryPlace(i, false);
    }
    const cs = scene.clusterScreen;
    for (let k = 0; k < scene.clusterCounts.length && this.count < this.capacity; k++) {
      if (!((cs[k * 3 + 2] ?? -1) > 0)) continue;
      const text = String(scene.clusterCounts[k]);
      const p = this.tryAdd(
        cs[k * 3] ?? 0,
        (cs[k * 3 + 1] ?? 0) + font * 1.1,
        estimateTextWidth(text, font) + font * 0.8,
        font * 1.4,
        scene.bounds,
        offset,
      );
      if (!p) continue;
      p.index = -1;
      p.key = `c:${k}`;
      p.kind = 'cluster';
      p.primary = text;
      p.secondary = '';
      p.selected = false;
    }
    for (const e of scene.extras) {
      if (e.kind !== 'node' || this.count >= this.capacity) continue;
      this.addExtra(e, font, scene.bounds);
    }
    this.remember();
    return this.count;
  }

  /** Notes which places have a name now and on which side, in rank order, for the next layout. */
  private remember(): void {
    this.forgetShown();
    const shown = this.shown;
    let n = 0;
    for (let k = 0; k < this.count; k++) {
      const p = this.placed[k] as PlacedLabel;
      if (p.index < 0 || p.index >= this.lastSide.length) continue;
      this.lastSide[p.index] = PLACEMENTS.indexOf(p.placement);
      // Insertion sort by rank: a few dozen names, no allocation.
      const pos = this.rankPos[p.index] ?? 0;
      let j = n++;
      while (j > 0 && (this.rankPos[shown[j - 1] ?? 0] ?? 0) > pos) {
        shown[j] = shown[j - 1] ?? 0;
        j--;
      }
      shown[j] = p.index;
    }
    this.shownCount = n;
  }

  private forgetShown(): void {
    for (let k = 0; k < this.shownCount; k++) this.lastSide[this.shown[k] ?? 0] = -1;
    this.shownCount = 0;
  }

  /** The tokens that reach into the bounds, as discs, sorted into the grid's cells. */
  private collectDiscs(scene: LabelScene): void {
    const radii = scene.clusterRadiusPx;
    const cs = scene.clusterScreen;
    const bounds = scene.bounds;
    const n = radii ? Math.min(scene.clusterCounts.length, radii.length) : 0;
    if (this.discs.length < n * 3) this.discs = new Float32Array(n * 3);
    this.discCount = 0;
    for (let k = 0; k < n; k++) {
      const r = radii?.[k] ?? 0;
      const x = cs[k * 3] ?? Number.NaN;
      const y = cs[k * 3 + 1] ?? Number.NaN;
      if (!((cs[k * 3 + 2] ?? -1) > 0) || !(r > 0)) continue;
      if (!(x + r > bounds.left && x - r < bounds.right && y + r > bounds.top && y - r < bounds.bottom))
        continue;
      const o = this.discCount * 3;
      this.discs[o] = x;
      this.discs[o + 1] = y;
      this.discs[o + 2] = r;
      this.discCount++;
    }
    if (this.discCount === 0) return;
    const g = this.grid;
    g.left = bounds.left;
    g.top = bounds.top;
    g.cols = Math.max(1, Math.ceil((bounds.right - bounds.left) / GRID_CELL_PX));
    g.rows = Math.max(1, Math.ceil((bounds.bottom - bounds.top) / GRID_CELL_PX));
    const cells = g.cols * g.rows;
    if (this.cellStart.length < cells + 1) {
      this.cellStart = new Int32Array(cells + 1);
      this.cellFill = new Int32Array(cells);
    }
    const start = this.cellStart;
    start.fill(0, 0, cells + 1);
    // Counting sort: count each disc into every cell its box touches, then place it there.
    let total = 0;
    this.forDiscCells((c) => {
      start[c + 1] = (start[c + 1] ?? 0) + 1;
      total++;
    });
    for (let c = 0; c < cells; c++) start[c + 1] = (start[c + 1] ?? 0) + (start[c] ?? 0);
    if (this.cellItems.length < total) this.cellItems = new Int32Array(total * 2);
    const fill = this.cellFill;
    fill.set(start.subarray(0, cells));
    this.forDiscCells((c, k) => {
      const at = fill[c] ?? 0;
      this.cellItems[at] = k;
      fill[c] = at + 1;
    });
  }

  /** Calls `fn(cell, disc)` for every grid cell each disc's box touches. */
  private forDiscCells(fn: (cell: number, disc: number) => void): void {
    const d = this.discs;
    const g = this.grid;
    for (let k = 0; k < this.discCount; k++) {
      const x = d[k * 3] ?? 0;
      const y = d[k * 3 + 1] ?? 0;
      const r = d[k * 3 + 2] ?? 0;
      const c0 = cellOf(x - r, g.left, g.cols);
      const c1 = cellOf(x + r, g.left, g.cols);
      const r1 = cellOf(y + r, g.top, g.rows);
      for (let row = cellOf(y - r, g.top, g.rows); row <= r1; row++)
        for (let col = c0; col <= c1; col++) fn(row * g.cols + col, k);
    }
  }

  /** True when the rectangle (l, t)–(r, b) reaches into one of the discs. */
  private coversDisc(l: number, t: number, r: number, b: number): boolean {
    const d = this.discs;
    const g = this.grid;
    const start = this.cellStart;
    const items = this.cellItems;
    const c0 = cellOf(l, g.left, g.cols);
    const c1 = cellOf(r, g.left, g.cols);
    const r1 = cellOf(b, g.top, g.rows);
    for (let row = cellOf(t, g.top, g.rows); row <= r1; row++) {
      for (let col = c0; col <= c1; col++) {
        const c = row * g.cols + col;
        for (let i = start[c] ?? 0, end = start[c + 1] ?? 0; i < end; i++) {
          const k = items[i] ?? 0;
          const x = d[k * 3] ?? 0;
          const y = d[k * 3 + 1] ?? 0;
          const rad = d[k * 3 + 2] ?? 0;
          const dx = x < l ? l - x : x > r ? x - r : 0;
          const dy = y < t ? t - y : y > b ? y - b : 0;
          if (dx * dx + dy * dy < rad * rad) return true;
        }
      }
    }
    return false;
  }

  private addExtra(e: LabelScene['extras'][number], font: number, bounds: ScreenRect): void {
    const node = e.kind === 'node';
    const p = this.tryAdd(
      e.x,
      node ? e.y + font * 2.2 : e.y,
      estimateTextWidth(e.text, node ? font * 0.9 : font) + font,
      font * (node ? 1.4 : 1.5),
      bounds,
      font * OFFSET_EM,
    );
    if (!p) return;
    p.index = -1;
    p.key = e.key;
    p.kind = e.kind;
    p.primary = e.text;
    p.secondary = '';
    p.selected = false;
  }

  /**
   * Finds a free spot for a w×h label anchored at (x, y); returns its pooled entry or null. A
   * place's name (`clearOfTokens`) also keeps off the cluster tokens; a token's own count and "you
   * are here" only keep off other labels, so that crowding never hides them. `first` (an index
   * into PLACEMENTS, or -1) is tried before the others: the side the name had a frame ago.
   */
  private tryAdd(
    x: number,
    y: number,
    w: number,
    h: number,
    bounds: ScreenRect,
    offset: number,
    clearOfTokens = false,
    first = -1,
  ): PlacedLabel | null {
    if (!Number.isFinite(x) || !Number.isFinite(y) || this.count >= this.capacity) return null;
    const pad = 4;
    const rects = this.rects;
    for (let a = first >= 0 ? -1 : 0; a < PLACEMENTS.length; a++) {
      if (a === first) continue; // tried first
      const placement = PLACEMENTS[a < 0 ? first : a] as Placement;
      let l: number;
      let t: number;
      switch (placement) {
        case 'above':
          l = x - w / 2;
          t = y - offset - h;
          break;
        case 'below':
          l = x - w / 2;
          t = y + offset * 2.4;
          break;
        case 'right':
          l = x + offset * 1.6;
          t = y - h / 2;
          break;
        case 'left':
          l = x - offset * 1.6 - w;
          t = y - h / 2;
          break;
      }
      const r = l + w;
      const b = t + h;
      if (l < bounds.left || t < bounds.top || r > bounds.right || b > bounds.bottom) continue;
      if (clearOfTokens && this.discCount > 0 && this.coversDisc(l, t, r, b)) continue;
      let free = true;
      for (let k = 0; k < this.count; k++) {
        const o = k * 4;
        if (
          l < (rects[o + 2] ?? 0) + pad &&
          r + pad > (rects[o] ?? 0) &&
          t < (rects[o + 3] ?? 0) + pad &&
          b + pad > (rects[o + 1] ?? 0)
        ) {
          free = false;
          break;
        }
      }
      if (!free) continue;
      const o = this.count * 4;
      rects[o] = l;
      rects[o + 1] = t;
      rects[o + 2] = r;
      rects[o + 3] = b;
      const p = this.placed[this.count] as PlacedLabel;
      p.left = l;
      p.top = t;
      p.width = w;
      p.height = h;
      p.placement = placement;
      this.count++;
      return p;
    }
    return null;
  }
}

/** True when no two of the placed labels overlap (tests and the debug signal's own check). */
export function overlapFree(placed: readonly PlacedLabel[], count: number): boolean {
  for (let a = 0; a < count; a++) {
    const p = placed[a] as PlacedLabel;
    for (let b = a + 1; b < count; b++) {
      const q = placed[b] as PlacedLabel;
      if (
        p.left < q.left + q.width &&
        p.left + p.width > q.left &&
        p.top < q.top + q.height &&
        p.top + p.height > q.top
      )
        return false;
    }
  }
  return true;
}
