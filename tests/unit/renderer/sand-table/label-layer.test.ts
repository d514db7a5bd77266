// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { LabelLayer } from '../../../../renderer/src/sand-table/label-layer';
import type { PlacedLabel } from '../../../../renderer/src/sand-table/label-placer';

const label = (key: string, left: number, top = 10): PlacedLabel => ({
  key,
  kind: 'place',
  primary: `name ${key}`,
  secondary: '',
  selected: false,
  left,
  top,
  width: 80,
  height: 20,
  placement: 'above',
  index: -1,
});

/** The shown label elements by key. */
function shown(layer: LabelLayer): Map<string, HTMLElement> {
  const out = new Map<string, HTMLElement>();
  for (const el of Array.from(layer.root.children) as HTMLElement[])
    if (el.style.display !== 'none') out.set(el.dataset.key ?? '', el);
  return out;
}

describe('label layer', () => {
  it('a name that stays keeps its element when one before it in the order leaves', () => {
    const host = document.createElement('div');
    const layer = new LabelLayer(host, 8);
    expect(layer.update([label('a', 0), label('b', 100), label('c', 200)], 3)).toBe(3);
    const before = shown(layer);
    const b = before.get('b')!;
    const c = before.get('c')!;
    // Watch for text rewrites of the names that stay.
    let rewrites = 0;
    const observer = new MutationObserver((records) => (rewrites += records.length));
    observer.observe(b, { childList: true, subtree: true, characterData: true });
    observer.observe(c, { childList: true, subtree: true, characterData: true });
    // 'a' leaves, 'd' arrives; 'b' and 'c' move.
    layer.update([label('b', 110), label('c', 210), label('d', 300)], 3);
    const after = shown(layer);
    expect([...after.keys()].sort()).toEqual(['b', 'c', 'd']);
    expect(after.get('b')).toBe(b);
    expect(after.get('c')).toBe(c);
    expect(b.style.transform).toBe('translate3d(110px, 10px, 0)');
    expect(c.textContent).toBe('name c');
    expect(after.get('d')!.textContent).toBe('name d');
    observer.takeRecords().forEach(() => rewrites++);
    expect(rewrites).toBe(0);
    observer.disconnect();
  });

  it('hides what is no longer placed, and a slot taken over shows its new name', () => {
    const host = document.createElement('div');
    const layer = new LabelLayer(host, 2);
    layer.update([label('a', 0), label('b', 100)], 2);
    layer.update([label('c', 50)], 1);
    const now = shown(layer);
    expect([...now.keys()]).toEqual(['c']);
    // What is hidden holds no name: the layer's text is what the visitor sees.
    expect(layer.root.textContent).toBe('name c');
    expect(now.get('c')!.textContent).toBe('name c');
    // Back again: 'a' gets a slot and its own text, never the name of the slot's last owner.
    layer.update([label('a', 0), label('c', 50)], 2);
    const again = shown(layer);
    expect(again.get('a')!.textContent).toBe('name a');
    expect(again.get('c')!.textContent).toBe('name c');
    // More than the capacity: the first ones count.
    expect(layer.update([label('x', 0), label('y', 1), label('z', 2)], 3)).toBe(2);
    expect([...shown(layer).keys()].sort()).toEqual(['x', 'y']);
  });

  it('a slot that changes hands rewrites only what differs, its text in place', () => {
    const host = document.createElement('div');
    const layer = new LabelLayer(host, 1);
    layer.update([{ ...label('a', 0), secondary: 'A' }], 1);
    const el = shown(layer).get('a')!;
    const [primary, secondary] = Array.from(el.children) as HTMLElement[];
    const primaryText = primary!.firstChild;
    expect(secondary!.style.display).toBe('');
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((rs) => records.push(...rs));
    observer.observe(el, { attributes: true, childList: true, subtree: true, characterData: true });
    // 'b' takes the slot: same kind, not selected, no second name.
    layer.update([label('b', 40)], 1);
    records.push(...observer.takeRecords());
    observer.disconnect();
    expect(shown(layer).get('b')).toBe(el);
    expect(el.textContent).toBe('name b');
    expect(primary!.firstChild).toBe(primaryText);
    expect(secondary!.style.display).toBe('none');
    // No node was replaced, and only the key changed among the data attributes.
    expect(records.filter((r) => r.type === 'childList')).toEqual([]);
    const attrs = records.filter((r) => r.type === 'attributes').map((r) => r.attributeName);
    expect(attrs.filter((a) => a?.startsWith('data-'))).toEqual(['data-key']);
  });
});
