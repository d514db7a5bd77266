import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startPackFollow } from '../../../../renderer/src/flows/follow-pack';
import { createContentStore } from '../../../../renderer/src/stores/content-store';
import { createSessionStore } from '../../../../renderer/src/stores/session-store';
import { testManifest } from '../fixtures';

describe('the page follows the kiosk to another pack at an idle moment', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function world(serving: { id: string; version: string } | undefined) {
    const session = createSessionStore();
    const content = createContentStore();
    const manifest = testManifest({});
    content.getState().manifestLoaded(manifest);
    const reload = vi.fn();
    let current = serving ?? { id: manifest.id, version: manifest.version };
    const stop = startPackFollow({
      session,
      content,
      reload,
      intervalMs: 1000,
      status: () => Promise.resolve(serving === undefined ? undefined : current),
    });
    return { session, reload, stop, manifest, serve: (v: typeof current) => (current = v) };
  }

  it('does nothing while the kiosk serves the pack on screen', async () => {
    const w = world(undefined);
    await vi.advanceTimersByTimeAsync(5000);
    expect(w.reload).not.toHaveBeenCalled();
    w.stop();
  });

  it('waits for attract while a visitor is there, then reloads once', async () => {
    const w = world({ id: 'other', version: '9.0.0' });
    w.session.getState().attractTouched(0);
    await vi.advanceTimersByTimeAsync(3000);
    expect(w.reload).not.toHaveBeenCalled();
    w.session.getState().idleTimedOut();
    expect(w.reload).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(w.reload).toHaveBeenCalledTimes(1);
    w.stop();
  });

  it('reloads at once when the screen is already on attract', async () => {
    const w = world({ id: 'other', version: '9.0.0' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(w.reload).toHaveBeenCalledTimes(1);
    w.stop();
  });
});
