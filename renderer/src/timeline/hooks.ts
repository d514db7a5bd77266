/** React access to the timeline and player stores, and the timeline's UI strings. */
import { useCallback } from 'react';
import { useStore } from 'zustand';
import { useSession } from '../stores/hooks';
import { selectLanguage } from '../stores/session-store';
import type { PlayerState } from '../stores/player-store';
import { playerStore } from '../stores/player-store';
import type { TimelineState } from '../stores/timeline-store';
import { timelineStore } from '../stores/timeline-store';
import type { TimelineStringKey } from './strings';
import { timelineText } from './strings';

export function useTimeline<T>(selector: (s: TimelineState) => T): T {
  return useStore(timelineStore, selector);
}

export function usePlayer<T>(selector: (s: PlayerState) => T): T {
  return useStore(playerStore, selector);
}

export type TimelineT = (
  key: TimelineStringKey,
  params?: Readonly<Record<string, string | number>>,
) => string;

/** `t(key)` for the timeline's strings in the visitor's language. */
export function useTimelineT(): TimelineT {
  const language = useSession(selectLanguage);
  return useCallback((key, params) => timelineText(language, key, params), [language]);
}

/** True when motion should be reduced: the visitor's preset or the system setting. */
export function useReducedMotion(): boolean {
  const preset = useSession((s) => s.presets.reducedMotion);
  const system =
    typeof window !== 'undefined' &&
    typeof window.matchMedia === 'function' &&
    window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  return preset || system;
}
