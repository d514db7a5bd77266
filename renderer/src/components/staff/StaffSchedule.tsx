import { useState } from 'react';
import type { StaffInstalledPack, StaffOk, StaffSchedule } from '../../../../electron/shared/staff-api';
import type { StaffScheduleAction } from '../../../../electron/shared/staff-api';
import type { T } from '../../i18n/use-t';

export type StaffScheduleProps = {
  schedule: StaffOk<StaffSchedule> | null;
  installed: readonly StaffInstalledPack[];
  busy: boolean;
  canChange: boolean;
  t: T;
  onAction: (action: StaffScheduleAction) => void;
};

const shown = (localDateTime: string) => localDateTime.replace('T', ' ');

/**
 * Dated packs: the schedule with each entry's state, a form to add one (pack, from, until; the
 * date-time fields open Chromium's calendar) and a remove button per entry. The kiosk checks the
 * same rules as `hallpack schedule`; a refusal appears in the problem list above.
 */
export function StaffSchedulePanel({
  schedule,
  installed,
  busy,
  canChange,
  t,
  onAction,
}: StaffScheduleProps) {
  const [ref, setRef] = useState('');
  const [at, setAt] = useState('');
  const [until, setUntil] = useState('');
  const chosen = ref !== '' ? ref : (installed[0]?.ref ?? '');
  const entries = schedule?.entries ?? [];
  return (
    <section className="staff-panel" data-testid="staff-schedule">
      <h3 className="staff-panel__heading">{t('staff.schedule.title')}</h3>
      <p className="staff-muted">{t('staff.schedule.hint', { now: shown(schedule?.now ?? '') })}</p>
      <form
        className="staff-schedule__form"
        onSubmit={(event) => {
          event.preventDefault();
          onAction({ kind: 'add', ref: chosen, at, ...(until !== '' ? { until } : {}) });
        }}
      >
        <label className="staff-schedule__field">
          <span>{t('staff.schedule.pack')}</span>
          <select value={chosen} onChange={(e) => setRef(e.target.value)} data-testid="staff-schedule-pack">
            {installed.map((p) => (
              <option key={p.ref} value={p.ref}>
                {p.ref}
              </option>
            ))}
          </select>
        </label>
        <label className="staff-schedule__field">
          <span>{t('staff.schedule.at')}</span>
          <input
            type="datetime-local"
            required
            value={at}
            onChange={(e) => setAt(e.target.value)}
            data-testid="staff-schedule-at"
          />
        </label>
        <label className="staff-schedule__field">
          <span>{t('staff.schedule.until')}</span>
          <input
            type="datetime-local"
            value={until}
            onChange={(e) => setUntil(e.target.value)}
            data-testid="staff-schedule-until"
          />
        </label>
        <button
          type="submit"
          className="button button--primary"
          disabled={busy || !canChange || chosen === '' || at === ''}
          data-testid="staff-schedule-add"
        >
          {t('staff.schedule.add')}
        </button>
      </form>
      {entries.length === 0 ? (
        <p className="staff-muted">{t('staff.schedule.empty')}</p>
      ) : (
        <ul className="staff-list">
          {entries.map((e) => (
            <li
              key={e.id}
              className="staff-list__row"
              data-testid="staff-schedule-row"
              data-status={e.status}
            >
              <div className="staff-list__text">
                <strong>
                  {shown(e.at)}
                  {e.until ? ` → ${shown(e.until)}` : ''}
                </strong>
                <span className="staff-muted">
                  {e.ref} · {t(`staff.schedule.state.${e.status}`)} · {e.id}
                  {e.reason ? ` · ${e.reason}` : ''}
                </span>
              </div>
              <div className="staff-list__actions">
                <button
                  type="button"
                  className="button"
                  disabled={busy || !canChange}
                  onClick={() => onAction({ kind: 'remove', id: e.id })}
                  data-testid="staff-schedule-remove"
                >
                  {t('staff.schedule.remove')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
