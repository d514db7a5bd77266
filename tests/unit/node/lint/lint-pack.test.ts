import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayedStrings, lintPack } from '../../../../electron/node/lint/lint-pack';
import {
  packManifestSchema,
  type PackManifest,
  type PackManifestInput,
} from '../../../../electron/shared/pack-schema';

let dir = '';
const reader = { readFile: (p: string) => Promise.resolve(readFileSync(join(dir, p))) };

function sha(p: string) {
  const b = readFileSync(join(dir, p));
  return { size: b.length, sha256: createHash('sha256').update(b).digest('hex') };
}

function manifest(overrides: Partial<PackManifestInput>): PackManifest {
  const base: PackManifestInput = {
    format: 'hallpack/1',
    id: 'lint-test',
    version: '1.0.0',
    title: { 'zh-Hans': '测试', en: 'Test' },
    languages: ['zh-Hans', 'en'],
    defaultLanguage: 'zh-Hans',
    publisher: { 'zh-Hans': '展馆', en: 'Hall' },
    created: '2026-11-28',
    categories: [{ id: 'c', name: { 'zh-Hans': '类', en: 'Category' }, color: '#aa0000' }],
    places: [],
    media: {},
    files: {},
  };
  return packManifestSchema.parse({ ...base, ...overrides });
}

const place = (media: string[], name = '常州') => ({
  id: 'p',
  category: 'c',
  position: { lon: 120, lat: 31 },
  name: { 'zh-Hans': name, en: 'Changzhou' },
  summary: { 'zh-Hans': '摘要', en: 'Summary' },
  media,
});

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lint-'));
  mkdirSync(join(dir, 'media'));
  const ff = (...a: string[]) =>
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...a], { cwd: join(dir, 'media') });
  const src = ['-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=10', '-t', '1'];
  ff(...src, '-c:v', 'libvpx-vp9', '-b:v', '200k', 'ok.webm');
  ff(...src, '-c:v', 'libx265', '-tag:v', 'hvc1', '-x265-params', 'log-level=none', 'hevc.mp4');
  ff('-f', 'lavfi', '-i', 'sine', '-t', '1', '-c:a', 'libopus', 'voice.ogg');
  execFileSync('convert', ['-size', '9000x10', 'xc:gray', join(dir, 'media/wide.png')]);
  execFileSync('convert', ['-size', '64x64', 'xc:gray', join(dir, 'media/small.jpg')]);
  writeFileSync(join(dir, 'media/ok.zh.vtt'), 'WEBVTT\n\n00:00.000 --> 00:00.900\n常州高新区\n');
  writeFileSync(join(dir, 'media/ok.en.vtt'), 'WEBVTT\n\n00:00.000 --> 00:00.900\nChangzhou\n');
  writeFileSync(join(dir, 'media/bad.vtt'), 'WEBVTT\n\n00:00.000 -> 00:01.000\nbroken arrow\n');
  writeFileSync(join(dir, 'media/orphan.txt'), 'nothing uses me');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files = (...paths: string[]) => Object.fromEntries(paths.map((p) => [p, sha(p)]));
const codes = (ps: Array<{ code: string }>) => ps.map((p) => p.code).sort();

describe('lintPack', () => {
  it('passes a clean pack with no findings', async () => {
    const m = manifest({
      places: [place(['video', 'photo'])],
      media: {
        video: {
          kind: 'video',
          src: 'media/ok.webm',
          captions: { 'zh-Hans': 'media/ok.zh.vtt', en: 'media/ok.en.vtt' },
        },
        photo: { kind: 'image', src: 'media/small.jpg', alt: { 'zh-Hans': '图', en: 'Picture' } },
      },
      files: files('media/ok.webm', 'media/ok.zh.vtt', 'media/ok.en.vtt', 'media/small.jpg'),
    });
    expect(await lintPack(reader, m)).toEqual([]);
  });

  it('refuses HEVC, over-large textures, broken captions and missing glyphs, naming the file and rule', async () => {
    const m = manifest({
      places: [place(['hevc', 'wide', 'voice'], '𠮷野')],
      media: {
        hevc: {
          kind: 'video',
          src: 'media/hevc.mp4',
          captions: { 'zh-Hans': 'media/ok.zh.vtt', en: 'media/ok.en.vtt' },
        },
        wide: { kind: 'image', src: 'media/wide.png' },
        voice: {
          kind: 'audio',
          src: 'media/voice.ogg',
          captions: { 'zh-Hans': 'media/bad.vtt', en: 'media/ok.en.vtt' },
        },
      },
      files: files(
        'media/hevc.mp4',
        'media/wide.png',
        'media/voice.ogg',
        'media/bad.vtt',
        'media/ok.zh.vtt',
        'media/ok.en.vtt',
      ),
    });
    const problems = await lintPack(reader, m);
    const errors = problems.filter((p) => p.severity === 'error');
    expect(codes(errors)).toEqual([
      'lint.captions-invalid',
      'lint.codec-unplayable',
      'lint.glyph-missing',
      'lint.image-too-large',
    ]);
    const hevc = errors.find((p) => p.code === 'lint.codec-unplayable')!;
    expect(hevc.file).toBe('media/hevc.mp4');
    expect(hevc.message.en).toMatch(/HEVC/);
    expect(hevc.message['zh-Hans']).toMatch(/无法在展机播放/);
    expect(errors.find((p) => p.code === 'lint.captions-invalid')).toMatchObject({
      file: 'media/bad.vtt',
      rule: 'captions.webvtt',
    });
    expect(errors.find((p) => p.code === 'lint.glyph-missing')).toMatchObject({
      path: 'places[0].name.zh-Hans',
    });
  });

  it('warns about media and files nothing uses, and media without captions', async () => {
    const m = manifest({
      places: [place(['voice'])],
      media: {
        voice: { kind: 'audio', src: 'media/voice.ogg' },
        spare: { kind: 'image', src: 'media/small.jpg' },
      },
      files: files('media/voice.ogg', 'media/small.jpg', 'media/orphan.txt'),
    });
    const problems = await lintPack(reader, m);
    expect(problems.every((p) => p.severity === 'warning')).toBe(true);
    expect(codes(problems)).toEqual([
      'lint.captions-missing',
      'lint.file-unreferenced',
      'lint.media-unreferenced',
    ]);
  });

  it('refuses a file whose declared kind does not match its content', async () => {
    const m = manifest({
      places: [place(['fake'])],
      media: {
        fake: {
          kind: 'video',
          src: 'media/voice.ogg',
          captions: { 'zh-Hans': 'media/ok.zh.vtt', en: 'media/ok.en.vtt' },
        },
      },
      files: files('media/voice.ogg', 'media/ok.zh.vtt', 'media/ok.en.vtt'),
    });
    expect(codes(await lintPack(reader, m))).toContain('lint.no-video-track');
  });
});

describe('displayedStrings', () => {
  it('collects localized text but not paths, ids or colours', () => {
    const m = manifest({
      places: [place(['x'])],
      media: {
        x: {
          kind: 'image',
          src: { 'zh-Hans': 'media/a.jpg', en: 'media/b.jpg' },
          alt: { 'zh-Hans': '替代', en: 'Alt' },
        },
      },
      files: {},
    });
    const texts = displayedStrings(m).map((s) => s.text);
    expect(texts).toContain('替代');
    expect(texts).toContain('常州');
    expect(texts).not.toContain('media/a.jpg');
    expect(texts).not.toContain('#aa0000');
  });
});
