/**
 * Loads the pack's base map (region relief from GeoJSON, a heightmap image with its texture,
 * rivers and roads as ribbons) into a build. Every part is optional and may fail on its own: the
 * table works without them, and failures are reported (never to visitors). Lines wait for the
 * relief and heightmap so they drape over both.
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
  TextureLoader,
} from 'three';
import type { Texture } from 'three';
import type { PackManifest } from '../../../electron/shared/pack-schema';
import { mediaSrcFor } from '../../../electron/shared/pack-schema';
import { parseGeoJson } from './geojson';
import type { TableProjection } from './projection';
import type { Built, Palette } from './scene-builder';
import { tableSpan } from './scene-builder';
import { buildHeightmap, buildLineRibbons, buildRelief, heightGridFromPixels } from './terrain';
import type { TableRect } from './types';

export type BaseMapContext = {
  manifest: PackManifest;
  projection: TableProjection;
  rect: TableRect;
  palette: Palette;
  language: string;
  /** Pack path → fetchable URL. */
  url: (path: string) => string;
  fetch: typeof fetch;
  /** Decodes an image blob to RGBA pixels (the browser's createImageBitmap + canvas by default). */
  decodeImage?: (blob: Blob) => Promise<{ pixels: Uint8ClampedArray; width: number; height: number }>;
  loadTexture?: (url: string) => Promise<Texture>;
  /** False once the build was replaced or the table disposed: late results are dropped. */
  current: () => boolean;
};

async function decodeWithCanvas(
  blob: Blob,
): Promise<{ pixels: Uint8ClampedArray; width: number; height: number }> {
  const bitmap = await createImageBitmap(blob);
  const cv = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = cv.getContext('2d');
  if (!ctx) throw new Error('no 2d context for the heightmap');
  ctx.drawImage(bitmap, 0, 0);
  const { width, height } = bitmap;
  const pixels = ctx.getImageData(0, 0, width, height).data;
  bitmap.close();
  return { pixels, width, height };
}

/** Loads the base map parts into `b`; resolves with one message per part that failed. */
export async function loadBaseMap(b: Built, ctx: BaseMapContext): Promise<string[]> {
  const base = ctx.manifest.sandTable?.base;
  if (!base) return [];
  const c = ctx.palette;
  const span = tableSpan(ctx.rect);
  const urlOf = (mediaId: string | undefined): string | null => {
    if (!mediaId) return null;
    const m = ctx.manifest.media[mediaId];
    const src = m ? mediaSrcFor(m, ctx.language, ctx.manifest.defaultLanguage) : undefined;
    return src ? ctx.url(src) : null;
  };
  const getJson = async (mediaId: string | undefined): Promise<unknown> => {
    const url = urlOf(mediaId);
    if (!url) return null;
    const r = await ctx.fetch(url);
    if (!r.ok) throw new Error(`${mediaId ?? ''} answered ${r.status}`);
    return (await r.json()) as unknown;
  };
  const tasks: Promise<void>[] = [];
  if (base.regions) {
    tasks.push(
      getJson(base.regions).then((data) => {
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
        if (relief.geometry) {
          b.geometries.add(relief.geometry);
          const m = new MeshLambertMaterial({ vertexColors: true });
          b.materials.add(m);
          const mesh = new Mesh(relief.geometry, m);
          mesh.name = 'relief';
          b.root.add(mesh);
        }
        if (relief.outline.length > 0) {
          const g = new BufferGeometry();
          g.setAttribute('position', new BufferAttribute(relief.outline, 3));
          b.geometries.add(g);
          const m = new LineBasicMaterial({ color: c.gold, transparent: true, opacity: 0.55 });
          b.materials.add(m);
          const lines = new LineSegments(g, m);
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
  if (base.heightmap) {
    const hm = base.heightmap;
    tasks.push(
      (async () => {
        const url = urlOf(hm.image);
        if (!url) return;
        const r = await ctx.fetch(url);
        if (!r.ok) throw new Error(`${hm.image} answered ${r.status}`);
        const image = await (ctx.decodeImage ?? decodeWithCanvas)(await r.blob());
        if (!ctx.current()) return;
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
        const textureUrl = urlOf(hm.texture);
        let texture: Texture | null = null;
        if (textureUrl) {
          texture = await (ctx.loadTexture ?? ((u: string) => new TextureLoader().loadAsync(u)))(textureUrl);
          texture.colorSpace = SRGBColorSpace;
          b.textures.add(texture);
        }
        if (!ctx.current()) return;
        const m = texture
          ? new MeshLambertMaterial({ map: texture })
          : new MeshLambertMaterial({ vertexColors: true });
        b.materials.add(m);
        const mesh = new Mesh(g, m);
        mesh.name = 'heightmap';
        mesh.position.y = b.surface.floor;
        b.root.add(mesh);
      })(),
    );
  }
  // Rivers and roads drape over the relief and heightmap, so they wait for both.
  const surfaceReady = Promise.allSettled([...tasks]);
  if (base.lines) {
    const linesId = base.lines;
    tasks.push(
      surfaceReady
        .then(() => getJson(linesId))
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
          const m = new MeshLambertMaterial({ color: new Color('#56707d').lerp(new Color(c.surface), 0.2) });
          b.materials.add(m);
          const mesh = new Mesh(g, m);
          mesh.name = 'lines';
          b.root.add(mesh);
        }),
    );
  }
  const results = await Promise.allSettled(tasks);
  return results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
}
