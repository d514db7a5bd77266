/**
 * Waiting for the browser to be idle before a start-up run. A page navigated away from is torn
 * down in the background: measured here, after the sand table's page goes to about:blank,
 * Chromium keeps both cores busy for ~0.5 s (180–200 ms of CPU per 100 ms) until the old renderer
 * process exits. A run started in that time (the next variant began ~0.2 s later) measured the
 * previous run's teardown as well; the hall's start never has one. So each run first waits for
 * the browser's processes to go quiet.
 */
import { commandLine, readProcesses } from './proc';

/** CPU time (ms) used by each process whose command line `match`es, by pid; null without /proc. */
export function cpuByProcess(match: (cmdline: string) => boolean): Map<number, number> | null {
  const procs = readProcesses((pid) => match(commandLine(pid)));
  return procs && new Map([...procs].map(([pid, p]) => [pid, p.cpuMs]));
}

/**
 * Was the interval between two readings quiet: no process ended or began (a page's renderer going
 * away is the teardown finishing), and the survivors used at most `maxShare` of one core?
 */
export function quietBetween(
  before: ReadonlyMap<number, number>,
  after: ReadonlyMap<number, number>,
  intervalMs: number,
  maxShare: number,
): boolean {
  if (before.size !== after.size) return false;
  let used = 0;
  for (const [pid, ms] of after) {
    const was = before.get(pid);
    if (was === undefined) return false;
    used += ms - was;
  }
  return used <= maxShare * intervalMs;
}

export type QuietOptions = {
  /** Which processes count (by command line). */
  match: (cmdline: string) => boolean;
  /** Length of one reading's interval, and how many quiet ones in a row are enough. */
  intervalMs?: number;
  intervals?: number;
  /** CPU share of one core still counted as quiet (the tick is 10 ms: 0.1 of 200 ms is 2 ticks). */
  maxShare?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  read?: (match: (cmdline: string) => boolean) => Map<number, number> | null;
};

/**
 * Resolves once `intervals` consecutive intervals were quiet; with the time it waited and whether
 * it timed out (reported, not thrown: a busy machine is a finding, not a crash). Without /proc it
 * waits one second.
 */
export async function waitForQuiet(o: QuietOptions): Promise<{ waitedMs: number; timedOut: boolean }> {
  const interval = o.intervalMs ?? 200;
  const need = o.intervals ?? 2;
  const share = o.maxShare ?? 0.1;
  const timeout = o.timeoutMs ?? 10_000;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const read = o.read ?? cpuByProcess;
  let prev = read(o.match);
  if (!prev) {
    await sleep(1000);
    return { waitedMs: 1000, timedOut: false };
  }
  let waited = 0;
  let streak = 0;
  while (streak < need) {
    if (waited >= timeout) return { waitedMs: waited, timedOut: true };
    await sleep(interval);
    waited += interval;
    const now = read(o.match) ?? new Map<number, number>();
    streak = quietBetween(prev, now, interval, share) ? streak + 1 : 0;
    prev = now;
  }
  return { waitedMs: waited, timedOut: false };
}
