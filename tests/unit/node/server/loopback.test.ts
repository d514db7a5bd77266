import { describe, expect, it } from 'vitest';
import { isAllowedHostHeader, isLoopbackHost, serverUrl } from '../../../../electron/node/server/loopback';

describe('isLoopbackHost', () => {
  const cases: [string, boolean][] = [
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['LOCALHOST', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.10', false],
    ['10.0.0.1', false],
    ['128.0.0.1', false],
    ['localhost.evil.example', false],
    ['127.0.0.1.evil.example', false],
    ['', false],
  ];
  it.each(cases)('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

describe('isAllowedHostHeader (port 4321)', () => {
  const cases: [string | undefined, boolean][] = [
    ['127.0.0.1:4321', true],
    ['localhost:4321', true],
    ['[::1]:4321', true],
    ['127.0.0.1:80', false],
    ['127.0.0.1', false],
    ['evil.example:4321', false],
    ['evil.example', false],
    ['127.0.0.1:4321:1', false],
    [undefined, false],
    ['', false],
  ];
  it.each(cases)('%s → %s', (header, expected) => {
    expect(isAllowedHostHeader(header, 4321)).toBe(expected);
  });
});

describe('serverUrl', () => {
  it('brackets IPv6', () => {
    expect(serverUrl('127.0.0.1', 80)).toBe('http://127.0.0.1:80/');
    expect(serverUrl('::1', 8080)).toBe('http://[::1]:8080/');
    expect(serverUrl('[::1]', 8080)).toBe('http://[::1]:8080/');
  });
});
