/**
 * Electron main entry (bundled to dist-electron/main.cjs). Composes the small modules: refuse
 * debugging switches, sandbox everything, one instance, privileged `hall://` serving the shared
 * request handler, one hardened fullscreen window, IPC from the contract, recovery ladder.
 */
import path from 'node:path';
import { Menu, app, powerSaveBlocker, protocol, screen, session, type BrowserWindow } from 'electron';
import { HALL_ORIGIN, HALL_SCHEME, HALL_START_URL, hallSchemePrivileges } from '../shared/policy/scheme';
import { kioskRuntimeFlags, launchArgsDecision } from '../shared/policy/launch-args';
import { DEFAULT_STAFF_CHORD, parseKeyChord } from '../shared/policy/keys';
import { isAppUrl } from '../shared/policy/navigation';
import { createHallHandler } from '../node/http/handler';
import { createLogger, type Logger } from '../node/log/logger';
import { loadConfig } from '../node/config/config';
import { securePrivateDataDir } from '../node/config/private-files';
import { resolveDataDir } from './data-dir';
import { appPaths } from './paths';
import { openKioskContent } from '../node/kiosk-content';
import { startKioskFleet } from '../node/fleet/kiosk-fleet';
import { bakedBuiltInIdentity } from '../node/pack/built-in-identity';
import { createShownConfirmer } from './shown';
import { hardenSession, hardenWebContents } from './harden';
import { createKioskWindowManager } from './window';
import { createIpcDispatcher } from './ipc/dispatch';
import { createIpcHandlers } from './ipc/handlers';
import { createStaffService } from '../node/staff/staff-service';
import { createStaffCalls } from '../node/staff/staff-calls';
import { createKioskCalls } from '../node/kiosk/kiosk-calls';
import { createAnalyticsLog } from '../node/analytics/analytics-log';
import { saveScreen, screenDue } from '../node/analytics/screen-store';
import { SCREEN_CAPTURE_QUALITY, screenCaptureScale } from '../shared/screen-capture';
import { createHealthLog, createVitalsHandler, withHealth } from '../node/health/health-log';
import { createScheduler } from '../node/schedule/scheduler';
import { registerIpc } from './ipc/register';
import { createRecoverySupervisor } from './recovery/supervisor';
import { RECOVERY_FILE, loadRecoveryState, saveRecoveryState } from './recovery/state-file';
import { watchWindow } from './recovery/watch';

/** Exit status for a refused start (EX_CONFIG); the systemd unit does not restart on it. */
const EXIT_REFUSED = 78;
/** Exit status that hands the kiosk to the OS supervisor (restart). */
const EXIT_GIVE_UP = 1;
/** Exit status for the relaunch rung when an OS supervisor restarts us (see `relaunch` below). */
const EXIT_RELAUNCH = 75;
/** Delay between a staff pack switch and the reload that shows the new pack. */
const STAFF_RELOAD_DELAY_MS = 300;

const flags = kioskRuntimeFlags(app.isPackaged, process.env);
const launch = launchArgsDecision({
  argv: process.argv,
  platform: process.platform,
  isPackaged: app.isPackaged,
  allowDebugArgs: flags.allowDebugArgs,
});

if (!launch.start) {
  process.stderr.write(`hall-kiosk: refusing to start with ${launch.forbidden.join(' ')}\n`);
  app.exit(EXIT_REFUSED);
} else {
  // The data directory first: the single-instance lock lives in userData, so kiosks with
  // different data directories (tests beside a running kiosk) do not shut each other out.
  const dataDir = resolveDataDir({
    env: process.env,
    defaultUserData: app.getPath('userData'),
    cwd: process.cwd(),
  });
  app.setPath('userData', dataDir);
  // Chromium's own files (caches, local storage) apart from the pack store's.
  app.setPath('sessionData', path.join(dataDir, 'chromium'));
  if (!app.requestSingleInstanceLock()) {
    // Another kiosk is running on this data directory; it gets focus through 'second-instance'.
    app.exit(0);
  } else {
    prepare(dataDir, launch.tolerated);
  }
}

function prepare(dataDir: string, tolerated: readonly string[]): void {
  // Everything below must happen before 'ready'.
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([{ scheme: HALL_SCHEME, privileges: { ...hallSchemePrivileges } }]);
  app.commandLine.appendSwitch('disable-pinch');
  app.commandLine.appendSwitch('overscroll-history-navigation', '0');

  const log = createLogger({ file: path.join(dataDir, 'logs', 'kiosk.log'), stream: process.stderr });
  const hardening = { appOrigin: HALL_ORIGIN, devTools: flags.devTools, log };
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, hardening));

  app
    .whenReady()
    .then(() => start(dataDir, log, tolerated))
    .catch((error: unknown) => fail(log, 'kiosk failed to start', error));
}

function fail(log: Logger, msg: string, error: unknown): void {
  log.error(msg, { error });
  app.exit(EXIT_GIVE_UP);
}

async function start(dataDir: string, baseLog: Logger, tolerated: readonly string[]): Promise<void> {
  // The health log: recoveries, pack, schedule and fleet lines of the kiosk log go there too.
  // Its bound comes from config.json, read below (the log is needed before).
  const bound: { mb?: number } = {};
  const health = createHealthLog({ dataDir, maxMb: () => bound.mb, log: baseLog });
  const log = withHealth(baseLog, health);
  health.record('start', 'kiosk starting', { mode: 'electron', version: app.getVersion() });
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });
  process.on('SIGTERM', () => app.quit());

  const paths = appPaths({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    mainDir: __dirname,
  });
  log.info('hall kiosk starting', {
    version: app.getVersion(),
    electron: process.versions.electron,
    packaged: app.isPackaged,
    dataDir,
    ...paths,
    ...(tolerated.length > 0 ? { toleratedDebugArgs: tolerated } : {}),
  });

  Menu.setApplicationMenu(null);
  hardenSession(session.defaultSession, { appOrigin: HALL_ORIGIN, devTools: flags.devTools, log });

  for (const note of securePrivateDataDir(dataDir)) log.warn('data folder permissions tightened', { note });
  const { config, problem } = loadConfig(dataDir);
  bound.mb = config.healthLogMaxMb;
  if (problem) log.warn('configuration problem', { problem });
  const staffChord = parseKeyChord(config.staffChord);
  if (!staffChord)
    log.warn('staff chord not understood; using the default', {
      staffChord: config.staffChord,
      default: DEFAULT_STAFF_CHORD,
    });

  const content = await openKioskContent({
    dataDir,
    embeddedPackRoot: paths.embeddedPackRoot,
    // Baked into this bundle by the build: the built-in pack is trusted by its own identity.
    builtIn: bakedBuiltInIdentity(),
    developmentKeyPath: paths.developmentKeyPath,
    config,
    log,
  });
  const handler = createHallHandler({
    rendererRoot: paths.rendererRoot,
    getActivePack: content.getActivePack,
    log,
  });
  protocol.handle(HALL_SCHEME, (request) =>
    isAppUrl(request.url, HALL_ORIGIN)
      ? handler(request)
      : Promise.resolve(new Response('Not found', { status: 404 })),
  );

  powerSaveBlocker.start('prevent-display-sleep');

  const recoveryFile = path.join(dataDir, RECOVERY_FILE);
  // Filled in below; the supervisor only calls these after a timer, when both exist.
  let windows: ReturnType<typeof createKioskWindowManager> | null = null;
  const supervisor = createRecoverySupervisor({
    initialState: loadRecoveryState(recoveryFile, log),
    persist: (state) => saveRecoveryState(recoveryFile, state, log),
    log,
    actions: {
      reload: () => windows?.reload(),
      recreateWindow: () => windows?.recreate(),
      // Under systemd or Shell Launcher a self-relaunch would race the supervisor's own restart
      // (systemd kills the unit's leftover processes; Shell Launcher starts a second copy), so
      // there the supervisor does the relaunch.
      relaunch: () => {
        if (flags.supervised) {
          app.exit(EXIT_RELAUNCH);
          return;
        }
        app.relaunch();
        app.exit(0);
      },
      giveUpToSupervisor: () => app.exit(EXIT_GIVE_UP),
    },
  });
  app.on('before-quit', () => supervisor.stop());
  app.on('child-process-gone', (_event, details) => {
    if (details.type === 'GPU') supervisor.incident({ kind: 'gpu-gone', reason: details.reason });
  });
  const shownConfirmer = () =>
    createShownConfirmer({
      incidents: () => supervisor.state().totals.incidents,
      confirm: () => content.confirmShown(),
    });
  // Replaced when staff switch packs: the new pack is confirmed after it has been shown.
  let pageLoaded = shownConfirmer();

  windows = createKioskWindowManager(
    {
      preloadPath: paths.preloadPath,
      startUrl: HALL_START_URL,
      devTools: flags.devTools,
      fullscreen: flags.fullscreen,
      display: () => (flags.fullscreen ? screen.getPrimaryDisplay().bounds : null),
      staffChord: staffChord ?? parseKeyChord(DEFAULT_STAFF_CHORD),
      log,
      quitting: () => quitting,
    },
    (win: BrowserWindow) => {
      win.webContents.on('did-finish-load', () => pageLoaded());
      return watchWindow(win, supervisor);
    },
  );
  const kiosk = windows;

  const staff = createStaffService({
    store: content.store,
    dataDir,
    trust: content.trust,
    onScreen: content.onScreen,
    log,
    afterSwitch: async () => {
      await content.reselect();
      pageLoaded = shownConfirmer();
      // After the reply has gone back, so the staff screen's request completes before the reload.
      setTimeout(() => kiosk.reload(), STAFF_RELOAD_DELAY_MS);
    },
  });

  registerIpc(
    createIpcDispatcher({
      handlers: createIpcHandlers({
        appVersion: app.getVersion(),
        versions: { electron: process.versions.electron, chrome: process.versions.chrome },
        platform: process.platform,
        dataDir,
        activePack: content.activePackInfo,
        uptimeSeconds: () => process.uptime(),
        memoryUsage: () => process.memoryUsage(),
        appMetrics: () => app.getAppMetrics(),
        recoveryState: () => supervisor.state(),
        staff: createStaffCalls(staff),
        kiosk: createKioskCalls({
          config: () => config,
          activePack: content.activePackInfo,
          // The staff heatmap's picture of the visitor screen, scaled down to a JPEG.
          captureScreen: async (orientation) => {
            if (!(await screenDue(dataDir, orientation))) return false;
            const image = await kiosk.capture();
            if (!image || image.isEmpty()) return false;
            const { width, height } = image.getSize();
            const scale = screenCaptureScale(width, height);
            const small =
              scale < 1 ? image.resize({ width: Math.round(width * scale), quality: 'good' }) : image;
            await saveScreen(dataDir, orientation, small.toJPEG(SCREEN_CAPTURE_QUALITY));
            return true;
          },
          analytics: createAnalyticsLog({ dataDir, maxMb: () => config.analyticsMaxMb, log }),
          vitals: createVitalsHandler({
            dataDir,
            config: () => config,
            health,
            // The renderer process's working set (Electron reports kilobytes).
            rendererBytes: () => {
              const tab = app.getAppMetrics().filter((m) => m.type === 'Tab');
              return tab.length === 0
                ? null
                : tab.reduce((sum, m) => sum + m.memory.workingSetSize, 0) * 1024;
            },
            processStats: () => ({
              rssBytes: process.memoryUsage().rss,
              uptimeSeconds: Math.round(process.uptime()),
            }),
            // A nightly restart is a whole new process, not only a new page.
            onNightly: () => {
              if (flags.supervised) app.exit(EXIT_RELAUNCH);
              else {
                app.relaunch();
                app.exit(0);
              }
            },
            log,
          }),
        }),
      }),
      senderPolicy: () => ({ appOrigin: HALL_ORIGIN, mainWebContentsId: kiosk.webContentsId() }),
      log,
    }),
  );

  // Dated packs: the schedule switches the store; the page reloads itself at its next idle moment
  // (kiosk:status), and the new pack is confirmed once that page has loaded, as after staff.
  const scheduler = createScheduler({
    dataDir,
    store: content.store,
    log,
    afterSwitch: async () => {
      await content.reselect();
      pageLoaded = shownConfirmer();
    },
  });
  app.on('before-quit', scheduler.start());
  // Only with a `fleet` section in config.json; otherwise the kiosk never opens a connection.
  const fleet = startKioskFleet({ config, dataDir, content, scheduler, log });
  app.on('before-quit', () => fleet?.stop());

  app.on('second-instance', () => kiosk.focus());
  // Closing the last window is never a reason to quit a kiosk (recovery replaces windows);
  // only an explicit quit (SIGTERM, staff) ends it.
  app.on('window-all-closed', () => {
    if (quitting) app.quit();
  });

  kiosk.open();
}
