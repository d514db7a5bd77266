/**
 * Loads the pack's base map (region relief from GeoJSON, a heightmap image with its texture,
 * rivers and roads as ribbons) into a build. Every part is optional and may fail on its own: the
 * table works without them, and failures are reported (never to visitors). Lines wait for the
 * relief and heightmap so they drape over both.
 *
 * The files are requested all at once and decoded off the main thread (`requestBaseMap`), so the
 * table can ask for them before it creates its WebGL context: fetching and decoding then overlap
 * the context's start instead of following it (start-up, issue 15).
 */
import {
  BufferAttribute,
  BufferGeometry,
  Color,
  LineBasicMaterial,
  LineSegments,
  Mesh,
  MeshLambertMaterial,
  SRGBColorSpace,
  Texture,
} from 'three';
import type { Material } from 'three';
import type { PackManifest } from '../../../electron/shared/pack-schema';
import { startsLikeJpeg } from '../../../electron/shared/image-magic';
import { mediaSrcFor } from '../../../electron/shared/pack-schema';
import { parseGeoJson } from './geojson';
import type { DecodedImage } from './png-decode';
import { decodePng } from './png-decode';
import type { TableProjection } from './projection';
import type { Built, Palette } from './scene-builder';
import { tableSpan } from './scene-builder';
import { buildHeightmap, buildLineRibbons, buildRelief, heightGridFromPixels } from './terrain';
import type { TableRect } from './types';

/** What requesting the base map's files needs. */
export type BaseMapSource = {
  manifest: PackManifest;
  language: string;
  /** Pack path → fetchable URL. */
  url: (path: string) => string;
  fetch: typeof fetch;
  /** Decodes an image blob to RGBA pixels (png-decode, else createImageBitmap + canvas, by default). */
  decodeImage?: (blob: Blob) => Promise<DecodedImage>;
  /** Loads a texture from its URL (fetched with `fetch` and decoded as an ImageBitmap by default). */
  loadTexture?: (url: string) => Promise<Texture>;
};

export type BaseMapContext = BaseMapSource & {
  projection: TableProjection;
  rect: TableRect;
  palette: Palette;
  /** False once the build was replaced or the table disposed: late results are dropped. */
  current: () => boolean;
  /**
   * Called at once with the parts to come: the material each will be drawn with (made before its
   * file arrives) and the geometry it will have, so their shader programs can be compiled while
   * the files load.
   */
  partsMade?: (parts: readonly PartDraw[]) => void;
};

/**
 * How a part will be drawn: three.js picks a shader program by the material and by the object and
 * its geometry's attributes (a mesh without normals gets a flat-shaded program, one without
 * positions another). A program compiled ahead for a part must see the same: compiled for bare
 * geometry, it was not the one the first frame drew with, which compiled it again then (two
 * programs of ~60 ms wasted, and one compiled inside the first frame, under SwiftShader).
 */
export type PartDraw = {
  material: Material;
  object: 'mesh' | 'lines';
  /** Each vertex attribute the part's geometry will have, by name: its item size. */
  attributes: Readonly<Record<string, number>>;
};

/** The vertex attributes of each part's geometry, as the builders in terrain.ts make them. */
export const PART_ATTRIBUTES = {
  relief: { position: 3, normal: 3, color: 3 },
  outline: { position: 3 },
  heightmap: { position: 3, uv: 2, color: 3, normal: 3 },
  lines: { position: 3, normal: 3, aT: 1, aSeed: 1 },
} as const satisfies Record<string, Readonly<Record<string, number>>>;

/** The base map's files in flight: each settles on its own (null where the pack has no such part). */
export type BaseMapFiles = {
  regions: Promise<unknown> | null;
  lines: Promise<unknown> | null;
  heightmap: Promise<DecodedImage> | null;
  texture: Promise<Texture> | null;
};

async function decodeWithCanvas(blob: Blob): Promise<DecodedImage> {
  const bitmap = await createImageBitmap(blob);
  const cv = new OffscreenCanvas(bitmap.width, bitmap.height);
  // A CPU-backed canvas: read back from a GPU one, getImageData waited behind the WebGL context's
  // start and shader compiles (~0.7 s of a cold start under SwiftShader).
  const ctx = cv.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2d context for the heightmap');
  ctx.drawImage(bitmap, 0, 0);
  const { width, height } = bitmap;
  const pixels = ctx.getImageData(0, 0, width, height).data;
  bitmap.close();
  return { pixels, width, height };
}

/** A heightmap's pixels: PNGs the canvas would return unchanged are decoded here, without a canvas. */
async function decodeHeightmap(blob: Blob): Promise<DecodedImage> {
  try {
    const png = await decodePng(new Uint8Array(await blob.arrayBuffer()));
    if (png) return png;
  } catch {
    // A damaged file: the browser's decoder has the last word (and names the problem).
  }
  return decodeWithCanvas(blob);
}

/**
 * How a texture file is decoded. A JPEG has no alpha, so the browser's own (premultiplied) decode
 * gives the same pixels; asking it not to premultiply, or to flip, took it off its fast path: the
 * default pack's 1840 × 2048 texture decoded in 14–15 ms plain, 22–46 ms flipped and
 * unpremultiplied (issue 15). Anything else may have alpha, which three.js expects unpremultiplied.
 */
export function textureBitmapOptions(jpeg: boolean): ImageBitmapOptions {
  return jpeg ? {} : { premultiplyAlpha: 'none' };
}

/**
 * A texture from an ImageBitmap decoded off the main thread (an <img> decodes on upload). WebGL
 * ignores UNPACK_FLIP_Y for bitmaps, so the bitmap is uploaded as decoded (top row first) and the
 * texture's transform turns it over (v → 1 − v): the same picture TextureLoader's flipped upload
 * gave, with the flip free in the shader instead of a copy at decode.
 */
export async function bitmapTexture(fetchFn: typeof fetch, url: string): Promise<Texture> {
  const r = await fetchFn(url);
  if (!r.ok) throw new Error(`${url} answered ${r.status}`);
  const blob = await r.blob();
  const jpeg = startsLikeJpeg(new Uint8Array(await blob.slice(0, 3).arrayBuffer()));
  const bitmap = await createImageBitmap(blob, textureBitmapOptions(jpeg));
  const texture = new Texture(bitmap);
  texture.flipY = false;
  texture.repeat.set(1, -1);
  texture.offset.set(0, 1);
  texture.needsUpdate = true;
  texture.addEventListener('dispose', () => bitmap.close());
  return texture;
}

/** A promise whose rejection is reported where it is awaited, not as unhandled if never awaited. */
function quiet<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

/** Requests (and decodes) every base-map file at once. Nothing here touches three's scene or WebGL. */
export function requestBaseMap(src: BaseMapSource): BaseMapFiles {
  const base = src.manifest.sandTable?.base;
  const none: BaseMapFiles = { regions: null, lines: null, heightmap: null, texture: null };
  if (!base) return none;
  const urlOf = (mediaId: string | undefined): string | null => {
    if (!mediaId) return null;
    const m = src.manifest.media[mediaId];
    const path = m ? mediaSrcFor(m, src.language, src.manifest.defaultLanguage) : undefined;
    return path ? src.url(path) : null;
  };
  const getJson = (mediaId: string | undefined): Promise<unknown> => {
    const url = urlOf(mediaId);
    if (!url) return Promise.resolve(null);
    return quiet(
      src.fetch(url).then(async (r) => {
        if (!r.ok) throw new Error(`${mediaId ?? ''} answered ${r.status}`);
        return (await r.json()) as unknown;
      }),
    );
  };
  const hm = base.heightmap;
  const imageUrl = urlOf(hm?.image);
  const textureUrl = urlOf(hm?.texture);
  return {
    regions: base.regions ? getJson(base.regions) : null,
    lines: base.lines ? getJson(base.lines) : null,
    heightmap:
      hm && imageUrl
        ? quiet(
            src.fetch(imageUrl).then(async (r) => {
              if (!r.ok) throw new Error(`${hm.image} answered ${r.status}`);
              return (src.decodeImage ?? decodeHeightmap)(await r.blob());
            }),
          )
        : null,
    texture: textureUrl
      ? quiet((src.loadTexture ?? ((u: string) => bitmapTexture(src.fetch, u)))(textureUrl))
      : null,
  };
}

/**
 * Loads the base map parts into `b` from `files` (requested now unless the caller already did);
 * resolves with one message per part that failed.
 */
export async function loadBaseMap(
  b: Built,
  ctx: BaseMapContext,
  files: BaseMapFiles = requestBaseMap(ctx),
): Promise<string[]> {
  const base = ctx.manifest.sandTable?.base;
  if (!base) return [];
  const c = ctx.palette;
  const span = tableSpan(ctx.rect);
  // Each part's material is made now, not when its file arrives: the table compiles their
  // programs while the files load, and its first frame only draws (issue 15). The heightmap's
  // texture is not here yet; a stand-in gives its material the same program until it is.
  const made = <T extends Material>(m: T): T => {
    b.materials.add(m);
    return m;
  };
  const reliefMaterial = files.regions ? made(new MeshLambertMaterial({ vertexColors: true })) : null;
  const outlineMaterial = files.regions
    ? made(new LineBasicMaterial({ color: c.gold, transparent: true, opacity: 0.55 }))
    : null;
  const standIn = files.texture ? new Texture() : null;
  if (standIn) {
    standIn.colorSpace = SRGBColorSpace;
    b.textures.add(standIn);
  }
  const heightmapMaterial =
    base.heightmap && files.heightmap
      ? made(new MeshLambertMaterial(standIn ? { map: standIn } : { vertexColors: true }))
      : null;
  const linesMaterial = files.lines
    ? made(new MeshLambertMaterial({ color: new Color('#56707d').lerp(new Color(c.surface), 0.2) }))
    : null;
  const parts: PartDraw[] = [];
  const part = (
    material: Material | null,
    object: PartDraw['object'],
    attributes: PartDraw['attributes'],
  ) => {
    if (material) parts.push({ material, object, attributes });
  };
  part(reliefMaterial, 'mesh', PART_ATTRIBUTES.relief);
  part(outlineMaterial, 'lines', PART_ATTRIBUTES.outline);
  part(heightmapMaterial, 'mesh', PART_ATTRIBUTES.heightmap);
  part(linesMaterial, 'mesh', PART_ATTRIBUTES.lines);
  ctx.partsMade?.(parts);
  const tasks: Promise<void>[] = [];
  if (files.regions) {
    tasks.push(
      files.regions.then((data) => {
        if (!ctx.current()) return;
        const parsed = parseGeoJson(data);
        const relief = buildRelief(parsed.polygons, ctx.projection, {
          defaultHeight: 10,
          heightScale: span * 0.001,
          palette: [
            new Color(c.surface).lerp(new Color(c.gold), 0.1).getStyle(),
            new Color(c.surface).lerp(new Color(c.muted), 0.12).getStyle(),
            new Color(c.surface).lerp(new Color(c.accent), 0.1).getStyle(),
            new Color(c.surface).lerp(new Color(c.gold), 0.16).getStyle(),
          ],
        });
        if (relief.geometry && reliefMaterial) {
          b.geometries.add(relief.geometry);
          const mesh = new Mesh(relief.geometry, reliefMaterial);
          mesh.name = 'relief';
          b.root.add(mesh);
        }
        if (relief.outline.length > 0 && outlineMaterial) {
          const g = new BufferGeometry();
          g.setAttribute('position', new BufferAttribute(relief.outline, 3));
          b.geometries.add(g);
          const lines = new LineSegments(g, outlineMaterial);
          lines.name = 'relief-outline';
          b.root.add(lines);
        }
        for (const poly of parsed.polygons) {
          const outer = poly.rings[0];
          if (!outer) continue;
          b.surface.addRelief(
            outer.map(([lon, lat]) => ctx.projection.toTable({ lon, lat })),
            Math.max(1e-4, (poly.style.height ?? 10) * span * 0.001),
          );
        }
      }),
    );
  }
  if (base.heightmap && files.heightmap && heightmapMaterial) {
    const hm = base.heightmap;
    const decoded = files.heightmap;
    tasks.push(
      (async () => {
        const image = await decoded;
        if (!ctx.current()) {
          void files.texture?.then(
            (t) => t.dispose(),
            () => undefined,
          );
          return;
        }
        const grid = heightGridFromPixels(image.pixels, image.width, image.height);
        b.surface.setHeightmap(grid, hm.maxHeight);
        const g = buildHeightmap(
          grid,
          ctx.rect,
          hm.maxHeight,
          new Color(c.surface).lerp(new Color(c.muted), 0.18).getStyle(),
          new Color(c.gold).lerp(new Color(c.surface), 0.35).getStyle(),
        );
        b.geometries.add(g);
        if (files.texture) {
          const texture = await files.texture;
          texture.colorSpace = SRGBColorSpace;
          b.textures.add(texture);
          // Same kind of texture as the stand-in: the program compiled for it stays.
          heightmapMaterial.map = texture;
        }
        if (!ctx.current()) return;
        const mesh = new Mesh(g, heightmapMaterial);
        mesh.name = 'heightmap';
        mesh.position.y = b.surface.floor;
        b.root.add(mesh);
      })(),
    );
  }
  // Rivers and roads drape over the relief and heightmap, so they wait for both.
  const surfaceReady = Promise.allSettled([...tasks]);
  if (files.lines && linesMaterial) {
    const lines = files.lines;
    tasks.push(
      surfaceReady
        .then(() => lines)
        .then((data) => {
          if (!ctx.current()) return;
          const parsed = parseGeoJson(data);
          const lift = span * 0.0012;
          const g = buildLineRibbons(
            parsed.lines,
            ctx.projection,
            span * 0.0035,
            (x, z) => b.surface.heightAt(x, z) + lift,
            span / 150,
          );
          b.geometries.add(g);
          const mesh = new Mesh(g, linesMaterial);
          mesh.name = 'lines';
          b.root.add(mesh);
        }),
    );
  }
  const results = await Promise.allSettled(tasks);
  return results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
}
