/**
 * Hall server entry: `npx tsx electron/node/server/main.ts --port 0 --renderer dist/renderer --pack <dir>`.
 *
 * Prints ONE line, `hall-kiosk: serving http://127.0.0.1:PORT/ (<pack>)`, which
 * scripts/start.mjs and the e2e setup read, then serves until SIGINT/SIGTERM.
 *
 * Start-up is lean: nothing heavy is imported or done before the server listens. With the pack
 * store (the kiosk), the line is printed as soon as the server listens and the store is opened
 * right after, while the browser is still loading the page (which asks for the pack last); the
 * page's requests for the pack wait for it. The API modules load on their first request.
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
import type { Logger } from '../log/logger';
import { securePrivateDataDir } from '../config/private-files';
import type { KioskContent } from '../kiosk-content';
import type { FleetPoller } from '../fleet/poller';
import type { StaffHttpHandler } from './staff-http';
import { startHallServer } from './hall-server';
import { BROWSER_SHOWN_AFTER_MS, reselectThenConfirm } from './shown-after';
import { SERVER_USAGE, chooseServerPort, parseServerArgs } from './server-args';
import type { KioskConfig } from '../../shared/config-schema';

async function pickPack(candidates: string[], explicit: boolean): Promise<ActivePack | null> {
  const { loadFolderPack } = await import('./folder-pack');
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

/**
 * Opens the kiosk's pack store and chooses the pack to show: imported only now, after the server
 * listens. The schedule of dated packs and (if configured) the fleet poller start afterwards
 * (`startContentServices`): the page's first request for the pack waits for the choice, not for
 * their modules.
 */
async function openContent(
  dataDir: string,
  embeddedPackRoot: string,
  config: KioskConfig,
  log: Logger,
): Promise<KioskContent> {
  const [{ openKioskContent }, { readBuiltInIdentity }, { setLockProgramName }] = await Promise.all([
    import('../kiosk-content'),
    import('../pack/built-in-identity'),
    import('../pack/store/lock'),
  ]);
  // How the store's lock names this process to a technician whose command finds it busy.
  setLockProgramName('the kiosk (browser mode)');
  const content = await openKioskContent({
    dataDir,
    embeddedPackRoot,
    // Written by the build beside the built-in pack (this server runs from the sources).
    builtIn: readBuiltInIdentity(embeddedPackRoot),
    developmentKeyPath: path.resolve(path.dirname(embeddedPackRoot), '../../.dev-keys/dev-public.pem'),
    config,
    log,
  });
  await content.getActivePack();
  return content;
}

/**
 * The schedule of dated packs and, only with a `fleet` section in config.json, the fleet poller
 * (otherwise the kiosk never opens a connection).
 */
async function startContentServices(
  content: KioskContent,
  dataDir: string,
  config: KioskConfig,
  log: Logger,
): Promise<{ fleet: FleetPoller | null; stopSchedule: () => void }> {
  const [{ createScheduler }, fleetModule] = await Promise.all([
    import('../schedule/scheduler'),
    config.fleet ? import('../fleet/kiosk-fleet') : null,
  ]);
  // Dated packs: the schedule switches the store at its times; the page follows at its next idle
  // moment, and the switched pack is confirmed once it has been shown for a while, as after staff.
  const scheduler = createScheduler({
    dataDir,
    store: content.store,
    log,
    afterSwitch: reselectThenConfirm(content),
  });
  const stopSchedule = scheduler.start();
  const fleet = fleetModule?.startKioskFleet({ config, dataDir, content, scheduler, log }) ?? null;
  return { fleet, stopSchedule };
}

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

  let pack: ActivePack | null = null;
  const embedded = args.packCandidates[0];
  const useStore =
    !args.packExplicit &&
    args.dataDir !== undefined &&
    embedded !== undefined &&
    existsSync(path.join(embedded, 'pack.sig'));
  // The hall's configuration, whenever there is a data folder (an author's --pack preview too):
  // it may set the port, so it is read before listening.
  let config: KioskConfig | null = null;
  if (args.dataDir !== undefined) {
    for (const note of securePrivateDataDir(args.dataDir)) console.error(`hall-kiosk: tightened ${note}`);
    const { loadConfig } = await import('../config/config');
    const loaded = loadConfig(args.dataDir);
    if (loaded.problem) console.error(`hall-kiosk: ${loaded.problem}`);
    config = loaded.config;
  }
  if (!useStore) {
    try {
      pack = await pickPack(args.packCandidates, args.packExplicit);
    } catch (error) {
      console.error(`hall-kiosk: ${(error as Error).message}`);
      return 1;
    }
  }

  // With the store: opened once the server listens; the page's first request for the pack waits.
  let opening: Promise<KioskContent> | null = null;
  let opened: KioskContent | null = null;
  let fleet: FleetPoller | null = null;
  let stopSchedule = (): void => undefined;
  // The health log (with a data folder): pack, schedule and fleet lines of the log go there too.
  const health =
    args.dataDir !== undefined
      ? (await import('../health/health-log')).createHealthLog({
          dataDir: args.dataDir,
          maxMb: () => config?.healthLogMaxMb,
          log,
        })
      : null;
  health?.record('start', 'hall server starting', { mode: 'browser' });
  const contentLog = health ? (await import('../health/health-log')).withHealth(log, health) : log;
  let stopping = false;
  const openStore = (dataDir: string, root: string, hallConfig: KioskConfig): Promise<KioskContent> =>
    (opening ??= openContent(dataDir, root, hallConfig, contentLog).then((content) => {
      opened = content;
      // After the choice, not before it: the page is waiting for the pack.
      startContentServices(content, dataDir, hallConfig, contentLog).then(
        (services) => {
          fleet = services.fleet;
          stopSchedule = services.stopSchedule;
          // Stopped meanwhile: nothing of them may outlive the server.
          if (stopping) {
            services.stopSchedule();
            services.fleet?.stop();
          }
        },
        (error: unknown) =>
          contentLog.error('hall server: the schedule or the fleet poller did not start', {
            detail: (error as Error).message,
          }),
      );
      return content;
    }));
  const store =
    useStore && args.dataDir !== undefined && config !== null && embedded !== undefined
      ? { dataDir: args.dataDir, open: openStore.bind(null, args.dataDir, embedded, config) }
      : null;

  // A newly activated pack is committed once a kiosk page has been showing it for a while, as in
  // Electron; without this, the store would count uncommitted boots and roll back on its own.
  let shownTimer: NodeJS.Timeout | undefined;
  const fixed = pack;
  const getActivePack = store
    ? async (request?: { manifest: boolean }): Promise<ActivePack | null> => {
        const kiosk = await store.open();
        if (shownTimer === undefined) {
          shownTimer = setTimeout(() => void kiosk.confirmShown(), BROWSER_SHOWN_AFTER_MS);
          shownTimer.unref();
        }
        return kiosk.getActivePack(request);
      }
    : (): Promise<ActivePack | null> => Promise.resolve(fixed);
  const staffApi = store
    ? async (): Promise<StaffHttpHandler> => {
        const [{ staffApiForContent }, content] = await Promise.all([import('./staff-http'), store.open()]);
        return staffApiForContent(content, {
          dataDir: store.dataDir,
          log: contentLog,
          ...(args.log ? { logFile: args.log } : {}),
        });
      }
    : undefined;
  const hallConfig = config;
  const kioskApi = async (): Promise<StaffHttpHandler> => {
    const [
      { createKioskHttpHandler },
      { createKioskCalls },
      { createAnalyticsLog },
      { createVitalsHandler },
    ] = await Promise.all([
      import('./kiosk-http'),
      import('../kiosk/kiosk-calls'),
      import('../analytics/analytics-log'),
      import('../health/health-log'),
    ]);
    const dataDir = args.dataDir;
    return createKioskHttpHandler({
      calls: createKioskCalls({
        config: () => hallConfig,
        // Visitor analytics go to the data folder; a preview without one records nothing.
        ...(dataDir !== undefined
          ? { analytics: createAnalyticsLog({ dataDir, maxMb: () => hallConfig?.analyticsMaxMb, log }) }
          : {}),
        // The memory watch and nightly restart (browser mode: the page reloads itself at idle).
        ...(dataDir !== undefined && health
          ? {
              vitals: createVitalsHandler({
                dataDir,
                config: () => hallConfig ?? {},
                health,
                processStats: () => ({
                  rssBytes: process.memoryUsage().rss,
                  uptimeSeconds: Math.round(process.uptime()),
                }),
                log,
              }),
            }
          : {}),
        activePack: () =>
          opened
            ? opened.activePackInfo()
            : fixed
              ? { id: fixed.manifest.id, version: fixed.manifest.version }
              : null,
      }),
      log,
    });
  };

  let server;
  try {
    server = await startHallServer({
      port: chooseServerPort(args.port, config?.port),
      host: args.host,
      rendererRoot: args.renderer,
      getActivePack,
      log,
      allowNonLoopback: args.allowNonLoopback,
      ...(staffApi ? { staffApi } : {}),
      kioskApi,
    });
  } catch (error) {
    console.error(`hall-kiosk: cannot start the hall server: ${(error as Error).message}`);
    return 1;
  }

  const packText = store
    ? `pack from the pack store in ${path.relative(process.cwd(), store.dataDir) || store.dataDir}`
    : pack
      ? `pack ${pack.manifest.id} ${pack.manifest.version}`
      : 'no pack';
  const rendererText = existsSync(path.join(args.renderer, 'index.html'))
    ? ''
    : `; renderer not built at ${path.relative(process.cwd(), args.renderer) || args.renderer}`;
  console.log(`hall-kiosk: serving ${server.url} (${packText}${rendererText})`);
  let storeFailed = false;
  if (store) {
    // Opened now, not on the first request, so the schedule, the fleet poller and the boot count
    // start at once.
    store.open().catch((error: unknown) => {
      console.error(`hall-kiosk: cannot open the pack store: ${(error as Error).message}`);
      storeFailed = true;
      process.kill(process.pid, 'SIGTERM');
    });
  }

  const signal = await untilSignal();
  stopping = true;
  stopSchedule();
  log.info('hall server stopping', { signal });
  if (shownTimer !== undefined) clearTimeout(shownTimer);
  (fleet as FleetPoller | null)?.stop();
  await server.close();
  // Releases this kiosk's pack lease (a lease of a process that is gone is ignored anyway).
  await (opened as KioskContent | null)?.close();
  log.close();
  return storeFailed ? 1 : 0;
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
