/**
 * HTML from TimelineJS text fields → the pack's markdown subset, and back for export.
 *
 * A pack never carries HTML (PRODUCT.md: no scripts, no HTML), so imported text keeps only what
 * the subset can say — paragraphs, **bold**, *italic*, lists, `##` headings — and everything else
 * becomes plain text. The converter is a small tokenizer, not a DOM: it never evaluates anything,
 * drops the content of script-like elements entirely, and reports what it could not keep.
 */

export type HtmlConversion = {
  markdown: string;
  /** Things that were in the HTML and are not in the markdown (tag names, link targets …). */
  dropped: string[];
};

/** Elements whose content is never text a visitor should read. */
const DROP_CONTENT = new Set([
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'template',
  'noscript',
  'svg',
  'math',
  'video',
  'audio',
  'canvas',
  'select',
  'textarea',
  'head',
  'title',
]);
const VOID = new Set([
  'br',
  'hr',
  'img',
  'wbr',
  'input',
  'meta',
  'link',
  'source',
  'track',
  'area',
  'base',
  'col',
  'param',
]);
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'aside',
  'main',
  'nav',
  'blockquote',
  'figure',
  'figcaption',
  'address',
  'pre',
  'table',
  'thead',
  'tbody',
  'tr',
  'dl',
  'dt',
  'dd',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'hr',
]);
/** Inline elements whose text is kept without remark. */
const PLAIN_INLINE = new Set([
  'span',
  'u',
  'small',
  'sub',
  'sup',
  'mark',
  'abbr',
  'cite',
  'q',
  'time',
  'font',
  'code',
  'kbd',
  'samp',
  'var',
  'del',
  's',
  'ins',
  'bdi',
  'bdo',
  'dfn',
  'label',
  'td',
  'th',
  'caption',
  'tfoot',
]);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  middot: '·',
  bull: '•',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  times: '×',
  eacute: 'é',
  egrave: 'è',
  uuml: 'ü',
  ouml: 'ö',
  auml: 'ä',
  zwj: '',
  zwnj: '',
  shy: '',
};

/** Decodes HTML character references; unknown named ones stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(
    /&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});/g,
    (whole, ref: string) => {
      if (ref[0] === '#') {
        const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
        // Control characters and surrogates are not text.
        if (!Number.isFinite(code) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || code < 0x20)
          return ' ';
        return String.fromCodePoint(code);
      }
      return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
    },
  );
}

/**
 * Escapes text so the markdown renderer (electron/shared/markdown.ts) shows it literally: its
 * only inline markup is `*`, and `\` escapes `*`, `#`, `-` and `\` — nothing else.
 */
function escapeInline(text: string): string {
  return text.replace(/([\\*])/g, '\\$1');
}

function escapeLineStart(line: string): string {
  // A paragraph that happens to start like a heading or a list item must stay a paragraph.
  return line.replace(/^(\s*)(#+[ \t]|-[ \t])/, (_m, sp: string, marker: string) => `${sp}\\${marker}`);
}

type Token =
  | { kind: 'text'; text: string }
  | { kind: 'open'; name: string; attrs: string; selfClosing: boolean }
  | { kind: 'close'; name: string };

function tokenize(html: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      tokens.push({ kind: 'text', text: html.slice(i) });
      break;
    }
    if (lt > i) tokens.push({ kind: 'text', text: html.slice(i, lt) });
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html.startsWith('<!', lt) || html.startsWith('<?', lt)) {
      const end = html.indexOf('>', lt);
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    const m = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/.exec(html.slice(lt, lt + 4096));
    if (!m || m[2] === undefined) {
      if (/^<\/?[a-zA-Z]/.test(html.slice(lt, lt + 3))) {
        // A tag that never closes: like a browser, nothing of it is text.
        tokens.push({ kind: 'open', name: '(unterminated tag)', attrs: '', selfClosing: true });
        const end = html.indexOf('>', lt);
        i = end < 0 ? html.length : end + 1;
        continue;
      }
      // A lone "<" is text (e.g. "a < b").
      tokens.push({ kind: 'text', text: '<' });
      i = lt + 1;
      continue;
    }
    const name = m[2].toLowerCase();
    const attrs = m[3] ?? '';
    if (m[1] === '/') tokens.push({ kind: 'close', name });
    else tokens.push({ kind: 'open', name, attrs, selfClosing: /\/\s*$/.test(attrs) || VOID.has(name) });
    i = lt + m[0].length;
  }
  return tokens;
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(attrs);
  if (!m) return undefined;
  return decodeEntities(m[1] ?? m[2] ?? m[3] ?? '');
}

/**
 * Converts HTML to the markdown subset. Plain text without tags passes through (with line breaks
 * kept as paragraph breaks when doubled). Never returns raw HTML.
 */
export function htmlToMarkdown(html: string): HtmlConversion {
  const dropped = new Set<string>();
  const blocks: string[] = [];
  let line = '';
  const lists: { ordered: boolean; n: number }[] = [];
  let pendingItemPrefix: string | null = null;
  let heading = false;
  let skipDepth = 0;
  let skipName = '';
  let bold = 0;
  let italic = 0;

  const hasTags = /<[a-zA-Z/!?]/.test(html);
  const source = hasTags
    ? html
    : html
        .replace(/\r\n?/g, '\n')
        .replace(/\n{2,}/g, '<p>')
        .replace(/\n/g, '<br>');

  const flush = () => {
    const text = line
      .replace(/[ \t]+/g, ' ')
      .replace(/ *\n */g, '\n')
      .trim();
    line = '';
    if (text.replace(/\*+/g, '').trim() === '') {
      if (pendingItemPrefix === null) return;
    }
    if (pendingItemPrefix !== null) {
      const indent = '  '.repeat(Math.max(0, lists.length - 1));
      blocks.push(`${indent}${pendingItemPrefix}${text}`);
      pendingItemPrefix = null;
      return;
    }
    if (text === '') return;
    blocks.push(
      heading ? `## ${text.replace(/\n/g, ' ')}` : text.split('\n').map(escapeLineStart).join('\n'),
    );
  };

  // Where each open marker was written, so an element with no text leaves no "****" behind.
  const openAt: Record<string, number> = {};
  const emitMarker = (marker: string, opening: boolean) => {
    if (opening) {
      openAt[marker] = line.length;
      line += marker;
      return;
    }
    // "**bold **" → "**bold** ": markers must hug the text they wrap.
    const trailing = /\s+$/.exec(line)?.[0] ?? '';
    const body = line.slice(0, line.length - trailing.length);
    const at = openAt[marker];
    if (at !== undefined && body.length === at + marker.length) line = body.slice(0, at) + trailing;
    else line = body + marker + trailing;
    delete openAt[marker];
  };

  for (const t of tokenize(source)) {
    if (skipDepth > 0) {
      if (t.kind === 'open' && t.name === skipName && !t.selfClosing) skipDepth++;
      if (t.kind === 'close' && t.name === skipName) skipDepth--;
      continue;
    }
    if (t.kind === 'text') {
      const text = decodeEntities(t.text).replace(/\s+/g, ' ');
      if (text.trim() === '' && line === '') continue;
      let out = escapeInline(text);
      // Opening markers must hug the following text as well.
      const justOpened = line.length === (openAt['**'] ?? -9) + 2 || line.length === (openAt['*'] ?? -9) + 1;
      if (justOpened && /^\s/.test(out)) out = out.trimStart();
      line += out;
      continue;
    }
    const name = t.name;
    if (t.kind === 'open' && DROP_CONTENT.has(name)) {
      dropped.add(`<${name}>`);
      if (!t.selfClosing) {
        skipDepth = 1;
        skipName = name;
      }
      continue;
    }
    if (name === 'br') {
      if (t.kind === 'open') line += '\n';
      continue;
    }
    if (name === 'img') {
      const alt = attr(t.kind === 'open' ? t.attrs : '', 'alt');
      dropped.add('<img>');
      if (alt) line += escapeInline(alt);
      continue;
    }
    if (name === 'b' || name === 'strong') {
      if (t.kind === 'open') {
        if (bold++ === 0) emitMarker('**', true);
      } else if (bold > 0 && --bold === 0) emitMarker('**', false);
      continue;
    }
    if (name === 'i' || name === 'em') {
      if (t.kind === 'open') {
        if (italic++ === 0) emitMarker('*', true);
      } else if (italic > 0 && --italic === 0) emitMarker('*', false);
      continue;
    }
    if (name === 'a') {
      if (t.kind === 'open') {
        const href = attr(t.attrs, 'href');
        if (href) dropped.add(`link ${href}`);
      }
      continue;
    }
    if (BLOCK.has(name)) {
      // Close any bold/italic left open at a block boundary.
      if (bold > 0) {
        emitMarker('**', false);
        bold = 0;
      }
      if (italic > 0) {
        emitMarker('*', false);
        italic = 0;
      }
      flush();
      heading = false;
      if (name === 'ul' || name === 'ol') {
        if (t.kind === 'open') lists.push({ ordered: name === 'ol', n: 0 });
        else lists.pop();
      } else if (name === 'li' && t.kind === 'open') {
        const list = lists[lists.length - 1];
        if (list) {
          list.n++;
          pendingItemPrefix = list.ordered ? `${list.n}. ` : '- ';
        } else pendingItemPrefix = '- ';
      } else if (/^h[1-6]$/.test(name) && t.kind === 'open') {
        heading = true;
      } else if (name === 'table' && t.kind === 'open') {
        dropped.add('<table> layout');
      }
      continue;
    }
    if (!PLAIN_INLINE.has(name) && t.kind === 'open') dropped.add(`<${name}>`);
  }
  if (bold > 0) emitMarker('**', false);
  if (italic > 0) emitMarker('*', false);
  flush();

  // Consecutive list items stay together; everything else is a paragraph of its own.
  let markdown = '';
  blocks.forEach((b, i) => {
    const isItem = /^\s*(- |\d+\. )/.test(b);
    const prevItem = i > 0 && /^\s*(- |\d+\. )/.test(blocks[i - 1] ?? '');
    markdown += i === 0 ? b : isItem && prevItem ? `\n${b}` : `\n\n${b}`;
  });
  return { markdown, dropped: [...dropped] };
}

/** Plain text of an HTML fragment (headlines, captions, credits): tags removed, entities decoded. */
export function htmlToPlainText(html: string): HtmlConversion {
  const { markdown, dropped } = htmlToMarkdown(html);
  const plain = markdown
    .replace(/^## /gm, '')
    .replace(/\*\*|\*/g, (m, offset: number, s: string) => (s[offset - 1] === '\\' ? m : ''))
    .replace(/\\([\\*#-])/g, '$1')
    .replace(/\s*\n+\s*/g, ' ')
    .trim();
  return { markdown: plain, dropped };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function inlineToHtml(text: string): string {
  let out = '';
  let i = 0;
  let bold = false;
  let italic = false;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '\\' && i + 1 < text.length) {
      out += escapeHtml(text[i + 1] ?? '');
      i += 2;
    } else if (text.startsWith('**', i)) {
      out += bold ? '</strong>' : '<strong>';
      bold = !bold;
      i += 2;
    } else if (c === '*') {
      out += italic ? '</em>' : '<em>';
      italic = !italic;
      i += 1;
    } else {
      out += escapeHtml(c);
      i += 1;
    }
  }
  if (italic) out += '</em>';
  if (bold) out += '</strong>';
  return out;
}

/** The markdown subset → HTML for TimelineJS (export, benchmarks). */
export function markdownToHtml(markdown: string): string {
  const out: string[] = [];
  for (const block of markdown.replace(/\r\n?/g, '\n').split(/\n{2,}/)) {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    const first = lines[0] ?? '';
    if (/^#{1,6}\s/.test(first)) {
      out.push(`<h2>${inlineToHtml(first.replace(/^#{1,6}\s+/, ''))}</h2>`);
      continue;
    }
    if (lines.every((l) => /^\s*[-+*]\s/.test(l))) {
      out.push(
        `<ul>${lines.map((l) => `<li>${inlineToHtml(l.replace(/^\s*[-+*]\s+/, ''))}</li>`).join('')}</ul>`,
      );
      continue;
    }
    if (lines.every((l) => /^\s*\d+[.)]\s/.test(l))) {
      out.push(
        `<ol>${lines.map((l) => `<li>${inlineToHtml(l.replace(/^\s*\d+[.)]\s+/, ''))}</li>`).join('')}</ol>`,
      );
      continue;
    }
    out.push(`<p>${lines.map(inlineToHtml).join('<br>')}</p>`);
  }
  return out.join('');
}
