/**
 * Loads an unpacked, built pack folder as the active pack for browser mode (`--pack <dir>`: an
 * author's preview, the e2e tests). The pack store's boot selection replaces this in the kiosk.
 * The folder goes through the pack inspector like every pack: strict manifest parse, references,
 * every listed file a regular file of its size, and the signature — which, on an author's
 * machine, may be missing or by a key this machine does not know (a warning), never forged.
 */
import path from 'node:path';
import { formatProblem, hasErrors } from '../../shared/problems';
import type { PackProblem } from '../../shared/problems';
import type { ActivePack } from '../http/handler';
import { createPackInspector } from '../pack/inspector';

export class FolderPackError extends Error {
  constructor(
    message: string,
    readonly problems: readonly PackProblem[] = [],
  ) {
    super(message);
    this.name = 'FolderPackError';
  }
}

const previewInspector = createPackInspector({ trustedKeys: [], allowUnsigned: true });

/** Inspects `<dir>` as a built pack. Throws FolderPackError naming each problem's file and rule. */
export async function loadFolderPack(dir: string): Promise<ActivePack> {
  const root = path.resolve(dir);
  const checked = await previewInspector.inspectFolder(root);
  if (!checked.ok) {
    const errors = checked.problems.filter((p) => hasErrors([p]));
    const lines = (errors.length > 0 ? errors : checked.problems).map((p) => `  ${formatProblem(p, 'en')}`);
    throw new FolderPackError(
      `${root} is not a pack that can be served:\n${lines.join('\n')}`,
      checked.problems,
    );
  }
  return { root, manifest: checked.pack.manifest };
}
