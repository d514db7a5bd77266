#!/usr/bin/env node
/**
 * Draws every picture of the default pack from the pack's own data: locator maps on the sand
 * table's relief (with neighbouring places and rivers, never a boundary), charts of the figures,
 * industry-chain diagrams with their counts, and emblems of the red sites. Change a figure in
 * pack.json and its chart is redrawn.
 *
 * Each picture is an SVG rendered by resvg, with its text set as paths in the fonts the kiosk
 * ships (scripts/lib/text-paths.mjs), then encoded as WebP by ImageMagick:
 *
 *   media/<places|events>/<id>.<language>.webp   1600×900, labels in that language
 *   media/<places|events>/<id>.thumb.webp        480×270, the same drawing without any text
 *
 * and the image entries of pack.json (`src` per language, `thumbnail`, `alt`, size) are written
 * to match. Output is deterministic: the same inputs give the same bytes, so the pictures are
 * committed and `npm run build` only redraws when an input changed (`--if-changed` compares the
 * hash of the inputs with assets/packs/default-artwork.sha256).
 *
 * Usage: node --import tsx scripts/make-default-artwork.mjs [--if-changed] [--only id,id]
 * Needs: convert (ImageMagick, with WebP).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import * as prettier from 'prettier';
import { formatQualifiedNumber } from '../renderer/src/i18n/format-figure.ts';
import { sampleRelief, shadeRelief } from './lib/relief.mjs';
import { shapeLine, wrapLines } from './lib/text-paths.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PACK_DIR = path.join(ROOT, 'assets/packs/default');
const STAMP = path.join(ROOT, 'assets/packs/default-artwork.sha256');
const LANGS = ['zh-Hans', 'en'];
export const W = 1600;
export const H = 900;
export const THUMB_W = 480;
export const THUMB_H = 270;

const C = {
  bg: '#17110e',
  panel: '#231a16',
  line: '#5a4634',
  gold: '#c9a45c',
  paleGold: '#e6cf9a',
  cream: '#f3ece2',
  muted: '#b9ab98',
  red: '#b3261e',
  deepRed: '#7c1a12',
  river: '#6f97a8',
  water: '#2d4650',
};

// ------------------------------------------------------------------------------------------
// Drawing surface

const r2 = (n) => Math.round(n * 100) / 100;

/** One picture being drawn: SVG elements, in one language, with or without text. */
export class Canvas {
  constructor(lang, textFree) {
    this.lang = lang;
    this.zh = lang === 'zh-Hans';
    this.textFree = textFree;
    this.defs = [];
    this.parts = [];
    this.ids = 0;
  }
  /** Text of a localized value in this language. */
  L(value) {
    if (value === undefined) return '';
    if (typeof value === 'string') return value;
    return value[this.lang] ?? value['zh-Hans'] ?? '';
  }
  id(prefix) {
    return `${prefix}${this.ids++}`;
  }
  add(el) {
    this.parts.push(el);
  }
  /** One line of text; anchor start | middle | end. Returns its width. */
  text(
    str,
    x,
    y,
    { size = 28, family = 'sans', weight = 400, fill = C.cream, anchor = 'start', opacity } = {},
  ) {
    const s = this.L(str);
    if (s === '') return 0;
    const line = shapeLine(s, { size, family, weight, zh: this.zh });
    if (this.textFree) return line.width;
    const x0 = anchor === 'middle' ? x - line.width / 2 : anchor === 'end' ? x - line.width : x;
    const o = opacity === undefined ? '' : ` fill-opacity="${opacity}"`;
    this.add(`<path d="${line.path(x0, y)}" fill="${fill}"${o}/>`);
    return line.width;
  }
  /** Wrapped text from (x, y) (first baseline); returns the baseline after the last line. */
  para(str, x, y, maxWidth, style = {}, { lineHeight = 1.45, maxLines = 8 } = {}) {
    const s = this.L(str);
    const size = style.size ?? 28;
    const lines = wrapLines(s, maxWidth, {
      size,
      family: style.family ?? 'sans',
      weight: style.weight ?? 400,
    });
    for (const line of lines.slice(0, maxLines)) {
      this.text(line, x, y, style);
      y += size * lineHeight;
    }
    return y;
  }
  svg(width = W, height = H) {
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${W} ${H}">` +
      `<defs>${this.defs.join('')}</defs>${this.parts.join('')}</svg>`
    );
  }
}

function background(c, tone = C.bg) {
  const g = c.id('bg');
  c.defs.push(
    `<radialGradient id="${g}" cx="0.35" cy="0.3" r="0.95"><stop offset="0" stop-color="#2a1d17"/><stop offset="1" stop-color="${tone}"/></radialGradient>`,
  );
  c.add(`<rect width="${W}" height="${H}" fill="url(#${g})"/>`);
}

/** A small heading in gold with a rule, top left of a region. */
function kicker(c, str, x, y) {
  c.text(str, x, y, { size: 26, fill: C.gold, weight: 700 });
  c.add(`<rect x="${x}" y="${y + 16}" width="72" height="3" fill="${C.gold}"/>`);
}

function box(c, x, y, w, h, { fill = C.panel, stroke = C.line, rx = 10, opacity = 0.92 } = {}) {
  c.add(
    `<rect x="${r2(x)}" y="${r2(y)}" width="${r2(w)}" height="${r2(h)}" rx="${rx}" fill="${fill}" fill-opacity="${opacity}" stroke="${stroke}" stroke-width="2"/>`,
  );
}

function dots(c, n, x, y, cols, { r = 9, gap = 26, fill = C.gold, highlight = -1, hiFill = C.red } = {}) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const cx = x + (i % cols) * gap;
    const cy = y + Math.floor(i / cols) * gap;
    out.push(`<circle cx="${r2(cx)}" cy="${r2(cy)}" r="${r}" fill="${i === highlight ? hiFill : fill}"/>`);
  }
  c.add(out.join(''));
  return { width: (Math.min(n, cols) - 1) * gap + 2 * r, height: (Math.ceil(n / cols) - 1) * gap + 2 * r };
}

/** A figure as visitors read it in this language: "500余场", "30 billion+ yuan". */
function figureText(c, figure) {
  const value = formatQualifiedNumber(figure.value, figure.qualifier ?? 'exact', c.lang);
  const unit = c.L(figure.unit);
  return { value, unit, text: `${value}${unit === '' || c.zh ? '' : ' '}${unit}` };
}

/** A big number with its unit and a label under it. Returns the height used. */
function bigFigure(c, figure, x, y, { size = 64, labelWidth = 420, label } = {}) {
  const f = figureText(c, figure);
  const w = c.text(f.value, x, y, { size, family: 'serif', weight: 700, fill: C.paleGold });
  c.text(f.unit, x + w + (c.zh ? 6 : 12), y, { size: size * 0.42, fill: C.gold });
  const end = c.para(
    label ?? figure.label,
    x,
    y + size * 0.62,
    labelWidth,
    { size: 24, fill: C.muted },
    { maxLines: 2 },
  );
  return end - y + size * 0.2;
}

/** Boxed chips of short texts in a row, wrapping. Returns the bottom y. */
function chips(c, items, x, y, maxWidth, { size = 26, fill = C.cream } = {}) {
  let cx = x;
  let cy = y;
  const h = size * 1.9;
  for (const item of items) {
    const s = c.L(item);
    const w = shapeLine(s, { size, zh: c.zh }).width + size * 1.2;
    if (cx > x && cx + w > x + maxWidth) {
      cx = x;
      cy += h + 14;
    }
    box(c, cx, cy, w, h, { fill: '#2c201a', stroke: C.gold, rx: h / 2 });
    c.text(s, cx + w / 2, cy + h * 0.66, { size, fill, anchor: 'middle' });
    cx += w + 14;
  }
  return cy + h;
}

// ------------------------------------------------------------------------------------------
// Maps on the table's relief

/** PNG bytes of RGB pixels (filter 0 rows, zlib level 9: deterministic). */
function pngRgb(w, h, rgb) {
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) rgb.copy(raw, y * (w * 3 + 1) + 1, y * w * 3, (y + 1) * w * 3);
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const terrainCache = new Map();
function terrainDataUri(bounds, w, h) {
  const key = JSON.stringify([bounds, w, h]);
  let uri = terrainCache.get(key);
  if (!uri) {
    const field = sampleRelief(bounds, w, h);
    // The table's own relief, its range stretched to this view so that local hills show.
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of field) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const range = Math.max(hi - lo, 0.02);
    for (let i = 0; i < field.length; i++) field[i] = 0.1 + (0.7 * (field[i] - lo)) / range;
    uri = `data:image/png;base64,${pngRgb(w, h, shadeRelief(field, w, h, bounds)).toString('base64')}`;
    terrainCache.set(key, uri);
  }
  return uri;
}

/**
 * A map of the table's land around (lon, lat): relief, graticule, rivers, every pack place in
 * view as a dot (labels where they fit), the subject marked in red. Returns `project`.
 */
function mapView(
  c,
  data,
  { lon, lat, span, x = 0, y = 0, w = W, h = H, focus = [], labels = true, dim = 1 },
) {
  const k = Math.cos((lat * Math.PI) / 180);
  const lonSpan = span;
  const latSpan = (span * h * k) / w;
  const b = {
    west: lon - lonSpan / 2,
    east: lon + lonSpan / 2,
    south: lat - latSpan / 2,
    north: lat + latSpan / 2,
  };
  const project = (p, q) => [x + ((p - b.west) / lonSpan) * w, y + ((b.north - q) / latSpan) * h];
  const clip = c.id('clip');
  c.defs.push(
    `<clipPath id="${clip}"><rect x="${x}" y="${y}" width="${w}" height="${h}" rx="12"/></clipPath>`,
  );
  const parts = [];
  parts.push(
    `<image href="${terrainDataUri(b, Math.round(w / 2), Math.round(h / 2))}" x="${x}" y="${y}" width="${w}" height="${h}" preserveAspectRatio="none"/>`,
  );
  // (resvg cannot draw an <image> with opacity here: darken with a veil instead.)
  if (dim < 1)
    parts.push(
      `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${C.bg}" fill-opacity="${r2(1 - dim)}"/>`,
    );
  const step = span > 8 ? 5 : span > 3 ? 1 : span > 1.2 ? 0.5 : 0.25;
  const grid = [];
  for (let g = Math.ceil(b.west / step) * step; g < b.east; g += step) {
    const [gx] = project(g, lat);
    grid.push(`M${r2(gx)} ${y}V${y + h}`);
  }
  for (let g = Math.ceil(b.south / step) * step; g < b.north; g += step) {
    const [, gy] = project(lon, g);
    grid.push(`M${x} ${r2(gy)}H${x + w}`);
  }
  parts.push(
    `<path d="${grid.join('')}" stroke="${C.gold}" stroke-opacity="0.16" stroke-width="1.5" fill="none"/>`,
  );
  for (const river of data.rivers.features) {
    const d = river.geometry.coordinates
      .map(([p, q], i) => {
        const [px, py] = project(p, q);
        return `${i === 0 ? 'M' : 'L'}${r2(px)} ${r2(py)}`;
      })
      .join('');
    parts.push(
      `<path d="${d}" stroke="${C.river}" stroke-width="${span < 2 ? 9 : 5}" stroke-linejoin="round" stroke-linecap="round" fill="none" stroke-opacity="0.85"/>`,
    );
  }
  c.add(`<g clip-path="url(#${clip})">${parts.join('')}</g>`);
  c.add(
    `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="12" fill="none" stroke="${C.gold}" stroke-opacity="0.6" stroke-width="2"/>`,
  );

  const inView = (p) => {
    const [px, py] = project(p.position.lon, p.position.lat);
    return px > x + 8 && px < x + w - 8 && py > y + 8 && py < y + h - 8;
  };
  const taken = [];
  const fits = (bx) =>
    bx.x0 >= x + 6 &&
    bx.x1 <= x + w - 6 &&
    bx.y0 >= y + 6 &&
    bx.y1 <= y + h - 6 &&
    !taken.some((t) => bx.x0 < t.x1 && bx.x1 > t.x0 && bx.y0 < t.y1 && bx.y1 > t.y0);
  const focusSet = new Set(focus);
  const places = data.manifest.places.filter(inView);
  // Focus first, so its label is placed before any neighbour's; its marker is drawn last, on top.
  places.sort((a, b2) => Number(focusSet.has(b2.id)) - Number(focusSet.has(a.id)));
  const marks = [];
  for (const p of [...places].reverse()) {
    const [px, py] = project(p.position.lon, p.position.lat);
    const isFocus = focusSet.has(p.id);
    marks.push(
      isFocus
        ? `<circle cx="${r2(px)}" cy="${r2(py)}" r="22" fill="${C.red}" stroke="${C.paleGold}" stroke-width="5"/><circle cx="${r2(px)}" cy="${r2(py)}" r="40" fill="none" stroke="${C.paleGold}" stroke-opacity="0.5" stroke-width="2"/>`
        : `<circle cx="${r2(px)}" cy="${r2(py)}" r="9" fill="${C.gold}" stroke="${C.bg}" stroke-width="3"/>`,
    );
    taken.push({
      x0: px - (isFocus ? 42 : 11),
      x1: px + (isFocus ? 42 : 11),
      y0: py - (isFocus ? 42 : 11),
      y1: py + (isFocus ? 42 : 11),
    });
  }
  c.add(marks.join(''));
  if (labels) {
    for (const p of places) {
      const [px, py] = project(p.position.lon, p.position.lat);
      const isFocus = focusSet.has(p.id);
      const size = isFocus ? 34 : 23;
      const name = c.L(p.name);
      const width = shapeLine(name, { size, weight: isFocus ? 700 : 400, zh: c.zh }).width;
      const offset = isFocus ? 50 : 16;
      const candidates = [
        { x0: px + offset, y: py + size * 0.35 },
        { x0: px - offset - width, y: py + size * 0.35 },
        { x0: px - width / 2, y: py - offset },
        { x0: px - width / 2, y: py + offset + size * 0.8 },
      ];
      for (const cand of candidates) {
        const bx = { x0: cand.x0 - 6, x1: cand.x0 + width + 6, y0: cand.y - size, y1: cand.y + size * 0.3 };
        if (!fits(bx)) continue;
        taken.push(bx);
        if (!c.textFree)
          c.add(
            `<rect x="${r2(bx.x0)}" y="${r2(bx.y0)}" width="${r2(bx.x1 - bx.x0)}" height="${r2(bx.y1 - bx.y0)}" rx="6" fill="#120d0b" fill-opacity="0.62"/>`,
          );
        c.text(name, cand.x0, cand.y, {
          size,
          weight: isFocus ? 700 : 400,
          fill: isFocus ? C.cream : C.paleGold,
        });
        break;
      }
    }
  }
  return { project, bounds: b };
}

/** Scale bar: how far a given distance is on this map (km at the map's latitude). */
function scaleBar(c, view, x, y, km) {
  const [x0] = view.project(view.bounds.west, 0);
  const lonPerKm = 1 / (111.32 * Math.cos((((view.bounds.north + view.bounds.south) / 2) * Math.PI) / 180));
  const [x1] = view.project(view.bounds.west + km * lonPerKm, 0);
  const len = x1 - x0;
  c.add(
    `<path d="M${x} ${y}h${r2(len)}M${x} ${y - 8}v16M${r2(x + len)} ${y - 8}v16" stroke="${C.cream}" stroke-width="3"/>`,
  );
  c.text(`${km} km`, x + len / 2, y - 16, { size: 22, anchor: 'middle', fill: C.cream });
}

// ------------------------------------------------------------------------------------------
// Diagrams

/** The chain nodes of one zone (`prefix-…`) laid out left to right by link depth. */
function chainDiagram(c, data, prefix, { x, y, w, h }) {
  const layer = data.manifest.layers.find((l) => l.nodes.some((n) => n.id.startsWith(prefix)));
  const nodes = layer.nodes.filter((n) => n.id.startsWith(prefix));
  const ids = new Set(nodes.map((n) => n.id));
  const links = layer.links.filter((l) => ids.has(l.from) && ids.has(l.to));
  const depth = new Map();
  const roots = nodes.filter((n) => !links.some((l) => l.to === n.id));
  const queue = roots.map((n) => [n.id, 0]);
  while (queue.length > 0) {
    const [id, d] = queue.shift();
    if ((depth.get(id) ?? -1) >= d) continue;
    depth.set(id, d);
    for (const l of links.filter((k) => k.from === id)) queue.push([l.to, d + 1]);
  }
  const cols = Math.max(...depth.values()) + 1;
  const colW = w / cols;
  const gapW = Math.max(100, Math.min(150, colW * 0.32));
  const boxW = Math.min(colW - gapW, 400);
  const small = boxW < 300;
  const labelSize = small ? 22 : 26;
  const figSize = small ? 42 : 54;
  const labelLines = (n) =>
    wrapLines(c.L(n.label), boxW - 32, { size: labelSize, weight: 700 }).slice(0, 4).length;
  const valueFits = (f) => {
    const t = figureText(c, f);
    const vw = shapeLine(t.value, { size: figSize, family: 'serif', weight: 700 }).width;
    return vw + 10 + shapeLine(t.unit, { size: 22, zh: c.zh }).width <= boxW - 32;
  };
  const figureH = (n, f) => (n.figures.length > 1 ? 100 : 70) + (valueFits(f) ? 0 : 30);
  const contentH = (n) =>
    30 + labelLines(n) * labelSize * 1.3 + n.figures.reduce((sum, f) => sum + figureH(n, f), 0) + 10;
  const pos = new Map();
  for (let d = 0; d < cols; d++) {
    const inCol = nodes.filter((n) => depth.get(n.id) === d);
    const rowH = h / inCol.length;
    inCol.forEach((n, i) => {
      const boxH = Math.min(rowH - 24, contentH(n));
      pos.set(n.id, {
        x: x + d * colW + (colW - boxW) / 2,
        y: y + i * rowH + (rowH - boxH) / 2,
        w: boxW,
        h: boxH,
      });
    });
  }
  for (const l of links) {
    const a = pos.get(l.from);
    const b = pos.get(l.to);
    const x0 = a.x + a.w;
    const y0 = a.y + a.h / 2;
    const x1 = b.x;
    const y1 = b.y + b.h / 2;
    const mx = (x0 + x1) / 2;
    c.add(
      `<path d="M${r2(x0)} ${r2(y0)}C${r2(mx)} ${r2(y0)} ${r2(mx)} ${r2(y1)} ${r2(x1 - 12)} ${r2(y1)}" stroke="${layer.color}" stroke-width="5" fill="none"/>` +
        `<path d="M${r2(x1)} ${r2(y1)}l-16 -9v18z" fill="${layer.color}"/>`,
    );
  }
  for (const n of nodes) {
    const p = pos.get(n.id);
    const root = roots.includes(n);
    box(c, p.x, p.y, p.w, p.h, { fill: root ? '#3a1612' : C.panel, stroke: root ? C.red : layer.color });
    let ty = p.y + 40;
    ty =
      c.para(
        n.label,
        p.x + 16,
        ty,
        p.w - 32,
        { size: labelSize, weight: 700 },
        { maxLines: 4, lineHeight: 1.3 },
      ) - 20;
    for (const f of n.figures) {
      const t = figureText(c, f);
      const inline = valueFits(f);
      const valueW = shapeLine(t.value, { size: figSize, family: 'serif', weight: 700 }).width;
      const fit = Math.min(figSize, (figSize * (p.w - 36)) / Math.max(1, valueW));
      const vw = c.text(t.value, p.x + 16, ty + 42, {
        size: fit,
        family: 'serif',
        weight: 700,
        fill: C.paleGold,
      });
      if (inline) c.text(t.unit, p.x + 22 + vw, ty + 42, { size: 22, fill: C.gold });
      else c.text(t.unit, p.x + 16, ty + 72, { size: 22, fill: C.gold });
      const below = inline ? 0 : 30;
      if (n.figures.length > 1 && c.L(f.label) !== c.L(n.label))
        c.text(f.label, p.x + 16, ty + 76 + below, { size: 20, fill: C.muted });
      ty += figureH(n, f);
    }
  }
  // Link labels last, on top of the lines.
  for (const l of links) {
    if (!l.label) continue;
    const a = pos.get(l.from);
    const b = pos.get(l.to);
    const mx = (a.x + a.w + b.x) / 2;
    const my = (a.y + a.h / 2 + b.y + b.h / 2) / 2;
    const lines = wrapLines(c.L(l.label), gapW - 30, { size: 20 });
    const lw = Math.max(...lines.map((t) => shapeLine(t, { size: 20, zh: c.zh }).width));
    const top = my - 14 - (lines.length * 26) / 2;
    if (!c.textFree)
      c.add(
        `<rect x="${r2(mx - lw / 2 - 8)}" y="${r2(top)}" width="${r2(lw + 16)}" height="${lines.length * 26 + 10}" rx="6" fill="${C.bg}" fill-opacity="0.88"/>`,
      );
    lines.forEach((t, i) => c.text(t, mx, top + 26 + i * 26, { size: 20, anchor: 'middle', fill: C.muted }));
  }
  return { nodes, links };
}

/** Tiers stacked top to bottom, each a box, joined by arrows. */
function tiers(c, labels, { x, y, w, h, fills }) {
  const n = labels.length;
  const gap = 34;
  const bh = (h - gap * (n - 1)) / n;
  labels.forEach((label, i) => {
    const by = y + i * (bh + gap);
    const inset = i * (w * 0.06);
    box(c, x + inset, by, w - 2 * inset, bh, { fill: fills?.[i] ?? C.panel, stroke: C.gold });
    c.text(label, x + w / 2, by + bh / 2 + 11, { size: 30, weight: 700, anchor: 'middle' });
    if (i < n - 1)
      c.add(
        `<path d="M${x + w / 2} ${r2(by + bh + 4)}v${gap - 14}" stroke="${C.gold}" stroke-width="4"/><path d="M${x + w / 2} ${r2(by + bh + gap - 2)}l-10 -14h20z" fill="${C.gold}"/>`,
      );
  });
}

// ------------------------------------------------------------------------------------------
// Emblems

function redBoat(c, cx, cy, s) {
  // Water, a low hull with a cabin and an awning, reflections.
  const ripples = [];
  for (let i = 0; i < 4; i++) {
    const ry = cy + s * (0.34 + i * 0.12);
    const rw = s * (1.7 - i * 0.12);
    ripples.push(
      `M${r2(cx - rw / 2)} ${r2(ry)}q${r2(rw / 4)} -${r2(s * 0.05)} ${r2(rw / 2)} 0t${r2(rw / 2)} 0`,
    );
  }
  c.add(
    `<path d="${ripples.join('')}" stroke="${C.river}" stroke-opacity="0.7" stroke-width="${r2(s * 0.018)}" fill="none"/>`,
  );
  const hull = `M${r2(cx - s * 0.95)} ${r2(cy - s * 0.05)}Q${r2(cx - s * 0.75)} ${r2(cy + s * 0.25)} ${r2(cx - s * 0.35)} ${r2(cy + s * 0.26)}L${r2(cx + s * 0.45)} ${r2(cy + s * 0.26)}Q${r2(cx + s * 0.82)} ${r2(cy + s * 0.22)} ${r2(cx + s)} ${r2(cy - s * 0.1)}Z`;
  const cabin = `M${r2(cx - s * 0.45)} ${r2(cy - s * 0.04)}V${r2(cy - s * 0.36)}H${r2(cx + s * 0.42)}V${r2(cy - s * 0.04)}Z`;
  const roof = `M${r2(cx - s * 0.55)} ${r2(cy - s * 0.34)}Q${r2(cx)} ${r2(cy - s * 0.58)} ${r2(cx + s * 0.52)} ${r2(cy - s * 0.34)}Z`;
  c.add(`<path d="${roof}" fill="${C.deepRed}" stroke="${C.paleGold}" stroke-width="${r2(s * 0.02)}"/>`);
  c.add(`<path d="${cabin}" fill="${C.red}" stroke="${C.paleGold}" stroke-width="${r2(s * 0.02)}"/>`);
  const windows = [];
  for (let i = 0; i < 4; i++)
    windows.push(
      `<rect x="${r2(cx - s * 0.37 + i * s * 0.2)}" y="${r2(cy - s * 0.28)}" width="${r2(s * 0.12)}" height="${r2(s * 0.14)}" fill="${C.paleGold}" fill-opacity="0.85"/>`,
    );
  c.add(windows.join(''));
  c.add(`<path d="${hull}" fill="${C.red}" stroke="${C.paleGold}" stroke-width="${r2(s * 0.022)}"/>`);
}

function redSail(c, cx, cy, s) {
  const waves = [];
  for (let i = 0; i < 4; i++) {
    const wy = cy + s * (0.55 + i * 0.13);
    waves.push(
      `M${r2(cx - s * 1.1)} ${r2(wy)}q${r2(s * 0.14)} -${r2(s * 0.09)} ${r2(s * 0.28)} 0t${r2(s * 0.28)} 0t${r2(s * 0.28)} 0t${r2(s * 0.28)} 0t${r2(s * 0.28)} 0t${r2(s * 0.28)} 0t${r2(s * 0.28)} 0t${r2(s * 0.28)} 0`,
    );
  }
  c.add(
    `<path d="${waves.join('')}" stroke="${C.river}" stroke-opacity="0.75" stroke-width="${r2(s * 0.025)}" fill="none"/>`,
  );
  c.add(
    `<path d="M${r2(cx - s * 0.05)} ${r2(cy - s * 0.95)}V${r2(cy + s * 0.5)}" stroke="${C.paleGold}" stroke-width="${r2(s * 0.035)}"/>`,
  );
  c.add(
    `<path d="M${r2(cx)} ${r2(cy - s * 0.9)}Q${r2(cx + s * 0.75)} ${r2(cy - s * 0.35)} ${r2(cx + s * 0.62)} ${r2(cy + s * 0.34)}L${r2(cx)} ${r2(cy + s * 0.34)}Z" fill="${C.red}" stroke="${C.paleGold}" stroke-width="${r2(s * 0.02)}"/>`,
  );
  c.add(
    `<path d="M${r2(cx - s * 0.1)} ${r2(cy - s * 0.7)}Q${r2(cx - s * 0.55)} ${r2(cy - s * 0.1)} ${r2(cx - s * 0.48)} ${r2(cy + s * 0.34)}L${r2(cx - s * 0.1)} ${r2(cy + s * 0.34)}Z" fill="${C.deepRed}" stroke="${C.paleGold}" stroke-width="${r2(s * 0.02)}"/>`,
  );
  c.add(
    `<path d="M${r2(cx - s * 0.62)} ${r2(cy + s * 0.36)}H${r2(cx + s * 0.72)}L${r2(cx + s * 0.5)} ${r2(cy + s * 0.52)}H${r2(cx - s * 0.45)}Z" fill="#3a2a20" stroke="${C.paleGold}" stroke-width="${r2(s * 0.02)}"/>`,
  );
}

/** A Jiangnan house with a tiled roof and a flag: the branch's former site. */
function branchHouse(c, cx, cy, s, { fill = '#e9e0d0', flag = true, opacity = 1 } = {}) {
  const o = opacity === 1 ? '' : ` opacity="${opacity}"`;
  const parts = [];
  parts.push(
    `<rect x="${r2(cx - s * 0.62)}" y="${r2(cy - s * 0.1)}" width="${r2(s * 1.24)}" height="${r2(s * 0.62)}" fill="${fill}"/>`,
  );
  parts.push(
    `<path d="M${r2(cx - s * 0.82)} ${r2(cy - s * 0.05)}Q${r2(cx - s * 0.6)} ${r2(cy - s * 0.12)} ${r2(cx - s * 0.5)} ${r2(cy - s * 0.42)}H${r2(cx + s * 0.5)}Q${r2(cx + s * 0.6)} ${r2(cy - s * 0.12)} ${r2(cx + s * 0.82)} ${r2(cy - s * 0.05)}Z" fill="#3b3431"/>`,
  );
  parts.push(
    `<rect x="${r2(cx - s * 0.12)}" y="${r2(cy + s * 0.14)}" width="${r2(s * 0.24)}" height="${r2(s * 0.38)}" fill="#4a2a1e"/>`,
  );
  parts.push(
    `<rect x="${r2(cx - s * 0.45)}" y="${r2(cy + s * 0.05)}" width="${r2(s * 0.18)}" height="${r2(s * 0.16)}" fill="#4a2a1e"/><rect x="${r2(cx + s * 0.27)}" y="${r2(cy + s * 0.05)}" width="${r2(s * 0.18)}" height="${r2(s * 0.16)}" fill="#4a2a1e"/>`,
  );
  if (flag) {
    parts.push(
      `<path d="M${r2(cx + s * 0.62)} ${r2(cy - s * 0.1)}V${r2(cy - s * 0.95)}" stroke="${C.paleGold}" stroke-width="${r2(s * 0.025)}"/>`,
    );
    parts.push(
      `<path d="M${r2(cx + s * 0.63)} ${r2(cy - s * 0.94)}q${r2(s * 0.2)} -${r2(s * 0.06)} ${r2(s * 0.42)} 0v${r2(s * 0.26)}q-${r2(s * 0.22)} -${r2(s * 0.06)} -${r2(s * 0.42)} 0z" fill="${C.red}"/>`,
    );
  }
  c.add(`<g${o}>${parts.join('')}</g>`);
}

/** A person pictogram (head and shoulders). */
function person(cx, cy, s, fill) {
  return `<circle cx="${r2(cx)}" cy="${r2(cy - s * 0.32)}" r="${r2(s * 0.22)}" fill="${fill}"/><path d="M${r2(cx - s * 0.36)} ${r2(cy + s * 0.42)}Q${r2(cx - s * 0.36)} ${r2(cy - s * 0.02)} ${r2(cx)} ${r2(cy - s * 0.02)}Q${r2(cx + s * 0.36)} ${r2(cy - s * 0.02)} ${r2(cx + s * 0.36)} ${r2(cy + s * 0.42)}Z" fill="${fill}"/>`;
}

function cloud(c, cx, cy, s) {
  c.add(
    `<path d="M${r2(cx - s)} ${r2(cy + s * 0.4)}a${r2(s * 0.4)} ${r2(s * 0.4)} 0 0 1 ${r2(s * 0.18)} -${r2(s * 0.78)}a${r2(s * 0.55)} ${r2(s * 0.55)} 0 0 1 ${r2(s * 1.0)} -${r2(s * 0.2)}a${r2(s * 0.45)} ${r2(s * 0.45)} 0 0 1 ${r2(s * 0.8)} ${r2(s * 0.98)}Z" fill="#2c3f47" stroke="${C.river}" stroke-width="4"/>`,
  );
}

/** A dated bar: two years and the span between them. */
function yearSpan(c, from, to, x, y, w, label) {
  c.add(
    `<path d="M${x} ${y}H${x + w}" stroke="${C.gold}" stroke-width="4"/><circle cx="${x}" cy="${y}" r="12" fill="${C.red}" stroke="${C.paleGold}" stroke-width="3"/><circle cx="${x + w}" cy="${y}" r="12" fill="${C.red}" stroke="${C.paleGold}" stroke-width="3"/>`,
  );
  c.text(String(from), x, y + 56, {
    size: 40,
    family: 'serif',
    weight: 700,
    fill: C.paleGold,
    anchor: 'middle',
  });
  c.text(String(to), x + w, y + 56, {
    size: 40,
    family: 'serif',
    weight: 700,
    fill: C.paleGold,
    anchor: 'middle',
  });
  c.text(label, x + w / 2, y - 22, { size: 28, anchor: 'middle', fill: C.cream });
}

// ------------------------------------------------------------------------------------------
// The pictures

const L = (zh, en) => ({ 'zh-Hans': zh, en });

/** A map of the place with its neighbours, and a side panel drawn by `panel` (if any). */
function locatorWithPanel(c, d, placeId, span, panel, { panelWidth = 620, mapSide = 'left' } = {}) {
  const p = d.place(placeId);
  background(c);
  const mapW = panel ? W - panelWidth - 130 : W - 80;
  const mapX = panel && mapSide === 'right' ? panelWidth + 90 : 40;
  const view = mapView(c, d, {
    lon: p.position.lon,
    lat: p.position.lat,
    span,
    x: mapX,
    y: 40,
    w: mapW,
    h: H - 80,
    focus: [placeId],
  });
  if (panel) panel(panelWidth, mapSide === 'right' ? 50 : W - panelWidth - 30);
  return view;
}

function brandPanel(c, d, placeId, brand, items) {
  return (pw, px) => {
    const p = d.place(placeId);
    kicker(c, L('党建品牌', 'Party-building brand'), px, 110);
    c.para(
      brand,
      px,
      200,
      pw,
      { size: 52, family: 'serif', weight: 700, fill: C.paleGold },
      { lineHeight: 1.25, maxLines: 3 },
    );
    chips(c, items, px, 420, pw);
    c.text(p.region, px, H - 90, { size: 26, fill: C.muted });
  };
}

export function pictureSpecs(d) {
  const f = (placeId, i) => d.place(placeId).figures[i];
  const specs = [];
  const place = (id, draw, alt) => specs.push({ id: `img.place.${id}`, dir: 'places', name: id, draw, alt });
  const event = (id, draw, alt) => specs.push({ id: `img.event.${id}`, dir: 'events', name: id, draw, alt });

  place(
    'jiaxing-htz',
    (c) =>
      locatorWithPanel(c, d, 'jiaxing-htz', 3.2, (pw, px) => {
        kicker(c, L('红船起航地的高新区', 'The zone where the red boat set out'), px, 110);
        c.para(
          L('光伏产业链上的党建', 'Party work along the solar chain'),
          px,
          200,
          pw,
          { size: 44, family: 'serif', weight: 700, fill: C.paleGold },
          { lineHeight: 1.25 },
        );
        chips(
          c,
          [
            L('“高言新语”理论宣讲', '“Gaoyan Xinyu” lectures'),
            L('“五光十色”光伏党建品牌', '“Wuguang Shise” solar brand'),
            L('“党建+产业”联盟', '“Party + industry” alliance'),
            L('光伏产业研究平台', 'Solar research platforms'),
          ],
          px,
          360,
          pw,
        );
      }),
    L(
      '位置图：嘉兴高新区在长江三角洲南部，紧邻南湖红船；附近标出杭州滨江、苏州、昆山高新区。旁列“高言新语”宣讲、“五光十色”品牌、“党建+产业”联盟和光伏研究平台。',
      'Locator map: Jiaxing High-Tech Zone beside the South Lake red boat, with Hangzhou, Suzhou and Kunshan nearby; beside it its lecture series, solar brand, Party + industry alliance and research platforms.',
    ),
  );

  place(
    'south-lake-red-boat',
    (c) => {
      background(c, '#1b0b08');
      c.add(`<circle cx="1060" cy="300" r="230" fill="${C.deepRed}" fill-opacity="0.35"/>`);
      redBoat(c, 1060, 390, 330);
      kicker(c, L('南湖 · 嘉兴', 'South Lake, Jiaxing'), 90, 120);
      c.para(
        L('红船从这里起航', 'Where the red boat set out'),
        90,
        210,
        560,
        { size: 50, family: 'serif', weight: 700, fill: C.paleGold },
        { lineHeight: 1.25 },
      );
      yearSpan(c, 1921, 2026, 150, 790, 1300, L('建党105周年', '105 years since the Party’s founding'));
    },
    L(
      '纪念图案：南湖上的红船，船身朱红、船篷深红，水面泛起涟漪；下方时间线从1921年到2026年，标明建党105周年。',
      'Emblem: the red boat on South Lake, vermilion hull under a dark red awning, ripples on the water; below, a line from 1921 to 2026 marks 105 years since the Party’s founding.',
    ),
  );

  place(
    'changzhou-xinbei',
    (c) =>
      locatorWithPanel(c, d, 'changzhou-xinbei', 2.4, (pw, px) => {
        kicker(c, L('两张地图', 'Two maps'), px, 100);
        c.text(L('《红色地图》 2020', 'Red Map, 2020'), px, 170, { size: 30, weight: 700 });
        dots(c, 108, px + 10, 200, 18, { r: 8, gap: 30 });
        c.text(figureText(c, f('changzhou-xinbei', 0)).text, px, 420, {
          size: 34,
          family: 'serif',
          weight: 700,
          fill: C.paleGold,
        });
        c.text(L('《党建研学地图》 2024', 'Study-Tour Map, 2024'), px, 500, { size: 30, weight: 700 });
        dots(c, 60, px + 10, 530, 18, { r: 8, gap: 30, fill: C.red });
        c.text(figureText(c, f('changzhou-xinbei', 2)).text, px, 680, {
          size: 34,
          family: 'serif',
          weight: 700,
          fill: C.paleGold,
        });
        c.text(
          `${figureText(c, f('changzhou-xinbei', 3)).text} · ${figureText(c, f('changzhou-xinbei', 4)).text}`,
          px,
          760,
          { size: 30, fill: C.cream },
        );
        c.para(L('研学活动 · 党员参学', 'study activities · participations'), px, 805, pw, {
          size: 24,
          fill: C.muted,
        });
      }),
    L(
      '位置图与点阵：左为新北区及附近的红色地标（恽代英故乡、西夏墅支部旧址、魏村红帆文化广场）；右为两张地图的点数——《红色地图》108个点、《党建研学地图》60个点，以及500余场研学活动、超3万人次参学。',
      'Locator map and dot charts: Xinbei and its red landmarks; 108 dots for the Red Map, 60 for the study-tour map, 500+ study activities and 30,000+ participations.',
    ),
  );

  place(
    'yun-daiying-hometown',
    (c) => {
      background(c);
      const view = mapView(c, d, {
        lon: 119.9,
        lat: 31.9,
        span: 0.42,
        x: 40,
        y: 40,
        w: W - 80,
        h: H - 80,
        focus: ['yun-daiying-hometown'],
      });
      const [hx, hy] = view.project(119.95, 31.87);
      c.add(
        `<circle cx="${r2(hx)}" cy="${r2(hy)}" r="150" fill="${C.red}" fill-opacity="0.12" stroke="${C.red}" stroke-dasharray="10 10" stroke-width="3"/>`,
      );
      box(c, 80, H - 230, 700, 150, { opacity: 0.88 });
      c.para(
        L(
          '恽代英的故乡：新北区一带。附近有西夏墅支部旧址和纪念渡江战役的魏村红帆文化广场。',
          'Yun Daiying’s home region: the Xinbei area, near the Xixiashu branch site and Weicun Red Sail Square, which honours the Yangtze crossing.',
        ),
        110,
        H - 180,
        640,
        { size: 26 },
        { maxLines: 3 },
      );
      scaleBar(c, view, W - 320, H - 90, 10);
    },
    L(
      '近景地图：新北区一带，虚线圈表示恽代英的故乡，并标出附近的西夏墅支部旧址、魏村红帆文化广场和长江。',
      'Close map of the Xinbei area: a dashed circle marks Yun Daiying’s home region, with the Xixiashu branch site, Weicun Red Sail Square and the Yangtze nearby.',
    ),
  );

  place(
    'xixiashu-branch-site',
    (c) => {
      background(c, '#160f0c');
      branchHouse(c, 1050, 430, 420);
      kicker(c, L('西夏墅镇', 'Xixiashu Town'), 90, 120);
      c.text('1926', 90, 270, { size: 120, family: 'serif', weight: 700, fill: C.paleGold });
      c.para(
        L('常武地区最早的党支部之一', 'One of the first Party branches around Changzhou and Wujin'),
        90,
        340,
        520,
        { size: 32, weight: 700 },
        { maxLines: 3 },
      );
      [0, 1, 2].forEach((i) =>
        branchHouse(c, 170 + i * 190, 700, 120, {
          flag: i === 0,
          fill: i === 0 ? '#e9e0d0' : '#7d7468',
          opacity: i === 0 ? 1 : 0.55,
        }),
      );
      c.text(L('最早的3个支部，这是其中之一', 'the first three branches: this is one'), 90, 820, {
        size: 26,
        fill: C.muted,
      });
    },
    L(
      '纪念图案：一座江南民居式的支部旧址，屋顶黛瓦，旁立红旗；左侧写1926年，下方三座小屋代表常武地区最早的3个党支部，其中一座是西夏墅支部。',
      'Emblem: the branch’s former site as a Jiangnan house with a dark tiled roof and a red flag; 1926 at the left, and below three small houses for the area’s first three branches, one of them Xixiashu.',
    ),
  );

  place(
    'weicun-red-sail-square',
    (c) => {
      background(c, '#12100f');
      redSail(c, 1080, 400, 380);
      kicker(c, L('魏村 · 长江边', 'Weicun, on the Yangtze'), 90, 120);
      c.text('2021', 90, 270, { size: 120, family: 'serif', weight: 700, fill: C.paleGold });
      c.para(
        L(
          '常州首个纪念渡江战役胜利的红色基地',
          'Changzhou’s first site honouring victory in the Yangtze crossing',
        ),
        90,
        340,
        560,
        { size: 32, weight: 700 },
        { maxLines: 3 },
      );
      yearSpan(c, 1949, 2021, 120, 760, 520, L('从渡江到建成', 'From the crossing to the square'));
    },
    L(
      '纪念图案：江面上一面鼓满的红帆；左侧写2021年和“常州首个纪念渡江战役胜利的红色基地”，下方时间线从1949年渡江到2021年广场建成。',
      'Emblem: a full red sail on the river; at the left, 2021 and “Changzhou’s first site honouring victory in the Yangtze crossing”; below, a line from the 1949 crossing to the square’s completion in 2021.',
    ),
  );

  place(
    'zhuhai-htz',
    (c) =>
      locatorWithPanel(c, d, 'zhuhai-htz', 0.55, (pw, px) => {
        kicker(c, L('珠海的红色地标', 'Zhuhai’s red landmarks'), px, 100);
        bigFigure(c, f('zhuhai-htz', 0), px, 220, { labelWidth: pw });
        bigFigure(c, f('zhuhai-htz', 1), px, 430, { labelWidth: pw });
        cloud(c, px + 70, 690, 60);
        c.para(
          L(
            '“文物一张图”：不可移动文物上云管理',
            '“One map of relics”: immovable relics managed in the cloud',
          ),
          px + 170,
          680,
          pw - 170,
          { size: 26 },
          { maxLines: 3 },
        );
      }),
    L(
      '位置图：珠海高新区与唐家湾镇，标出苏兆征故居陈列馆和唐家湾村史馆；旁列年均近20万人次访客、9个村史馆，以及“文物一张图”云端管理。',
      'Locator map: Zhuhai High-Tech Zone and Tangjiawan, with the Su Zhaozheng exhibition hall and the village history halls; beside it, nearly 200,000 visitors a year, nine village history halls and the cloud-based “one map of relics”.',
    ),
  );

  place(
    'su-zhaozheng-hall',
    (c) => {
      background(c);
      kicker(c, L('每年的访客', 'Visitors each year'), 90, 110);
      const people = [];
      for (let i = 0; i < 20; i++)
        people.push(
          person(130 + (i % 10) * 78, 230 + Math.floor(i / 10) * 110, 70, i < 19 ? C.paleGold : C.gold),
        );
      c.add(people.join(''));
      c.text(figureText(c, f('su-zhaozheng-hall', 0)).text, 90, 460, {
        size: 72,
        family: 'serif',
        weight: 700,
        fill: C.paleGold,
      });
      c.text(L('每个人形代表1万人次', 'each figure stands for 10,000 visits'), 90, 510, {
        size: 24,
        fill: C.muted,
      });
      kicker(c, L('展陈方式', 'How the story is told'), 1000, 110);
      chips(
        c,
        [
          L('文献资料', 'Documents'),
          L('图文', 'Text and pictures'),
          L('实物', 'Objects'),
          L('油画', 'Oil paintings'),
          L('雕塑', 'Sculpture'),
          L('浮雕墙', 'Relief wall'),
          L('场景复原', 'Reconstructed scenes'),
          L('电子沙盘', 'Electronic sand table'),
          L('大型多媒体', 'Large multimedia'),
        ],
        1000,
        170,
        520,
      );
      c.para(
        L('中国工人运动先驱苏兆征的故事', 'The story of Su Zhaozheng, a pioneer of China’s labour movement'),
        90,
        640,
        820,
        { size: 34, family: 'serif', weight: 700, fill: C.cream },
        { maxLines: 2 },
      );
    },
    L(
      '图表：20个人形，每个代表1万人次，合计年均近20万人次访客；右侧列出展陈方式——文献资料、图文、实物、油画、雕塑、浮雕墙、场景复原、电子沙盘和大型多媒体。',
      'Chart: twenty figures of 10,000 visits each, nearly 200,000 visitors a year; beside them the hall’s means — documents, objects, artworks, reconstructed scenes, a sand table, multimedia.',
    ),
  );

  place(
    'tangjiawan-history-halls',
    (c) => {
      background(c);
      const n = d.place('tangjiawan-history-halls').figures[0].value;
      const cx = 560;
      const cy = 470;
      const ring = [];
      for (let i = 0; i < n; i++) {
        const a = -Math.PI / 2 + (i * 2 * Math.PI) / n;
        const x = cx + Math.cos(a) * 300;
        const y = cy + Math.sin(a) * 300;
        ring.push(
          `<path d="M${cx} ${cy}L${r2(x)} ${r2(y)}" stroke="${C.river}" stroke-opacity="0.6" stroke-width="3" stroke-dasharray="8 8"/>`,
        );
      }
      c.add(ring.join(''));
      for (let i = 0; i < n; i++) {
        const a = -Math.PI / 2 + (i * 2 * Math.PI) / n;
        branchHouse(c, cx + Math.cos(a) * 300, cy + Math.sin(a) * 300 + 10, 80, { flag: false });
      }
      cloud(c, cx + 10, cy + 10, 80);
      c.text(L('文物一张图', 'One map'), cx + 10, cy + 40, { size: 26, anchor: 'middle', weight: 700 });
      kicker(c, L('唐家湾镇', 'Tangjiawan Town'), 1000, 160);
      bigFigure(c, d.place('tangjiawan-history-halls').figures[0], 1000, 290, { labelWidth: 520 });
      c.para(
        L(
          '村史馆与革命文物遗址连点成片，在云端统一管理。',
          'Village history halls and revolutionary relic sites form one network, managed together in the cloud.',
        ),
        1000,
        470,
        520,
        { size: 28 },
        { maxLines: 4 },
      );
    },
    L(
      '关系图：9座村史馆围成一圈，以虚线连到中央的“文物一张图”云端；右侧写唐家湾镇9个村史馆，与革命文物遗址连点成片。',
      'Diagram: nine village history halls in a ring, joined by dashed lines to the cloud of the “one map of relics” at the centre; on the right, Tangjiawan’s nine halls forming one network with the relic sites.',
    ),
  );

  place(
    'pingdingshan-htz',
    (c) => {
      background(c);
      kicker(c, L('四级组织体系', 'Four tiers of organisation'), 90, 100);
      tiers(
        c,
        [
          L('高新区党工委', 'Zone Party working committee'),
          L('综合党委', 'General Party committee'),
          L('园区党总支', 'Park Party branches'),
          L('企业党支部', 'Company Party branches'),
        ],
        { x: 90, y: 150, w: 620, h: 560, fills: ['#4a1712', '#3a1612', '#2e1713', C.panel] },
      );
      c.text(
        L('“1+6+N”：1个专班 · 6个产业园区 · N个职能部门', '“1+6+N”: 1 task force, 6 parks, N departments'),
        90,
        790,
        { size: 26, fill: C.muted },
      );
      kicker(c, L('纳入党建网格', 'Brought into the grid'), 820, 100);
      const grid = [];
      for (let i = 0; i < 6; i++)
        grid.push(
          `<rect x="${820 + (i % 3) * 240}" y="${150 + Math.floor(i / 3) * 230}" width="220" height="210" rx="10" fill="none" stroke="${C.gold}" stroke-opacity="0.55" stroke-width="2"/>`,
        );
      c.add(grid.join(''));
      const pts = [];
      const orgs = f('pingdingshan-htz', 0).value;
      const social = f('pingdingshan-htz', 1).value;
      for (let i = 0; i < orgs + social; i++) {
        const cell = i % 6;
        const k = Math.floor(i / 6);
        const x = 845 + (cell % 3) * 240 + (k % 5) * 42;
        const y = 180 + Math.floor(cell / 3) * 230 + Math.floor(k / 5) * 42;
        pts.push(`<circle cx="${x}" cy="${y}" r="11" fill="${i < orgs ? C.gold : C.river}"/>`);
      }
      c.add(pts.join(''));
      c.add(
        `<circle cx="835" cy="660" r="11" fill="${C.gold}"/><circle cx="835" cy="720" r="11" fill="${C.river}"/>`,
      );
      c.text(
        `${figureText(c, f('pingdingshan-htz', 0)).text} ${c.L(L('新经济组织', 'new economic organisations'))}`,
        860,
        670,
        { size: 28 },
      );
      c.text(
        `${figureText(c, f('pingdingshan-htz', 1)).text} ${c.L(L('社会组织', 'social organisations'))}`,
        860,
        730,
        { size: 28 },
      );
      c.text(L('6个产业专属网格，全部覆盖', 'six industry grids, every organisation covered'), 820, 800, {
        size: 26,
        fill: C.muted,
      });
    },
    L(
      '组织图：左为四级组织体系，从高新区党工委到企业党支部；右为6个产业网格，85个金色点代表新经济组织、19个蓝色点代表社会组织，全部纳入网格。',
      'Organisation chart: four tiers from the zone’s Party working committee to company branches; six industry grids holding 85 gold dots (new economic organisations) and 19 blue (social organisations).',
    ),
  );

  place(
    'zhongguancun-science-city',
    (c) => {
      background(c);
      kicker(c, L('“8×8党建赋能体系”', 'The “8×8” system'), 90, 90);
      const tracks = [
        L('人工智能', 'AI'),
        L('医药健康', 'Medicine and health'),
        L('智能制造', 'Smart manufacturing'),
        L('软件和信息服务', 'Software and IT services'),
        L('集成电路', 'Integrated circuits'),
        L('具身智能', 'Embodied AI'),
        L('空天', 'Aerospace'),
        L('新能源新材料', 'New energy and materials'),
      ];
      const modules = [
        L('政企', 'Government'),
        L('校企', 'Universities'),
        L('金企', 'Finance'),
        L('园区', 'Parks'),
        L('属地', 'Localities'),
      ];
      const x0 = 520;
      const y0 = 200;
      const cw = 180;
      const rh = 78;
      modules.forEach((m, j) =>
        c.text(m, x0 + j * cw + cw / 2, y0 - 24, { size: 26, anchor: 'middle', fill: C.gold, weight: 700 }),
      );
      c.text('…', x0 + modules.length * cw + 40, y0 - 24, { size: 30, fill: C.gold });
      const cells = [];
      tracks.forEach((t, i) => {
        c.text(t, x0 - 24, y0 + i * rh + rh / 2 + 10, { size: 26, anchor: 'end' });
        modules.forEach((_, j) =>
          cells.push(
            `<rect x="${x0 + j * cw + 6}" y="${y0 + i * rh + 6}" width="${cw - 12}" height="${rh - 12}" rx="8" fill="${(i + j) % 2 === 0 ? '#4a1712' : '#3a2a20'}" stroke="${C.line}"/>`,
          ),
        );
      });
      c.add(cells.join(''));
      c.text(
        L('纵向：8个产业赛道　横向：功能模块', 'Down: 8 industry tracks · Across: service modules'),
        90,
        H - 50,
        { size: 24, fill: C.muted },
      );
    },
    L(
      '矩阵图：纵向8个产业赛道（人工智能、医药健康、智能制造、软件和信息服务、集成电路、具身智能、空天、新能源新材料），横向政企、校企、金企、园区、属地等功能模块。',
      'Matrix: eight industry tracks, from AI to new energy and materials, down the side; service modules across the top — government, universities, finance, parks and localities.',
    ),
  );

  place(
    'suzhou-htz',
    (c) =>
      locatorWithPanel(
        c,
        d,
        'suzhou-htz',
        1.3,
        brandPanel(c, d, 'suzhou-htz', L('“链·海棠”', '“Chain · Haitang”'), [
          L('集中服务日', 'Service days'),
          L('集中会办日', 'Case-handling days'),
          L('集中恳谈日', 'Dialogue days'),
        ]),
        { mapSide: 'right' },
      ),
    L(
      '位置图：苏州高新区在太湖东岸，附近标出昆山、嘉兴高新区；旁列党建品牌“链·海棠”和集中服务日、会办日、恳谈日。',
      'Locator map: Suzhou High-Tech Zone by Lake Tai, with the Kunshan and Jiaxing zones nearby; beside it the “Chain · Haitang” brand and its service, case-handling and dialogue days.',
    ),
  );
  place(
    'jining-htz',
    (c) =>
      locatorWithPanel(
        c,
        d,
        'jining-htz',
        3.6,
        brandPanel(c, d, 'jining-htz', L('“新心相连 幸福家园”', '“Hearts Connected, Happy Home”'), [
          L('商圈理事会', 'Business-district councils'),
          L('周五惠企日', 'Friday service days'),
        ]),
      ),
    L(
      '位置图：济宁高新区在鲁西南，附近标出济南高新区和黄河；旁列城市党建品牌“新心相连 幸福家园”、商圈理事会和周五惠企日。',
      'Locator map: Jining High-Tech Zone in south-west Shandong, with the Jinan zone and the Yellow River nearby; beside it the “Hearts Connected, Happy Home” brand, business-district councils and Friday service days.',
    ),
  );
  place(
    'jingdezhen-htz',
    (c) =>
      locatorWithPanel(
        c,
        d,
        'jingdezhen-htz',
        4.2,
        brandPanel(c, d, 'jingdezhen-htz', L('“青桐学堂”', '“Qingtong Academy”'), [
          L('青年干部成长平台', 'A platform for young officials'),
        ]),
        { mapSide: 'right' },
      ),
    L(
      '位置图：景德镇高新区在赣东北、长江以南；旁列党建品牌“青桐学堂”，为青年干部搭建成长平台。',
      'Locator map: Jingdezhen High-Tech Zone in north-east Jiangxi, south of the Yangtze; beside it the “Qingtong Academy” brand, a platform for young officials to grow.',
    ),
  );
  place(
    'hangzhou-binjiang',
    (c) =>
      locatorWithPanel(c, d, 'hangzhou-binjiang', 1.8, (pw, px) => {
        kicker(c, L('现代产业社区', 'Industrial communities'), px, 110);
        c.text('3.0', px, 300, { size: 150, family: 'serif', weight: 700, fill: C.paleGold });
        c.para(
          L('产业社区数字化平台上线', 'A digital platform for industrial communities'),
          px,
          370,
          pw,
          { size: 30, weight: 700 },
          { maxLines: 2 },
        );
        chips(
          c,
          [
            L('“企服通”楼宇管理', '“Qifutong” building services'),
            L('“滨小治”', '“Bin Xiaozhi”'),
            L('“滨好办”', '“Bin Haoban”'),
          ],
          px,
          480,
          pw,
        );
      }),
    L(
      '位置图：杭州高新区（滨江）在钱塘江南岸，附近标出嘉兴高新区和南湖红船；旁写“3.0”，列出产业社区数字化平台和“企服通”“滨小治”“滨好办”等工具。',
      'Locator map: Hangzhou High-Tech Zone (Binjiang) south of the Qiantang, with Jiaxing and the South Lake red boat nearby; beside it “3.0” and the community platform’s tools — Qifutong, Bin Xiaozhi and Bin Haoban.',
    ),
  );
  place(
    'jinan-htz',
    (c) => {
      background(c);
      mapView(c, d, {
        lon: 117.13,
        lat: 36.68,
        span: 3.4,
        x: 40,
        y: 40,
        w: 720,
        h: H - 80,
        focus: ['jinan-htz'],
      });
      kicker(c, L('三级治理架构', 'Three tiers of governance'), 820, 100);
      tiers(
        c,
        [
          L('园区联合党委', 'Park joint Party committee'),
          L('网格党支部', 'Grid Party branches'),
          L('企业党小组', 'Company Party groups'),
        ],
        { x: 820, y: 150, w: 720, h: 430, fills: ['#4a1712', '#3a1612', C.panel] },
      );
      c.text(
        L('数字孪生智慧平台 · 惠企政策“直达快享”', 'Digital-twin platform: policies reach firms directly'),
        820,
        660,
        { size: 26, fill: C.cream },
      );
      chips(
        c,
        [L('“智造谷”', '“Smart Manufacturing Valley”'), L('“算谷”', '“Computing Valley”')],
        820,
        710,
        720,
      );
    },
    L(
      '位置图与架构图：左为济南高新区在黄河边的位置，附近标出济宁高新区；右为“园区联合党委—网格党支部—企业党小组”三级治理架构，以及数字孪生平台和“智造谷”“算谷”示范园区。',
      'Locator map and chart: Jinan High-Tech Zone by the Yellow River, Jining nearby; three tiers — park joint Party committee, grid branches, company groups — and its digital-twin platform.',
    ),
  );

  const chainPlace = (id, prefix, span, extra) =>
    place(
      id,
      (c) => {
        background(c);
        // The zone's own land behind the diagram, its marker at top left.
        const { lon, lat } = d.place(id).position;
        mapView(c, d, {
          lon: lon + span * (0.5 - 190 / W),
          lat: lat - ((span * H) / W) * Math.cos((lat * Math.PI) / 180) * (0.5 - 170 / H),
          span,
          focus: [id],
          labels: false,
          dim: 0.55,
        });
        box(c, 30, 300, 335, H - 330, { opacity: 0.9 });
        c.text(d.place(id).region, 50, 350, { size: 24, fill: C.muted });
        kicker(c, L('支部建在链上', 'Branches along the chain'), 50, 420);
        extra?.(c);
        chainDiagram(c, d, prefix, { x: 370, y: 30, w: W - 390, h: H - 60 });
      },
      undefined,
    );
  chainPlace('xian-htz', 'xian-', 2.2, (c) =>
    c.para(
      L('2023年成立全国首个光子产业链党委', '2023: China’s first photonics chain committee'),
      50,
      510,
      280,
      { size: 28, weight: 700 },
      { maxLines: 3 },
    ),
  );
  chainPlace('hefei-htz', 'hefei-', 2.6, (c) =>
    c.para(
      L('“点”上经验推广到“面”上', 'From pilot to zone-wide'),
      50,
      510,
      280,
      { size: 28, weight: 700 },
      { maxLines: 3 },
    ),
  );
  chainPlace('kunshan-htz', 'kunshan-', 1.6, (c) =>
    c.para(
      L('一链一策、链主引领、抱团发展', 'One policy per chain, led by its leading firm'),
      50,
      510,
      280,
      { size: 28, weight: 700 },
      { maxLines: 3 },
    ),
  );
  chainPlace('chengdu-htz', 'chengdu-', 3.4, (c) =>
    c.para(
      L('从“链条”到“生态”', 'From chains to an ecosystem'),
      50,
      510,
      280,
      { size: 28, weight: 700 },
      { maxLines: 3 },
    ),
  );

  // --- events ---
  event(
    'e1921-founding',
    (c) => {
      background(c, '#1b0906');
      redBoat(c, 800, 430, 380);
      c.text('1921', 800, 200, {
        size: 150,
        family: 'serif',
        weight: 700,
        fill: C.paleGold,
        anchor: 'middle',
      });
      c.text(L('嘉兴 · 南湖', 'South Lake, Jiaxing'), 800, 850, {
        size: 34,
        anchor: 'middle',
        fill: C.cream,
      });
    },
    L(
      '纪念图案：1921年，南湖水面上的红船，船身朱红；下方写“嘉兴 · 南湖”。',
      'Emblem: 1921, the red boat on the water of South Lake, its hull vermilion; below, “South Lake, Jiaxing”.',
    ),
  );
  event(
    'e1926-xixiashu',
    (c) => {
      background(c, '#140d0a');
      const names = [
        L('西夏墅支部', 'Xixiashu'),
        L('另一支部', 'another branch'),
        L('另一支部', 'another branch'),
      ];
      [0, 1, 2].forEach((i) => {
        branchHouse(c, 330 + i * 470, 470, i === 0 ? 300 : 220, {
          flag: i === 0,
          fill: i === 0 ? '#e9e0d0' : '#7d7468',
          opacity: i === 0 ? 1 : 0.5,
        });
        c.text(names[i], 330 + i * 470, 720, {
          size: i === 0 ? 34 : 26,
          anchor: 'middle',
          weight: i === 0 ? 700 : 400,
          fill: i === 0 ? C.paleGold : C.muted,
        });
      });
      c.text('1926', 800, 170, {
        size: 110,
        family: 'serif',
        weight: 700,
        fill: C.paleGold,
        anchor: 'middle',
      });
      c.text(
        L('常武地区最早的3个党支部', 'The first three Party branches around Changzhou and Wujin'),
        800,
        820,
        { size: 32, anchor: 'middle' },
      );
    },
    L(
      '纪念图案：三座江南民居代表常武地区最早的3个党支部，最亮、插着红旗的一座是西夏墅支部；上方写1926年。',
      'Emblem: three Jiangnan houses for the first three Party branches around Changzhou and Wujin; the brightest, with a red flag, is Xixiashu. Above: 1926.',
    ),
  );
  event(
    'e1949-yangtze-crossing',
    (c) => {
      background(c);
      const view = mapView(c, d, {
        lon: 119.95,
        lat: 32.08,
        span: 1.7,
        x: 40,
        y: 40,
        w: W - 80,
        h: H - 80,
        focus: ['weicun-red-sail-square'],
      });
      const arrows = [];
      for (let i = 0; i < 5; i++) {
        const lon = 119.55 + i * 0.2;
        const [x0, y0] = view.project(lon, 32.3);
        const [x1, y1] = view.project(lon + 0.05, 31.98 - (i % 2) * 0.04);
        arrows.push(
          `<path d="M${r2(x0)} ${r2(y0)}Q${r2((x0 + x1) / 2 + 30)} ${r2((y0 + y1) / 2)} ${r2(x1)} ${r2(y1)}" stroke="${C.red}" stroke-width="12" fill="none" stroke-linecap="round"/><circle cx="${r2(x1)}" cy="${r2(y1)}" r="14" fill="${C.red}"/>`,
        );
      }
      c.add(arrows.join(''));
      const [cx, cy] = view.project(119.97, 31.78);
      c.add(`<circle cx="${r2(cx)}" cy="${r2(cy)}" r="18" fill="${C.paleGold}"/>`);
      c.text(L('常州', 'Changzhou'), cx + 28, cy + 12, { size: 34, weight: 700 });
      box(c, 80, 80, 560, 150, { opacity: 0.88 });
      c.text(L('1949年4月—6月', 'April–June 1949'), 110, 140, {
        size: 40,
        family: 'serif',
        weight: 700,
        fill: C.paleGold,
      });
      c.text(L('人民解放军自北岸强渡长江', 'The army crosses the Yangtze from the north bank'), 110, 195, {
        size: 26,
      });
      scaleBar(c, view, W - 330, H - 90, 20);
    },
    L(
      '行军示意地图：常州以北的长江江段，五道红色箭头从北岸渡江到南岸；标出常州、魏村红帆文化广场和新北区的红色地标，左上写“1949年4月—6月”。',
      'Campaign map: the Yangtze north of Changzhou, five red arrows crossing from the north bank to the south; Changzhou, Weicun Red Sail Square and Xinbei’s red landmarks are marked, with “April–June 1949” at top left.',
    ),
  );
  event(
    'e2020-red-map',
    (c) => {
      background(c);
      const n = f('changzhou-xinbei', 0).value;
      const view = mapView(c, d, {
        lon: 119.92,
        lat: 31.9,
        span: 0.7,
        x: 40,
        y: 40,
        w: 1000,
        h: H - 80,
        focus: [],
        labels: false,
        dim: 0.8,
      });
      // One dot per site, spread over the district by a fixed sequence (positions are not the sites').
      const pts = [];
      for (let i = 0; i < n; i++) {
        const a = i * 2.399963;
        const rr = Math.sqrt((i + 0.5) / n);
        const [x, y] = view.project(119.92 + Math.cos(a) * rr * 0.26, 31.9 + Math.sin(a) * rr * 0.15);
        pts.push(
          `<circle cx="${r2(x)}" cy="${r2(y)}" r="10" fill="${C.red}" stroke="${C.paleGold}" stroke-width="2"/>`,
        );
      }
      c.add(pts.join(''));
      kicker(c, L('《红色地图》 2020', 'The Red Map, 2020'), 1090, 110);
      c.text(String(n), 1090, 280, { size: 140, family: 'serif', weight: 700, fill: C.paleGold });
      c.text(L('处红色文化点位，分四类：', 'red-heritage sites in four kinds:'), 1090, 340, { size: 28 });
      const cats = d.manifest.categories.filter((k) => k.group === 'red-map');
      cats.forEach((k, i) => {
        c.add(
          `<circle cx="1106" cy="${410 + i * 100}" r="14" fill="${k.color}" stroke="${C.paleGold}" stroke-width="2"/>`,
        );
        c.para(k.name, 1136, 420 + i * 100, 420, { size: 27 }, { maxLines: 2, lineHeight: 1.25 });
      });
    },
    L(
      '点阵地图：新北区一带的108个红点，每点代表《红色地图》上的一处红色文化点位（点均匀排布，不代表各点位的实际位置）；右侧列出四类：红色人物、重要事件、纪念设施及革命遗址、爱国主义教育基地。',
      'Dot map: 108 red dots over the Xinbei area, one per site on the Red Map (spread evenly, not at the sites’ own positions), and its four kinds of site.',
    ),
  );
  event(
    'e2021-weicun-square',
    (c) => {
      background(c, '#120f0e');
      redSail(c, 560, 430, 360);
      c.text('2021', 1000, 300, { size: 150, family: 'serif', weight: 700, fill: C.paleGold });
      c.para(
        L('魏村红帆文化广场建成', 'Weicun Red Sail Culture Square is completed'),
        1000,
        390,
        520,
        { size: 34, weight: 700 },
        { maxLines: 2 },
      );
      c.para(
        L('纪念1949年渡江战役的胜利', 'in memory of the 1949 Yangtze crossing'),
        1000,
        520,
        520,
        { size: 28, fill: C.muted },
        { maxLines: 2 },
      );
    },
    L(
      '纪念图案：江面上一面红帆，右侧写2021年和“魏村红帆文化广场建成”，纪念1949年渡江战役的胜利。',
      'Emblem: a red sail on the river; on the right, 2021 and “Weicun Red Sail Culture Square is completed”, in memory of the 1949 crossing.',
    ),
  );
  event(
    'e2023-xian-photonics',
    (c) => {
      background(c);
      c.text('2023', 60, 150, { size: 110, family: 'serif', weight: 700, fill: C.paleGold });
      c.para(
        L('西安高新区：全国首个光子产业链党委', 'Xi’an: China’s first photonics chain Party committee'),
        60,
        220,
        420,
        { size: 30, weight: 700 },
        { maxLines: 3 },
      );
      c.para(
        L('“红色引领硬科技”', '“Red leadership for hard tech”'),
        60,
        400,
        420,
        { size: 28, fill: C.gold },
        { maxLines: 2 },
      );
      mapView(c, d, {
        lon: 108.88,
        lat: 34.22,
        span: 9,
        x: 60,
        y: 520,
        w: 420,
        h: 330,
        focus: ['xian-htz'],
        labels: false,
      });
      chainDiagram(c, d, 'xian-', { x: 520, y: 40, w: W - 560, h: H - 80 });
    },
    L(
      '产业链图：2023年成立的光子产业链党委，连向光子企业（200余家、总产值超300亿元）和30家光子领域创新平台；左下小地图标出西安。',
      'Chain diagram: the photonics chain Party committee set up in 2023, linked to the photonics firms (200+, output over 30 billion yuan) and 30 innovation platforms; a small map at bottom left marks Xi’an.',
    ),
  );
  event(
    'e2024-study-tour-map',
    (c) => {
      background(c);
      const n = f('changzhou-xinbei', 2).value;
      kicker(c, L('《党建研学地图》 2024', 'The Study-Tour Map, 2024'), 90, 100);
      const route = [];
      for (let i = 0; i < n; i++) {
        const col = i % 12;
        const row = Math.floor(i / 12);
        const x = 130 + (row % 2 === 0 ? col : 11 - col) * 70;
        const y = 200 + row * 95;
        route.push([x, y]);
      }
      c.add(
        `<path d="${route.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x} ${y}`).join('')}" stroke="${C.gold}" stroke-opacity="0.5" stroke-width="4" fill="none"/>`,
      );
      c.add(
        route
          .map(
            ([x, y]) =>
              `<circle cx="${x}" cy="${y}" r="16" fill="${C.red}" stroke="${C.paleGold}" stroke-width="3"/>`,
          )
          .join(''),
      );
      c.text(L(`${n}个基层党建示范点`, `${n} exemplary grassroots sites`), 90, 720, {
        size: 34,
        weight: 700,
      });
      kicker(c, L('研学小程序', 'The phone app'), 1060, 100);
      const taps = [
        L('一键介绍', 'One-tap introduction'),
        L('一键导航', 'One-tap navigation'),
        L('一键报到', 'One-tap check-in'),
      ];
      taps.forEach((t, i) => {
        box(c, 1060, 150 + i * 120, 460, 96, { fill: '#3a1612', stroke: C.gold, rx: 48 });
        c.add(`<circle cx="1110" cy="${198 + i * 120}" r="26" fill="${C.gold}"/>`);
        c.text(t, 1160, 210 + i * 120, { size: 32, weight: 700 });
      });
      bigFigure(c, f('changzhou-xinbei', 3), 1060, 600, { size: 56, labelWidth: 460 });
      bigFigure(c, f('changzhou-xinbei', 4), 1060, 760, { size: 56, labelWidth: 460 });
    },
    L(
      '路线图：60个红点连成一条研学路线，代表《党建研学地图》上的60个基层党建示范点；右侧是小程序的一键介绍、一键导航、一键报到，以及500余场研学活动、超3万人次参学。',
      'Route chart: 60 red dots joined in one study route, one for each exemplary site on the study-tour map; on the right the app’s one-tap introduction, navigation and check-in, and 500+ study activities with 30,000+ participations.',
    ),
  );
  event(
    'e2026-new-start',
    (c) => {
      background(c);
      const view = mapView(c, d, {
        lon: 112.5,
        lat: 31,
        span: 25,
        x: 40,
        y: 40,
        w: 900,
        h: H - 80,
        focus: [],
        labels: false,
      });
      const zones = d.manifest.places.filter(
        (p) =>
          p.id.endsWith('-htz') ||
          ['changzhou-xinbei', 'zhongguancun-science-city', 'hangzhou-binjiang'].includes(p.id),
      );
      c.add(
        zones
          .map((p) => {
            const [x, y] = view.project(p.position.lon, p.position.lat);
            return `<circle cx="${r2(x)}" cy="${r2(y)}" r="13" fill="${C.red}" stroke="${C.paleGold}" stroke-width="3"/>`;
          })
          .join(''),
      );
      c.text(L(`${zones.length}个国家高新区`, `${zones.length} national high-tech zones`), 80, 110, {
        size: 30,
        weight: 700,
      });
      kicker(c, L('2026年的数字', 'Figures reported in 2026'), 990, 90);
      const rows = [
        [d.place('xian-htz'), f('xian-htz', 0)],
        [d.place('hefei-htz'), f('hefei-htz', 1)],
        [d.place('kunshan-htz'), f('kunshan-htz', 0)],
        [d.place('chengdu-htz'), f('chengdu-htz', 0)],
        [d.place('pingdingshan-htz'), f('pingdingshan-htz', 0)],
        [d.place('changzhou-xinbei'), f('changzhou-xinbei', 4)],
        [d.place('su-zhaozheng-hall'), f('su-zhaozheng-hall', 0)],
      ];
      rows.forEach(([p, fig], i) => {
        const y = 170 + i * 98;
        const t = figureText(c, fig);
        c.text(t.text, 990, y + 30, { size: 40, family: 'serif', weight: 700, fill: C.paleGold });
        c.text(`${c.L(p.region).split(/[,，]/)[0]} · ${c.L(fig.label)}`, 990, y + 66, {
          size: 22,
          fill: C.muted,
        });
      });
    },
    L(
      '总览图：沙盘全图上的14个国家高新区红点；右侧列出2026年报道的七个数字，从西安光子产业超300亿元到苏兆征故居陈列馆年均近20万人次访客。',
      'Overview: the fourteen national high-tech zones as red dots on the whole table, beside seven figures reported in 2026, from Xi’an’s 30 billion yuan of photonics to Zhuhai’s 200,000 visitors.',
    ),
  );

  // Chain places: alt text from the diagram's own data.
  for (const s of specs) {
    if (s.alt) continue;
    const id = s.name;
    const prefix = `${id.split('-')[0]}-`;
    const layer = d.manifest.layers.find((l) => l.nodes.some((n) => n.id.startsWith(prefix)));
    const nodes = layer.nodes.filter((n) => n.id.startsWith(prefix));
    const describe = (lang) =>
      nodes
        .flatMap((n) => n.figures)
        .map((fg) => {
          const value = formatQualifiedNumber(fg.value, fg.qualifier, lang);
          return lang === 'en'
            ? `${value} ${fg.unit?.en ?? ''}`.trim()
            : `${value}${fg.unit?.[lang] ?? ''}${fg.label[lang]}`;
        })
        .join(lang === 'en' ? ', ' : '、');
    s.alt = L(
      `产业链图：${d.place(id).name['zh-Hans']}的链上党建，${describe('zh-Hans')}；背景为该区一带的地形。`,
      `Chain diagram of ${d.place(id).name.en}: ${describe('en')}; the zone’s land lies behind it.`,
    );
  }
  return specs;
}

/** The film's poster: the whole table with every place, no text. */
function posterSpec(d) {
  return {
    id: 'video.spark-to-momentum',
    draw(c) {
      background(c, '#1b0906');
      mapView(c, d, {
        lon: 113.5,
        lat: 30.5,
        span: 23,
        x: 0,
        y: 0,
        w: W,
        h: H,
        focus: ['south-lake-red-boat'],
        labels: false,
      });
    },
  };
}

// ------------------------------------------------------------------------------------------
// Rendering and output

/** PNG of an SVG at a given width (resvg: no system fonts needed, text is already paths). */
function renderPng(svg, width) {
  const plain = svg.replace(/href="data:[^"]*"/g, '');
  const bad = /NaN|Infinity|(?:width|height)="-/.exec(plain);
  if (bad)
    throw new Error(
      `drawing has an invalid number near "${plain.slice(Math.max(0, bad.index - 80), bad.index + 20)}"`,
    );
  return new Resvg(svg, { fitTo: { mode: 'width', value: width }, font: { loadSystemFonts: false } })
    .render()
    .asPng();
}

/** WebP bytes of a PNG (ImageMagick, metadata stripped: the same input gives the same bytes). */
export function webp(png, quality) {
  const r = spawnSync(
    'convert',
    ['png:-', '-strip', '-quality', String(quality), '-define', 'webp:method=5', 'webp:-'],
    { input: png, maxBuffer: 1 << 28 },
  );
  if (r.error) throw new Error(`convert: ${r.error.message} (install imagemagick)`);
  if (r.status !== 0) throw new Error(`convert exited ${r.status}: ${String(r.stderr).slice(-500)}`);
  return r.stdout;
}

/** The bytes of one picture: per language, or the text-free thumbnail (`lang` null). */
export function drawPicture(spec, lang) {
  const c = new Canvas(lang ?? 'zh-Hans', lang === null);
  spec.draw(c);
  if (process.env.ARTWORK_TRACE) console.log(`  ${spec.id} ${lang ?? 'thumb'}`);
  return lang === null ? webp(renderPng(c.svg(), THUMB_W), 82) : webp(renderPng(c.svg(), W), 86);
}

/** The pack's data the pictures are drawn from. */
export function loadData() {
  const manifest = JSON.parse(readFileSync(path.join(PACK_DIR, 'pack.json'), 'utf8'));
  const rivers = JSON.parse(readFileSync(path.join(PACK_DIR, manifest.media['base.rivers'].src), 'utf8'));
  const byId = new Map(manifest.places.map((p) => [p.id, p]));
  return {
    manifest,
    rivers,
    place(id) {
      const p = byId.get(id);
      if (!p) throw new Error(`pack.json has no place "${id}"`);
      return p;
    },
  };
}

const SOURCES = [
  'scripts/make-default-artwork.mjs',
  'scripts/lib/relief.mjs',
  'scripts/lib/text-paths.mjs',
  'renderer/src/i18n/format-figure.ts',
];

/** Hash of everything the pictures depend on: data, code, font and renderer versions. */
export function inputsHash(d = loadData()) {
  const h = createHash('sha256');
  const { places, categories, layers, stats, timelines, sandTable } = d.manifest;
  h.update(JSON.stringify({ places, categories, layers, stats, timelines, bounds: sandTable.bounds }));
  h.update(JSON.stringify(d.rivers));
  for (const file of SOURCES) h.update(readFileSync(path.join(ROOT, file)));
  for (const pkg of [
    '@fontsource/noto-sans',
    '@fontsource/noto-sans-sc',
    '@fontsource/noto-serif',
    '@fontsource/noto-serif-sc',
    '@resvg/resvg-js',
    'fontkit',
  ]) {
    h.update(
      `${pkg}@${JSON.parse(readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version}`,
    );
  }
  return h.digest('hex');
}

/** Pack paths of one picture's files. */
export function picturePaths(spec) {
  if (spec.id.startsWith('video.'))
    return {
      poster: 'media/video/spark-to-momentum.poster.webp',
      thumbnail: 'media/video/spark-to-momentum.thumb.webp',
    };
  const base = `media/${spec.dir}/${spec.name}`;
  return {
    src: Object.fromEntries(LANGS.map((l) => [l, `${base}.${l}.webp`])),
    thumbnail: `${base}.thumb.webp`,
  };
}

function writeAtomic(rel, bytes) {
  const file = path.join(PACK_DIR, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
}

async function writeManifest(manifest) {
  const file = path.join(PACK_DIR, 'pack.json');
  const options = (await prettier.resolveConfig(file)) ?? {};
  const text = await prettier.format(JSON.stringify(manifest), {
    ...options,
    parser: 'json',
    filepath: file,
  });
  if (text !== readFileSync(file, 'utf8')) writeAtomic('pack.json', text);
}

async function main() {
  const args = process.argv.slice(2);
  const onlyArg = args.find((a) => a.startsWith('--only'));
  const only = onlyArg
    ? new Set((onlyArg.split('=')[1] ?? args[args.indexOf(onlyArg) + 1]).split(','))
    : undefined;
  const d = loadData();
  const specs = pictureSpecs(d);
  const poster = posterSpec(d);
  const hash = inputsHash(d);
  const expected = [...specs, poster].flatMap((s) => {
    const p = picturePaths(s);
    return [...Object.values(p.src ?? {}), p.thumbnail, p.poster].filter(Boolean);
  });
  if (
    args.includes('--if-changed') &&
    existsSync(STAMP) &&
    readFileSync(STAMP, 'utf8').trim() === hash &&
    expected.every((f) => existsSync(path.join(PACK_DIR, f)))
  ) {
    console.log(`artwork: up to date (${expected.length} files)`);
    return;
  }
  const started = Date.now();
  let written = 0;
  for (const spec of specs) {
    if (only && !only.has(spec.name)) continue;
    const paths = picturePaths(spec);
    for (const lang of LANGS) writeAtomic(paths.src[lang], drawPicture(spec, lang));
    writeAtomic(paths.thumbnail, drawPicture(spec, null));
    written += 3;
    const media = d.manifest.media[spec.id] ?? { kind: 'image' };
    d.manifest.media[spec.id] = {
      kind: 'image',
      src: paths.src,
      thumbnail: paths.thumbnail,
      alt: spec.alt,
      credit: media.credit,
      illustration: true,
      width: W,
      height: H,
    };
  }
  if (!only) {
    const paths = picturePaths(poster);
    const c = new Canvas('zh-Hans', true);
    poster.draw(c);
    writeAtomic(paths.poster, webp(renderPng(c.svg(), 1280), 84));
    writeAtomic(paths.thumbnail, webp(renderPng(c.svg(), THUMB_W), 82));
    written += 2;
    const video = d.manifest.media[poster.id];
    video.poster = paths.poster;
    video.thumbnail = paths.thumbnail;
    // Images no picture spec draws any more are removed from the manifest.
    for (const id of Object.keys(d.manifest.media)) {
      if (/^img\.(place|event)\./.test(id) && !specs.some((s) => s.id === id)) delete d.manifest.media[id];
    }
  }
  await writeManifest(d.manifest);
  if (!only) writeFileSync(STAMP, `${inputsHash(loadData())}\n`);
  console.log(`artwork: ${written} files in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`make-default-artwork: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
