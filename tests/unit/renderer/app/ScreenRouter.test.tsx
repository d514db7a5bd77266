// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScreenRouter } from '../../../../renderer/src/app/ScreenRouter';
import { loadTimelineScreen, preloadScreen } from '../../../../renderer/src/app/screen-modules';

vi.mock('../../../../renderer/src/screens/SandTableScreen', () => ({
  SandTableScreen: () => <p>sand table</p>,
}));
vi.mock('../../../../renderer/src/screens/TimelineScreen', () => ({
  TimelineScreen: () => <p>timeline</p>,
}));

describe('screen router', () => {
  afterEach(() => {
    cleanup();
  });

  it('renders a preloaded screen in its first commit, without the loading fallback', async () => {
    await preloadScreen('sand-table');
    const { container } = render(<ScreenRouter screen="sand-table" />);
    // Synchronously: through `lazy` the fallback was committed first, and React held the screen's
    // own commit back up to 300 ms after it.
    expect(screen.getByText('sand table')).toBeTruthy();
    expect(container.querySelector('.screen-loading')).toBeNull();
  });

  it('a screen not loaded yet shows the fallback, then itself, and stays mounted', async () => {
    expect(loadTimelineScreen.loaded()).toBeUndefined();
    const { container, rerender } = render(<ScreenRouter screen="timeline" />);
    expect(container.querySelector('.screen-loading')).not.toBeNull();
    const shown = await screen.findByText('timeline');
    expect(loadTimelineScreen.loaded()).toBeDefined();
    rerender(<ScreenRouter screen="timeline" />);
    // Now loaded: the same element stays (no switch from the lazy path to the direct one).
    expect(screen.getByText('timeline')).toBe(shown);
  });
});
