/**
 * Hall server entry: `npx tsx electron/node/server/main.ts --port 0 --renderer dist/renderer --pack <dir>`.
 *
 * Prints ONE line, `hall-kiosk: serving http://127.0.0.1:PORT/ (pack <id> <version>)`, which
 * scripts/start.mjs and the e2e setup read, then serves until SIGINT/SIGTERM.
 *
 * Which pack: with `--pack <dir>` (or HALL_PACK) that folder is served as it is — an author's
 * preview. Otherwise, with `--data-dir`, the kiosk's pack store chooses exactly as Electron does
 * (active → previous → the signed embedded default in dist/packs/default), with the trust that
 * `config.json` gives. Without a data dir, or before the default pack is built, the first pack
 * folder that loads is served.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ActivePack } from '../http/handler';
import { createLogger } from '../log/logger';
import { loadConfig } from '../config/config';
import { securePrivateDataDir } from '../config/private-files';
import { openKioskContent } from '../kiosk-content';
import { readBuiltInIdentity } from '../pack/built-in-identity';
import type { KioskContent } from '../kiosk-content';
import { startKioskFleet } from '../fleet/kiosk-fleet';
import type { FleetPoller } from '../fleet/poller';
import { BROWSER_SHOWN_AFTER_MS, staffApiForContent } from './staff-http';
import { createScheduler } from '../schedule/scheduler';
import { loadFolderPack } from './folder-pack';
import { startHallServer } from './hall-server';
import { SERVER_USAGE, chooseServerPort, parseServerArgs } from './server-args';
import { createKioskHttpHandler } from './kiosk-http';
import { createKioskCalls } from '../kiosk/kiosk-calls';
import type { KioskConfig } from '../../shared/config-schema';

async function pickPack(candidates: string[], explicit: boolean): Promise<ActivePack | null> {
  for (const dir of candidates) {
    if (!explicit && !existsSync(path.join(dir, 'pack.json'))) continue;
    try {
      return await loadFolderPack(dir);
    } catch (error) {
      if (explicit) throw error;
      console.error(`hall-kiosk: skipping ${dir}: ${(error as Error).message}`);
    }
  }
  return null;
}

/** How long a page must have been served the pack before it counts as shown (as in Electron). */
const SHOWN_AFTER_MS = 60_000;

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      // A second signal while closing ends the process at once.
      process.once(signal, () => process.exit(130));
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

async function main(): Promise<number> {
  const parsed = parseServerArgs(process.argv.slice(2), process.cwd(), process.env);
  if (!parsed.ok) {
    console.error(`hall-kiosk: ${parsed.message}\n${SERVER_USAGE}`);
    return 2;
  }
  const args = parsed.args;
  if (args.help) {
    console.log(SERVER_USAGE);
    return 0;
  }
  const log = args.log ? createLogger({ file: args.log }) : createLogger({ level: 'warn' });

  let pack: ActivePack | null;
  let storeText = '';
  let content: KioskContent | null = null;
  let fleet: FleetPoller | null = null;
  const embedded = args.packCandidates[0];
  const useStore =
    !args.packExplicit &&
    args.dataDir !== undefined &&
    embedded !== undefined &&
    existsSync(path.join(embedded, 'pack.sig'));
  // The hall's configuration, whenever there is a data folder (an author's --pack preview too).
  let config: KioskConfig | null = null;
  if (args.dataDir !== undefined) {
    for (const note of securePrivateDataDir(args.dataDir)) console.error(`hall-kiosk: tightened ${note}`);
    const loaded = loadConfig(args.dataDir);
    if (loaded.problem) console.error(`hall-kiosk: ${loaded.problem}`);
    config = loaded.config;
  }
  if (useStore && args.dataDir !== undefined && config !== null && embedded !== undefined) {
    content = await openKioskContent({
      dataDir: args.dataDir,
      embeddedPackRoot: embedded,
      // Written by the build beside the built-in pack (this server runs from the sources).
      builtIn: readBuiltInIdentity(embedded),
      developmentKeyPath: path.resolve(path.dirname(embedded), '../../.dev-keys/dev-public.pem'),
      config,
      log,
    });
    pack = await content.getActivePack();
    storeText = `, from the pack store in ${path.relative(process.cwd(), args.dataDir) || args.dataDir}`;
  } else {
    try {
      pack = await pickPack(args.packCandidates, args.packExplicit);
    } catch (error) {
      console.error(`hall-kiosk: ${(error as Error).message}`);
      return 1;
    }
  }
  const fixed = pack;
  // A newly activated pack is committed once a kiosk page has been showing it for a while, as in
  // Electron; without this, the store would count uncommitted boots and roll back on its own.
  let shownTimer: NodeJS.Timeout | undefined;
  const kiosk = content;
  const getActivePack = kiosk
    ? (): Promise<ActivePack | null> => {
        if (shownTimer === undefined) {
          shownTimer = setTimeout(() => void kiosk.confirmShown(), SHOWN_AFTER_MS);
          shownTimer.unref();
        }
        return kiosk.getActivePack();
      }
    : (): Promise<ActivePack | null> => Promise.resolve(fixed);
  const staffApi =
    content && args.dataDir !== undefined
      ? staffApiForContent(content, {
          dataDir: args.dataDir,
          log,
          ...(args.log ? { logFile: args.log } : {}),
        })
      : undefined;

  let server;
  try {
    const hallConfig = config;
    server = await startHallServer({
      port: chooseServerPort(args.port, config?.port),
      host: args.host,
      rendererRoot: args.renderer,
      getActivePack,
      log,
      allowNonLoopback: args.allowNonLoopback,
      ...(staffApi ? { staffApi } : {}),
      kioskApi: createKioskHttpHandler({
        calls: createKioskCalls({
          config: () => hallConfig,
          activePack: () =>
            kiosk
              ? kiosk.activePackInfo()
              : fixed
                ? { id: fixed.manifest.id, version: fixed.manifest.version }
                : null,
        }),
        log,
      }),
    });
  } catch (error) {
    console.error(`hall-kiosk: cannot start the hall server: ${(error as Error).message}`);
    return 1;
  }

  const packText = pack ? `pack ${pack.manifest.id} ${pack.manifest.version}` : 'no pack';
  const rendererText = existsSync(path.join(args.renderer, 'index.html'))
    ? ''
    : `; renderer not built at ${path.relative(process.cwd(), args.renderer) || args.renderer}`;
  console.log(`hall-kiosk: serving ${server.url} (${packText}${storeText}${rendererText})`);

  // Dated packs: the schedule switches the store at its times; the page follows at its next idle
  // moment, and the switched pack is confirmed once it has been shown for a while, as after staff.
  const scheduler =
    kiosk && args.dataDir !== undefined
      ? createScheduler({
          dataDir: args.dataDir,
          store: kiosk.store,
          log,
          afterSwitch: async () => {
            await kiosk.reselect();
            setTimeout(() => void kiosk.confirmShown(), BROWSER_SHOWN_AFTER_MS).unref();
          },
        })
      : null;
  const stopSchedule = scheduler ? scheduler.start() : () => undefined;
  // Only with a `fleet` section in config.json; otherwise the kiosk never opens a connection.
  if (kiosk && scheduler && config && args.dataDir !== undefined) {
    fleet = startKioskFleet({ config, dataDir: args.dataDir, content: kiosk, scheduler, log });
  }

  const signal = await untilSignal();
  stopSchedule();
  log.info('hall server stopping', { signal });
  if (shownTimer !== undefined) clearTimeout(shownTimer);
  fleet?.stop();
  await server.close();
  log.close();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('hall-kiosk: unexpected failure', error);
    process.exitCode = 1;
  },
);
