/**
 * The embedded default pack, as the kiosk serves it: every place and every timeline event has
 * media that loads and decodes in the kiosk's Chromium (no 404, no decode error), in both
 * languages, and its captions are WebVTT. Runs against the built, signed pack in
 * dist/packs/default (made by `npm run build`).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadFolderPack } from '../../electron/node/server/folder-pack';
import type { Media, PackManifest } from '../../electron/shared/pack-schema';
import { enterHome, expect, test } from './fixtures';
import type { Page } from '@playwright/test';

async function openAt(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('html[data-app-ready="true"]').waitFor({ state: 'attached' });
}

const builtDefault = path.resolve('dist/packs/default');

type Check = { owner: string; url: string; kind: 'image' | 'video' | 'audio' | 'captions' };

function mediaChecks(manifest: PackManifest, owner: string, ids: readonly string[]): Check[] {
  const checks: Check[] = [];
  for (const id of ids) {
    const media: Media | undefined = manifest.media[id];
    if (!media) throw new Error(`${owner}: media "${id}" is not in the manifest`);
    const sources = typeof media.src === 'string' ? [media.src] : Object.values(media.src);
    for (const src of sources) {
      if (media.kind === 'image' || media.kind === 'video' || media.kind === 'audio') {
        checks.push({ owner: `${owner} → ${id}`, url: `pack/${src}`, kind: media.kind });
      }
    }
    for (const img of [media.poster, media.thumbnail]) {
      if (img)
        checks.push({ owner: `${owner} → ${id} (poster/thumbnail)`, url: `pack/${img}`, kind: 'image' });
    }
    for (const vtt of Object.values(media.captions ?? {})) {
      checks.push({ owner: `${owner} → ${id} (captions)`, url: `pack/${vtt}`, kind: 'captions' });
    }
  }
  return checks;
}

test.describe('default pack', () => {
  test.skip(
    !existsSync(path.join(builtDefault, 'pack.sig')),
    'dist/packs/default is not built (npm run build)',
  );

  test('every place and every event has media that loads and decodes', async ({ page, hall }) => {
    test.setTimeout(240_000);
    const pack = await loadFolderPack(builtDefault);
    const server = await hall.startAnother(() => Promise.resolve(pack));
    const m = pack.manifest;

    expect(m.places.length, 'places').toBeGreaterThanOrEqual(20);
    const events = m.timelines.flatMap((t) => t.events);
    expect(events.length, 'timeline events').toBeGreaterThanOrEqual(8);

    const checks: Check[] = [];
    for (const p of m.places) {
      expect(p.media.length + (p.cover ? 1 : 0), `place ${p.id} has media`).toBeGreaterThan(0);
      checks.push(...mediaChecks(m, `place ${p.id}`, [...p.media, ...(p.cover ? [p.cover] : [])]));
    }
    for (const e of events) {
      expect(e.media.length, `event ${e.id} has media`).toBeGreaterThan(0);
      checks.push(...mediaChecks(m, `event ${e.id}`, e.media));
    }
    for (const tour of m.sandTable?.tours ?? []) {
      const narration = tour.shots.flatMap((s) => (s.narration ? [s.narration] : []));
      checks.push(...mediaChecks(m, `tour ${tour.id}`, narration));
    }
    const unique = [...new Map(checks.map((c) => [c.url, c])).values()];

    await openAt(page, server.url);
    const failures = await page.evaluate(async (list: Check[]) => {
      const bad: string[] = [];
      const loadMedia = (kind: 'video' | 'audio', url: string) =>
        new Promise<string | null>((resolve) => {
          const el = document.createElement(kind);
          el.preload = 'metadata';
          el.muted = true;
          const done = (result: string | null) => {
            el.removeAttribute('src');
            el.load();
            resolve(result);
          };
          el.addEventListener('loadedmetadata', () => {
            if (!(el.duration > 0)) done(`duration ${el.duration}`);
            else if (kind === 'video' && (el as HTMLVideoElement).videoWidth === 0) done('no video frames');
            else done(null);
          });
          el.addEventListener('error', () =>
            done(`decode error ${el.error?.code ?? '?'} ${el.error?.message ?? ''}`),
          );
          el.src = url;
        });
      for (const c of list) {
        try {
          if (c.kind === 'image') {
            const img = new Image();
            img.src = c.url;
            await img.decode();
            if (img.naturalWidth === 0) bad.push(`${c.owner}: ${c.url}: empty image`);
          } else if (c.kind === 'captions') {
            const r = await fetch(c.url);
            const text = await r.text();
            if (!r.ok) bad.push(`${c.owner}: ${c.url}: HTTP ${r.status}`);
            else if (!text.startsWith('WEBVTT')) bad.push(`${c.owner}: ${c.url}: not WebVTT`);
          } else {
            const problem = await loadMedia(c.kind, c.url);
            if (problem) bad.push(`${c.owner}: ${c.url}: ${problem}`);
          }
        } catch (error) {
          bad.push(`${c.owner}: ${c.url}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return bad;
    }, unique);
    expect(failures).toEqual([]);
    expect(unique.length).toBeGreaterThan(20);
  });

  test('shows the pack title in both languages', async ({ page, hall }) => {
    const pack = await loadFolderPack(builtDefault);
    const server = await hall.startAnother(() => Promise.resolve(pack));
    await openAt(page, server.url);
    await enterHome(page);
    const title = pack.manifest.title;
    await expect(page.locator('body')).toContainText(title['zh-Hans'] ?? '');
    await page.getByTestId('language-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-lang', 'en');
    await expect(page.locator('body')).toContainText(title.en ?? '');
  });
});
