/**
 * `hallpack preview <folder> --watch` as an author uses it: the real CLI in its own process on a
 * folder made by `hallpack init`, the preview page in Chromium. An edit to pack.json shows in the
 * kiosk without a manual reload, on the screen the kiosk was showing; a lint error appears in the
 * panel beside it with its pack.json line, and the kiosk keeps the last version that loaded.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { main } from '../../electron/node/cli/main';
import { expect, test } from './fixtures';

type Pack = { title: Record<string, string>; places: { id: string; category: string }[] };

let work = '';
let folder = '';
let child: ChildProcess | undefined;
let url = '';

const quiet = { out: () => undefined, err: () => undefined };

async function editPack(change: (p: Pack) => void): Promise<{ text: string }> {
  const file = path.join(folder, 'pack.json');
  const pack = JSON.parse(await readFile(file, 'utf8')) as Pack;
  change(pack);
  const text = JSON.stringify(pack, null, 2) + '\n';
  await writeFile(file, text);
  return { text };
}

test.beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'hall-preview-'));
  folder = path.join(work, 'my-hall');
  expect(await main(['init', folder, '--template', 'minimal'], quiet)).toBe(0);
  child = spawn(process.execPath, [path.resolve('bin/hallpack.mjs'), 'preview', folder, '--watch'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.resume();
  const lines = createInterface({ input: child.stdout! });
  url = await new Promise<string>((resolve, reject) => {
    child?.once('exit', (code) => reject(new Error(`hallpack preview exited with ${code}`)));
    lines.on('line', (line) => {
      const m = /^Preview: (http:\/\/127\.0\.0\.1:\d+\/__preview\/)$/.exec(line);
      if (m?.[1]) resolve(m[1]);
    });
  });
});

test.afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await rm(work, { recursive: true, force: true });
});

test('an edit shows without a manual reload, on the same screen; a lint error shows in the panel', async ({
  page,
}) => {
  await page.goto(url);
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-preview-version', '1');
  await expect(html).toHaveAttribute('data-preview-problems', '0');
  const kiosk = page.frameLocator('#kiosk');
  const kioskHtml = kiosk.locator('html');
  await expect(kioskHtml).toHaveAttribute('data-app-ready', /.*/, { timeout: 30_000 });
  await expect(kioskHtml).toHaveAttribute('data-screen', 'home');

  // Go to the timeline, as an author checking their events would.
  await kiosk.getByRole('button', { name: /时间长廊/ }).click();
  await expect(kioskHtml).toHaveAttribute('data-screen', 'timeline');

  // Edit the title: the kiosk reloads itself, still on the timeline, with the new title.
  const marker = markerTitle();
  await editPack((p) => {
    p.title['zh-Hans'] = marker;
  });
  await expect(html).toHaveAttribute('data-preview-version', '2');
  await expect(html).toHaveAttribute('data-preview-reloads', '1');
  await expect(kiosk.getByText(marker).first()).toBeVisible({ timeout: 30_000 });
  await expect(kioskHtml).toHaveAttribute('data-screen', 'timeline');

  // A lint error: a place names a category that does not exist.
  const { text } = await editPack((p) => {
    p.places[0]!.category = 'no-such-category';
  });
  const line = text.split('\n').findIndex((l) => l.includes('"no-such-category"')) + 1;
  const item = page.locator('#problems li.error', { hasText: 'ref.category-missing' });
  await expect(item).toBeVisible();
  await expect(item.locator('.where')).toHaveText(`pack.json:${line}`);
  await expect(page.locator('#status')).toContainText('showing the last version');
  // The kiosk was not reloaded with a pack that does not load.
  await expect(html).toHaveAttribute('data-preview-reloads', '1');
  await expect(kiosk.getByText(marker).first()).toBeVisible();

  // Fixed: the panel is clear again and the kiosk shows the fixed folder.
  await editPack((p) => {
    p.places[0]!.category = 'sites';
  });
  await expect(html).toHaveAttribute('data-preview-problems', '0');
  await expect(html).toHaveAttribute('data-preview-version', '3');
});

/** A title no template contains. */
function markerTitle(): string {
  return `预览测试 ${Date.now() % 100000}`;
}
