/**
 * Words a visitor must never read: software and tool names, production notes ("synthetic",
 * "placeholder", "not a photograph") and the debris of a broken template ("undefined", "NaN").
 * PRODUCT.md: visitors see the exhibit, never the machinery. Credits and provenance belong on the
 * About & credits panel, which marks its root with {@link CREDITS_ATTRIBUTE} and is exempt.
 *
 * One list for every checker: the visitor-audit e2e spec reads the visible text of each state
 * against it, and pack tooling may check a pack's visitor texts with {@link findVisitorWords}.
 * Extend the list here (with a reason in the comment) rather than in a checker.
 */

/** Elements carrying this attribute (the About & credits panel) may name tools and licences. */
export const CREDITS_ATTRIBUTE = 'data-credits';

/**
 * A forbidden word. Latin words match whole words, case-insensitively unless `caseSensitive`
 * (software names that are also English words: "React", "Electron"); CJK words match anywhere.
 */
export type VisitorWord = { word: string; why: string; caseSensitive?: boolean };

export const FORBIDDEN_VISITOR_WORDS: readonly VisitorWord[] = [
  // The machinery's own names.
  { word: 'Hall Kiosk', why: 'the software name' },
  { word: 'hallpack', why: 'the pack tool' },
  { word: 'Electron', caseSensitive: true, why: 'a software name' },
  { word: 'Chromium', why: 'a software name' },
  { word: 'WebGL', why: 'a technology name' },
  { word: 'three.js', why: 'a library name' },
  { word: 'React', caseSensitive: true, why: 'a library name' },
  { word: 'espeak', why: 'a speech-synthesis tool' },
  { word: 'espeak-ng', why: 'a speech-synthesis tool' },
  { word: 'resvg', why: 'an image tool' },
  { word: 'ffmpeg', why: 'a media tool' },
  { word: 'ImageMagick', why: 'an image tool' },
  { word: 'GeoJSON', why: 'a file format' },
  { word: 'JSON', why: 'a file format' },
  { word: 'pack.json', why: 'a file name' },
  { word: '默认展包', why: '"default pack": production wording' },
  { word: '内容包', why: '"content pack": staff wording' },
  // How something was made (belongs on the credits panel).
  { word: 'synthetic', why: 'production note' },
  { word: 'synthesised', why: 'production note' },
  { word: 'synthesized', why: 'production note' },
  { word: '合成语音', why: 'production note ("synthesised voice")' },
  { word: 'illustration', why: 'production note (say it on the credits panel)' },
  { word: 'placeholder', why: 'production note' },
  { word: '占位', why: 'production note ("placeholder")' },
  { word: 'not a photograph', why: 'production note' },
  { word: '并非照片', why: 'production note ("not a photograph")' },
  { word: '示意图', why: 'production note ("schematic illustration")' },
  { word: 'lorem', why: 'template filler' },
  { word: 'TODO', why: 'a note to developers' },
  { word: 'FIXME', why: 'a note to developers' },
  { word: 'debug', why: 'a developer word' },
  { word: '调试', why: 'a developer word ("debug")' },
  // Template debris.
  { word: 'undefined', why: 'a missing value' },
  { word: 'null', why: 'a missing value' },
  { word: 'NaN', why: 'a broken number' },
  { word: '[object Object]', why: 'a broken value' },
  { word: '{count}', why: 'an unfilled placeholder' },
];

const LATIN = /^[\x20-\x7e]+$/;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function matcher({ word, caseSensitive }: VisitorWord): RegExp {
  if (!LATIN.test(word)) return new RegExp(escape(word), 'u');
  // Whole words for Latin ("React" must not match "reaction"); `{count}` and `[object Object]`
  // start or end in punctuation, where \b would not hold.
  const start = /^\w/.test(word) ? '(?<![\\p{L}\\p{N}_])' : '';
  const end = /\w$/.test(word) ? '(?![\\p{L}\\p{N}_])' : '';
  return new RegExp(`${start}${escape(word)}${end}`, caseSensitive === true ? 'u' : 'iu');
}

const MATCHERS = FORBIDDEN_VISITOR_WORDS.map((w) => ({ ...w, re: matcher(w) }));

/** The forbidden words `text` contains (each once, in list order). */
export function findVisitorWords(text: string): VisitorWord[] {
  return MATCHERS.filter((m) => m.re.test(text)).map(({ re: _re, ...word }) => word);
}
