/**
 * UI strings of the app itself (not the pack's content, which carries its own translations).
 * `en` is typed from `zhHans`, so a key missing in either language is a compile error.
 */
export const zhHans = {
  'app.loading': '正在准备展览内容…',
  'app.home': '首页',
  'app.language.switchTo': '切换语言',
  'app.accessibility': '无障碍设置',
  'app.accessibility.largeText': '大字体',
  'app.accessibility.highContrast': '高对比度',
  'app.accessibility.reducedMotion': '减少动态效果',
  'app.accessibility.close': '完成',
  'attract.touchToBegin': '触摸屏幕开始',
  'home.sandTable': '电子沙盘',
  'home.sandTable.hint': '探索地图上的红色地标',
  'home.timeline': '时间长廊',
  'home.timeline.hint': '沿着时间回望历史',
  'home.stats': '数字一览',
  'idle.title': '还在浏览吗？',
  'idle.body': '{seconds} 秒后将返回首页。',
  'idle.continue': '继续浏览',
  'error.title': '展览暂时休息片刻',
  'error.body': '内容正在重新准备，请稍候，或联系现场工作人员。',
  'error.noPack': '尚未安装展览内容，请联系现场工作人员。',
  'error.retry': '重试',
  'placeholder.comingSoon': '即将开放',
  'placeholder.back': '返回首页',
  'staff.title': '工作人员模式',
} as const;

export type StringKey = keyof typeof zhHans;

export const en: Record<StringKey, string> = {
  'app.loading': 'Preparing the exhibition…',
  'app.home': 'Home',
  'app.language.switchTo': 'Switch language',
  'app.accessibility': 'Accessibility',
  'app.accessibility.largeText': 'Large text',
  'app.accessibility.highContrast': 'High contrast',
  'app.accessibility.reducedMotion': 'Reduce motion',
  'app.accessibility.close': 'Done',
  'attract.touchToBegin': 'Touch the screen to begin',
  'home.sandTable': 'Sand table',
  'home.sandTable.hint': 'Explore the landmarks on the map',
  'home.timeline': 'Timeline',
  'home.timeline.hint': 'Walk back through the years',
  'home.stats': 'At a glance',
  'idle.title': 'Still there?',
  'idle.body': 'Returning to the start in {seconds} seconds.',
  'idle.continue': 'Continue',
  'error.title': 'The exhibition is taking a short pause',
  'error.body': 'The content is being prepared again. Please wait a moment or ask a member of staff.',
  'error.noPack': 'No exhibition content is installed yet. Please ask a member of staff.',
  'error.retry': 'Try again',
  'placeholder.comingSoon': 'Coming soon',
  'placeholder.back': 'Back to home',
  'staff.title': 'Staff mode',
};
