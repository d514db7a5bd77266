import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isInsideRoot,
  rawTargetRefusal,
  resolveRequestPath,
} from '../../../../electron/node/http/resolve-path';
import type { PathRefusal, RequestTarget } from '../../../../electron/node/http/resolve-path';

describe('resolveRequestPath', () => {
  const accepted: [string, RequestTarget][] = [
    ['/', { ok: true, area: 'renderer', segments: [] }],
    ['/index.html', { ok: true, area: 'renderer', segments: ['index.html'] }],
    ['/assets/index-B1x_9QaZ.js', { ok: true, area: 'renderer', segments: ['assets', 'index-B1x_9QaZ.js'] }],
    ['/home', { ok: true, area: 'renderer', segments: ['home'] }],
    ['/packages/x.js', { ok: true, area: 'renderer', segments: ['packages', 'x.js'] }],
    ['/..foo', { ok: true, area: 'renderer', segments: ['..foo'] }],
    ['/..foo.txt', { ok: true, area: 'renderer', segments: ['..foo.txt'] }],
    ['/a..b/c...d.txt', { ok: true, area: 'renderer', segments: ['a..b', 'c...d.txt'] }],
    ['/pack', { ok: true, area: 'pack', path: '' }],
    ['/pack/', { ok: true, area: 'pack', path: '' }],
    ['/pack/pack.json', { ok: true, area: 'pack', path: 'pack.json' }],
    ['/pack/media/a.webm', { ok: true, area: 'pack', path: 'media/a.webm' }],
    ['/pack/media%2Fa.webm', { ok: true, area: 'pack', path: 'media/a.webm' }],
    ['/pack/data/..foo.json', { ok: true, area: 'pack', path: 'data/..foo.json' }],
    ['/pack/media/%E7%BA%AA%E5%BF%B5.png', { ok: true, area: 'pack', path: 'media/纪念.png' }],
    ['/pack/a%20b.png', { ok: true, area: 'pack', path: 'a b.png' }],
    ['/api/info', { ok: true, area: 'api', path: 'info' }],
  ];
  it.each(accepted)('accepts %s', (input, expected) => {
    expect(resolveRequestPath(input)).toEqual(expected);
  });

  const refused: [string, PathRefusal, 400 | 404][] = [
    // traversal, decoded once then checked
    ['/pack/..%2Fpack.json', 'dot-segment', 404],
    ['/pack/..%2F..%2Fetc%2Fpasswd', 'dot-segment', 404],
    ['/pack/media/..%2f..%2f..%2fsecret', 'dot-segment', 404],
    ['/..%2Fsecret.txt', 'dot-segment', 404],
    ['/pack/%2e%2e/secret', 'dot-segment', 404],
    ['/pack/%2E%2E/secret', 'dot-segment', 404],
    ['/pack/.%2e/secret', 'dot-segment', 404],
    ['/%2e%2e/%2e%2e/etc/passwd', 'dot-segment', 404],
    ['/pack/%2e%2e%2fsecret', 'dot-segment', 404],
    ['/pack/../secret', 'dot-segment', 404],
    ['/pack/./pack.json', 'dot-segment', 404],
    ['/./index.html', 'dot-segment', 404],
    ['/pack/media/..', 'dot-segment', 404],
    // backslashes
    ['/pack/..%5Csecret', 'backslash', 404],
    ['/pack/media%5C..%5C..%5Csecret', 'backslash', 404],
    ['/pack/a%5cb.png', 'backslash', 404],
    // NUL and control characters
    ['/pack/media/a.webm%00.png', 'control-character', 404],
    ['/index.html%00', 'control-character', 404],
    ['/pack/a%0Ab', 'control-character', 404],
    // double encoding survives one decode
    ['/pack/%252e%252e/secret', 'double-encoding', 404],
    ['/pack/%252e%252e%252fsecret', 'double-encoding', 404],
    ['/pack/..%255csecret', 'double-encoding', 404],
    ['/pack/%2500', 'double-encoding', 404],
    // leading slash after the prefix / empty segments
    ['/pack//etc/passwd', 'empty-segment', 404],
    ['/pack/%2Fetc%2Fpasswd', 'empty-segment', 404],
    ['//etc/passwd', 'empty-segment', 404],
    ['/assets//x.js', 'empty-segment', 404],
    ['/home/', 'empty-segment', 404],
    // drive letters, alternate data streams
    ['/pack/C:/Windows/win.ini', 'colon-or-drive', 404],
    ['/pack/c%3A%5Cwindows', 'backslash', 404],
    ['/pack/c%3A', 'colon-or-drive', 404],
    ['/index.html::$DATA', 'colon-or-drive', 404],
    // Windows aliases
    ['/index.html.', 'trailing-dot-or-space', 404],
    ['/index.html%20', 'trailing-dot-or-space', 404],
    ['/pack/media/a.webm.', 'trailing-dot-or-space', 404],
    // malformed %-encoding is a 400
    ['/pack/%E0%A4%A', 'malformed-encoding', 400],
    ['/pack/%', 'malformed-encoding', 400],
    ['/pack/%zz', 'malformed-encoding', 400],
    ['/pack/%C0%AE%C0%AE/secret', 'malformed-encoding', 400],
    // not a path
    ['pack/pack.json', 'not-absolute', 404],
    ['', 'not-absolute', 404],
    [`/${'a'.repeat(3000)}`, 'too-long', 404],
  ];
  it.each(refused)('refuses %s (%s)', (input, reason, status) => {
    expect(resolveRequestPath(input)).toEqual({ ok: false, reason, status });
  });
});

describe('rawTargetRefusal (before the URL parser normalises)', () => {
  const cases: [string, PathRefusal | null][] = [
    ['/', null],
    ['/pack/media/a.webm?x=1', null],
    ['/..foo.txt', null],
    ['/pack/..%2Fx', null], // left for resolveRequestPath, which refuses it after decoding
    ['/pack/../pack.json', 'dot-segment'],
    ['/../../etc/passwd', 'dot-segment'],
    ['/pack/%2e%2e/x', 'dot-segment'],
    ['/pack/.%2E/x', 'dot-segment'],
    ['/pack/./x', 'dot-segment'],
    ['/pack/media/..', 'dot-segment'],
    ['/pack\\..\\secret', 'backslash'],
    ['/pack/%5C', 'backslash'],
    ['/ok?next=/../x', null],
    ['http://evil.example/x', 'not-absolute'],
    ['*', 'not-absolute'],
  ];
  it.each(cases)('%s → %s', (input, expected) => {
    expect(rawTargetRefusal(input)).toBe(expected);
  });
});

describe('isInsideRoot', () => {
  const posix: [string, string, boolean][] = [
    ['/srv/root', '/srv/root/index.html', true],
    ['/srv/root', '/srv/root/a/b/c.js', true],
    ['/srv/root', '/srv/root', false],
    ['/srv/root', '/srv/root-evil/secret', false],
    ['/srv/root', '/srv/rootx', false],
    ['/srv/root', '/srv/secret', false],
    ['/srv/root/', '/srv/root/x', true],
    ['/', '/etc/passwd', true],
  ];
  it.each(posix)('posix root %s contains %s: %s', (root, candidate, inside) => {
    expect(isInsideRoot(root, candidate, path.posix)).toBe(inside);
  });

  const win: [string, string, boolean][] = [
    ['C:\\hall\\root', 'C:\\hall\\root\\index.html', true],
    ['C:\\hall\\root', 'c:\\HALL\\ROOT\\index.html', true],
    ['C:\\hall\\root', 'C:\\hall\\root-evil\\x', false],
    ['C:\\hall\\root', 'D:\\hall\\root\\x', false],
  ];
  it.each(win)('win32 root %s contains %s: %s', (root, candidate, inside) => {
    expect(isInsideRoot(root, candidate, path.win32)).toBe(inside);
  });
});
