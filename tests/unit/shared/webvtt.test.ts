import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  activeCueIndex,
  cuePlainText,
  cueVoice,
  formatVttTimestamp,
  parseVttTimestamp,
  parseWebVtt,
} from '../../../electron/shared/webvtt';

const good = [
  'WEBVTT - narration',
  'Kind: captions',
  '',
  'NOTE written for the hall',
  'spans two lines',
  '',
  'STYLE',
  '::cue { color: white }',
  '',
  'intro',
  '00:00.000 --> 00:02.500 align:center line:90%',
  '<v Narrator>南湖红船</v>',
  '',
  '00:00:02.500 --> 00:00:05.000',
  'Line one &amp; <i>two</i>',
  'second line',
  '',
].join('\n');

describe('parseWebVtt', () => {
  it('reads a valid file with header, NOTE, STYLE, ids and settings', () => {
    const r = parseWebVtt(good);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.cues).toHaveLength(2);
    expect(r.cues[0]).toEqual({
      id: 'intro',
      start: 0,
      end: 2.5,
      text: '<v Narrator>南湖红船</v>',
      settings: { align: 'center', line: '90%' },
      line: 11,
    });
    expect(r.cues[1]?.text).toBe('Line one &amp; <i>two</i>\nsecond line');
    expect(r.cues[1]?.line).toBe(14);
  });
  it('accepts CRLF, CR and a BOM', () => {
    expect(parseWebVtt('\ufeff' + good.replace(/\n/g, '\r\n')).cues).toHaveLength(2);
    expect(parseWebVtt(good.replace(/\n/g, '\r')).cues).toHaveLength(2);
  });
  it('accepts a file with no cues', () => {
    expect(parseWebVtt('WEBVTT\n').ok).toBe(true);
    expect(parseWebVtt('WEBVTT').cues).toEqual([]);
  });

  const bad: [string, string, number, RegExp][] = [
    ['missing signature', '00:00.000 --> 00:01.000\nhi\n', 1, /first line must be "WEBVTT"/],
    ['signature glued to text', 'WEBVTTx\n', 1, /first line/],
    [
      'comma milliseconds (SRT)',
      'WEBVTT\n\n1\n00:00:01,000 --> 00:00:02,000\nhi\n',
      4,
      /not a WebVTT timestamp/,
    ],
    ['missing blank after header', 'WEBVTT\n00:00.000 --> 00:01.000\nhi\n', 2, /blank line must separate/],
    ['end before start', 'WEBVTT\n\n00:05.000 --> 00:01.000\nhi\n', 3, /ends .* before it starts/],
    ['arrow without spaces', 'WEBVTT\n\n00:01.000-->00:02.000\nhi\n', 3, /timing line must read/],
    ['minutes over 59', 'WEBVTT\n\n00:61.000 --> 01:02.000\nhi\n', 3, /not a WebVTT timestamp/],
    [
      'cue text with an arrow (missing blank line)',
      'WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n00:02.000 --> 00:03.000\nthere\n',
      5,
      /must not contain "-->"/,
    ],
    [
      'cues out of order',
      'WEBVTT\n\n00:05.000 --> 00:06.000\na\n\n00:01.000 --> 00:02.000\nb\n',
      6,
      /before the previous cue/,
    ],
    ['orphan identifier', 'WEBVTT\n\nlonely\n', 3, /neither a cue timing line/],
    ['arrow in NOTE', 'WEBVTT\n\nNOTE a --> b\n', 3, /NOTE block must not contain/],
    ['NUL', 'WEBVTT\n\n00:01.000 --> 00:02.000\nh\0i\n', 4, /NUL/],
  ];
  it.each(bad)('reports %s with its line', (_name, text, line, message) => {
    const r = parseWebVtt(text);
    expect(r.ok).toBe(false);
    const problem = r.errors.find((e) => message.test(e.message));
    expect(problem, JSON.stringify(r.errors)).toBeDefined();
    expect(problem?.line).toBe(line);
  });

  it('warns on unknown settings, empty cues and late STYLE', () => {
    const r = parseWebVtt(
      'WEBVTT\n\n00:01.000 --> 00:02.000 colour:red align:middle\nx\n\n00:02.000 --> 00:03.000\n\nSTYLE\n::cue {}\n',
    );
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.line)).toEqual([3, 3, 6, 8]);
  });

  it('never throws on arbitrary input (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        const r = parseWebVtt('WEBVTT\n\n' + s);
        for (const p of [...r.errors, ...r.warnings]) expect(p.line).toBeGreaterThanOrEqual(1);
        for (const c of r.cues) expect(c.end).toBeGreaterThan(c.start);
      }),
    );
  });
});

describe('timestamps and cue text', () => {
  it('parses and formats timestamps', () => {
    expect(parseVttTimestamp('01:02:03.456')).toBeCloseTo(3723.456);
    expect(parseVttTimestamp('02:03.456')).toBeCloseTo(123.456);
    expect(parseVttTimestamp('100:00:00.000')).toBe(360000);
    expect(parseVttTimestamp('1:02.000')).toBeNull();
    expect(formatVttTimestamp(3723.456)).toBe('01:02:03.456');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 359_999_999 }), (ms) => {
        expect(parseVttTimestamp(formatVttTimestamp(ms / 1000))).toBeCloseTo(ms / 1000, 6);
      }),
    );
  });
  it('extracts plain text and voice', () => {
    expect(cuePlainText('<v Narrator>南湖<i>红船</i></v> &lt;1921&gt; &#x4e00;&#20108;')).toBe(
      '南湖红船 <1921> 一二',
    );
    expect(cuePlainText('<00:00:01.000>karaoke <c.yellow>word</c>')).toBe('karaoke word');
    expect(cueVoice('<v.loud Narrator One>hi')).toBe('Narrator One');
    expect(cueVoice('hi')).toBeUndefined();
  });
  it('finds the active cue', () => {
    const cues = [
      { start: 0, end: 2 },
      { start: 2, end: 4 },
      { start: 5, end: 6 },
    ];
    expect(activeCueIndex(cues, 0)).toBe(0);
    expect(activeCueIndex(cues, 2)).toBe(1);
    expect(activeCueIndex(cues, 4.5)).toBe(-1);
    expect(activeCueIndex(cues, 5.5)).toBe(2);
    expect(activeCueIndex(cues, 9)).toBe(-1);
    expect(activeCueIndex([], 1)).toBe(-1);
    expect(
      activeCueIndex(
        [
          { start: 0, end: 10 },
          { start: 1, end: 2 },
        ],
        3,
      ),
    ).toBe(0);
  });
});
