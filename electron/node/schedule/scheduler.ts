/**
 * Runs the schedule in the kiosk process: at each tick (and at boot, so missed times are
 * honoured) it applies `nextScheduleStep` until nothing is due. A start activates the entry's pack
 * through the store's ordinary `activate` — so the usual health gate applies: the pack counts as
 * shown only after the kiosk has shown it, and one that does not start is rolled back at the next
 * boots like any other — and remembers the pack it replaced; an end activates that one again.
 * The page follows the store at its next idle moment (flows/follow-pack.ts).
 */
import type { ScheduleEntry, ScheduleStep } from '../../shared/schedule';
import { nextScheduleStep, nextScheduleTime } from '../../shared/schedule';
import type { Logger } from '../log/logger';
import type { PackStore } from '../pack/store';
import { readSchedule, updateSchedule } from './schedule-store';
import type { ScheduleUpdate } from './schedule-store';

export const SCHEDULE_TICK_MS = 15_000;

export type SchedulerOptions = {
  dataDir: string;
  store: Pick<PackStore, 'activate' | 'state'>;
  log: Logger;
  now?: () => Date;
  /** After the store switched packs: select again and let the page follow. */
  afterSwitch: () => Promise<void>;
};

export type Scheduler = {
  /** Applies everything due now; resolves to the steps taken. */
  tick(): Promise<ScheduleStep[]>;
  /**
   * Ticks now and every `intervalMs`, and also exactly at the next scheduled moment (so kiosks
   * sharing an entry switch within a second of each other); returns stop.
   */
  start(intervalMs?: number): () => void;
  /** Re-reads the schedule and re-arms the exact wake-up (after an entry was added). */
  rearm(): Promise<void>;
};

const MAX_STEPS_PER_TICK = 50;

export function createScheduler(options: SchedulerOptions): Scheduler {
  const now = options.now ?? (() => new Date());
  const { log, store } = options;
  let running: Promise<ScheduleStep[]> | null = null;

  async function apply(step: ScheduleStep): Promise<{ entry: ScheduleEntry; switched: boolean }> {
    const { entry } = step;
    switch (step.kind) {
      case 'miss':
        log.warn('schedule missed (the kiosk was off for the whole window)', {
          id: entry.id,
          ref: entry.ref,
        });
        return { entry: { ...entry, status: 'missed' }, switched: false };
      case 'start': {
        const before = (await store.state())?.current ?? null;
        const result = await store.activate(entry.ref);
        if (!result.ok) {
          const reason = result.problems.map((p) => p.message.en).join('; ');
          log.error('schedule start failed', { id: entry.id, ref: entry.ref, reason });
          return { entry: { ...entry, status: 'failed', reason }, switched: false };
        }
        log.info('schedule started', { id: entry.id, ref: entry.ref, returnTo: before, at: entry.at });
        const status = entry.until === undefined ? 'done' : 'active';
        return { entry: { ...entry, status, returnTo: before }, switched: before !== entry.ref };
      }
      case 'end': {
        const back = entry.returnTo ?? null;
        if (back === null) {
          log.warn('schedule ended; nothing to return to (the built-in pack was showing)', { id: entry.id });
          return { entry: { ...entry, status: 'done' }, switched: false };
        }
        const current = (await store.state())?.current ?? null;
        if (current !== entry.ref) {
          // Staff switched packs meanwhile: theirs stays.
          log.info('schedule ended; staff had switched packs, theirs stays', { id: entry.id, current });
          return { entry: { ...entry, status: 'done' }, switched: false };
        }
        const result = await store.activate(back);
        if (!result.ok) {
          const reason = result.problems.map((p) => p.message.en).join('; ');
          log.error('schedule end: could not return to the previous pack', { id: entry.id, back, reason });
          return { entry: { ...entry, status: 'done', reason }, switched: false };
        }
        log.info('schedule ended', { id: entry.id, ref: entry.ref, returnedTo: back });
        return { entry: { ...entry, status: 'done' }, switched: true };
      }
    }
  }

  async function runTick(): Promise<ScheduleStep[]> {
    const taken: ScheduleStep[] = [];
    let switched = false;
    let update: ScheduleUpdate<number>;
    try {
      update = await updateSchedule(options.dataDir, async (file) => {
        let entries = file.entries;
        for (let i = 0; i < MAX_STEPS_PER_TICK; i += 1) {
          const step = nextScheduleStep(entries, now());
          if (!step) break;
          taken.push(step);
          const applied = await apply(step);
          switched ||= applied.switched;
          entries = entries.map((e) => (e.id === applied.entry.id ? applied.entry : e));
        }
        return { file: taken.length > 0 ? { entries } : null, value: taken.length };
      });
    } catch (error) {
      // The lock or the file could not be reached (the data folder gone, a disk error): say so and
      // try again at the next tick; never an unhandled rejection in the kiosk's main process.
      update = { ok: false, problem: error instanceof Error ? error.message : String(error) };
    }
    if (!update.ok) log.warn('schedule not applied', { problem: update.problem });
    if (switched) await options.afterSwitch();
    return taken;
  }

  function tick(): Promise<ScheduleStep[]> {
    // One tick at a time; a tick asked for while one runs waits for it.
    running ??= runTick().finally(() => {
      running = null;
    });
    return running;
  }

  let wake: ReturnType<typeof setTimeout> | undefined;
  let started = false;
  let interval = SCHEDULE_TICK_MS;

  /** A tick, then the exact wake-up; what fails is logged (the next tick tries again). */
  function cycle(): void {
    tick()
      .then(rearm)
      .catch((error: unknown) =>
        log.warn('schedule tick failed', { problem: error instanceof Error ? error.message : String(error) }),
      );
  }

  async function rearm(): Promise<void> {
    if (!started) return;
    if (wake !== undefined) clearTimeout(wake);
    wake = undefined;
    const read = await readSchedule(options.dataDir);
    if (!read.ok || !started) return;
    const next = nextScheduleTime(read.file.entries, now());
    // Only what falls before the next interval tick; that tick arms again.
    if (!next || next.getTime() - now().getTime() > interval) return;
    wake = setTimeout(
      () => {
        wake = undefined;
        cycle();
      },
      Math.max(0, next.getTime() - now().getTime()),
    );
    wake.unref();
  }

  return {
    tick,
    rearm,
    start(intervalMs = SCHEDULE_TICK_MS) {
      started = true;
      interval = intervalMs;
      cycle();
      const timer = setInterval(cycle, intervalMs);
      timer.unref();
      return () => {
        started = false;
        clearInterval(timer);
        if (wake !== undefined) clearTimeout(wake);
      };
    },
  };
}
