/**
 * HTML labels over the canvas: crisp CJK text in the hall's fonts without texture atlases. A
 * fixed pool of elements is positioned with transforms each frame; text changes only when a
 * slot's key changes, so a steady frame touches only `transform`.
 */
import type { PlacedLabel } from './label-placer';

type Slot = {
  el: HTMLDivElement;
  primary: HTMLSpanElement;
  secondary: HTMLSpanElement;
  key: string;
  kind: string;
  text: string;
  second: string;
  selected: boolean;
  shown: boolean;
  width: number;
  /** Where it stands (rounded CSS px) and the last update that used it. */
  x: number;
  y: number;
  frame: number;
};

export class LabelLayer {
  readonly root: HTMLDivElement;
  private readonly slots: Slot[] = [];
  /** The slot each key last had (until another label takes that slot). */
  private readonly slotByKey = new Map<string, Slot>();
  /** Placed entries that had no slot of their own this update (indices into `placed`). */
  private readonly waiting: Int32Array;
  private frame = 0;

  constructor(host: HTMLElement, capacity: number) {
    const doc = host.ownerDocument;
    this.root = doc.createElement('div');
    this.root.className = 'sand-labels';
    this.root.setAttribute('aria-hidden', 'true');
    this.root.dataset.testid = 'sand-labels';
    this.waiting = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) {
      const el = doc.createElement('div');
      el.className = 'sand-label';
      el.style.display = 'none';
      const primary = doc.createElement('span');
      primary.className = 'sand-label__primary';
      const secondary = doc.createElement('span');
      secondary.className = 'sand-label__secondary';
      el.append(primary, secondary);
      this.root.append(el);
      this.slots.push({
        el,
        primary,
        secondary,
        key: '',
        kind: '',
        text: '',
        second: '',
        selected: false,
        shown: false,
        width: 0,
        x: Number.NaN,
        y: Number.NaN,
        frame: 0,
      });
    }
    host.append(this.root);
  }

  get capacity(): number {
    return this.slots.length;
  }

  /**
   * Shows the first `count` of `placed` (at most capacity); hides the rest. A label keeps the slot
   * it had in the frame before (found by its key), so while the camera moves a name that stays on
   * screen only moves: its text, width and data are written again only when a slot changes hands.
   * (Slots used to follow the placed order: one name entering or leaving near the front of that
   * order rewrote the text of every name after it, in a frame of a drag.)
   */
  update(placed: readonly PlacedLabel[], count: number): number {
    const n = Math.min(count, this.slots.length);
    const frame = ++this.frame;
    let waiting = 0;
    for (let k = 0; k < n; k++) {
      const p = placed[k];
      if (!p) continue;
      const slot = this.slotByKey.get(p.key);
      if (slot && slot.frame !== frame) {
        slot.frame = frame;
        this.write(slot, p);
      } else {
        this.waiting[waiting++] = k;
      }
    }
    let free = 0;
    for (let w = 0; w < waiting; w++) {
      const p = placed[this.waiting[w] ?? 0] as PlacedLabel;
      while ((this.slots[free] as Slot).frame === frame) free++;
      const slot = this.slots[free] as Slot;
      slot.frame = frame;
      if (this.slotByKey.get(slot.key) === slot) this.slotByKey.delete(slot.key);
      this.slotByKey.set(p.key, slot);
      this.write(slot, p);
    }
    for (const slot of this.slots) {
      if (slot.frame !== frame && slot.shown) {
        slot.el.style.display = 'none';
        slot.shown = false;
        // A hidden slot holds no name (the layer's text is what is on screen); it keeps its key,
        // so the same name coming back takes the same slot, its text written again.
        slot.primary.textContent = '';
        slot.secondary.textContent = '';
        slot.text = '';
        slot.second = '';
      }
    }
    return n;
  }

  private write(slot: Slot, p: PlacedLabel): void {
    if (
      slot.key !== p.key ||
      slot.kind !== p.kind ||
      slot.text !== p.primary ||
      slot.second !== p.secondary ||
      slot.selected !== p.selected
    ) {
      slot.key = p.key;
      slot.kind = p.kind;
      slot.text = p.primary;
      slot.second = p.secondary;
      slot.selected = p.selected;
      slot.primary.textContent = p.primary;
      slot.secondary.textContent = p.secondary;
      slot.secondary.style.display = p.secondary ? '' : 'none';
      slot.el.dataset.kind = p.kind;
      slot.el.dataset.key = p.key;
      slot.el.dataset.selected = p.selected ? 'true' : 'false';
    }
    // The layout reserved this width (estimated); centring relies on the box matching it.
    const w = Math.round(p.width);
    if (slot.width !== w) {
      slot.width = w;
      slot.el.style.width = `${w}px`;
    }
    const x = Math.round(p.left);
    const y = Math.round(p.top);
    if (slot.x !== x || slot.y !== y) {
      slot.x = x;
      slot.y = y;
      slot.el.style.transform = `translate3d(${x}px, ${y}px, 0)`;
    }
    if (!slot.shown) {
      slot.el.style.display = '';
      slot.shown = true;
    }
  }

  dispose(): void {
    this.root.remove();
    this.slots.length = 0;
  }
}
