import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { Texture, Vector2 } from 'three';
import type { Material, Mesh } from 'three';
import type { PartDraw } from '../../../../renderer/src/sand-table/base-map';
import {
  bitmapTexture,
  loadBaseMap,
  requestBaseMap,
  textureBitmapOptions,
} from '../../../../renderer/src/sand-table/base-map';
import type { Built } from '../../../../renderer/src/sand-table/scene-builder';
import { startsLikeJpeg } from '../../../../electron/shared/image-magic';
import { buildScene, disposeBuilt } from '../../../../renderer/src/sand-table/scene-builder';
import { SAND_SMALL, sandSmall, sceneSpecOf } from './sand-small';

/** A fetch that serves the fixture pack's files, or fails for the paths given. */
function packFetch(failing: readonly string[] = []): typeof fetch {
  return (input: RequestInfo | URL) => {
    const url = input instanceof Request ? input.url : input.toString();
    if (failing.some((f) => url.endsWith(f))) return Promise.resolve(new Response('nope', { status: 404 }));
    return Promise.resolve(new Response(readFileSync(`${SAND_SMALL}/${url}`), { status: 200 }));
  };
}

/**
 * The part `name` is drawn as it was announced: with the announced material, as the announced kind
 * of object, and with exactly the announced vertex attributes (names and item sizes). three.js
 * picks the shader program by all three, so a program compiled ahead from the announcement is the
 * one the part draws with.
 */
function expectDrawnAsMade(b: Built, name: string, made: readonly PartDraw[]): void {
  const object = b.root.getObjectByName(name) as Mesh | undefined;
  if (!object) throw new Error(`no ${name} in the build`);
  const part = made.find((p) => p.material === object.material);
  expect(part, `${name} was announced`).toBeDefined();
  expect(part!.object).toBe((object as { isLineSegments?: boolean }).isLineSegments ? 'lines' : 'mesh');
  const attributes = Object.fromEntries(
    Object.entries(object.geometry.attributes).map(([k, a]) => [k, a.itemSize]),
  );
  expect(attributes, `${name}'s attributes`).toEqual(part!.attributes);
}

describe('base map loader', () => {
  const manifest = sandSmall();

  it('adds the relief, its outline and the rivers, and raises the surface', async () => {
    const spec = sceneSpecOf(manifest);
    const b = buildScene(spec);
    const failures = await loadBaseMap(b, {
      ...spec,
      language: 'zh-Hans',
      url: (p) => p,
      fetch: packFetch(),
      current: () => true,
    });
    expect(failures).toEqual([]);
    const names = b.root.children.map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining(['relief', 'relief-outline', 'lines']));
    const p = spec.xs[0]!;
    expect(b.surface.heightAt(p, spec.zs[0]!)).toBeGreaterThanOrEqual(b.surface.floor);
    disposeBuilt(b);
  });

  it('reports a part that fails and keeps the others', async () => {
    const spec = sceneSpecOf(manifest);
    const b = buildScene(spec);
    const failures = await loadBaseMap(b, {
      ...spec,
      language: 'en',
      url: (p) => p,
      fetch: packFetch(['regions.geojson']),
      current: () => true,
    });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/regions answered 404/);
    expect(b.root.getObjectByName('lines')).toBeDefined();
    expect(b.root.getObjectByName('relief')).toBeUndefined();
    disposeBuilt(b);
  });

  it('drops late results once the build was replaced', async () => {
    const spec = sceneSpecOf(manifest);
    const b = buildScene(spec);
    await loadBaseMap(b, {
      ...spec,
      language: 'zh-Hans',
      url: (p) => p,
      fetch: packFetch(),
      current: () => false,
    });
    expect(b.root.getObjectByName('relief')).toBeUndefined();
    expect(b.root.getObjectByName('lines')).toBeUndefined();
    disposeBuilt(b);
  });

  it('requests every file at once: the rivers do not wait for the relief to arrive', async () => {
    const spec = sceneSpecOf(manifest);
    const b = buildScene(spec);
    const requested: string[] = [];
    let release = (): void => undefined;
    const held = new Promise<void>((ok) => (release = ok));
    const serve = packFetch();
    const fetchFn: typeof fetch = async (input, init) => {
      requested.push(input instanceof Request ? input.url : input.toString());
      await held;
      return serve(input, init);
    };
    const loading = loadBaseMap(b, {
      ...spec,
      language: 'en',
      url: (p) => p,
      fetch: fetchFn,
      current: () => true,
    });
    await Promise.resolve();
    expect(requested.map((u) => u.split('/').pop())).toEqual(
      expect.arrayContaining(['regions.geojson', 'lines.geojson']),
    );
    release();
    expect(await loading).toEqual([]);
    expect(b.root.getObjectByName('lines')).toBeDefined();
    disposeBuilt(b);
  });

  it("makes the parts' materials before any file arrives, and draws the parts with them", async () => {
    const spec = sceneSpecOf(manifest);
    const b = buildScene(spec);
    let release = (): void => undefined;
    const held = new Promise<void>((ok) => (release = ok));
    const serve = packFetch();
    let made: readonly PartDraw[] = [];
    const loading = loadBaseMap(b, {
      ...spec,
      language: 'en',
      url: (p) => p,
      fetch: async (input, init) => {
        await held;
        return serve(input, init);
      },
      current: () => true,
      partsMade: (parts) => (made = parts),
    });
    // Relief, its outline and the rivers: known before their files arrive (their programs compile
    // meanwhile).
    expect(made).toHaveLength(3);
    expect(made.every((p) => b.materials.has(p.material))).toBe(true);
    release();
    expect(await loading).toEqual([]);
    for (const name of ['relief', 'relief-outline', 'lines']) expectDrawnAsMade(b, name, made);
    disposeBuilt(b);
  });

  it('starts the heightmap and its texture together, before anything is built', () => {
    const base = manifest.sandTable!.base;
    const withHeightmap = {
      ...manifest,
      media: {
        ...manifest.media,
        hm: { kind: 'image' as const, src: 'media/hm.png', illustration: false },
        tex: { kind: 'image' as const, src: 'media/tex.jpg', illustration: false },
      },
      sandTable: {
        ...manifest.sandTable!,
        base: { ...base, heightmap: { image: 'hm', texture: 'tex', maxHeight: 2 } },
      },
    } as typeof manifest;
    const fetched: string[] = [];
    const textures: string[] = [];
    const files = requestBaseMap({
      manifest: withHeightmap,
      language: 'en',
      url: (p) => p,
      fetch: (input) => {
        fetched.push(input instanceof Request ? input.url : input.toString());
        return Promise.resolve(new Response(new Uint8Array(4)));
      },
      decodeImage: () => Promise.resolve({ pixels: new Uint8ClampedArray(4), width: 1, height: 1 }),
      loadTexture: (url) => {
        textures.push(url);
        return Promise.resolve(new Texture());
      },
    });
    expect(fetched).toEqual(expect.arrayContaining(['media/hm.png']));
    expect(textures).toEqual(['media/tex.jpg']);
    expect(files.heightmap).not.toBeNull();
    expect(files.texture).not.toBeNull();
  });
  it("the heightmap's material is made with a stand-in texture and draws with the real one", async () => {
    const withHeightmap = {
      ...manifest,
      media: {
        ...manifest.media,
        hm: { kind: 'image' as const, src: 'media/hm.png', illustration: false },
        tex: { kind: 'image' as const, src: 'media/tex.jpg', illustration: false },
      },
      sandTable: {
        ...manifest.sandTable!,
        base: { heightmap: { image: 'hm', texture: 'tex', maxHeight: 2 } },
      },
    } as typeof manifest;
    const spec = { ...sceneSpecOf(manifest), manifest: withHeightmap };
    const b = buildScene(spec);
    const real = new Texture();
    const src = {
      manifest: withHeightmap,
      language: 'en',
      url: (p: string) => p,
      fetch: packFetch(),
      decodeImage: () =>
        Promise.resolve({ pixels: new Uint8ClampedArray(16).fill(128), width: 2, height: 2 }),
      loadTexture: () => Promise.resolve(real),
    };
    let made: readonly PartDraw[] = [];
    const failures = await loadBaseMap(
      b,
      { ...spec, ...src, current: () => true, partsMade: (m) => (made = m) },
      requestBaseMap({ ...src, fetch: () => Promise.resolve(new Response(new Uint8Array(4))) }),
    );
    expect(failures).toEqual([]);
    const mesh = b.root.getObjectByName('heightmap') as Mesh<never, Material & { map: Texture | null }>;
    expectDrawnAsMade(b, 'heightmap', made);
    expect(mesh.material.map).toBe(real);
    disposeBuilt(b);
  });
});

describe('base map texture decode', () => {
  const jpegHead = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
  const pngHead = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]);

  it('tells a JPEG by its first bytes', () => {
    expect(startsLikeJpeg(jpegHead)).toBe(true);
    expect(startsLikeJpeg(pngHead)).toBe(false);
    expect(startsLikeJpeg(new Uint8Array([0xff, 0xd8]))).toBe(false);
  });

  it('decodes a JPEG plainly and anything else unpremultiplied, never flipped', () => {
    expect(textureBitmapOptions(true)).toEqual({});
    expect(textureBitmapOptions(false)).toEqual({ premultiplyAlpha: 'none' });
  });

  it('uploads the bitmap as decoded and turns it over in the texture transform', async () => {
    const calls: [Blob, ImageBitmapOptions | undefined][] = [];
    const closed: number[] = [];
    vi.stubGlobal('createImageBitmap', (blob: Blob, options?: ImageBitmapOptions) => {
      calls.push([blob, options]);
      return Promise.resolve({ width: 4, height: 2, close: () => closed.push(1) });
    });
    try {
      const serve = (head: Uint8Array) => () =>
        Promise.resolve(new Response(new Blob([head as Uint8Array<ArrayBuffer>]), { status: 200 }));
      const jpeg = await bitmapTexture(serve(jpegHead), 'media/t.jpg');
      const png = await bitmapTexture(serve(pngHead), 'media/t.png');
      expect(calls.map(([, o]) => o)).toEqual([{}, { premultiplyAlpha: 'none' }]);
      expect(jpeg.flipY).toBe(false);
      jpeg.updateMatrix();
      // v → 1 − v: the top row of the file is drawn at v = 1, as TextureLoader's flipped upload had it.
      for (const [u, v] of [
        [0, 0],
        [0.25, 1],
        [0.5, 0.3],
      ] as const) {
        const p = new Vector2(u, v).applyMatrix3(jpeg.matrix);
        expect(p.x).toBeCloseTo(u);
        expect(p.y).toBeCloseTo(1 - v);
      }
      jpeg.dispose();
      png.dispose();
      expect(closed).toHaveLength(2);
      await expect(
        bitmapTexture(() => Promise.resolve(new Response('x', { status: 404 })), 'm'),
      ).rejects.toThrow('m answered 404');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
