import type { StaffOk, StaffStatus } from '../../../../electron/shared/staff-api';
import { localize } from '../../../../electron/shared/pack-schema';
import type { Language } from '../../i18n/language';
import type { T } from '../../i18n/use-t';
import { durationParts, formatBytes } from './format';

export type StaffHealthProps = {
  status: StaffOk<StaffStatus> | null;
  language: Language;
  t: T;
  busy: boolean;
  onRefresh: () => void;
};

/** Uptime, memory, disk, the pack on screen, and the problems the kiosk logged lately. */
export function StaffHealth({ status, language, t, busy, onRefresh }: StaffHealthProps) {
  const screen = status?.onScreen ?? null;
  const rows: [string, string][] = status
    ? [
        [t('staff.health.uptime'), t('staff.duration', durationParts(status.uptimeSeconds))],
        [t('staff.health.memory'), formatBytes(status.memory.rssBytes, language)],
        [
          t('staff.health.frameRate'),
          typeof status.health.lastSample?.['fps'] === 'number'
            ? `${Math.round(status.health.lastSample['fps'])} fps`
            : t('staff.health.unknown'),
        ],
        [
          t('staff.health.rendererMemory'),
          typeof status.health.lastSample?.['rendererMb'] === 'number'
            ? formatBytes(status.health.lastSample['rendererMb'] * 1048576, language)
            : t('staff.health.unknown'),
        ],
        [
          t('staff.health.disk'),
          status.disk.freeBytes === null
            ? t('staff.health.unknown')
            : `${formatBytes(status.disk.freeBytes, language)} / ${formatBytes(status.disk.totalBytes, language)}`,
        ],
        [
          t('staff.health.onScreen'),
          screen
            ? `${localize(screen.title, language, 'zh-Hans')} · ${screen.ref} · ${t(`staff.health.source.${screen.source}`)}${
                screen.source === 'active' && status.committed !== null
                  ? ` · ${t(status.committed ? 'staff.health.committed' : 'staff.health.uncommitted')}`
                  : ''
              }`
            : t('staff.packs.none'),
        ],
      ]
    : [];
  return (
    <section className="staff-panel" data-testid="staff-health">
      <div className="staff-panel__actions">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={onRefresh}
          data-testid="staff-refresh"
        >
          {t('staff.refresh')}
        </button>
      </div>
      <dl className="staff-facts">
        {rows.map(([label, value]) => (
          <div key={label} className="staff-facts__row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {status && (
        <div className="staff-log">
          <h3 className="staff-panel__heading">{t('staff.health.events')}</h3>
          {status.health.events.length === 0 ? (
            <p className="staff-muted">{t('staff.health.noEvents')}</p>
          ) : (
            <ul className="staff-log__list" data-testid="staff-health-events">
              {status.health.events.map((r, i) => (
                <li
                  key={`${r.time}-${i}`}
                  className={`staff-log__line staff-log__line--${r.kind === 'error' ? 'error' : 'info'}`}
                  data-kind={r.kind}
                >
                  <span className="staff-log__time">{r.time.replace('T', ' ').slice(0, 19)}</span>{' '}
                  {t(`staff.health.kind.${r.kind}`)} · {r.msg}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {status && (
        <div className="staff-log">
          <h3 className="staff-panel__heading">{t('staff.health.logProblems')}</h3>
          {status.logProblems.length === 0 ? (
            <p className="staff-muted">{t('staff.health.noProblems')}</p>
          ) : (
            <ul className="staff-log__list" data-testid="staff-log-problems">
              {status.logProblems.map((line, i) => (
                <li key={`${line.time}-${i}`} className={`staff-log__line staff-log__line--${line.level}`}>
                  <span className="staff-log__time">{line.time.replace('T', ' ').slice(0, 19)}</span>{' '}
                  {line.msg}
                  {line.detail && <span className="staff-log__detail">: {line.detail}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
