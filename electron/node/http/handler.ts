/**
 * The one request handler: `(Request) => Promise<Response>`, mounted by Electron's
 * `protocol.handle('hall', …)` and by the loopback hall server alike.
 *
 * - `/pack/pack.json`, `/pack/pack.sig`: the active pack's manifest bytes and signature.
 * - `/pack/<path>`: only when `<path>` is a key of `manifest.files` (looked up, never joined
 *   blindly), its real path inside the pack root, and its size as the manifest says.
 * - `/api/…`: reserved (404 for now).
 * - anything else: the renderer bundle; `/` and extension-less unknown paths → index.html.
 *
 * Every refusal is a 404 (400 for malformed %-encoding) plus a log line; nothing is buffered.
 */
import { realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { isSafePackPath } from '../../shared/pack-path';
import type { PackManifest } from '../../shared/pack-schema';
import { nullLogger } from '../log/logger';
import type { Logger } from '../log/logger';
import { NO_STORE, REVALIDATE, rendererCacheControl } from './cache-policy';
import { sha256Etag, statEtag } from './conditional';
import { fileResponse } from './file-response';
import { contentTypeFor } from './mime';
import { isInsideRoot, resolveRequestPath } from './resolve-path';
import { buildCsp, securityHeaders } from './security-headers';
import type { CspOptions } from './security-headers';

/** The pack being shown: `root` is the folder holding pack.json and the listed files. */
export type ActivePack = { root: string; manifest: PackManifest };

export type HallHandlerOptions = {
  /** The built renderer (dist/renderer). */
  rendererRoot: string;
  /**
   * The currently active pack, or null when there is none (then `/pack/*` is 503). `manifest`:
   * the request is for `pack.json`, i.e. a page is loading the pack (a kiosk that follows its
   * store switches the page to a newly selected pack only then).
   */
  getActivePack: (request?: { manifest: boolean }) => Promise<ActivePack | null>;
  log?: Logger;
  csp?: CspOptions;
};

export type HallHandler = (req: Request) => Promise<Response>;

export const ALLOWED_METHODS = 'GET, HEAD';

type Located =
  | { ok: true; real: string; stats: Stats }
  | { ok: false; reason: 'missing' | 'outside-root' | 'not-a-file' | 'root-missing' };

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Finds checked `segments` under `root` and proves, after resolving symlinks, that the file is
 * a regular file inside the real root.
 */
async function locate(root: string, segments: string[]): Promise<Located> {
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    return { ok: false, reason: 'root-missing' };
  }
  let real: string;
  try {
    real = await realpath(path.join(realRoot, ...segments));
  } catch (error) {
    const code = errorCode(error);
    // ELOOP: a symlink cycle is as good as missing; anything else is a real failure.
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP' || code === 'ENAMETOOLONG') {
      return { ok: false, reason: 'missing' };
    }
    throw error;
  }
  if (!isInsideRoot(realRoot, real)) return { ok: false, reason: 'outside-root' };
  const stats = await stat(real);
  if (!stats.isFile()) return { ok: false, reason: 'not-a-file' };
  return { ok: true, real, stats };
}

const MESSAGES = {
  noPack: {
    'zh-Hans': '当前没有可用的内容包。请在管理界面安装或恢复一个内容包。',
    en: 'No content pack is active. Install or restore a pack from the staff screen.',
  },
  packUnavailable: {
    'zh-Hans': '内容包暂时无法读取。',
    en: 'The content pack could not be read.',
  },
} as const;

/** Creates the handler. */
export function createHallHandler(opts: HallHandlerOptions): HallHandler {
  const log = opts.log ?? nullLogger;
  const baseHeaders = securityHeaders(buildCsp(opts.csp));

  const plain = (
    req: Request,
    status: number,
    text: string,
    extra: Record<string, string> = {},
  ): Response => {
    const headers = new Headers(baseHeaders);
    headers.set('content-type', 'text/plain; charset=utf-8');
    headers.set('cache-control', NO_STORE);
    for (const [k, v] of Object.entries(extra)) headers.set(k, v);
    const body = new TextEncoder().encode(`${text}\n`);
    headers.set('content-length', String(body.byteLength));
    return new Response(req.method === 'HEAD' ? null : body, { status, headers });
  };

  const json = (req: Request, status: number, value: unknown): Response => {
    const headers = new Headers(baseHeaders);
    headers.set('content-type', 'application/json; charset=utf-8');
    headers.set('cache-control', NO_STORE);
    const body = new TextEncoder().encode(JSON.stringify(value));
    headers.set('content-length', String(body.byteLength));
    return new Response(req.method === 'HEAD' ? null : body, { status, headers });
  };

  const notFound = (req: Request): Response => plain(req, 404, 'Not Found');

  const refuse = (
    req: Request,
    pathname: string,
    reason: string,
    data: Record<string, unknown> = {},
  ): Response => {
    log.warn('request refused', { method: req.method, path: pathname, reason, status: 404, ...data });
    return notFound(req);
  };

  async function servePack(req: Request, pathname: string, packPath: string): Promise<Response> {
    if (packPath === '') return notFound(req);
    let active: ActivePack | null;
    try {
      active = await opts.getActivePack({ manifest: packPath === 'pack.json' });
    } catch (error) {
      log.error('active pack unavailable', { path: pathname, error });
      return json(req, 503, { error: 'pack-unavailable', message: MESSAGES.packUnavailable });
    }
    if (!active) return json(req, 503, { error: 'no-active-pack', message: MESSAGES.noPack });

    if (packPath === 'pack.json' || packPath === 'pack.sig') {
      const found = await locate(active.root, [packPath]);
      if (!found.ok) {
        if (found.reason === 'outside-root')
          return refuse(req, pathname, found.reason, { pack: active.manifest.id });
        // A missing pack.sig is normal for unsigned (authoring) packs.
        if (packPath === 'pack.json')
          log.error('pack.json missing', { root: active.root, reason: found.reason });
        return notFound(req);
      }
      return fileResponse(
        req,
        {
          path: found.real,
          size: found.stats.size,
          mtimeMs: found.stats.mtimeMs,
          contentType:
            packPath === 'pack.json' ? 'application/json; charset=utf-8' : 'application/octet-stream',
          etag: statEtag(found.stats.size, found.stats.mtimeMs),
          cacheControl: REVALIDATE,
        },
        baseHeaders,
      );
    }

    const files = active.manifest.files;
    const entry = Object.hasOwn(files, packPath) ? files[packPath] : undefined;
    if (!entry || !isSafePackPath(packPath)) {
      return refuse(req, pathname, 'not-in-manifest', { pack: active.manifest.id });
    }
    const found = await locate(active.root, packPath.split('/'));
    if (!found.ok) {
      if (found.reason === 'outside-root')
        return refuse(req, pathname, found.reason, { pack: active.manifest.id });
      log.error('listed pack file unavailable', {
        path: pathname,
        pack: active.manifest.id,
        reason: found.reason,
      });
      return notFound(req);
    }
    if (found.stats.size !== entry.size) {
      // The store verified the hash at install; a different size now means the file changed.
      log.error('pack file differs from manifest', {
        path: pathname,
        pack: active.manifest.id,
        expected: entry.size,
        actual: found.stats.size,
      });
      return notFound(req);
    }
    return fileResponse(
      req,
      {
        path: found.real,
        size: found.stats.size,
        mtimeMs: found.stats.mtimeMs,
        contentType: contentTypeFor(packPath, 'pack'),
        etag: sha256Etag(entry.sha256),
        cacheControl: REVALIDATE,
      },
      baseHeaders,
    );
  }

  async function serveIndex(req: Request, pathname: string): Promise<Response> {
    const found = await locate(opts.rendererRoot, ['index.html']);
    if (!found.ok) {
      log.error('renderer index.html unavailable', {
        path: pathname,
        root: opts.rendererRoot,
        reason: found.reason,
      });
      return plain(req, 503, 'The kiosk renderer is not built (index.html missing). Run: npm run build');
    }
    return fileResponse(
      req,
      {
        path: found.real,
        size: found.stats.size,
        mtimeMs: found.stats.mtimeMs,
        contentType: contentTypeFor('index.html', 'renderer'),
        etag: statEtag(found.stats.size, found.stats.mtimeMs),
        cacheControl: REVALIDATE,
      },
      baseHeaders,
    );
  }

  async function serveRenderer(req: Request, pathname: string, segments: string[]): Promise<Response> {
    if (segments.length === 0) return serveIndex(req, pathname);
    // Source maps are never served, even if a debugging build left some beside the bundle.
    if (segments[segments.length - 1]?.endsWith('.map')) return notFound(req);
    const found = await locate(opts.rendererRoot, segments);
    if (found.ok) {
      const relative = segments.join('/');
      return fileResponse(
        req,
        {
          path: found.real,
          size: found.stats.size,
          mtimeMs: found.stats.mtimeMs,
          contentType: contentTypeFor(relative, 'renderer'),
          etag: statEtag(found.stats.size, found.stats.mtimeMs),
          cacheControl: rendererCacheControl(relative),
        },
        baseHeaders,
      );
    }
    if (found.reason === 'outside-root') return refuse(req, pathname, found.reason);
    const last = segments[segments.length - 1] ?? '';
    // Client-side routes have no extension; a missing file with one is a real 404.
    if (path.posix.extname(last) === '') return serveIndex(req, pathname);
    log.info('not found', { path: pathname, reason: found.reason });
    return notFound(req);
  }

  return async function handle(req: Request): Promise<Response> {
    let pathname = '';
    try {
      pathname = new URL(req.url).pathname;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return plain(req, 405, 'Method Not Allowed', { allow: ALLOWED_METHODS });
      }
      const target = resolveRequestPath(pathname);
      if (!target.ok) {
        log.warn('request refused', {
          method: req.method,
          path: pathname,
          reason: target.reason,
          status: target.status,
        });
        return target.status === 400 ? plain(req, 400, 'Bad Request') : notFound(req);
      }
      switch (target.area) {
        case 'pack':
          return await servePack(req, pathname, target.path);
        case 'api':
          return notFound(req);
        case 'renderer':
          return await serveRenderer(req, pathname, target.segments);
      }
    } catch (error) {
      log.error('request failed', { method: req.method, path: pathname, error });
      return plain(req, 500, 'Internal Server Error');
    }
  };
}
