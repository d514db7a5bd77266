/**
 * Ordering lists the way readers of each language expect: Chinese by pinyin
 * (`Intl.Collator('zh-Hans-u-co-pinyin')`, never by an English name's initial), others by their
 * own collation; and the A–Z index letter of a Chinese name from its pinyin.
 */
import { isChinese } from '../../../electron/shared/dates';

const collators = new Map<string, Intl.Collator>();

/** The collator for `language` (pinyin for Chinese), with numbers compared as numbers. */
export function collatorFor(language: string): Intl.Collator {
  const locale = isChinese(language) ? 'zh-Hans-u-co-pinyin' : language;
  let collator = collators.get(locale);
  if (!collator) {
    collator = new Intl.Collator(locale, { numeric: true });
    collators.set(locale, collator);
  }
  return collator;
}

/** `items` sorted by `name` in `language` (stable; a new array). */
export function sortByName<T>(items: readonly T[], name: (item: T) => string, language: string): T[] {
  const { compare } = collatorFor(language);
  return items
    .map((item, order) => ({ item, order, key: name(item) }))
    .sort((a, b) => compare(a.key, b.key) || a.order - b.order)
    .map((x) => x.item);
}

/**
 * The first character of each initial in pinyin order: a name belongs to the last letter whose
 * boundary it sorts at or after. (No Chinese syllable starts with I, U or V.)
 */
const PINYIN_BOUNDARIES: readonly (readonly [string, string])[] = [
  ['A', '阿'],
  ['B', '八'],
  ['C', '嚓'],
  ['D', '哒'],
  ['E', '妸'],
  ['F', '发'],
  ['G', '旮'],
  ['H', '哈'],
  ['J', '丌'],
  ['K', '咔'],
  ['L', '垃'],
  ['M', '妈'],
  ['N', '拏'],
  ['O', '噢'],
  ['P', '妑'],
  ['Q', '七'],
  ['R', '呥'],
  ['S', '仨'],
  ['T', '他'],
  ['W', '屲'],
  ['X', '夕'],
  ['Y', '丫'],
  ['Z', '帀'],
];

const HAN = /^\p{Script=Han}/u;

/**
 * The pinyin initial (A–Z) of a name that starts with a Chinese character, else `null`. Readings
 * that depend on the word (长沙 is "Changsha") follow the collation's reading; a pack corrects
 * those with a place's `indexKey`.
 */
export function pinyinInitial(name: string): string | null {
  const text = name.trim();
  if (!HAN.test(text)) return null;
  const { compare } = collatorFor('zh-Hans');
  let letter: string | null = null;
  for (const [initial, boundary] of PINYIN_BOUNDARIES) {
    if (compare(text, boundary) >= 0) letter = initial;
    else break;
  }
  return letter;
}
