/**
 * Safe request-path resolution: pure functions, no file system.
 *
 * Rule: decode exactly once, then check the decoded text. A URL is never joined onto a folder
 * before it has been split into checked segments; pack paths are then looked up in the manifest
 * and every file is `realpath`-checked against its root by the handler (`isInsideRoot`).
 */
import path from 'node:path';

/** Why a request path was refused; logged with the 404/400. */
export type PathRefusal =
  | 'malformed-encoding'
  | 'not-absolute'
  | 'too-long'
  | 'control-character'
  | 'backslash'
  | 'double-encoding'
  | 'empty-segment'
  | 'dot-segment'
  | 'colon-or-drive'
  | 'trailing-dot-or-space';

export type RequestTarget =
  /** `segments` is empty for `/`. */
  | { ok: true; area: 'renderer'; segments: string[] }
  /** `path` is '' for `/pack` or `/pack/`, else a '/'-joined relative path (e.g. `pack.json`). */
  | { ok: true; area: 'pack'; path: string }
  | { ok: true; area: 'api'; path: string }
  | { ok: false; status: 400 | 404; reason: PathRefusal };

export const MAX_URL_PATH_LENGTH = 2048;

/** Percent-encodings that must not survive one round of decoding: `.`, `/`, `\`, NUL, `%`. */
const DOUBLE_ENCODED = /%(2e|2f|5c|00|25)/i;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

function refuse(reason: PathRefusal, status: 400 | 404 = 404): RequestTarget {
  return { ok: false, status, reason };
}

function checkSegments(segments: string[]): PathRefusal | null {
  for (const segment of segments) {
    if (segment === '') return 'empty-segment';
    if (segment === '.' || segment === '..') return 'dot-segment';
    // `C:`, `file:stream` (NTFS alternate data streams) — no colon is ever needed.
    if (segment.includes(':')) return 'colon-or-drive';
    // Windows strips trailing dots and spaces, so `index.html.` would alias `index.html`.
    if (/[. ]$/.test(segment)) return 'trailing-dot-or-space';
  }
  return null;
}

/**
 * Classifies a URL pathname (still percent-encoded, as in `new URL(…).pathname`) into the
 * renderer, the pack or the reserved API area, or refuses it. Names such as `..foo` are fine:
 * only whole `.`/`..` segments are traversal.
 */
export function resolveRequestPath(urlPath: string): RequestTarget {
  if (urlPath.length > MAX_URL_PATH_LENGTH) return refuse('too-long');
  if (!urlPath.startsWith('/')) return refuse('not-absolute');
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return refuse('malformed-encoding', 400);
  }
  if (CONTROL.test(decoded)) return refuse('control-character');
  if (decoded.includes('\\')) return refuse('backslash');
  if (DOUBLE_ENCODED.test(decoded)) return refuse('double-encoding');

  const rest = decoded.slice(1);
  if (rest === '') return { ok: true, area: 'renderer', segments: [] };
  const segments = rest.split('/');
  const [first, ...sub] = segments;

  if (first === 'pack' || first === 'api') {
    // `/pack` and `/pack/` name the area itself, not a file.
    if (sub.length === 0 || (sub.length === 1 && sub[0] === '')) return { ok: true, area: first, path: '' };
    const problem = checkSegments(sub);
    if (problem) return refuse(problem);
    return { ok: true, area: first, path: sub.join('/') };
  }
  const problem = checkSegments(segments);
  if (problem) return refuse(problem);
  return { ok: true, area: 'renderer', segments };
}

/**
 * Checks a raw HTTP request-target before the WHATWG URL parser normalises it away: dot
 * segments (also `%2e`-encoded) and backslashes are refused rather than silently resolved, and
 * only origin-form (`/…`) targets are accepted.
 */
export function rawTargetRefusal(rawTarget: string): PathRefusal | null {
  if (!rawTarget.startsWith('/')) return 'not-absolute';
  const queryAt = rawTarget.search(/[?#]/);
  const rawPath = queryAt === -1 ? rawTarget : rawTarget.slice(0, queryAt);
  if (rawPath.length > MAX_URL_PATH_LENGTH) return 'too-long';
  if (rawPath.includes('\\') || /%5c/i.test(rawPath)) return 'backslash';
  for (const segment of rawPath.split('/')) {
    const plain = segment.replace(/%2e/gi, '.');
    if (plain === '.' || plain === '..') return 'dot-segment';
  }
  return null;
}

/**
 * True when `candidate` (a realpath) lies strictly inside `root` (a realpath). Compares with a
 * trailing separator so `/srv/root-evil/x` is not inside `/srv/root`.
 */
export function isInsideRoot(root: string, candidate: string, pathApi: path.PlatformPath = path): boolean {
  const fold = (p: string): string => (pathApi.sep === '\\' ? p.toLowerCase() : p);
  const r = fold(root);
  const c = fold(candidate);
  const rootWithSep = r.endsWith(pathApi.sep) ? r : r + pathApi.sep;
  return c.length > rootWithSep.length && c.startsWith(rootWithSep);
}
