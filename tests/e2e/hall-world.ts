/**
 * A hall server with the hall's own data folder (config.json), for specs about how the hall is
 * run rather than what a pack shows. Serves a copy of a pack folder (edited if asked) with the
 * same `/api/kiosk/*` wiring as the server entry (`createKioskCalls` over the loaded config).
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../electron/node/config/config';
import { createKioskCalls } from '../../electron/node/kiosk/kiosk-calls';
import { createAnalyticsLog } from '../../electron/node/analytics/analytics-log';
import type { Logger } from '../../electron/node/log/logger';
import { loadFolderPack } from '../../electron/node/server/folder-pack';
import { startHallServer } from '../../electron/node/server/hall-server';
import { createKioskHttpHandler } from '../../electron/node/server/kiosk-http';
import { createStaffHttpHandler } from '../../electron/node/server/staff-http';
import { createStaffCalls } from '../../electron/node/staff/staff-calls';
import { createStaffService } from '../../electron/node/staff/staff-service';

export type ConfiguredHall = { url: string; dataDir: string; close: () => Promise<void> };

export type ConfiguredHallOptions = {
  rendererRoot: string;
  packDir: string;
  log: Logger;
  /** config.json as the hall technician writes it. */
  config: Record<string, unknown>;
  /** Staff mode without a pack store (health, analytics, export; USB sticks are these folders). */
  staff?: { volumes: string[] };
  /** Edits the copied pack.json (only fields the files index does not cover). */
  editManifest?: (manifest: Record<string, unknown>) => void;
};

export async function startConfiguredHall(options: ConfiguredHallOptions): Promise<ConfiguredHall> {
  const work = await mkdtemp(path.join(tmpdir(), 'hall-e2e-configured-'));
  const dataDir = path.join(work, 'data');
  const pack = path.join(work, 'pack');
  await mkdir(dataDir, { recursive: true });
  await cp(options.packDir, pack, { recursive: true });
  if (options.editManifest) {
    const file = path.join(pack, 'pack.json');
    const manifest = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    options.editManifest(manifest);
    await writeFile(file, JSON.stringify(manifest));
  }
  await writeFile(path.join(dataDir, 'config.json'), JSON.stringify(options.config));
  const loaded = loadConfig(dataDir);
  if (loaded.problem) throw new Error(loaded.problem);
  const active = await loadFolderPack(pack);
  const server = await startHallServer({
    port: 0,
    rendererRoot: options.rendererRoot,
    getActivePack: () => Promise.resolve(active),
    log: options.log,
    ...(options.staff
      ? {
          staffApi: createStaffHttpHandler({
            calls: createStaffCalls(
              createStaffService({
                store: null,
                dataDir,
                trust: { trustedKeys: [], allowUnsigned: true },
                onScreen: () => ({
                  ref: `${active.manifest.id}@${active.manifest.version}`,
                  manifest: active.manifest,
                  source: 'active',
                }),
                log: options.log,
                volumes: () =>
                  Promise.resolve(
                    (options.staff?.volumes ?? []).map((v) => ({ path: v, label: path.basename(v) })),
                  ),
              }),
            ),
            log: options.log,
          }),
        }
      : {}),
    kioskApi: createKioskHttpHandler({
      calls: createKioskCalls({
        config: () => loaded.config,
        analytics: createAnalyticsLog({
          dataDir,
          maxMb: () => loaded.config.analyticsMaxMb,
          log: options.log,
        }),
      }),
      log: options.log,
    }),
  });
  return {
    url: server.url,
    dataDir,
    close: async () => {
      await server.close();
      await rm(work, { recursive: true, force: true });
    },
  };
}
