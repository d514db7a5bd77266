import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commands, main } from '../../../../electron/node/cli/main';
import { idFromFolder } from '../../../../electron/node/cli/init-command';
import { runLint } from '../../../../electron/node/cli/pack-commands';
import { buildPack } from '../../../../electron/node/pack/build';
import { packManifestSchema } from '../../../../electron/shared/pack-schema';

const work = await mkdtemp(join(tmpdir(), 'hallpack-init-'));
afterAll(() => rm(work, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

describe('hallpack init', () => {
  for (const template of ['minimal', 'museum'] as const) {
    it(`${template}: writes a working folder that builds and lints with no problem at all`, async () => {
      const folder = join(work, `new-${template}`);
      const c = capture();
      expect(await main(['init', folder, '--template', template], c.io)).toBe(0);
      const authored = JSON.parse(await readFile(join(folder, 'pack.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      expect(authored.files).toBeUndefined(); // a working folder: build computes the index
      expect(authored.id).toBe(`new-${template}`);
      const built = await buildPack({
        sourceDir: folder,
        outDir: join(work, `built-${template}`),
        preflight: runLint,
        failOnWarnings: true,
      });
      expect(built.ok ? built.problems : built.problems).toEqual([]);
      expect(await readFile(join(folder, 'README.md'), 'utf8')).toContain('Where to go next');
    });
  }

  it('museum: has one medium of each kind, both languages and a timeline in chapters', async () => {
    const folder = join(work, 'kinds');
    expect(await main(['init', folder], capture().io)).toBe(0);
    const m = packManifestSchema.parse({
      ...(JSON.parse(await readFile(join(folder, 'pack.json'), 'utf8')) as object),
      files: {},
    });
    expect(new Set(Object.values(m.media).map((x) => x.kind))).toEqual(
      new Set(['image', 'video', 'audio', 'model', 'tiles', 'geojson']),
    );
    expect(m.languages).toEqual(['zh-Hans', 'en']);
    expect(m.places.length).toBeGreaterThanOrEqual(3);
    expect(m.timelines[0]?.eras.length).toBe(2);
  });

  it('refuses a folder that is not empty, and an unknown template, writing nothing', async () => {
    const folder = join(work, 'busy');
    await rm(folder, { recursive: true, force: true });
    await main(['init', folder, '-t', 'minimal'], capture().io);
    await writeFile(join(folder, 'mine.txt'), 'keep');
    const c = capture();
    expect(await main(['init', folder], c.io)).toBe(2);
    expect(c.err.join('\n')).toContain('not empty');
    const c2 = capture();
    expect(await main(['init', join(work, 'other'), '--template', 'gallery'], c2.io)).toBe(2);
    expect(c2.err.join('\n')).toContain('minimal or museum');
    expect(await readdir(work)).not.toContain('other');
  });

  it('derives a pack id from the folder name', () => {
    expect(idFromFolder('/x/My Hall 2')).toBe('my-hall-2');
    expect(idFromFolder('/x/红色足迹')).toBe('my-exhibition');
  });

  it('its next steps and the README name the authoring commands, and only commands that exist', async () => {
    const folder = join(work, 'next');
    const c = capture();
    expect(await main(['init', folder], c.io)).toBe(0);
    const zh = capture();
    expect(await main(['init', join(work, 'next-zh'), '--lang', 'zh-Hans'], zh.io)).toBe(0);
    const readme = await readFile(join(folder, 'README.md'), 'utf8');
    for (const text of [c.out.join('\n'), zh.out.join('\n'), readme]) {
      const named = [...text.matchAll(/(?<![.\w])hallpack ([a-z][a-z-]*)/g)].map((m) => m[1] ?? '');
      for (const n of named) expect(Object.keys(commands), `hallpack ${n}`).toContain(n);
      for (const n of ['preview', 'sheet', 'lint', 'build']) expect(named).toContain(n);
    }
    for (const n of ['strings', 'keygen', 'install']) expect(readme).toContain(`hallpack ${n}`);
  });
});
