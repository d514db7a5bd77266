import { describe, expect, it } from 'vitest';
import { createSessionStore } from '../../../../renderer/src/stores/session-store';

describe('session store', () => {
  it('starts on attract in Chinese with no presets', () => {
    const s = createSessionStore().getState();
    expect(s.screen).toBe('attract');
    expect(s.language).toBe('zh-Hans');
    expect(s.presets).toEqual({ largeText: false, highContrast: false, reducedMotion: false });
    expect(s.idlePhase).toBe('active');
  });

  it('packLoaded offers the pack languages and starts in its default', () => {
    const store = createSessionStore();
    store.getState().packLoaded({ languages: ['zh-Hans', 'en'], defaultLanguage: 'en' });
    expect(store.getState().languages).toEqual(['zh-Hans', 'en']);
    expect(store.getState().language).toBe('en');
  });

  it('packLoaded mid-session keeps the visitor language when the pack still has it', () => {
    const store = createSessionStore();
    store.getState().packLoaded({ languages: ['zh-Hans', 'en'], defaultLanguage: 'zh-Hans' });
    store.getState().attractTouched(1);
    store.getState().languageToggled();
    store.getState().packLoaded({ languages: ['zh-Hans', 'en'], defaultLanguage: 'zh-Hans' });
    expect(store.getState().language).toBe('en');
    store.getState().packLoaded({ languages: ['zh-Hans'], defaultLanguage: 'zh-Hans' });
    expect(store.getState().language).toBe('zh-Hans');
  });

  it('attractTouched opens home and records the touch', () => {
    const store = createSessionStore();
    store.getState().attractTouched(42);
    expect(store.getState().screen).toBe('home');
    expect(store.getState().lastInteractionAt).toBe(42);
  });

  it('attractTouched elsewhere only records the touch', () => {
    const store = createSessionStore({ screen: 'timeline' });
    store.getState().attractTouched(7);
    expect(store.getState().screen).toBe('timeline');
  });

  it('languageToggled cycles through the offered languages, and is a no-op with one', () => {
    const store = createSessionStore();
    store.getState().languageToggled();
    expect(store.getState().language).toBe('zh-Hans');
    store.getState().packLoaded({ languages: ['zh-Hans', 'en'], defaultLanguage: 'zh-Hans' });
    store.getState().languageToggled();
    expect(store.getState().language).toBe('en');
    store.getState().languageToggled();
    expect(store.getState().language).toBe('zh-Hans');
  });

  it('languageChosen ignores languages the pack lacks', () => {
    const store = createSessionStore();
    store.getState().languageChosen('en');
    expect(store.getState().language).toBe('zh-Hans');
  });

  it('presetToggled flips one preset', () => {
    const store = createSessionStore();
    store.getState().presetToggled('largeText');
    expect(store.getState().presets).toEqual({ largeText: true, highContrast: false, reducedMotion: false });
    store.getState().presetToggled('largeText');
    expect(store.getState().presets.largeText).toBe(false);
  });

  it('screenRequested navigates and clears a countdown', () => {
    const store = createSessionStore({ screen: 'home', idlePhase: 'countdown', countdownEndsAt: 99 });
    store.getState().screenRequested('sand-table');
    expect(store.getState()).toMatchObject({ screen: 'sand-table', idlePhase: 'active', countdownEndsAt: 0 });
  });

  it('the countdown: starts (not on attract), ignores stray touches, continues on Continue', () => {
    const onAttract = createSessionStore();
    onAttract.getState().idleCountdownStarted(1000, 10);
    expect(onAttract.getState().idlePhase).toBe('active');

    const store = createSessionStore({ screen: 'home', lastInteractionAt: 5 });
    store.getState().idleCountdownStarted(1000, 10);
    expect(store.getState()).toMatchObject({ idlePhase: 'countdown', countdownEndsAt: 11_000 });
    store.getState().interacted(2000);
    expect(store.getState()).toMatchObject({ idlePhase: 'countdown', lastInteractionAt: 5 });
    store.getState().idleContinued(3000);
    expect(store.getState()).toMatchObject({
      idlePhase: 'active',
      countdownEndsAt: 0,
      lastInteractionAt: 3000,
    });
  });

  it('idleTimedOut and sessionReset forget the visitor: attract, default language, no presets', () => {
    for (const event of ['idleTimedOut', 'sessionReset'] as const) {
      const store = createSessionStore();
      store.getState().packLoaded({ languages: ['zh-Hans', 'en'], defaultLanguage: 'zh-Hans' });
      store.getState().attractTouched(1);
      store.getState().languageToggled();
      store.getState().presetToggled('highContrast');
      store.getState().screenRequested('timeline');
      store.getState().idleCountdownStarted(10, 5);
      store.getState()[event]();
      expect(store.getState()).toMatchObject({
        screen: 'attract',
        language: 'zh-Hans',
        languages: ['zh-Hans', 'en'],
        presets: { largeText: false, highContrast: false, reducedMotion: false },
        idlePhase: 'active',
        countdownEndsAt: 0,
      });
    }
  });

  it('notifies selector subscribers only for their slice', () => {
    const store = createSessionStore();
    const screens: string[] = [];
    store.subscribe(
      (s) => s.screen,
      (screen) => screens.push(screen),
    );
    store.getState().presetToggled('largeText');
    store.getState().screenRequested('home');
    expect(screens).toEqual(['home']);
  });
});
