import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDailyLog } from '../../../../electron/node/analytics/daily-log';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hall-daily-log-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const at = (day: number, hour = 12) => new Date(2026, 2, day, hour);
const all = { from: '0000-00-00', to: '9999-99-99' };
const asRecord = (v: unknown) =>
  typeof v === 'object' && v !== null && 'n' in v ? (v as { n: number }) : null;

async function readAll(log: ReturnType<typeof createDailyLog>) {
  const records: { n: number }[] = [];
  const { skipped } = await log.read(all, asRecord, (r) => records.push(r));
  return { records: records.map((r) => r.n), skipped };
}

describe('daily JSON-lines log', () => {
  it('writes one file per local day and reads them back in order', async () => {
    let now = at(1, 23);
    const log = createDailyLog({ dir, prefix: 'events', maxBytes: () => 1e6, now: () => now });
    expect(await log.append([{ n: 1 }, { n: 2 }])).toEqual({ written: 2, dropped: 0 });
    now = at(2, 0);
    await log.append([{ n: 3 }]);
    expect((await readdir(dir)).sort()).toEqual(['events-2026-03-01.jsonl', 'events-2026-03-02.jsonl']);
    expect(await readFile(path.join(dir, 'events-2026-03-01.jsonl'), 'utf8')).toBe('{"n":1}\n{"n":2}\n');
    expect(await readAll(log)).toEqual({ records: [1, 2, 3], skipped: 0 });
    const second: number[] = [];
    await log.read({ from: '2026-03-02', to: '2026-03-02' }, asRecord, (r) => second.push(r.n));
    expect(second).toEqual([3]);
  });

  it('drops the oldest days to stay within its bound, never today', async () => {
    let now = at(1);
    const log = createDailyLog({ dir, prefix: 'events', maxBytes: () => 40, now: () => now });
    await log.append([{ n: 1 }, { n: 2 }]); // 16 bytes
    now = at(2);
    await log.append([{ n: 3 }, { n: 4 }]);
    now = at(3);
    await log.append([{ n: 5 }, { n: 6 }]); // 48 > 40: day 1 goes
    expect((await log.files()).map((f) => f.day)).toEqual(['2026-03-02', '2026-03-03']);
    expect((await readAll(log)).records).toEqual([3, 4, 5, 6]);
    expect((await log.files()).reduce((s, f) => s + f.bytes, 0)).toBeLessThanOrEqual(40);
  });

  it('drops a batch (and says so) when today alone is at the bound', async () => {
    const log = createDailyLog({ dir, prefix: 'events', maxBytes: () => 20, now: () => at(1) });
    expect(await log.append([{ n: 1 }, { n: 2 }])).toEqual({ written: 2, dropped: 0 });
    expect(await log.append([{ n: 3 }])).toEqual({ written: 0, dropped: 1 });
    expect((await readAll(log)).records).toEqual([1, 2]);
  });

  it('skips a torn last line when reading, and the next append starts a new line', async () => {
    const log = createDailyLog({ dir, prefix: 'events', maxBytes: () => 1e6, now: () => at(1) });
    await log.append([{ n: 1 }]);
    const file = path.join(dir, 'events-2026-03-01.jsonl');
    await writeFile(file, `${await readFile(file, 'utf8')}{"n":2,"x`);
    expect(await readAll(log)).toEqual({ records: [1], skipped: 1 });
    await log.append([{ n: 3 }]);
    expect(await readFile(file, 'utf8')).toBe('{"n":1}\n{"n":2,"x\n{"n":3}\n');
    expect(await readAll(log)).toEqual({ records: [1, 3], skipped: 1 });
  });

  it('counts records the parser refuses as skipped, and keeps parallel appends whole', async () => {
    const log = createDailyLog({ dir, prefix: 'events', maxBytes: () => 1e6, now: () => at(1) });
    await Promise.all(Array.from({ length: 20 }, (_, i) => log.append([{ n: i }, { other: true }])));
    const { records, skipped } = await readAll(log);
    expect(records.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(skipped).toBe(20);
  });

  it('never throws on a folder it cannot write: the batch counts as dropped', async () => {
    const blocker = path.join(dir, 'file');
    await writeFile(blocker, 'x');
    const log = createDailyLog({ dir: path.join(blocker, 'sub'), prefix: 'events', maxBytes: () => 1e6 });
    expect(await log.append([{ n: 1 }])).toEqual({ written: 0, dropped: 1 });
    expect(await readAll(log)).toEqual({ records: [], skipped: 0 });
  });
});
