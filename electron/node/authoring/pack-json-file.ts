/**
 * `pack.json` of a working folder as an author's file: read as raw JSON (no defaults filled in),
 * written back only when its value changed, atomically, with the indentation it had — so tools
 * that edit a few fields leave everything else of the file as the author wrote it.
 */
import { readFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic';
import { nodeFsOps } from '../fs/fs-ops';
import { jsonErrorProblem, parseStrictJson } from '../pack/manifest';
import { problem } from '../../shared/problems';
import type { PackProblem } from '../../shared/problems';

export type PackJsonFile = { path: string; text: string; value: Record<string, unknown> };

export type PackJsonRead = { ok: true; file: PackJsonFile } | { ok: false; problems: PackProblem[] };

/** Reads `<folder>/pack.json` strictly (duplicate keys and syntax errors are problems with a line). */
export async function readPackJson(folder: string): Promise<PackJsonRead> {
  const path = join(folder, 'pack.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { ok: false, problems: [problem('manifest.missing', path, {})] };
  }
  const parsed = parseStrictJson(text.replace(/^\ufeff/, ''));
  if (!parsed.ok) return { ok: false, problems: [jsonErrorProblem(text, parsed.error, path)] };
  const value = parsed.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      problems: [
        {
          code: 'manifest.not-object',
          severity: 'error',
          file: path,
          rule: 'manifest.not-object',
          message: { en: 'pack.json must hold one JSON object', 'zh-Hans': 'pack.json 必须是一个 JSON 对象' },
        },
      ],
    };
  }
  return { ok: true, file: { path, text, value: value as Record<string, unknown> } };
}

/** The indentation of a JSON text: the first indented line's, else two spaces. */
export function indentOf(text: string): string | number {
  const m = /\n([ \t]+)["{[\]}]/.exec(text);
  return m?.[1] ?? 2;
}

/**
 * Writes `value` over the file if it differs from what was read; returns whether it wrote.
 * Unchanged content is never rewritten, so an edit-free round trip leaves the bytes as they were.
 */
export async function writePackJsonIfChanged(file: PackJsonFile, value: unknown): Promise<boolean> {
  if (isDeepStrictEqual(value, file.value)) return false;
  const newline = file.text.endsWith('\n') ? '\n' : '';
  const text = JSON.stringify(value, null, indentOf(file.text)) + newline;
  await writeFileAtomic(nodeFsOps, file.path, new TextEncoder().encode(text));
  return true;
}
