import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { CheckInState } from '../../stores/checkin-store';
import { checkInStore } from '../../stores/checkin-store';
import { useSession } from '../../stores/hooks';
import type { SandTableState } from '../../stores/sand-table-store';
import { sandTableStore } from '../../stores/sand-table-store';

/** A slice of the sand-table store (re-renders only when it changes). */
export function useSandTable<T>(selector: (s: SandTableState) => T): T {
  return useStore(sandTableStore, selector);
}

/** A slice of the check-in store. */
export function useCheckIns<T>(selector: (s: CheckInState) => T): T {
  return useStore(checkInStore, selector);
}

/** True when motion should be reduced: the visitor's preset or the system setting. */
export function useReducedMotion(): boolean {
  const preset = useSession((s) => s.presets.reducedMotion);
  const [system, setSystem] = useState(
    () =>
      typeof window.matchMedia === 'function' &&
      window.matchMedia('(prefers-reduced-motion: reduce)').matches,
  );
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const q = window.matchMedia('(prefers-reduced-motion: reduce)');
    const on = () => setSystem(q.matches);
    q.addEventListener('change', on);
    return () => q.removeEventListener('change', on);
  }, []);
  return preset || system;
}

/** True on a portrait screen (the card is a bottom sheet, the time slider joins the top panels). */
export function usePortrait(): boolean {
  const query = '(orientation: portrait)';
  const [portrait, setPortrait] = useState(
    () => typeof window.matchMedia === 'function' && window.matchMedia(query).matches,
  );
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const q = window.matchMedia(query);
    const on = () => setPortrait(q.matches);
    on();
    q.addEventListener('change', on);
    return () => q.removeEventListener('change', on);
  }, []);
  return portrait;
}
