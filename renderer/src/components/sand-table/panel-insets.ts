/**
 * How much of the sand table the panels cover, measured from the layout (offsets, so a card's
 * entry animation does not count): the top panels (chips, buttons, in portrait the time slider),
 * the bottom time slider, and an open card at the right or, in portrait, at the bottom.
 */
import type { ViewInsets } from '../../sand-table/camera-controller';

/** Room kept between a panel and what the table shows next to it (px). */
const GAP = 8;

export type PanelInsets = {
  /** Bottom edge of the top panels (px from the table's top): the card starts below it. */
  chromeTop: number;
  /** Height the bottom panel takes (px from the table's bottom). */
  chromeBottom: number;
  /** What the table must keep clear. */
  table: ViewInsets;
};

type Box = { offsetTop: number; offsetLeft: number; offsetWidth: number; offsetHeight: number };

/** Top-left of `el` relative to `root` (summing offsets up the offsetParent chain). */
function offsetIn(el: HTMLElement, root: HTMLElement): { top: number; left: number } {
  let top = 0;
  let left = 0;
  let node: HTMLElement | null = el;
  while (node && node !== root) {
    top += node.offsetTop;
    left += node.offsetLeft;
    node = node.offsetParent instanceof HTMLElement ? node.offsetParent : null;
  }
  return { top, left };
}

/** Pure part: insets from the boxes (relative to the table root). */
export function insetsFrom(
  root: { width: number; height: number },
  chrome: { top: number; height: number } | null,
  bottom: { top: number } | null,
  card: { top: number; left: number } | null,
  portrait: boolean,
): PanelInsets {
  const chromeTop = chrome && chrome.height > 0 ? chrome.top + chrome.height : 0;
  const chromeBottom = bottom ? Math.max(0, root.height - bottom.top) : 0;
  const table: ViewInsets = {
    top: chromeTop > 0 ? chromeTop + GAP : 0,
    right: 0,
    bottom: chromeBottom > 0 ? chromeBottom + GAP : 0,
    left: 0,
  };
  if (card) {
    if (portrait) table.bottom = Math.max(table.bottom, root.height - card.top + GAP);
    else table.right = Math.max(0, root.width - card.left + GAP);
  }
  return { chromeTop, chromeBottom, table };
}

/** Measures the panels of the sand-table screen. */
export function panelInsets(
  root: HTMLElement,
  chrome: HTMLElement | null,
  bottom: HTMLElement | null,
  card: HTMLElement | null,
  portrait: boolean,
): PanelInsets {
  const box = (el: HTMLElement | null) => (el ? { ...offsetIn(el, root), el: el as Box } : null);
  const c = box(chrome);
  const b = box(bottom);
  const k = box(card);
  return insetsFrom(
    { width: root.clientWidth, height: root.clientHeight },
    c ? { top: c.top, height: c.el.offsetHeight } : null,
    b ? { top: b.top } : null,
    k ? { top: k.top, left: k.left } : null,
    portrait,
  );
}
