/**
 * Dated packs: "show pack X from 13 December 08:00 until 14 December 08:00". The schedule lives in
 * the data folder (`schedule.json`) beside the pack store; this module is its pure half: the file's
 * schema, local date-times, the checks a new entry must pass, and what the kiosk should do next at
 * a given moment. Times are local wall-clock date-times without a zone (`2026-12-13T08:00`), like
 * the hall's opening hours.
 *
 * An entry is `pending` until its time, `active` while its pack is on screen because of it, then
 * `done`; `missed` if the kiosk was off for the whole of its window; `failed` if its pack could not
 * be activated (the reason is kept). Without `until` the switch is permanent: the entry is `done`
 * as soon as the pack is activated.
 */
import { z } from 'zod';

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * `YYYY-MM-DDTHH:MM` (a space instead of `T` is accepted; `:SS` may follow, for a fleet that
 * switches its screens on the second) as a local Date, or null.
 */
export function parseLocalDateTime(text: string): Date | null {
  const m = LOCAL_DATE_TIME.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1, 6).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const date = new Date(year, month - 1, day, hour, minute, second);
  // Refuse dates that roll over (31 February) or times that do not exist.
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return date;
}

/** A local Date as `YYYY-MM-DDTHH:MM` (with `:SS` when the seconds are not zero). */
export function formatLocalDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const seconds = date.getSeconds() === 0 ? '' : `:${pad(date.getSeconds())}`;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(
    date.getMinutes(),
  )}${seconds}`;
}

const localDateTimeSchema = z.string().refine((s) => parseLocalDateTime(s) !== null, {
  message: 'a local date-time is "YYYY-MM-DDTHH:MM", e.g. "2026-12-13T08:00"',
});

export const scheduleStatusSchema = z.enum(['pending', 'active', 'done', 'missed', 'failed']);
export type ScheduleStatus = z.infer<typeof scheduleStatusSchema>;

export const scheduleEntrySchema = z.object({
  /** Short id for `hallpack schedule remove <id>`. */
  id: z.string().regex(/^[a-z0-9]{4,16}$/),
  /** `<pack-id>@<version>`, installed in the store. */
  ref: z.string().min(3).max(200),
  at: localDateTimeSchema,
  until: localDateTimeSchema.optional(),
  status: scheduleStatusSchema,
  /** The pack that was current when this entry started (what `until` returns to). */
  returnTo: z.string().nullable().optional(),
  /** Why the entry failed, for people. */
  reason: z.string().max(500).optional(),
});
export type ScheduleEntry = z.infer<typeof scheduleEntrySchema>;

export const scheduleFileSchema = z.object({ entries: z.array(scheduleEntrySchema).max(500) });
export type ScheduleFile = z.infer<typeof scheduleFileSchema>;

/** Why a new entry is refused; `message` is for people, in both UI languages, and says what to do. */
export type ScheduleRefusal = {
  code: 'bad-time' | 'until-before-at' | 'not-installed' | 'overlap' | 'past' | 'not-found';
  message: { en: string; 'zh-Hans': string };
};

const refuse = (code: ScheduleRefusal['code'], en: string, zh: string): ScheduleRefusal => ({
  code,
  message: { en, 'zh-Hans': zh },
});

/** An entry's window in epoch ms; `end` is Infinity without `until` (it starts a permanent switch). */
function windowOf(entry: Pick<ScheduleEntry, 'at' | 'until'>): { start: number; end: number } | null {
  const start = parseLocalDateTime(entry.at);
  if (!start) return null;
  if (entry.until === undefined) return { start: start.getTime(), end: start.getTime() };
  const end = parseLocalDateTime(entry.until);
  return end ? { start: start.getTime(), end: end.getTime() } : null;
}

/** Entries that still matter for the future (not done, missed or failed). */
export const isLive = (e: ScheduleEntry): boolean => e.status === 'pending' || e.status === 'active';

/**
 * Checks a new entry against the installed packs and the live entries. Two windows overlap when
 * they share any minute; an entry without `until` is a single moment, which must not fall inside
 * another window or on another entry's moment.
 */
export function checkNewEntry(
  candidate: { ref: string; at: string; until?: string | undefined },
  context: { entries: readonly ScheduleEntry[]; installed: readonly string[]; now: Date },
): ScheduleRefusal | null {
  const window = windowOf(candidate);
  if (!window) {
    return refuse(
      'bad-time',
      'times are local "YYYY-MM-DDTHH:MM", e.g. 2026-12-13T08:00',
      '时间格式为本地时间 "YYYY-MM-DDTHH:MM"，例如 2026-12-13T08:00',
    );
  }
  if (candidate.until !== undefined && window.end <= window.start) {
    return refuse(
      'until-before-at',
      `the end ${candidate.until} is not after the start ${candidate.at}`,
      `结束时间 ${candidate.until} 不晚于开始时间 ${candidate.at}`,
    );
  }
  const lastMoment = candidate.until === undefined ? window.start : window.end;
  if (lastMoment <= context.now.getTime()) {
    const when = candidate.until ?? candidate.at;
    return refuse('past', `${when} has already passed`, `${when} 已经过去`);
  }
  if (!context.installed.includes(candidate.ref)) {
    return refuse(
      'not-installed',
      `${candidate.ref} is not installed; install it first (hallpack list shows what is installed)`,
      `${candidate.ref} 未安装；请先安装（hallpack list 可查看已安装的内容包）`,
    );
  }
  for (const other of context.entries.filter(isLive)) {
    const w = windowOf(other);
    if (!w) continue;
    const overlaps =
      window.start === w.start ||
      (window.start < w.end && w.start < window.end) ||
      (window.start === window.end && window.start > w.start && window.start < w.end) ||
      (w.start === w.end && w.start > window.start && w.start < window.end);
    if (overlaps) {
      const span = other.until === undefined ? `at ${other.at}` : `${other.at} – ${other.until}`;
      return refuse(
        'overlap',
        `overlaps schedule ${other.id} (${other.ref}, ${span}); remove it first or choose other times`,
        `与排期 ${other.id}（${other.ref}，${span}）时间重叠；请先删除该排期或另选时间`,
      );
    }
  }
  return null;
}

/** One thing the kiosk should do now. */
export type ScheduleStep =
  | { kind: 'start'; entry: ScheduleEntry }
  | { kind: 'end'; entry: ScheduleEntry }
  | { kind: 'miss'; entry: ScheduleEntry };

/**
 * What to do at `now`, in time order: end a window that is over, mark a window the kiosk slept
 * through as missed, start what is due (a missed start whose window is still open is honoured —
 * at boot too). Apply one step, save, and ask again until `null`.
 */
export function nextScheduleStep(entries: readonly ScheduleEntry[], now: Date): ScheduleStep | null {
  const t = now.getTime();
  const steps: Array<{ at: number; step: ScheduleStep }> = [];
  for (const entry of entries) {
    const w = windowOf(entry);
    if (!w) continue;
    const timed = entry.until !== undefined;
    if (entry.status === 'active' && timed && t >= w.end)
      steps.push({ at: w.end, step: { kind: 'end', entry } });
    if (entry.status === 'pending' && timed && t >= w.end)
      steps.push({ at: w.end, step: { kind: 'miss', entry } });
    else if (entry.status === 'pending' && t >= w.start)
      steps.push({ at: w.start, step: { kind: 'start', entry } });
  }
  steps.sort((a, b) => a.at - b.at);
  return steps[0]?.step ?? null;
}

/**
 * The next moment after `now` at which `nextScheduleStep` will have something to do (a pending
 * start, an active window's end), or null. The kiosk wakes exactly then, so kiosks that share an
 * entry switch together rather than at their own tick.
 */
export function nextScheduleTime(entries: readonly ScheduleEntry[], now: Date): Date | null {
  const t = now.getTime();
  let best = Number.POSITIVE_INFINITY;
  for (const entry of entries) {
    const w = windowOf(entry);
    if (!w) continue;
    if (entry.status === 'pending' && w.start > t) best = Math.min(best, w.start);
    if (entry.status === 'active' && entry.until !== undefined && w.end > t) best = Math.min(best, w.end);
  }
  return Number.isFinite(best) ? new Date(best) : null;
}

/** The refusal for removing an entry that is not there. */
export const scheduleEntryNotFound = (id: string): ScheduleRefusal =>
  refuse(
    'not-found',
    `no schedule entry ${id}; see hallpack schedule list`,
    `没有编号为 ${id} 的排期；请查看 hallpack schedule list`,
  );

/** Packs the store must keep for the schedule: those to show and those to return to. */
export function scheduledRefs(entries: readonly ScheduleEntry[]): string[] {
  const refs = new Set<string>();
  for (const e of entries) {
    if (!isLive(e)) continue;
    refs.add(e.ref);
    if (e.returnTo) refs.add(e.returnTo);
  }
  return [...refs];
}
