/**
 * Wires the fleet poller into a running kiosk (Electron main or the browser-mode hall server):
 * started only when the config has a `fleet` section, so a kiosk without one makes no request.
 * A pulled pack without an activation time is activated in the store and the kiosk reselects;
 * one with a time waits for it (every kiosk of the hall switches at the same local minute).
 */
import { isAbsolute, join } from 'node:path';
import type { KioskConfig } from '../../shared/config-schema';
import type { KioskContent } from '../kiosk-content';
import type { Logger } from '../log/logger';
import { hostname } from 'node:os';
import { readStatus, startFleetPoller, writeStatus } from './poller';
import type { FleetPoller } from './poller';

export type KioskFleetOptions = {
  config: KioskConfig;
  dataDir: string;
  content: KioskContent;
  log: Logger;
  /** Puts a dated activation on the kiosk's schedule; without it, a timer here does it. */
  now?: () => Date;
};

/** Milliseconds from `now` until `at`, never negative (a time already past activates at once). */
export function msUntil(at: Date, now: Date): number {
  return Math.max(0, at.getTime() - now.getTime());
}

export function startKioskFleet(options: KioskFleetOptions): FleetPoller | null {
  const fleet = options.config.fleet;
  if (!fleet) return null;
  const { content, log } = options;
  const now = options.now ?? (() => new Date());
  const timers = new Set<NodeJS.Timeout>();
  const kiosk = fleet.kioskName ?? hostname();
  const activate = async (ref: string): Promise<void> => {
    const status = await readStatus(options.dataDir, kiosk, fleet.channel);
    if (status.pending === ref)
      await writeStatus(options.dataDir, { ...status, pending: null, pendingAt: null });
    const result = await content.store.activate(ref);
    if (!result.ok) {
      log.error('fleet: activation refused', { ref, codes: result.problems.map((p) => p.code) });
      return;
    }
    log.info('fleet: pack activated', { ref });
    await content.reselect();
  };
  const poller = startFleetPoller({
    config: {
      ...fleet,
      rootFile: isAbsolute(fleet.rootFile) ? fleet.rootFile : join(options.dataDir, fleet.rootFile),
    },
    dataDir: options.dataDir,
    store: content.store,
    log,
    now,
    onInstalled: async (ref, at) => {
      if (!at) return activate(ref);
      arm(ref, at);
    },
  });
  const arm = (ref: string, at: Date): void => {
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        void activate(ref);
      },
      msUntil(at, now()),
    );
    timers.add(timer);
  };
  // A dated pack installed before a restart still switches at its time (or at once if missed).
  void readStatus(options.dataDir, kiosk, fleet.channel).then((status) => {
    if (status.pending && status.pendingAt) arm(status.pending, new Date(status.pendingAt));
  });
  log.info('fleet: polling', { url: fleet.url, channel: fleet.channel, pollSeconds: fleet.pollSeconds });
  return {
    runOnce: () => poller.runOnce(),
    stop: () => {
      poller.stop();
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
