/**
 * Wires the fleet poller into a running kiosk (Electron main or the browser-mode hall server):
 * started only when the config has a `fleet` section, so a kiosk without one makes no request.
 * A pulled pack without an activation time is activated in the store at once (the page follows at
 * its next idle moment); one with a time goes on the kiosk's dated-pack schedule, so it survives a
 * restart, is honoured at boot if missed, and every kiosk of the hall switches at the same moment.
 */
import { isAbsolute, join } from 'node:path';
import type { KioskConfig } from '../../shared/config-schema';
import { formatLocalDateTime } from '../../shared/schedule';
import type { KioskContent } from '../kiosk-content';
import type { Logger } from '../log/logger';
import { addScheduleEntry } from '../schedule/schedule-store';
import type { Scheduler } from '../schedule/scheduler';
import { startFleetPoller } from './poller';
import type { FleetPoller } from './poller';

export type KioskFleetOptions = {
  config: KioskConfig;
  dataDir: string;
  content: KioskContent;
  /** The kiosk's running schedule: re-armed when a dated pack is added. */
  scheduler: Pick<Scheduler, 'rearm'>;
  log: Logger;
  now?: () => Date;
};

export function startKioskFleet(options: KioskFleetOptions): FleetPoller | null {
  const fleet = options.config.fleet;
  if (!fleet) return null;
  const { content, log } = options;
  const now = options.now ?? (() => new Date());
  const activate = async (ref: string): Promise<void> => {
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
      const added = await addScheduleEntry(
        options.dataDir,
        { ref, at: formatLocalDateTime(at) },
        { installed: async () => (await content.store.list()).map((p) => p.ref), now: now() },
      );
      if (added.ok) {
        log.info('fleet: pack scheduled', { ref, at: added.value.at, id: added.value.id });
        await options.scheduler.rearm();
      } else if (added.refusal?.code === 'past') {
        // Its time came while the kiosk was downloading or off: switch now.
        await activate(ref);
      } else {
        log.error('fleet: pack not scheduled', { ref, problem: added.problem });
      }
    },
  });
  log.info('fleet: polling', { url: fleet.url, channel: fleet.channel, pollSeconds: fleet.pollSeconds });
  return poller;
}
