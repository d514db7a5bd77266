/**
 * Every visitor-facing text of a pack as translation units, and translated texts merged back.
 *
 * A unit is one localized text object of `pack.json` (a place's name, an event's story, a media
 * credit, a UI string …), found by walking the pack schema, so no text field is forgotten. Its
 * id is stable across reordering: array items are named by their `id`
 * (`places:south-lake:name`, `timelines:history:events:e1921:title`), others by position
 * (`places:south-lake:figures:0:label`). Pure: works on the raw JSON value of `pack.json`.
 */
import { packManifestSchema, TEXT_LIMITS } from '../../shared/pack-schema';
import type { TextKind } from '../../shared/pack-schema';
import { localizedFields } from '../lint/text-limits';
import { formatJsonPath } from '../../shared/problems';

export type TranslationUnit = {
  /** Stable id: keys joined with ":" (ids and keys never hold ":"). */
  id: string;
  /** The JSON path as people read it: `places[0].name`. */
  path: string;
  kind: TextKind;
  /** Language → text, as in the pack (the same object: setting a key edits the pack). */
  texts: Record<string, unknown>;
};

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Separates the parts of a unit id. No pack id, key or language can contain it. */
export const UNIT_SEPARATOR = ':';

/** The translation units of a raw pack.json value, in document order. */
export function translationUnits(pack: unknown): TranslationUnit[] {
  return localizedFields(packManifestSchema, pack).map((f) => {
    const parts: string[] = [];
    let at: unknown = pack;
    for (const key of f.keys) {
      if (typeof key === 'number' && Array.isArray(at)) {
        const item: unknown = at[key];
        const id = isRec(item) ? item['id'] : undefined;
        parts.push(typeof id === 'string' ? id : String(key));
        at = item;
      } else {
        parts.push(String(key));
        at = isRec(at) ? at[String(key)] : undefined;
      }
    }
    const path = formatJsonPath(f.keys);
    return { id: parts.join(UNIT_SEPARATOR), path, kind: f.kind, texts: f.texts };
  });
}

/** True for a text that counts as translated: a string with something besides spaces. */
export const hasText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

export type Completeness = { language: string; total: number; translated: number; missing: string[] };

/** For each language of the pack: how many units have a text in it, and which do not. */
export function completeness(pack: unknown): Completeness[] {
  const languages =
    isRec(pack) && Array.isArray(pack['languages'])
      ? pack['languages'].filter((l): l is string => typeof l === 'string')
      : [];
  const units = translationUnits(pack);
  return languages.map((language) => {
    const missing = units.filter((u) => !hasText(u.texts[language])).map((u) => u.id);
    return { language, total: units.length, translated: units.length - missing.length, missing };
  });
}

/** One line per language: `en: 41 of 45 translated (91%); missing: a, b …`. */
export function formatCompleteness(c: Completeness, listAll = false): string {
  const pct = c.total === 0 ? 100 : Math.floor((c.translated / c.total) * 100);
  const shown = listAll ? c.missing : c.missing.slice(0, 20);
  const more = c.missing.length - shown.length;
  return `${c.language}: ${c.translated} of ${c.total} translated (${pct}%)${
    c.missing.length === 0 ? '' : `; missing: ${shown.join(', ')}${more > 0 ? ` … and ${more} more` : ''}`
  }`;
}

/** A translated text to merge: where it came from (for reports), unit id, language and text. */
export type TranslatedText = { where: string; id: string; language: string; text: string };

export type TranslationIssue = { where: string; id: string; reason: string };

export type TranslationMerge = { pack: Rec; changed: number; issues: TranslationIssue[] };

/**
 * Sets each text into a copy of `pack`. An empty text means "not translated" and changes nothing
 * (a translator's blank never deletes the author's text). Unknown ids, languages the pack does
 * not have, and text over its kind's limit are reported and not taken.
 */
export function mergeTranslations(pack: unknown, texts: readonly TranslatedText[]): TranslationMerge {
  if (!isRec(pack)) {
    return {
      pack: {},
      changed: 0,
      issues: [{ where: '', id: '', reason: 'pack.json is not a JSON object' }],
    };
  }
  const out = structuredClone(pack);
  const languages = Array.isArray(out['languages']) ? out['languages'] : [];
  const units = new Map(translationUnits(out).map((u) => [u.id, u]));
  const issues: TranslationIssue[] = [];
  let changed = 0;
  for (const t of texts) {
    const issue = (reason: string): void => {
      issues.push({ where: t.where, id: t.id, reason });
    };
    if (t.text === '') continue;
    const unit = units.get(t.id);
    if (!unit) {
      issue('no text with this id in pack.json (was it renamed or removed?); not taken');
      continue;
    }
    if (!languages.includes(t.language)) {
      issue(`"${t.language}" is not one of the pack's languages; add it to "languages" in pack.json first`);
      continue;
    }
    const max = TEXT_LIMITS[unit.kind].max;
    if (t.text.length > max) {
      issue(`${t.text.length} characters; a ${unit.kind} holds at most ${max}; not taken`);
      continue;
    }
    if (unit.texts[t.language] === t.text) continue;
    unit.texts[t.language] = t.text;
    changed++;
  }
  return { pack: out, changed, issues };
}
