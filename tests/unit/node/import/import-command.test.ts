import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importCommand } from '../../../../electron/node/cli/import-command';

const fixtures = resolve(import.meta.dirname, '../../../fixtures/timelinejs');
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await importCommand(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('hallpack import', () => {
  it('prints usage and exits 2 on bad arguments', async () => {
    expect((await run(['timelinejs'])).code).toBe(2);
    expect((await run(['csv', 'x.csv', '--into', 'p'])).err).toMatch(/only "timelinejs"/);
    expect((await run(['timelinejs', 'a.json'])).err).toMatch(/--into <pack-dir> is required/);
    expect((await run(['timelinejs', 'a.json', '--into'])).err).toMatch(/--into needs a value/);
    expect((await run(['timelinejs', 'a.json', '--into', 'p', '--frobnicate'])).err).toMatch(
      /unknown option/,
    );
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/Usage: hallpack import timelinejs/);
  });

  it('imports, reporting notices as where: code: message and the missing media', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tljs-cli-'));
    dirs.push(dir);
    const pack = join(dir, 'pack');
    const r = await run([
      'import',
      'timelinejs',
      join(fixtures, 'basic.json'),
      '--into',
      pack,
      '--lang=en',
      '--id',
      'spark',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Imported timeline "spark": 5 events, 2 eras, 2 media files/);
    expect(r.err).toMatch(/warning: events\[2\]\.media\.url: remote-media: https:\/\/www\.youtube\.com/);
    expect(r.err).toMatch(/1 media missing/);
    const manifest = JSON.parse(await readFile(join(pack, 'pack.json'), 'utf8')) as {
      timelines: { id: string }[];
    };
    expect(manifest.timelines[0]?.id).toBe('spark');

    const again = await run([
      'timelinejs',
      join(fixtures, 'basic.json'),
      '--into',
      pack,
      '--id',
      'spark',
      '--json',
    ]);
    expect(again.code).toBe(1);
    const parsed = JSON.parse(again.out) as { ok: boolean };
    expect(parsed.ok).toBe(false);
  });

  it('exits 1 for a file that is not TimelineJS', async () => {
    const r = await run([
      'timelinejs',
      join(fixtures, 'media/red-boat.jpg'),
      '--into',
      join(tmpdir(), 'never-written'),
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/invalid-json/);
    expect(r.err).toMatch(/Nothing was written/);
  });
});
