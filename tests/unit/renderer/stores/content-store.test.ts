import { describe, expect, it } from 'vitest';
import { createContentStore, selectManifest } from '../../../../renderer/src/stores/content-store';
import { testManifest } from '../fixtures';

describe('content store', () => {
  it('loading → ready, with a revision per load', () => {
    const store = createContentStore();
    expect(store.getState().load).toEqual({ status: 'loading' });
    const manifest = testManifest();
    store.getState().manifestLoaded(manifest);
    expect(store.getState().load).toEqual({ status: 'ready', manifest });
    expect(selectManifest(store.getState())).toBe(manifest);
    store.getState().manifestLoaded(manifest);
    expect(store.getState().revision).toBe(2);
  });

  it('loading → error with a problem the screen can word calmly', () => {
    const store = createContentStore();
    store.getState().manifestFailed('no-pack');
    expect(store.getState().load).toEqual({ status: 'error', problem: 'no-pack' });
    expect(selectManifest(store.getState())).toBeUndefined();
    store.getState().manifestRequested();
    expect(store.getState().load).toEqual({ status: 'loading' });
  });

  it('a failed reload keeps the pack that is already showing', () => {
    const store = createContentStore();
    const manifest = testManifest();
    store.getState().manifestLoaded(manifest);
    store.getState().manifestRequested();
    store.getState().manifestFailed('unreachable');
    expect(store.getState().load).toEqual({ status: 'ready', manifest });
  });

  it('sessionReset keeps the content', () => {
    const store = createContentStore();
    store.getState().manifestLoaded(testManifest());
    store.getState().sessionReset();
    expect(store.getState().load.status).toBe('ready');
  });
});
