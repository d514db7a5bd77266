/**
 * Length checks of visitor-facing text against `TEXT_LIMITS`: the schema refuses text over the
 * hard maximum; this finds text over the display width that the screen may cut, by walking the
 * zod schema beside the parsed manifest, so every text field is covered by its declared kind.
 */
import { z } from 'zod';
import { displayWidth, packManifestSchema, TEXT_KIND_META, TEXT_LIMITS } from '../../shared/pack-schema';
import type { PackManifest, TextKind } from '../../shared/pack-schema';
import { formatJsonPath } from '../../shared/problems';
import type { PackProblem } from '../../shared/problems';

export type TextField = { path: string; language: string; text: string; kind: TextKind };

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function textKindOfString(schema: z.ZodType): TextKind | undefined {
  const kind = z.globalRegistry.get(schema)?.[TEXT_KIND_META];
  return typeof kind === 'string' && kind in TEXT_LIMITS ? (kind as TextKind) : undefined;
}

/** A localized text object of a pack: where it is (keys from the root), its kind and its texts. */
export type LocalizedField = {
  keys: (string | number)[];
  kind: TextKind;
  /** The object itself (language → text), as found in `value`: the same reference, not a copy. */
  texts: Record<string, unknown>;
};

/** Every localized text object of `value` with its key path and kind, read off `schema`. */
export function localizedFields(
  schema: z.ZodType,
  value: unknown,
  keys: (string | number)[] = [],
): LocalizedField[] {
  const out: LocalizedField[] = [];
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return localizedFields(def.innerType as z.ZodType, value, keys);
    case 'pipe':
      return localizedFields(def.in as z.ZodType, value, keys);
    case 'object': {
      if (value === null || typeof value !== 'object') return out;
      for (const [key, field] of Object.entries(def.shape as Record<string, z.ZodType>))
        out.push(...localizedFields(field, (value as Record<string, unknown>)[key], [...keys, key]));
      return out;
    }
    case 'array':
      if (Array.isArray(value))
        value.forEach((v, i) => out.push(...localizedFields(def.element as z.ZodType, v, [...keys, i])));
      return out;
    case 'record': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
      const valueType = def.valueType as z.ZodType;
      const kind = textKindOfString(valueType);
      if (kind) return [{ keys, kind, texts: value as Record<string, unknown> }];
      for (const [key, v] of Object.entries(value as Record<string, unknown>))
        out.push(...localizedFields(valueType, v, [...keys, key]));
      return out;
    }
    case 'union': {
      const option = (def.options as z.ZodType[]).find((o) => o.safeParse(value).success);
      return option ? localizedFields(option, value, keys) : out;
    }
    default:
      return out;
  }
}

/** Every localized text of `value` with its JSON path, language and kind, read off `schema`. */
export function textFields(schema: z.ZodType, value: unknown): TextField[] {
  return localizedFields(schema, value).flatMap((f) =>
    Object.entries(f.texts).flatMap(([language, text]) =>
      typeof text === 'string'
        ? [{ path: formatJsonPath([...f.keys, language]), language, text, kind: f.kind }]
        : [],
    ),
  );
}

/** Warnings for text wider than its kind fits on screen. */
export function textLengthProblems(manifest: PackManifest): PackProblem[] {
  const problems: PackProblem[] = [];
  for (const field of textFields(packManifestSchema, manifest)) {
    const limit = TEXT_LIMITS[field.kind];
    const width = displayWidth(field.text);
    if (width <= limit.width) continue;
    problems.push({
      code: 'lint.text-too-long',
      severity: 'warning',
      file: 'pack.json',
      rule: 'text.length',
      path: field.path,
      message: {
        en: `this ${field.kind} is ${width} columns wide; about ${limit.width} fit on screen (a Chinese character is 2), the rest may be cut. Shorten it or move detail into a longer field.`,
        'zh-Hans': `此${KIND_ZH[field.kind]}宽 ${width} 列，屏幕约可显示 ${limit.width} 列（一个汉字计 2 列），超出部分可能被截断。请缩短，或把细节移到更长的字段中。`,
      },
    });
  }
  return problems;
}

const KIND_ZH: Record<TextKind, string> = {
  label: '标签',
  title: '标题',
  line: '说明文字',
  paragraph: '段落',
  body: '正文',
};
