import { createStore } from 'zustand/vanilla';
import { subscribeWithSelector } from 'zustand/middleware';
import type { Language } from '../i18n/language';

/** Every screen the shell can show. Add a screen here and in app/ScreenRouter. */
export type Screen = 'attract' | 'home' | 'sand-table' | 'timeline' | 'staff';

export type Presets = {
  largeText: boolean;
  highContrast: boolean;
  reducedMotion: boolean;
};

export type PresetName = keyof Presets;

/** `active`: a visitor is (or may be) there; `countdown`: the "Still there?" overlay is up. */
export type IdlePhase = 'active' | 'countdown';

export type SessionState = {
  screen: Screen;
  language: Language;
  /** Languages the visitor can switch between (from the pack). */
  languages: readonly Language[];
  defaultLanguage: Language;
  presets: Presets;
  /** `performance.now()`-style or epoch ms; whatever clock the idle flow feeds in. */
  lastInteractionAt: number;
  idlePhase: IdlePhase;
  /** When the countdown reaches zero (same clock as `lastInteractionAt`); 0 when not counting. */
  countdownEndsAt: number;

  /** The pack's manifest arrived: its languages become the visitor's choices. */
  packLoaded: (pack: { languages: readonly Language[]; defaultLanguage: Language }) => void;
  /** A visitor touched the attract screen. */
  attractTouched: (at: number) => void;
  /** Something asked for a screen (home button, a tile, "show on the sand table" …). */
  screenRequested: (screen: Screen) => void;
  languageToggled: () => void;
  languageChosen: (language: Language) => void;
  presetToggled: (preset: PresetName) => void;
  /** Any touch, click, key or wheel anywhere in the app. */
  interacted: (at: number) => void;
  idleCountdownStarted: (at: number, seconds: number) => void;
  /** "Continue" on the countdown overlay. */
  idleContinued: (at: number) => void;
  /** The countdown ran out: back to attract. Other stores are reset by flows/idle. */
  idleTimedOut: () => void;
  sessionReset: () => void;
};

const defaultPresets: Presets = { largeText: false, highContrast: false, reducedMotion: false };

type Data = Pick<
  SessionState,
  | 'screen'
  | 'language'
  | 'languages'
  | 'defaultLanguage'
  | 'presets'
  | 'lastInteractionAt'
  | 'idlePhase'
  | 'countdownEndsAt'
>;

const initial: Data = {
  screen: 'attract',
  language: 'zh-Hans',
  languages: ['zh-Hans'],
  defaultLanguage: 'zh-Hans',
  presets: defaultPresets,
  lastInteractionAt: 0,
  idlePhase: 'active',
  countdownEndsAt: 0,
};

/** What a new visitor finds: the pack's default language, no presets, the attract screen. */
function freshSession(s: Data): Partial<Data> {
  return {
    screen: 'attract',
    language: s.defaultLanguage,
    presets: defaultPresets,
    idlePhase: 'active',
    countdownEndsAt: 0,
  };
}

export function createSessionStore(data: Partial<Data> = {}) {
  return createStore<SessionState>()(
    subscribeWithSelector((set, get) => ({
      ...initial,
      ...data,
      packLoaded: ({ languages, defaultLanguage }) => {
        const choices = languages.length > 0 ? languages : [defaultLanguage];
        // A visitor mid-session keeps their language if the (new) pack still has it.
        const current = get();
        const keep = current.screen !== 'attract' && choices.includes(current.language);
        const language = keep ? current.language : defaultLanguage;
        set({ languages: choices, defaultLanguage, language });
      },
      attractTouched: (at) =>
        set((s) =>
          s.screen === 'attract' ? { screen: 'home', lastInteractionAt: at } : { lastInteractionAt: at },
        ),
      screenRequested: (screen) => set({ screen, idlePhase: 'active', countdownEndsAt: 0 }),
      languageToggled: () =>
        set((s) => {
          if (s.languages.length < 2) return {};
          const index = s.languages.indexOf(s.language);
          return { language: s.languages[(index + 1) % s.languages.length] ?? s.defaultLanguage };
        }),
      languageChosen: (language) => set((s) => (s.languages.includes(language) ? { language } : {})),
      presetToggled: (preset) => set((s) => ({ presets: { ...s.presets, [preset]: !s.presets[preset] } })),
      interacted: (at) =>
        // A touch behind the countdown overlay does not dismiss it; only "Continue" does.
        set((s) => (s.idlePhase === 'countdown' ? {} : { lastInteractionAt: at })),
      idleCountdownStarted: (at, seconds) =>
        set((s) =>
          s.screen === 'attract' ? {} : { idlePhase: 'countdown', countdownEndsAt: at + seconds * 1000 },
        ),
      idleContinued: (at) => set({ idlePhase: 'active', countdownEndsAt: 0, lastInteractionAt: at }),
      idleTimedOut: () => set((s) => freshSession(s)),
      sessionReset: () => set((s) => freshSession(s)),
    })),
  );
}

export type SessionStore = ReturnType<typeof createSessionStore>;

/** The app's one session store. */
export const sessionStore = createSessionStore();

export const selectScreen = (s: SessionState) => s.screen;
export const selectLanguage = (s: SessionState) => s.language;
export const selectLanguages = (s: SessionState) => s.languages;
export const selectPresets = (s: SessionState) => s.presets;
export const selectIdlePhase = (s: SessionState) => s.idlePhase;
export const selectCountdownEndsAt = (s: SessionState) => s.countdownEndsAt;
