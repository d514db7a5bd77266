import { describe, expect, it } from 'vitest';
import { loadContent } from '../../../../renderer/src/flows/boot';
import { registeredSessionStores } from '../../../../renderer/src/flows/session-reset';
import { createContentStore } from '../../../../renderer/src/stores/content-store';
import { createSessionStore } from '../../../../renderer/src/stores/session-store';
import { createHallStore } from '../../../../renderer/src/stores/hall-store';
import { testManifest } from '../fixtures';

const noSettings = () => Promise.resolve({});

describe('boot flow', () => {
  it('registers the session and content stores for session reset', () => {
    expect(registeredSessionStores()).toEqual(expect.arrayContaining(['session', 'content']));
  });

  it('a loaded manifest fills the content store and the language choices', async () => {
    const content = createContentStore();
    const session = createSessionStore();
    const manifest = testManifest({ languages: ['en', 'zh-Hans', 'fr'], defaultLanguage: 'en' });
    const ok = await loadContent({
      content,
      session,
      loadSettings: noSettings,
      load: () => Promise.resolve({ ok: true, manifest }),
    });
    expect(ok).toBe(true);
    expect(content.getState().load).toEqual({ status: 'ready', manifest });
    expect(session.getState().languages).toEqual(['en', 'zh-Hans']);
    expect(session.getState().language).toBe('en');
  });

  it('a pack whose default language the UI lacks starts in its first supported one', async () => {
    const content = createContentStore();
    const session = createSessionStore();
    const manifest = testManifest({ languages: ['fr', 'en'], defaultLanguage: 'fr' });
    await loadContent({
      content,
      session,
      loadSettings: noSettings,
      load: () => Promise.resolve({ ok: true, manifest }),
    });
    expect(session.getState().language).toBe('en');
  });

  it('a failure becomes a calm problem in the content store', async () => {
    const content = createContentStore();
    const ok = await loadContent({
      content,
      session: createSessionStore(),
      loadSettings: noSettings,
      load: () => Promise.resolve({ ok: false, problem: 'no-pack', detail: '503' }),
    });
    expect(ok).toBe(false);
    expect(content.getState().load).toEqual({ status: 'error', problem: 'no-pack' });
  });

  it("the hall's settings arrive with the manifest and survive a failed manifest", async () => {
    const hall = createHallStore();
    const content = createContentStore();
    const session = createSessionStore();
    await loadContent({
      hall,
      content,
      session,
      loadSettings: () => Promise.resolve({ idleTimeoutSeconds: 15 }),
      load: () => Promise.resolve({ ok: false, problem: 'no-pack', detail: '503' }),
    });
    expect(hall.getState().settings).toEqual({ idleTimeoutSeconds: 15 });
  });

  it('a first screen is already set when the content turns ready (no attract frame before it)', async () => {
    const content = createContentStore();
    const session = createSessionStore();
    const seen: string[] = [];
    content.subscribe((s) => {
      if (s.load.status === 'ready') seen.push(session.getState().screen);
    });
    await loadContent({
      content,
      session,
      screen: 'sand-table',
      loadSettings: noSettings,
      load: () =>
        Promise.resolve({
          ok: true,
          manifest: testManifest({ languages: ['en', 'zh-Hans'], defaultLanguage: 'en' }),
        }),
    });
    expect(seen).toEqual(['sand-table']);
    // The pack's default language still wins for a first load.
    expect(session.getState().language).toBe('en');
  });
  it("the pack waits for the first screen's code, so that screen renders in the pack's commit", async () => {
    const content = createContentStore();
    const session = createSessionStore();
    let arrive = (): void => undefined;
    const code = new Promise<void>((ok) => (arrive = ok));
    const loading = loadContent({
      content,
      session,
      screen: 'sand-table',
      screenCode: code,
      loadSettings: noSettings,
      load: () => Promise.resolve({ ok: true, manifest: testManifest() }),
    });
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(content.getState().load.status).toBe('loading');
    arrive();
    expect(await loading).toBe(true);
    expect(content.getState().load.status).toBe('ready');
  });

  it("a screen's code that failed to load does not hold the pack back", async () => {
    const content = createContentStore();
    const ok = await loadContent({
      content,
      session: createSessionStore(),
      screen: 'sand-table',
      screenCode: Promise.reject(new Error('chunk failed')),
      loadSettings: noSettings,
      load: () => Promise.resolve({ ok: true, manifest: testManifest() }),
    });
    expect(ok).toBe(true);
    expect(content.getState().load.status).toBe('ready');
  });
});
