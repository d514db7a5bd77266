import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, formatLogLine, memoryLogger, nullLogger } from '../../../../electron/node/log/logger';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hall-log-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fixedNow = (): Date => new Date('2025-01-02T03:04:05.000Z');

function captured(): { stream: PassThrough; lines: () => Record<string, unknown>[] } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (c: Buffer) => (text += c.toString()));
  return {
    stream,
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  it('writes one JSON object per line with time, level, msg and data', () => {
    const out = captured();
    const log = createLogger({ stream: out.stream, now: fixedNow });
    log.info('hello', { a: 1 });
    log.warn('careful');
    log.error('broken', { file: 'x' });
    expect(out.lines()).toEqual([
      { time: '2025-01-02T03:04:05.000Z', level: 'info', msg: 'hello', a: 1 },
      { time: '2025-01-02T03:04:05.000Z', level: 'warn', msg: 'careful' },
      { time: '2025-01-02T03:04:05.000Z', level: 'error', msg: 'broken', file: 'x' },
    ]);
  });

  it('filters below the configured level', () => {
    const out = captured();
    const log = createLogger({ stream: out.stream, level: 'warn' });
    log.info('dropped');
    log.warn('kept');
    expect(out.lines().map((l) => l.msg)).toEqual(['kept']);
  });

  it('appends to a file, creating folders, and rotates past maxBytes', async () => {
    const file = path.join(dir, 'nested', 'hall.log');
    const log = createLogger({ file, maxBytes: 400, now: fixedNow });
    for (let i = 0; i < 10; i++) log.info('line', { i });
    log.close();
    const ids = async (f: string): Promise<number[]> =>
      (await readFile(f, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { i: number }).i);
    const current = await ids(file);
    const previous = await ids(`${file}.1`);
    expect((await stat(file)).size).toBeLessThanOrEqual(400);
    expect(current.at(-1)).toBe(9);
    // Consecutive: the rotated file ends right before the current one starts.
    expect(previous.at(-1)).toBe((current[0] ?? 0) - 1);
  });

  it('never throws when the file cannot be written, and says so once on the stream', () => {
    const out = captured();
    const log = createLogger({ file: path.join(dir, 'no\0such', 'x.log'), stream: out.stream });
    expect(() => log.error('still fine')).not.toThrow();
    log.error('again');
    expect(out.lines().map((l) => l.msg)).toEqual(['log file not writable', 'still fine', 'again']);
  });
});

describe('formatLogLine', () => {
  const entry = (data: Record<string, unknown>) => ({ time: 't', level: 'info' as const, msg: 'm', data });
  it('keeps reserved keys from being overwritten', () => {
    expect(JSON.parse(formatLogLine(entry({ msg: 'evil', level: 'x' })))).toEqual({
      time: 't',
      level: 'info',
      msg: 'm',
      'data.msg': 'evil',
      'data.level': 'x',
    });
  });
  it('serialises errors, bigints and cycles', () => {
    const cyclic: Record<string, unknown> = { name: 'c' };
    cyclic.self = cyclic;
    const err = Object.assign(new Error('boom'), { code: 'ENOSPC' });
    const line = JSON.parse(formatLogLine(entry({ err, big: 10n, cyclic }))) as Record<
      string,
      Record<string, unknown>
    >;
    expect(line.err).toMatchObject({ name: 'Error', message: 'boom', code: 'ENOSPC' });
    expect(line.big).toBe('10');
    expect(line.cyclic).toEqual({ name: 'c', self: '[circular]' });
  });
  it('truncates huge lines', () => {
    const line = formatLogLine(entry({ blob: 'x'.repeat(100_000) }));
    expect(line.length).toBeLessThan(20_000);
    expect(JSON.parse(line)).toHaveProperty('truncated');
  });
});

describe('memoryLogger and nullLogger', () => {
  it('records entries and finds them by text', () => {
    const log = memoryLogger();
    log.warn('request refused', { reason: 'dot-segment' });
    log.info('other');
    expect(log.entries).toHaveLength(2);
    expect(log.find('dot-segment')).toHaveLength(1);
    expect(log.find('refused')[0]?.level).toBe('warn');
    log.clear();
    expect(log.entries).toHaveLength(0);
  });
  it('nullLogger accepts everything silently', () => {
    expect(() => nullLogger.error('x', { y: 1 })).not.toThrow();
  });
});
