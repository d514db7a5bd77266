/**
 * What the About & credits panel lists: each credit group of the pack's `about` section with the
 * media it covers, each named by what shows it (a place, an event, a tour stop, the sand table).
 * Pure, so it is tested without a DOM.
 */
import type { PackManifest } from '../../../../electron/shared/pack-schema';
import { localize } from '../../../../electron/shared/pack-schema';

export type AboutItem = { id: string; label: string };
export type AboutGroup = { kind: string; source: string; items: AboutItem[] };

/** Names of the things that show each media item, in the visitor's language. */
export function mediaShownBy(manifest: PackManifest, language: string): Map<string, string[]> {
  const text = (t: Parameters<typeof localize>[0]) => localize(t, language, manifest.defaultLanguage);
  const shown = new Map<string, string[]>();
  const add = (id: string | undefined, label: string) => {
    if (!id || label === '') return;
    const list = shown.get(id) ?? [];
    if (!list.includes(label)) list.push(label);
    shown.set(id, list);
  };
  for (const p of manifest.places) {
    for (const id of [...p.media, p.cover]) add(id, text(p.name));
  }
  for (const t of manifest.timelines)
    for (const e of t.events) for (const id of e.media) add(id, text(e.title));
  const st = manifest.sandTable;
  if (st) {
    for (const tour of st.tours) {
      tour.shots.forEach((s, i) => add(s.narration, `${text(tour.title)} · ${i + 1}`));
    }
  }
  return shown;
}

/**
 * The credit groups in pack order. `sandTableLabel` names base-map media (the table shows them);
 * an item nothing shows falls back to its alt text, then its id.
 */
export function aboutGroups(manifest: PackManifest, language: string, sandTableLabel: string): AboutGroup[] {
  const about = manifest.about;
  if (!about) return [];
  const text = (t: Parameters<typeof localize>[0]) => localize(t, language, manifest.defaultLanguage);
  const shown = mediaShownBy(manifest, language);
  const base = manifest.sandTable?.base;
  const baseIds = new Set(
    [base?.regions, base?.lines, base?.heightmap?.image, base?.heightmap?.texture].filter(
      (id): id is string => id !== undefined,
    ),
  );
  const separator = language.startsWith('zh') ? '、' : '; ';
  return about.credits.map((credit) => ({
    kind: text(credit.kind),
    source: text(credit.source),
    items: credit.media.map((id) => {
      const by = shown.get(id);
      const label =
        by && by.length > 0
          ? by.join(separator)
          : baseIds.has(id)
            ? sandTableLabel
            : text(manifest.media[id]?.alt) || id;
      return { id, label };
    }),
  }));
}
