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
});
