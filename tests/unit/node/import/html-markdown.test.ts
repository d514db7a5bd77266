import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { markdownToPlainText, parseMarkdown } from '../../../../electron/shared/markdown';
import {
  decodeEntities,
  htmlToMarkdown,
  htmlToPlainText,
  markdownToHtml,
} from '../../../../electron/node/import/html-markdown';

describe('htmlToMarkdown', () => {
  const cases: [string, string][] = [
    ['<p>One</p><p>Two</p>', 'One\n\nTwo'],
    ['<p>A <b>bold</b> and <em>quiet</em> word</p>', 'A **bold** and *quiet* word'],
    ['<p><strong> spaced </strong>text</p>', '**spaced** text'],
    ['<p><b></b>empty markers vanish</p>', 'empty markers vanish'],
    ['<ul><li>one</li><li>two</li></ul><p>after</p>', '- one\n- two\n\nafter'],
    ['<ol><li>first</li><li>second</li></ol>', '1. first\n2. second'],
    ['<ul><li>outer<ul><li>inner</li></ul></li></ul>', '- outer\n  - inner'],
    ['<h1>Title</h1><p>body</p>', '## Title\n\nbody'],
    ['line one<br>line two', 'line one\nline two'],
    ['plain text\n\nsecond paragraph', 'plain text\n\nsecond paragraph'],
    ['5 * 3 = 15 and snake_case', '5 \\* 3 = 15 and snake_case'],
    ['<p>1. not escaped</p>', '1. not escaped'],
    ['<p>- not a list</p>', '\\- not a list'],
    ['<p># not a heading</p>', '\\# not a heading'],
    ['Fish &amp; chips &lt;b&gt; &#20013;&#x6587; &nbsp;x', 'Fish & chips <b> 中文 x'],
    ['a < b and c > d', 'a < b and c > d'],
    ['<div>unclosed <b>bold', 'unclosed **bold**'],
    ['<p>x<!-- a comment --> y</p>', 'x y'],
  ];
  it.each(cases)('converts %j', (html, md) => {
    expect(htmlToMarkdown(html).markdown).toBe(md);
  });

  it('drops script-like elements with their content and says so', () => {
    const r = htmlToMarkdown(
      '<script>alert(1)</script><style>p{}</style><p onclick="x()">Kept</p><iframe src="x"></iframe>',
    );
    expect(r.markdown).toBe('Kept');
    expect(r.dropped).toEqual(expect.arrayContaining(['<script>', '<style>', '<iframe>']));
  });
  it('keeps link text and reports the target', () => {
    const r = htmlToMarkdown('<p>See <a href="https://example.org/x">the map</a>.</p>');
    expect(r.markdown).toBe('See the map.');
    expect(r.dropped).toEqual(['link https://example.org/x']);
  });
  it('keeps image alt text', () => {
    const r = htmlToMarkdown('<p><img src="x.png" alt="A boat"> on the lake</p>');
    expect(r.markdown).toBe('A boat on the lake');
    expect(r.dropped).toEqual(['<img>']);
  });
  it('never emits raw HTML (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom(
              '<p>',
              '</p>',
              '<b>',
              '</b>',
              '<i>',
              '</i>',
              '<script>',
              '</script>',
              '<ul>',
              '<li>',
              '</ul>',
              '<br>',
              '<a href="x">',
              '</a>',
              '<img src=x onerror=alert(1)>',
              '<div ',
              '>',
            ),
            fc.string({ maxLength: 12 }),
          ),
          { maxLength: 30 },
        ),
        (parts) => {
          const md = htmlToMarkdown(parts.join('')).markdown;
          expect(md).not.toMatch(/<(script|img|a|p|b|i|ul|li|br|div)[\s>]/i);
          expect(md).not.toMatch(/alert\(1\)/);
        },
      ),
    );
  });
});

describe('what the kiosk renders from the converted text', () => {
  it('shows escaped characters literally and keeps emphasis and lists', () => {
    const md = htmlToMarkdown(
      '<p>5 * 3 = <b>15</b> and snake_case \\ path</p><p># not a heading</p><ul><li>one</li><li><i>two</i></li></ul>',
    ).markdown;
    expect(markdownToPlainText(md)).toBe('5 * 3 = 15 and snake_case \\ path\n\n# not a heading\n\none\ntwo');
    const doc = parseMarkdown(md);
    expect(doc.blocks.map((b) => b.type)).toEqual(['paragraph', 'paragraph', 'list']);
    expect(JSON.stringify(doc)).toContain('"type":"strong"');
    expect(JSON.stringify(doc)).toContain('"type":"em"');
  });
});

describe('plain text and entities', () => {
  it('flattens headlines', () => {
    expect(htmlToPlainText('<b>Founding</b> ceremony &amp; parade').markdown).toBe(
      'Founding ceremony & parade',
    );
    expect(htmlToPlainText('<p>One</p><p>Two</p>').markdown).toBe('One Two');
    expect(htmlToPlainText('5 * 3').markdown).toBe('5 * 3');
  });
  it('refuses control characters and surrogates from references', () => {
    expect(decodeEntities('a&#0;b&#xD800;c&unknown;')).toBe('a b c&unknown;');
  });
});

describe('markdownToHtml', () => {
  it('renders the subset with escaping', () => {
    expect(markdownToHtml('## Head\n\nA **b** *i* <x>\n\n- one\n- two\n\n1. a\n2. b')).toBe(
      '<h2>Head</h2><p>A <strong>b</strong> <em>i</em> &lt;x&gt;</p><ul><li>one</li><li>two</li></ul><ol><li>a</li><li>b</li></ol>',
    );
  });
  it('round-trips markdown produced from HTML', () => {
    for (const html of [
      '<p>A <b>bold</b> word</p><ul><li>x</li><li>y</li></ul>',
      '<h2>T</h2><p>5 * 3 &amp; <i>it</i></p>',
    ]) {
      const md = htmlToMarkdown(html).markdown;
      expect(htmlToMarkdown(markdownToHtml(md)).markdown).toBe(md);
    }
  });
});
