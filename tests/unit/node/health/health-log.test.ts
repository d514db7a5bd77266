import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createHealthLog,
  createVitalsHandler,
  withHealth,
} from '../../../../electron/node/health/health-log';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hall-health-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const settle = async (health: ReturnType<typeof createHealthLog>) => {
  await health.daily.append([]);
  await new Promise((r) => setTimeout(r, 20));
};

describe('health log', () => {
  it('routes fleet, schedule and pack lines of the kiosk log, and keeps the rest out', async () => {
    const health = createHealthLog({ dataDir });
    const base = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const log = withHealth(base, health);
    log.warn('fleet: pull failed', { error: new Error('ECONNREFUSED'), retryInSeconds: 600 });
    log.info('schedule started', { id: 'ab12', ref: 'memorial@2.0.0' });
    log.info('hall server listening', { url: 'http://127.0.0.1:1/' });
    await settle(health);
    expect(base.warn).toHaveBeenCalledWith('fleet: pull failed', expect.anything());
    const { records } = await health.recent(1, 100);
    expect(records).toMatchObject([
      { kind: 'fleet', msg: 'fleet: pull failed', level: 'warn', error: 'ECONNREFUSED', retryInSeconds: 600 },
      { kind: 'schedule', msg: 'schedule started', ref: 'memorial@2.0.0' },
    ]);
  });

  it('answers vitals, logs the samples and remembers the last nightly restart across a restart', async () => {
    const health = createHealthLog({ dataDir });
    let now = new Date(2026, 2, 1, 3, 35);
    const config = () => ({ nightlyRestart: '03:30' });
    const onNightly = vi.fn();
    const handler = createVitalsHandler({ dataDir, config, health, now: () => now, onNightly });
    const report = { fps: 60, heapUsedBytes: null, idle: true, hours: 'closed' as const };
    expect(await handler(report)).toEqual({ reload: true, reason: 'nightly' });
    await settle(health);
    const saved = JSON.parse(await readFile(path.join(dataDir, 'health', 'watch.json'), 'utf8')) as {
      lastNightlyAt: number;
    };
    expect(saved.lastNightlyAt).toBe(now.getTime());
    // The process restarts: a new handler reads what was done.
    now = new Date(2026, 2, 1, 3, 40);
    const again = createVitalsHandler({ dataDir, config, health, now: () => now });
    expect(await again(report)).toEqual({ reload: false, reason: null });
    await settle(health);
    const kinds = (await health.recent(1, 100)).records.map((r) => r.kind);
    expect(kinds).toEqual(['sample', 'nightly-restart', 'nightly-restart', 'sample']);
  });
});
