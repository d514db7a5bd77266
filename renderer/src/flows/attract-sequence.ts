import type { PackManifest } from '../../../electron/shared/pack-schema';

/**
 * What the idle screen plays, in order, round and round: the hall's title card, then the pack's
 * attract playlist — narrated sand-table tours and timeline highlights. Items naming a tour or a
 * timeline the pack does not have are left out, so a pack error never stalls the loop.
 */
export type AttractStage =
  | { kind: 'title' }
  | { kind: 'tour'; tourId: string }
  | { kind: 'timeline-highlights'; timelineId: string; count: number };

export function attractStages(manifest: PackManifest): AttractStage[] {
  const tours = new Set(manifest.sandTable?.tours.map((t) => t.id) ?? []);
  const timelines = new Set(manifest.timelines.map((t) => t.id));
  const stages: AttractStage[] = [{ kind: 'title' }];
  for (const item of manifest.attract.playlist) {
    switch (item.kind) {
      case 'tour':
        if (tours.has(item.tour)) stages.push({ kind: 'tour', tourId: item.tour });
        break;
      case 'timeline-highlights':
        if (timelines.has(item.timeline)) {
          stages.push({ kind: 'timeline-highlights', timelineId: item.timeline, count: item.count });
        }
        break;
    }
  }
  return stages;
}

/** Seconds the title card stays before the playlist goes on. */
export const TITLE_STAGE_SECONDS = 15;
/** Longest a stage may hold the screen if it never reports its end (a stuck tour, a lost GPU). */
export const STAGE_LIMIT_SECONDS = 600;
