/**
 * TimelineJS's Google Sheets template, downloaded as CSV, read into the TimelineJS JSON shape so
 * the one converter handles both. Columns (by header, any order): Year, Month, Day, Time, End Year,
 * End Month, End Day, End Time, Display Date, Headline, Text, Media, Media Credit, Media Caption,
 * Media Thumbnail, Type (title / era / blank), Group, Background. Parsed with csv-parse.
 */
import { parse } from 'csv-parse/sync';

type Row = Record<string, string>;

const norm = (h: string): string => h.trim().toLowerCase().replace(/\s+/g, ' ');

function dateOf(r: Row, prefix: '' | 'end '): Record<string, string> | undefined {
  const year = r[`${prefix}year`]?.trim();
  if (!year) return undefined;
  const d: Record<string, string> = { year };
  const month = r[`${prefix}month`]?.trim();
  const day = r[`${prefix}day`]?.trim();
  const time = r[`${prefix}time`]?.trim();
  if (month) d.month = month;
  if (day) d.day = day;
  if (time) {
    const [hour, minute, second] = time.split(':');
    if (hour) d.hour = hour;
    if (minute) d.minute = minute;
    if (second) d.second = second;
  }
  return d;
}

/** CSV text of the TimelineJS sheet → a TimelineJS JSON document. Throws on a CSV that does not parse. */
export function timelineJsFromCsv(text: string): Record<string, unknown> {
  const rows = parse<Row>(text, {
    columns: (header: string[]) => header.map(norm),
    skip_empty_lines: true,
    relax_column_count: true,
    bom: true,
    trim: false,
  });
  const events: Record<string, unknown>[] = [];
  const eras: Record<string, unknown>[] = [];
  let title: Record<string, unknown> | undefined;
  for (const r of rows) {
    const type = (r['type'] ?? '').trim().toLowerCase();
    const slide: Record<string, unknown> = {};
    const start = dateOf(r, '');
    const end = dateOf(r, 'end ');
    if (start) slide.start_date = start;
    if (end) slide.end_date = end;
    const headline = r['headline'] ?? '';
    const body = r['text'] ?? '';
    if (headline || body) slide.text = { ...(headline ? { headline } : {}), ...(body ? { text: body } : {}) };
    const display = r['display date']?.trim();
    if (display) slide.display_date = display;
    const url = r['media']?.trim();
    if (url) {
      const media: Record<string, string> = { url };
      const credit = r['media credit']?.trim();
      const caption = r['media caption']?.trim();
      const thumbnail = r['media thumbnail']?.trim();
      if (credit) media.credit = credit;
      if (caption) media.caption = caption;
      if (thumbnail) media.thumbnail = thumbnail;
      slide.media = media;
    }
    const group = r['group']?.trim();
    if (group) slide.group = group;
    if (type === 'title') {
      delete slide.start_date;
      delete slide.end_date;
      title = slide;
    } else if (type === 'era') eras.push(slide);
    else events.push(slide);
  }
  return { ...(title ? { title } : {}), events, ...(eras.length > 0 ? { eras } : {}) };
}
