/**
 * UI strings of the timeline and the media players (the pack's own texts carry their own
 * translations). Kept beside the timeline so the shell's table stays small; `en` is typed from
 * `zhHans`, so a key missing in either language is a compile error.
 */
import type { Language } from '../i18n/language';
import type { TranslateParams } from '../i18n/translate';
import { uiString } from '../i18n/translate';

export const timelineZhHans = {
  'timeline.empty': '本展览暂无时间轴。',
  'timeline.track': '时间轴，左右滑动浏览事件',
  'timeline.trackPortrait': '时间轴，上下滑动浏览事件',
  'timeline.open': '打开',
  'timeline.back': '返回时间轴',
  'timeline.previous': '上一个事件',
  'timeline.next': '下一个事件',
  'timeline.events': '{count} 个事件',
  'timeline.chapter': '第 {n} 章',
  'timeline.chapters': '章节',
  'timeline.scrubber': '按年份跳转',
  'timeline.showOnSandTable': '在沙盘上查看',
  'timeline.showTour': '在沙盘上游览',
  'timeline.highlights': '精彩回顾',
  'timeline.touchToExplore': '触摸屏幕，自由浏览',
  'media.play': '播放',
  'media.pause': '暂停',
  'media.replay': '重新播放',
  'media.position': '播放进度',
  'media.unavailable': '此内容暂时无法显示',
  'media.unavailable.hint': '请浏览其他内容，工作人员会尽快处理。',
  'media.narration': '语音讲解',
  'media.transcript': '讲解文稿',
  'media.credit': '来源',
  'media.zoomHint': '双指缩放 · 拖动查看细节',
  'media.resetZoom': '还原',
  'media.item': '第 {n} 项，共 {total} 项',
  'media.captions': '字幕',
} as const;

export type TimelineStringKey = keyof typeof timelineZhHans;

export const timelineEn: Record<TimelineStringKey, string> = {
  'timeline.empty': 'This exhibition has no timeline.',
  'timeline.track': 'Timeline: swipe left or right through the events',
  'timeline.trackPortrait': 'Timeline: swipe up or down through the events',
  'timeline.open': 'Open',
  'timeline.back': 'Back to the timeline',
  'timeline.previous': 'Previous event',
  'timeline.next': 'Next event',
  'timeline.events': '{count, plural, one {# event} other {# events}}',
  'timeline.chapter': 'Chapter {n}',
  'timeline.chapters': 'Chapters',
  'timeline.scrubber': 'Jump to a year',
  'timeline.showOnSandTable': 'Show on the sand table',
  'timeline.showTour': 'Tour it on the sand table',
  'timeline.highlights': 'Highlights',
  'timeline.touchToExplore': 'Touch the screen to explore',
  'media.play': 'Play',
  'media.pause': 'Pause',
  'media.replay': 'Play again',
  'media.position': 'Playback position',
  'media.unavailable': 'This item cannot be shown right now',
  'media.unavailable.hint': 'Please explore the rest; the staff will look into it.',
  'media.narration': 'Narration',
  'media.transcript': 'Transcript',
  'media.credit': 'Credit',
  'media.zoomHint': 'Pinch to zoom · drag to look closer',
  'media.resetZoom': 'Reset',
  'media.item': '{n} of {total}',
  'media.captions': 'Captions',
};

const tables: Record<Language, Record<TimelineStringKey, string>> = {
  'zh-Hans': timelineZhHans,
  en: timelineEn,
};

export function timelineText(language: Language, key: TimelineStringKey, params?: TranslateParams): string {
  return uiString(language, key, tables[language][key], params);
}
