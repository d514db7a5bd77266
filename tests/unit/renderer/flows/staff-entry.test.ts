// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTapCounter, installStaffEntry } from '../../../../renderer/src/flows/staff-entry';

let uninstall: (() => void) | null = null;
afterEach(() => {
  uninstall?.();
  uninstall = null;
});

describe('tap counter', () => {
  it('five taps in the corner within three seconds', () => {
    const tap = createTapCounter({ taps: 5, windowMs: 3000, cornerPx: 96 });
    expect([0, 500, 1000, 1500].map((t) => tap(10, 10, t))).toEqual([false, false, false, false]);
    expect(tap(90, 90, 2000)).toBe(true);
    // It starts over after a success.
    expect(tap(10, 10, 2100)).toBe(false);
  });

  it('too slow, or a tap elsewhere, starts over', () => {
    const tap = createTapCounter({ taps: 5, windowMs: 3000, cornerPx: 96 });
    for (const t of [0, 1000, 2000, 3000]) tap(5, 5, t);
    expect(tap(5, 5, 3500)).toBe(false); // the tap at 0 fell out of the window
    expect(tap(5, 5, 3600)).toBe(true);
    for (const t of [0, 100, 200, 300]) tap(5, 5, t);
    expect(tap(500, 5, 400)).toBe(false);
    expect(tap(5, 5, 500)).toBe(false);
  });
});

function pointer(x: number, y: number): PointerEvent {
  const e = new MouseEvent('pointerdown', {
    clientX: x,
    clientY: y,
    bubbles: true,
  }) as unknown as PointerEvent;
  Object.defineProperty(e, 'isPrimary', { value: true });
  return e;
}

describe('installStaffEntry', () => {
  it('opens staff mode after the corner taps, invisibly (nothing in the DOM)', () => {
    let now = 0;
    const open = vi.fn();
    const before = document.body.innerHTML;
    uninstall = installStaffEntry(document, { open, now: () => now, chord: () => Promise.resolve(null) });
    for (let i = 0; i < 5; i += 1) {
      now += 200;
      document.body.dispatchEvent(pointer(20, 30));
    }
    expect(open).toHaveBeenCalledTimes(1);
    expect(document.body.innerHTML).toBe(before);
  });

  it('taps on a control (a visitor pressing Home again and again) never count', () => {
    let now = 0;
    const open = vi.fn();
    const home = document.createElement('button');
    const plain = document.createElement('div');
    document.body.append(home, plain);
    uninstall = installStaffEntry(document, { open, now: () => now, chord: () => Promise.resolve(null) });
    for (let i = 0; i < 8; i += 1) {
      now += 100;
      home.dispatchEvent(pointer(20, 20));
    }
    expect(open).not.toHaveBeenCalled();
    // Four beside it, then one on it: the count starts over.
    for (let i = 0; i < 4; i += 1) plain.dispatchEvent(pointer(5, 5));
    home.dispatchEvent(pointer(20, 20));
    plain.dispatchEvent(pointer(5, 5));
    expect(open).not.toHaveBeenCalled();
    home.remove();
    plain.remove();
  });

  it('opens on the configured chord, and only that one', async () => {
    const open = vi.fn();
    uninstall = installStaffEntry(document, { open, chord: () => Promise.resolve('Ctrl+Alt+P') });
    await Promise.resolve();
    await Promise.resolve();
    const key = (init: KeyboardEventInit) =>
      document.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, ...init }));
    key({ code: 'KeyK', key: 'K', ctrlKey: true, altKey: true, shiftKey: true });
    expect(open).not.toHaveBeenCalled();
    key({ code: 'KeyP', key: 'p', ctrlKey: true, altKey: true, shiftKey: true });
    expect(open).not.toHaveBeenCalled();
    key({ code: 'KeyP', key: 'p', ctrlKey: true, altKey: true });
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('uses the default chord when none is configured', async () => {
    const open = vi.fn();
    uninstall = installStaffEntry(document, { open, chord: () => Promise.resolve(null) });
    await Promise.resolve();
    document.dispatchEvent(
      new KeyboardEvent('keydown', { code: 'KeyK', key: 'K', ctrlKey: true, altKey: true, shiftKey: true }),
    );
    expect(open).toHaveBeenCalledTimes(1);
  });
});
