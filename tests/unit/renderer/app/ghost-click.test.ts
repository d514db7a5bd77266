// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { armGhostClickGuard, installGhostClickGuard } from '../../../../renderer/src/app/ghost-click';

describe('ghost click guard', () => {
  let uninstall = () => undefined as void;
  afterEach(() => uninstall());

  it('swallows the one click that ends the arming touch', () => {
    uninstall = installGhostClickGuard(document);
    const button = document.body.appendChild(document.createElement('button'));
    const onClick = vi.fn();
    button.addEventListener('click', onClick);
    armGhostClickGuard();
    button.click();
    button.click();
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('the next touch disarms it', () => {
    uninstall = installGhostClickGuard(document);
    const button = document.body.appendChild(document.createElement('button'));
    const onClick = vi.fn();
    button.addEventListener('click', onClick);
    armGhostClickGuard();
    button.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    button.click();
    expect(onClick).toHaveBeenCalledTimes(1);
  });
});
