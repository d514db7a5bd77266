/**
 * The visitor audit's in-page checks, run with `page.evaluate(pageChecks, options)` in every state.
 * Self-contained (Playwright serialises the function): no imports, no outer variables.
 *
 * - targets: every visible interactive element is ≥ 44×44 CSS px and a tap at its centre lands on
 *   it (nothing transparent or opaque on top); one that is cut by the screen edge is "off screen";
 * - text: no text is cut off by its box (ellipsis, line clamp, overflow) and no two visible
 *   lines of text overlap; a teaser (`data-teaser`: a card's summary whose full text is one tap
 *   away) may end in an ellipsis;
 * - control contrast (high contrast only): each control's boundary (its fill or border against
 *   what is behind it) reaches 3:1, or its label does when it has no fill or border;
 * - words: no visible text (outside the credits panel) contains a forbidden word.
 *
 * What may legitimately hide things is recognised, not guessed: a modal dialog (`aria-modal`)
 * covers the page behind it; a scroller or a carousel (`overflow` other than visible) may clip
 * what is scrolled away — only what it shows in part counts.
 */
export type PageCheckOptions = {
  minTarget: number;
  highContrast: boolean;
  /** Pre-compiled forbidden words: [source, flags, word]. */
  words: [string, string, string][];
  creditsSelector: string;
};

export type Finding = { rule: string; target: string; detail: string };

export function pageChecks(options: PageCheckOptions): Finding[] {
  const findings: Finding[] = [];
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const root = document.documentElement;

  const describe = (el: Element): string => {
    const testId = el.closest('[data-testid]')?.getAttribute('data-testid');
    const label =
      el.getAttribute('aria-label') ?? (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
    const cls = typeof el.className === 'string' ? el.className.split(' ')[0] : '';
    return `${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''}${testId ? `[${testId}]` : ''}${label ? ` "${label}"` : ''}`;
  };

  type Box = { left: number; top: number; right: number; bottom: number };
  const intersect = (a: Box, b: Box): Box => ({
    left: Math.max(a.left, b.left),
    top: Math.max(a.top, b.top),
    right: Math.min(a.right, b.right),
    bottom: Math.min(a.bottom, b.bottom),
  });
  const area = (b: Box) => Math.max(0, b.right - b.left) * Math.max(0, b.bottom - b.top);
  const viewport: Box = { left: 0, top: 0, right: vw, bottom: vh };
  const isRootBox = (el: Element) => el === root || el === document.body || el.id === 'root';

  /** Hidden from people: aria-hidden, inert, or not rendered. */
  const hidden = (el: Element): boolean =>
    el.closest('[aria-hidden="true"], [inert]') !== null ||
    !el.checkVisibility({ opacityProperty: true, visibilityProperty: true });

  /** The part of `el`'s box its clipping ancestors let through, and whether one of them clipped it. */
  const clipOf = (el: Element): { box: Box; byAncestor: boolean; byViewport: boolean } => {
    const r = el.getBoundingClientRect();
    let box: Box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    let byAncestor = false;
    // Past a fixed-position box, only an ancestor that contains fixed boxes (a transform, filter,
    // perspective or paint containment) can clip: the others' overflow does not reach it.
    let fixed = getComputedStyle(el).position === 'fixed';
    for (let p = el.parentElement; p && !isRootBox(p); p = p.parentElement) {
      const s = getComputedStyle(p);
      const containsFixed =
        s.transform !== 'none' ||
        s.filter !== 'none' ||
        s.perspective !== 'none' ||
        /paint|strict|content/.test(s.contain);
      const skip = fixed && !containsFixed;
      if (s.position === 'fixed') fixed = true;
      if (skip) continue;
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
      const pr = p.getBoundingClientRect();
      const next = intersect(box, { left: pr.left, top: pr.top, right: pr.right, bottom: pr.bottom });
      if (area(next) < area(box) - 1) byAncestor = true;
      box = next;
    }
    const inView = intersect(box, viewport);
    const byViewport = area(inView) < area(box) - 1;
    return { box: inView, byAncestor, byViewport };
  };

  /** The open modal dialog, if any: what lies behind it is covered on purpose. */
  const modals = [...document.querySelectorAll('[aria-modal="true"]')].filter((m) => !hidden(m));
  const behindModal = (el: Element) => modals.length > 0 && !modals.some((m) => m.contains(el));

  // ---------------------------------------------------------------- targets
  const interactive = document.querySelectorAll(
    'button, a[href], input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="switch"], [role="tab"], [role="slider"], [role="checkbox"], [role="radio"], [role="link"], [role="option"], [role="menuitem"], [tabindex]:not([tabindex="-1"])',
  );
  const controls: Element[] = [];
  for (const el of interactive) {
    if (hidden(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const clip = clipOf(el);
    if (area(clip.box) === 0) continue; // scrolled away in a scroller or carousel
    if (behindModal(el)) continue;
    controls.push(el);
    if (r.width < options.minTarget - 0.5 || r.height < options.minTarget - 0.5) {
      findings.push({
        rule: 'target-size',
        target: describe(el),
        detail: `${r.width.toFixed(0)}×${r.height.toFixed(0)} px < ${options.minTarget}×${options.minTarget}`,
      });
    }
    if (clip.byViewport && !clip.byAncestor) {
      findings.push({
        rule: 'off-screen',
        target: describe(el),
        detail: `box ${r.left.toFixed(0)},${r.top.toFixed(0)} ${r.width.toFixed(0)}×${r.height.toFixed(0)} leaves the ${vw}×${vh} screen`,
      });
    }
    const x = (clip.box.left + clip.box.right) / 2;
    const y = (clip.box.top + clip.box.bottom) / 2;
    const hit = document.elementFromPoint(x, y);
    if (!hit || !(el === hit || el.contains(hit))) {
      findings.push({
        rule: 'tap-blocked',
        target: describe(el),
        detail: `a tap at ${x.toFixed(0)},${y.toFixed(0)} lands on ${hit ? describe(hit) : 'nothing'}`,
      });
    }
  }

  // ---------------------------------------------------------------- text
  // Hit-test text as the eye sees it: every element takes pointer events for the duration.
  // A constructed sheet: the kiosk's CSP refuses inline <style>.
  const sheet = new CSSStyleSheet();
  sheet.replaceSync('*, *::before, *::after { pointer-events: auto !important; }');
  const adopted = document.adoptedStyleSheets;
  document.adoptedStyleSheets = [...adopted, sheet];
  type Line = { el: Element; box: Box; text: string };
  const lines: Line[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seenClipped = new Set<Element>();
  const visibleText: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text === '') continue;
    const el = node.parentElement;
    if (!el || el.closest('script, style, noscript')) continue;
    const teaser = el.closest('[data-teaser]') !== null;
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const clip = clipOf(el);
    const fontSize = parseFloat(getComputedStyle(el).fontSize) || 16;
    let shown = false;
    for (const r of range.getClientRects()) {
      if (r.width < 1 || r.height < 1) continue;
      // The em box, not the font's whole ascent-to-descent area: a tight line box may cut the
      // empty part above and below the glyphs without hiding any ink.
      const em = Math.min(r.height, fontSize);
      const top = r.top + (r.height - em) / 2;
      const box: Box = { left: r.left, top, right: r.right, bottom: top + em };
      const inClip = intersect(box, clip.box);
      if (area(inClip) === 0) continue; // scrolled away
      // Cut by an ancestor that is not a scroller/carousel, or by the screen edge.
      if (area(inClip) < area(box) - 2 && !seenClipped.has(el) && !teaser) {
        let scroller = false;
        for (let p = el.parentElement; p && !isRootBox(p); p = p.parentElement) {
          const s = getComputedStyle(p);
          const scrolls =
            /(auto|scroll)/.test(s.overflowX + s.overflowY) ||
            p.scrollWidth > p.clientWidth + 1 ||
            p.scrollHeight > p.clientHeight + 1 ||
            p.matches('[data-carousel]');
          if (scrolls && s.overflowX + s.overflowY !== 'visiblevisible') scroller = true;
        }
        if (!scroller && !behindModal(el)) {
          seenClipped.add(el);
          findings.push({
            rule: 'text-clipped',
            target: describe(el),
            detail: `"${text.slice(0, 40)}" is cut by ${clip.byViewport ? 'the screen edge' : 'its box'}`,
          });
        }
      }
      const cx = (inClip.left + inClip.right) / 2;
      const cy = (inClip.top + inClip.bottom) / 2;
      const hit = document.elementFromPoint(cx, cy);
      if (hit && (hit === el || el.contains(hit) || hit.contains(el))) {
        lines.push({ el, box, text });
        shown = true;
      }
    }
    if (shown && el.closest(options.creditsSelector) === null) visibleText.push(text);
    // Ellipsis and line clamps hide text inside a box that looks whole.
    const s = getComputedStyle(el);
    if (
      !seenClipped.has(el) &&
      !teaser &&
      shown &&
      (s.textOverflow === 'ellipsis' || s.webkitLineClamp !== 'none') &&
      (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
    ) {
      seenClipped.add(el);
      findings.push({
        rule: 'text-clipped',
        target: describe(el),
        detail: `"${text.slice(0, 40)}" is truncated`,
      });
    }
  }
  /** At (x, y), one of the two texts lies under an opaque box above the other (a panel over it). */
  const coveredAt = (a: Element, b: Element, x: number, y: number): boolean => {
    const stack = document.elementsFromPoint(x, y);
    const ia = stack.findIndex((e) => e === a || a.contains(e));
    const ib = stack.findIndex((e) => e === b || b.contains(e));
    if (ia < 0 || ib < 0) return true; // one of them is not there at all
    const [top, bottom] = ia < ib ? [ia, ib] : [ib, ia];
    for (let k = top; k < bottom; k++) {
      const e = stack[k]!;
      if (e.contains(stack[bottom]!)) continue; // an ancestor of the lower text is not above it
      const bg = getComputedStyle(e).backgroundColor;
      const m = /rgba?\([^)]*?([\d.]+%?)\)$/.exec(bg);
      const alpha = bg.startsWith('rgba') && m ? parseFloat(m[1]!) : bg === 'transparent' ? 0 : 1;
      if (alpha >= 0.9 || getComputedStyle(e).backgroundImage !== 'none') return true;
    }
    return false;
  };

  for (let i = 0; i < lines.length; i++) {
    const a = lines[i]!;
    for (let j = i + 1; j < lines.length; j++) {
      const b = lines[j]!;
      if (a.el === b.el || a.el.contains(b.el) || b.el.contains(a.el)) continue;
      const overlap = intersect(a.box, b.box);
      const w = overlap.right - overlap.left;
      const h = overlap.bottom - overlap.top;
      if (w <= 2 || h <= 2) continue;
      const smaller = Math.min(area(a.box), area(b.box));
      if (w * h < 0.1 * smaller) continue;
      if (coveredAt(a.el, b.el, (overlap.left + overlap.right) / 2, (overlap.top + overlap.bottom) / 2))
        continue;
      findings.push({
        rule: 'text-overlap',
        target: describe(a.el),
        detail: `"${a.text.slice(0, 30)}" overlaps "${b.text.slice(0, 30)}" (${describe(b.el)}) by ${w.toFixed(0)}×${h.toFixed(0)} px`,
      });
    }
  }

  document.adoptedStyleSheets = adopted;

  // ---------------------------------------------------------------- control contrast
  if (options.highContrast) {
    const parse = (c: string): [number, number, number, number] | null => {
      const m = /rgba?\(([\d.]+)[, ]+([\d.]+)[, ]+([\d.]+)(?:[,/ ]+([\d.]+%?))?\)/.exec(c);
      if (!m) return null;
      const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
      return [Number(m[1]), Number(m[2]), Number(m[3]), alpha];
    };
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
    };
    const ratio = (a: number[], b: number[]) => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p) as [number, number];
      return (x + 0.05) / (y + 0.05);
    };
    /** The solid colour behind `el` (its ancestors' backgrounds composited; the page's at the root). */
    const backdrop = (el: Element | null): number[] => {
      const stack: [number, number, number, number][] = [];
      for (let p = el; p; p = p.parentElement) {
        const c = parse(getComputedStyle(p).backgroundColor);
        if (c && c[3] > 0) {
          stack.push(c);
          if (c[3] >= 1) break;
        }
      }
      let out = [0, 0, 0];
      for (const c of stack.reverse()) out = out.map((v, k) => v * (1 - c[3]) + c[k]! * c[3]);
      return out;
    };
    for (const el of controls) {
      const s = getComputedStyle(el);
      const behind = backdrop(el.parentElement);
      const own = parse(s.backgroundColor);
      const fill = own && own[3] > 0 ? backdrop(el) : null;
      const borderWidth = parseFloat(s.borderTopWidth) || 0;
      const border = borderWidth >= 1 ? parse(s.borderTopColor) : null;
      const text = parse(s.color);
      const best = Math.max(
        fill ? ratio(fill, behind) : 0,
        border && border[3] > 0.5 ? ratio(border.slice(0, 3), behind) : 0,
        !fill && !border && text ? ratio(text.slice(0, 3), behind) : 0,
      );
      if (best < 3) {
        findings.push({
          rule: 'control-contrast',
          target: describe(el),
          detail: `boundary contrast ${best.toFixed(2)}:1 < 3:1 in high contrast`,
        });
      }
    }
  }

  // ---------------------------------------------------------------- words
  const all = visibleText.join('\n');
  for (const [source, flags, word] of options.words) {
    const m = new RegExp(source, flags).exec(all);
    if (m) {
      const at = Math.max(0, m.index - 20);
      findings.push({
        rule: 'forbidden-word',
        target: word,
        detail: `"…${all.slice(at, m.index + word.length + 20).replace(/\n/g, ' ')}…"`,
      });
    }
  }
  return findings;
}
