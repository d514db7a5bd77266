/**
 * The rest of a lint run when pack.json breaks the schema: references, files, media, fonts and
 * budgets are checked on the manifest minus its invalid parts (`lenientManifest`), so one run
 * names every problem instead of stopping at the first stage.
 */
import { checkPackReferences } from '../../shared/pack-references';
import type { PackProblem } from '../../shared/problems';
import { lenientManifestWithDrops, originalPath } from '../lint/lenient';
import { parseJsonPath } from '../lint/locations';
import { formatJsonPath } from '../../shared/problems';
import { verifyPackFiles } from '../pack/files-index';
import { parseJsonBytes } from '../pack/manifest';
import { MANIFEST_FILE } from '../pack/build';
import { SIGNATURE_FILE } from '../pack/signature';
import type { FileEntry } from '../../shared/pack-schema';
import type { PackCheck } from './check-pack';

export async function problemsBeyondSchema(
  check: PackCheck,
  lint: (manifest: NonNullable<PackCheck['manifest']>) => Promise<PackProblem[]>,
): Promise<PackProblem[]> {
  const { source, manifestBytes } = check;
  if (check.manifest || !source || !manifestBytes) return [];
  const json = parseJsonBytes(manifestBytes, MANIFEST_FILE);
  if (!json.ok) return [];
  const working = check.kind === 'working-folder';
  const raw = json.value;
  // A working folder's references are checked against the files present, as when it parses.
  const draft =
    working && raw !== null && typeof raw === 'object' && !Array.isArray(raw)
      ? { ...raw, files: presentFiles(source.entries) }
      : raw;
  const lenient = lenientManifestWithDrops(draft);
  if (!lenient) return [];
  const { manifest, drops } = lenient;
  const seen = new Set(check.problems.map((p) => `${p.code}|${p.file}|${p.path ?? ''}`));
  // An item dropped for its schema problem is reported there; what names it is not missing too.
  const dropped = [...idsIn(raw)].filter((id) => !idsIn(manifest).has(id));
  // Media that only a dropped item showed would be reported as unused: they are not.
  const mentioned = drops.length > 0 ? stringsOutsideMedia(raw) : new Set<string>();
  const namesDropped = (p: PackProblem): boolean =>
    (p.code.startsWith('ref.') && dropped.some((id) => p.message.en.includes(`"${id}" does not exist`))) ||
    (p.rule === 'media.reachable' && mentioned.has(String(parseJsonPath(p.path ?? '')[1] ?? '')));
  const found = [
    ...checkPackReferences(manifest, MANIFEST_FILE),
    ...(!working && Object.keys(manifest.files).length > 0
      ? await verifyPackFiles(source, manifest.files)
      : []),
    ...(await lint(manifest)),
  ];
  // Paths into the lenient manifest, where dropped items shifted the indices, back to the author's.
  const mapped = found.map((p) =>
    p.path === undefined || drops.length === 0
      ? p
      : { ...p, path: formatJsonPath(originalPath(parseJsonPath(p.path), drops)) },
  );
  return mapped.filter((p) => !seen.has(`${p.code}|${p.file}|${p.path ?? ''}`) && !namesDropped(p));
}

/** A files index of what a working folder holds (sizes real; hashes are computed by build). */
function presentFiles(entries: readonly { path: string; size: number }[]): Record<string, FileEntry> {
  return Object.fromEntries(
    entries
      .filter((e) => e.path !== MANIFEST_FILE && e.path !== SIGNATURE_FILE)
      .map((e) => [e.path, { size: e.size, sha256: '0'.repeat(64) }]),
  );
}

/** Every string value of a pack.json value, except inside its `media` map. */
function stringsOutsideMedia(raw: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw))
    for (const [k, v] of Object.entries(raw)) if (k !== 'media') walk(v);
  return out;
}

/** Every `id` of an item in `value`, and every key of the `media` map. */
function idsIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) idsIn(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (k === 'id' && typeof v === 'string') out.add(v);
      else if (k === 'media' && v !== null && typeof v === 'object' && !Array.isArray(v))
        for (const [id, m] of Object.entries(v as Record<string, unknown>)) {
          out.add(id);
          idsIn(m, out);
        }
      else idsIn(v, out);
    }
  }
  return out;
}
