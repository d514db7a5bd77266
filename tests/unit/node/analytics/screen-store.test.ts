import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  saveScreen,
  screenDataUrl,
  screenDue,
  screenTakenAt,
} from '../../../../electron/node/analytics/screen-store';
import {
  SCREEN_CAPTURE_EVERY_MS,
  SCREEN_CAPTURE_MAX_BYTES,
} from '../../../../electron/shared/screen-capture';

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9]);

describe('screen-store: the pictures behind the staff heatmap', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hall-screens-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stores a JPEG (0600), reads it back as a data URL, and knows when it was taken', async () => {
    expect(await screenTakenAt(dir, 'landscape')).toBeNull();
    expect(await screenDue(dir, 'landscape')).toBe(true);
    await saveScreen(dir, 'landscape', JPEG);
    const file = path.join(dir, 'analytics', 'screens', 'landscape.jpg');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await screenDataUrl(dir, 'landscape')).toBe(
      `data:image/jpeg;base64,${Buffer.from(JPEG).toString('base64')}`,
    );
    expect(await screenDataUrl(dir, 'portrait')).toBeNull();
    expect(await screenDue(dir, 'landscape')).toBe(false);
    const old = new Date(Date.now() - SCREEN_CAPTURE_EVERY_MS - 1000);
    await utimes(file, old, old);
    expect(await screenDue(dir, 'landscape')).toBe(true);
  });

  it('refuses what is not a JPEG or too big, and keeps the picture it had', async () => {
    await saveScreen(dir, 'portrait', JPEG);
    await expect(saveScreen(dir, 'portrait', Buffer.from('<svg/>'))).rejects.toThrow(/portrait.*not a JPEG/);
    const big = new Uint8Array(SCREEN_CAPTURE_MAX_BYTES + 1);
    big.set(JPEG.subarray(0, 3));
    await expect(saveScreen(dir, 'portrait', big)).rejects.toThrow(/more than/);
    expect(await readFile(path.join(dir, 'analytics', 'screens', 'portrait.jpg'))).toEqual(Buffer.from(JPEG));
  });

  it('sends nothing to the staff screen for a file someone put there that is no JPEG', async () => {
    await saveScreen(dir, 'landscape', JPEG);
    await writeFile(path.join(dir, 'analytics', 'screens', 'landscape.jpg'), '<html>');
    expect(await screenDataUrl(dir, 'landscape')).toBeNull();
  });
});
