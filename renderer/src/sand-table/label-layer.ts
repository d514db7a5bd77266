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
  text: string;
  second: string;
  selected: boolean;
  shown: boolean;
  width: number;
};

export class LabelLayer {
  readonly root: HTMLDivElement;
  private readonly slots: Slot[] = [];

  constructor(host: HTMLElement, capacity: number) {
    const doc = host.ownerDocument;
    this.root = doc.createElement('div');
    this.root.className = 'sand-labels';
    this.root.setAttribute('aria-hidden', 'true');
    this.root.dataset.testid = 'sand-labels';
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
        text: '',
        second: '',
        selected: false,
        shown: false,
        width: 0,
      });
    }
    host.append(this.root);
  }

  get capacity(): number {
    return this.slots.length;
  }

  /** Shows the first `count` of `placed` (at most capacity); hides the rest. */
  update(placed: readonly PlacedLabel[], count: number): number {
    let n = 0;
    for (let k = 0; k < count; k++) {
      const p = placed[k];
      const slot = this.slots[n];
      if (!slot || !p) break;
      if (
        slot.key !== p.key ||
        slot.text !== p.primary ||
        slot.second !== p.secondary ||
        slot.selected !== p.selected
      ) {
        slot.key = p.key;
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
      slot.el.style.transform = `translate3d(${Math.round(p.left)}px, ${Math.round(p.top)}px, 0)`;
      if (!slot.shown) {
        slot.el.style.display = '';
        slot.shown = true;
      }
      n++;
    }
    for (let i = n; i < this.slots.length; i++) {
      const slot = this.slots[i] as Slot;
      if (slot.shown) {
        slot.el.style.display = 'none';
        slot.shown = false;
      }
    }
    return n;
  }

  dispose(): void {
    this.root.remove();
    this.slots.length = 0;
  }
}
