import { useStore } from 'zustand';
import type { StaffState } from '../../stores/staff-store';
import { staffStore } from '../../stores/staff-store';

/** A slice of the staff store (re-renders only when it changes). */
export function useStaff<T>(selector: (s: StaffState) => T): T {
  return useStore(staffStore, selector);
}
