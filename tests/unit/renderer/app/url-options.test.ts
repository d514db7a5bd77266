import { describe, expect, it } from 'vitest';
import { parseUrlOptions } from '../../../../renderer/src/app/url-options';

describe('URL options', () => {
  it('has kiosk defaults without a query', () => {
    expect(parseUrlOptions('')).toEqual({ hideCursor: false, debug: false });
  });

  it('reads idle, countdown, cursor, debug and screen', () => {
    expect(parseUrlOptions('?idle=5&countdown=3&cursor=0&debug=1&screen=home')).toEqual({
      idleSeconds: 5,
      countdownSeconds: 3,
      hideCursor: true,
      debug: true,
      screen: 'home',
    });
  });

  it('ignores nonsense and never opens staff mode from a URL', () => {
    expect(parseUrlOptions('?idle=-1&countdown=abc&screen=staff&cursor=1')).toEqual({
      hideCursor: false,
      debug: false,
    });
    expect(parseUrlOptions('?idle=&screen=nowhere')).toEqual({ hideCursor: false, debug: false });
  });
});
