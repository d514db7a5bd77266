/**
 * A pack medium resolved for the visitor's language: the URL to play or show, its caption tracks,
 * poster/thumbnail and texts. Pure: the caller passes `url` (bridge/pack `packUrl`).
 */
import type { Media, MediaKind, PackManifest } from '../../../electron/shared/pack-schema';
import { localize, mediaSrcFor } from '../../../electron/shared/pack-schema';

export type CaptionTrack = { language: string; url: string; label: string };

export type ResolvedMedia = {
  id: string;
  kind: MediaKind;
  /** URL of the file for this language ('' when the entry names none). */
  src: string;
  /** The pack path behind `src` (changes with the language when the medium has one file per language). */
  srcPath: string;
  poster?: string;
  thumbnail?: string;
  captions: CaptionTrack[];
  alt: string;
  credit: string;
  illustration: boolean;
  width?: number;
  height?: number;
};

const LANGUAGE_LABELS: Record<string, string> = { 'zh-Hans': '中文', en: 'English' };

export function resolveMedia(
  manifest: Pick<PackManifest, 'media' | 'defaultLanguage' | 'languages'>,
  id: string,
  language: string,
  url: (path: string) => string,
): ResolvedMedia | null {
  const m: Media | undefined = manifest.media[id];
  if (!m) return null;
  const srcPath = mediaSrcFor(m, language, manifest.defaultLanguage) ?? '';
  const out: ResolvedMedia = {
    id,
    kind: m.kind,
    src: srcPath === '' ? '' : url(srcPath),
    srcPath,
    captions: Object.entries(m.captions ?? {}).map(([lang, path]) => ({
      language: lang,
      url: url(path),
      label: LANGUAGE_LABELS[lang] ?? lang,
    })),
    alt: localize(m.alt, language, manifest.defaultLanguage),
    credit: localize(m.credit, language, manifest.defaultLanguage),
    illustration: m.illustration,
  };
  if (m.poster) out.poster = url(m.poster);
  if (m.thumbnail) out.thumbnail = url(m.thumbnail);
  if (m.width !== undefined) out.width = m.width;
  if (m.height !== undefined) out.height = m.height;
  return out;
}

/** The caption track for a language, falling back to the pack default. */
export function captionFor(
  media: ResolvedMedia,
  language: string,
  defaultLanguage: string,
): CaptionTrack | undefined {
  return (
    media.captions.find((c) => c.language === language) ??
    media.captions.find((c) => c.language === defaultLanguage) ??
    media.captions[0]
  );
}

/** The small picture for a card: thumbnail, else poster, else the image itself (not tiles or video). */
export function cardImagePath(
  m: Media | undefined,
  language: string,
  defaultLanguage: string,
): string | undefined {
  if (!m) return undefined;
  if (m.thumbnail) return m.thumbnail;
  if (m.poster) return m.poster;
  if (m.kind === 'image') return mediaSrcFor(m, language, defaultLanguage);
  return undefined;
}

/** Media ids of an event that the detail view can present, in order. */
export function presentableMedia(manifest: Pick<PackManifest, 'media'>, ids: readonly string[]): string[] {
  return ids.filter((id) => {
    const k = manifest.media[id]?.kind;
    return k === 'image' || k === 'video' || k === 'audio' || k === 'tiles';
  });
}
