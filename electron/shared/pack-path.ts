/**
 * Pack paths: a pure string check with no schema library, so the request handler (and the hall
 * server that starts it) can use it without evaluating the whole pack schema first.
 */

/** Longest relative path accepted inside a pack (bytes of UTF-8 are checked by the store). */
export const MAX_PACK_PATH_LENGTH = 240;

/**
 * True when `p` is a safe relative pack path. Pure string check: the store additionally refuses
 * case collisions, symlinks and over-long UTF-8 paths when it writes.
 */
export function isSafePackPath(p: string): boolean {
  if (p.length === 0 || p.length > MAX_PACK_PATH_LENGTH) return false;
  if (p.includes('\0') || p.includes('\\') || p.includes(':')) return false;
  if (p.startsWith('/')) return false;
  for (const segment of p.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') return false;
    // Control characters and trailing dots/spaces misbehave on Windows file systems.
    if ([...segment].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) return false;
    if (/[. ]$/.test(segment)) return false;
  }
  return true;
}
