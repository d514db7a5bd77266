import { z } from 'zod';
import { createStore } from 'zustand/vanilla';
import { subscribeWithSelector } from 'zustand/middleware';

/**
 * Study-group check-ins (一键报到). They belong to the hall, not to a visitor: they survive the
 * idle reset and reloads. The record of them is the kiosk's analytics on disk (flows/analytics
 * sends each one as it happens; staff export and statistics read them there); this store keeps
 * the running totals the check-in panel shows, cached in localStorage. Entries saved by older
 * versions, which kept check-ins only here, carry no `sent` mark: they are sent to the kiosk
 * once (`unsentEntries`, `entriesSent`).
 */

/** Preset group kinds a visitor taps (no keyboard on a kiosk). */
export const GROUP_KINDS = [
  'party-branch',
  'school-class',
  'company',
  'community',
  'family',
  'other',
] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** Largest head count one check-in may carry (the stepper's upper end). */
export const MAX_HEAD_COUNT = 500;

const entrySchema = z.object({
  placeId: z.string().min(1).max(64),
  group: z.enum(GROUP_KINDS).nullable(),
  headCount: z.number().int().min(1).max(MAX_HEAD_COUNT),
  /** ISO 8601 time of the check-in. */
  at: z.string().max(40),
  /** Handed to the kiosk's analytics (absent in entries saved before check-ins went there). */
  sent: z.boolean().optional(),
});

export type CheckInEntry = z.infer<typeof entrySchema>;

const totalsSchema = z.object({
  groups: z.number().int().nonnegative(),
  people: z.number().int().nonnegative(),
});

const savedSchema = z.object({
  version: z.literal(1),
  entries: z.array(entrySchema),
  /** Running totals per place; they outlive the trimmed entry list. */
  totals: z.record(z.string(), totalsSchema).optional(),
});

/** Totals for one place. */
export type CheckInTotals = { groups: number; people: number };

/** Where check-ins are kept between runs. */
export type CheckInPersistence = {
  load(): unknown;
  save(data: unknown): void;
};

/** Keeps the newest entries; older ones still count in the totals they were part of. */
const MAX_ENTRIES = 5000;

/** localStorage (or any Storage) under `key`; failures (quota, private mode) are swallowed. */
export function storagePersistence(
  storage: Storage | undefined,
  key = 'hall.checkins.v1',
): CheckInPersistence {
  return {
    load: () => {
      try {
        const raw = storage?.getItem(key);
        return raw ? (JSON.parse(raw) as unknown) : null;
      } catch {
        return null;
      }
    },
    save: (data) => {
      try {
        storage?.setItem(key, JSON.stringify(data));
      } catch {
        // A full or unavailable storage must never break the visitor's screen.
      }
    },
  };
}

/** In-memory persistence (tests). */
export function memoryPersistence(initial: unknown = null): CheckInPersistence & { data: unknown } {
  const p = {
    data: initial,
    load: () => p.data,
    save: (d: unknown) => {
      p.data = d;
    },
  };
  return p;
}

export type CheckInState = {
  entries: readonly CheckInEntry[];
  totals: Readonly<Record<string, CheckInTotals>>;
  /** All places together. */
  hallTotal: CheckInTotals;
  /** A group (or one visitor) checked in at a place. */
  checkedIn: (entry: { placeId: string; group: GroupKind | null; headCount: number; at?: Date }) => void;
  /** Entries the kiosk's analytics have not had yet (saved by older versions). */
  unsentEntries: () => readonly CheckInEntry[];
  /** The kiosk took the entries `unsentEntries` returned. */
  entriesSent: (entries: readonly CheckInEntry[]) => void;
  /** Check-ins are hall data: a new visitor session keeps them. */
  sessionReset: () => void;
};

function totalsOf(entries: readonly CheckInEntry[]): Record<string, CheckInTotals> {
  const t: Record<string, CheckInTotals> = {};
  for (const e of entries) {
    const cur = t[e.placeId] ?? { groups: 0, people: 0 };
    t[e.placeId] = { groups: cur.groups + 1, people: cur.people + e.headCount };
  }
  return t;
}

function sum(totals: Readonly<Record<string, CheckInTotals>>): CheckInTotals {
  let groups = 0;
  let people = 0;
  for (const t of Object.values(totals)) {
    groups += t.groups;
    people += t.people;
  }
  return { groups, people };
}

function load(persistence: CheckInPersistence): {
  entries: CheckInEntry[];
  totals: Record<string, CheckInTotals>;
} {
  const parsed = savedSchema.safeParse(persistence.load());
  if (!parsed.success) return { entries: [], totals: {} };
  return { entries: parsed.data.entries, totals: parsed.data.totals ?? totalsOf(parsed.data.entries) };
}

export function createCheckInStore(persistence: CheckInPersistence) {
  const saved = load(persistence);
  return createStore<CheckInState>()(
    subscribeWithSelector((set, get) => ({
      entries: saved.entries,
      totals: saved.totals,
      hallTotal: sum(saved.totals),
      checkedIn: ({ placeId, group, headCount, at }) => {
        const count = Math.min(MAX_HEAD_COUNT, Math.max(1, Math.round(headCount)));
        const entry: CheckInEntry = {
          placeId,
          group,
          headCount: count,
          at: (at ?? new Date()).toISOString(),
          sent: true,
        };
        const entries = [...get().entries, entry].slice(-MAX_ENTRIES);
        const cur = get().totals[placeId] ?? { groups: 0, people: 0 };
        const totals = { ...get().totals, [placeId]: { groups: cur.groups + 1, people: cur.people + count } };
        set({ entries, totals, hallTotal: sum(totals) });
        persistence.save({ version: 1, entries, totals });
      },
      unsentEntries: () => get().entries.filter((e) => e.sent !== true),
      entriesSent: (sent) => {
        const done = new Set(sent);
        const entries = get().entries.map((e) => (done.has(e) ? { ...e, sent: true } : e));
        set({ entries });
        persistence.save({ version: 1, entries, totals: get().totals });
      },
      sessionReset: () => {},
    })),
  );
}

export type CheckInStore = ReturnType<typeof createCheckInStore>;

/** The app's check-in store, persisted in this machine's localStorage. */
export const checkInStore = createCheckInStore(
  storagePersistence(typeof localStorage === 'undefined' ? undefined : localStorage),
);

export const selectTotals = (s: CheckInState) => s.totals;
export const selectHallTotal = (s: CheckInState) => s.hallTotal;
