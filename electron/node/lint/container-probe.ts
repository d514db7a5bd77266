/**
 * Media probing for the lint: the header reader in media-probe.ts for images and pixel sizes,
 * and `music-metadata` (a maintained container parser for Matroska/WebM, MP4, Ogg, MP3, FLAC,
 * WAV) for the container and the codec of every track of video and audio. When the two disagree
 * about codecs, the parser wins; when it cannot read the file, the header reader's answer stands.
 */
import { parseBuffer } from 'music-metadata';
import { probeMedia, printable } from './media-probe';
import type { MediaProbe, ProbeTrack } from './media-probe';

/** music-metadata codec names → the normalised names of `PLAYABLE`. */
export function normaliseCodec(name: string): string {
  const n = name.replace(/^<|>$/g, '').toLowerCase();
  if (n === 'vp8' || n === 'v_vp8') return 'vp8';
  if (n === 'vp9' || n === 'v_vp9' || n === 'vp09') return 'vp9';
  if (n === 'av1' || n === 'av01' || n === 'v_av1') return 'av1';
  if (n === 'avc1' || n === 'avc3' || n.includes('avc') || n.includes('h264') || n === 'v_mpeg4/iso/avc')
    return 'h264';
  if (n === 'hev1' || n === 'hvc1' || n.includes('hevc') || n.includes('h265')) return 'hevc';
  if (n.includes('aac') || n === 'mp4a') return 'aac';
  if (n.includes('opus')) return 'opus';
  if (n.includes('vorbis')) return 'vorbis';
  if (n.includes('flac')) return 'flac';
  if (n.includes('layer 3') || n === 'mp3' || n === '.mp3') return 'mp3';
  if (n.includes('ac-3') || n === 'ac3') return 'ac3';
  if (n.includes('pcm')) return 'pcm';
  return n;
}

function containerOf(name: string | undefined): MediaProbe['container'] | undefined {
  const n = (name ?? '').toLowerCase();
  if (n.startsWith('ebml/webm') || n.startsWith('ebml/matroska')) return 'webm';
  if (n.startsWith('ogg')) return 'ogg';
  if (n === 'mpeg') return 'mp3';
  if (n.startsWith('wave')) return 'wav';
  if (/^(isom|iso\d|mp4|m4a|m4v|avc1|dash|mp41|mp42)/.test(n)) return 'mp4';
  return undefined;
}

/** Probe a file's whole bytes. Never throws. */
export async function probeMediaFile(bytes: Uint8Array): Promise<MediaProbe> {
  const header = probeMedia(bytes);
  if (['png', 'jpeg', 'webp', 'avif', 'gif'].includes(header.container)) return header;
  let parsed;
  try {
    parsed = await parseBuffer(bytes, undefined, { duration: false, skipCovers: true });
  } catch (e) {
    // The parser refused it: keep the header reader's view, with the parser's reason if it had none.
    if (header.container === 'unknown' && !header.reason)
      return { ...header, reason: printable(e instanceof Error ? e.message : String(e)) };
    return header;
  }
  const container = containerOf(parsed.format.container) ?? header.container;
  const tracks: ProbeTrack[] = [];
  for (const t of parsed.format.trackInfo) {
    if (!t.codecName) continue;
    const type: ProbeTrack['type'] = t.video
      ? 'video'
      : t.audio
        ? 'audio'
        : t.type === 1
          ? 'video'
          : t.type === 2
            ? 'audio'
            : 'other';
    const codec = normaliseCodec(t.codecName);
    const guessed = type === 'other' ? guessType(codec) : type;
    const track: ProbeTrack = { type: guessed, codec };
    if (t.video?.pixelWidth) track.width = t.video.pixelWidth;
    if (t.video?.pixelHeight) track.height = t.video.pixelHeight;
    tracks.push(track);
  }
  // Ogg and MP3 report the codec of the file rather than tracks.
  if (tracks.length === 0 && parsed.format.codec) {
    const codec = normaliseCodec(parsed.format.codec);
    tracks.push({ type: guessType(codec), codec });
  }
  const result: MediaProbe = {
    ...header,
    container,
    tracks: tracks.length > 0 ? tracks : header.tracks,
  };
  if (result.width === undefined) {
    const video = tracks.find((t) => t.width);
    if (video?.width) result.width = video.width;
    if (video?.height) result.height = video.height;
  }
  if (result.duration === undefined && parsed.format.duration) result.duration = parsed.format.duration;
  // The parser read the container: the header reader's doubts about it no longer hold.
  if (
    result.tracks.length > 0 &&
    container !== 'unknown' &&
    header.reason !== undefined &&
    header.container === 'unknown'
  )
    delete result.reason;
  return result;
}

const VIDEO_CODECS = new Set(['vp8', 'vp9', 'av1', 'h264', 'hevc']);
const guessType = (codec: string): ProbeTrack['type'] => (VIDEO_CODECS.has(codec) ? 'video' : 'audio');
