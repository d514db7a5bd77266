/**
 * Visitors see the exhibit, never the machinery: every string of the default pack a visitor can
 * read (both languages, captions included) and every visitor-facing UI string of the app is free
 * of the words in electron/shared/visitor-words.ts. The About & credits panel (the
 * pack's `about` section) is where provenance belongs, so it is the one part not scanned.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { displayedStrings } from '../../../electron/node/lint/lint-pack';
import { packManifestSchema } from '../../../electron/shared/pack-schema';
import { en, zhHans } from '../../../renderer/src/i18n/strings';
import { en as sandEn, zhHans as sandZh } from '../../../renderer/src/components/sand-table/strings';
import { timelineEn, timelineZhHans } from '../../../renderer/src/timeline/strings';
import { findVisitorWords } from '../../../electron/shared/visitor-words';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const PACK_DIR = path.join(ROOT, 'assets/packs/default');
const raw = JSON.parse(readFileSync(path.join(PACK_DIR, 'pack.json'), 'utf8')) as Record<string, unknown>;
const manifest = packManifestSchema.parse({ ...raw, files: {} });

function hits(entries: Array<{ at: string; text: string }>): string[] {
  return entries.flatMap(({ at, text }) => {
    const words = findVisitorWords(text).map((w) => w.word);
    return words.length > 0 ? [`${at}: ${words.join(', ')}`] : [];
  });
}

describe('the default pack shows visitors the exhibit only', () => {
  it('has no forbidden word in any displayed string outside the About & credits panel', () => {
    const shown = displayedStrings(manifest)
      .filter(({ path: at }) => !at.startsWith('about.'))
      .map(({ path: at, text }) => ({ at, text }));
    expect(shown.length).toBeGreaterThan(300);
    for (const language of ['zh-Hans', 'en'])
      expect(shown.filter(({ at }) => at.endsWith(`.${language}`)).length).toBeGreaterThan(150);
    expect(hits(shown)).toEqual([]);
  });

  it('has no forbidden word in any caption file', () => {
    const dirs = ['media/narration', 'media/video'];
    const captions = dirs.flatMap((dir) =>
      readdirSync(path.join(PACK_DIR, dir))
        .filter((f) => f.endsWith('.vtt'))
        .map((f) => ({
          at: `${dir}/${f}`,
          // Cue text only: the WEBVTT header and timing lines are not shown.
          text: readFileSync(path.join(PACK_DIR, dir, f), 'utf8')
            .split('\n')
            .filter((line) => line !== 'WEBVTT' && !line.includes('-->'))
            .join('\n'),
        })),
    );
    expect(captions.length).toBeGreaterThan(40);
    expect(hits(captions)).toEqual([]);
  });

  it('credits every media item in the About & credits panel, once', () => {
    const credited = manifest.about!.credits.flatMap((c) => c.media);
    expect([...credited].sort()).toEqual(Object.keys(manifest.media).sort());
    expect(new Set(credited).size).toBe(credited.length);
    for (const c of manifest.about!.credits)
      for (const l of ['zh-Hans', 'en']) {
        expect(c.kind[l], `kind ${l}`).toBeTruthy();
        expect(c.source[l], `source ${l}`).toBeTruthy();
      }
    const licences = manifest.about!.licences.map((l) => l.terms.en ?? '').join(' ');
    expect(licences).toContain('SIL Open Font License');
  });
});

describe('visitor-facing UI strings of the app', () => {
  it('carry no forbidden word in either language (staff screens excluded)', () => {
    const tables: Array<[string, Record<string, string>]> = [
      ['app.zh-Hans', zhHans],
      ['app.en', en],
      ['sand.zh-Hans', sandZh],
      ['sand.en', sandEn],
      ['timeline.zh-Hans', timelineZhHans],
      ['timeline.en', timelineEn],
    ];
    const entries = tables.flatMap(([table, strings]) =>
      Object.entries(strings)
        .filter(([key]) => !key.startsWith('staff.'))
        // `{count}` and the like are filled in before a visitor sees them.
        .map(([key, text]) => ({ at: `${table}:${key}`, text: text.replace(/\{\w+\}/g, '') })),
    );
    expect(hits(entries)).toEqual([]);
  });
});
