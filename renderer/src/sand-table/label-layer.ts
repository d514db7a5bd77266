/**
 * HTML labels over the canvas: crisp CJK text in the hall's fonts without texture atlases. A
 * fixed pool of elements is positioned with transforms each frame; text changes only when a
 * slot's key changes, so a steady frame touches only `transform`.
 */
import type { PlacedLabel } from './labels';

export type LabelContent = {
  primary: string;
  secondary?: string;
  kind: 'place' | 'cluster' | 'here' | 'node';
  selected?: boolean;
};

type Slot = {
  el: HTMLDivElement;
  primary: HTMLSpanElement;
  secondary: HTMLSpanElement;
  key: string;
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
      this.slots.push({ el, primary, secondary, key: '', shown: false, width: 0 });
    }
    host.append(this.root);
  }

  get capacity(): number {
    return this.slots.length;
  }

  /** Shows `placed` labels (at most capacity) with their content; hides the rest. */
  update(placed: readonly PlacedLabel[], content: (key: string) => LabelContent | undefined): number {
    let n = 0;
    for (const p of placed) {
      const slot = this.slots[n];
      const c = content(p.key);
      if (!slot || !c) continue;
      const key = `${p.key}|${c.primary}|${c.secondary ?? ''}|${c.selected ? 1 : 0}`;
      if (slot.key !== key) {
        slot.key = key;
        slot.primary.textContent = c.primary;
        slot.secondary.textContent = c.secondary ?? '';
        slot.secondary.style.display = c.secondary ? '' : 'none';
        slot.el.dataset.kind = c.kind;
        slot.el.dataset.key = p.key;
        slot.el.dataset.selected = c.selected ? 'true' : 'false';
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
