/**
 * Pack store figures, measured side by side with a baseline in the same run:
 * - full verification throughput of a generated 1 GB pack (20 × 50 MB) against `sha256sum` of
 *   the same files (goal ≥ 0.8×);
 * - activation time for a 10 MB and a 1 GB pack (goal: equal, under 50 ms);
 * - install time (copy while hashing, fsync, rename) for both.
 * Everything is generated in a temporary folder and deleted afterwards.
 */
import { execFile } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { mkdir, mkdtemp, open, rm, statfs, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fullVerifyPackDir } from '../electron/node/pack/store/verify';
import { createPackStore } from '../electron/node/pack/store';
import {
  generateKeyPair,
  loadPrivateKey,
  loadTrustedKey,
  signManifest,
} from '../electron/node/pack/signature';
import type { PackManifest, PackManifestInput } from '../electron/shared/pack-schema';

type BenchContext = { outDir: string; log: (s: string) => void };
type BenchResult = { title: string; markdown: string; data: unknown };

const MB = 1024 * 1024;
const execFileAsync = promisify(execFile);

/** Writes `count` files of `size` random bytes; returns the files index. */
async function generateFiles(dir: string, count: number, size: number): Promise<PackManifestInput['files']> {
  const files: PackManifestInput['files'] = {};
  const block = Buffer.allocUnsafe(4 * MB);
  await mkdir(join(dir, 'media'), { recursive: true });
  for (let i = 0; i < count; i += 1) {
    const path = `media/clip-${String(i).padStart(2, '0')}.mp4`;
    const handle = await open(join(dir, path), 'w');
    const hash = createHash('sha256');
    try {
      for (let written = 0; written < size; written += block.length) {
        const chunk = block.subarray(0, Math.min(block.length, size - written));
        randomFillSync(chunk);
        hash.update(chunk);
        await handle.write(chunk);
      }
    } finally {
      await handle.close();
    }
    files[path] = { size, sha256: hash.digest('hex') };
  }
  return files;
}

async function writePack(
  dir: string,
  version: string,
  files: PackManifestInput['files'],
  privateKeyPem: string,
): Promise<PackManifest> {
  const manifest: PackManifestInput = {
    format: 'hallpack/1',
    id: 'bench',
    version,
    title: { 'zh-Hans': '基准', en: 'Bench' },
    languages: ['zh-Hans', 'en'],
    defaultLanguage: 'zh-Hans',
    publisher: { 'zh-Hans': '基准', en: 'Bench' },
    created: '2026-01-01',
    files,
  };
  const bytes = Buffer.from(JSON.stringify(manifest, null, 2));
  await writeFile(join(dir, 'pack.json'), bytes);
  const key = loadPrivateKey(privateKeyPem);
  if (!key.ok) throw new Error('bench key');
  await writeFile(join(dir, 'pack.sig'), signManifest(bytes, key.value));
  return manifest as PackManifest;
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export default async function run(ctx: BenchContext): Promise<BenchResult> {
  const title = 'Pack store: verification, activation, install';
  const root = await mkdtemp(join(tmpdir(), 'hall-bench-store-'));
  try {
    const fs = await statfs(root);
    const free = Number(fs.bavail) * Number(fs.bsize);
    const needed = 2.3 * 1024 * MB; // source + installed copy of 1 GB, and 10 MB twice
    if (free < needed + 512 * MB) {
      const note = `skipped: ${(free / 1024 ** 3).toFixed(1)} GB free in ${tmpdir()}, ${(needed / 1024 ** 3).toFixed(1)} GB needed`;
      ctx.log(note);
      return { title, markdown: note, data: { skipped: true, free } };
    }
    const pair = generateKeyPair();
    const trusted = loadTrustedKey(pair.publicKeyPem);
    if (!trusted.ok) throw new Error('bench key');

    ctx.log('generating a 1 GB pack (20 × 50 MB) and a 10 MB pack …');
    const bigDir = join(root, 'big');
    const smallDir = join(root, 'small');
    const bigFiles = await generateFiles(bigDir, 20, 50 * MB);
    const bigManifest = await writePack(bigDir, '2.0.0', bigFiles, pair.privateKeyPem);
    const smallFiles = await generateFiles(smallDir, 2, 5 * MB);
    await writePack(smallDir, '1.0.0', smallFiles, pair.privateKeyPem);
    const bigBytes = Object.values(bigFiles).reduce((s, f) => s + f.size, 0);

    // --- verification throughput vs sha256sum (same files, same run, page cache warm for both) ---
    const paths = Object.keys(bigFiles).map((p) => join(bigDir, p));
    let baseline: number | null = null;
    try {
      await execFileAsync('sha256sum', paths); // warm-up
      const times: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        const start = process.hrtime.bigint();
        await execFileAsync('sha256sum', paths, { maxBuffer: 16 * MB });
        times.push(seconds(start));
      }
      baseline = median(times);
    } catch (error) {
      ctx.log(`sha256sum unavailable: ${String(error)}`);
    }
    const ours: Record<number, number> = {};
    for (const concurrency of [1, 2]) {
      const times: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        const start = process.hrtime.bigint();
        const result = await fullVerifyPackDir(bigDir, bigManifest, { concurrency });
        times.push(seconds(start));
        if (!result.ok) throw new Error(`verification failed: ${JSON.stringify(result.problems)}`);
      }
      ours[concurrency] = median(times);
    }
    const mbps = (s: number) => bigBytes / MB / s;
    ctx.log(
      `verify: ours ${mbps(ours[1]!).toFixed(0)} MB/s (1 file at a time), ${mbps(ours[2]!).toFixed(0)} MB/s (2), sha256sum ${
        baseline ? mbps(baseline).toFixed(0) : '—'
      } MB/s`,
    );

    // --- install and activation ---
    const store = createPackStore({
      dataDir: join(root, 'store'),
      trustedKeys: [trusted.value],
      allowUnsigned: false,
    });
    let start = process.hrtime.bigint();
    const small = await store.install(smallDir);
    const installSmall = seconds(start);
    start = process.hrtime.bigint();
    const big = await store.install(bigDir);
    const installBig = seconds(start);
    if (!small.ok || !big.ok) throw new Error('bench install failed');
    ctx.log(`install: 10 MB ${(installSmall * 1000).toFixed(0)} ms, 1 GB ${installBig.toFixed(2)} s`);

    const activation: Record<string, number[]> = { [small.ref]: [], [big.ref]: [] };
    for (let i = 0; i < 15; i += 1) {
      for (const ref of [small.ref, big.ref]) {
        start = process.hrtime.bigint();
        const result = await store.activate(ref);
        activation[ref]!.push(seconds(start) * 1000);
        if (!result.ok) throw new Error('bench activation failed');
      }
    }
    const actSmall = median(activation[small.ref]!);
    const actBig = median(activation[big.ref]!);
    ctx.log(`activate: 10 MB ${actSmall.toFixed(2)} ms, 1 GB ${actBig.toFixed(2)} ms (median of 15)`);

    const ratio1 = baseline ? baseline / ours[1]! : null;
    const ratio2 = baseline ? baseline / ours[2]! : null;
    const row = (label: string, s: number, r: number | null) =>
      `| ${label} | ${s.toFixed(2)} s | ${mbps(s).toFixed(0)} MB/s | ${r === null ? '—' : `${r.toFixed(2)}×`} |`;
    const markdown = [
      `Generated pack: 20 × 50 MB random files (${(bigBytes / MB).toFixed(0)} MB), signed. Page cache warm for all readers; median of 3.`,
      '',
      '| Full verification of 1 GB | time | throughput | vs sha256sum |',
      '|---|---|---|---|',
      ...(baseline ? [row('`sha256sum` (baseline)', baseline, 1)] : []),
      row('store `verifyFull`, 1 file at a time (default, gentle)', ours[1]!, ratio1),
      row('store `verifyFull`, 2 files at a time', ours[2]!, ratio2),
      '',
      `Goal ≥ 0.8× sha256sum: ${ratio1 === null ? 'no baseline' : ratio1 >= 0.8 ? `met (${ratio1.toFixed(2)}×)` : `NOT met (${ratio1.toFixed(2)}×)`}.`,
      '',
      '| Pack | install (copy + hash + fsync + rename) | activation (median of 15) |',
      '|---|---|---|',
      `| 10 MB | ${(installSmall * 1000).toFixed(0)} ms | ${actSmall.toFixed(2)} ms |`,
      `| 1 GB | ${installBig.toFixed(2)} s (${(bigBytes / MB / installBig).toFixed(0)} MB/s) | ${actBig.toFixed(2)} ms |`,
      '',
      `Activation goal (equal for both sizes, under 50 ms): ${
        Math.max(actSmall, actBig) < 50 && Math.abs(actSmall - actBig) < 10 ? 'met' : 'NOT met'
      }. Activation rewrites only active.json (tmp, fsync, rename, fsync dir), so pack size does not enter.`,
    ].join('\n');
    return {
      title,
      markdown,
      data: {
        bytes: bigBytes,
        verifySeconds: { sha256sum: baseline, ours1: ours[1], ours2: ours[2] },
        ratioVsSha256sum: { concurrency1: ratio1, concurrency2: ratio2 },
        installSeconds: { small: installSmall, big: installBig },
        activationMs: { small: actSmall, big: actBig, samples: activation },
      },
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
