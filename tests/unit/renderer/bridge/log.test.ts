import { describe, expect, it } from 'vitest';
import { errorData, log, onLog, recentLog } from '../../../../renderer/src/bridge/log';

describe('renderer log', () => {
  it('keeps recent entries and tells listeners, bounded to 200', () => {
    const seen: string[] = [];
    const off = onLog((e) => seen.push(`${e.level}:${e.message}`));
    log.warn('first', { a: 1 });
    for (let i = 0; i < 250; i++) log.info(`n${i}`);
    off();
    log.error('after');
    const entries = recentLog();
    expect(entries).toHaveLength(200);
    expect(entries.at(-1)).toMatchObject({ level: 'error', message: 'after' });
    expect(seen[0]).toBe('warn:first');
    expect(seen).not.toContain('error:after');
  });

  it('errorData turns errors into plain data', () => {
    expect(errorData(new RangeError('bad'))).toMatchObject({ name: 'RangeError', error: 'bad' });
    expect(errorData('text')).toEqual({ error: 'text' });
  });
});
