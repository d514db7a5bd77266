import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  USB_ROOTS_ENV,
  isInside,
  listVolumes,
  scanVolumes,
  volumeOf,
} from '../../../../electron/node/staff/usb-scan';
import type { Volume } from '../../../../electron/node/staff/usb-scan';

let work: string;
let stickA: string;
let stickB: string;
let outside: string;

async function put(file: string, text = 'x'): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'hall-usb-'));
  stickA = path.join(work, 'media', 'STICK-A');
  stickB = path.join(work, 'media', 'STICK-B');
  outside = path.join(work, 'elsewhere');
  await put(path.join(stickA, 'a.hallpack'), 'zip');
  await put(path.join(stickA, 'sub', 'b.HALLPACK'));
  await put(path.join(stickA, 'sub', 'notes.txt'));
  await put(path.join(stickA, 'd1', 'd2', 'c.hallpack'));
  await put(path.join(stickA, 'd1', 'd2', 'd3', 'd4', 'too-deep.hallpack'));
  await put(path.join(stickA, 'folder-pack', 'pack.json'), '{}');
  await put(path.join(stickA, 'folder-pack', 'inner.hallpack'));
  await put(path.join(stickA, '.Trashes', 'hidden.hallpack'));
  await put(path.join(stickA, 'System Volume Information', 'sys.hallpack'));
  await put(path.join(outside, 'evil.hallpack'));
  await put(path.join(outside, 'pack.json'), '{}');
  await symlink(outside, path.join(stickA, 'link-dir'));
  await symlink(path.join(outside, 'evil.hallpack'), path.join(stickA, 'link.hallpack'));
  await put(path.join(stickB, 'only.hallpack'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const env = (roots: string[]) => ({ [USB_ROOTS_ENV]: roots.join(':') });

describe('listVolumes', () => {
  it('takes HALL_USB_ROOTS as the volumes, skipping missing ones and links', async () => {
    const volumes = await listVolumes({
      env: env([stickA, path.join(work, 'missing'), stickB, path.join(stickA, 'link-dir')]),
      platform: 'linux',
    });
    expect(volumes).toEqual([
      { path: stickA, label: 'STICK-A' },
      { path: stickB, label: 'STICK-B' },
    ]);
  });

  it('explicit roots win over the environment', async () => {
    const volumes = await listVolumes({ roots: [stickB], env: env([stickA]), platform: 'linux' });
    expect(volumes.map((v) => v.path)).toEqual([stickB]);
  });

  it('on Windows looks at drive letters D: to Z: (none exist here)', async () => {
    expect(await listVolumes({ env: {}, platform: 'win32' })).toEqual([]);
  });

  it('on Linux without an override reads the mount points and never throws', async () => {
    const volumes = await listVolumes({ env: {}, platform: 'linux' });
    for (const v of volumes) expect(v.path).toMatch(/^\/(media|run\/media|mnt)\//);
  });
});

describe('scanVolumes', () => {
  const volumes = (): Volume[] => [
    { path: stickA, label: 'A' },
    { path: stickB, label: 'B' },
  ];

  it('finds .hallpack files and pack folders, a few levels deep, never through links', async () => {
    const { candidates, truncated } = await scanVolumes(volumes());
    expect(truncated).toBe(false);
    const found = candidates.map((c) => [path.relative(work, c.path), c.kind]);
    expect(found).toEqual([
      ['media/STICK-A/a.hallpack', 'archive'],
      ['media/STICK-A/d1/d2/c.hallpack', 'archive'],
      ['media/STICK-A/folder-pack', 'folder'],
      ['media/STICK-A/sub/b.HALLPACK', 'archive'],
      ['media/STICK-B/only.hallpack', 'archive'],
    ]);
    const a = candidates.find((c) => c.name === 'a.hallpack');
    expect(a).toMatchObject({ bytes: 3, volume: stickA });
    expect(candidates.find((c) => c.kind === 'folder')?.bytes).toBeNull();
  });

  it('stops at the entry limit and says so', async () => {
    const { candidates, truncated } = await scanVolumes(volumes(), {
      maxDepth: 3,
      maxEntries: 3,
      maxCandidates: 100,
    });
    expect(truncated).toBe(true);
    expect(candidates.length).toBeLessThanOrEqual(3);
  });

  it('stops at the candidate limit', async () => {
    const { candidates, truncated } = await scanVolumes(volumes(), {
      maxDepth: 3,
      maxEntries: 1000,
      maxCandidates: 2,
    });
    expect(candidates).toHaveLength(2);
    expect(truncated).toBe(true);
  });

  it('a volume that is itself a pack folder is one candidate', async () => {
    const { candidates } = await scanVolumes([{ path: path.join(stickA, 'folder-pack'), label: 'p' }]);
    expect(candidates.map((c) => c.kind)).toEqual(['folder']);
  });
});

describe('volumeOf', () => {
  const volumes: Volume[] = [{ path: '', label: '' }];
  it('accepts paths on a volume and refuses links, escapes and other places', async () => {
    volumes[0] = { path: stickA, label: 'A' };
    expect(await volumeOf(path.join(stickA, 'sub', 'b.HALLPACK'), volumes)).toEqual(volumes[0]);
    expect(await volumeOf(stickA, volumes)).toEqual(volumes[0]);
    expect(await volumeOf(path.join(stickA, 'link.hallpack'), volumes)).toBeNull();
    expect(await volumeOf(path.join(stickA, 'link-dir', 'evil.hallpack'), volumes)).toBeNull();
    expect(await volumeOf(path.join(stickA, '..', 'STICK-B', 'only.hallpack'), volumes)).toBeNull();
    expect(await volumeOf(path.join(stickA, 'missing.hallpack'), volumes)).toBeNull();
    expect(await volumeOf('/etc/passwd', volumes)).toBeNull();
  });

  it('isInside is by path segments, not by prefix', () => {
    expect(isInside('/media/a', '/media/a/x')).toBe(true);
    expect(isInside('/media/a', '/media/ab/x')).toBe(false);
    expect(isInside('/media/a', '/media')).toBe(false);
  });
});
