// The hall server as one CommonJS file, dist/server/hall-server.cjs, for `npm start` / `npm run
// serve` (browser mode). Run from the sources under tsx, the server spent ~300 ms of its ~400 ms
// start in tsx's loader (a module-loading worker and a transform per file) before it listened; the
// bundle starts in about the time of a bare Node server. Its modules keep their lazy imports
// (esbuild's lazy module wrappers), so nothing more runs before listen than from the sources.
//
// dist/server/hall-server.cjs itself is a small loader (scripts/hall-server-loader.cjs) that runs
// the bundle, dist/server/hall-server.bundle.cjs, with V8's code cache kept beside it: the bundle
// is not compiled again at every start (spawn → "serving" 121 → 95 ms; bare Node ~76 ms).
//
// `serverCommand()` builds the bundle when it is missing or older than any file under
// electron/node or electron/shared (a stat of each, a few ms), so an edited source is never served
// stale; `npm run build` builds it ahead. A failed build falls back to the sources under tsx.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const SERVER_ENTRY = path.join('electron', 'node', 'server', 'main.ts');
export const SERVER_BUNDLE = path.join('dist', 'server', 'hall-server.cjs');
const SOURCE_DIRS = [path.join('electron', 'node'), path.join('electron', 'shared')];
const LOADER_SOURCE = path.join('scripts', 'hall-server-loader.cjs');
/** The bundle's file name, beside the loader. */
export const { BUNDLE_NAME } = createRequire(import.meta.url)('./hall-server-loader.cjs');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

/** True when the loader and the bundle exist and no server source is newer than them. */
export function serverBundleFresh(repo, bundle = path.join(repo, SERVER_BUNDLE)) {
  const code = path.join(path.dirname(bundle), BUNDLE_NAME);
  if (!existsSync(bundle) || !existsSync(code)) return false;
  const built = Math.min(statSync(bundle).mtimeMs, statSync(code).mtimeMs);
  const extra = ['package.json', 'package-lock.json', LOADER_SOURCE]
    .map((f) => path.join(repo, f))
    .filter(existsSync);
  return (
    SOURCE_DIRS.every((d) => newestMtime(path.join(repo, d)) <= built) &&
    extra.every((f) => statSync(f).mtimeMs <= built)
  );
}

/**
 * Builds the bundle (esbuild, Node 20, dependencies included as in dist-electron/hallpack.cjs)
 * beside `outfile`, then puts the loader at `outfile`. Each is written beside its final name and
 * renamed into place, so a server already running from the old files, or a second start building at
 * the same moment, never reads half a file.
 */
export async function buildServerBundle(repo, outfile = path.join(repo, SERVER_BUNDLE)) {
  const { build } = await import('esbuild');
  mkdirSync(path.dirname(outfile), { recursive: true });
  const code = path.join(path.dirname(outfile), BUNDLE_NAME);
  const temp = `${code}.${process.pid}.tmp`;
  const loaderTemp = `${outfile}.${process.pid}.tmp`;
  try {
    const result = await build({
      entryPoints: [path.join(repo, SERVER_ENTRY)],
      outfile: temp,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      legalComments: 'none',
      logLevel: 'silent',
      metafile: true,
      absWorkingDir: repo,
      // ESM sources that read `import.meta.url` (createRequire, file lookups) keep working in CJS.
      banner: {
        js: '"use strict";\nconst __hallImportMetaUrl = require("node:url").pathToFileURL(__filename).href;',
      },
      define: { 'import.meta.url': '__hallImportMetaUrl' },
    });
    renameSync(temp, code);
    copyFileSync(path.join(repo, LOADER_SOURCE), loaderTemp);
    renameSync(loaderTemp, outfile);
    const bytes = Object.values(result.metafile.outputs).reduce((sum, out) => sum + out.bytes, 0);
    return { outfile, bytes };
  } finally {
    rmSync(temp, { force: true });
    rmSync(loaderTemp, { force: true });
  }
}

/**
 * The node arguments that start the hall server: the bundle (built first if missing or stale),
 * else the sources under tsx. `note` gets one line when something was built or fell back.
 */
export async function serverCommand(repo, note = () => undefined) {
  if (!serverBundleFresh(repo)) {
    try {
      const started = performance.now();
      await buildServerBundle(repo);
      note(`built ${SERVER_BUNDLE} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    } catch (error) {
      note(`cannot build ${SERVER_BUNDLE} (${error?.message ?? error}); running the sources under tsx`);
      return ['--import', 'tsx', SERVER_ENTRY];
    }
  }
  return [SERVER_BUNDLE];
}
