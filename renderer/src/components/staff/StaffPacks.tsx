import { useState } from 'react';
import type {
  StaffDiff,
  StaffInstalledPack,
  StaffOk,
  StaffPreview,
  StaffScan,
  StaffStatus,
} from '../../../../electron/shared/staff-api';
import { localize } from '../../../../electron/shared/pack-schema';
import type { Language } from '../../i18n/language';
import type { T } from '../../i18n/use-t';
import { formatBytes } from './format';
import { ProblemList } from './ProblemList';

export type StaffPacksProps = {
  status: StaffOk<StaffStatus> | null;
  scan: StaffOk<StaffScan> | null;
  preview: StaffOk<StaffPreview> | null;
  previewing: string | null;
  busy: boolean;
  canChange: boolean;
  language: Language;
  t: T;
  onRollback: () => void;
  onFind: () => void;
  onPreview: (path: string) => void;
  onClosePreview: () => void;
  onInstall: (path: string) => void;
  onActivate: (ref: string) => void;
  onRemove: (ref: string) => void;
};

function title(pack: { title: Record<string, string> | null; ref: string }, language: Language): string {
  return pack.title ? localize(pack.title, language, 'zh-Hans') : pack.ref;
}

function DiffTable({ diff, t }: { diff: StaffDiff; t: T }) {
  const rows = [
    ['places', t('staff.preview.places'), diff.places],
    ['events', t('staff.preview.events'), diff.events],
    ['media', t('staff.preview.media'), diff.media],
  ] as const;
  return (
    <table className="staff-diff" data-testid="staff-preview-diff">
      <caption>{t('staff.preview.changes')}</caption>
      <tbody>
        {rows.map(([key, label, c]) => (
          <tr
            key={key}
            data-kind={key}
            data-added={c.added}
            data-removed={c.removed}
            data-changed={c.changed}
          >
            <th scope="row">{label}</th>
            <td>{t('staff.preview.added', { count: c.added })}</td>
            <td>{t('staff.preview.removed', { count: c.removed })}</td>
            <td>{t('staff.preview.changed', { count: c.changed })}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PreviewPanel({
  preview,
  busy,
  canChange,
  language,
  t,
  onInstall,
  onClose,
}: {
  preview: StaffOk<StaffPreview>;
  busy: boolean;
  canChange: boolean;
  language: Language;
  t: T;
  onInstall: () => void;
  onClose: () => void;
}) {
  const name = preview.pack ? localize(preview.pack.title, language, 'zh-Hans') : preview.path;
  const sig = preview.signature;
  return (
    <div className="staff-preview" data-testid="staff-preview" data-can-install={preview.canInstall}>
      <h3 className="staff-panel__heading">{t('staff.preview.title', { name })}</h3>
      {preview.pack && (
        <p className="staff-preview__line" data-testid="staff-preview-version">
          {preview.pack.id} ·{' '}
          {t('staff.preview.version', { from: preview.version.from ?? '—', to: preview.version.to ?? '—' })} (
          {t(`staff.preview.change.${preview.version.change}`)}) ·{' '}
          {t('staff.packs.size', {
            files: preview.pack.files,
            size: formatBytes(preview.pack.bytes, language),
          })}
        </p>
      )}
      <p className="staff-preview__line" data-testid="staff-preview-signature">
        {sig.status === 'trusted'
          ? t('staff.preview.signature', { key: sig.keyId ?? '—' })
          : sig.status === 'accepted-unsigned'
            ? t('staff.preview.unsigned')
            : t('staff.preview.sigRefused')}
      </p>
      {preview.diff && <DiffTable diff={preview.diff} t={t} />}
      <p className={preview.canInstall ? 'staff-ok' : 'staff-bad'}>
        {preview.canInstall ? t('staff.preview.ok') : t('staff.preview.refused')}
      </p>
      <ProblemList problems={preview.problems} language={language} testId="staff-preview-problems" />
      <div className="staff-panel__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={busy || !preview.canInstall || !canChange}
          onClick={onInstall}
          data-testid="staff-install"
        >
          {t('staff.preview.install')}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={onClose}
          data-testid="staff-preview-close"
        >
          {t('staff.preview.close')}
        </button>
      </div>
    </div>
  );
}

function InstalledRow({
  pack,
  busy,
  canChange,
  language,
  t,
  onActivate,
  onRemove,
}: {
  pack: StaffInstalledPack;
  busy: boolean;
  canChange: boolean;
  language: Language;
  t: T;
  onActivate: () => void;
  onRemove: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const role =
    pack.role === 'current'
      ? t('staff.packs.roleCurrent')
      : pack.role === 'previous'
        ? t('staff.packs.rolePrevious')
        : '';
  return (
    <li
      className="staff-list__row"
      data-testid="staff-installed-row"
      data-ref={pack.ref}
      data-role={pack.role ?? ''}
    >
      <div className="staff-list__text">
        <strong>{title(pack, language)}</strong>
        <span className="staff-muted">
          {pack.ref}
          {role !== '' && ` · ${role}`} ·{' '}
          {t('staff.packs.size', { files: pack.files, size: formatBytes(pack.bytes, language) })}
        </span>
      </div>
      <div className="staff-list__actions">
        {pack.role !== 'current' && (
          <button
            type="button"
            className="button"
            disabled={busy || !canChange}
            onClick={onActivate}
            data-testid="staff-activate"
          >
            {t('staff.packs.activate')}
          </button>
        )}
        {pack.role === null && (
          <button
            type="button"
            className={confirming ? 'button button--primary' : 'button'}
            disabled={busy || !canChange}
            onClick={() => {
              if (confirming) onRemove();
              setConfirming(!confirming);
            }}
            data-testid="staff-remove"
          >
            {confirming ? t('staff.packs.removeConfirm') : t('staff.packs.remove')}
          </button>
        )}
      </div>
    </li>
  );
}

/** Current and previous pack with roll back, packs on USB with check and install, installed packs. */
export function StaffPacks(props: StaffPacksProps) {
  const { status, scan, preview, previewing, busy, canChange, language, t } = props;
  const current = status?.installed.find((p) => p.role === 'current') ?? null;
  const onScreen = status?.onScreen ?? null;
  return (
    <section className="staff-panel" data-testid="staff-packs">
      <div className="staff-cards">
        <div className="staff-card" data-testid="staff-current">
          <h3 className="staff-card__label">{t('staff.packs.current')}</h3>
          <p className="staff-card__title" data-testid="staff-current-title">
            {current
              ? title(current, language)
              : onScreen
                ? localize(onScreen.title, language, 'zh-Hans')
                : t('staff.packs.none')}
          </p>
          <p className="staff-muted">{current?.ref ?? onScreen?.ref ?? ''}</p>
        </div>
        <div className="staff-card" data-testid="staff-previous">
          <h3 className="staff-card__label">{t('staff.packs.previous')}</h3>
          <p className="staff-card__title">
            {status?.previous ? title(status.previous, language) : t('staff.packs.none')}
          </p>
          <p className="staff-muted">{status?.previous?.ref ?? ''}</p>
          <button
            type="button"
            className="button"
            disabled={busy || !canChange || !status?.previous}
            onClick={props.onRollback}
            data-testid="staff-rollback"
          >
            {t('staff.packs.rollback')}
          </button>
        </div>
      </div>

      <div className="staff-panel__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          onClick={props.onFind}
          data-testid="staff-find-packs"
        >
          {t('staff.packs.find')}
        </button>
      </div>

      {previewing !== null && (
        <p className="staff-busy" data-testid="staff-previewing">
          {t('staff.preview.checking')}
        </p>
      )}
      {preview && (
        <PreviewPanel
          preview={preview}
          busy={busy}
          canChange={canChange}
          language={language}
          t={t}
          onInstall={() => props.onInstall(preview.path)}
          onClose={props.onClosePreview}
        />
      )}

      {scan && !preview && (
        <div className="staff-usb" data-testid="staff-usb">
          <h3 className="staff-panel__heading">{t('staff.packs.onUsb')}</h3>
          {scan.volumes.length === 0 ? (
            <p className="staff-muted">{t('staff.packs.noUsb')}</p>
          ) : scan.candidates.length === 0 ? (
            <p className="staff-muted">{t('staff.packs.noCandidates')}</p>
          ) : (
            <ul className="staff-list">
              {scan.candidates.map((c) => (
                <li key={c.path} className="staff-list__row" data-testid="staff-candidate" data-path={c.path}>
                  <div className="staff-list__text">
                    <strong>{c.name}</strong>
                    <span className="staff-muted">
                      {c.kind === 'folder' ? t('staff.packs.folder') : formatBytes(c.bytes, language)} ·{' '}
                      {c.path}
                    </span>
                  </div>
                  <div className="staff-list__actions">
                    <button
                      type="button"
                      className="button"
                      disabled={busy}
                      onClick={() => props.onPreview(c.path)}
                      data-testid="staff-preview-button"
                    >
                      {t('staff.packs.preview')}
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          )}
          {scan.truncated && <p className="staff-muted">{t('staff.packs.truncated')}</p>}
        </div>
      )}

      {status && status.installed.length > 0 && (
        <div className="staff-installed">
          <h3 className="staff-panel__heading">{t('staff.packs.installed')}</h3>
          <ul className="staff-list" data-testid="staff-installed">
            {status.installed.map((p) => (
              <InstalledRow
                key={p.ref}
                pack={p}
                busy={busy}
                canChange={canChange}
                language={language}
                t={t}
                onActivate={() => props.onActivate(p.ref)}
                onRemove={() => props.onRemove(p.ref)}
              />
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
