/**
 * The sand table's relief: a smooth, clearly artistic height field over longitude and latitude
 * (rolling hills, rising towards the west), and its hill-shaded colouring. One function for the
 * table's base map and for every locator map drawn on it, so they show the same land.
 */

export function mulberry(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function latticeValue(ix, iy, seed) {
  let h = Math.imul(ix, 374761393) + Math.imul(iy, 668265263) + Math.imul(seed, 2147483647);
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

function valueNoise(x, y, seed) {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const fx = x - ix;
  const fy = y - iy;
  const sx = fx * fx * fx * (fx * (fx * 6 - 15) + 10);
  const sy = fy * fy * fy * (fy * (fy * 6 - 15) + 10);
  const a = latticeValue(ix, iy, seed);
  const b = latticeValue(ix + 1, iy, seed);
  const c = latticeValue(ix, iy + 1, seed);
  const d = latticeValue(ix + 1, iy + 1, seed);
  return a + (b - a) * sx + (c - a) * sy + (a - b - c + d) * sx * sy;
}

function fbm(x, y, seed, octaves = 5) {
  let sum = 0;
  let amp = 0.5;
  let freq = 1;
  let norm = 0;
  for (let o = 0; o < octaves; o++) {
    sum += amp * valueNoise(x * freq, y * freq, seed + o * 101);
    norm += amp;
    amp *= 0.5;
    freq *= 2.03;
  }
  return sum / norm;
}

const smoothstep = (e0, e1, x) => {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
};

/** Illustrative relief in [0, 1]: gentle rolling hills, rising a little towards the west. */
export function relief(lon, lat) {
  const hills = fbm(lon * 0.32, lat * 0.32, 7, 4);
  const uplands = fbm(lon * 0.18 + 40, lat * 0.18 + 40, 19, 3);
  const west = smoothstep(112, 101, lon);
  return Math.min(1, Math.max(0, 0.08 + 0.32 * hills + 0.6 * west * uplands * uplands * 1.6));
}

/**
 * RGB pixels (row-major, 3 bytes each) of a height field sampled over `bounds`, lit from the
 * north-west with slopes exaggerated for legibility. `rng` adds a faint grain when given.
 */
export function shadeRelief(field, w, h, bounds, rng) {
  const { west, south, east, north } = bounds;
  const rgb = Buffer.alloc(w * h * 3);
  const low = [44, 38, 33];
  const high = [112, 96, 77];
  const dx = ((east - west) / w) * 10 * Math.cos((31 * Math.PI) / 180);
  const dy = ((north - south) / h) * 10;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const v = field[i];
      const left = field[y * w + Math.max(0, x - 1)];
      const right = field[y * w + Math.min(w - 1, x + 1)];
      const up = field[Math.max(0, y - 1) * w + x];
      const down = field[Math.min(h - 1, y + 1) * w + x];
      const sx = ((right - left) * 2.5) / (2 * dx);
      const sy = ((down - up) * 2.5) / (2 * dy);
      const shade = Math.min(1.25, Math.max(0.7, 1 - (sx + sy) * 2.2));
      const grain = rng ? (rng() - 0.5) * 4 : 0;
      for (let c = 0; c < 3; c++) {
        const base = low[c] + (high[c] - low[c]) * Math.pow(v, 0.9);
        rgb[i * 3 + c] = Math.max(0, Math.min(255, Math.round(base * shade + grain)));
      }
    }
  }
  return rgb;
}

/** The height field over `bounds` at w × h samples (pixel centres). */
export function sampleRelief(bounds, w, h) {
  const { west, south, east, north } = bounds;
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const lat = north - ((y + 0.5) / h) * (north - south);
    for (let x = 0; x < w; x++) {
      const lon = west + ((x + 0.5) / w) * (east - west);
      out[y * w + x] = relief(lon, lat);
    }
  }
  return out;
}
