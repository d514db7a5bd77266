import { describe, expect, it } from 'vitest';
import { loadManifest, packUrl } from '../../../../renderer/src/bridge/pack';
import { testManifestInput } from '../fixtures';

const BASE = 'http://127.0.0.1:4321/';

function fetchReturning(response: Response | Error): typeof fetch {
  return (input) => {
    expect(input).toBe(`${BASE}pack/pack.json`);
    return response instanceof Error ? Promise.reject(response) : Promise.resolve(response);
  };
}

describe('packUrl', () => {
  it('resolves relative to the document, in both modes', () => {
    expect(packUrl('media/a.webm', BASE)).toBe('http://127.0.0.1:4321/pack/media/a.webm');
    expect(packUrl('media/a.webm', 'hall://app/index.html')).toBe('hall://app/pack/media/a.webm');
  });

  it('encodes each segment but keeps the slashes', () => {
    expect(packUrl('media/红船 1#.jpg', BASE)).toBe(
      'http://127.0.0.1:4321/pack/media/%E7%BA%A2%E8%88%B9%201%23.jpg',
    );
    expect(packUrl('a/%2e%2e/b?x', BASE)).toBe('http://127.0.0.1:4321/pack/a/%252e%252e/b%3Fx');
  });
});

describe('loadManifest', () => {
  it('parses a valid manifest (defaults applied)', async () => {
    const r = await loadManifest(fetchReturning(Response.json(testManifestInput())), BASE);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.manifest.title.en).toBe('Red Memory');
      expect(r.manifest.theme.colors.background).toBe('#15110f');
    }
  });

  it.each([404, 503])('%d means no pack is installed', async (status) => {
    const r = await loadManifest(fetchReturning(new Response('', { status })), BASE);
    expect(r).toMatchObject({ ok: false, problem: 'no-pack' });
  });

  it('other HTTP failures and network errors are "unreachable"', async () => {
    expect(await loadManifest(fetchReturning(new Response('', { status: 500 })), BASE)).toMatchObject({
      ok: false,
      problem: 'unreachable',
    });
    expect(await loadManifest(fetchReturning(new TypeError('Failed to fetch')), BASE)).toMatchObject({
      ok: false,
      problem: 'unreachable',
      detail: 'Failed to fetch',
    });
  });

  it('bad JSON or a manifest that does not match the schema is "invalid", with where', async () => {
    expect(await loadManifest(fetchReturning(new Response('{nope')), BASE)).toMatchObject({
      ok: false,
      problem: 'invalid',
    });
    const r = await loadManifest(
      fetchReturning(Response.json({ ...testManifestInput(), version: 'one' })),
      BASE,
    );
    expect(r).toMatchObject({ ok: false, problem: 'invalid' });
    if (!r.ok) expect(r.detail).toMatch(/^version:/);
  });
});
