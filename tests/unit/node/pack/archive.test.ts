import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import yazl from 'yazl';
import { openArchiveBuffer, entryNameProblem, collisionKey } from '../../../../electron/node/pack/archive';
import { defaultSourceLimits, openPackSource, PackProblemError } from '../../../../electron/node/pack/source';
import { hostileCorpus, lyingSizeZip } from '../../../fixtures/hostile/corpus';
import { buildZip } from '../../../fixtures/hostile/zip-writer';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hall-archive-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function refusal(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PackProblemError) return error.problems.map((p) => p.code);
    throw error;
  }
  return [];
}

function yazlZip(files: Record<string, Buffer | string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of Object.entries(files)) zip.addBuffer(Buffer.from(data), name);
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

describe('hostile archive corpus', () => {
  for (const c of hostileCorpus()) {
    it(`refuses: ${c.name} → ${c.code}`, async () => {
      const path = join(dir, `${c.name.replace(/[^a-z0-9]+/gi, '-')}.hallpack`);
      await writeFile(path, c.zip);
      const codes = await refusal(openPackSource(path, c.limits ?? {}));
      expect(codes).toContain(c.code);
      // Every problem is for people: file, rule and both languages filled in.
    });
  }

  it('gives each refusal a file, a rule and messages in both languages', async () => {
    for (const c of hostileCorpus()) {
      try {
        await openArchiveBuffer(c.zip, 'x.hallpack', { ...defaultSourceLimits, ...c.limits });
        expect.unreachable(c.name);
      } catch (error) {
        expect(error).toBeInstanceOf(PackProblemError);
        for (const p of (error as PackProblemError).problems) {
          expect(p.file.length).toBeGreaterThan(0);
          expect(p.rule.length).toBeGreaterThan(0);
          expect(p.message.en.length).toBeGreaterThan(10);
          expect(p.message['zh-Hans']).toMatch(/[\u4e00-\u9fff]/);
          expect(p.severity).toBe('error');
        }
      }
    }
  });

  it('never writes anything while judging', async () => {
    const before = await readdir(dir);
    for (const c of hostileCorpus()) {
      await refusal(openArchiveBuffer(c.zip, 'x.hallpack', { ...defaultSourceLimits, ...c.limits }));
    }
    expect(await readdir(dir)).toEqual(before);
  });

  it('stops a stream that inflates past its declared size', async () => {
    const { zip, path } = lyingSizeZip();
    const source = await openArchiveBuffer(zip, 'liar.hallpack', defaultSourceLimits);
    const codes = await refusal(source.readFile(path));
    expect(codes).toEqual(['archive.corrupt']);
    await source.close();
  });

  it('refuses an end record that promises more entries than the directory holds', async () => {
    const zip = buildZip([{ name: 'pack.json', data: Buffer.from('{}') }], { entryCountOverride: 500 });
    expect(await refusal(openArchiveBuffer(zip, 'x', defaultSourceLimits))).toEqual(['archive.corrupt']);
  });
});

describe('well-formed archives', () => {
  it('lists files (not folders), sorted, with sizes, and reads them', async () => {
    const zip = await yazlZip({
      'pack.json': '{"a":1}',
      'media/b.txt': 'bee',
      'media/a.txt': 'a'.repeat(70_000),
      'data/中文.json': '[]',
    });
    const path = join(dir, 'good.hallpack');
    await writeFile(path, zip);
    const source = await openPackSource(path);
    expect(source.kind).toBe('archive');
    expect(source.entries).toEqual([
      { path: 'data/中文.json', size: 2 },
      { path: 'media/a.txt', size: 70_000 },
      { path: 'media/b.txt', size: 3 },
      { path: 'pack.json', size: 7 },
    ]);
    expect((await source.readFile('media/b.txt')).toString()).toBe('bee');
    expect((await source.readFile('data/中文.json')).toString()).toBe('[]');
    const chunks: Buffer[] = [];
    for await (const c of source.openStream('media/a.txt')) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).length).toBe(70_000);
    expect(await refusal(source.readFile('media/a.txt', 1000))).toEqual(['archive.too-large']);
    expect(await refusal(source.readFile('nope.txt'))).toEqual(['files.missing']);
    await source.close();
  });

  it('accepts explicit folder entries and ordinary compression ratios', async () => {
    const text = Buffer.from(
      Array.from({ length: 40_000 }, (_, i) => `{"id":"p${i}","n":${(i * 7919) % 1000}}`).join(','),
    );
    const zip = new yazl.ZipFile();
    zip.addEmptyDirectory('media');
    zip.addBuffer(text, 'media/data.json');
    zip.addBuffer(Buffer.from('{}'), 'pack.json');
    zip.end();
    const chunks: Buffer[] = [];
    for await (const c of zip.outputStream) chunks.push(c as Buffer);
    const source = await openArchiveBuffer(Buffer.concat(chunks), 'ok.hallpack', defaultSourceLimits);
    expect(source.entries.map((e) => e.path)).toEqual(['media/data.json', 'pack.json']);
    expect((await source.readFile('media/data.json')).equals(text)).toBe(true);
    await source.close();
  });
});

describe('entry names', () => {
  it('accepts ordinary relative pack paths', () => {
    for (const ok of ['pack.json', 'media/a.png', 'media/中文名.webm', 'a-b_c.d/e.f', 'tiles/1/2/3.png']) {
      expect(entryNameProblem(ok, 240)).toBeNull();
    }
  });
  it('folds case and Unicode form for collisions', () => {
    expect(collisionKey('Media/CAFE\u0301.png')).toBe(collisionKey('media/caf\u00e9.PNG'));
  });
});

describe('fuzzing: any bytes are accepted or refused with a problem, never a crash', () => {
  const limits = { ...defaultSourceLimits, maxReadFileBytes: 1 << 20 };

  const consume = async (bytes: Uint8Array): Promise<void> => {
    try {
      const source = await openArchiveBuffer(Buffer.from(bytes), 'fuzz.hallpack', limits);
      try {
        for (const e of source.entries.slice(0, 8)) {
          try {
            await source.readFile(e.path);
          } catch (error) {
            expect(error).toBeInstanceOf(PackProblemError);
          }
        }
      } finally {
        await source.close();
      }
    } catch (error) {
      expect(error).toBeInstanceOf(PackProblemError);
      expect((error as PackProblemError).problems.length).toBeGreaterThan(0);
    }
  };

  it('random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
        await consume(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it('mutated valid archives', async () => {
    const base = await yazlZip({
      'pack.json': '{"format":"hallpack/1"}',
      'media/a.txt': 'hello hello hello hello',
      'media/b.bin': Buffer.alloc(3000, 1),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.option(fc.nat({ max: base.length }), { nil: undefined }),
        async (mutations, cut) => {
          const bytes = Buffer.from(base);
          for (const [at, value] of mutations) bytes[at] = value;
          await consume(cut === undefined ? bytes : bytes.subarray(0, cut));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('mutated hostile archives', async () => {
    const corpus = hostileCorpus()
      .map((c) => c.zip)
      .filter((z) => z.length > 0 && z.length < 100_000);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...corpus),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        async (zip, mutations) => {
          const bytes = Buffer.from(zip);
          for (const [at, value] of mutations) bytes[at % bytes.length] = value;
          await consume(bytes);
        },
      ),
      { numRuns: 300 },
    );
  });
});
