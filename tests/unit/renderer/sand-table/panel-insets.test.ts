import { describe, expect, it } from 'vitest';
import { insetsFrom } from '../../../../renderer/src/components/sand-table/panel-insets';

describe('panel insets', () => {
  const root = { width: 1920, height: 1000 };

  it('landscape: chips above, slider below, card at the right', () => {
    const r = insetsFrom(root, { top: 10, height: 110 }, { top: 920 }, { top: 130, left: 1300 }, false);
    expect(r.chromeTop).toBe(120);
    expect(r.chromeBottom).toBe(80);
    expect(r.table).toEqual({ top: 128, right: 628, bottom: 88, left: 0 });
  });

  it('portrait: the card is a bottom sheet', () => {
    const r = insetsFrom(
      { width: 1080, height: 1800 },
      { top: 10, height: 400 },
      null,
      { top: 1000, left: 16 },
      true,
    );
    expect(r.table).toEqual({ top: 418, right: 0, bottom: 808, left: 0 });
  });

  it('no panels, no insets', () => {
    expect(insetsFrom(root, null, null, null, false).table).toEqual({ top: 0, right: 0, bottom: 0, left: 0 });
  });
});
