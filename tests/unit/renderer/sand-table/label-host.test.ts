// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { basisOf, projectPoint } from '../../../../renderer/src/sand-table/camera-math';
import { FOV } from '../../../../renderer/src/sand-table/camera-controller';
import { markerScaleAt } from '../../../../renderer/src/sand-table/clustering';
import type { LabelledScene } from '../../../../renderer/src/sand-table/label-host';
import {
  collectExtras,
  LABEL_BUDGET,
  labelFontOf,
  LabelHost,
  placeNames,
} from '../../../../renderer/src/sand-table/label-host';
import { overlapFree } from '../../../../renderer/src/sand-table/label-placer';
import { MarkerField } from '../../../../renderer/src/sand-table/marker-field';
import { buildScene, disposeBuilt } from '../../../../renderer/src/sand-table/scene-builder';
import type { TablePose } from '../../../../renderer/src/sand-table/types';
import { sandSmall, sceneSpecOf } from './sand-small';

const vp = { width: 1000, height: 800 };
const safe = { left: 0, top: 0, right: 1000, bottom: 800 };
const limits = {
  minDistance: 8,
  maxDistance: 140,
  minTilt: 25,
  maxTilt: 89,
  rect: { minX: 0, maxX: 1, minZ: 0, maxZ: 1 },
};

describe('label host', () => {
  const manifest = sandSmall();

  it('names places in the visitor language, and in the other language second', () => {
    let lang = 'zh-Hans';
    const names = placeNames(manifest, manifest.places, () => lang);
    expect(names.primary(0)).toBe(manifest.places[0]!.name['zh-Hans']);
    expect(names.secondary(0)).toBe(manifest.places[0]!.name['en']);
    lang = 'en';
    expect(names.primary(0)).toBe(manifest.places[0]!.name['en']);
    expect(names.secondary(0)).toBe(manifest.places[0]!.name['zh-Hans']);
    expect(names.primary(999)).toBe('');
  });

  it('"you are here" sits above its marker; chain nodes show only with their layer', () => {
    const scene: LabelledScene = {
      here: { position: { x: 1, y: 0.5, z: 2 } },
      layers: [
        { id: 'a', mesh: { visible: false } },
        { id: 'b', mesh: { visible: true } },
      ],
      nodeLabels: [
        { key: 'n:a', layerId: 'a', x: 0, y: 0, z: 0, text: { en: 'A node' } },
        { key: 'n:b', layerId: 'b', x: 5, y: 0, z: 5, text: { en: 'B node', 'zh-Hans': '乙' } },
      ],
    };
    const pose: TablePose = { x: 0, z: 0, distance: 40, tilt: 60, heading: 0 };
    const basis = basisOf(pose, FOV, vp);
    const out: Parameters<typeof collectExtras>[0] = [{ key: 'stale', kind: 'node', text: '', x: 0, y: 0 }];
    collectExtras(out, scene, { label: { en: 'You are here' }, lift: 3 }, basis, vp, 'zh-Hans', 'en');
    expect(out.map((e) => e.key)).toEqual(['here', 'n:b']);
    expect(out[0]!.text).toBe('You are here');
    expect(out[1]!.text).toBe('乙');
    const want = projectPoint(basis, vp, { x: 1, y: 3.5, z: 2 })!;
    expect(out[0]!.x).toBeCloseTo(want.x);
    expect(out[0]!.y).toBeCloseTo(want.y);
    scene.layers[1]!.mesh.visible = false;
    collectExtras(out, scene, null, basis, vp, 'en', 'en');
    expect(out).toEqual([]);
  });

  it('reads the label size from the page root font', () => {
    document.documentElement.style.fontSize = '20px';
    expect(labelFontOf(document.body)).toBeCloseTo(16.4);
    document.documentElement.style.fontSize = '10px';
    expect(labelFontOf(document.body)).toBe(12);
    document.documentElement.style.fontSize = '';
  });

  it('lays out non-overlapping names in the DOM, more of them close in', () => {
    const spec = sceneSpecOf(manifest);
    const built = buildScene(spec);
    const field = new MarkerField(
      spec.xs,
      spec.zs,
      () => 'a',
      () => undefined,
      '#777777',
      0,
    );
    field.attach({ markers: built.markers, clusters: built.clusters });
    field.setVisible(manifest.places.map((_, i) => i));
    const host = new LabelHost(document.body, manifest, manifest.places, field, () => 'en');
    const shown = (pose: TablePose) => {
      const basis = basisOf(pose, FOV, vp);
      const scale = markerScaleAt(pose.distance, vp);
      field.update({ basis, viewport: vp, scale, clusterOn: false, cull: true });
      field.project(basis, vp, scale);
      host.layout({
        basis,
        viewport: vp,
        pose,
        limits,
        safe,
        markerScale: scale,
        scene: built,
        language: 'en',
        sticky: false,
      });
      expect(overlapFree(host.placer.placed, host.placer.count)).toBe(true);
      const els = [...document.querySelectorAll<HTMLElement>('.sand-label')].filter(
        (e) => e.style.display !== 'none',
      );
      expect(els.length).toBe(host.placer.count);
      return { places: host.placer.placeCount, keys: els.map((e) => e.dataset.key) };
    };
    const centre = spec.projection.toTable(manifest.sandTable!.camera.presets[0]!.target);
    const far = shown({ ...centre, distance: 140, tilt: 70, heading: 0 });
    const near = shown({ ...centre, distance: 60, tilt: 70, heading: 0 });
    expect(far.keys).toContain('here');
    expect(near.places).toBeGreaterThanOrEqual(far.places);
    expect(near.places).toBeGreaterThan(0);
    expect(document.querySelectorAll('.sand-label').length).toBe(LABEL_BUDGET);
    host.dispose();
    expect(document.querySelectorAll('.sand-label').length).toBe(0);
    disposeBuilt(built);
  });
});
