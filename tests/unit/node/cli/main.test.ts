import { execFile } from 'node:child_process';
import { cp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/node/cli/main';
import { richFiles, richManifest, tempDir, writePackFolder } from '../../shared/manifest-fixture';

const root = join(import.meta.dirname, '..', '..', '..', '..');

type Run = { code: number; out: string; err: string };
async function run(...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const json = (r: Run) => JSON.parse(r.out) as Record<string, unknown> & { problems: { code: string }[] };

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
async function dir(): Promise<string> {
  const d = await tempDir();
  dirs.push(d);
  return d;
}
/** An author's folder without "files" in pack.json. */
async function author(mutate: (m: Record<string, unknown>) => void = () => undefined): Promise<string> {
  const d = await dir();
  const m = richManifest() as Record<string, unknown>;
  delete m['files'];
  mutate(m);
  await writePackFolder(d, m, richFiles());
  return d;
}

let keys: { priv: string; pub: string; other: string };
let keyDir = '';
afterAll(async () => {
  if (keyDir) await rm(keyDir, { recursive: true, force: true });
});
beforeAll(async () => {
  const d = await tempDir('hallpack-keys-');
  keyDir = d;
  expect((await run('keygen', '-o', join(d, 'k'))).code).toBe(0);
  expect((await run('keygen', '-o', join(d, 'other'))).code).toBe(0);
  keys = { priv: join(d, 'k.key.pem'), pub: join(d, 'k.pub.pem'), other: join(d, 'other.pub.pem') };
});

describe('hallpack', () => {
  it('prints help, and usage errors exit 2', async () => {
    expect((await run('--help')).code).toBe(0);
    expect((await run('--help')).out).toContain('validate');
    expect((await run()).code).toBe(2);
    const unknown = await run('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command "frobnicate"');
    expect((await run('validate')).code).toBe(2);
    expect((await run('validate', 'a', 'b')).code).toBe(2);
    expect((await run('validate', 'x', '--nope')).err).toContain('unknown option --nope');
    expect((await run('validate', 'x', '--lang', 'fr')).code).toBe(2);
    const help = await run('validate', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('--trust');
    expect((await run('help', 'build')).out).toContain('--out-dir');
    expect(json(await run('build', 'x', '--json')).usage).toContain('say where to write');
  });

  it('keygen writes a 0600 private key and refuses to overwrite', async () => {
    const mode = (await stat(keys.priv)).mode & 0o777;
    expect(mode).toBe(0o600);
    expect(await readFile(keys.pub, 'utf8')).toMatch(/BEGIN PUBLIC KEY/);
    const again = await run('keygen', '-o', keys.priv.replace(/\.key\.pem$/, ''));
    expect(again.code).toBe(2);
    expect(again.err).toContain('--force');
    const d = await dir();
    const r = json(await run('keygen', '-o', join(d, 'j'), '--json'));
    expect(r['keyId']).toMatch(/^[0-9a-f]{16}$/);
  });

  it('builds, signs, validates with --trust, and inspects a .hallpack', async () => {
    const src = await author();
    const out = join(await dir(), 'x.hallpack');
    const built = await run('build', src, '-o', out, '--key', keys.priv);
    expect(built.code, built.out + built.err).toBe(0);
    expect(built.out).toBe(out);

    const ok = await run('validate', out, '--trust', keys.pub);
    expect(ok.code).toBe(0);
    expect(ok.out).toBe('');
    expect(ok.err).toMatch(/✓ test-rich 2\.1\.0: 0 errors, 0 warnings; signed, key [0-9a-f]{16}, verified/);

    const wrongKey = await run('validate', out, '--trust', keys.other);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.out).toMatch(/^pack\.sig: sig\.untrusted-key: /);

    // Without --trust, the trust list of the data folder: an empty one trusts nothing.
    const data = await dir();
    const info = await run('inspect', out, '--json', '--data-dir', data);
    expect(info.code).toBe(1);
    const parsed = json(info) as unknown as {
      info: { id: string; counts: { places: number }; fileCount: number };
      signature: { status: string; keyId: string };
    };
    expect(parsed.info).toMatchObject({ id: 'test-rich', counts: { places: 2 }, fileCount: 8 });
    expect(parsed.signature.status).toBe('untrusted');
    const human = await run('inspect', out, '--lang', 'zh-Hans', '--data-dir', data);
    expect(human.out).toMatch(/^id: +test-rich$/m);
    expect(human.out).toContain('title zh-Hans:');
    expect(human.out).toContain(`使用密钥 ${parsed.signature.keyId} 签名，该密钥不受信任`);
    expect(human.out).toContain('hallpack trust add');

    expect((await run('trust', 'add', keys.pub, '--name', 'author', '--data-dir', data)).code).toBe(0);
    const trusted = await run('inspect', out, '--data-dir', data);
    expect(trusted.code).toBe(0);
    expect(trusted.out).toMatch(/^signature: +signed, key [0-9a-f]{16}, verified$/m);
  });

  it('a built pack is checked against the trust list by default: broken or missing signatures exit 1', async () => {
    const src = await author();
    const built = join(await dir(), 'b');
    expect((await run('build', src, '--out-dir', built, '--key', keys.priv)).code).toBe(0);
    const data = await dir();
    expect((await run('trust', 'add', keys.pub, '--data-dir', data)).code).toBe(0);
    expect((await run('validate', built, '--data-dir', data)).code).toBe(0);

    // pack.json edited after signing: the signature is checked without being asked for.
    const manifest = await readFile(join(built, 'pack.json'), 'utf8');
    await writeFile(join(built, 'pack.json'), manifest.replace('"2.1.0"', '"2.1.1"'));
    const edited = await run('validate', built, '--data-dir', data);
    expect(edited.code).toBe(1);
    expect(edited.out).toMatch(/^pack\.sig: sig\.invalid: /m);
    expect(edited.err).toContain('signature INVALID');

    // No pack.sig at all on a built pack.
    await rm(join(built, 'pack.sig'));
    const unsigned = await run('validate', built, '--data-dir', data);
    expect(unsigned.code).toBe(1);
    expect(unsigned.out).toMatch(/^pack\.sig: sig\.missing: /m);

    // Only an unbuilt working folder may be unsigned, and the output says so.
    const working = await run('validate', src, '--data-dir', data);
    expect(working.code, working.out).toBe(0);
    expect(working.err).toContain('unsigned working folder (not built)');
  });

  it('validate refuses a built pack without a signature, with or without --trust', async () => {
    const src = await author();
    const built = join(await dir(), 'b');
    expect((await run('build', src, '--out-dir', built)).code).toBe(0);
    const loose = await run('validate', built);
    expect(loose.code).toBe(1);
    expect(loose.out).toMatch(/^pack\.sig: sig\.missing: /);
    const strict = json(await run('validate', built, '--trust', keys.pub, '--json'));
    expect(strict['ok']).toBe(false);
    expect(strict.problems.map((p) => p.code)).toEqual(['sig.missing']);
  });

  it('validate finds modified, missing and unlisted files and a tampered manifest', async () => {
    const src = await author();
    const built = join(await dir(), 'b');
    expect((await run('build', src, '--out-dir', built, '--key', keys.priv)).code).toBe(0);
    await writeFile(join(built, 'media', 'narration.en.ogg'), 'OggS fake EN');
    await rm(join(built, 'map', 'height.png'));
    await writeFile(join(built, 'stray.txt'), 'x');
    const r = json(await run('validate', built, '--trust', keys.pub, '--json'));
    expect(r.problems.map((p) => p.code).sort()).toEqual([
      'files.hash-mismatch',
      'files.missing',
      'files.unlisted',
    ]);

    const manifest = await readFile(join(built, 'pack.json'), 'utf8');
    await writeFile(join(built, 'pack.json'), manifest.replace('"2.1.0"', '"9.1.0"'));
    const tampered = await run('validate', built, '--trust', keys.pub);
    expect(tampered.code).toBe(1);
    expect(tampered.out).toContain('pack.sig: sig.invalid:');
  });

  it('prints problems in zh-Hans on request', async () => {
    const src = await author((m) => ((m['places'] as { category: string }[])[0]!.category = 'none'));
    const r = await run('build', src, '-o', join(await dir(), 'x.hallpack'), '--lang', 'zh-Hans');
    expect(r.code).toBe(1);
    expect(r.out).toBe(
      'pack.json: ref.category-missing: places[0].category: 分类 "none" 不存在。请在 "categories" 中添加它，或修正 id。',
    );
    expect(r.err).toContain('未写入任何文件');
  });

  it('signs a folder and a .hallpack in place', async () => {
    const src = await author();
    const folder = join(await dir(), 'f');
    expect((await run('build', src, '--out-dir', folder)).code).toBe(0);
    expect((await run('sign', folder, '--key', keys.priv)).code).toBe(0);
    expect((await run('validate', folder, '--trust', keys.pub)).code).toBe(0);

    const zip = join(await dir(), 'z.hallpack');
    expect((await run('build', src, '-o', zip)).code).toBe(0);
    const signed = json(await run('sign', zip, '--key', keys.priv, '--json'));
    expect(signed['ok']).toBe(true);
    expect((await run('validate', zip, '--trust', keys.pub)).code).toBe(0);
    // Re-signing an already signed pack replaces the signature.
    expect((await run('sign', zip, '--key', keys.priv)).code).toBe(0);
    expect((await run('validate', zip, '--trust', keys.pub)).code).toBe(0);
  });

  it('refuses to sign a broken pack, or without a key', async () => {
    const src = await author();
    const folder = join(await dir(), 'f');
    expect((await run('build', src, '--out-dir', folder)).code).toBe(0);
    await rm(join(folder, 'media', 'cover.png'));
    const r = await run('sign', folder, '--key', keys.priv);
    expect(r.code).toBe(1);
    await expect(stat(join(folder, 'pack.sig'))).rejects.toThrow();
    expect((await run('sign', folder)).code).toBe(2);
    const badKey = await run('sign', folder, '--key', keys.pub);
    expect(badKey.code).toBe(1);
    expect(badKey.out).toContain('sig.bad-key');
  });

  it('reports a corrupt archive and a missing path as problems', async () => {
    const d = await dir();
    await writeFile(join(d, 'bad.hallpack'), 'not a zip');
    const bad = json(await run('validate', join(d, 'bad.hallpack'), '--json'));
    expect(bad['ok']).toBe(false);
    expect(bad.problems.length).toBeGreaterThan(0);
    expect((await run('validate', join(d, 'nothing-here'))).code).toBe(1);
  });

  it('lint runs the pre-flight checks on top of validate', async () => {
    const src = await author();
    const folder = join(await dir(), 'f');
    expect((await run('build', src, '--out-dir', folder, '--key', keys.priv)).code).toBe(0);
    const r = json(await run('lint', folder, '--trust', keys.pub, '--json'));
    // The fixture's audio is fake bytes: the lint must say so (validate does not look inside files).
    expect(r.problems.some((p) => p.code.startsWith('lint.'))).toBe(true);
    expect(json(await run('validate', folder, '--trust', keys.pub, '--json')).problems).toEqual([]);
  });

  it('prints the JSON Schema', async () => {
    const r = await run('schema');
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.out) as { title: string };
    expect(schema.title).toContain('hallpack/1');
  });

  it('validates the minimal fixture pack through the launcher (npm run hallpack)', async () => {
    const fixture = join(root, 'tests', 'fixtures', 'packs', 'minimal');
    const copy = join(await dir(), 'minimal');
    await cp(fixture, copy, { recursive: true });
    expect((await run('sign', copy, '--key', keys.priv)).code).toBe(0);
    const data = await dir();
    expect((await run('trust', 'add', keys.pub, '--data-dir', data)).code).toBe(0);
    // The kiosk's data folder from the environment, as on a kiosk.
    const r = await promisify(execFile)(
      process.execPath,
      [join(root, 'bin', 'hallpack.mjs'), 'validate', copy, '--json'],
      { cwd: root, env: { ...process.env, HALL_DATA_DIR: data } },
    );
    const parsed = JSON.parse(r.stdout) as { ok: boolean; pack: { id: string } };
    expect(parsed.ok).toBe(true);
    expect(parsed.pack.id).toBe('minimal');
  });
});
