/**
 * A small PNG decoder for heightmaps, so reading one needs no 2D canvas. On a cold start the
 * canvas route (createImageBitmap → OffscreenCanvas → getImageData) had to open a GPU command
 * buffer for the canvas while the table's WebGL context was starting: ~0.4 s of the main thread
 * waiting on the GPU process under SwiftShader (Chromium trace, issue 15).
 *
 * It decodes only the PNGs whose pixels the canvas would return unchanged: 8-bit grey or RGB,
 * not interlaced, without transparency (the canvas premultiplies alpha) and without gamma or
 * colour-profile chunks (the browser would colour-manage them). Anything else — and anything that
 * is not a PNG — answers null, and the caller leaves it to the browser's decoder.
 */

export type DecodedImage = { pixels: Uint8ClampedArray; width: number; height: number };

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Chunks after which the canvas's pixels would differ from the file's samples. */
const MANAGED = new Set(['gAMA', 'iCCP', 'cHRM', 'tRNS', 'sBIT']);

/** Inflates a zlib stream (the browser's and Node's DecompressionStream). */
export async function inflateZlib(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Reverses the per-row filters; returns the rows without their filter bytes. One loop per filter
 * type, chosen once per row, and no fallbacks per byte: this runs once per start, mostly before
 * V8 optimises anything (a Chromium profile of a cold start showed ~60 ms here for the 460 × 512
 * relief). Decoding that relief in Node without the JIT: 70–114 ms before, 55–76 ms after; with
 * it, no change (15–27 ms).
 */
export function unfilter(data: Uint8Array, width: number, height: number, bpp: number): Uint8Array {
  const stride = width * bpp;
  if (data.length < height * (stride + 1)) throw new Error('PNG image data is short');
  const out = new Uint8Array(height * stride);
  // Row -1 is all zeros: a filter that reads the row above reads zeros on the first row.
  const zeros = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const type = data[y * (stride + 1)]!;
    const src = data.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = out.subarray(y * stride, (y + 1) * stride);
    const up = y > 0 ? out.subarray((y - 1) * stride, y * stride) : zeros;
    switch (type) {
      case 0:
        row.set(src);
        break;
      case 1:
        for (let x = 0; x < bpp; x++) row[x] = src[x]!;
        for (let x = bpp; x < stride; x++) row[x] = (src[x]! + row[x - bpp]!) & 0xff;
        break;
      case 2:
        for (let x = 0; x < stride; x++) row[x] = (src[x]! + up[x]!) & 0xff;
        break;
      case 3:
        for (let x = 0; x < bpp; x++) row[x] = (src[x]! + (up[x]! >> 1)) & 0xff;
        for (let x = bpp; x < stride; x++) row[x] = (src[x]! + ((row[x - bpp]! + up[x]!) >> 1)) & 0xff;
        break;
      case 4:
        for (let x = 0; x < bpp; x++) row[x] = (src[x]! + up[x]!) & 0xff; // paeth(0, b, 0) = b
        for (let x = bpp; x < stride; x++) {
          row[x] = (src[x]! + paeth(row[x - bpp]!, up[x]!, up[x - bpp]!)) & 0xff;
        }
        break;
      default:
        throw new Error(`PNG row ${y} has an unknown filter ${String(type)}`);
    }
  }
  return out;
}

/** Decodes `bytes` to RGBA, or null when the browser should (see the module comment). */
export async function decodePng(
  bytes: Uint8Array,
  inflate: (data: Uint8Array) => Promise<Uint8Array> = inflateZlib,
): Promise<DecodedImage | null> {
  if (bytes.length < 8 || SIGNATURE.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Uint8Array[] = [];
  let at = 8;
  while (at + 8 <= bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (body.length !== length) throw new Error(`PNG chunk ${type} is cut short`);
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      const [depth, colour, , , interlace] = body.subarray(8, 13);
      if (depth !== 8 || interlace !== 0 || (colour !== 0 && colour !== 2)) return null;
      channels = colour === 0 ? 1 : 3;
    } else if (MANAGED.has(type)) {
      return null;
    } else if (type === 'IDAT') {
      idat.push(body);
    } else if (type === 'IEND') {
      break;
    }
    at += 12 + length;
  }
  if (channels === 0 || width === 0 || height === 0 || idat.length === 0) return null;
  const joined = new Uint8Array(idat.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of idat) {
    joined.set(c, offset);
    offset += c.length;
  }
  const samples = unfilter(await inflate(joined), width, height, channels);
  const pixels = new Uint8ClampedArray(width * height * 4);
  if (channels === 1) {
    for (let i = 0, s = 0; i < pixels.length; i += 4, s += 1) {
      const v = samples[s]!;
      pixels[i] = v;
      pixels[i + 1] = v;
      pixels[i + 2] = v;
      pixels[i + 3] = 255;
    }
  } else {
    for (let i = 0, s = 0; i < pixels.length; i += 4, s += 3) {
      pixels[i] = samples[s]!;
      pixels[i + 1] = samples[s + 1]!;
      pixels[i + 2] = samples[s + 2]!;
      pixels[i + 3] = 255;
    }
  }
  return { pixels, width, height };
}
