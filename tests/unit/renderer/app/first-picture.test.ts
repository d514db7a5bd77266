import { describe, expect, it, vi } from 'vitest';
import {
  firstPictureHeld,
  holdFirstPicture,
  subscribeFirstPicture,
} from '../../../../renderer/src/app/first-picture';

describe('first picture (a screen holds the deferred work until its first frame is drawn)', () => {
  it('is held while any screen holds it, and each release counts once', () => {
    expect(firstPictureHeld()).toBe(false);
    const a = holdFirstPicture();
    const b = holdFirstPicture();
    expect(firstPictureHeld()).toBe(true);
    a();
    a(); // a second release of the same hold changes nothing
    expect(firstPictureHeld()).toBe(true);
    b();
    expect(firstPictureHeld()).toBe(false);
  });

  it('tells its subscribers of each change, until they unsubscribe', () => {
    const seen: boolean[] = [];
    const listener = vi.fn(() => seen.push(firstPictureHeld()));
    const unsubscribe = subscribeFirstPicture(listener);
    const release = holdFirstPicture();
    release();
    release();
    expect(seen).toEqual([true, false]);
    unsubscribe();
    holdFirstPicture()();
    expect(listener).toHaveBeenCalledTimes(2);
  });
});
