import { describe, expect, it } from 'vitest';
import { installVolumeCap, setVolumeCap } from '../../../../renderer/src/app/volume-cap';

/** A stand-in for HTMLMediaElement (jsdom does not play media). */
class FakeMedia extends EventTarget {
  volume = 1;
  muted = false;
  listeners = 0;
  play(): Promise<void> {
    return Promise.resolve();
  }
  override addEventListener(...args: Parameters<EventTarget['addEventListener']>): void {
    this.listeners += 1;
    super.addEventListener(...args);
  }
  override removeEventListener(...args: Parameters<EventTarget['removeEventListener']>): void {
    this.listeners -= 1;
    super.removeEventListener(...args);
  }
}

installVolumeCap(FakeMedia.prototype as unknown as HTMLMediaElement);
installVolumeCap(FakeMedia.prototype as unknown as HTMLMediaElement); // idempotent

describe('volume cap', () => {
  it('applies on play and to what is already playing; 0 mutes', async () => {
    setVolumeCap(1);
    const a = new FakeMedia();
    await a.play();
    expect([a.volume, a.muted]).toEqual([1, false]);
    setVolumeCap(0.3);
    expect([a.volume, a.muted]).toEqual([0.3, false]);
    setVolumeCap(0);
    expect(a.muted).toBe(true);
    const b = new FakeMedia();
    await b.play();
    expect([b.volume, b.muted]).toEqual([0, true]);
    setVolumeCap(1);
  });

  it('forgets an element when it stops, and leaves no listeners behind after many plays', async () => {
    setVolumeCap(1);
    const a = new FakeMedia();
    for (let i = 0; i < 50; i += 1) {
      await a.play();
      a.dispatchEvent(new Event(i % 2 === 0 ? 'pause' : 'ended'));
    }
    expect(a.listeners).toBe(0);
    setVolumeCap(0.5);
    expect(a.volume).toBe(1); // not playing: untouched until it plays again
    await a.play();
    expect(a.volume).toBe(0.5);
    setVolumeCap(1);
  });
});
