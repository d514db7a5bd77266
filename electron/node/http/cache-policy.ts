/**
 * Cache-Control per file. Pure.
 *
 * Vite names built assets `assets/<name>-<8-char hash>.<ext>`: those never change and are
 * `immutable`. Everything else (index.html, pack files whose URL stays the same when another
 * pack becomes active) is `no-cache`: always revalidated, cheaply, through the ETag.
 */

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';
export const NO_STORE = 'no-store';

const HASHED_ASSET = /^assets\/(?:[^/]+\/)*[^/]+-([A-Za-z0-9_-]{8})\.[A-Za-z0-9]+$/;

/** True for a content-hashed Vite asset path such as `assets/index-B1x_9QaZ.js`. */
export function isHashedAsset(relativePath: string): boolean {
  const hash = HASHED_ASSET.exec(relativePath)?.[1];
  // A hash of only lower-case letters is far more likely a word (`-regular`) than a hash.
  return hash !== undefined && /[A-Z0-9_-]/.test(hash);
}

/** Cache-Control for a file of the renderer bundle. */
export function rendererCacheControl(relativePath: string): string {
  return isHashedAsset(relativePath) ? IMMUTABLE : REVALIDATE;
}
