/**
 * The default pack's places on the table, with a camera and a marker field as the scene builds
 * them: the sand-table unit tests check the start view and cluster taps against real content.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PackManifest } from '../../../../electron/shared/pack-schema';
import { packManifestSchema } from '../../../../electron/shared/pack-schema';
import { basisOf } from '../../../../renderer/src/sand-table/camera-math';
import type { ViewInsets } from '../../../../renderer/src/sand-table/camera-controller';
import { CameraController, FOV } from '../../../../renderer/src/sand-table/camera-controller';
import { markerScaleAt } from '../../../../renderer/src/sand-table/clustering';
import {
  HERE_BEACON_WIDTHS,
  MarkerField,
  placeTablePositions,
} from '../../../../renderer/src/sand-table/marker-field';
import { createProjection, tableRectOf } from '../../../../renderer/src/sand-table/projection';
import type { Viewport } from '../../../../renderer/src/sand-table/types';

export function defaultManifest(): PackManifest {
  const file = path.join(__dirname, '../../../../assets/packs/default/pack.json');
  return packManifestSchema.parse({ files: {}, ...(JSON.parse(readFileSync(file, 'utf8')) as object) });
}

export type TableView = {
  camera: CameraController;
  field: MarkerField;
  manifest: PackManifest;
  refresh(): void;
};

/** Camera and field for a pack at a viewport with panels; `refresh` re-clusters and projects. */
export function tableView(manifest: PackManifest, viewport: Viewport, insets: ViewInsets): TableView {
  const spec = manifest.sandTable!;
  const projection = createProjection(spec.projection);
  const rect = tableRectOf(projection, spec.bounds);
  const closest = Math.min(spec.camera.limits.minDistance, spec.camera.limits.maxDistance);
  const { xs, zs } = placeTablePositions(manifest.places, projection, closest);
  const field = new MarkerField(
    xs,
    zs,
    (i) => manifest.places[i]?.category ?? '',
    () => '#888888',
    '#444444',
    0.6,
  );
  field.setVisible(manifest.places.map((_, i) => i));
  if (spec.hereAt) {
    const here = projection.toTable(spec.hereAt.position);
    field.setObstacles([{ x: here.x, z: here.z, widths: HERE_BEACON_WIDTHS }]);
  }
  const preset = spec.camera.presets.find((p) => p.id === spec.camera.initial)!;
  const t = projection.toTable(preset.target);
  const camera = new CameraController({
    limits: { ...spec.camera.limits, rect },
    homeView: { tilt: preset.tilt, heading: preset.heading },
    fallbackHome: { x: t.x, z: t.z, distance: preset.distance, tilt: preset.tilt, heading: preset.heading },
  });
  camera.setViewport(viewport);
  camera.setInsets(insets);
  camera.setContent(field.headPoints(0));
  const refresh = () => {
    const pose = camera.pose;
    const basis = basisOf(pose, FOV, viewport);
    const scale = markerScaleAt(pose.distance, viewport);
    field.update({
      basis,
      viewport,
      scale,
      clusterOn: pose.distance > camera.limits.minDistance * 2.2,
      cull: true,
    });
    field.project(basis, viewport, scale);
  };
  refresh();
  return { camera, field, manifest, refresh };
}

/** Panels as the screen measures them: chips and buttons above, the time slider below. */
export const VIEWS: { name: string; viewport: Viewport; insets: ViewInsets }[] = [
  {
    name: '1920×1080',
    viewport: { width: 1920, height: 1018 },
    insets: { top: 140, right: 0, bottom: 80, left: 0 },
  },
  {
    name: '1080×1920',
    viewport: { width: 1080, height: 1840 },
    insets: { top: 420, right: 0, bottom: 0, left: 0 },
  },
  {
    name: '1366×768',
    viewport: { width: 1366, height: 692 },
    insets: { top: 124, right: 0, bottom: 80, left: 0 },
  },
  {
    name: '3840×2160',
    viewport: { width: 3840, height: 2080 },
    insets: { top: 140, right: 0, bottom: 80, left: 0 },
  },
];
