/**
 * What changes for visitors when one pack replaces another: counts of places, timeline events
 * and media added, removed and changed — shown to staff before they activate.
 */
import { mediaFilePaths } from '../../../shared/pack-schema';
import type { PackManifest } from '../../../shared/pack-schema';

export type ChangeCounts = { added: number; removed: number; changed: number };

export type PackDiff = {
  /** The pack compared against (the current one), or null when nothing is active. */
  from: string | null;
  places: ChangeCounts;
  events: ChangeCounts;
  media: ChangeCounts;
};

function countChanges(before: Map<string, string>, after: Map<string, string>): ChangeCounts {
  let added = 0;
  let changed = 0;
  for (const [key, value] of after) {
    const old = before.get(key);
    if (old === undefined) added += 1;
    else if (old !== value) changed += 1;
  }
  let removed = 0;
  for (const key of before.keys()) if (!after.has(key)) removed += 1;
  return { added, removed, changed };
}

type Keyed = { places: Map<string, string>; events: Map<string, string>; media: Map<string, string> };

function keyed(m: PackManifest | null): Keyed {
  const out: Keyed = { places: new Map(), events: new Map(), media: new Map() };
  if (!m) return out;
  for (const p of m.places) out.places.set(p.id, JSON.stringify(p));
  for (const t of m.timelines) for (const e of t.events) out.events.set(`${t.id}/${e.id}`, JSON.stringify(e));
  for (const [id, media] of Object.entries(m.media)) {
    // A media entry also changes when the bytes of one of its files do.
    const hashes = mediaFilePaths(media)
      .map((path) => m.files[path]?.sha256 ?? '')
      .join();
    out.media.set(id, `${JSON.stringify(media)}#${hashes}`);
  }
  return out;
}

export function diffManifests(from: PackManifest | null, fromRef: string | null, to: PackManifest): PackDiff {
  const a = keyed(from);
  const b = keyed(to);
  return {
    from: fromRef,
    places: countChanges(a.places, b.places),
    events: countChanges(a.events, b.events),
    media: countChanges(a.media, b.media),
  };
}
