/**
 * HTML labels over the canvas: crisp CJK text in the hall's fonts without texture atlases. A
 * fixed pool of elements is positioned with transforms each frame; text changes only when a
 * slot's key changes, so a steady frame touches only `transform`.
 *
 * A slot that changes hands rewrites only what differs, and its text through the Text nodes the
 * spans keep (`data`), not `textContent`, which replaces the node: in a close drag at 10,000
 * places a dozen names change every frame, and writing all of a slot each time made the layer
 * 0.6 ms of the table's frame and the page's layout after it several times slower (issue 15).
 */
import type { PlacedLabel } from './label-placer';

type Slot = {
  el: HTMLDivElement;
  primary: Text;
  secondary: Text;
  /** The span around `secondary`, hidden while it is empty. */
  secondaryBox: HTMLSpanElement;
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
      const primaryBox = doc.createElement('span');
      primaryBox.className = 'sand-label__primary';
      const primary = doc.createTextNode('');
      primaryBox.append(primary);
      const secondaryBox = doc.createElement('span');
      secondaryBox.className = 'sand-label__secondary';
      secondaryBox.style.display = 'none';
      const secondary = doc.createTextNode('');
      secondaryBox.append(secondary);
      el.append(primaryBox, secondaryBox);
      el.dataset.kind = '';
      el.dataset.key = '';
      el.dataset.selected = 'false';
      this.root.append(el);
      this.slots.push({
        el,
        primary,
        secondary,
        secondaryBox,
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
        slot.primary.data = '';
        slot.secondary.data = '';
        slot.text = '';
        slot.second = '';
      }
    }
    return n;
  }

  private write(slot: Slot, p: PlacedLabel): void {
    if (slot.key !== p.key) {
      slot.key = p.key;
      slot.el.dataset.key = p.key;
    }
    if (slot.kind !== p.kind) {
      slot.kind = p.kind;
      slot.el.dataset.kind = p.kind;
    }
    if (slot.selected !== p.selected) {
      slot.selected = p.selected;
      slot.el.dataset.selected = p.selected ? 'true' : 'false';
    }
    if (slot.text !== p.primary) {
      slot.text = p.primary;
      slot.primary.data = p.primary;
    }
    if (slot.second !== p.secondary) {
      if ((slot.second === '') !== (p.secondary === ''))
        slot.secondaryBox.style.display = p.secondary ? '' : 'none';
      slot.second = p.secondary;
      slot.secondary.data = p.secondary;
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
