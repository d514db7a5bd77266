import type { PackManifest } from '../../../electron/shared/pack-schema';
import { packManifestSchema } from '../../../electron/shared/pack-schema';
import type { ContentProblem } from '../stores/content-store';

/**
 * Pack files are always fetched relative to the document (`pack/…`), so the same bundle works
 * under hall:// in Electron and http://127.0.0.1:PORT in browser mode.
 */
export function packUrl(path: string, base: string = document.baseURI): string {
  const encoded = path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  return new URL(`pack/${encoded}`, base).href;
}

export type ManifestResult =
  { ok: true; manifest: PackManifest } | { ok: false; problem: ContentProblem; detail: string };

/** Fetches and parses `pack/pack.json`. Never throws: a failure is a value the shell shows calmly. */
export async function loadManifest(
  fetchFn: typeof fetch = (input, init) => fetch(input, init),
  base: string = document.baseURI,
): Promise<ManifestResult> {
  let response: Response;
  try {
    response = await fetchFn(new URL('pack/pack.json', base).href, { cache: 'no-cache' });
  } catch (error) {
    return {
      ok: false,
      problem: 'unreachable',
      detail: error instanceof Error ? error.message : String(error),
    };
  }
  if (response.status === 404 || response.status === 503) {
    return { ok: false, problem: 'no-pack', detail: `pack.json answered ${response.status}` };
  }
  if (!response.ok) {
    return { ok: false, problem: 'unreachable', detail: `pack.json answered ${response.status}` };
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch (error) {
    return { ok: false, problem: 'invalid', detail: error instanceof Error ? error.message : String(error) };
  }
  const parsed = packManifestSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? first.path.join('.') : '';
    return { ok: false, problem: 'invalid', detail: `${where}: ${first?.message ?? 'invalid manifest'}` };
  }
  return { ok: true, manifest: parsed.data };
}
