import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskConfigSchema } from '../../../../electron/shared/config-schema';
import { createKioskCalls } from '../../../../electron/node/kiosk/kiosk-calls';
import { createKioskHttpHandler } from '../../../../electron/node/server/kiosk-http';
import { startHallServer } from '../../../../electron/node/server/hall-server';
import type { HallServer } from '../../../../electron/node/server/hall-server';

let work: string;
let configured: HallServer;
let plain: HallServer;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'kiosk-http-'));
  await writeFile(path.join(work, 'index.html'), '<!doctype html><title>kiosk</title>');
  const config = kioskConfigSchema.parse({ idleTimeoutSeconds: 15, countdownSeconds: 4, staffPinHash: 'x' });
  const getActivePack = () => Promise.resolve(null);
  configured = await startHallServer({
    rendererRoot: work,
    getActivePack,
    kioskApi: createKioskHttpHandler({ calls: createKioskCalls({ config: () => config }) }),
  });
  plain = await startHallServer({ rendererRoot: work, getActivePack });
});

afterAll(async () => {
  await Promise.all([configured.close(), plain.close()]);
  await rm(work, { recursive: true, force: true });
});

function post(base: string, name: string, init: { headers?: Record<string, string>; body?: string } = {}) {
  return fetch(`${base}api/kiosk/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: init.body ?? JSON.stringify({ args: [] }),
  });
}

describe('/api/kiosk/*', () => {
  it("answers settings with only the hall's page-side fields", async () => {
    const response = await post(configured.url, 'settings');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ idleTimeoutSeconds: 15, countdownSeconds: 4 });
  });

  it('a server without a data folder says the hall configured nothing', async () => {
    const response = await post(plain.url, 'settings');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
  });

  it('refuses other methods, other origins, unknown channels, non-JSON and bad arguments', async () => {
    expect((await fetch(`${configured.url}api/kiosk/settings`)).status).toBe(405);
    expect(
      (await post(configured.url, 'settings', { headers: { origin: 'http://evil.example' } })).status,
    ).toBe(403);
    expect(
      (await post(configured.url, 'settings', { headers: { 'sec-fetch-site': 'cross-site' } })).status,
    ).toBe(403);
    expect((await post(configured.url, 'nothing')).status).toBe(404);
    expect(
      (await post(configured.url, 'settings', { headers: { 'content-type': 'text/plain' } })).status,
    ).toBe(415);
    expect((await post(configured.url, 'settings', { body: '{' })).status).toBe(400);
    expect((await post(configured.url, 'settings', { body: JSON.stringify({ args: [1] }) })).status).toBe(
      400,
    );
  });
});
