import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownToPlainText, parseMarkdown } from '../../../electron/shared/markdown';
import type { MdInline } from '../../../electron/shared/markdown';

const text = (t: string): MdInline => ({ type: 'text', text: t });

describe('parseMarkdown', () => {
  it('parses paragraphs, line breaks and headings', () => {
    expect(parseMarkdown('## 标题\n\n第一行\n第二行\n\n### Sub').blocks).toEqual([
      { type: 'heading', level: 2, children: [text('标题')] },
      { type: 'paragraph', children: [text('第一行'), { type: 'break' }, text('第二行')] },
      { type: 'heading', level: 3, children: [text('Sub')] },
    ]);
  });

  it('reads # as a level-2 heading and strips closing hashes', () => {
    expect(parseMarkdown('# Top ##').blocks).toEqual([
      { type: 'heading', level: 2, children: [text('Top')] },
    ]);
    expect(parseMarkdown('#hashtag').blocks).toEqual([{ type: 'paragraph', children: [text('#hashtag')] }]);
  });

  it('parses bold, italic and nesting', () => {
    expect(parseMarkdown('a **b** *c* **d *e***').blocks[0]).toEqual({
      type: 'paragraph',
      children: [
        text('a '),
        { type: 'strong', children: [text('b')] },
        text(' '),
        { type: 'em', children: [text('c')] },
        text(' '),
        { type: 'strong', children: [text('d '), { type: 'em', children: [text('e')] }] },
      ],
    });
  });

  it('parses lists, with continuation lines', () => {
    expect(parseMarkdown('intro\n- one\n- **two**\n  more').blocks).toEqual([
      { type: 'paragraph', children: [text('intro')] },
      {
        type: 'list',
        items: [
          [text('one')],
          [{ type: 'strong', children: [text('two')] }, { type: 'break' }, text('more')],
        ],
      },
    ]);
  });

  it('keeps HTML, links and unmatched markers as plain text', () => {
    for (const s of ['<script>alert(1)</script>', '[link](https://x)', '**open', 'a * b', '****', '*']) {
      expect(parseMarkdown(s).blocks).toEqual([{ type: 'paragraph', children: [text(s)] }]);
    }
  });

  it('honours escapes', () => {
    expect(markdownToPlainText('\\*not italic\\* \\- \\# \\\\')).toBe('*not italic* - # \\');
    expect(parseMarkdown('\\## not a heading').blocks[0]?.type).toBe('paragraph');
  });

  it('gives the displayed text for glyph checks', () => {
    expect(markdownToPlainText('## 红船\n\n**一九二一年**，*嘉兴*\n\n- 甲\n- 乙')).toBe(
      '红船\n\n一九二一年，嘉兴\n\n甲\n乙',
    );
  });

  it('handles CRLF and blank input', () => {
    expect(parseMarkdown('a\r\nb').blocks).toEqual([
      { type: 'paragraph', children: [text('a'), { type: 'break' }, text('b')] },
    ]);
    expect(parseMarkdown('').blocks).toEqual([]);
    expect(parseMarkdown(' \n\n ').blocks).toEqual([]);
  });

  it('never throws and stays fast on any input', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('*', '\\', '#', '-', ' ', '\n', 'a', '字', '_') }),
        (s) => {
          const doc = parseMarkdown(s);
          expect(doc.type).toBe('document');
          markdownToPlainText(s);
        },
      ),
      { numRuns: 2000 },
    );
    fc.assert(fc.property(fc.string(), (s) => void parseMarkdown(s)));
    const start = performance.now();
    parseMarkdown('*'.repeat(100_000));
    parseMarkdown('**a *'.repeat(20_000));
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('plain text without markup comes back unchanged', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-zA-Z0-9\u4e00-\u4e2f，。 ]{1,40}$/), (s) => {
        fc.pre(s.trim() !== '');
        expect(markdownToPlainText(s)).toBe(s.trim());
      }),
    );
  });
});
