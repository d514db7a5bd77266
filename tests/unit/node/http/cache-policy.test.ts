import { describe, expect, it } from 'vitest';
import { IMMUTABLE, REVALIDATE, rendererCacheControl } from '../../../../electron/node/http/cache-policy';

describe('rendererCacheControl', () => {
  const cases: [string, string][] = [
    ['index.html', REVALIDATE],
    ['assets/index-B1x_9QaZ.js', IMMUTABLE],
    ['assets/index-D0a8-yZ_.css', IMMUTABLE],
    ['assets/noto-sans-sc-chinese-simplified-400-normal-Cq1Lp2_x.woff2', IMMUTABLE],
    ['assets/fonts/x-AbCdEf12.woff2', IMMUTABLE],
    ['assets/font-regular.woff2', REVALIDATE],
    ['assets/logo.png', REVALIDATE],
    ['index-B1x_9QaZ.js', REVALIDATE],
    ['favicon.ico', REVALIDATE],
  ];
  it.each(cases)('%s → %s', (p, expected) => {
    expect(rendererCacheControl(p)).toBe(expected);
  });
});
