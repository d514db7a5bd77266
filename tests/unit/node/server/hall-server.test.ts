import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type * as FsPromises from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import http from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startHallServer } from '../../../../electron/node/server/hall-server';
import type { HallServer } from '../../../../electron/node/server/hall-server';
import { memoryLogger } from '../../../../electron/node/log/logger';
import { baseManifest } from '../http/hall-fixture';

/** Instrumented node:fs/promises: who opened, read and closed what, and whether readFile ran. */
const io = vi.hoisted(() => ({ opened: 0, closed: 0, bytesRead: 0, readFiles: [] as string[] }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  const readFile = ((...args: Parameters<typeof real.readFile>) => {
    const target = args[0];
    io.readFiles.push(
      typeof target === 'string' ? target : target instanceof URL ? target.href : 'non-string path',
    );
    return real.readFile(...args);
  }) as typeof real.readFile;
  const open = async (...args: Parameters<typeof real.open>): Promise<FileHandle> => {
    const handle = await real.open(...args);
    io.opened += 1;
    const read = handle.read.bind(handle) as (...a: unknown[]) => Promise<{ bytesRead: number }>;
    const close = handle.close.bind(handle);
    handle.read = (async (...a: unknown[]) => {
      const result = await read(...a);
      io.bytesRead += result.bytesRead;
      return result;
    }) as typeof handle.read;
    handle.close = async () => {
      io.closed += 1;
      return close();
    };
    return handle;
  };
  return { ...real, readFile, open, default: { ...real, readFile, open } };
});

const MB = 1024 * 1024;
const BIG_SIZE = 20 * MB;
/** Deterministic content so any slice can be recomputed without holding the file. */
const byteAt = (i: number): number => (i % 251) ^ ((i >>> 20) & 0xff);
function expectedSlice(start: number, end: number): Buffer {
  const out = Buffer.alloc(end - start + 1);
  for (let i = start; i <= end; i++) out[i - start] = byteAt(i);
  return out;
}

type Reply = { status: number; headers: IncomingHttpHeaders; body: Buffer };

let base: string;
let server: HallServer;
let bigSha = '';
const log = memoryLogger();

function request(
  target: string,
  opts: { method?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: target,
        method: opts.method ?? 'GET',
        headers: opts.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function startRequest(
  target: string,
  headers: Record<string, string> = {},
): Promise<{ req: http.ClientRequest; res: IncomingMessage }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: target, headers, agent: false });
    req.on('response', (res) => resolve({ req, res }));
    req.on('error', reject);
    req.end();
  });
}

async function until(condition: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'hall-server-'));
  const rendererRoot = path.join(base, 'renderer');
  const packRoot = path.join(base, 'pack');
  await mkdir(path.join(packRoot, 'media'), { recursive: true });
  await mkdir(rendererRoot, { recursive: true });
  await writeFile(path.join(rendererRoot, 'index.html'), '<!doctype html><title>hall</title>');
  await writeFile(path.join(base, 'secret.txt'), 'secret');

  // 20 MB written in 1 MB pieces and hashed on the way: the test never holds the whole file.
  const hash = createHash('sha256');
  const out = createWriteStream(path.join(packRoot, 'media', 'big.webm'));
  for (let offset = 0; offset < BIG_SIZE; offset += MB) {
    const piece = expectedSlice(offset, offset + MB - 1);
    hash.update(piece);
    if (!out.write(piece)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  bigSha = hash.digest('hex');

  const manifest = baseManifest({ 'media/big.webm': { size: BIG_SIZE, sha256: bigSha } });
  await writeFile(path.join(packRoot, 'pack.json'), JSON.stringify(manifest));
  server = await startHallServer({
    port: 0,
    rendererRoot,
    getActivePack: () => Promise.resolve({ root: packRoot, manifest }),
    log,
    closeGraceMs: 300,
  });
});

afterAll(async () => {
  await server.close();
  await rm(base, { recursive: true, force: true });
});

beforeEach(() => {
  log.clear();
});

describe('hall server on 127.0.0.1:0', () => {
  it('reports its URL and serves the renderer', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.port).toBeGreaterThan(0);
    const res = await request('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.body.toString()).toContain('hall');
  });

  it('HEAD sends headers only', async () => {
    const res = await request('/pack/media/big.webm', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(BIG_SIZE));
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.body.length).toBe(0);
  });

  // Raw request-targets the WHATWG URL parser would have normalised: refused, not resolved.
  const rawHostile: [string, string][] = [
    ['/pack/../pack.json', 'dot-segment'],
    ['/../secret.txt', 'dot-segment'],
    ['/pack/%2e%2e/%2e%2e/secret.txt', 'dot-segment'],
    ['/pack/.%2E/pack.json', 'dot-segment'],
    ['/pack\\..\\..\\secret.txt', 'backslash'],
    ['/pack/..%2F..%2Fsecret.txt', 'dot-segment'],
    ['/pack/%5C..%5Csecret.txt', 'backslash'],
    ['/pack/media/big.webm%00', 'control-character'],
    ['//secret.txt', 'empty-segment'],
  ];
  it.each(rawHostile)('raw %s → 404 and a log line (%s)', async (target, reason) => {
    const res = await request(target);
    expect(res.status).toBe(404);
    expect(res.body.toString()).not.toContain('secret');
    expect(log.entries.filter((e) => e.msg === 'request refused' && e.data.reason === reason)).toHaveLength(
      1,
    );
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await request('/', { headers: { host: 'evil.example' } });
    expect(res.status).toBe(403);
    expect(log.find('host-not-allowed')).toHaveLength(1);
    expect((await request('/', { headers: { host: `localhost:${server.port}` } })).status).toBe(200);
  });

  it.each(['POST', 'DELETE', 'TRACE', 'OPTIONS'])('%s → 405', async (method) => {
    const res = await request('/', { method });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });
});

describe('streaming a 20 MB file', () => {
  it('serves all of it with the right bytes, never through readFile', async () => {
    io.readFiles.length = 0;
    const started = performance.now();
    const res = await request('/pack/media/big.webm');
    const ms = performance.now() - started;
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(BIG_SIZE);
    expect(createHash('sha256').update(res.body).digest('hex')).toBe(bigSha);
    expect(io.readFiles).toEqual([]);
    console.log(
      `hall-server: 20 MB GET in ${ms.toFixed(0)} ms (${((BIG_SIZE / MB / ms) * 1000).toFixed(0)} MB/s)`,
    );
  });

  it('answers a Range in the middle with exactly those bytes', async () => {
    const start = 10_000_000;
    const end = 10_999_999;
    const res = await request('/pack/media/big.webm', { headers: { range: `bytes=${start}-${end}` } });
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${BIG_SIZE}`);
    expect(res.headers['content-length']).toBe('1000000');
    expect(res.body.equals(expectedSlice(start, end))).toBe(true);
  });

  it('answers a suffix Range and a past-EOF Range', async () => {
    const tail = await request('/pack/media/big.webm', { headers: { range: 'bytes=-500' } });
    expect(tail.status).toBe(206);
    expect(tail.body.equals(expectedSlice(BIG_SIZE - 500, BIG_SIZE - 1))).toBe(true);
    const past = await request('/pack/media/big.webm', { headers: { range: `bytes=${BIG_SIZE}-` } });
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${BIG_SIZE}`);
  });

  it('reads from disk only as fast as a slow client consumes (memory stays flat)', async () => {
    const before = io.bytesRead;
    const heapBefore = process.memoryUsage().arrayBuffers;
    const { res } = await startRequest('/pack/media/big.webm');
    res.pause();
    await new Promise((r) => setTimeout(r, 400));
    const readWhilePaused = io.bytesRead - before;
    const heapWhilePaused = process.memoryUsage().arrayBuffers - heapBefore;
    console.log(
      `hall-server: client paused → ${(readWhilePaused / MB).toFixed(2)} MB read from disk, ` +
        `arrayBuffers +${(heapWhilePaused / MB).toFixed(2)} MB`,
    );
    // Socket buffers absorb a few MB at most; buffering the file would read all 20.
    expect(readWhilePaused).toBeLessThan(8 * MB);
    const hash = createHash('sha256');
    res.on('data', (c: Buffer) => hash.update(c));
    res.resume();
    await once(res, 'end');
    expect(hash.digest('hex')).toBe(bigSha);
  });

  it('a client that goes away closes the file', async () => {
    const opened = io.opened;
    const { req, res } = await startRequest('/pack/media/big.webm');
    await once(res, 'data');
    req.destroy();
    await until(() => io.opened > opened && io.closed === io.opened);
    expect(io.closed).toBe(io.opened);
  });

  it('close() finishes even while a client holds a stream open', async () => {
    const extra = await startHallServer({
      rendererRoot: path.join(base, 'renderer'),
      getActivePack: () => Promise.resolve(null),
      closeGraceMs: 100,
    });
    const socketClosed = new Promise<void>((resolve) => {
      const req = http.get({
        host: '127.0.0.1',
        port: extra.port,
        path: '/',
        agent: new http.Agent({ keepAlive: true }),
      });
      req.on('response', (res) => {
        res.resume();
        res.socket.on('close', () => resolve());
      });
    });
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await extra.close();
    expect(Date.now() - started).toBeLessThan(2000);
    await socketClosed;
  });
});

describe('binding', () => {
  it('refuses a non-loopback host unless allowed', async () => {
    await expect(
      startHallServer({ host: '0.0.0.0', rendererRoot: base, getActivePack: () => Promise.resolve(null) }),
    ).rejects.toThrow(/non-loopback/);
    const lan = await startHallServer({
      host: '0.0.0.0',
      allowNonLoopback: true,
      rendererRoot: base,
      getActivePack: () => Promise.resolve(null),
    });
    expect(lan.url).toBe(`http://0.0.0.0:${lan.port}/`);
    await lan.close();
  });
});
