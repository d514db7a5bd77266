import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHallHandler } from '../../../../electron/node/http/handler';
import type { ActivePack, HallHandler } from '../../../../electron/node/http/handler';
import { memoryLogger } from '../../../../electron/node/log/logger';
import { createHallFixture, sha256 } from './hall-fixture';
import type { HallFixture } from './hall-fixture';

const ORIGIN = 'http://127.0.0.1:4321';

let fx: HallFixture;
let handle: HallHandler;
let active: ActivePack | null;
const log = memoryLogger();

beforeAll(async () => {
  fx = await createHallFixture();
  handle = createHallHandler({
    rendererRoot: fx.rendererRoot,
    getActivePack: () => Promise.resolve(active),
    log,
  });
});
afterAll(async () => {
  await fx.cleanup();
});
beforeEach(() => {
  active = fx.pack;
  log.clear();
});

function get(urlPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Response> {
  return handle(new Request(ORIGIN + urlPath, { method, headers }));
}

async function bytes(res: Response): Promise<Buffer> {
  return Buffer.from(await res.arrayBuffer());
}

describe('hostile paths → 404 (400 for bad encoding) and a log line', () => {
  // Each reaches the handler as written (the WHATWG URL parser keeps these encoded).
  const cases: [string, string][] = [
    ['/pack/..%2Fpack.json', 'dot-segment'],
    ['/pack/..%2F..%2Foutside%2Fsecret.txt', 'dot-segment'],
    ['/..%2Foutside%2Fsecret.txt', 'dot-segment'],
    ['/pack/media%2F..%2F..%2Frenderer%2Findex.html', 'dot-segment'],
    ['/pack/%2e%2e%2Foutside/secret.txt', 'dot-segment'],
    ['/pack/..%5C..%5Coutside%5Csecret.txt', 'backslash'],
    ['/%5C..%5Coutside%5Csecret.txt', 'backslash'],
    ['/pack/media/clip.webm%00.png', 'control-character'],
    ['/index.html%00', 'control-character'],
    ['/pack/%252e%252e/outside/secret.txt', 'double-encoding'],
    ['/pack//etc/passwd', 'empty-segment'],
    ['/pack/%2Fetc%2Fpasswd', 'empty-segment'],
    ['/pack/C:/Windows/win.ini', 'colon-or-drive'],
    ['/index.html.', 'trailing-dot-or-space'],
    // symlinks and sibling prefixes: resolved on disk, then refused
    ['/escape.txt', 'outside-root'],
    ['/escape-dir/secret.txt', 'outside-root'],
    ['/evil/secret.txt', 'outside-root'],
    ['/pack/media/escape.webm', 'outside-root'],
    ['/pack/media/sibling.webm', 'outside-root'],
    // listed-only serving
    ['/pack/media/unlisted.webm', 'not-in-manifest'],
    ['/pack/media/CLIP.webm', 'not-in-manifest'],
    ['/pack/__proto__', 'not-in-manifest'],
    ['/pack/constructor', 'not-in-manifest'],
  ];
  it.each(cases)('%s (%s)', async (urlPath, reason) => {
    const res = await get(urlPath);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    const body = await res.text();
    expect(body).not.toContain('secret');
    const lines = log.entries.filter((e) => e.msg === 'request refused');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe('warn');
    expect(lines[0]?.data).toMatchObject({ reason, path: new URL(ORIGIN + urlPath).pathname });
  });

  it('malformed %-encoding is a 400 with a log line', async () => {
    const res = await get('/pack/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(log.find('malformed-encoding')).toHaveLength(1);
  });

  it('%2e%2e dot segments never escape: the URL parser resolves them inside the site', async () => {
    // new URL() turns /pack/%2e%2e/outside/secret.txt into /outside/secret.txt (a renderer path).
    const res = await get('/pack/%2e%2e/%2e%2e/outside/secret.txt');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('secret');
  });
});

describe('names that only look like traversal are served', () => {
  it('..foo.txt inside the renderer root', async () => {
    const res = await get('/..foo.txt');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('dot dot foo');
  });
  it('data/..foo.json listed in the pack', async () => {
    const res = await get('/pack/data/..foo.json');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
  it('a symlink that stays inside the root', async () => {
    const res = await get('/inner-link.txt');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('inner');
    expect(log.entries).toHaveLength(0);
  });
});

describe('pack files', () => {
  it('serves a listed file with the right bytes, type and the sha256 as strong ETag', async () => {
    const res = await get('/pack/media/clip.webm');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/webm');
    expect(res.headers.get('content-length')).toBe('1000');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('etag')).toBe(`"${sha256(fx.clip)}"`);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect((await bytes(res)).equals(fx.clip)).toBe(true);
  });
  it('serves pack.json as the bytes on disk', async () => {
    const res = await get('/pack/pack.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect((await bytes(res)).equals(await readFile(path.join(fx.packRoot, 'pack.json')))).toBe(true);
  });
  it('serves pack.sig when present and 404 (no log) when absent', async () => {
    const res = await get('/pack/pack.sig');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('signature bytes');
    const handler = createHallHandler({
      rendererRoot: fx.rendererRoot,
      getActivePack: () =>
        Promise.resolve({ root: path.join(fx.base, 'renderer'), manifest: fx.pack.manifest }),
      log,
    });
    const missing = await handler(new Request(`${ORIGIN}/pack/pack.sig`));
    expect(missing.status).toBe(404);
    expect(log.entries).toHaveLength(0);
  });
  it('a pack cannot ship runnable code or SVG: served as opaque bytes', async () => {
    for (const p of ['/pack/page.html', '/pack/media/drawing.svg']) {
      const res = await get(p);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/octet-stream');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect((await get('/pack/captions/clip.en.vtt')).headers.get('content-type')).toBe(
      'text/vtt; charset=utf-8',
    );
  });
  it('a listed file whose size changed on disk is refused with an error line', async () => {
    const res = await get('/pack/media/wrong-size.webm');
    expect(res.status).toBe(404);
    expect(
      log.entries.filter((e) => e.level === 'error' && e.msg === 'pack file differs from manifest'),
    ).toHaveLength(1);
  });
  it('a listed file missing on disk is a 404 with an error line', async () => {
    const res = await get('/pack/media/missing.webm');
    expect(res.status).toBe(404);
    expect(log.entries.filter((e) => e.level === 'error')).toHaveLength(1);
  });
  it('/pack and /pack/ are not files', async () => {
    expect((await get('/pack')).status).toBe(404);
    expect((await get('/pack/')).status).toBe(404);
  });
  it('no active pack → 503 JSON naming the problem; the renderer is still served', async () => {
    active = null;
    const res = await get('/pack/pack.json');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await res.json()) as { error: string; message: Record<string, string> };
    expect(body.error).toBe('no-active-pack');
    expect(body.message.en).toMatch(/No content pack/);
    expect(body.message['zh-Hans']).toBeTruthy();
    expect((await get('/')).status).toBe(200);
  });
  it('a failing getActivePack → 503 and an error line', async () => {
    const handler = createHallHandler({
      rendererRoot: fx.rendererRoot,
      getActivePack: () => Promise.reject(new Error('disk gone')),
      log,
    });
    const res = await handler(new Request(`${ORIGIN}/pack/media/clip.webm`));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: 'pack-unavailable' });
    expect(log.find('active pack unavailable')).toHaveLength(1);
  });
});

describe('renderer', () => {
  it('/ is index.html, revalidated', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('hall');
  });
  it('extension-less unknown paths fall back to index.html (SPA)', async () => {
    for (const p of ['/home', '/sand-table/place', '/sub']) {
      const res = await get(p);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('hall');
    }
  });
  it('missing assets are 404', async () => {
    const res = await get('/assets/missing-B1x_9QaZ.js');
    expect(res.status).toBe(404);
    expect((await get('/favicon.ico')).status).toBe(404);
  });
  it('hashed Vite assets are immutable, others revalidate', async () => {
    const hashed = await get('/assets/index-B1x_9QaZ.js');
    expect(hashed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(hashed.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('/assets/style.css')).headers.get('cache-control')).toBe('no-cache');
  });
  it('SVG from the renderer is image/svg+xml', async () => {
    expect((await get('/icon.svg')).headers.get('content-type')).toBe('image/svg+xml');
  });
  it('/api is reserved', async () => {
    expect((await get('/api/info')).status).toBe(404);
  });
  it('a renderer that is not built answers 503 with what to do', async () => {
    const handler = createHallHandler({
      rendererRoot: path.join(fx.base, 'no-such-dir'),
      getActivePack: () => Promise.resolve(active),
      log,
    });
    const res = await handler(new Request(`${ORIGIN}/`));
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
  });
});

describe('headers on every response', () => {
  const paths = [
    '/',
    '/assets/index-B1x_9QaZ.js',
    '/pack/media/clip.webm',
    '/nope.js',
    '/pack/media/unlisted.webm',
  ];
  it.each(paths)('%s has CSP, nosniff, referrer, COOP, CORP', async (p) => {
    const res = await get(p);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'; script-src 'self'; /);
    expect(res.headers.get('content-security-policy')).toContain("object-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });
});

describe('methods', () => {
  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('%s → 405 with Allow', async (method) => {
    const res = await get('/pack/media/clip.webm', {}, method);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });
  it('HEAD returns the headers of GET without a body', async () => {
    const res = await get('/pack/media/clip.webm', {}, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('1000');
    expect(res.body).toBeNull();
  });
});

describe('Range on a 1000-byte pack file', () => {
  const url = '/pack/media/clip.webm';
  const cases: [string, number, string | null, [number, number] | null][] = [
    ['bytes=0-', 206, 'bytes 0-999/1000', [0, 999]],
    ['bytes=100-199', 206, 'bytes 100-199/1000', [100, 199]],
    ['bytes=-500', 206, 'bytes 500-999/1000', [500, 999]],
    ['bytes=999-', 206, 'bytes 999-999/1000', [999, 999]],
    ['bytes=900-5000', 206, 'bytes 900-999/1000', [900, 999]],
    ['bytes=1000-', 416, 'bytes */1000', null],
    ['bytes=5000-6000', 416, 'bytes */1000', null],
    ['bytes=abc', 200, null, [0, 999]],
    ['bytes=200-100', 200, null, [0, 999]],
    ['pages=1-2', 200, null, [0, 999]],
    ['bytes=0-1,5-6', 200, null, [0, 999]],
  ];
  it.each(cases)('%s → %d', async (range, status, contentRange, slice) => {
    const res = await get(url, { range });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-range')).toBe(contentRange);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    const body = await bytes(res);
    if (slice) {
      const expected = fx.clip.subarray(slice[0], slice[1] + 1);
      expect(res.headers.get('content-length')).toBe(String(expected.length));
      expect(body.equals(expected)).toBe(true);
    } else {
      expect(body.length).toBe(0);
    }
  });
  it('HEAD with Range → 206 headers, no body', async () => {
    const res = await get(url, { range: 'bytes=100-199' }, 'HEAD');
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(res.headers.get('content-length')).toBe('100');
    expect(res.body).toBeNull();
  });
  it('If-Range with the current ETag applies the Range; a stale one sends the whole file', async () => {
    const etag = `"${sha256(fx.clip)}"`;
    expect((await get(url, { range: 'bytes=0-9', 'if-range': etag })).status).toBe(206);
    const stale = await get(url, { range: 'bytes=0-9', 'if-range': '"stale"' });
    expect(stale.status).toBe(200);
    expect((await bytes(stale)).length).toBe(1000);
  });
  it('Range works on renderer files too', async () => {
    const res = await get('/index.html', { range: 'bytes=0-8' });
    expect(res.status).toBe(206);
    expect(await res.text()).toBe('<!doctype');
  });
});

describe('conditional requests', () => {
  it('If-None-Match with the ETag → 304 without body, ETag kept', async () => {
    const first = await get('/pack/media/clip.webm');
    const etag = first.headers.get('etag') ?? '';
    await first.body?.cancel();
    const res = await get('/pack/media/clip.webm', { 'if-none-match': etag });
    expect(res.status).toBe(304);
    expect(res.headers.get('etag')).toBe(etag);
    expect(res.body).toBeNull();
  });
  it('304 beats Range', async () => {
    const etag = `"${sha256(fx.clip)}"`;
    expect((await get('/pack/media/clip.webm', { 'if-none-match': etag, range: 'bytes=0-1' })).status).toBe(
      304,
    );
  });
  it('a different ETag → 200', async () => {
    const res = await get('/pack/media/clip.webm', { 'if-none-match': '"other"' });
    expect(res.status).toBe(200);
    await res.body?.cancel();
  });
  it('renderer ETag follows size and mtime', async () => {
    const file = path.join(fx.rendererRoot, 'sub', 'inner.txt');
    const before = (await get('/sub/inner.txt')).headers.get('etag');
    expect((await get('/sub/inner.txt', { 'if-none-match': before ?? '' })).status).toBe(304);
    await writeFile(file, 'inner, changed');
    const after = (await get('/sub/inner.txt')).headers.get('etag');
    expect(after).not.toBe(before);
    expect((await get('/sub/inner.txt', { 'if-none-match': before ?? '' })).status).toBe(200);
    await writeFile(file, 'inner');
  });
  it('If-Modified-Since after the mtime → 304', async () => {
    const res = await get('/index.html', {
      'if-modified-since': new Date(Date.now() + 60_000).toUTCString(),
    });
    expect(res.status).toBe(304);
  });
});

describe('source maps', () => {
  it('are never served, even when a debugging build left one beside the bundle', async () => {
    const map = path.join(fx.rendererRoot, 'app.js.map');
    await writeFile(map, '{"version":3,"sources":["secret.ts"]}');
    const res = await get('/app.js.map');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('secret.ts');
  });
});
