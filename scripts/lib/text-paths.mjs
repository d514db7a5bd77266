/**
 * Text as SVG paths, set in the fonts the kiosk itself ships (@fontsource Noto Sans / Noto Serif
 * for Latin, Noto Sans SC / Noto Serif SC for Chinese), read with fontkit. Drawing glyphs as
 * paths keeps the artwork independent of the fonts installed on the machine that renders it, and
 * lets a layout measure text exactly before it places it.
 *
 * Latin text is set in the Latin faces (a CJK face draws ’ and “ ” full width); Chinese text and
 * its punctuation in the SC faces, whose files are split by `unicode-range` as the CSS says.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FONTSOURCE = path.join(ROOT, 'node_modules/@fontsource');

const opened = new Map();
function open(file) {
  let font = opened.get(file);
  if (!font) {
    font = fontkit.openSync(file);
    opened.set(file, font);
  }
  return font;
}

function parseRanges(text) {
  return text.split(',').map((part) => {
    const token = part.trim().replace(/^U\+/i, '');
    const [a, b] = token.split('-');
    const lo = parseInt(a, 16);
    return [lo, b === undefined ? lo : parseInt(b, 16)];
  });
}

/** The SC subset files of a family and weight with their code point ranges, from the CSS. */
const subsetCache = new Map();
function cjkSubsets(pkg, weight) {
  const key = `${pkg}/${weight}`;
  let list = subsetCache.get(key);
  if (!list) {
    const css = readFileSync(path.join(FONTSOURCE, pkg, `${weight}.css`), 'utf8');
    list = [...css.matchAll(/url\(\.\/files\/([^)]+\.woff2)\)[^}]*?unicode-range:\s*([^;]+);/gs)].map(
      (m) => ({
        file: path.join(FONTSOURCE, pkg, 'files', m[1]),
        ranges: parseRanges(m[2]),
      }),
    );
    subsetCache.set(key, list);
  }
  return list;
}

const FAMILIES = {
  sans: { latin: 'noto-sans', cjk: 'noto-sans-sc' },
  serif: { latin: 'noto-serif', cjk: 'noto-serif-sc' },
};

const isCjk = (cp) =>
  (cp >= 0x2e80 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xffef);
const isPunctuation = (cp) => (cp >= 0x2000 && cp <= 0x206f) || (cp >= 0x3000 && cp <= 0x303f) || cp === 0xb7;

/** The font file for one character. */
function fontFileFor(cp, family, weight, zh) {
  const names = FAMILIES[family];
  const latin = path.join(FONTSOURCE, names.latin, 'files', `${names.latin}-latin-${weight}-normal.woff2`);
  const wantCjk = isCjk(cp) || (zh && isPunctuation(cp));
  if (!wantCjk && open(latin).hasGlyphForCodePoint(cp)) return latin;
  for (const subset of cjkSubsets(names.cjk, weight)) {
    if (subset.ranges.some(([a, b]) => cp >= a && cp <= b)) return subset.file;
  }
  return latin;
}

const round = (n) => Math.round(n * 100) / 100;

/**
 * Lays out one line. Returns its advance width and `path(x, y)`, the SVG path data of the line
 * with its baseline starting at (x, y).
 */
export function shapeLine(text, { size, family = 'sans', weight = 400, zh = false }) {
  const runs = [];
  for (const ch of text) {
    const file = fontFileFor(ch.codePointAt(0), family, weight, zh);
    const last = runs[runs.length - 1];
    if (last && last.file === file) last.text += ch;
    else runs.push({ file, text: ch });
  }
  const glyphs = [];
  let pen = 0;
  for (const run of runs) {
    const font = open(run.file);
    const k = size / font.unitsPerEm;
    const layout = font.layout(run.text);
    layout.glyphs.forEach((glyph, i) => {
      const pos = layout.positions[i];
      glyphs.push({ glyph, k, x: pen + pos.xOffset * k, y: -pos.yOffset * k });
      pen += pos.xAdvance * k;
    });
  }
  return {
    width: pen,
    path(x, y) {
      const parts = [];
      for (const g of glyphs) {
        const d = commandsToPath(g.glyph.path.commands, g.k, x + g.x, y + g.y);
        if (d) parts.push(d);
      }
      return parts.join('');
    },
  };
}

function commandsToPath(commands, k, dx, dy) {
  const X = (v) => round(dx + v * k);
  const Y = (v) => round(dy - v * k);
  let d = '';
  for (const c of commands) {
    const a = c.args;
    switch (c.command) {
      case 'moveTo':
        d += `M${X(a[0])} ${Y(a[1])}`;
        break;
      case 'lineTo':
        d += `L${X(a[0])} ${Y(a[1])}`;
        break;
      case 'quadraticCurveTo':
        d += `Q${X(a[0])} ${Y(a[1])} ${X(a[2])} ${Y(a[3])}`;
        break;
      case 'bezierCurveTo':
        d += `C${X(a[0])} ${Y(a[1])} ${X(a[2])} ${Y(a[3])} ${X(a[4])} ${Y(a[5])}`;
        break;
      case 'closePath':
        d += 'Z';
        break;
    }
  }
  return d;
}

/** Width of a line of text. */
export const measure = (text, style) => shapeLine(text, style).width;

/**
 * Breaks text into lines no wider than `maxWidth`: Latin at spaces, Chinese between characters
 * (never before closing punctuation).
 */
export function wrapLines(text, maxWidth, style) {
  const zh = /[\u2e80-\u9fff]/.test(text);
  const tokens = zh ? [...text] : text.split(' ').map((t, i) => (i === 0 ? t : ` ${t}`));
  const lines = [];
  let line = '';
  for (const token of tokens) {
    const next = line + token;
    const closing = /^[，。、；：！？）》”’·]/.test(token);
    if (line && !closing && measure(next, style) > maxWidth) {
      lines.push(line);
      line = token.trimStart();
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}
