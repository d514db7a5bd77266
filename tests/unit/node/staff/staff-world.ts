/**
 * A kiosk for staff-service tests: a temporary data dir whose real pack store holds a signed
 * pack (test-pack 1.0.0, active and committed), a config.json with a trusted key and a staff PIN,
 * the real kiosk content (boot selection, reselect), and a "USB stick" folder with packs on it.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openKioskContent } from '../../../../electron/node/kiosk-content';
import type { KioskContent } from '../../../../electron/node/kiosk-content';
import { loadConfig } from '../../../../electron/node/config/config';
import { memoryLogger } from '../../../../electron/node/log/logger';
import type { MemoryLogger } from '../../../../electron/node/log/logger';
import { createPackStore } from '../../../../electron/node/pack/store';
import { hashPin } from '../../../../electron/node/staff/pin';
import { createStaffService } from '../../../../electron/node/staff/staff-service';
import type { StaffService, StaffServiceOptions } from '../../../../electron/node/staff/staff-service';
import { listVolumes } from '../../../../electron/node/staff/usb-scan';
import { makeKey, writePackFolder, zipFolder } from '../pack/store-helpers';
import type { TestKey, TestPackSpec } from '../pack/store-helpers';

export const PIN = '246813';
/** Cheap scrypt for tests; the format and code path are the real ones. */
export const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };

export type StaffWorld = {
  work: string;
  dataDir: string;
  usb: string;
  key: TestKey;
  content: KioskContent;
  service: StaffService;
  log: MemoryLogger;
  clock: { now: number };
  switches: number;
  /** Writes a pack folder (and optionally zips it) on the stick; returns its path. */
  packOnStick: (
    name: string,
    spec: Partial<TestPackSpec> & { version: string },
    zip?: boolean,
  ) => Promise<string>;
  /** A new service over the same kiosk (e.g. with other options). */
  newService: (overrides?: Partial<StaffServiceOptions>) => StaffService;
  close: () => Promise<void>;
};

export type WorldOptions = {
  pin?: string | null;
  config?: Record<string, unknown>;
  /** A kiosk fresh from installation: nothing in the store, the built-in pack (test-pack 1.0.0) on screen. */
  fresh?: boolean;
};

export async function staffWorld(options: WorldOptions = {}): Promise<StaffWorld> {
  const work = await mkdtemp(path.join(tmpdir(), 'hall-staff-'));
  const dataDir = path.join(work, 'data');
  const usb = path.join(work, 'usb', 'STICK');
  await mkdir(dataDir, { recursive: true });
  await mkdir(usb, { recursive: true });
  const key = makeKey();
  const pin = options.pin === undefined ? PIN : options.pin;
  const config: Record<string, unknown> = {
    trustedKeys: [{ name: 'test', publicKeyPem: key.publicKeyPem }],
    trustDevelopmentKey: false,
    ...(pin === null ? {} : { staffPinHash: await hashPin(pin, FAST_SCRYPT) }),
    ...options.config,
  };
  await writeFile(path.join(dataDir, 'config.json'), JSON.stringify(config, null, 2));

  // test-pack 1.0.0: installed, active and committed, as a kiosk that has been running — or,
  // fresh, the app's built-in pack.
  const first = await writePackFolder(path.join(work, 'src-1.0.0'), { key, version: '1.0.0' });
  if (!options.fresh) {
    const setup = createPackStore({ dataDir, trustedKeys: [key.trusted], allowUnsigned: false });
    const installed = await setup.install(first.dir);
    if (!installed.ok) throw new Error(JSON.stringify(installed.problems));
    const activated = await setup.activate(installed.ref);
    if (!activated.ok) throw new Error(JSON.stringify(activated.problems));
    await setup.commit(installed.ref);
  }

  const log = memoryLogger();
  const content = await openKioskContent({
    dataDir,
    embeddedPackRoot: options.fresh ? first.dir : path.join(work, 'no-default'),
    developmentKeyPath: path.join(work, 'no-dev-key.pem'),
    config: loadConfig(dataDir).config,
    log,
  });
  const clock = { now: Date.parse('2026-03-01T10:00:00Z') };
  const world: StaffWorld = {
    work,
    dataDir,
    usb,
    key,
    content,
    log,
    clock,
    switches: 0,
    service: undefined as unknown as StaffService,
    packOnStick: async (name, spec, zip = true) => {
      const dir = path.join(zip ? path.join(work, 'build') : usb, name);
      await writePackFolder(dir, { key, ...spec });
      return zip ? zipFolder(dir, path.join(usb, `${name}.hallpack`)) : dir;
    },
    newService: (overrides = {}) =>
      createStaffService({
        store: content.store,
        dataDir,
        trust: content.trust,
        onScreen: content.onScreen,
        log,
        now: () => clock.now,
        volumes: () => listVolumes({ roots: [usb] }),
        afterSwitch: async () => {
          world.switches += 1;
          await content.reselect();
        },
        ...overrides,
      }),
    close: () => rm(work, { recursive: true, force: true }),
  };
  world.service = world.newService();
  return world;
}

/** Unlocks with the right PIN; returns the token. */
export async function unlock(service: StaffService, pin = PIN): Promise<string> {
  const result = await service.unlock(pin);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.token;
}

/** The codes of a failure (empty for success). */
export const codes = (r: { ok: boolean; problems?: readonly { code: string }[] }): string[] =>
  r.ok ? [] : (r.problems ?? []).map((p) => p.code);

export const readText = (p: string): Promise<string> => readFile(p, 'utf8');
