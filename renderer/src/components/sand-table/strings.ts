import { useCallback } from 'react';
import type { Language } from '../../i18n/language';
import type { TranslateParams } from '../../i18n/translate';
import { uiString } from '../../i18n/translate';
import { useSession } from '../../stores/hooks';
import { selectLanguage } from '../../stores/session-store';

/**
 * UI strings of the sand table (the pack's own texts carry their translations). Kept beside the
 * sand-table components; `en` is typed from `zhHans`, so a missing key is a compile error.
 */
export const zhHans = {
  'sand.title': '电子沙盘',
  'sand.categories': '类别',
  'sand.allCategories': '全部',
  'sand.layers': '图层',
  'sand.time': '时期',
  'sand.allTime': '全部时期',
  'sand.year': '{year}年',
  'sand.reset': '复位',
  'sand.catalogue': '文物一张图',
  'sand.tour': '导览',
  'sand.tourPause': '暂停',
  'sand.tourResume': '继续',
  'sand.tourStop': '结束导览',
  'sand.tourHandedOver': '导览已暂停，您可以自由浏览',
  'sand.loading': '沙盘正在准备…',
  'sand.contextLost': '画面正在恢复，请稍候…',
  'sand.failed': '沙盘暂时无法显示，请浏览其他内容或联系工作人员。',
  'sand.visible': '显示 {count} 处',
  'card.close': '关闭',
  'card.intro': '一键介绍',
  'card.navigate': '一键导航',
  'card.checkIn': '一键报到',
  'card.events': '相关事件（{count}）',
  'card.media': '图文影像',
  'card.model': '三维模型：单指旋转，双指缩放',
  'card.modelFailed': '模型暂时无法显示',
  'card.mediaFailed': '该资料暂时无法显示',
  'nav.routeShown': '沙盘上已显示从“{here}”出发的路线',
  'nav.scan': '用手机扫码，带走这个地点',
  'nav.opens.amap': '扫码后，手机会在高德地图中打开这个地点，可直接导航前往',
  'nav.opens.baidu': '扫码后，手机会在百度地图中打开这个地点，可直接导航前往',
  'nav.opens.tencent': '扫码后，手机会在腾讯地图中打开这个地点，可直接导航前往',
  'nav.opens.geo': '扫码后，手机会在自带的地图应用中打开这个地点',
  'nav.opens.web': '扫码后，手机会在浏览器中打开这个地点的地图',
  'nav.offline': '二维码由本机生成，展项本身不联网',
  'nav.address': '地址',
  'checkin.group': '团队类型（可选）',
  'checkin.count': '人数',
  'checkin.less': '减少',
  'checkin.more': '增加',
  'checkin.submit': '报到',
  'checkin.done': '✓ 已报到',
  'checkin.again': '再报到一组',
  'checkin.thanks': '报到成功，感谢您的到访！',
  'checkin.totals': '已有 {groups} 批次、{people} 人在此报到',
  'checkin.hall': '全馆累计 {people} 人次',
  'checkin.off': '本地点暂未开放报到',
  'group.party-branch': '党支部',
  'group.school-class': '学校班级',
  'group.company': '企业团队',
  'group.community': '社区团体',
  'group.family': '家庭',
  'group.other': '其他',
  'catalogue.title': '文物一张图',
  'catalogue.count': '共 {count} 处',
  'catalogue.all': '全部',
  'catalogue.category': '类别',
  'catalogue.era': '时期',
  'catalogue.region': '区域',
  'catalogue.index': '索引',
  'catalogue.empty': '没有符合条件的条目',
  'catalogue.close': '返回沙盘',
} as const;

export type SandStringKey = keyof typeof zhHans;

export const en: Record<SandStringKey, string> = {
  'sand.title': 'Sand table',
  'sand.categories': 'Categories',
  'sand.allCategories': 'All',
  'sand.layers': 'Layers',
  'sand.time': 'Period',
  'sand.allTime': 'All periods',
  'sand.year': '{year}',
  'sand.reset': 'Reset view',
  'sand.catalogue': 'Relic map',
  'sand.tour': 'Guided tour',
  'sand.tourPause': 'Pause',
  'sand.tourResume': 'Resume',
  'sand.tourStop': 'End tour',
  'sand.tourHandedOver': 'The tour has stopped here. The table is yours.',
  'sand.loading': 'Preparing the sand table…',
  'sand.contextLost': 'The picture is being restored. One moment, please…',
  'sand.failed':
    'The sand table cannot be shown just now. Please explore the other exhibits or ask a member of staff.',
  'sand.visible': '{count} shown',
  'card.close': 'Close',
  'card.intro': 'Introduction',
  'card.navigate': 'Directions',
  'card.checkIn': 'Check in',
  'card.events': 'Its events ({count})',
  'card.media': 'Pictures and films',
  'card.model': '3D model: turn with one finger, pinch to zoom',
  'card.modelFailed': 'The model cannot be shown just now',
  'card.mediaFailed': 'This item cannot be shown just now',
  'nav.routeShown': 'The route from “{here}” is shown on the table',
  'nav.scan': 'Scan with your phone to take this place with you',
  'nav.opens.amap': 'Your phone opens this place in Amap (高德地图), ready for directions',
  'nav.opens.baidu': 'Your phone opens this place in Baidu Maps (百度地图), ready for directions',
  'nav.opens.tencent': 'Your phone opens this place in Tencent Maps (腾讯地图), ready for directions',
  'nav.opens.geo': 'Your phone opens this place in its own map app',
  'nav.opens.web': 'Your phone opens a map of this place in its browser',
  'nav.offline': 'The code is made here; this exhibit itself is offline',
  'nav.address': 'Address',
  'checkin.group': 'Group (optional)',
  'checkin.count': 'People',
  'checkin.less': 'Fewer',
  'checkin.more': 'More',
  'checkin.submit': 'Check in',
  'checkin.done': '✓ Checked in',
  'checkin.again': 'Check in another group',
  'checkin.thanks': 'Checked in. Thank you for your visit!',
  'checkin.totals':
    '{groups, plural, one {# group} other {# groups}}, {people, plural, one {# person has} other {# people have}} checked in here',
  'checkin.hall': '{people, plural, one {# visitor} other {# visitors}} across the hall',
  'checkin.off': 'Check-in is not open for this place',
  'group.party-branch': 'Party branch',
  'group.school-class': 'School class',
  'group.company': 'Company team',
  'group.community': 'Community group',
  'group.family': 'Family',
  'group.other': 'Other',
  'catalogue.title': 'Relic map',
  'catalogue.count': '{count, plural, one {# place} other {# places}}',
  'catalogue.all': 'All',
  'catalogue.category': 'Category',
  'catalogue.era': 'Period',
  'catalogue.region': 'Area',
  'catalogue.index': 'Index',
  'catalogue.empty': 'Nothing matches these filters',
  'catalogue.close': 'Back to the table',
};

const tables: Record<Language, Record<SandStringKey, string>> = { 'zh-Hans': zhHans, en };

/** A sand-table UI string in `language` with `{name}` placeholders filled. */
export function sandText(language: Language, key: SandStringKey, params?: TranslateParams): string {
  return uiString(language, key, tables[language][key], params);
}

export type SandT = (key: SandStringKey, params?: TranslateParams) => string;

/** `t(key)` for the sand table in the visitor's language. */
export function useSandT(): SandT {
  const language = useSession(selectLanguage);
  return useCallback((key, params) => sandText(language, key, params), [language]);
}
