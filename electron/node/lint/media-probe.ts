/**
 * Reads just enough of a media file's container to tell what the kiosk's Chromium can play:
 * container, codecs, pixel size and duration. Pure JavaScript over bytes — no ffprobe on an
 * author's PC, no native modules. Unknown or damaged input yields `container: 'unknown'` with a
 * reason; it never throws.
 */
import { startsLikeJpeg } from '../../shared/image-magic';

export type ProbeTrack = {
  type: 'video' | 'audio' | 'other';
  /** Normalised codec name: h264, hevc, vp8, vp9, av1, aac, opus, vorbis, mp3, flac, ac3, … */
  codec: string;
  width?: number;
  height?: number;
};

export type MediaProbe = {
  container: 'mp4' | 'webm' | 'ogg' | 'mp3' | 'png' | 'jpeg' | 'webp' | 'avif' | 'gif' | 'wav' | 'unknown';
  tracks: ProbeTrack[];
  width?: number;
  height?: number;
  /** Seconds, when the container states it. */
  duration?: number;
  /** Why the probe could not tell more (damaged header, unsupported container). */
  reason?: string;
};

const ascii = (b: Uint8Array, start: number, length: number): string => {
  let s = '';
  for (let i = start; i < start + length && i < b.length; i++) s += String.fromCharCode(b[i] ?? 0);
  return s;
};

const u16be = (b: Uint8Array, o: number) => ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);
const u24le = (b: Uint8Array, o: number) => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8) | ((b[o + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, o: number) =>
  (((b[o] ?? 0) << 24) >>> 0) + ((b[o + 1] ?? 0) << 16) + ((b[o + 2] ?? 0) << 8) + (b[o + 3] ?? 0);

/** Probe a file's bytes. Pass the whole file for MP4 (its index may sit at the end). */
export function probeMedia(bytes: Uint8Array): MediaProbe {
  try {
    if (bytes.length >= 8 && u32be(bytes, 0) === 0x89504e47) return probePng(bytes);
    if (startsLikeJpeg(bytes)) return probeJpeg(bytes);
    if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return probeWebp(bytes);
    if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WAVE')
      return { container: 'wav', tracks: [{ type: 'audio', codec: 'pcm' }] };
    if (ascii(bytes, 0, 4) === 'GIF8')
      return {
        container: 'gif',
        tracks: [],
        width: bytes[6]! | (bytes[7]! << 8),
        height: bytes[8]! | (bytes[9]! << 8),
      };
    if (ascii(bytes, 4, 4) === 'ftyp') return probeIsoBmff(bytes);
    if (u32be(bytes, 0) === 0x1a45dfa3) return probeMatroska(bytes);
    if (ascii(bytes, 0, 4) === 'OggS') return probeOgg(bytes);
    if (ascii(bytes, 0, 3) === 'ID3' || (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0)) {
      return { container: 'mp3', tracks: [{ type: 'audio', codec: 'mp3' }] };
    }
    return { container: 'unknown', tracks: [], reason: 'unrecognised file signature' };
  } catch (error) {
    return {
      container: 'unknown',
      tracks: [],
      reason: `damaged header (${error instanceof Error ? error.message : 'unknown error'})`,
    };
  }
}

function probePng(b: Uint8Array): MediaProbe {
  if (ascii(b, 12, 4) !== 'IHDR') return { container: 'png', tracks: [], reason: 'PNG without IHDR' };
  return { container: 'png', tracks: [], width: u32be(b, 16), height: u32be(b, 20) };
}

function probeJpeg(b: Uint8Array): MediaProbe {
  let o = 2;
  while (o + 9 < b.length) {
    if (b[o] !== 0xff) return { container: 'jpeg', tracks: [], reason: 'JPEG marker expected' };
    const marker = b[o + 1] ?? 0;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) {
      o += marker === 0xff ? 1 : 2;
      continue;
    }
    const length = u16be(b, o + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { container: 'jpeg', tracks: [], height: u16be(b, o + 5), width: u16be(b, o + 7) };
    }
    if (length < 2) break;
    o += 2 + length;
  }
  return { container: 'jpeg', tracks: [], reason: 'no JPEG frame header found' };
}

function probeWebp(b: Uint8Array): MediaProbe {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ')
    return {
      container: 'webp',
      tracks: [],
      width: (b[26]! | (b[27]! << 8)) & 0x3fff,
      height: (b[28]! | (b[29]! << 8)) & 0x3fff,
    };
  if (chunk === 'VP8L') {
    const bits = (b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24)) >>> 0;
    return {
      container: 'webp',
      tracks: [],
      width: (bits & 0x3fff) + 1,
      height: ((bits >>> 14) & 0x3fff) + 1,
    };
  }
  if (chunk === 'VP8X')
    return { container: 'webp', tracks: [], width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  return { container: 'webp', tracks: [], reason: `unknown WebP chunk ${chunk}` };
}

/** ISO BMFF (MP4, MOV, AVIF): walk boxes for sample entries, track sizes and duration. */
function probeIsoBmff(b: Uint8Array): MediaProbe {
  const brand = ascii(b, 8, 4);
  const result: MediaProbe = { container: brand === 'avif' || brand === 'avis' ? 'avif' : 'mp4', tracks: [] };
  const containers = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'meta', 'iprp', 'ipco', 'dinf']);
  let handler: string | undefined;
  let trackWidth: number | undefined;
  let trackHeight: number | undefined;

  const walk = (start: number, end: number, depth: number): void => {
    let o = start;
    while (o + 8 <= end && depth < 12) {
      let size = u32be(b, o);
      const type = ascii(b, o + 4, 4);
      let header = 8;
      if (size === 1) {
        size = u32be(b, o + 8) * 2 ** 32 + u32be(b, o + 12);
        header = 16;
      } else if (size === 0) size = end - o;
      if (size < header || o + size > end + 0) {
        if (size < header) throw new Error(`box ${type} has size ${size}`);
        // A truncated file: read what is there.
        size = end - o;
      }
      const body = o + header;
      if (type === 'trak') {
        handler = undefined;
        trackWidth = undefined;
        trackHeight = undefined;
      }
      if (type === 'mvhd') {
        const version = b[body] ?? 0;
        const timescale = version === 1 ? u32be(b, body + 20) : u32be(b, body + 12);
        const duration =
          version === 1 ? u32be(b, body + 24) * 2 ** 32 + u32be(b, body + 28) : u32be(b, body + 16);
        if (timescale > 0) result.duration = duration / timescale;
      } else if (type === 'tkhd') {
        const version = b[body] ?? 0;
        const off = body + (version === 1 ? 88 : 76);
        trackWidth = u32be(b, off) / 65536;
        trackHeight = u32be(b, off + 4) / 65536;
      } else if (type === 'hdlr') {
        handler = ascii(b, body + 8, 4);
      } else if (type === 'stsd') {
        const entryType = ascii(b, body + 12, 4);
        const codec = normaliseFourCc(entryType);
        const kind = handler === 'vide' ? 'video' : handler === 'soun' ? 'audio' : codec.kind;
        const track: ProbeTrack = { type: kind, codec: codec.name };
        if (kind === 'video') {
          const w = trackWidth ?? u16be(b, body + 8 + 8 + 24);
          const h = trackHeight ?? u16be(b, body + 8 + 8 + 26);
          track.width = Math.round(w);
          track.height = Math.round(h);
          result.width = track.width;
          result.height = track.height;
        }
        result.tracks.push(track);
      } else if (type === 'ispe') {
        result.width = u32be(b, body + 4);
        result.height = u32be(b, body + 8);
      }
      if (containers.has(type)) walk(type === 'meta' ? body + 4 : body, Math.min(o + size, end), depth + 1);
      o += size;
    }
  };
  walk(0, b.length, 0);
  if (result.container === 'mp4' && result.tracks.length === 0)
    result.reason = 'no tracks found (moov box missing or truncated)';
  return result;
}

function normaliseFourCc(fourcc: string): { name: string; kind: 'video' | 'audio' | 'other' } {
  switch (fourcc) {
    case 'avc1':
    case 'avc3':
      return { name: 'h264', kind: 'video' };
    case 'hvc1':
    case 'hev1':
      return { name: 'hevc', kind: 'video' };
    case 'av01':
      return { name: 'av1', kind: 'video' };
    case 'vp09':
      return { name: 'vp9', kind: 'video' };
    case 'vp08':
      return { name: 'vp8', kind: 'video' };
    case 'mp4v':
      return { name: 'mpeg4', kind: 'video' };
    case 'mp4a':
      return { name: 'aac', kind: 'audio' };
    case 'Opus':
      return { name: 'opus', kind: 'audio' };
    case 'fLaC':
      return { name: 'flac', kind: 'audio' };
    case 'ac-3':
      return { name: 'ac3', kind: 'audio' };
    case 'ec-3':
      return { name: 'eac3', kind: 'audio' };
    case '.mp3':
      return { name: 'mp3', kind: 'audio' };
    default:
      return { name: fourcc.trim() || 'unknown', kind: 'other' };
  }
}

/** Matroska / WebM: EBML elements down to Tracks and Info. */
function probeMatroska(b: Uint8Array): MediaProbe {
  const readVint = (o: number, keepMarker: boolean): { value: number; length: number } => {
    const first = b[o];
    if (first === undefined || first === 0) throw new Error('bad EBML length');
    let length = 1;
    while (length <= 8 && (first & (0x80 >> (length - 1))) === 0) length++;
    let value = keepMarker ? first : first & (0xff >> length);
    for (let i = 1; i < length; i++) value = value * 256 + (b[o + i] ?? 0);
    // All ones = unknown size (live streams): read to the end.
    const allOnes = !keepMarker && value === 2 ** (7 * length) - 1;
    return { value: allOnes ? Number.POSITIVE_INFINITY : value, length };
  };
  const readUint = (o: number, n: number) => {
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + (b[o + i] ?? 0);
    return v;
  };
  const readFloat = (o: number, n: number) => {
    const view = new DataView(b.buffer, b.byteOffset + o, n);
    return n === 4 ? view.getFloat32(0) : view.getFloat64(0);
  };

  let docType = '';
  const tracks: ProbeTrack[] = [];
  let timecodeScale = 1_000_000;
  let durationTicks: number | undefined;
  const IDS = {
    EBML: 0x1a45dfa3,
    DocType: 0x4282,
    Segment: 0x18538067,
    Info: 0x1549a966,
    TimecodeScale: 0x2ad7b1,
    Duration: 0x4489,
    Tracks: 0x1654ae6b,
    TrackEntry: 0xae,
    TrackType: 0x83,
    CodecID: 0x86,
    Video: 0xe0,
    PixelWidth: 0xb0,
    PixelHeight: 0xba,
    Cluster: 0x1f43b675,
  };
  const masters = new Set([IDS.EBML, IDS.Segment, IDS.Info, IDS.Tracks, IDS.TrackEntry, IDS.Video]);
  let current: ProbeTrack | undefined;
  let trackType = 0;

  const walk = (start: number, end: number, depth: number): boolean => {
    let o = start;
    while (o < end && o < b.length && depth < 8) {
      const id = readVint(o, true);
      const size = readVint(o + id.length, false);
      const body = o + id.length + size.length;
      const bodyEnd = Math.min(
        end,
        b.length,
        size.value === Number.POSITIVE_INFINITY ? b.length : body + size.value,
      );
      if (id.value === IDS.Cluster) return false; // media data starts; headers are done
      if (id.value === IDS.TrackEntry) {
        current = { type: 'other', codec: 'unknown' };
        trackType = 0;
        walk(body, bodyEnd, depth + 1);
        current.type = trackType === 1 ? 'video' : trackType === 2 ? 'audio' : current.type;
        tracks.push(current);
        current = undefined;
      } else if (masters.has(id.value)) {
        if (!walk(body, bodyEnd, depth + 1)) return false;
      } else if (id.value === IDS.DocType) docType = ebmlString(b, body, bodyEnd - body);
      else if (id.value === IDS.TimecodeScale) timecodeScale = readUint(body, bodyEnd - body);
      else if (id.value === IDS.Duration) durationTicks = readFloat(body, bodyEnd - body);
      else if (current && id.value === IDS.TrackType) trackType = readUint(body, bodyEnd - body);
      else if (current && id.value === IDS.CodecID)
        current.codec = matroskaCodec(ebmlString(b, body, bodyEnd - body));
      else if (current && id.value === IDS.PixelWidth) current.width = readUint(body, bodyEnd - body);
      else if (current && id.value === IDS.PixelHeight) current.height = readUint(body, bodyEnd - body);
      if (size.value === Number.POSITIVE_INFINITY) return true;
      o = body + size.value;
    }
    return true;
  };
  walk(0, b.length, 0);
  const video = tracks.find((t) => t.type === 'video');
  const result: MediaProbe = {
    container: docType === 'webm' || docType === 'matroska' ? 'webm' : 'unknown',
    tracks,
  };
  if (result.container === 'unknown') result.reason = `EBML document type ${printable(docType)}`;
  if (docType === 'matroska') result.reason = 'Matroska (.mkv) rather than WebM';
  if (video?.width) result.width = video.width;
  if (video?.height) result.height = video.height;
  if (durationTicks !== undefined) result.duration = (durationTicks * timecodeScale) / 1e9;
  if (tracks.length === 0) result.reason = 'no tracks found';
  return result;
}

/** An EBML string: the spec allows NUL padding after the value ("webm\0"), which is not part of it. */
function ebmlString(b: Uint8Array, start: number, length: number): string {
  return ascii(b, start, length).replace(/\0+$/, '');
}

/** A string from a file, quoted, with control characters shown as escapes (never printed raw). */
export function printable(s: string): string {
  return JSON.stringify(s).replace(
    /[\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function matroskaCodec(id: string): string {
  const map: Record<string, string> = {
    V_VP8: 'vp8',
    V_VP9: 'vp9',
    V_AV1: 'av1',
    'V_MPEG4/ISO/AVC': 'h264',
    'V_MPEGH/ISO/HEVC': 'hevc',
    A_OPUS: 'opus',
    A_VORBIS: 'vorbis',
    A_AAC: 'aac',
    A_MPEG_L3: 'mp3',
    A_FLAC: 'flac',
    A_AC3: 'ac3',
  };
  return map[id.replace(/\0+$/, '')] ?? id;
}

function probeOgg(b: Uint8Array): MediaProbe {
  // First page: 27-byte header, segment table, then the first packet (codec identification).
  const segments = b[26] ?? 0;
  const packet = 27 + segments;
  if (ascii(b, packet, 8) === 'OpusHead')
    return { container: 'ogg', tracks: [{ type: 'audio', codec: 'opus' }] };
  if (ascii(b, packet + 1, 6) === 'vorbis')
    return { container: 'ogg', tracks: [{ type: 'audio', codec: 'vorbis' }] };
  if (ascii(b, packet + 1, 4) === 'FLAC')
    return { container: 'ogg', tracks: [{ type: 'audio', codec: 'flac' }] };
  if (ascii(b, packet + 1, 6) === 'theora')
    return { container: 'ogg', tracks: [{ type: 'video', codec: 'theora' }] };
  return { container: 'ogg', tracks: [], reason: 'unknown Ogg codec' };
}

/** Codecs Chromium and Electron decode everywhere, by container (proprietary codecs included in Electron). */
export const PLAYABLE: Record<string, { video: readonly string[]; audio: readonly string[] }> = {
  mp4: { video: ['h264', 'vp9', 'av1'], audio: ['aac', 'opus', 'mp3', 'flac'] },
  webm: { video: ['vp8', 'vp9', 'av1'], audio: ['opus', 'vorbis'] },
  ogg: { video: [], audio: ['opus', 'vorbis', 'flac'] },
  mp3: { video: [], audio: ['mp3'] },
};
