/**
 * Where a problem is: the line of `pack.json` that holds the offending field, and a hint for a
 * schema problem (what the field means and an example, from the pack schema's own docs), so
 * every problem prints as `file:line: rule: message` and an editor can jump to it.
 *
 * The line comes from a small scanner over the JSON text that notes the line of every member and
 * element by its path (`places[3].category`). A path whose field is absent (a required field that
 * is missing) points at the nearest ancestor that is present. A problem of another file (a video,
 * a caption) is placed at the first line of pack.json that names that file; a file pack.json does
 * not name (pack.sig, a stray file of a working folder) has no line and prints as `file: rule:`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { packManifestSchema } from '../../shared/pack-schema';
import { formatJsonPath } from '../../shared/problems';
import type { PackProblem, ProblemLanguage } from '../../shared/problems';

export type LocatedProblem = PackProblem & {
  /** 1-based line in `locationFile` (pack.json) of the field, when found. */
  line?: number;
  /** The file `line` is in: pack.json, also for a problem of a media file it names. */
  locationFile?: string;
  /** What the field means and an example (schema problems). */
  hint?: { en: string; 'zh-Hans': string };
};

/** `places[3].name["zh-Hans"]`, `media.photo.src` → keys. Unquoted dotted segments run to the next `.` or `[`. */
export function parseJsonPath(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  const re = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([^.[\]]+)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path)) !== null && m[0] !== '') {
    if (m[1] !== undefined) keys.push(Number(m[1]));
    else if (m[2] !== undefined) keys.push(JSON.parse(m[2]) as string);
    else if (m[3] !== undefined) keys.push(m[3]);
  }
  return keys;
}

export type JsonLines = {
  /** Line of the value at these keys, or of its nearest present ancestor. */
  lineOf(keys: readonly (string | number)[]): number | undefined;
  /** First line holding this exact string, as a value or a key. */
  lineOfString(value: string): number | undefined;
};

/** Scans JSON text (as written by the author) for the line of every member and element. */
export function jsonLines(text: string): JsonLines {
  const byPath = new Map<string, number>();
  const byString = new Map<string, number>();
  let i = 0;
  let line = 1;
  const ws = (): void => {
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '\n') line++;
      else if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\ufeff') break;
    }
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (keys: (string | number)[]): void => {
    ws();
    byPath.set(formatJsonPath(keys), line);
    const c = text[i];
    if (c === '{' || c === '[') {
      i++;
      let n = 0;
      for (;;) {
        ws();
        if (text[i] === '}' || text[i] === ']') {
          i++;
          return;
        }
        if (c === '{') {
          const keyLine = line;
          const key = str();
          // Keys name files too (the files index of a built pack).
          if (!byString.has(key)) byString.set(key, keyLine);
          ws();
          i++; // ':'
          value([...keys, key]);
          // A member's line is its key's (the value may start on the next line).
          byPath.set(formatJsonPath([...keys, key]), keyLine);
        } else value([...keys, n++]);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] !== '}' && text[i] !== ']') throw new Error('not JSON');
      }
    }
    if (c === '"') {
      const at = line;
      const s = str();
      if (!byString.has(s)) byString.set(s, at);
      return;
    }
    const m = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 40));
    if (!m) throw new Error('not JSON');
    i += m[0].length;
  };
  try {
    value([]);
  } catch {
    // Not JSON (the parse problem says where): lines found so far still help.
  }
  return {
    lineOf(keys) {
      for (let n = keys.length; n >= 0; n--) {
        const found = byPath.get(formatJsonPath(keys.slice(0, n)));
        if (found !== undefined) return found;
      }
      return undefined;
    },
    lineOfString: (s) => byString.get(s),
  };
}

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The documented description and example of the field at `keys` in the pack schema. */
export function fieldDoc(
  keys: readonly (string | number)[],
): { description: string; example?: unknown } | undefined {
  let schema: z.ZodType | undefined = packManifestSchema;
  let found: { description: string; example?: unknown } | undefined;
  const noteMeta = (s: z.ZodType): void => {
    const meta = z.globalRegistry.get(s);
    if (typeof meta?.description === 'string') {
      const examples = meta['examples'];
      found = { description: meta.description, ...(Array.isArray(examples) ? { example: examples[0] } : {}) };
    }
  };
  const unwrap = (s: z.ZodType): z.ZodType => {
    let cur = s;
    for (;;) {
      noteMeta(cur);
      const def = defOf(cur);
      if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch'].includes(def.type))
        cur = def.innerType as z.ZodType;
      else if (def.type === 'pipe') cur = def.in as z.ZodType;
      else return cur;
    }
  };
  for (const key of keys) {
    if (!schema) return undefined;
    found = undefined;
    const s = unwrap(schema);
    const def = defOf(s);
    if (def.type === 'object' && typeof key === 'string')
      schema = (def.shape as Record<string, z.ZodType>)[key];
    else if (def.type === 'array' && typeof key === 'number') schema = def.element as z.ZodType;
    else if (def.type === 'record') schema = def.valueType as z.ZodType;
    else if (def.type === 'union' || def.type === 'discriminatedUnion') {
      // The first option that has this field.
      schema = (def.options as z.ZodType[])
        .map(unwrap)
        .map((o) => defOf(o))
        .flatMap((d) =>
          d.type === 'object' && typeof key === 'string' ? [(d.shape as Record<string, z.ZodType>)[key]] : [],
        )
        .find((x) => x !== undefined);
    } else return undefined;
  }
  if (schema) unwrap(schema);
  return found;
}

function hintFor(p: PackProblem, keys: readonly (string | number)[]): LocatedProblem['hint'] {
  if (!p.code.startsWith('manifest.schema') && p.code !== 'manifest.unknown-key') return undefined;
  const doc = fieldDoc(keys);
  if (!doc) return undefined;
  const example = doc.example === undefined ? '' : ` Example: ${JSON.stringify(doc.example)}`;
  const example_zh = doc.example === undefined ? '' : ` 示例：${JSON.stringify(doc.example)}`;
  return {
    en: `${doc.description}${example} (docs/pack-reference.md)`,
    'zh-Hans': `${doc.description}${example_zh}（docs/pack-reference.md）`,
  };
}

const isManifest = (file: string): boolean => file === 'pack.json' || file.endsWith('/pack.json');

/** Adds the pack.json line (and a hint) to each problem, given the text of pack.json. */
export function locate(manifestText: string | null, problems: readonly PackProblem[]): LocatedProblem[] {
  const lines = manifestText === null ? null : jsonLines(manifestText);
  return problems.map((p): LocatedProblem => {
    if (!lines) return p;
    const keys = p.path === undefined ? [] : parseJsonPath(p.path);
    let line: number | undefined;
    if (isManifest(p.file)) {
      // A syntax error says its line; a problem of the whole document is at its top.
      const said = p.code.startsWith('manifest.json-') ? /line (\d+)/.exec(p.message.en)?.[1] : undefined;
      line = said !== undefined ? Number(said) : keys.length > 0 ? lines.lineOf(keys) : 1;
    } else line = keys.length > 0 ? lines.lineOf(keys) : lines.lineOfString(p.file);
    const hint = hintFor(p, keys);
    return {
      ...p,
      ...(line === undefined ? {} : { line, locationFile: 'pack.json' }),
      ...(hint ? { hint } : {}),
    };
  });
}

/** `locate` with `<folder>/pack.json` read from disk (none: the problems as they are). */
export async function locateProblems(
  folder: string,
  problems: readonly PackProblem[],
): Promise<LocatedProblem[]> {
  const text = await readFile(join(folder, 'pack.json'), 'utf8').catch(() => null);
  return locate(text, problems);
}

/**
 * One problem for people: `pack.json:57: rule: path: message`, a problem of another file as
 * `pack.json:80: rule: media/film.webm: message` (the line that names it), then the hint, if
 * any, on its own indented line.
 */
export function formatLocated(p: LocatedProblem, language: ProblemLanguage = 'en'): string {
  const message = (p.message[language] || p.message.en).replace(/[\r\n]+/g, ' ');
  const path = p.path ? `${p.path}: ` : '';
  const head =
    p.line === undefined
      ? `${p.file}: ${p.rule}: ${path}${message}`
      : isManifest(p.file) || p.locationFile === undefined
        ? `${p.file}:${p.line}: ${p.rule}: ${path}${message}`
        : `${p.locationFile}:${p.line}: ${p.rule}: ${p.file}: ${path}${message}`;
  const hint = p.hint ? `\n    ${language === 'zh-Hans' ? '提示' : 'hint'}: ${p.hint[language]}` : '';
  return head + hint;
}
