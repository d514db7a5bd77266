/**
 * Builds the Response for one file on disk: conditional requests (304), Range (206/416), HEAD,
 * and a streamed body. The caller has already resolved and realpath-checked `file.path`.
 */
import { httpDate, ifNoneMatchHits, ifRangeAllows, notModifiedSince } from './conditional';
import { fileBody } from './file-body';
import { contentRange, parseRange } from './range';

export type FileToServe = {
  /** Real path of a regular file inside its root. */
  path: string;
  size: number;
  mtimeMs: number;
  contentType: string;
  etag: string;
  cacheControl: string;
};

/** Response for `file`, honouring the request's method, validators and Range. */
export function fileResponse(req: Request, file: FileToServe, baseHeaders: Record<string, string>): Response {
  const lastModified = httpDate(file.mtimeMs);
  const headers = new Headers(baseHeaders);
  headers.set('etag', file.etag);
  headers.set('last-modified', lastModified);
  headers.set('cache-control', file.cacheControl);
  headers.set('accept-ranges', 'bytes');

  const ifNoneMatch = req.headers.get('if-none-match');
  const notModified =
    ifNoneMatch !== null
      ? ifNoneMatchHits(ifNoneMatch, file.etag)
      : notModifiedSince(req.headers.get('if-modified-since'), file.mtimeMs);
  if (notModified) return new Response(null, { status: 304, headers });

  headers.set('content-type', file.contentType);
  const rangeHeader = ifRangeAllows(req.headers.get('if-range'), file.etag, lastModified)
    ? req.headers.get('range')
    : null;
  const range = parseRange(rangeHeader, file.size);
  const isHead = req.method === 'HEAD';

  if (range.kind === 'unsatisfiable') {
    headers.set('content-range', contentRange(range, file.size) ?? `bytes */${file.size}`);
    headers.set('content-length', '0');
    headers.set('cache-control', 'no-store');
    return new Response(null, { status: 416, headers });
  }

  const start = range.kind === 'range' ? range.start : 0;
  const end = range.kind === 'range' ? range.end : file.size - 1;
  const length = end - start + 1;
  headers.set('content-length', String(Math.max(0, length)));
  const status = range.kind === 'range' ? 206 : 200;
  if (range.kind === 'range') headers.set('content-range', contentRange(range, file.size) ?? '');

  const body = isHead || length <= 0 ? null : fileBody(file.path, start, end);
  return new Response(body, { status, headers });
}
