/** The sand-small fixture pack (8 places, a chain layer, a route, a tour) for scene tests. */
import { readFileSync } from 'node:fs';
import type { PackManifest } from '../../../../electron/shared/pack-schema';
import { packManifestSchema } from '../../../../electron/shared/pack-schema';
import type { SceneSpec } from '../../../../renderer/src/sand-table/scene-builder';
import { tableFloor } from '../../../../renderer/src/sand-table/scene-builder';
import { createProjection, tableRectOf } from '../../../../renderer/src/sand-table/projection';

export const SAND_SMALL = 'tests/fixtures/packs/sand-small';

export function sandSmall(): PackManifest {
  return packManifestSchema.parse(JSON.parse(readFileSync(`${SAND_SMALL}/pack.json`, 'utf8')));
}

export function sceneSpecOf(manifest: PackManifest, naive = false): SceneSpec {
  const spec = manifest.sandTable!;
  const projection = createProjection(spec.projection);
  const rect = tableRectOf(projection, spec.bounds);
  const xs = Float32Array.from(manifest.places, (p) => projection.toTable(p.position).x);
  const zs = Float32Array.from(manifest.places, (p) => projection.toTable(p.position).z);
  return {
    manifest,
    projection,
    rect,
    palette: { ...manifest.theme.colors },
    xs,
    zs,
    ground: new Float32Array(manifest.places.length).fill(tableFloor(rect)),
    placeIndex: new Map(manifest.places.map((p, i) => [p.id, i])),
    reducedMotion: false,
    naive,
  };
}
