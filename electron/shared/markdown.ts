/**
 * The markdown subset of pack texts, parsed to a small AST that the renderer turns into React
 * elements (never HTML strings) and the lint reads for the characters a visitor will see.
 *
 * Supported: paragraphs (separated by blank lines; a single newline is a line break), `## ` and
 * `### ` headings (`#` is read as `##`), `- ` list items, `**bold**`, `*italic*`, and `\` to escape
 * `*`, `#`, `-` or `\`. Everything else — HTML, links, images, code — is plain text: `<b>` shows as
 * the characters `<b>`. The parser is total: any string gives a document, never an exception.
 */

export type MdInline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: MdInline[] }
  | { type: 'em'; children: MdInline[] }
  | { type: 'break' };

export type MdBlock =
  | { type: 'paragraph'; children: MdInline[] }
  | { type: 'heading'; level: 2 | 3; children: MdInline[] }
  | { type: 'list'; items: MdInline[][] };

export type MdDocument = { type: 'document'; blocks: MdBlock[] };

/** Longest input parsed; the rest is cut (pack texts are short; this bounds the work). */
export const MAX_MARKDOWN_LENGTH = 100_000;

const ESCAPABLE = new Set(['*', '#', '-', '\\']);

/** Lines longer than this are shown as plain text (no emphasis): bounds the work per line. */
const MAX_INLINE_LINE = 10_000;

type Tok = {
  prev: Tok | undefined;
  next: Tok | undefined;
  /** Text, a finished inline node, or a run of `*` that may still open or close emphasis. */
  item: { kind: 'text'; text: string } | { kind: 'node'; node: MdInline } | { kind: 'delim'; count: number };
  canOpen: boolean;
  canClose: boolean;
};

function pushText(out: MdInline[], text: string): void {
  if (text === '') return;
  const last = out[out.length - 1];
  if (last?.type === 'text') last.text += text;
  else out.push({ type: 'text', text });
}

/** Inline nodes of the tokens from `from` up to (not including) `to`. */
function collect(from: Tok | undefined, to: Tok | undefined): MdInline[] {
  const out: MdInline[] = [];
  for (let t = from; t && t !== to; t = t.next) {
    const it = t.item;
    if (it.kind === 'text') pushText(out, it.text);
    else if (it.kind === 'delim') pushText(out, '*'.repeat(it.count));
    else out.push(it.node);
  }
  return out;
}

const isSpace = (c: string | undefined): boolean => c === undefined || /\s/.test(c);

/**
 * Parses inline markup of one line: `**strong**`, `*em*`, escapes. A simplified CommonMark
 * delimiter algorithm: a run of `*` can open when followed by non-space and close when preceded
 * by non-space; each closer takes the nearest opener. Linear in practice, never throws.
 */
function parseInline(s: string): MdInline[] {
  if (s.length > MAX_INLINE_LINE) return s === '' ? [] : [{ type: 'text', text: s }];
  const head: Tok = {
    prev: undefined,
    next: undefined,
    item: { kind: 'text', text: '' },
    canOpen: false,
    canClose: false,
  };
  let tail = head;
  const append = (item: Tok['item'], canOpen = false, canClose = false): Tok => {
    const tok: Tok = { prev: tail, next: undefined, item, canOpen, canClose };
    tail.next = tok;
    tail = tok;
    return tok;
  };
  let buf = '';
  const delims: Tok[] = [];
  for (let i = 0; i < s.length;) {
    const c = s[i];
    if (c === '\\' && ESCAPABLE.has(s[i + 1] ?? '')) {
      buf += s[i + 1];
      i += 2;
      continue;
    }
    if (c === '*') {
      let j = i;
      while (s[j] === '*') j++;
      if (buf !== '') append({ kind: 'text', text: buf });
      buf = '';
      delims.push(append({ kind: 'delim', count: j - i }, !isSpace(s[j]), i > 0 && !isSpace(s[i - 1])));
      i = j;
      continue;
    }
    buf += c;
    i++;
  }
  if (buf !== '') append({ kind: 'text', text: buf });

  // Process emphasis: `stack` holds possible openers, left to right.
  const stack: Tok[] = [];
  let bottom = 0;
  for (const closer of delims) {
    const cd = closer.item as { kind: 'delim'; count: number };
    if (closer.canClose) {
      while (cd.count > 0) {
        let k = stack.length - 1;
        while (k >= bottom && (stack[k]?.item as { count: number }).count === 0) k--;
        const opener = k >= bottom ? stack[k] : undefined;
        if (!opener) {
          bottom = stack.length;
          break;
        }
        const od = opener.item as { kind: 'delim'; count: number };
        const use = od.count >= 2 && cd.count >= 2 ? 2 : 1;
        const children = collect(opener.next, closer);
        const node: MdInline = use === 2 ? { type: 'strong', children } : { type: 'em', children };
        const wrapped: Tok = {
          prev: opener,
          next: closer,
          item: { kind: 'node', node },
          canOpen: false,
          canClose: false,
        };
        opener.next = wrapped;
        closer.prev = wrapped;
        od.count -= use;
        cd.count -= use;
        stack.length = k + 1; // openers inside the new node are gone
        if (od.count === 0) stack.pop();
        if (bottom > stack.length) bottom = stack.length;
      }
    }
    if (closer.canOpen && cd.count > 0) stack.push(closer);
  }
  return collect(head.next, undefined);
}

/** Inline content of several lines joined by line breaks. */
function parseLines(lines: readonly string[]): MdInline[] {
  const out: MdInline[] = [];
  lines.forEach((line, k) => {
    if (k > 0) out.push({ type: 'break' });
    for (const node of parseInline(line)) {
      if (node.type === 'text') pushText(out, node.text);
      else out.push(node);
    }
  });
  return out;
}

const HEADING_RE = /^(#{1,3})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const LIST_RE = /^[ \t]{0,3}-[ \t]+(.*)$/;

/** Parses the markdown subset. Total: never throws. */
export function parseMarkdown(source: string): MdDocument {
  const text = source.length > MAX_MARKDOWN_LENGTH ? source.slice(0, MAX_MARKDOWN_LENGTH) : source;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: MdBlock[] = [];
  let paragraph: string[] = [];
  let list: MdInline[][] | undefined;

  const flush = (): void => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', children: parseLines(paragraph) });
    paragraph = [];
    if (list) blocks.push({ type: 'list', items: list });
    list = undefined;
  };

  for (const raw of lines) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      flush();
      continue;
    }
    const heading = HEADING_RE.exec(line);
    if (heading && !line.startsWith('\\')) {
      flush();
      const level = (heading[1] ?? '').length === 3 ? 3 : 2;
      blocks.push({ type: 'heading', level, children: parseInline(heading[2] ?? '') });
      continue;
    }
    const item = LIST_RE.exec(line);
    if (item) {
      if (paragraph.length > 0) flush();
      list ??= [];
      list.push(parseInline(item[1] ?? ''));
      continue;
    }
    if (list) {
      // A line that continues a list item (no blank line in between) joins that item.
      const last = list[list.length - 1];
      if (last) {
        last.push({ type: 'break' }, ...parseInline(line.trim()));
        continue;
      }
    }
    paragraph.push(line.trim());
  }
  flush();
  return { type: 'document', blocks };
}

function inlineText(nodes: readonly MdInline[]): string {
  let s = '';
  for (const n of nodes) {
    switch (n.type) {
      case 'text':
        s += n.text;
        break;
      case 'break':
        s += '\n';
        break;
      case 'strong':
      case 'em':
        s += inlineText(n.children);
        break;
    }
  }
  return s;
}

/** The text a visitor sees, blocks separated by blank lines: for glyph checks and search. */
export function markdownToPlainText(source: string): string {
  const parts: string[] = [];
  for (const b of parseMarkdown(source).blocks) {
    switch (b.type) {
      case 'paragraph':
      case 'heading':
        parts.push(inlineText(b.children));
        break;
      case 'list':
        parts.push(b.items.map(inlineText).join('\n'));
        break;
    }
  }
  return parts.join('\n\n');
}
