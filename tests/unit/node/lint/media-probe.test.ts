import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMedia } from '../../../../electron/node/lint/media-probe';

// Real files from ffmpeg and ImageMagick (installed by .ci/run), so the parser is checked against
// what encoders actually write, not against bytes we made up.
let dir = '';
const ff = (...args: string[]) =>
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { cwd: dir });
const read = (name: string) => readFileSync(join(dir, name));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'probe-'));
  const video = ['-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=10', '-t', '1'];
  ff(...video, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', 'h264.mp4');
  ff(...video, '-c:v', 'libx265', '-tag:v', 'hvc1', '-x265-params', 'log-level=none', 'hevc.mp4');
  ff(...video, '-f', 'lavfi', '-i', 'sine', '-t', '1', '-c:v', 'libvpx-vp9', '-c:a', 'libopus', 'vp9.webm');
  ff(...video, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', 'h264.mkv');
  ff('-f', 'lavfi', '-i', 'sine', '-t', '1', '-c:a', 'libopus', 'a.ogg');
  ff('-f', 'lavfi', '-i', 'sine', '-t', '1', '-c:a', 'aac', 'a.m4a');
  ff('-f', 'lavfi', '-i', 'sine', '-t', '1', '-c:a', 'libmp3lame', 'a.mp3');
  for (const ext of ['png', 'jpg', 'webp'])
    execFileSync('convert', ['-size', '300x200', 'xc:#8b1a1a', join(dir, `a.${ext}`)]);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('probeMedia', () => {
  it('reads H.264 in MP4 with its size and duration', () => {
    const p = probeMedia(read('h264.mp4'));
    expect(p).toMatchObject({ container: 'mp4', width: 320, height: 240 });
    expect(p.tracks).toEqual([{ type: 'video', codec: 'h264', width: 320, height: 240 }]);
    expect(p.duration).toBeCloseTo(1, 1);
  });
  it('recognises HEVC so the lint can refuse it', () => {
    expect(probeMedia(read('hevc.mp4')).tracks[0]?.codec).toBe('hevc');
  });
  it('reads VP9 + Opus in WebM', () => {
    const p = probeMedia(read('vp9.webm'));
    expect(p.container).toBe('webm');
    expect(p.tracks.map((t) => `${t.type}:${t.codec}`)).toEqual(['video:vp9', 'audio:opus']);
    expect(p.width).toBe(320);
    expect(p.duration).toBeGreaterThan(0.9);
  });
  it('tells Matroska from WebM', () => {
    const p = probeMedia(read('h264.mkv'));
    expect(p.reason).toMatch(/Matroska/);
  });
  it('reads audio containers', () => {
    expect(probeMedia(read('a.ogg')).tracks[0]?.codec).toBe('opus');
    expect(probeMedia(read('a.m4a')).tracks[0]?.codec).toBe('aac');
    expect(probeMedia(read('a.mp3')).container).toBe('mp3');
  });
  it.each(['png', 'jpg', 'webp'])('reads %s dimensions', (ext) => {
    expect(probeMedia(read(`a.${ext}`))).toMatchObject({ width: 300, height: 200 });
  });
  it('never throws on truncated or random input', () => {
    const whole = read('vp9.webm');
    for (let cut = 0; cut < 400; cut += 7) expect(() => probeMedia(whole.subarray(0, cut))).not.toThrow();
    const mp4 = read('h264.mp4');
    for (let cut = 0; cut < mp4.length; cut += 97)
      expect(() => probeMedia(mp4.subarray(0, cut))).not.toThrow();
    let seed = 7;
    for (let i = 0; i < 200; i++) {
      const bytes = new Uint8Array(64).map(() => (seed = (seed * 1103515245 + 12345) >>> 0) & 0xff);
      expect(probeMedia(bytes).container).toBeTypeOf('string');
    }
    expect(probeMedia(new Uint8Array()).container).toBe('unknown');
  });
});
