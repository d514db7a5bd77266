'use strict';
/**
 * dist/server/hall-server.cjs: starts the hall server's bundle (hall-server.bundle.cjs, beside it)
 * with V8's code cache, so a kiosk start does not compile the 1.5 MiB bundle again each time.
 * Node 20 has no built-in compile cache (module.enableCompileCache is Node 22), so the bundle is
 * compiled here with `vm.Script` and its `cachedData`, and run as the main module, exactly as
 * `node hall-server.bundle.cjs` would run it. Measured on the hall PC stand-in: spawn → "serving"
 * 121 → 95 ms (a bare Node HTTP server: ~76 ms).
 *
 * The cache is written beside the bundle ten seconds after the start (so the functions the start
 * and the first page compiled are in it), or as the server exits if sooner, into a file named by the SHA-256 of the bundle's source
 * and the Node version: V8 checks its own version and flags, but it tells sources apart only by
 * their length, so a rebuilt bundle of the same length must never meet the old cache. Beside the
 * bundle and nowhere else: whoever can write there can change the bundle itself. A cache that
 * cannot be read, is refused by V8 or cannot be written only costs the compile; nothing is logged
 * on every start of a read-only install.
 *
 * Its source is scripts/hall-server-loader.cjs; scripts/server-bundle.mjs copies it.
 */
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const BUNDLE_NAME = 'hall-server.bundle.cjs';
const CACHE_PATTERN = /^hall-server\.[0-9a-f]{24}\.v8cache$/;
const SAVE_AFTER_MS = 10_000;

/** The cache file for exactly this source on this Node. */
function cacheFileFor(source, dir) {
  const digest = createHash('sha256')
    .update(source)
    .update(`\0${process.version}\0${process.arch}`)
    .digest('hex')
    .slice(0, 24);
  return path.join(dir, `hall-server.${digest}.v8cache`);
}

/**
 * Runs `file` as the main module with the code cache in `cacheDir` (default: beside it).
 * Returns what happened to the cache (`used`, `rejected` by V8, or `none`) and `save()`, which
 * writes the cache for the functions compiled so far (atomically, removing caches of other
 * sources) and resolves false when it cannot.
 */
function runBundle(file, cacheDir = path.dirname(file)) {
  const source = fs.readFileSync(file, 'utf8');
  const cacheFile = cacheFileFor(source, cacheDir);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const cache = cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';

  const mod = new Module(file, null);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  mod.loaded = true;
  const requireFromBundle = Module.createRequire(file);
  requireFromBundle.main = mod;
  script.runInThisContext().call(mod.exports, mod.exports, requireFromBundle, mod, file, path.dirname(file));

  const save = () => {
    const temp = `${cacheFile}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(temp, script.createCachedData(), { mode: 0o644 });
      fs.renameSync(temp, cacheFile);
      for (const name of fs.readdirSync(cacheDir)) {
        if (CACHE_PATTERN.test(name) && path.join(cacheDir, name) !== cacheFile) {
          fs.rmSync(path.join(cacheDir, name), { force: true });
        }
      }
      return true;
    } catch {
      try {
        fs.rmSync(temp, { force: true });
      } catch {
        // Nothing was written there either.
      }
      return false;
    }
  };
  return { cache, cacheFile, save };
}

module.exports = { runBundle, cacheFileFor, BUNDLE_NAME };

if (require.main === module) {
  const started = runBundle(path.join(__dirname, BUNDLE_NAME));
  if (started.cache !== 'used') {
    let saved = false;
    const saveOnce = () => {
      if (saved) return;
      saved = true;
      started.save();
    };
    setTimeout(saveOnce, SAVE_AFTER_MS).unref();
    // A server stopped sooner (SIGTERM, SIGINT: it closes and exits) saves as it exits.
    process.once('exit', saveOnce);
  }
}
