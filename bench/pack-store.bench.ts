/**
 * Pack store, through its public API (`createPackStore`), beside the real alternatives in the
 * same run, interleaved:
 * - full verification (`store.verifyFull`) vs `openssl dgst -sha256` of the same files and a bare
 *   Node stream hash (goal: ours ≤ 1.1× the bare Node stream hash);
 * - activation of the big pack (goal < 50 ms, and no slower than the small one's + 10 ms).
 * The install itself is measured in install.bench.ts.
 * Quick mode: a 128 MiB pack (8 × 16 MiB); full mode: 1000 MiB (20 × 50 MiB). Generated here in a
 * temporary folder and deleted afterwards.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createPackStore } from '../electron/node/pack/store';
import type { PackStore } from '../electron/node/pack/store';
import { generateKeyPair, loadTrustedKey } from '../electron/node/pack/signature';
import type { BenchContext, BenchModuleResult } from './lib/context';
import { measure } from './lib/goals';
import { generateFiles, writePack } from './lib/pack-gen';
import { interleaved, pairedRatio, secondsSince, summarize } from './lib/stats';
import { MiB, formatBytes } from './lib/units';

const execFileAsync = promisify(execFile);

async function nodeStreamHash(paths: string[]): Promise<void> {
  for (const p of paths) {
    const hash = createHash('sha256');
    await pipeline(createReadStream(p, { highWaterMark: 1 * MiB }), hash);
    hash.digest('hex');
  }
}

export default async function run(ctx: BenchContext): Promise<BenchModuleResult> {
  const title = 'Pack store: verification, activation';
  const root = join(ctx.work, 'store-bench');
  await mkdir(root, { recursive: true });
  const [count, size] = ctx.quick ? [8, 16 * MiB] : [20, 50 * MiB];
  const bytes = count * size;
  const fsInfo = await statfs(ctx.work);
  const free = Number(fsInfo.bavail) * Number(fsInfo.bsize);
  if (free < bytes * 4 + 512 * MiB) {
    throw new Error(`${formatBytes(free)} free in ${ctx.work}, ${formatBytes(bytes * 4 + 512 * MiB)} needed`);
  }
  const pair = generateKeyPair();
  const trusted = loadTrustedKey(pair.publicKeyPem);
  if (!trusted.ok) throw new Error('bench key');

  ctx.log(`generating a ${formatBytes(bytes)} pack (${count} × ${formatBytes(size)}) and a 2 MiB one …`);
  const bigDir = join(root, 'big');
  const bigFiles = await generateFiles(bigDir, count, size);
  await writePack(bigDir, '2.0.0', bigFiles, pair.privateKeyPem);
  const smallDir = join(root, 'small');
  await writePack(smallDir, '1.0.0', await generateFiles(smallDir, 2, 1 * MiB), pair.privateKeyPem);
  const sourcePaths = Object.keys(bigFiles).map((p) => join(bigDir, p));

  // The public store API only: a fresh store per install (the same version cannot be installed twice).
  let stores = 0;
  const newStore = (): PackStore =>
    createPackStore({
      dataDir: join(root, `store-${stores++}`),
      trustedKeys: [trusted.value],
      allowUnsigned: false,
    });

  // --- verification vs openssl and a bare Node stream hash --------------------------------------
  const store = newStore();
  const small = await store.install(smallDir);
  const big = await store.install(bigDir);
  if (!big.ok || !small.ok) throw new Error('install failed');
  const verify = await interleaved(
    {
      ours: async () => {
        const start = process.hrtime.bigint();
        const r = await store.verifyFull(big.ref);
        const s = secondsSince(start);
        if (!r.ok) throw new Error(`verification failed: ${JSON.stringify(r.problems)}`);
        return s;
      },
      openssl: async () => {
        const start = process.hrtime.bigint();
        await execFileAsync('openssl', ['dgst', '-sha256', ...sourcePaths], { maxBuffer: 16 * MiB });
        return secondsSince(start);
      },
      node: async () => {
        const start = process.hrtime.bigint();
        await nodeStreamHash(sourcePaths);
        return secondsSince(start);
      },
    },
    { reps: ctx.reps, warmup: ctx.warmup },
  );
  const mibps = (s: number) => bytes / MiB / s;
  ctx.log(
    `verify: ours ${mibps(summarize(verify.ours).median).toFixed(0)} MiB/s, openssl ${mibps(summarize(verify.openssl).median).toFixed(0)} MiB/s, node ${mibps(summarize(verify.node).median).toFixed(0)} MiB/s`,
  );

  // --- activation: big and small alternately ------------------------------------------------------
  const activation = await interleaved(
    {
      big: async () => {
        const start = process.hrtime.bigint();
        const r = await store.activate(big.ref);
        if (!r.ok) throw new Error('activation failed');
        return secondsSince(start) * 1000;
      },
      small: async () => {
        const start = process.hrtime.bigint();
        const r = await store.activate(small.ref);
        if (!r.ok) throw new Error('activation failed');
        return secondsSince(start) * 1000;
      },
    },
    { reps: Math.max(ctx.reps, 9), warmup: ctx.warmup },
  );
  await rm(root, { recursive: true, force: true });

  const size$ = formatBytes(bytes);
  const ms = (xs: number[]) => xs.map((x) => x * 1000);
  const measures = [
    measure({
      id: 'verify-vs-openssl',
      title: `Full verification of ${size$} (store.verifyFull)`,
      unit: 'ms',
      ours: summarize(ms(verify.ours)),
      baselines: [
        { name: 'bare Node stream hash', summary: summarize(ms(verify.node)) },
        { name: '`openssl dgst -sha256`', summary: summarize(ms(verify.openssl)) },
      ],
      ratio: pairedRatio(verify.ours, verify.node),
      goal: { on: 'ratio', op: '<=', limit: 1.1 },
      notes: [
        'Page cache warm for every reader (warm-up round first); one file at a time for all three.',
        'The goal is against the bare Node stream hash (the same OpenSSL SHA-256 inside Node, no store logic); the OpenSSL command line is shown beside it.',
      ],
    }),
    measure({
      id: 'activation',
      title: `Activation of the ${size$} pack`,
      unit: 'ms',
      ours: summarize(activation.big),
      baselines: [{ name: '2 MiB pack (same store)', summary: summarize(activation.small) }],
      ratio: pairedRatio(activation.big, activation.small),
      goal: { on: 'median', op: '<', limit: 50 },
      notes: ['Activation rewrites only active.json, so pack size must not enter: compare the two medians.'],
    }),
  ];
  const markdown = [
    `Generated signed pack: ${count} × ${formatBytes(size)} random files (${size$}). Throughput (median): ours ${mibps(summarize(verify.ours).median).toFixed(0)} MiB/s, OpenSSL ${mibps(summarize(verify.openssl).median).toFixed(0)} MiB/s, bare Node ${mibps(summarize(verify.node).median).toFixed(0)} MiB/s.`,
  ].join('\n');
  return { title, measures, markdown };
}
