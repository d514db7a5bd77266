/**
 * One lint run names everything: when pack.json breaks the schema, the strict parse yields no
 * manifest and nothing else could be checked. `lenientManifest` drops just what is invalid — the
 * array element or optional field each schema problem points at — until the rest parses, so the
 * lint can go on to references, files, media, fonts and budgets in the same run. The schema
 * problems are still reported (and still refuse the pack); this manifest is never installed.
 */
import { packManifestSchema } from '../../shared/pack-schema';
import type { PackManifest } from '../../shared/pack-schema';

const MAX_REPAIRS = 200;

type Container = Record<PropertyKey, unknown> | unknown[];
const isContainer = (v: unknown): v is Container => typeof v === 'object' && v !== null;

/** An array element `lenientManifest` removed: the array's keys and the index, at the time. */
export type Drop = { array: PropertyKey[]; index: number };

/** Removes what `path` points at: its innermost array element, else the field itself or its parent. */
function dropAt(root: Container, path: readonly PropertyKey[], drops: Drop[]): boolean {
  const chain: unknown[] = [root];
  for (const key of path) {
    const parent = chain[chain.length - 1];
    if (!isContainer(parent)) break;
    chain.push((parent as Record<PropertyKey, unknown>)[key]);
  }
  // Innermost array on the way: drop that element whole (a place without a name cannot be linted).
  for (let depth = Math.min(path.length, chain.length - 1) - 1; depth >= 0; depth--) {
    const parent = chain[depth];
    const key = path[depth];
    if (Array.isArray(parent) && typeof key === 'number' && key < parent.length) {
      parent.splice(key, 1);
      drops.push({ array: path.slice(0, depth), index: key });
      return true;
    }
  }
  // No array: delete the deepest field that exists (an invalid optional field, or a map entry).
  for (let depth = Math.min(path.length, chain.length - 1) - 1; depth >= 1; depth--) {
    const parent = chain[depth];
    const key = path[depth];
    if (isContainer(parent) && key !== undefined && Object.hasOwn(parent, key)) {
      delete (parent as Record<PropertyKey, unknown>)[key];
      return true;
    }
  }
  return false;
}

/** The manifest minus its invalid parts, or undefined when a required top-level field is broken. */
export function lenientManifest(value: unknown): PackManifest | undefined {
  return lenientManifestWithDrops(value)?.manifest;
}

/**
 * `lenientManifest`, with the array elements it removed, so that a path into the lenient
 * manifest can be mapped back to the author's file (`originalPath`).
 */
export function lenientManifestWithDrops(
  value: unknown,
): { manifest: PackManifest; drops: Drop[] } | undefined {
  if (!isContainer(value) || Array.isArray(value)) return undefined;
  const drops: Drop[] = [];
  const draft = structuredClone(value) as Record<string, unknown>;
  // A working folder has no files index yet: an empty one lets the rest be checked.
  if (draft.files === undefined) draft.files = {};
  for (let i = 0; i < MAX_REPAIRS; i++) {
    const parsed = packManifestSchema.safeParse(draft);
    if (parsed.success) return { manifest: parsed.data, drops };
    const issue = parsed.error.issues[0];
    if (!issue || issue.path.length === 0) return undefined;
    if (!dropAt(draft, issue.path, drops)) return undefined;
  }
  return undefined;
}

/** A path into the lenient manifest as a path into the value it was made from (undoing drops). */
export function originalPath(path: readonly PropertyKey[], drops: readonly Drop[]): PropertyKey[] {
  const out = [...path];
  for (let i = drops.length - 1; i >= 0; i--) {
    const d = drops[i];
    if (!d || out.length <= d.array.length) continue;
    if (!d.array.every((k, j) => out[j] === k)) continue;
    const at = out[d.array.length];
    if (typeof at === 'number' && at >= d.index) out[d.array.length] = at + 1;
  }
  return out;
}
