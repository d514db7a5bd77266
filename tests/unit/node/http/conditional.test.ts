import { describe, expect, it } from 'vitest';
import {
  httpDate,
  ifNoneMatchHits,
  ifRangeAllows,
  notModifiedSince,
  sha256Etag,
  statEtag,
} from '../../../../electron/node/http/conditional';

const etag = '"abc"';

describe('ETags', () => {
  it('statEtag is strong and changes with size or mtime', () => {
    expect(statEtag(1000, 1700000000123.7)).toBe('"3e8-18bcfe5687b"');
    expect(statEtag(1001, 1700000000123)).not.toBe(statEtag(1000, 1700000000123));
    expect(statEtag(1000, 1700000000124)).not.toBe(statEtag(1000, 1700000000123));
  });
  it('sha256Etag quotes the hash', () => {
    expect(sha256Etag('ab'.repeat(32))).toBe(`"${'ab'.repeat(32)}"`);
  });
});

describe('ifNoneMatchHits (weak comparison)', () => {
  const cases: [string | null, boolean][] = [
    [null, false],
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['"x","y"', false],
    ['*', true],
    ['abc', false],
    ['"ab"', false],
  ];
  it.each(cases)('%s → %s', (header, hit) => {
    expect(ifNoneMatchHits(header, etag)).toBe(hit);
  });
});

describe('notModifiedSince', () => {
  const mtime = Date.parse('2025-01-01T00:00:00.500Z');
  const cases: [string | null, boolean][] = [
    [null, false],
    ['Wed, 01 Jan 2025 00:00:00 GMT', true],
    ['Wed, 01 Jan 2025 00:00:01 GMT', true],
    ['Tue, 31 Dec 2024 23:59:59 GMT', false],
    ['not a date', false],
  ];
  it.each(cases)('%s → %s', (header, hit) => {
    expect(notModifiedSince(header, mtime)).toBe(hit);
  });
});

describe('ifRangeAllows (strong comparison)', () => {
  const lastModified = httpDate(Date.parse('2025-01-01T00:00:00Z'));
  const cases: [string | null, boolean][] = [
    [null, true],
    ['"abc"', true],
    ['W/"abc"', false],
    ['"other"', false],
    [lastModified, true],
    ['Thu, 02 Jan 2025 00:00:00 GMT', false],
    ['garbage', false],
  ];
  it.each(cases)('%s → %s', (header, allows) => {
    expect(ifRangeAllows(header, etag, lastModified)).toBe(allows);
  });
});
