import { describe, expect, it } from 'vitest';
import { buildCsp, securityHeaders } from '../../../../electron/node/http/security-headers';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
}

describe('buildCsp', () => {
  const csp = directives(buildCsp());
  const expected: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['media-src', ["'self'", 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'"]],
    ['worker-src', ["'self'", 'blob:']],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['form-action', ["'none'"]],
  ];
  it.each(expected)('%s %j', (name, values) => {
    expect(csp.get(name)).toEqual(values);
  });
  it('has no eval, no inline script and no remote origin', () => {
    const text = buildCsp();
    expect(text).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*|wss?:/);
  });
  it('options add only what they name', () => {
    expect(directives(buildCsp({ inlineStyles: true })).get('style-src')).toEqual([
      "'self'",
      "'unsafe-inline'",
    ]);
    expect(directives(buildCsp({ wasm: true })).get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(buildCsp({ wasm: true })).not.toMatch(/'unsafe-eval'/);
  });
});

describe('securityHeaders', () => {
  it('sets the fixed headers', () => {
    expect(securityHeaders('x')).toEqual({
      'content-security-policy': 'x',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    });
  });
});
