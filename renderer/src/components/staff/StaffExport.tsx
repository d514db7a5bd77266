import type { StaffExport, StaffOk, StaffScan } from '../../../../electron/shared/staff-api';
import type { T } from '../../i18n/use-t';

export type StaffExportProps = {
  scan: StaffOk<StaffScan> | null;
  result: StaffOk<StaffExport> | null;
  busy: boolean;
  t: T;
  onFind: () => void;
  onExport: (volume: string) => void;
};

/** Pick a stick, write the CSV files, see what was written. */
export function StaffExportPanel({ scan, result, busy, t, onFind, onExport }: StaffExportProps) {
  return (
    <section className="staff-panel" data-testid="staff-export">
      <h3 className="staff-panel__heading">{t('staff.export.title')}</h3>
      <p className="staff-muted">{t('staff.export.hint')}</p>
      <div className="staff-panel__actions">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={onFind}
          data-testid="staff-find-sticks"
        >
          {t('staff.export.find')}
        </button>
      </div>
      {scan &&
        (scan.volumes.length === 0 ? (
          <p className="staff-muted">{t('staff.packs.noUsb')}</p>
        ) : (
          <div className="staff-panel__actions">
            {scan.volumes.map((v) => (
              <button
                key={v.path}
                type="button"
                className="button button--primary"
                disabled={busy}
                onClick={() => onExport(v.path)}
                data-testid="staff-export-to"
                data-path={v.path}
              >
                {t('staff.export.to', { label: v.label })}
              </button>
            ))}
          </div>
        ))}
      {result && (
        <div className="staff-ok" data-testid="staff-exported">
          <p>{t('staff.export.done', { dir: result.dir })}</p>
          <ul>
            {result.files.map((f) => (
              <li key={f.name}>{t('staff.export.rows', { name: f.name, rows: f.rows })}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
