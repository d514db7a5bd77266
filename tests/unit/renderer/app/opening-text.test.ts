import { describe, expect, it } from 'vitest';
import { openingText } from '../../../../renderer/src/app/opening-text';

const now = new Date(2026, 11, 9, 20, 0); // Wednesday 9 December, 20:00 local

describe('openingText', () => {
  it('says today, tomorrow or the day, in each language', () => {
    expect(openingText(new Date(2026, 11, 9, 21, 5).getTime(), now, 'en')).toBe('Opens today at 21:05');
    expect(openingText(new Date(2026, 11, 10, 9).getTime(), now, 'zh-Hans')).toBe('明天 09:00 开馆');
    expect(openingText(new Date(2026, 11, 10, 9).getTime(), now, 'en')).toBe('Opens tomorrow at 09:00');
    expect(openingText(new Date(2026, 11, 14, 9, 30).getTime(), now, 'en')).toBe(
      'Opens Monday 14 December at 09:30',
    );
    expect(openingText(new Date(2026, 11, 14, 9, 30).getTime(), now, 'zh-Hans')).toBe(
      '12月14日星期一 09:30 开馆',
    );
  });

  it('says closed until further notice when nothing opens', () => {
    expect(openingText(null, now, 'zh-Hans')).toBe('暂停开放');
    expect(openingText(null, now, 'en')).toBe('Closed until further notice');
  });
});
