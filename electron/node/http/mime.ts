/**
 * Content types by file extension. Pure.
 *
 * Packs are data, never code: a pack's `.html`, `.js`, `.css`, `.svg` or `.wasm` is served as
 * `application/octet-stream` (with `nosniff`, so the browser will not run or render it), while
 * the same extensions from the renderer bundle get their real types.
 */
import path from 'node:path';

export type ServeArea = 'renderer' | 'pack';

const UTF8 = '; charset=utf-8';

const TYPES: Record<string, string> = {
  '.html': `text/html${UTF8}`,
  '.htm': `text/html${UTF8}`,
  '.js': `text/javascript${UTF8}`,
  '.mjs': `text/javascript${UTF8}`,
  '.cjs': `text/javascript${UTF8}`,
  '.css': `text/css${UTF8}`,
  '.json': `application/json${UTF8}`,
  '.map': `application/json${UTF8}`,
  '.webmanifest': `application/manifest+json${UTF8}`,
  '.geojson': `application/geo+json${UTF8}`,
  '.txt': `text/plain${UTF8}`,
  '.md': `text/markdown${UTF8}`,
  '.vtt': `text/vtt${UTF8}`,
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml',
  '.ktx2': 'image/ktx2',
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.webm': 'video/webm',
  '.ogv': 'video/ogg',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.wav': 'audio/wav',
  '.flac': 'audio/flac',
  '.glb': 'model/gltf-binary',
  '.gltf': `model/gltf+json${UTF8}`,
  '.bin': 'application/octet-stream',
  '.wasm': 'application/wasm',
};

/** Extensions a pack may not serve with their executable/renderable type. */
const RENDERER_ONLY = new Set([
  '.html',
  '.htm',
  '.js',
  '.mjs',
  '.cjs',
  '.css',
  '.svg',
  '.wasm',
  '.webmanifest',
  '.map',
]);

export const OCTET_STREAM = 'application/octet-stream';

/** The Content-Type for a file name served from `area`. */
export function contentTypeFor(fileName: string, area: ServeArea): string {
  const ext = path.posix.extname(fileName).toLowerCase();
  if (area === 'pack' && RENDERER_ONLY.has(ext)) return OCTET_STREAM;
  return TYPES[ext] ?? OCTET_STREAM;
}
