/**
 * Loads an unpacked pack folder as the active pack for browser mode. The pack store's boot
 * selection replaces this in the kiosk; this reader only parses the manifest (no hashing), so it
 * is for authoring previews and tests. The handler still serves only listed files of the right size.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { packManifestSchema } from '../../shared/pack-schema';
import type { ActivePack } from '../http/handler';

export class FolderPackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FolderPackError';
  }
}

/** Reads and schema-checks `<dir>/pack.json`. Throws FolderPackError with a readable message. */
export async function loadFolderPack(dir: string): Promise<ActivePack> {
  const root = path.resolve(dir);
  const file = path.join(root, 'pack.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new FolderPackError(
      code === 'ENOENT' ? `no pack.json in ${root}` : `cannot read ${file}: ${(error as Error).message}`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new FolderPackError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = packManifestSchema.safeParse(data);
  if (!parsed.success) {
    throw new FolderPackError(`${file} does not match the pack format:\n${z.prettifyError(parsed.error)}`);
  }
  return { root, manifest: parsed.data };
}
