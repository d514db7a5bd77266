// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { installKioskGuards } from '../../../../renderer/src/app/kiosk-guards';

describe('kiosk guards', () => {
  let uninstall = (): void => undefined;
  afterEach(() => uninstall());

  const dispatched = (event: Event) => document.body.dispatchEvent(event);

  it('block the context menu, image dragging and page zoom', () => {
    uninstall = installKioskGuards(document);
    expect(dispatched(new MouseEvent('contextmenu', { bubbles: true, cancelable: true }))).toBe(false);
    expect(dispatched(new Event('dragstart', { bubbles: true, cancelable: true }))).toBe(false);
    expect(dispatched(new Event('gesturestart', { bubbles: true, cancelable: true }))).toBe(false);
    expect(dispatched(new Event('gesturechange', { bubbles: true, cancelable: true }))).toBe(false);
    expect(dispatched(new WheelEvent('wheel', { bubbles: true, cancelable: true, ctrlKey: true }))).toBe(
      false,
    );
    expect(
      dispatched(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, key: '+', ctrlKey: true })),
    ).toBe(false);
  });

  it('leave ordinary wheel and keys alone, and can be removed', () => {
    uninstall = installKioskGuards(document);
    expect(dispatched(new WheelEvent('wheel', { bubbles: true, cancelable: true }))).toBe(true);
    expect(dispatched(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, key: 'a' }))).toBe(
      true,
    );
    uninstall();
    expect(dispatched(new MouseEvent('contextmenu', { bubbles: true, cancelable: true }))).toBe(true);
  });

  it("cancel Chromium's own shortcuts the page may cancel (DevTools, reload, print, open), not editing or Escape", () => {
    uninstall = installKioskGuards(document);
    const key = (init: KeyboardEventInit) =>
      dispatched(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
    expect(key({ key: 'F12', code: 'F12' })).toBe(false);
    expect(key({ key: 'I', code: 'KeyI', ctrlKey: true, shiftKey: true })).toBe(false);
    expect(key({ key: 'J', code: 'KeyJ', ctrlKey: true, shiftKey: true })).toBe(false);
    expect(key({ key: 'F5', code: 'F5' })).toBe(false);
    expect(key({ key: 'r', code: 'KeyR', ctrlKey: true })).toBe(false);
    expect(key({ key: 'p', code: 'KeyP', ctrlKey: true })).toBe(false);
    expect(key({ key: 'o', code: 'KeyO', ctrlKey: true })).toBe(false);
    expect(key({ key: 'u', code: 'KeyU', ctrlKey: true })).toBe(false);
    expect(key({ key: 'c', code: 'KeyC', ctrlKey: true })).toBe(true);
    expect(key({ key: 'Escape', code: 'Escape' })).toBe(true);
    expect(key({ key: '7', code: 'Digit7' })).toBe(true);
  });
});
