/**
 * TimelineJS import loses nothing silently: events the pack cannot show fail the import by name
 * unless --skip-unsupported, which lists them; eras that share a boundary year do not overlap;
 * TimelineJS's spreadsheet template (CSV) imports like its JSON.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/node/cli/main';
import { convertTimelineJs } from '../../../../electron/node/import/timelinejs';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'timelinejs');
const work = await mkdtemp(join(tmpdir(), 'hallpack-tljs-'));
afterAll(() => rm(work, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

describe('TimelineJS import, nothing lost silently', () => {
  it('cosmo: fails naming each of the 5 events beyond ±999,999 and writes nothing', async () => {
    const folder = join(work, 'cosmo-fail');
    expect(await main(['init', folder, '-t', 'minimal'], capture().io)).toBe(0);
    const before = await readFile(join(folder, 'pack.json'), 'utf8');
    const c = capture();
    const code = await main(['import', 'timelinejs', join(fixtures, 'cosmo.json'), '--into', folder], c.io);
    expect(code).toBe(1);
    const text = c.err.join('\n');
    expect(text).toContain('5 event(s) cannot be shown');
    for (const h of ['The Big Bang', 'Recombination', 'First stars', 'The Sun forms', 'Life on Earth'])
      expect(text).toContain(`"${h}"`);
    expect(text).toContain('--skip-unsupported');
    expect(await readFile(join(folder, 'pack.json'), 'utf8')).toBe(before);
  });

  it('cosmo with --skip-unsupported: imports the 2 representable events and lists the 5 skipped', async () => {
    const folder = join(work, 'cosmo-skip');
    expect(await main(['init', folder, '-t', 'minimal'], capture().io)).toBe(0);
    const c = capture();
    const code = await main(
      ['import', 'timelinejs', join(fixtures, 'cosmo.json'), '--into', folder, '--skip-unsupported'],
      c.io,
    );
    expect(code).toBe(0);
    expect(c.err.join('\n')).toContain('Skipped 5 event(s)');
    const m = JSON.parse(await readFile(join(folder, 'pack.json'), 'utf8')) as {
      timelines: Array<{ id: string; events: Array<{ date: string }> }>;
      files?: unknown;
    };
    const imported = m.timelines.find((t) => t.id !== 'history');
    expect(imported?.events.map((e) => e.date).sort()).toEqual(['-12000', '-300000']);
    // The working folder stays a working folder: build computes the files index.
    expect(m.files).toBeUndefined();
  });

  it('eras sharing a boundary year are not reported as overlapping; real overlaps are', () => {
    const doc = (secondFrom: string) => ({
      events: [{ start_date: { year: 1930 }, text: { headline: 'x' } }],
      eras: [
        { start_date: { year: 1921 }, end_date: { year: 1949 }, text: { headline: 'A' } },
        { start_date: { year: secondFrom }, end_date: { year: 1978 }, text: { headline: 'B' } },
      ],
    });
    const codes = (from: string) =>
      convertTimelineJs(doc(from), { language: 'en', baseDir: work }).notices.map((n) => n.code);
    expect(codes('1949')).not.toContain('overlapping-eras');
    expect(codes('1940')).toContain('overlapping-eras');
  });

  it("imports TimelineJS's spreadsheet template saved as CSV: title, eras, every event", async () => {
    const folder = join(work, 'csv');
    expect(await main(['init', folder, '-t', 'minimal'], capture().io)).toBe(0);
    const c = capture();
    const code = await main(
      ['import', 'timelinejs', join(fixtures, 'sheet-template.csv'), '--into', folder, '--id', 'century'],
      c.io,
    );
    expect(code, c.err.join('\n')).toBe(0);
    const m = JSON.parse(await readFile(join(folder, 'pack.json'), 'utf8')) as {
      timelines: Array<{
        id: string;
        title: Record<string, string>;
        eras: Array<{ from: string; to?: string }>;
        events: Array<{
          date: string;
          end?: string;
          title: Record<string, string>;
          text?: Record<string, string>;
        }>;
      }>;
    };
    const t = m.timelines.find((x) => x.id === 'century');
    expect(t?.title['zh-Hans'] ?? t?.title.en).toBe('A century of the Party');
    expect(t?.eras.map((e) => `${e.from}-${e.to ?? ''}`)).toEqual(['1921-1949', '1949-1978']);
    expect(t?.events.map((e) => e.date)).toEqual(['1921-07-23', '1935-01-15', '1949-10-01']);
    expect(t?.events[0]?.end).toBe('1921-08-03');
    expect(JSON.stringify(t?.events[0]?.text)).toContain('*South Lake*');
    expect(c.err.join('\n')).not.toContain('overlapping-eras');
  });

  it('a CSV that does not parse is a clear error', async () => {
    const bad = join(work, 'bad.csv');
    await writeFile(bad, 'Year,Headline\n"1921,unclosed\n');
    const c = capture();
    expect(await main(['import', 'timelinejs', bad, '--into', join(work, 'none')], c.io)).toBe(1);
    expect(c.err.join('\n')).toContain('spreadsheet (CSV)');
  });
});
