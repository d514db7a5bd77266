/**
 * Partial dates as historians write them, in Chinese and English.
 *
 * A pack stores dates as `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a leading `-` for years before the
 * common era (`-0221` is 221 BCE: historians' numbering, there is no year 0). This module parses
 * those strings, orders and positions them on a continuous scale, formats them for a visitor in
 * `zh-Hans` or `en` (single dates, ranges, decades, centuries, "circa"), and reads the same human
 * forms back ("April 1949", "1949年4月", "2020s", "2020年代", "221 BCE", "公元前221年"), which the
 * TimelineJS importer uses to translate a `display_date` into the other language.
 *
 * Pure: no Intl dependency, so the output is identical in Node, Chromium and Electron.
 */

/** A date known to the year, the month or the day. `year` never 0; negative means BCE. */
export type PartialDate = {
  year: number;
  month?: number;
  day?: number;
};

/** How precisely a date is known. */
export type DatePrecision = 'year' | 'month' | 'day';

/** A period with optional inclusive end (`to`), as eras and events store it. */
export type Period = { from: string; to?: string | undefined };

/** A date as a person wrote it: one date, a range, a decade or a century, possibly "circa". */
export type HumanDate = {
  kind: 'date' | 'range' | 'decade' | 'century';
  start: PartialDate;
  /** Inclusive end: the last year of a decade or century, the end of a range. */
  end?: PartialDate;
  circa: boolean;
};

const SCHEMA_DATE = /^(-?)(\d{1,6})(?:-(\d{2})(?:-(\d{2}))?)?$/;

const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** True when the language should be written the Chinese way (`zh`, `zh-Hans`, `zh-CN` …). */
export function isChinese(language: string): boolean {
  return language === 'zh' || language.startsWith('zh-');
}

/** Astronomical year (1 BCE = 0, 2 BCE = −1) of a historians' year. */
export function astronomicalYear(year: number): number {
  return year < 0 ? year + 1 : year;
}

/** Historians' year of an astronomical year. */
export function historianYear(astronomical: number): number {
  return astronomical <= 0 ? astronomical - 1 : astronomical;
}

function isLeapAstronomical(a: number): boolean {
  return (a % 4 === 0 && a % 100 !== 0) || a % 400 === 0;
}

/** Days in `month` (1–12) of historians' `year`, proleptic Gregorian. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapAstronomical(astronomicalYear(year)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function validDate(d: PartialDate): boolean {
  if (!Number.isInteger(d.year) || d.year === 0) return false;
  if (d.month === undefined) return d.day === undefined;
  if (!Number.isInteger(d.month) || d.month < 1 || d.month > 12) return false;
  if (d.day === undefined) return true;
  return Number.isInteger(d.day) && d.day >= 1 && d.day <= daysInMonth(d.year, d.month);
}

function make(year: number, month?: number, day?: number): PartialDate {
  const d: PartialDate = { year };
  if (month !== undefined) d.month = month;
  if (day !== undefined) d.day = day;
  return d;
}

/**
 * Parses a pack date string (`1949`, `1949-04`, `1949-04-23`, `-0221`). Returns `null` for
 * anything else, for year 0 (it does not exist) and for impossible days such as `1949-02-30`.
 */
export function parsePartialDate(text: string): PartialDate | null {
  const m = SCHEMA_DATE.exec(text.trim());
  if (!m) return null;
  const sign = m[1] === '-' ? -1 : 1;
  const year = sign * Number(m[2]);
  const d = make(
    year,
    m[3] === undefined ? undefined : Number(m[3]),
    m[4] === undefined ? undefined : Number(m[4]),
  );
  return validDate(d) ? d : null;
}

/** The pack string of a date: years padded to 4 digits, `-` before BCE years. */
export function toPartialDateString(d: PartialDate): string {
  const y = `${d.year < 0 ? '-' : ''}${String(Math.abs(d.year)).padStart(4, '0')}`;
  if (d.month === undefined) return y;
  const m = `${y}-${String(d.month).padStart(2, '0')}`;
  return d.day === undefined ? m : `${m}-${String(d.day).padStart(2, '0')}`;
}

/** How precisely `d` is known. */
export function precisionOf(d: PartialDate): DatePrecision {
  if (d.day !== undefined) return 'day';
  return d.month !== undefined ? 'month' : 'year';
}

function dayOfYear(d: PartialDate): number {
  let n = 0;
  for (let m = 1; m < (d.month ?? 1); m++) n += daysInMonth(d.year, m);
  return n + (d.day ?? 1) - 1;
}

function daysInYear(year: number): number {
  return isLeapAstronomical(astronomicalYear(year)) ? 366 : 365;
}

/**
 * Position of a date on a continuous scale in astronomical years: 1949-07-02 ≈ 1949.5,
 * 1 BCE = 0.0, 221 BCE = −220.0. With `edge: 'end'` the end of the period the date covers
 * (exclusive): `1949` ends at 1950.0, `1949-04` at 1949.33.
 */
export function toDecimalYear(d: PartialDate, edge: 'start' | 'end' = 'start'): number {
  const a = astronomicalYear(d.year);
  if (edge === 'end') {
    if (d.month === undefined) return a + 1;
    if (d.day === undefined) {
      if (d.month === 12) return a + 1;
      return a + dayOfYear(make(d.year, d.month + 1)) / daysInYear(d.year);
    }
    const next = dayOfYear(d) + 1;
    return a + next / daysInYear(d.year);
  }
  return a + dayOfYear(d) / daysInYear(d.year);
}

/** The historians' year containing a position on the decimal scale. */
export function yearAtDecimal(x: number): number {
  return historianYear(Math.floor(x));
}

/** Orders dates by their start; a less precise date sorts before a more precise one of the same start. */
export function compareDates(a: PartialDate, b: PartialDate): number {
  const d = toDecimalYear(a) - toDecimalYear(b);
  if (d !== 0) return d;
  const rank = { year: 0, month: 1, day: 2 } as const;
  return rank[precisionOf(a)] - rank[precisionOf(b)];
}

/** Like {@link compareDates} on pack strings; unparsable strings sort last. */
export function compareDateStrings(a: string, b: string): number {
  const pa = parsePartialDate(a);
  const pb = parsePartialDate(b);
  if (!pa || !pb) return (pa ? 0 : 1) - (pb ? 0 : 1);
  return compareDates(pa, pb);
}

/** `[start, end)` of a period on the decimal scale; an open end is +∞. `null` if unparsable. */
export function periodSpan(period: Period): { start: number; end: number } | null {
  const from = parsePartialDate(period.from);
  if (!from) return null;
  if (period.to === undefined) return { start: toDecimalYear(from), end: Number.POSITIVE_INFINITY };
  const to = parsePartialDate(period.to);
  if (!to) return null;
  return { start: toDecimalYear(from), end: toDecimalYear(to, 'end') };
}

/** True when the start of `date` falls inside `period` (inclusive of its last day/month/year). */
export function periodContains(period: Period, date: string): boolean {
  const span = periodSpan(period);
  const d = parsePartialDate(date);
  if (!span || !d) return false;
  const x = toDecimalYear(d);
  return x >= span.start && x < span.end;
}

/**
 * The period an event belongs to when several overlap: the one that contains its date and starts
 * latest (the most specific chapter); on a tie the shorter, then the first declared.
 */
export function pickContainingPeriod<T extends Period>(periods: readonly T[], date: string): T | undefined {
  let best: { p: T; start: number; length: number } | undefined;
  for (const p of periods) {
    if (!periodContains(p, date)) continue;
    const span = periodSpan(p);
    if (!span) continue;
    const length = span.end - span.start;
    if (!best || span.start > best.start || (span.start === best.start && length < best.length)) {
      best = { p, start: span.start, length };
    }
  }
  return best?.p;
}

// ---------------------------------------------------------------------------------------------
// Formatting

/** A year for display: `1926`, `221 BCE` / `1926年`, `公元前221年`. */
export function formatYear(year: number, language: string): string {
  if (isChinese(language)) return year < 0 ? `公元前${-year}年` : `${year}年`;
  return year < 0 ? `${-year} BCE` : String(year);
}

function enDate(d: PartialDate, withEra: boolean): string {
  const y = withEra ? formatYear(d.year, 'en') : String(Math.abs(d.year));
  if (d.month === undefined) return y;
  const month = EN_MONTHS[d.month - 1] ?? '';
  return d.day === undefined ? `${month} ${y}` : `${d.day} ${month} ${y}`;
}

function zhDate(d: PartialDate, era: 'full' | 'short' | 'none'): string {
  const prefix = d.year < 0 ? (era === 'full' ? '公元前' : era === 'short' ? '前' : '') : '';
  let s = `${prefix}${Math.abs(d.year)}年`;
  if (d.month !== undefined) s += `${d.month}月`;
  if (d.day !== undefined) s += `${d.day}日`;
  return s;
}

/** One date: `23 April 1949`, `April 1949`, `221 BCE` / `1949年4月23日`, `公元前221年`. */
export function formatDate(d: PartialDate, language: string): string {
  return isChinese(language) ? zhDate(d, 'full') : enDate(d, true);
}

/**
 * A range, sharing what both ends share: `1937–1945`, `April–May 1949`, `21–23 April 1949`,
 * `221–206 BCE`, `206 BCE – 9 CE` / `1937—1945年`, `1949年4月—5月`, `公元前221—前206年`.
 * Without `end` (or an end equal to the start) it is {@link formatDate}.
 */
export function formatDateRange(start: PartialDate, end: PartialDate | undefined, language: string): string {
  if (!end || toPartialDateString(end) === toPartialDateString(start)) return formatDate(start, language);
  const sameEra = start.year < 0 === end.year < 0;
  const ps = precisionOf(start);
  const pe = precisionOf(end);
  if (isChinese(language)) {
    if (!sameEra) return `${zhDate(start, 'full')}—公元${zhDate(end, 'none')}`;
    if (ps === 'year' && pe === 'year') {
      const p = start.year < 0 ? '公元前' : '';
      const q = start.year < 0 ? '前' : '';
      return `${p}${Math.abs(start.year)}—${q}${Math.abs(end.year)}年`;
    }
    const left = zhDate(start, 'full');
    if (start.year === end.year && ps !== 'year' && pe !== 'year') {
      if (start.month === end.month && ps === 'day' && pe === 'day') return `${left}—${end.day}日`;
      return `${left}—${end.month}月${end.day === undefined ? '' : `${end.day}日`}`;
    }
    return `${left}—${zhDate(end, 'short')}`;
  }
  const dash = '–';
  if (!sameEra)
    return `${enDate(start, true)} ${dash} ${end.year < 0 ? enDate(end, true) : `${enDate(end, false)} CE`}`;
  const era = start.year < 0 ? ' BCE' : '';
  if (ps === 'year' && pe === 'year') return `${Math.abs(start.year)}${dash}${Math.abs(end.year)}${era}`;
  if (start.year === end.year && ps !== 'year' && pe !== 'year') {
    const y = `${Math.abs(start.year)}${era}`;
    const sm = EN_MONTHS[(start.month ?? 1) - 1] ?? '';
    const em = EN_MONTHS[(end.month ?? 1) - 1] ?? '';
    if (ps === 'month' && pe === 'month') return `${sm}${dash}${em} ${y}`;
    if (ps === 'day' && pe === 'day' && start.month === end.month)
      return `${start.day}${dash}${end.day} ${sm} ${y}`;
  }
  return `${enDate(start, false)}${era} ${dash} ${enDate(end, false)}${era}`;
}

/** Range from pack strings; `null` when the start does not parse. */
export function formatDateStrings(from: string, to: string | undefined, language: string): string | null {
  const s = parsePartialDate(from);
  if (!s) return null;
  const e = to === undefined ? undefined : (parsePartialDate(to) ?? undefined);
  return formatDateRange(s, e, language);
}

function ordinal(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

/**
 * A decade by the year that names it: `2020` → `2020s` / `2020年代`; `-220` (229–220 BCE) →
 * `220s BCE` / `公元前220年代`.
 */
export function formatDecade(year: number, language: string): string {
  const y = Math.abs(year);
  if (isChinese(language)) return `${year < 0 ? '公元前' : ''}${y}年代`;
  return `${y}s${year < 0 ? ' BCE' : ''}`;
}

/** A century by number (negative for BCE): `20th century`, `3rd century BCE` / `20世纪`, `公元前3世纪`. */
export function formatCentury(century: number, language: string): string {
  const c = Math.abs(century);
  if (isChinese(language)) return `${century < 0 ? '公元前' : ''}${c}世纪`;
  return `${ordinal(c)} century${century < 0 ? ' BCE' : ''}`;
}

/** Formats a {@link HumanDate} (the inverse of {@link parseHumanDate}). */
export function formatHumanDate(h: HumanDate, language: string): string {
  let s: string;
  switch (h.kind) {
    case 'decade':
      // A BCE decade is named by its last (smallest) year number: 229–220 BCE are "the 220s BCE".
      s = formatDecade(h.start.year < 0 ? (h.end?.year ?? h.start.year) : h.start.year, language);
      break;
    case 'century':
      s = formatCentury(centuryOf(h.start.year), language);
      break;
    case 'date':
      s = formatDate(h.start, language);
      break;
    case 'range':
      s = formatDateRange(h.start, h.end, language);
      break;
  }
  if (!h.circa) return s;
  return isChinese(language) ? `约${s}` : `c. ${s}`;
}

function centuryOf(year: number): number {
  return year > 0 ? Math.ceil(year / 100) : -Math.ceil(-year / 100);
}

// ---------------------------------------------------------------------------------------------
// Parsing what people write

const EN_MONTH_INDEX = new Map<string, number>();
EN_MONTHS.forEach((name, i) => {
  EN_MONTH_INDEX.set(name.toLowerCase(), i + 1);
  EN_MONTH_INDEX.set(name.slice(0, 3).toLowerCase(), i + 1);
});
EN_MONTH_INDEX.set('sept', 9);

type Piece = { date: PartialDate | null; bce: boolean | null; yearGiven: boolean };

/** Splits a range on its separator; ISO `1949-04-23` is not a range. */
function splitRange(text: string): [string, string] | null {
  const iso = /^-?\d{1,6}-\d{2}(-\d{2})?$/.test(text);
  if (iso) return null;
  const m = /^(.+?)\s*(?:–|—|~|～|至|到|\bto\b|\s-\s|(?<=\d|月|年|日)-(?=\d|[A-Za-z前公]))\s*(.+)$/u.exec(
    text,
  );
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  return [m[1], m[2]];
}

function parseEnPiece(raw: string): Piece | null {
  let s = raw.trim().replace(/,/g, ' ').replace(/\s+/g, ' ');
  let bce: boolean | null = null;
  const era = /\s*\b(B\.?C\.?(?:E\.?)?|C\.?E\.?|A\.?D\.?)$/i.exec(s);
  if (era?.[1]) {
    bce = /^B/i.test(era[1]);
    s = s.slice(0, era.index).trim();
  }
  const ad = /^A\.?D\.?\s+/i.exec(s);
  if (ad) {
    bce = false;
    s = s.slice(ad[0].length);
  }
  if (/^-?\d{1,6}(-\d{2}(-\d{2})?)?$/.test(s)) {
    const d = parsePartialDate(s);
    if (!d) return null;
    const date = bce && d.year > 0 ? make(-d.year, d.month, d.day) : d;
    return { date, bce: date.year < 0 ? true : bce, yearGiven: true };
  }
  // Classify tokens: M = month name, D = ordinal day ("23rd"), N = plain number.
  const tokens = s.split(' ').filter((t) => t.length > 0);
  const kinds: string[] = [];
  const values: number[] = [];
  for (const t of tokens) {
    const month = EN_MONTH_INDEX.get(t.replace(/\.$/, '').toLowerCase());
    if (month !== undefined) {
      kinds.push('M');
      values.push(month);
      continue;
    }
    const num = /^(\d{1,6})(st|nd|rd|th)?$/i.exec(t);
    if (!num?.[1]) return null;
    kinds.push(num[2] ? 'D' : 'N');
    values.push(Number(num[1]));
  }
  const [a = 0, b = 0, c = 0] = values;
  let year: number | undefined;
  let month: number | undefined;
  let day: number | undefined;
  switch (kinds.join('')) {
    case 'N':
      year = a;
      break;
    case 'MN':
      [month, year] = [a, b];
      break;
    case 'MD':
    case 'NM':
    case 'DM':
      [month, day] = kinds[0] === 'M' ? [a, b] : [b, a];
      break;
    case 'M':
      month = a;
      break;
    case 'NMN':
    case 'DMN':
      [day, month, year] = [a, b, c];
      break;
    case 'MNN':
    case 'MDN':
      [month, day, year] = [a, b, c];
      break;
    default:
      return null;
  }
  if (year === undefined) {
    // "April" or "23 April" inside a range: the year comes from the other end.
    if (month === undefined || (day !== undefined && day > 31)) return null;
    return { date: make(1, month, day), bce, yearGiven: false };
  }
  const d = make(bce ? -year : year, month, day);
  return validDate(d) ? { date: d, bce, yearGiven: true } : null;
}

function parseZhPiece(raw: string): Piece | null {
  let s = raw.trim().replace(/\s+/g, '');
  let bce: boolean | null = null;
  const era = /^(公元前|前|公元)/.exec(s);
  if (era?.[1]) {
    bce = era[1] !== '公元';
    s = s.slice(era[1].length);
  }
  const m = /^(?:(\d{1,6})年?)?(?:(\d{1,2})月)?(?:(\d{1,2})[日号])?$/.exec(s);
  if (!m || (m[1] === undefined && m[2] === undefined)) return null;
  if (m[1] === undefined) {
    const d = make(1, Number(m[2]), m[3] === undefined ? undefined : Number(m[3]));
    return { date: d, bce, yearGiven: false };
  }
  if (m[2] === undefined && m[3] !== undefined) return null;
  const y = Number(m[1]);
  const d = make(
    bce ? -y : y,
    m[2] === undefined ? undefined : Number(m[2]),
    m[3] === undefined ? undefined : Number(m[3]),
  );
  return validDate(d) ? { date: d, bce, yearGiven: true } : null;
}

function parsePiece(raw: string): Piece | null {
  if (/[年月日前号元]/.test(raw)) return parseZhPiece(raw);
  return parseEnPiece(raw);
}

function stripCirca(text: string): { rest: string; circa: boolean } {
  let s = text.trim();
  let circa = false;
  const pre = /^(?:c\.|ca\.|circa|about|around|approx\.?|approximately|约|大约|大概)\s*/i.exec(s);
  if (pre) {
    circa = true;
    s = s.slice(pre[0].length);
  }
  const post = /(?:前后|左右)$/.exec(s);
  if (post) {
    circa = true;
    s = s.slice(0, post.index);
  }
  return { rest: s.trim(), circa };
}

function parseDecadeOrCentury(s: string): HumanDate | null {
  const en = /^(?:the\s+)?(\d{1,5}0)'?s(?:\s+(BCE|BC|B\.C\.))?$/i.exec(s);
  if (en?.[1]) {
    const y = Number(en[1]);
    if (en[2]) return { kind: 'decade', start: { year: -y - 9 }, end: { year: -y }, circa: false };
    if (y === 0) return null;
    return { kind: 'decade', start: { year: y }, end: { year: y + 9 }, circa: false };
  }
  const zh = /^(公元前)?(\d{1,5}0)年代$/.exec(s);
  if (zh?.[2]) {
    const y = Number(zh[2]);
    if (zh[1]) return { kind: 'decade', start: { year: -y - 9 }, end: { year: -y }, circa: false };
    if (y === 0) return null;
    return { kind: 'decade', start: { year: y }, end: { year: y + 9 }, circa: false };
  }
  // 20世纪20年代 = the 1920s.
  const zhCd = /^(\d{1,3})世纪(\d)0年代$/.exec(s);
  if (zhCd?.[1] && zhCd[2]) {
    const y = (Number(zhCd[1]) - 1) * 100 + Number(zhCd[2]) * 10;
    if (y === 0) return null;
    return { kind: 'decade', start: { year: y }, end: { year: y + 9 }, circa: false };
  }
  const enC = /^(?:the\s+)?(\d{1,3})(?:st|nd|rd|th)\s+century(?:\s+(BCE|BC|B\.C\.|CE|AD))?$/i.exec(s);
  const zhC = /^(公元前|公元)?(\d{1,3})世纪$/.exec(s);
  const c = enC?.[1] ?? zhC?.[2];
  if (c !== undefined) {
    const n = Number(c);
    if (n === 0) return null;
    const bce = enC ? /^B/i.test(enC[2] ?? '') : zhC?.[1] === '公元前';
    if (bce)
      return { kind: 'century', start: { year: -n * 100 }, end: { year: -(n - 1) * 100 - 1 }, circa: false };
    return { kind: 'century', start: { year: (n - 1) * 100 + 1 }, end: { year: n * 100 }, circa: false };
  }
  return null;
}

/**
 * Reads a date as people write it, in either language: `1926`, `April 1949`, `23 April 1949`,
 * `April 23, 1949`, `1949年4月`, `2020s`, `2020年代`, `20世纪20年代`, `19th century`, `221 BCE`,
 * `公元前221年`, `c. 1926`, `约1926年`, and ranges `1937–1945`, `April–May 1949`, `1937年—1945年`,
 * `221–206 BCE`. Returns `null` when it cannot be read unambiguously.
 */
export function parseHumanDate(text: string): HumanDate | null {
  const { rest, circa } = stripCirca(text.normalize('NFKC').replace(/\u00a0/g, ' '));
  if (rest.length === 0 || rest.length > 80) return null;
  const dc = parseDecadeOrCentury(rest);
  if (dc) return { ...dc, circa };
  const parts = splitRange(rest);
  if (!parts) {
    const p = parsePiece(rest);
    if (!p?.date || !p.yearGiven) return null;
    return { kind: 'date', start: p.date, circa };
  }
  const left = parsePiece(parts[0]);
  const right = parsePiece(parts[1]);
  if (!left?.date || !right?.date) return null;
  let start = left.date;
  let end = right.date;
  if (!right.yearGiven && !left.yearGiven) return null;
  // A shared era marker belongs to both ends: "221–206 BCE", "公元前221—前206年".
  if (left.yearGiven && right.yearGiven && left.bce === null && right.bce === true && start.year > 0) {
    start = make(-start.year, start.month, start.day);
  }
  if (!left.yearGiven) start = make(end.year, start.month, start.day);
  if (!right.yearGiven) end = make(start.year, end.month, end.day);
  if (!validDate(start) || !validDate(end) || compareDates(end, start) < 0) return null;
  return { kind: 'range', start, end, circa };
}

/** Translates a written date into another language, or `null` when it cannot be read. */
export function translateHumanDate(text: string, language: string): string | null {
  const h = parseHumanDate(text);
  return h ? formatHumanDate(h, language) : null;
}
