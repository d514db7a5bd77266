/**
 * The rest of a lint run when pack.json breaks the schema: references, files, media, fonts and
 * budgets are checked on the manifest minus its invalid parts (`lenientManifest`), so one run
 * names every problem instead of stopping at the first stage.
 */
import { checkPackReferences } from '../../shared/pack-references';
import type { PackProblem } from '../../shared/problems';
import { lenientManifest } from '../lint/lenient';
import { verifyPackFiles } from '../pack/files-index';
import { parseJsonBytes } from '../pack/manifest';
import { MANIFEST_FILE } from '../pack/build';
import type { PackCheck } from './check-pack';

export async function problemsBeyondSchema(
  check: PackCheck,
  lint: (manifest: NonNullable<PackCheck['manifest']>) => Promise<PackProblem[]>,
): Promise<PackProblem[]> {
  const { source, manifestBytes } = check;
  if (check.manifest || !source || !manifestBytes) return [];
  const json = parseJsonBytes(manifestBytes, MANIFEST_FILE);
  if (!json.ok) return [];
  const manifest = lenientManifest(json.value);
  if (!manifest) return [];
  const seen = new Set(check.problems.map((p) => `${p.code}|${p.file}|${p.path ?? ''}`));
  const found = [
    ...checkPackReferences(manifest, MANIFEST_FILE),
    ...(Object.keys(manifest.files).length > 0 ? await verifyPackFiles(source, manifest.files) : []),
    ...(await lint(manifest)),
  ];
  return found.filter((p) => !seen.has(`${p.code}|${p.file}|${p.path ?? ''}`));
}
