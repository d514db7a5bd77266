// @vitest-environment jsdom
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TimelineTrack } from '../../../../renderer/src/components/timeline/TimelineTrack';
import type { TrackJump } from '../../../../renderer/src/stores/timeline-store';
import { buildTimelineModel } from '../../../../renderer/src/timeline/model';
import { bigTimeline, manifest } from './helpers';

beforeAll(() => {
  // jsdom lays nothing out: give the track a 1920×700 box.
  class FixedResizeObserver {
    constructor(private readonly cb: ResizeObserverCallback) {}
    observe(target: Element) {
      this.cb(
        [{ target, contentRect: { width: 1920, height: 700 } } as unknown as ResizeObserverEntry],
        this,
      );
    }
    unobserve() {}
    disconnect() {}
  }
  vi.stubGlobal('ResizeObserver', FixedResizeObserver);
});
afterEach(cleanup);

const t = bigTimeline(5000);
const model = buildTimelineModel(t);
const pack = manifest([t]);

function setup(jump: TrackJump | null = null, initialIndex = 0) {
  const onSettled = vi.fn();
  const onOpen = vi.fn();
  const onFocusChange = vi.fn();
  const props = {
    model,
    manifest: pack,
    language: 'en' as const,
    defaultLanguage: 'zh-Hans',
    initialIndex,
    reducedMotion: true,
    onFocusChange,
    onSettled,
    onOpen,
  };
  const r = render(<TimelineTrack {...props} jump={jump} />);
  return { ...r, props, onSettled, onOpen, onFocusChange };
}

const cards = (c: HTMLElement) =>
  [...c.querySelectorAll<HTMLElement>('[data-item-index]')].map((e) => Number(e.dataset.itemIndex));

describe('TimelineTrack (5,000 events)', () => {
  it('puts only the cards near the screen in the DOM', () => {
    const { container } = setup();
    const shown = cards(container);
    expect(shown[0]).toBe(0);
    expect(shown.length).toBeGreaterThan(2);
    expect(shown.length).toBeLessThanOrEqual(8);
    expect(container.querySelector('[data-testid=timeline-track]')?.getAttribute('data-count')).toBe(
      String(model.items.length),
    );
  });

  it('jumps far away and renders only around the target', () => {
    const { container, rerender, props, onSettled } = setup();
    act(() =>
      rerender(
        <TimelineTrack {...props} jump={{ seq: 1, target: { kind: 'item', index: 4000 }, animate: true }} />,
      ),
    );
    const shown = cards(container);
    expect(shown).toContain(4000);
    expect(shown.length).toBeLessThanOrEqual(8);
    expect(Math.min(...shown)).toBeGreaterThan(3990);
    expect(onSettled).toHaveBeenLastCalledWith(4000);
    act(() =>
      rerender(
        <TimelineTrack
          {...props}
          jump={{ seq: 2, target: { kind: 'event', eventId: 'e4999' }, animate: false }}
        />,
      ),
    );
    expect(onSettled).toHaveBeenLastCalledWith(model.itemIndexOfEvent.get('e4999'));
  });

  it('swipes: a drag to the left moves to later cards and settles on one', () => {
    const { container, onSettled, onOpen } = setup(null, 10);
    const track = container.querySelector<HTMLElement>('[data-testid=timeline-track]')!;
    track.setPointerCapture = () => undefined;
    fireEvent.pointerDown(track, {
      pointerId: 1,
      isPrimary: true,
      clientX: 1500,
      clientY: 300,
      timeStamp: 0,
    });
    for (let i = 1; i <= 10; i++)
      fireEvent.pointerMove(track, { pointerId: 1, clientX: 1500 - i * 60, clientY: 300, timeStamp: i * 16 });
    fireEvent.pointerUp(track, { pointerId: 1, clientX: 900, clientY: 300, timeStamp: 170 });
    const settled = onSettled.mock.calls.at(-1)?.[0] as number;
    expect(settled).toBeGreaterThan(10);
    expect(onOpen).not.toHaveBeenCalled();
    expect(track.dataset.focusedIndex).toBe(String(settled));
    expect(cards(container)).toContain(settled);
  });

  it('a tap on an event card opens it', () => {
    const { container, onOpen } = setup(null, 10);
    const card = container.querySelector<HTMLElement>('[data-item-index="10"]')!;
    fireEvent.pointerDown(card, { pointerId: 2, isPrimary: true, clientX: 960, clientY: 300 });
    fireEvent.pointerUp(card, { pointerId: 2, clientX: 962, clientY: 301 });
    const item = model.items[10];
    expect(onOpen).toHaveBeenCalledWith(item?.kind === 'event' ? item.event.id : '');
  });

  it('a pinch on an event card does not open it (a second finger is never a tap)', () => {
    const { container, onOpen } = setup(null, 10);
    const card = container.querySelector<HTMLElement>('[data-item-index="10"]')!;
    fireEvent.pointerDown(card, { pointerId: 3, isPrimary: true, clientX: 960, clientY: 300 });
    fireEvent.pointerDown(card, { pointerId: 4, isPrimary: false, clientX: 1060, clientY: 300 });
    fireEvent.pointerUp(card, { pointerId: 4, clientX: 1060, clientY: 300 });
    fireEvent.pointerUp(card, { pointerId: 3, clientX: 960, clientY: 300 });
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('a slide across the track axis is not a tap', () => {
    const { container, onOpen } = setup(null, 10);
    const card = container.querySelector<HTMLElement>('[data-item-index="10"]')!;
    // The track runs sideways here: a vertical slide moves nothing and opens nothing.
    fireEvent.pointerDown(card, { pointerId: 5, isPrimary: true, clientX: 960, clientY: 300 });
    fireEvent.pointerMove(card, { pointerId: 5, clientX: 961, clientY: 420 });
    fireEvent.pointerUp(card, { pointerId: 5, clientX: 961, clientY: 420 });
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('arrow keys step through the cards', () => {
    const { container, onSettled } = setup(null, 10);
    const track = container.querySelector<HTMLElement>('[data-testid=timeline-track]')!;
    fireEvent.keyDown(track, { key: 'ArrowRight' });
    expect(onSettled).toHaveBeenLastCalledWith(11);
    fireEvent.keyDown(track, { key: 'ArrowLeft' });
    fireEvent.keyDown(track, { key: 'ArrowLeft' });
    expect(onSettled).toHaveBeenLastCalledWith(9);
  });
});
