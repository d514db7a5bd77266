/**
 * Translation units on disk, for a translator: XLIFF 2.0 (what translation tools exchange;
 * XLIFF 1.2 is read too) or CSV.
 *
 * XLIFF is read with saxes, a strict, non-validating streaming XML parser (already the XML parser
 * under exceljs): it refuses a document that is not well-formed, with its line and column, and
 * never fetches or expands external entities. Characters XML 1.0 cannot carry (control
 * characters) travel as XLIFF 2.0's `<cp hex="…"/>`, and a carriage return as `&#13;`, so every
 * text comes back as it went out. CSV is read with csv-parse.
 */
import { parse } from 'csv-parse/sync';
import { SaxesParser } from 'saxes';
import type { SaxesTagNS } from 'saxes';
import type { TranslatedText, TranslationIssue, TranslationUnit } from './translation';

export type TranslationFormat = 'xliff' | 'csv';

export type ExportInput = {
  packId: string;
  sourceLanguage: string;
  targetLanguage: string;
  units: readonly TranslationUnit[];
};

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

// --- XLIFF ---------------------------------------------------------------------------------------

const XLIFF2 = 'urn:oasis:names:tc:xliff:document:2.0';
const XLIFF12 = 'urn:oasis:names:tc:xliff:document:1.2';

/** Escapes text for XML element content; characters XML 1.0 cannot hold become `<cp hex>`. */
function xmlText(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '\r') out += '&#13;';
    else if (
      (c < 0x20 && c !== 0x09 && c !== 0x0a) ||
      c === 0xfffe ||
      c === 0xffff ||
      (c >= 0xd800 && c <= 0xdfff)
    )
      out += `<cp hex="${c.toString(16).toUpperCase().padStart(4, '0')}"/>`;
    else out += ch;
  }
  return out;
}

const xmlAttr = (s: string): string => xmlText(s).replaceAll('"', '&quot;');

export function writeXliff(input: ExportInput): string {
  const { sourceLanguage: src, targetLanguage: trg } = input;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff xmlns="${XLIFF2}" version="2.0" srcLang="${xmlAttr(src)}" trgLang="${xmlAttr(trg)}">`,
    `  <file id="${xmlAttr(input.packId)}">`,
  ];
  for (const u of input.units) {
    const target = text(u.texts[trg]);
    lines.push(
      `    <unit id="${xmlAttr(u.id)}">`,
      '      <notes>',
      `        <note category="location">${xmlText(u.path)}</note>`,
      `        <note category="kind">${u.kind}</note>`,
      '      </notes>',
      `      <segment state="${target === '' ? 'initial' : 'translated'}">`,
      `        <source>${xmlText(text(u.texts[src]))}</source>`,
      ...(target === '' ? [] : [`        <target>${xmlText(target)}</target>`]),
      '      </segment>',
      '    </unit>',
    );
  }
  lines.push('  </file>', '</xliff>', '');
  return lines.join('\n');
}

export type ReadTranslations = {
  texts: TranslatedText[];
  issues: TranslationIssue[];
  targetLanguage?: string;
};

/** Reads the targets of an XLIFF 2.0 or 1.2 document. A document that is not well-formed is one issue. */
export function readXliff(xml: string, file: string): ReadTranslations {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const texts: TranslatedText[] = [];
  const issues: TranslationIssue[] = [];
  let targetLanguage: string | undefined;
  let version: '2.0' | '1.2' | undefined;
  let unitId: string | undefined;
  let unitLine = 0;
  let inTarget = false;
  let targetText = '';
  let segments: string[] = [];
  let sawTarget = false;
  const attr = (tag: SaxesTagNS, name: string): string | undefined => tag.attributes[name]?.value;

  parser.on('opentag', (tag) => {
    const ns = tag.uri;
    if (tag.local === 'xliff') {
      version = ns === XLIFF2 ? '2.0' : ns === XLIFF12 ? '1.2' : undefined;
      if (!version) throw new Error(`not an XLIFF 1.2 or 2.0 document (namespace "${ns}")`);
      targetLanguage = attr(tag, 'trgLang') ?? targetLanguage;
      return;
    }
    if (ns !== XLIFF2 && ns !== XLIFF12) return;
    if (tag.local === 'file' && version === '1.2')
      targetLanguage = attr(tag, 'target-language') ?? targetLanguage;
    else if (tag.local === 'unit' || tag.local === 'trans-unit') {
      unitId = attr(tag, 'id');
      unitLine = parser.line;
      segments = [];
      sawTarget = false;
    } else if (tag.local === 'target' && unitId !== undefined) {
      inTarget = true;
      sawTarget = true;
      targetText = '';
    } else if (tag.local === 'cp' && inTarget) {
      const hex = attr(tag, 'hex') ?? '';
      if (/^[0-9A-Fa-f]{1,6}$/.test(hex)) targetText += String.fromCodePoint(parseInt(hex, 16));
    }
  });
  parser.on('text', (t) => {
    if (inTarget) targetText += t;
  });
  parser.on('cdata', (t) => {
    if (inTarget) targetText += t;
  });
  parser.on('closetag', (tag) => {
    if (tag.local === 'target' && inTarget) {
      inTarget = false;
      segments.push(targetText);
    } else if ((tag.local === 'unit' || tag.local === 'trans-unit') && unitId !== undefined) {
      const where = `${file}:${unitLine}`;
      if (sawTarget && targetLanguage !== undefined)
        texts.push({ where, id: unitId, language: targetLanguage, text: segments.join('') });
      unitId = undefined;
    }
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      texts: [],
      issues: [{ where: `${file}:${parser.line}`, id: '', reason: `not well-formed XLIFF: ${reason}` }],
    };
  }
  if (targetLanguage === undefined)
    issues.push({
      where: file,
      id: '',
      reason: 'the XLIFF names no target language (trgLang / target-language)',
    });
  return { texts, issues, ...(targetLanguage === undefined ? {} : { targetLanguage }) };
}

// --- CSV -----------------------------------------------------------------------------------------

function csvField(s: string): string {
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** `id,path,kind,source:<lang>,target:<lang>`: only the target column is read back. */
export function writeTranslationCsv(input: ExportInput): string {
  const { sourceLanguage: src, targetLanguage: trg } = input;
  const rows = [
    ['id', 'path', 'kind', `source:${src}`, `target:${trg}`],
    ...input.units.map((u) => [u.id, u.path, u.kind, text(u.texts[src]), text(u.texts[trg])]),
  ];
  return `\ufeff${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** Reads every `target:<lang>` column of a translation CSV. */
export function readTranslationCsv(csv: string, file: string): ReadTranslations {
  let records: string[][];
  try {
    records = parse(csv, { bom: true, relax_column_count: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { texts: [], issues: [{ where: file, id: '', reason: `not valid CSV: ${reason}` }] };
  }
  const [header = [], ...rows] = records;
  const idColumn = header.indexOf('id');
  const targets = header
    .map((h, i) => ({ i, language: /^target:(.+)$/.exec(h.trim())?.[1] }))
    .filter((t): t is { i: number; language: string } => t.language !== undefined);
  if (idColumn < 0 || targets.length === 0) {
    return {
      texts: [],
      issues: [
        {
          where: `${file}:1`,
          id: '',
          reason: 'the header needs an "id" column and a "target:<language>" column',
        },
      ],
    };
  }
  const texts: TranslatedText[] = [];
  rows.forEach((r, i) => {
    const id = r[idColumn] ?? '';
    if (id === '') return;
    for (const t of targets)
      texts.push({ where: `${file} row ${i + 2}`, id, language: t.language, text: r[t.i] ?? '' });
  });
  return {
    texts,
    issues: [],
    ...(targets.length === 1 ? { targetLanguage: targets[0]?.language ?? '' } : {}),
  };
}
