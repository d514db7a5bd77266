import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHallServer } from '../../../../electron/node/server/hall-server';
import type { HallServer } from '../../../../electron/node/server/hall-server';
import { createStaffHttpHandler, isSameOriginRequest } from '../../../../electron/node/server/staff-http';
import { createStaffCalls, staffChannelNames } from '../../../../electron/node/staff/staff-calls';
import { PIN, staffWorld } from '../staff/staff-world';
import type { StaffWorld } from '../staff/staff-world';

let world: StaffWorld;
let server: HallServer;
let plain: HallServer;
let origin: string;

beforeAll(async () => {
  world = await staffWorld();
  const rendererRoot = path.join(world.work, 'renderer');
  await mkdir(rendererRoot, { recursive: true });
  await writeFile(path.join(rendererRoot, 'index.html'), '<!doctype html><title>kiosk</title>');
  const staffApi = createStaffHttpHandler({ calls: createStaffCalls(world.service), log: world.log });
  server = await startHallServer({ rendererRoot, getActivePack: world.content.getActivePack, staffApi });
  plain = await startHallServer({ rendererRoot, getActivePack: world.content.getActivePack });
  origin = server.url.slice(0, -1);
});

afterAll(async () => {
  await Promise.all([server.close(), plain.close()]);
  await world.close();
});

type Reply = { status: number; body: { ok?: boolean; problems?: { code: string }[]; [k: string]: unknown } };

async function post(
  name: string,
  args: unknown[] = [],
  opts: { token?: string; headers?: Record<string, string>; body?: string; base?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...opts.headers };
  if (opts.token !== undefined) headers['x-staff-token'] = opts.token;
  const response = await fetch(`${opts.base ?? server.url}api/staff/${name}`, {
    method: 'POST',
    headers,
    body: opts.body ?? JSON.stringify({ args }),
  });
  const text = await response.text();
  let body: Reply['body'];
  try {
    body = JSON.parse(text) as Reply['body'];
  } catch {
    body = { text };
  }
  return { status: response.status, body };
}

const codes = (r: Reply) => (r.body.problems ?? []).map((p) => p.code);

async function token(): Promise<string> {
  const r = await post('unlock', [PIN]);
  expect(r.status).toBe(200);
  return r.body['token'] as string;
}

describe('/api/staff/*', () => {
  it('hello and unlock need no token; a wrong PIN is refused with a reason', async () => {
    const hello = await post('hello');
    expect(hello).toMatchObject({ status: 200, body: { ok: true, pinConfigured: true } });
    const wrong = await post('unlock', ['000000']);
    expect(wrong.status).toBe(200);
    expect(codes(wrong)).toEqual(['staff.pin-wrong']);
    expect(typeof (await token())).toBe('string');
  });

  it('every route but hello and unlock refuses a request without the live token (lock too)', async () => {
    const live = await token();
    for (const channel of staffChannelNames) {
      const name = channel.slice('staff:'.length);
      if (name === 'hello' || name === 'unlock') continue;
      expect((await post(name, [], {})).status, `${name} without a token`).toBe(401);
      const forged = await post(name, [], { token: 'B'.repeat(43) });
      expect([400, 401], `${name} with a forged token`).toContain(forged.status);
      if (forged.status === 400) continue; // arguments refused before the session is looked up
      expect(forged.body).toMatchObject({ ok: false, problems: [{ code: 'staff.session-ended' }] });
    }
    expect((await post('lock', [], { token: 'B'.repeat(43) })).status).toBe(401);
    expect((await post('status', [], { token: live })).status).toBe(200);
  });

  it('everything else needs the token header', async () => {
    expect(await post('status')).toMatchObject({ status: 401, body: { ok: false } });
    expect(codes(await post('status'))).toEqual(['staff.session-ended']);
    expect((await post('status', [], { token: 'short' })).status).toBe(401);
    expect((await post('status', [], { token: 'B'.repeat(43) })).status).toBe(401);
    const t = await token();
    expect(await post('status', [], { token: t })).toMatchObject({ status: 200, body: { ok: true } });
    // The token goes in the header, never as an argument.
    expect((await post('status', [t])).status).toBe(401);
  });

  it('refuses other origins', async () => {
    const t = await token();
    const evil = await post('status', [], { token: t, headers: { origin: 'http://evil.example' } });
    expect(evil.status).toBe(403);
    expect((await post('unlock', [PIN], { headers: { origin: 'http://localhost:1' } })).status).toBe(403);
    expect((await post('hello', [], { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect((await post('hello', [], { headers: { 'sec-fetch-site': 'same-site' } })).status).toBe(403);
    const same = await post('status', [], { token: t, headers: { origin, 'sec-fetch-site': 'same-origin' } });
    expect(same.status).toBe(200);
  });

  it('answers only POST with JSON within the size cap, for known requests', async () => {
    const get = await fetch(`${server.url}api/staff/hello`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await post('hello', [], { headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await post('nope')).status).toBe(404);
    expect((await post('hello', [], { body: '{not json' })).status).toBe(400);
    expect((await post('hello', [], { body: '{"args": 5}' })).status).toBe(400);
    const t = await token();
    expect((await post('preview', [42], { token: t })).status).toBe(400);
    expect((await post('preview', ['a', 'b'], { token: t })).status).toBe(400);
    const huge = await post('unlock', ['x'.repeat(70 * 1024)]);
    expect(huge.status).toBe(413);
    // The server keeps serving after a refused body.
    expect((await post('hello')).status).toBe(200);
  });

  it('refuses peers that are not on this machine', async () => {
    const handler = createStaffHttpHandler({ calls: createStaffCalls(world.service) });
    const request = new Request(`${origin}/api/staff/hello`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect((await handler.handle(request.clone(), { remoteAddress: '10.0.0.5', origin })).status).toBe(403);
    expect((await handler.handle(request.clone(), { remoteAddress: undefined, origin })).status).toBe(403);
    expect(
      (await handler.handle(request.clone(), { remoteAddress: '::ffff:127.0.0.1', origin })).status,
    ).toBe(200);
  });

  it('isSameOriginRequest: browser headers must name this origin; no headers is a local client', () => {
    const h = (o: Record<string, string>) => new Headers(o);
    expect(isSameOriginRequest(h({}), origin)).toBe(true);
    expect(isSameOriginRequest(h({ origin }), origin)).toBe(true);
    expect(isSameOriginRequest(h({ origin: 'null' }), origin)).toBe(false);
    expect(isSameOriginRequest(h({ 'sec-fetch-site': 'none' }), origin)).toBe(false);
  });

  it('is absent from a server started without a store', async () => {
    expect((await post('hello', [], { base: plain.url })).status).toBe(405);
    expect((await fetch(`${plain.url}api/staff/hello`)).status).toBe(404);
  });

  it('installs and shows a pack from the stick: the next pack.json is the new one', async () => {
    const file = await world.packOnStick('http-1.5.0', { version: '1.5.0' });
    const t = await token();
    const scan = await post('scan', [], { token: t });
    expect((scan.body['candidates'] as { path: string }[]).map((c) => c.path)).toContain(file);
    const preview = await post('preview', [file], { token: t });
    expect(preview.body).toMatchObject({ ok: true, canInstall: true, version: { change: 'upgrade' } });
    const installed = await post('install', [file], { token: t });
    expect(installed.body).toMatchObject({ ok: true, ref: 'test-pack@1.5.0' });
    const activated = await post('activate', ['test-pack@1.5.0'], { token: t });
    expect(activated.body).toEqual({ ok: true, ref: 'test-pack@1.5.0' });
    const manifest = (await (await fetch(`${server.url}pack/pack.json`)).json()) as { version: string };
    expect(manifest.version).toBe('1.5.0');
    const back = await post('rollback', [], { token: t });
    expect(back.body).toEqual({ ok: true, ref: 'test-pack@1.0.0' });
    expect(((await (await fetch(`${server.url}pack/pack.json`)).json()) as { version: string }).version).toBe(
      '1.0.0',
    );
    expect((await post('lock', [], { token: t })).body).toEqual({ ok: true });
    expect((await post('status', [], { token: t })).status).toBe(401);
  });
});
