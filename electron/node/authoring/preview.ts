/**
 * `hallpack preview`: an author's working folder in the real renderer, on loopback.
 *
 * The hall server serves the folder in place: the request handler serves only the files of the
 * computed `files` index (as it does for an installed pack), and `/pack/pack.json` is the
 * author's pack.json with that index put in, computed in memory — nothing is written into the
 * folder. The page at `/__preview/` frames the kiosk beside a panel with the lint problems.
 * With `watch`, chokidar sees every change; the folder is reloaded, the framed kiosk is reloaded on
 * the screen it was showing, and the lint runs again. A pack.json that no longer loads keeps
 * the last version that did on screen, with its problems in the panel.
 *
 * The folder is the author's own: its signature is not a reason to refuse it here (a pack signed
 * by the author's key, or signed before the last edit, previews; the panel says what a kiosk
 * would say).
 */
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, sep } from 'node:path';
import { watch } from 'chokidar';
import type { FSWatcher } from 'chokidar';
import type { FileEntry } from '../../shared/pack-schema';
import type { PackProblem } from '../../shared/problems';
import { checkPack, closePackCheck } from '../cli/check-pack';
import { lintCheckedPack } from '../cli/pack-commands';
import { isTempName } from '../fs/atomic';
import type { ActivePack } from '../http/handler';
import { nullLogger } from '../log/logger';
import type { Logger } from '../log/logger';
import { MANIFEST_FILE, withFilesIndex } from '../pack/build';
import { hashFile, indexPackFolder } from '../pack/files-index';
import { checkManifest } from '../pack/manifest';
import { startHallServer } from '../server/hall-server';
import { locateProblems } from '../lint/locations';
import type { LocatedProblem } from '../lint/locations';
import { readPackJson } from './pack-json-file';
import { PREVIEW_CSS, PREVIEW_HTML, PREVIEW_JS } from './preview-shell';

export type PreviewOptions = {
  folder: string;
  rendererRoot: string;
  port?: number;
  watch: boolean;
  log?: Logger;
  /** Each time the folder was read (and, later, linted): for the CLI's progress lines. */
  onUpdate?: (state: PreviewState) => void;
};

/** What the preview shows; sent to the page on every change. */
export type PreviewState = {
  /** Goes up each time a version of the folder loaded: the page reloads the kiosk. */
  packVersion: number;
  /** Goes up on every change seen, loaded or not. */
  revision: number;
  /** True while the lint of this revision runs. */
  linting: boolean;
  /** False when the current folder does not load: the kiosk shows the last version that did. */
  loaded: boolean;
  title: string;
  problems: LocatedProblem[];
};

export type Preview = {
  url: string;
  close(): Promise<void>;
  state(): PreviewState;
  refresh(): Promise<void>;
};

const PREFIX = '/__preview/';

/** Remembers each file's hash by size and modification time, so a change rehashes only what changed. */
function cachedHasher(): (path: string) => Promise<FileEntry> {
  const cache = new Map<string, { size: number; mtimeMs: number; entry: FileEntry }>();
  return async (path) => {
    const st = await stat(path);
    const hit = cache.get(path);
    if (hit && hit.size === st.size && hit.mtimeMs === st.mtimeMs) return hit.entry;
    const entry = await hashFile(path);
    cache.set(path, { size: st.size, mtimeMs: st.mtimeMs, entry });
    return entry;
  };
}

/** Signature problems are for kiosks; in the author's own preview they are warnings. */
function forPreview(p: PackProblem): PackProblem {
  return p.code.startsWith('sig.') && p.severity === 'error' ? { ...p, severity: 'warning' } : p;
}

export async function startPreview(opts: PreviewOptions): Promise<Preview> {
  const log = opts.log ?? nullLogger;
  const hash = cachedHasher();
  let active: { pack: ActivePack; bytes: Uint8Array } | null = null;
  let state: PreviewState = {
    packVersion: 0,
    revision: 0,
    linting: false,
    loaded: false,
    title: basename(opts.folder),
    problems: [],
  };
  const clients = new Set<ServerResponse>();

  const publish = (next: PreviewState): void => {
    state = next;
    const data = `event: state\ndata: ${JSON.stringify(state)}\n\n`;
    for (const c of clients) c.write(data);
    opts.onUpdate?.(state);
  };

  /** Reads the folder into a servable pack, or the problems that stop it. */
  const load = async (): Promise<{ pack: ActivePack; bytes: Uint8Array } | PackProblem[]> => {
    const index = await indexPackFolder(opts.folder, hash);
    if (!index.ok) return index.problems;
    const authored = await readPackJson(opts.folder);
    if (!authored.ok) return authored.problems;
    const bytes = withFilesIndex(authored.file.value, index.files);
    const checked = checkManifest(bytes, MANIFEST_FILE);
    if (!checked.ok) return checked.problems;
    return { pack: { root: opts.folder, manifest: checked.manifest }, bytes };
  };

  let running: Promise<void> = Promise.resolve();
  let revision = 0;
  const refreshOnce = async (): Promise<void> => {
    const mine = ++revision;
    const loaded = await load();
    if (mine !== revision) return;
    const ok = !Array.isArray(loaded);
    if (ok) active = loaded;
    const title = active ? (Object.values(active.pack.manifest.title)[0] ?? state.title) : state.title;
    const loadProblems = ok ? [] : loaded;
    publish({
      packVersion: state.packVersion + (ok ? 1 : 0),
      revision: mine,
      linting: true,
      loaded: ok,
      title,
      // Until the lint has run, what stopped the load (or the previous lint's list).
      problems: ok ? state.problems : await locateProblems(opts.folder, loadProblems),
    });
    const check = await checkPack(opts.folder, { trusted: [], hashes: false, workingFolder: true });
    let problems: PackProblem[];
    try {
      problems = (await lintCheckedPack(check)).map(forPreview);
    } finally {
      await closePackCheck(check);
    }
    // What stopped the load and the lint does not say (a hidden file, a symlink) comes first.
    const said = new Set(problems.map((p) => `${p.code}\0${p.file}\0${p.path ?? ''}`));
    const extra = loadProblems.filter((p) => !said.has(`${p.code}\0${p.file}\0${p.path ?? ''}`));
    const located = await locateProblems(opts.folder, [...extra, ...problems]);
    if (mine !== revision) return;
    publish({ ...state, linting: false, problems: located });
  };
  const refresh = (): Promise<void> => {
    running = running.then(refreshOnce, refreshOnce);
    return running;
  };

  const send = (res: ServerResponse, type: string, body: string | Uint8Array, csp: string): void => {
    res.writeHead(200, {
      'content-type': type,
      'cache-control': 'no-store',
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    res.end(body);
  };
  const shellCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

  const extraRoutes = (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method !== 'GET' && req.method !== 'HEAD') return Promise.resolve(false);
    if (path === '/pack/pack.json' && active) {
      send(res, 'application/json; charset=utf-8', active.bytes, "default-src 'none'");
      return Promise.resolve(true);
    }
    if (path === '/pack/pack.sig') {
      // The preview serves the computed pack.json, which no signature covers.
      res.writeHead(404, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
      res.end('Not Found\n');
      return Promise.resolve(true);
    }
    if (!path.startsWith(PREFIX)) return Promise.resolve(false);
    const name = path.slice(PREFIX.length);
    if (name === '') send(res, 'text/html; charset=utf-8', PREVIEW_HTML, shellCsp);
    else if (name === 'preview.js') send(res, 'text/javascript; charset=utf-8', PREVIEW_JS, shellCsp);
    else if (name === 'preview.css') send(res, 'text/css; charset=utf-8', PREVIEW_CSS, shellCsp);
    else if (name === 'state') send(res, 'application/json; charset=utf-8', JSON.stringify(state), shellCsp);
    else if (name === 'events') {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(`retry: 500\nevent: state\ndata: ${JSON.stringify(state)}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
    } else {
      res.writeHead(404, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
      res.end('Not Found\n');
    }
    return Promise.resolve(true);
  };

  await refresh();
  const server = await startHallServer({
    ...(opts.port === undefined ? {} : { port: opts.port }),
    rendererRoot: opts.rendererRoot,
    getActivePack: () => Promise.resolve(active?.pack ?? null),
    log,
    csp: { framedBySelf: true },
    extraRoutes,
    closeGraceMs: 200,
  });

  let watcher: FSWatcher | null = null;
  if (opts.watch) {
    let timer: NodeJS.Timeout | undefined;
    watcher = watch(opts.folder, {
      ignoreInitial: true,
      // Temporary files of atomic saves (ours and editors'), and what build writes beside.
      ignored: (p: string) => {
        const name = p.split(sep).pop() ?? '';
        return isTempName(name) || /(~|\.swp|\.swx|\.crdownload|\.part)$/.test(name) || name === '.git';
      },
    });
    watcher.on('all', (event, path) => {
      log.info('preview: change', { event, path });
      clearTimeout(timer);
      // Editors save in bursts (write, rename, chmod): one reload per burst.
      timer = setTimeout(() => void refresh(), 150);
    });
    watcher.on('error', (error) => log.warn('preview: watch error', { error }));
    await new Promise<void>((resolve) => watcher?.once('ready', () => resolve()));
  }

  return {
    url: `${server.url}__preview/`,
    state: () => state,
    refresh,
    async close() {
      await watcher?.close();
      for (const c of clients) c.end();
      clients.clear();
      await server.close();
    },
  };
}
