/**
 * `Range: bytes=…` parsing per RFC 9110 §14. Pure.
 *
 * Choices: a syntactically invalid header, another unit, or `last < first` is ignored (200 with
 * the whole file, as §14.2 allows). A request for SEVERAL ranges is also ignored (200): browsers
 * never send one for media, and a whole-file 200 is always a correct answer, whereas a single
 * part would not be what was asked and multipart/byteranges is not worth its complexity here.
 */

export type RangeResult =
  | { kind: 'none' }
  | { kind: 'unsatisfiable' }
  /** Inclusive byte positions, `0 <= start <= end < size`. */
  | { kind: 'range'; start: number; end: number };

const SPEC = /^(?:(\d+)-(\d*)|-(\d+))$/;

/** Interprets a Range header against a representation of `size` bytes. */
export function parseRange(header: string | null | undefined, size: number): RangeResult {
  if (header === null || header === undefined) return { kind: 'none' };
  const match = /^\s*bytes\s*=\s*(.*)$/i.exec(header);
  if (!match) return { kind: 'none' };
  const specs = (match[1] ?? '').split(',').map((s) => s.trim());
  if (specs.length !== 1) {
    // Multi-range (or trailing commas): ignore and send the whole file.
    return { kind: 'none' };
  }
  const spec = SPEC.exec(specs[0] ?? '');
  if (!spec) return { kind: 'none' };
  const [, firstText, lastText, suffixText] = spec;

  if (suffixText !== undefined) {
    const suffix = Number(suffixText);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const first = Number(firstText);
  const last = lastText === undefined || lastText === '' ? undefined : Number(lastText);
  if (last !== undefined && last < first) return { kind: 'none' };
  if (first >= size) return { kind: 'unsatisfiable' };
  return { kind: 'range', start: first, end: last === undefined ? size - 1 : Math.min(last, size - 1) };
}

/** `Content-Range` value for a 206 (`bytes 0-99/1000`) or a 416 (`bytes *\/1000`). */
export function contentRange(result: RangeResult, size: number): string | undefined {
  if (result.kind === 'range') return `bytes ${result.start}-${result.end}/${size}`;
  if (result.kind === 'unsatisfiable') return `bytes */${size}`;
  return undefined;
}
