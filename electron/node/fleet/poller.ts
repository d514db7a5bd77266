/**
 * The kiosk's background fleet task: pull every `pollSeconds`, back off while the network or the
 * server is down, write a status file after every round, optionally upload it. It never touches
 * the screen: a new pack reaches the visitor through the store (the running kiosk follows the
 * store at its next idle moment) or through the dated-pack schedule when it carries a time.
 *
 * Offline first: this is only started when the kiosk's config has a `fleet` section.
 */
import { hostname } from 'node:os';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FleetConfig } from '../../shared/config-schema';
import { replaceJsonAtomic } from '../fs/atomic';
import { nodeFsOps } from '../fs/fs-ops';
import type { Logger } from '../log/logger';
import type { PackStore } from '../pack/store';
import { fleetStatusSchema } from './fleet-schema';
import type { FleetStatus } from './fleet-schema';
import { fleetDir, pullOnce } from './pull';
import type { PullOutcome } from './pull';

/** Longest wait between tries while failing (an hour), however long `pollSeconds` is. */
export const MAX_BACKOFF_SECONDS = 3600;

/**
 * Milliseconds until the next round: `pollSeconds` after a success; after `failures` failed rounds
 * in a row, doubling from `pollSeconds` up to an hour, with up to 20% jitter (`random` in [0,1))
 * so a hall's kiosks do not all retry in the same second when the server comes back.
 */
export function nextPollDelayMs(pollSeconds: number, failures: number, random: number): number {
  const base =
    failures <= 0
      ? pollSeconds
      : Math.min(pollSeconds * 2 ** Math.min(failures, 20), Math.max(MAX_BACKOFF_SECONDS, pollSeconds));
  return Math.round(base * 1000 * (1 + 0.2 * Math.min(Math.max(random, 0), 1)));
}

/** The status after a round, from the one before. */
export function statusAfter(
  previous: FleetStatus,
  outcome: PullOutcome,
  now: Date,
  current: string | null,
): FleetStatus {
  const at = now.toISOString();
  // A dated pack that is now on screen is no longer pending.
  const settled = previous.pending !== null && previous.pending === current;
  const base = {
    ...previous,
    lastPullAt: at,
    pack: current,
    ...(settled ? { pending: null, pendingAt: null } : {}),
  };
  switch (outcome.kind) {
    case 'failed':
      return { ...base, lastError: `${outcome.stage}: ${outcome.error}` };
    case 'up-to-date':
      return { ...base, lastSuccessAt: at, lastError: null };
    case 'installed':
      return {
        ...base,
        lastSuccessAt: at,
        lastError: null,
        pending: outcome.activateAt ? outcome.ref : null,
        pendingAt: outcome.activateAt ? outcome.activateAt.toISOString() : null,
      };
  }
}

export function emptyStatus(kiosk: string, channel: string): FleetStatus {
  return {
    kiosk,
    pack: null,
    channel,
    lastPullAt: null,
    lastSuccessAt: null,
    lastError: null,
    pending: null,
    pendingAt: null,
  };
}

export const statusFile = (dataDir: string) => join(fleetDir(dataDir), 'status.json');

export async function readStatus(dataDir: string, kiosk: string, channel: string): Promise<FleetStatus> {
  try {
    const parsed = fleetStatusSchema.safeParse(JSON.parse(await readFile(statusFile(dataDir), 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // Missing or torn: start afresh; the status is advisory.
  }
  return emptyStatus(kiosk, channel);
}

export async function writeStatus(dataDir: string, status: FleetStatus): Promise<void> {
  await mkdir(fleetDir(dataDir), { recursive: true });
  await replaceJsonAtomic(nodeFsOps, statusFile(dataDir), status);
}

/** Kiosk names become file names: keep them plain. */
export function safeKioskName(name: string): string {
  return (
    name
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[.-]+/, '')
      .slice(0, 64) || 'kiosk'
  );
}

async function uploadStatus(config: FleetConfig, status: FleetStatus): Promise<void> {
  const upload = config.statusUpload;
  if (!upload) return;
  const name = `${safeKioskName(status.kiosk)}.json`;
  if (upload.kind === 'folder') {
    await mkdir(upload.path, { recursive: true });
    await replaceJsonAtomic(nodeFsOps, join(upload.path, name), status);
    return;
  }
  const body = `${JSON.stringify(status, null, 2)}\n`;
  const res = await fetch(`${upload.url.replace(/\/+$/, '')}/${name}`, {
    method: 'PUT',
    body,
    headers: { 'content-type': 'application/json' },
    signal: AbortSignal.timeout(30_000),
  });
  if (!res.ok) throw new Error(`status upload: HTTP ${res.status}`);
}

export type FleetPollerOptions = {
  config: FleetConfig;
  dataDir: string;
  store: PackStore;
  log: Logger;
  /**
   * Called after a pack was installed. Without an activation time it is activated here (and the
   * running kiosk switches at its next idle moment); with one, the hook puts it on the schedule.
   */
  onInstalled: (ref: string, activateAt: Date | null) => Promise<void>;
  now?: () => Date;
  random?: () => number;
};

export type FleetPoller = {
  /** One round now (also what the timer runs). */
  runOnce(): Promise<PullOutcome>;
  stop(): void;
};

export function startFleetPoller(options: FleetPollerOptions): FleetPoller {
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const kiosk = options.config.kioskName ?? hostname();
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<PullOutcome> | undefined;

  const round = async (): Promise<PullOutcome> => {
    const outcome = await pullOnce({
      url: options.config.url,
      rootFile: options.config.rootFile,
      dataDir: options.dataDir,
      channel: options.config.channel,
      store: options.store,
    });
    if (outcome.kind === 'installed') {
      options.log.info('fleet: pack installed', {
        ref: outcome.ref,
        activateAt: outcome.activateAt?.toISOString() ?? null,
      });
      try {
        await options.onInstalled(outcome.ref, outcome.activateAt);
      } catch (error) {
        options.log.error('fleet: activation failed', { ref: outcome.ref, error: String(error) });
      }
    } else if (outcome.kind === 'failed') {
      options.log.warn('fleet: pull failed', {
        stage: outcome.stage,
        error: outcome.error,
        failures: failures + 1,
      });
    }
    failures = outcome.kind === 'failed' ? failures + 1 : 0;
    const state = await options.store.state().catch(() => null);
    const previous = await readStatus(options.dataDir, kiosk, options.config.channel);
    const status = statusAfter(
      { ...previous, kiosk, channel: options.config.channel },
      outcome,
      now(),
      state?.current ?? null,
    );
    await writeStatus(options.dataDir, status).catch((error: unknown) =>
      options.log.warn('fleet: status not written', { error: String(error) }),
    );
    await uploadStatus(options.config, status).catch((error: unknown) =>
      options.log.warn('fleet: status not uploaded', { error: String(error) }),
    );
    return outcome;
  };

  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(
      () => {
        void runOnce().finally(schedule);
      },
      nextPollDelayMs(options.config.pollSeconds, failures, random()),
    );
    timer.unref();
  };

  const runOnce = (): Promise<PullOutcome> => {
    running ??= round().finally(() => {
      running = undefined;
    });
    return running;
  };

  // First round soon after start, not at once: the kiosk shows its pack before it talks to anyone.
  timer = setTimeout(() => void runOnce().finally(schedule), 5_000);
  timer.unref();
  return {
    runOnce,
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
