/**
 * ETags and conditional requests (RFC 9110 §13). Pure.
 */

/** Strong ETag from size and modification time (as nginx does): `"<size hex>-<mtime ms hex>"`. */
export function statEtag(size: number, mtimeMs: number): string {
  return `"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`;
}

/** Strong ETag for a pack file: its manifest SHA-256 (content-addressed, verified at install). */
export function sha256Etag(sha256: string): string {
  return `"${sha256}"`;
}

function opaque(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}

/** Splits an entity-tag list; commas inside quoted tags are respected. */
function parseEtagList(header: string): string[] {
  return header.match(/(?:W\/)?"[^"]*"|\*/g) ?? [];
}

/** `If-None-Match` uses weak comparison: true when the client's copy is current. */
export function ifNoneMatchHits(header: string | null, etag: string): boolean {
  if (header === null) return false;
  const tags = parseEtagList(header);
  return tags.some((t) => t === '*' || opaque(t) === opaque(etag));
}

/** `If-Modified-Since` (only consulted without If-None-Match), HTTP dates have 1 s precision. */
export function notModifiedSince(header: string | null, mtimeMs: number): boolean {
  if (header === null) return false;
  const since = Date.parse(header);
  if (Number.isNaN(since)) return false;
  return Math.floor(mtimeMs / 1000) * 1000 <= since;
}

/**
 * `If-Range`: the Range applies only when the validator still matches — strong comparison of an
 * ETag, or an exact HTTP date equal to Last-Modified. Without the header the Range applies.
 */
export function ifRangeAllows(header: string | null, etag: string, lastModified: string): boolean {
  if (header === null) return true;
  const value = header.trim();
  if (value.startsWith('"') || value.startsWith('W/')) {
    return !value.startsWith('W/') && !etag.startsWith('W/') && value === etag;
  }
  const date = Date.parse(value);
  return !Number.isNaN(date) && date === Date.parse(lastModified);
}

/** Last-Modified / HTTP-date text. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}
