/**
 * Pre-flight checks a pack must pass before it reaches a hall, beyond schema and references:
 * codecs the kiosk's Chromium can play (read from container headers), image/texture and video
 * budgets, glyph coverage of every displayed string, caption files that parse, and media or files
 * nothing refers to. Every finding is a `PackProblem` naming the file and the rule.
 */
import type { PackManifest, Media } from '../../shared/pack-schema';
import { mediaFilePaths } from '../../shared/pack-schema';
import type { PackProblem } from '../../shared/problems';
import { cuePlainText, parseWebVtt } from '../../shared/webvtt';
import { probeMedia, PLAYABLE, type MediaProbe } from './media-probe';
import { probeMediaFile } from './container-probe';
import { baseMapFiles, geoJsonProblems, positionProblems } from './geometry';
import { textLengthProblems } from './text-limits';
import { appFontCoverage, fontFileCoverage, missingGlyphs, unionCoverage, type Coverage } from './glyphs';

/** What the lint needs from a pack: its bytes by path (a folder or an archive). */
export type LintReader = { readFile(path: string): Promise<Uint8Array> };

export type LintBudgets = {
  /** Longest image side before a warning (texture upload cost, memory). */
  imageMaxSide: number;
  /** Longest image side that GPUs reliably accept as a texture; beyond is an error. */
  imageHardMaxSide: number;
  imageMaxBytes: number;
  videoMaxWidth: number;
  videoMaxHeight: number;
  videoHardMaxPixels: number;
  /** Bits per second. */
  videoMaxBitrate: number;
  audioMaxBitrate: number;
};

export const DEFAULT_BUDGETS: LintBudgets = {
  imageMaxSide: 4096,
  imageHardMaxSide: 8192,
  imageMaxBytes: 8 * 1024 * 1024,
  videoMaxWidth: 1920,
  videoMaxHeight: 1080,
  videoHardMaxPixels: 3840 * 2160,
  videoMaxBitrate: 8_000_000,
  audioMaxBitrate: 320_000,
};

export type LintOptions = {
  budgets?: Partial<LintBudgets>;
  /** Coverage of the app's fonts; defaults to the bundled Noto Sans SC + Noto Serif SC. */
  appFonts?: Coverage;
};

type Msg = { en: string; 'zh-Hans': string };

function problem(
  code: string,
  severity: PackProblem['severity'],
  file: string,
  rule: string,
  message: Msg,
  path?: string,
): PackProblem {
  const p: PackProblem = { code, severity, file, rule, message };
  if (path !== undefined) p.path = path;
  return p;
}

/** Notes for authors at the pack root (hallpack init writes README.md): carried, never shown. */
const AUTHOR_NOTES = new Set(['README.md', 'README.txt']);

const IMAGE_CONTAINERS = new Set(['png', 'jpeg', 'webp', 'avif']);

/** Run every pre-flight check. Never throws for bad content: unreadable files become problems. */
export async function lintPack(
  reader: LintReader,
  manifest: PackManifest,
  options: LintOptions = {},
): Promise<PackProblem[]> {
  const budgets = { ...DEFAULT_BUDGETS, ...options.budgets };
  const problems: PackProblem[] = [];
  const probes = new Map<string, MediaProbe>();

  const read = async (path: string): Promise<Uint8Array | undefined> => {
    if (!(path in manifest.files)) return undefined; // reported by the reference check
    try {
      return await reader.readFile(path);
    } catch (error) {
      // A listed file that is missing or altered is already reported by the files check.
      if ((error as { problems?: unknown }).problems !== undefined) return undefined;
      problems.push(
        problem('lint.unreadable', 'error', path, 'files.readable', {
          en: `cannot be read (${error instanceof Error ? error.message : String(error)}); copy the pack again.`,
          'zh-Hans': `无法读取(${error instanceof Error ? error.message : String(error)}),请重新复制展包。`,
        }),
      );
      return undefined;
    }
  };

  // 1. Media: containers, codecs, budgets, captions.
  const captionTexts: Array<{ file: string; text: string }> = [];
  for (const [id, media] of Object.entries(manifest.media)) {
    const sources = typeof media.src === 'string' ? [media.src] : Object.values(media.src);
    for (const file of sources) {
      const bytes = await read(file);
      if (!bytes) continue;
      const probe =
        media.kind === 'video' || media.kind === 'audio' ? await probeMediaFile(bytes) : probeMedia(bytes);
      probes.set(file, probe);
      problems.push(...checkMedia(id, media, file, bytes.length, probe, budgets));
    }
    for (const file of [media.poster, media.thumbnail].filter((f): f is string => !!f)) {
      const bytes = await read(file);
      if (!bytes) continue;
      const probe = probeMedia(bytes);
      if (!IMAGE_CONTAINERS.has(probe.container)) {
        problems.push(
          problem('lint.poster-not-image', 'error', file, 'media.poster-format', {
            en: `poster/thumbnail of media "${id}" is not a PNG, JPEG, WebP or AVIF image.`,
            'zh-Hans': `媒体“${id}”的封面或缩略图不是 PNG、JPEG、WebP 或 AVIF 图片。`,
          }),
        );
      }
    }
    for (const [language, file] of Object.entries(media.captions ?? {})) {
      const bytes = await read(file);
      if (!bytes) continue;
      const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
      const parsed = parseWebVtt(text);
      if (!parsed.ok) {
        for (const e of parsed.errors.slice(0, 5)) {
          problems.push(
            problem('lint.captions-invalid', 'error', file, 'captions.webvtt', {
              en: `line ${e.line}: ${e.message} (captions of "${id}", ${language}).`,
              'zh-Hans': `第 ${e.line} 行:${e.message}(“${id}”的${language}字幕)。`,
            }),
          );
        }
      } else {
        if (parsed.cues.length === 0) {
          problems.push(
            problem('lint.captions-empty', 'warning', file, 'captions.cues', {
              en: `captions of "${id}" (${language}) have no cues.`,
              'zh-Hans': `“${id}”的${language}字幕没有任何字幕条目。`,
            }),
          );
        }
        captionTexts.push({ file, text: parsed.cues.map((c) => cuePlainText(c.text)).join('\n') });
        const probe =
          typeof media.src === 'string' ? probes.get(media.src) : probes.get(media.src[language] ?? '');
        const last = parsed.cues[parsed.cues.length - 1];
        if (probe?.duration !== undefined && last && last.end > probe.duration + 1) {
          problems.push(
            problem('lint.captions-past-end', 'warning', file, 'captions.timing', {
              en: `last cue ends at ${last.end.toFixed(1)} s but the media lasts ${probe.duration.toFixed(1)} s.`,
              'zh-Hans': `最后一条字幕结束于 ${last.end.toFixed(1)} 秒,但媒体只有 ${probe.duration.toFixed(1)} 秒。`,
            }),
          );
        }
      }
    }
    if ((media.kind === 'video' || media.kind === 'audio') && !media.captions) {
      problems.push(
        problem(
          'lint.captions-missing',
          'warning',
          'pack.json',
          'access.captions',
          {
            en: `media "${id}" (${media.kind}) has no captions; deaf and foreign visitors need them.`,
            'zh-Hans': `媒体“${id}”(${media.kind === 'video' ? '视频' : '音频'})没有字幕;听障与外国观众需要字幕。`,
          },
          `media.${id}`,
        ),
      );
    } else if (media.captions) {
      for (const language of manifest.languages) {
        if (!(language in media.captions)) {
          problems.push(
            problem(
              'lint.captions-language',
              'warning',
              'pack.json',
              'lang.captions',
              {
                en: `media "${id}" has no ${language} captions.`,
                'zh-Hans': `媒体“${id}”缺少 ${language} 字幕。`,
              },
              `media.${id}.captions`,
            ),
          );
        }
      }
    }
  }

  // 2. Glyph coverage of every displayed string.
  let coverage = options.appFonts ?? appFontCoverage();
  for (const font of manifest.theme.fonts) {
    const bytes = await read(font.src);
    if (!bytes) continue;
    try {
      coverage = unionCoverage(coverage, fontFileCoverage(bytes));
    } catch (error) {
      problems.push(
        problem('lint.font-invalid', 'error', font.src, 'fonts.readable', {
          en: `font "${font.family}" cannot be read (${error instanceof Error ? error.message : String(error)}).`,
          'zh-Hans': `字体“${font.family}”无法读取。`,
        }),
      );
    }
  }
  for (const { path, text } of displayedStrings(manifest)) {
    const missing = missingGlyphs(text, coverage);
    if (missing.length > 0) problems.push(glyphProblem('pack.json', path, missing));
  }
  for (const { file, text } of captionTexts) {
    const missing = missingGlyphs(text, coverage);
    if (missing.length > 0) problems.push(glyphProblem(file, undefined, missing));
  }

  // 3. Text that the screen may cut; geometry nobody would see.
  problems.push(...textLengthProblems(manifest));
  problems.push(...positionProblems(manifest));
  for (const { role, file } of baseMapFiles(manifest)) {
    const bytes = await read(file);
    if (bytes) problems.push(...geoJsonProblems(manifest, role, file, bytes));
  }

  // 4. Reachability: media nothing refers to, files no media refers to.
  const used = referencedMediaIds(manifest);
  for (const id of Object.keys(manifest.media)) {
    if (!used.has(id)) {
      problems.push(
        problem(
          'lint.media-unreferenced',
          'warning',
          'pack.json',
          'media.reachable',
          {
            en: `media "${id}" is not used by any place, event, tour or map; remove it or link it.`,
            'zh-Hans': `媒体“${id}”没有被任何地点、事件、导览或地图使用;请删除或关联它。`,
          },
          `media.${id}`,
        ),
      );
    }
  }
  const referencedFiles = new Set<string>(manifest.theme.fonts.map((f) => f.src));
  for (const media of Object.values(manifest.media))
    for (const p of mediaFilePaths(media)) referencedFiles.add(p);
  for (const file of Object.keys(manifest.files)) {
    if (!referencedFiles.has(file) && !isTileFile(file, manifest) && !AUTHOR_NOTES.has(file)) {
      problems.push(
        problem('lint.file-unreferenced', 'warning', file, 'files.reachable', {
          en: 'this file is in the pack but nothing shows it; remove it to keep the pack small.',
          'zh-Hans': '此文件在展包中但没有被使用;请删除以减小展包。',
        }),
      );
    }
  }
  return problems;
}

function glyphProblem(file: string, path: string | undefined, missing: string[]): PackProblem {
  const chars = missing
    .map((c) => `"${c}" U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`)
    .join(', ');
  return problem(
    'lint.glyph-missing',
    'error',
    file,
    'fonts.coverage',
    {
      en: `no bundled font has ${chars}; add a WOFF2 font with these characters to theme.fonts or rewrite the text.`,
      'zh-Hans': `内置字体缺少 ${chars};请在 theme.fonts 中加入包含这些字的 WOFF2 字体,或修改文字。`,
    },
    path,
  );
}

/** IIIF level-0 tile sets list their tiles under the folder of their info.json. */
function isTileFile(file: string, manifest: PackManifest): boolean {
  for (const media of Object.values(manifest.media)) {
    if (media.kind !== 'tiles') continue;
    const info = typeof media.src === 'string' ? media.src : Object.values(media.src)[0];
    if (!info) continue;
    const dir = info.slice(0, info.lastIndexOf('/') + 1);
    if (dir && file.startsWith(dir)) return true;
  }
  return false;
}

function checkMedia(
  id: string,
  media: Media,
  file: string,
  size: number,
  probe: MediaProbe,
  b: LintBudgets,
): PackProblem[] {
  const out: PackProblem[] = [];
  const fail = (code: string, severity: PackProblem['severity'], rule: string, message: Msg) =>
    out.push(problem(code, severity, file, rule, message));
  const kind = media.kind;
  if (kind === 'image') {
    if (!IMAGE_CONTAINERS.has(probe.container)) {
      fail('lint.image-format', 'error', 'media.image-format', {
        en: `media "${id}" is not a PNG, JPEG, WebP or AVIF image (${probe.reason ?? probe.container}).`,
        'zh-Hans': `媒体“${id}”不是 PNG、JPEG、WebP 或 AVIF 图片。`,
      });
      return out;
    }
    const side = Math.max(probe.width ?? 0, probe.height ?? 0);
    if (side > b.imageHardMaxSide) {
      fail('lint.image-too-large', 'error', 'budget.image-size', {
        en: `${probe.width}×${probe.height} px exceeds the ${b.imageHardMaxSide} px texture limit; scale it down or cut IIIF tiles (hallpack tiles).`,
        'zh-Hans': `${probe.width}×${probe.height} 像素超过 ${b.imageHardMaxSide} 像素的纹理上限;请缩小或切成 IIIF 瓦片。`,
      });
    } else if (side > b.imageMaxSide) {
      fail('lint.image-large', 'warning', 'budget.image-size', {
        en: `${probe.width}×${probe.height} px is above the ${b.imageMaxSide} px budget; it costs memory on the kiosk.`,
        'zh-Hans': `${probe.width}×${probe.height} 像素超过 ${b.imageMaxSide} 像素预算,会占用展机内存。`,
      });
    }
    if (size > b.imageMaxBytes) {
      fail('lint.image-heavy', 'warning', 'budget.image-bytes', {
        en: `${(size / 1048576).toFixed(1)} MB is above the ${(b.imageMaxBytes / 1048576).toFixed(0)} MB image budget; recompress it.`,
        'zh-Hans': `${(size / 1048576).toFixed(1)} MB 超过图片预算 ${(b.imageMaxBytes / 1048576).toFixed(0)} MB;请重新压缩。`,
      });
    }
    if (media.width && probe.width && (media.width !== probe.width || media.height !== probe.height)) {
      fail('lint.image-size-mismatch', 'warning', 'media.dimensions', {
        en: `pack.json says ${media.width}×${media.height ?? '?'} but the image is ${probe.width}×${probe.height}.`,
        'zh-Hans': `pack.json 写的是 ${media.width}×${media.height ?? '?'},实际图片为 ${probe.width}×${probe.height}。`,
      });
    }
    return out;
  }
  if (kind === 'video' || kind === 'audio') {
    const playable = PLAYABLE[probe.container];
    if (!playable) {
      fail('lint.container-unplayable', 'error', 'codec.container', {
        en: `media "${id}": ${probe.container === 'unknown' ? (probe.reason ?? 'unknown container') : `${probe.container} container`} is not playable by the kiosk; use MP4 (H.264/AAC) or WebM (VP9/Opus)${kind === 'audio' ? ', Ogg Opus or MP3' : ''}.`,
        'zh-Hans': `媒体“${id}”的封装格式无法在展机播放;请使用 MP4(H.264/AAC)或 WebM(VP9/Opus)${kind === 'audio' ? '、Ogg Opus 或 MP3' : ''}。`,
      });
      return out;
    }
    if (probe.reason) {
      fail('lint.media-damaged', 'error', 'codec.header', {
        en: `media "${id}": ${probe.reason}.`,
        'zh-Hans': `媒体“${id}”的文件头已损坏或不完整。`,
      });
    }
    for (const track of probe.tracks) {
      const allowed =
        track.type === 'video' ? playable.video : track.type === 'audio' ? playable.audio : undefined;
      if (allowed && !allowed.includes(track.codec)) {
        const hevc = track.codec === 'hevc';
        fail('lint.codec-unplayable', 'error', 'codec.playable', {
          en: `media "${id}": ${track.type} codec ${track.codec.toUpperCase()} in ${probe.container.toUpperCase()} does not play in the kiosk's Chromium${hevc ? ' (H.265/HEVC needs hardware support that halls cannot count on)' : ''}; re-encode to ${allowed.join(', ')}.`,
          'zh-Hans': `媒体“${id}”的${track.type === 'video' ? '视频' : '音频'}编码 ${track.codec.toUpperCase()} 无法在展机播放${hevc ? '(H.265/HEVC 依赖硬件支持)' : ''};请转码为 ${allowed.join('、')}。`,
        });
      }
    }
    const hasVideo = probe.tracks.some((t) => t.type === 'video');
    const hasAudio = probe.tracks.some((t) => t.type === 'audio');
    if (kind === 'video' && !hasVideo) {
      fail('lint.no-video-track', 'error', 'media.kind', {
        en: `media "${id}" is declared video but has no video track.`,
        'zh-Hans': `媒体“${id}”声明为视频,但没有视频轨。`,
      });
    }
    if (kind === 'audio' && (!hasAudio || hasVideo)) {
      fail('lint.audio-kind', 'error', 'media.kind', {
        en: `media "${id}" is declared audio but ${hasVideo ? 'contains video' : 'has no audio track'}.`,
        'zh-Hans': `媒体“${id}”声明为音频,但${hasVideo ? '包含视频' : '没有音频轨'}。`,
      });
    }
    if (kind === 'video' && probe.width && probe.height) {
      if (probe.width * probe.height > b.videoHardMaxPixels) {
        fail('lint.video-too-large', 'error', 'budget.video-resolution', {
          en: `${probe.width}×${probe.height} is beyond 4K; the kiosk cannot decode it smoothly.`,
          'zh-Hans': `${probe.width}×${probe.height} 超过 4K,展机无法流畅解码。`,
        });
      } else if (probe.width > b.videoMaxWidth || probe.height > b.videoMaxHeight) {
        fail('lint.video-large', 'warning', 'budget.video-resolution', {
          en: `${probe.width}×${probe.height} is above the ${b.videoMaxWidth}×${b.videoMaxHeight} budget.`,
          'zh-Hans': `${probe.width}×${probe.height} 超过 ${b.videoMaxWidth}×${b.videoMaxHeight} 预算。`,
        });
      }
    }
    if (probe.duration && probe.duration > 0) {
      const bitrate = (size * 8) / probe.duration;
      const max = kind === 'video' ? b.videoMaxBitrate : b.audioMaxBitrate;
      if (bitrate > max) {
        fail('lint.bitrate-high', 'warning', `budget.${kind}-bitrate`, {
          en: `average bitrate ${(bitrate / 1000).toFixed(0)} kbit/s is above the ${(max / 1000).toFixed(0)} kbit/s budget.`,
          'zh-Hans': `平均码率 ${(bitrate / 1000).toFixed(0)} kbit/s 超过 ${(max / 1000).toFixed(0)} kbit/s 预算。`,
        });
      }
    }
    return out;
  }
  if (kind === 'model') {
    const text = probe.container;
    if (text !== 'unknown' || !/\.(glb|gltf)$/i.test(file)) {
      fail('lint.model-format', 'error', 'media.model-format', {
        en: `media "${id}" must be glTF 2.0 (.glb or .gltf).`,
        'zh-Hans': `媒体“${id}”必须是 glTF 2.0(.glb 或 .gltf)。`,
      });
    }
  }
  return out;
}

/** Every localized string a visitor can see, with its JSON path in pack.json. */
export function displayedStrings(manifest: PackManifest): Array<{ path: string; text: string }> {
  const languages = new Set(manifest.languages);
  const out: Array<{ path: string; text: string }> = [];
  const skip = new Set(['files', 'src', 'captions', 'poster', 'thumbnail', 'navigation.linkTemplate']);
  const visit = (value: unknown, path: string, key: string): void => {
    if (skip.has(key)) return;
    if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, `${path}[${i}]`, key));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const entries = Object.entries(value);
    const localized =
      entries.length > 0 && entries.every(([k, v]) => typeof v === 'string' && languages.has(k));
    if (localized) {
      for (const [language, text] of entries) out.push({ path: `${path}.${language}`, text: text as string });
      return;
    }
    for (const [k, v] of entries) visit(v, path ? `${path}.${k}` : k, k);
  };
  visit(manifest, '', '');
  return out;
}

/** Media ids anything in the pack points at. */
export function referencedMediaIds(m: PackManifest): Set<string> {
  const ids = new Set<string>();
  const add = (id: string | undefined) => {
    if (id) ids.add(id);
  };
  for (const p of m.places) {
    p.media.forEach(add);
    add(p.cover);
  }
  for (const t of m.timelines) for (const e of t.events) e.media.forEach(add);
  const st = m.sandTable;
  if (st) {
    add(st.base.regions);
    add(st.base.lines);
    add(st.base.heightmap?.image);
    add(st.base.heightmap?.texture);
    for (const tour of st.tours) for (const shot of tour.shots) add(shot.narration);
  }
  return ids;
}
