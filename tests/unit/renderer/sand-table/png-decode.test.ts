import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePng } from '../../../../renderer/src/sand-table/png-decode';

function chunk(type: string, body: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

type PngSpec = {
  width: number;
  height: number;
  colour?: number;
  depth?: number;
  interlace?: number;
  extra?: [string, Uint8Array][];
};

/** A PNG of `samples` (rows of width × channels bytes), each row written with `filters[y]`. */
function encode(spec: PngSpec, samples: Uint8Array, filters: number[]): Uint8Array {
  const { width, height } = spec;
  const colour = spec.colour ?? 0;
  const bpp = colour === 2 ? 3 : 1;
  const stride = width * bpp;
  const raw = new Uint8Array(height * (stride + 1));
  const at = (x: number, y: number) => (x < 0 || y < 0 ? 0 : (samples[y * stride + x] ?? 0));
  for (let y = 0; y < height; y++) {
    const f = filters[y % filters.length] ?? 0;
    raw[y * (stride + 1)] = f;
    for (let x = 0; x < stride; x++) {
      const v = at(x, y);
      const a = at(x - bpp, y);
      const b = at(x, y - 1);
      const c = at(x - bpp, y - 1);
      const p = a + b - c;
      const pred =
        f === 0
          ? 0
          : f === 1
            ? a
            : f === 2
              ? b
              : f === 3
                ? (a + b) >> 1
                : Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
                  ? a
                  : Math.abs(p - b) <= Math.abs(p - c)
                    ? b
                    : c;
      raw[y * (stride + 1) + 1 + x] = (v - pred) & 0xff;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = spec.depth ?? 8;
  ihdr[9] = colour;
  ihdr[12] = spec.interlace ?? 0;
  const data = deflateSync(raw);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...(spec.extra ?? []).map(([t, b]) => chunk(t, b)),
    // Two IDAT chunks, as encoders split long streams.
    chunk('IDAT', data.subarray(0, data.length >> 1)),
    chunk('IDAT', data.subarray(data.length >> 1)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

describe('PNG decoder for heightmaps', () => {
  it('decodes grey and RGB rows under every filter to the RGBA the canvas gives', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 7 }),
        fc.boolean(),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 7 }),
        fc.infiniteStream(fc.integer({ min: 0, max: 255 })),
        async (width, height, rgb, filters, values) => {
          const bpp = rgb ? 3 : 1;
          const it = values[Symbol.iterator]();
          const samples = Uint8Array.from({ length: width * height * bpp }, () => it.next().value as number);
          const png = encode({ width, height, colour: rgb ? 2 : 0 }, samples, filters);
          const out = await decodePng(png);
          expect(out).not.toBeNull();
          expect(out!.width).toBe(width);
          expect(out!.height).toBe(height);
          const expected = new Uint8ClampedArray(width * height * 4);
          for (let i = 0; i < width * height; i++) {
            expected[i * 4] = samples[i * bpp]!;
            expected[i * 4 + 1] = samples[i * bpp + (rgb ? 1 : 0)]!;
            expected[i * 4 + 2] = samples[i * bpp + (rgb ? 2 : 0)]!;
            expected[i * 4 + 3] = 255;
          }
          expect(out!.pixels).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('leaves to the browser what its canvas would change or this decoder does not read', async () => {
    const px = new Uint8Array([10, 20, 30, 40]);
    const cases: PngSpec[] = [
      { width: 2, height: 2, depth: 16 },
      { width: 2, height: 2, interlace: 1 },
      { width: 2, height: 2, colour: 3 },
      { width: 2, height: 2, colour: 6 },
      { width: 2, height: 2, extra: [['gAMA', new Uint8Array([0, 0, 0xb1, 0x8f])]] },
      { width: 2, height: 2, extra: [['tRNS', new Uint8Array([0, 10])]] },
    ];
    for (const spec of cases) expect(await decodePng(encode(spec, px, [0]))).toBeNull();
    expect(await decodePng(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0, 0]))).toBeNull();
  });

  it('throws on a damaged file (the caller falls back to the browser)', async () => {
    const png = encode({ width: 3, height: 3 }, new Uint8Array(9), [0]);
    await expect(decodePng(png.subarray(0, png.length - 30))).rejects.toThrow();
  });

  it("decodes the default pack's heightmap", async () => {
    const file = readFileSync('assets/packs/default/media/base/heightmap.png');
    const out = await decodePng(new Uint8Array(file));
    expect(out).not.toBeNull();
    expect([out!.width, out!.height]).toEqual([460, 512]);
    const greys = new Set<number>();
    let grey = true;
    for (let i = 0; i < out!.pixels.length; i += 4) {
      grey &&= out!.pixels[i + 1] === out!.pixels[i] && out!.pixels[i + 3] === 255;
      greys.add(out!.pixels[i]!);
    }
    expect(grey).toBe(true);
    expect(greys.size).toBeGreaterThan(16);
  });
});
