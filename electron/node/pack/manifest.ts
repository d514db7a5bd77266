/**
 * Reading `pack.json`: bytes → strict JSON → zod schema → `PackManifest`, or problems that say
 * where and what to do. Never throws, whatever the bytes.
 *
 * The JSON reader is our own rather than `JSON.parse` because a signed manifest must mean one
 * thing to every reader: duplicate keys (which `JSON.parse` silently resolves to the last) and
 * `__proto__` keys are refused, nesting is capped, and every syntax error has a line and column.
 */
import type { z } from 'zod';
import { PACK_FORMAT, packManifestSchema } from '../../shared/pack-schema';
import type { PackManifest } from '../../shared/pack-schema';
import { checkPackReferences } from '../../shared/pack-references';
import { formatJsonPath, hasErrors, problem } from '../../shared/problems';
import type { PackProblem } from '../../shared/problems';

/** Largest `pack.json` accepted. Media and data live in files; the manifest is text. */
export const MAX_MANIFEST_BYTES = 8 * 1024 * 1024;
/** Deepest nesting of arrays/objects accepted (a real manifest is under 12). */
export const MAX_JSON_DEPTH = 64;
/** At most this many schema problems are listed; the rest are summarised. */
export const MAX_SCHEMA_PROBLEMS = 100;

export type ManifestResult = { ok: true; manifest: PackManifest } | { ok: false; problems: PackProblem[] };

// ---------------------------------------------------------------------------------------------
// Strict JSON

type JsonErrorKind = 'syntax' | 'duplicate-key' | 'forbidden-key' | 'too-deep';

/** Why strict JSON parsing failed; `offset` is a UTF-16 index into the text. */
export type JsonError = { kind: JsonErrorKind; offset: number; en: string; zh: string; key?: string };

export type JsonResult = { ok: true; value: unknown } | { ok: false; error: JsonError };

class JsonFailure extends Error {
  constructor(readonly error: JsonError) {
    super(error.en);
  }
}

const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const FORBIDDEN_KEYS = new Set(['__proto__']);

function describeChar(c: string | undefined): string {
  if (c === undefined) return 'end of file';
  const code = c.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f)
    return `control character U+${code.toString(16).padStart(4, '0').toUpperCase()}`;
  return JSON.stringify(c);
}

/**
 * Parses RFC 8259 JSON strictly. Refuses duplicate keys, `__proto__` keys and nesting deeper
 * than `maxDepth`. Never throws.
 */
export function parseStrictJson(text: string, maxDepth = MAX_JSON_DEPTH): JsonResult {
  let i = 0;
  const n = text.length;

  const fail = (kind: JsonErrorKind, offset: number, en: string, zh: string, key?: string): never => {
    const error: JsonError = { kind, offset, en, zh };
    if (key !== undefined) error.key = key;
    throw new JsonFailure(error);
  };

  const unexpected = (expectedEn: string, expectedZh: string): never => {
    const c = text[i];
    if (c === undefined) {
      return fail(
        'syntax',
        i,
        `unexpected end of file, expected ${expectedEn}`,
        `文件意外结束，此处应为${expectedZh}`,
      );
    }
    if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      return fail('syntax', i, 'comments are not allowed in JSON', 'JSON 中不允许注释');
    }
    let back = i - 1;
    while (back >= 0 && /\s/.test(text[back] ?? '')) back--;
    if ((c === '}' || c === ']') && text[back] === ',') {
      return fail(
        'syntax',
        back,
        'trailing comma before ' + JSON.stringify(c),
        `${JSON.stringify(c)} 前有多余的逗号`,
      );
    }
    if (c === "'") {
      return fail('syntax', i, 'strings must use double quotes', '字符串必须使用双引号');
    }
    return fail(
      'syntax',
      i,
      `unexpected ${describeChar(c)}, expected ${expectedEn}`,
      `意外的 ${describeChar(c)}，此处应为${expectedZh}`,
    );
  };

  const skipWs = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };

  const parseString = (): string => {
    const start = i; // at the opening quote
    i++;
    let escaped = false;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        const raw = text.slice(start, i + 1);
        i++;
        return escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
      }
      if (c === 0x5c) {
        escaped = true;
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            fail('syntax', i, 'invalid \\u escape in string', '字符串中的 \\u 转义无效');
          }
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) {
          fail('syntax', i, 'invalid escape in string', '字符串中的转义无效');
        }
        i += 2;
        continue;
      }
      if (c < 0x20) {
        fail(
          'syntax',
          i,
          `${describeChar(text[i])} inside a string (write it as an escape such as \\n)`,
          `字符串中有${describeChar(text[i])}（请写成 \\n 这样的转义）`,
        );
      }
      i++;
    }
    return fail('syntax', start, 'string is not closed', '字符串没有结束引号');
  };

  const parseValue = (depth: number): unknown => {
    skipWs();
    const c = text[i] ?? '';
    switch (c) {
      case '{': {
        if (depth >= maxDepth)
          fail('too-deep', i, `nested deeper than ${maxDepth}`, `嵌套超过 ${maxDepth} 层`);
        i++;
        const obj: Record<string, unknown> = {};
        skipWs();
        if (text[i] === '}') {
          i++;
          return obj;
        }
        for (;;) {
          skipWs();
          if (text[i] !== '"') unexpected('a key in double quotes', '带双引号的键');
          const keyAt = i;
          const key = parseString();
          if (FORBIDDEN_KEYS.has(key)) fail('forbidden-key', keyAt, 'forbidden key', '禁止的键', key);
          if (Object.hasOwn(obj, key)) fail('duplicate-key', keyAt, 'duplicate key', '重复的键', key);
          skipWs();
          if (text[i] !== ':') unexpected('":"', '":"');
          i++;
          obj[key] = parseValue(depth + 1);
          skipWs();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === '}') {
            i++;
            return obj;
          }
          unexpected('"," or "}"', '","或"}"');
        }
      }
      // falls through (unreachable: the loop returns or throws)
      case '[': {
        if (depth >= maxDepth)
          fail('too-deep', i, `nested deeper than ${maxDepth}`, `嵌套超过 ${maxDepth} 层`);
        i++;
        const arr: unknown[] = [];
        skipWs();
        if (text[i] === ']') {
          i++;
          return arr;
        }
        for (;;) {
          arr.push(parseValue(depth + 1));
          skipWs();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === ']') {
            i++;
            return arr;
          }
          unexpected('"," or "]"', '","或"]"');
        }
      }
      // falls through (unreachable)
      case '"':
        return parseString();
      case 't':
      case 'f':
      case 'n': {
        for (const [word, value] of [
          ['true', true],
          ['false', false],
          ['null', null],
        ] as const) {
          if (text.startsWith(word, i)) {
            i += word.length;
            return value;
          }
        }
        return unexpected('a value', '一个值');
      }
      default: {
        NUMBER_RE.lastIndex = i;
        const m = NUMBER_RE.exec(text);
        if (m) {
          i += m[0].length;
          return Number(m[0]);
        }
        return unexpected('a value', '一个值');
      }
    }
  };

  try {
    const value = parseValue(0);
    skipWs();
    if (i < n) unexpected('end of file after the value', '文件结束（值之后不应再有内容）');
    return { ok: true, value };
  } catch (e) {
    if (e instanceof JsonFailure) return { ok: false, error: e.error };
    // RangeError from a pathological input the depth cap did not catch: report, never throw.
    return {
      ok: false,
      error: { kind: 'syntax', offset: i, en: 'could not parse the JSON', zh: '无法解析该 JSON' },
    };
  }
}

/** 1-based line and column (in characters) of a UTF-16 offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let k = 0; k < end; k++) {
    if (text.charCodeAt(k) === 0x0a) {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: [...text.slice(lineStart, end)].length + 1 };
}

/** Problem for a strict-JSON failure in `file`. */
export function jsonErrorProblem(text: string, error: JsonError, file: string): PackProblem {
  const { line, column } = lineColumn(text, error.offset);
  switch (error.kind) {
    case 'duplicate-key':
      return problem('manifest.json-duplicate-key', file, { key: error.key ?? '', line, column });
    case 'forbidden-key':
      return problem('manifest.json-forbidden-key', file, { key: error.key ?? '', line, column });
    case 'too-deep':
      return problem('manifest.too-deep', file, { max: MAX_JSON_DEPTH });
    case 'syntax':
      return problem('manifest.json-invalid', file, { line, column, detail: error.en, detailZh: error.zh });
  }
}

export type JsonBytesResult =
  { ok: true; value: unknown; text: string } | { ok: false; problems: PackProblem[] };

/** Decodes UTF-8 (BOM allowed) and parses strict JSON, with the manifest size cap. Never throws. */
export function parseJsonBytes(
  bytes: Uint8Array,
  file = 'pack.json',
  maxBytes = MAX_MANIFEST_BYTES,
): JsonBytesResult {
  if (bytes.byteLength > maxBytes) {
    return {
      ok: false,
      problems: [problem('manifest.too-large', file, { size: bytes.byteLength, max: maxBytes })],
    };
  }
  let text: string;
  try {
    // `fatal` refuses invalid UTF-8; the decoder drops a leading BOM by default.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problems: [problem('manifest.encoding', file, {})] };
  }
  const parsed = parseStrictJson(text);
  if (!parsed.ok) return { ok: false, problems: [jsonErrorProblem(text, parsed.error, file)] };
  return { ok: true, value: parsed.value, text };
}

// ---------------------------------------------------------------------------------------------
// Schema issues → bilingual problems

type Issue = z.core.$ZodIssue;

const TYPE_ZH: Record<string, string> = {
  string: '字符串',
  number: '数字',
  int: '整数',
  integer: '整数',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
  record: '对象',
  null: 'null',
  undefined: '空',
};

/** The schema's own English messages and their zh-Hans translations. */
const SCHEMA_MESSAGES_ZH: ReadonlyArray<[string, string]> = [
  ['ids are 1–64 characters', 'id 为 1–64 个字符：a–z、0–9、"."、"_"、"-"，以字母或数字开头'],
  ['version must be semver', '版本号必须符合语义化版本格式，例如 1.2.0'],
  ['language must be a BCP-47 tag', '语言必须是 BCP-47 标签，例如 zh-Hans 或 en'],
  ['path must be relative', '路径必须是相对路径，使用 "/"，且不能包含 ".."、"\\"、":" 或 NUL'],
  ['date must be YYYY', '日期格式必须为 YYYY、YYYY-MM 或 YYYY-MM-DD'],
  ['colour must be #rrggbb', '颜色必须为 #rrggbb 格式'],
  ['sha256 must be 64', 'sha256 必须是 64 位小写十六进制数字'],
  ['created must be an ISO 8601 date', 'created 必须是 ISO 8601 日期，例如 2026-01-31'],
];

function typeOfValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v === undefined) return 'undefined';
  if (typeof v === 'number' && !Number.isFinite(v)) return 'non-finite number';
  return typeof v;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

const list = (values: readonly unknown[]): string => values.map((v) => JSON.stringify(v)).join(', ');

function describeIssue(issue: Issue, value: unknown): { en: string; zh: string } {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = issue.expected === 'record' ? 'object' : String(issue.expected);
      if (value === undefined)
        return { en: `required ${expected} is missing`, zh: `缺少必填的${TYPE_ZH[expected] ?? expected}` };
      const got = typeOfValue(value);
      return {
        en: `expected ${expected}, found ${got}`,
        zh: `应为${TYPE_ZH[expected] ?? expected}，实际为${TYPE_ZH[got] ?? got}`,
      };
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') {
        return min <= 1
          ? { en: 'must not be empty', zh: '不能为空' }
          : { en: `must be at least ${min} characters`, zh: `至少需要 ${min} 个字符` };
      }
      if (issue.origin === 'array' || issue.origin === 'set') {
        return { en: `needs at least ${min} item(s)`, zh: `至少需要 ${min} 项` };
      }
      return issue.inclusive
        ? { en: `must be at least ${min}`, zh: `必须大于或等于 ${min}` }
        : { en: `must be greater than ${min}`, zh: `必须大于 ${min}` };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') {
        const has = typeof value === 'string' ? [...value].length : undefined;
        return has === undefined
          ? { en: `must be at most ${max} characters`, zh: `最多 ${max} 个字符` }
          : {
              en: `must be at most ${max} characters (it has ${has}); shorten it`,
              zh: `最多 ${max} 个字符（现有 ${has} 个），请缩短`,
            };
      }
      if (issue.origin === 'array' || issue.origin === 'set') {
        return { en: `must have at most ${max} item(s)`, zh: `最多 ${max} 项` };
      }
      return issue.inclusive
        ? { en: `must be at most ${max}`, zh: `必须小于或等于 ${max}` }
        : { en: `must be less than ${max}`, zh: `必须小于 ${max}` };
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? { en: `must be ${list(issue.values)}`, zh: `必须为 ${list(issue.values)}` }
        : { en: `must be one of ${list(issue.values)}`, zh: `必须是以下之一：${list(issue.values)}` };
    case 'invalid_union': {
      const options = 'options' in issue ? issue.options : undefined;
      if (issue.discriminator !== undefined && options) {
        return { en: `must be one of ${list(options)}`, zh: `必须是以下之一：${list(options)}` };
      }
      return { en: 'does not match any allowed form', zh: '不符合任何允许的形式' };
    }
    case 'invalid_format':
    case 'custom': {
      const zh = SCHEMA_MESSAGES_ZH.find(([prefix]) => issue.message.startsWith(prefix))?.[1];
      if (issue.code === 'invalid_format' && issue.format === 'url') {
        return { en: 'must be a full URL such as https://…', zh: '必须是完整的网址，例如 https://…' };
      }
      return { en: issue.message, zh: zh ?? `格式不正确（${issue.message}）` };
    }
    case 'unrecognized_keys':
      return { en: `unknown key(s) ${list(issue.keys)}`, zh: `未知的键：${list(issue.keys)}` };
    case 'invalid_key':
      return { en: `invalid key: ${issue.issues[0]?.message ?? ''}`, zh: '键无效' };
    case 'invalid_element':
    case 'not_multiple_of':
      return { en: issue.message, zh: `值无效（${issue.message}）` };
  }
}

type Leaf = { path: PropertyKey[]; en: string; zh: string };

/** Flattens union and key issues into the leaf problems people can act on, with full paths. */
function collectLeaves(
  issues: readonly Issue[],
  root: unknown,
  prefix: readonly PropertyKey[],
  out: Leaf[],
): void {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.discriminator === undefined && issue.errors.length > 0) {
      const wrongTypeHere = (b: readonly Issue[]): boolean =>
        b.length === 1 && b[0]?.code === 'invalid_type' && b[0].path.length === 0;
      if (!issue.errors.every(wrongTypeHere)) {
        // Report the branch that got furthest: the one that is not "wrong type right here".
        const best = issue.errors.find((b) => b.length > 0 && !wrongTypeHere(b)) ?? [];
        collectLeaves(best, root, path, out);
        continue;
      }
    }
    if (issue.code === 'invalid_key' && issue.issues.length > 0) {
      const key = JSON.stringify(String(path[path.length - 1]));
      for (const inner of issue.issues) {
        const d = describeIssue(inner, path[path.length - 1]);
        out.push({ path, en: `key ${key}: ${d.en}`, zh: `键 ${key}：${d.zh}` });
      }
      continue;
    }
    const value = valueAt(root, path);
    if (path.length === 1 && path[0] === 'files' && value === undefined) {
      // An author's source folder: the index is computed, not written by hand.
      out.push({
        path,
        en: 'the files index is missing: run hallpack build on the source folder and check the built pack',
        zh: '缺少文件索引：请先对源文件夹运行 hallpack build，再检查构建好的内容包',
      });
      continue;
    }
    out.push({ path, ...describeIssue(issue, value) });
  }
}

function schemaProblems(error: z.ZodError, root: unknown, file: string): PackProblem[] {
  const leaves: Leaf[] = [];
  collectLeaves(error.issues, root, [], leaves);
  const problems = leaves
    .slice(0, MAX_SCHEMA_PROBLEMS)
    .map((l) =>
      problem('manifest.schema', file, { en: l.en, zh: l.zh }, { path: formatJsonPath(l.path) || '(root)' }),
    );
  if (leaves.length > MAX_SCHEMA_PROBLEMS) {
    const more = leaves.length - MAX_SCHEMA_PROBLEMS;
    problems.push(
      problem('manifest.schema', file, {
        en: `… and ${more} more schema problem(s); fix the ones above first`,
        zh: `……另有 ${more} 个结构问题；请先修正以上问题`,
      }),
    );
  }
  return problems;
}

/**
 * Validates an already-parsed JSON value against the pack schema. Never throws.
 * `format` is checked first so a pack of another format gets one clear problem, not a flood.
 */
export function validateManifestValue(value: unknown, file = 'pack.json'): ManifestResult {
  try {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const format = (value as Record<string, unknown>)['format'];
      if (typeof format === 'string' && format !== PACK_FORMAT) {
        return {
          ok: false,
          problems: [problem('manifest.format', file, { found: format, expected: PACK_FORMAT })],
        };
      }
    }
    const parsed = packManifestSchema.safeParse(value);
    if (parsed.success) return { ok: true, manifest: parsed.data };
    return { ok: false, problems: schemaProblems(parsed.error, value, file) };
  } catch (e) {
    return { ok: false, problems: [problem('manifest.internal', file, { detail: String(e) })] };
  }
}

/**
 * Parses `pack.json` bytes: size cap, UTF-8 (BOM allowed), strict JSON, schema. Never throws.
 * Cross-references are checked separately (`checkPackReferences`, or `checkManifest` for both).
 */
export function parseManifest(bytes: Uint8Array, file = 'pack.json'): ManifestResult {
  try {
    const json = parseJsonBytes(bytes, file);
    if (!json.ok) return json;
    return validateManifestValue(json.value, file);
  } catch (e) {
    return { ok: false, problems: [problem('manifest.internal', file, { detail: String(e) })] };
  }
}

/**
 * Keys an author wrote that the schema does not know (zod drops them silently): a typo such as
 * `"catgory"` would otherwise vanish without a word. Found by walking the author's JSON beside
 * the parsed manifest: a key present in the one and absent from the other was dropped.
 */
export function unknownKeyProblems(raw: unknown, parsed: unknown, file = 'pack.json'): PackProblem[] {
  const out: PackProblem[] = [];
  const walk = (r: unknown, p: unknown, path: PropertyKey[]): void => {
    if (out.length >= MAX_SCHEMA_PROBLEMS) return;
    if (Array.isArray(r) && Array.isArray(p)) {
      r.forEach((item, i) => walk(item, p[i], [...path, i]));
      return;
    }
    if (r === null || typeof r !== 'object' || Array.isArray(r)) return;
    if (p === null || typeof p !== 'object' || Array.isArray(p)) return;
    const known = p as Record<string, unknown>;
    for (const [key, value] of Object.entries(r as Record<string, unknown>)) {
      if (!Object.hasOwn(known, key)) {
        out.push(problem('manifest.unknown-key', file, { key }, { path: formatJsonPath([...path, key]) }));
      } else walk(value, known[key], [...path, key]);
    }
  };
  walk(raw, parsed, []);
  return out;
}

export type CheckedManifest =
  | { ok: true; manifest: PackManifest; problems: PackProblem[] }
  | { ok: false; manifest?: PackManifest; problems: PackProblem[] };

/**
 * `parseManifest` then `checkPackReferences`: ok when there is no error (warnings are returned
 * alongside). What the store and `hallpack validate` use before looking at files.
 */
export function checkManifest(bytes: Uint8Array, file = 'pack.json'): CheckedManifest {
  let json: ReturnType<typeof parseJsonBytes>;
  try {
    json = parseJsonBytes(bytes, file);
  } catch (e) {
    return { ok: false, problems: [problem('manifest.internal', file, { detail: String(e) })] };
  }
  if (!json.ok) return json;
  return checkManifestValue(json.value, file);
}

/** `checkManifest` of an already-parsed JSON value: schema, unknown keys, references. Never throws. */
export function checkManifestValue(value: unknown, file = 'pack.json'): CheckedManifest {
  const parsed = validateManifestValue(value, file);
  if (!parsed.ok) return parsed;
  let problems: PackProblem[];
  try {
    problems = [
      ...unknownKeyProblems(value, parsed.manifest, file),
      ...checkPackReferences(parsed.manifest, file),
    ];
  } catch (e) {
    problems = [problem('manifest.internal', file, { detail: String(e) })];
  }
  return hasErrors(problems)
    ? { ok: false, manifest: parsed.manifest, problems }
    : { ok: true, manifest: parsed.manifest, problems };
}
