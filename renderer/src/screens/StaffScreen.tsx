/**
 * Staff mode (reached only by the hidden gesture or the staff chord, never by a URL): the PIN
 * pad, then Health / Packs / Export. Every action goes through flows/staff.ts; every refusal is
 * shown here as `file: rule: message` in the staff's language and nowhere else.
 */
import { STAFF_PIN_MAX_DIGITS, STAFF_PIN_MIN_DIGITS } from '../../../electron/shared/staff-api';
import { useEffect } from 'react';
import { clearSignal, setSignal } from '../app/signals';
import { PinPad } from '../components/staff/PinPad';
import { ProblemList } from '../components/staff/ProblemList';
import { StaffExportPanel } from '../components/staff/StaffExport';
import { StaffAnalytics } from '../components/staff/StaffAnalytics';
import { StaffHealth } from '../components/staff/StaffHealth';
import { StaffPacks } from '../components/staff/StaffPacks';
import { StaffSchedulePanel } from '../components/staff/StaffSchedule';
import { useStaff } from '../components/staff/hooks';
import '../components/staff/staff.css';
import { staffFlows } from '../flows/staff';
import { translate } from '../i18n/translate';
import type { T } from '../i18n/use-t';
import { useT } from '../i18n/use-t';
import type { Language } from '../i18n/language';
import { useContent, useSession } from '../stores/hooks';
import { selectManifest } from '../stores/content-store';
import type { PackManifest } from '../../../electron/shared/pack-schema';
import { localize } from '../../../electron/shared/pack-schema';
import { selectLanguage } from '../stores/session-store';
import type { StaffTab } from '../stores/staff-store';
import {
  selectStaffBusy,
  selectStaffHello,
  selectStaffNotice,
  selectStaffPhase,
  selectStaffPin,
  selectStaffPreview,
  selectStaffPreviewing,
  selectStaffProblems,
  selectStaffScan,
  selectStaffSchedule,
  selectStaffRange,
  selectStaffAnalytics,
  lastDays,
  selectStaffStatus,
  selectStaffTab,
  staffStore,
} from '../stores/staff-store';

const TABS: readonly StaffTab[] = ['health', 'packs', 'schedule', 'analytics', 'export'];

export function StaffScreen() {
  const phase = useStaff(selectStaffPhase);
  useEffect(() => {
    setSignal('staffPhase', phase);
    return () => clearSignal('staffPhase');
  }, [phase]);
  return (
    <div className="staff" data-testid="staff-screen" data-phase={phase}>
      {phase === 'open' ? <StaffConsole /> : <StaffLogin />}
    </div>
  );
}

/** The two languages at once: shown before anyone could have chosen one (no PIN set). */
function NoPin() {
  const line = (lang: Language) => (
    <div key={lang} lang={lang} className="staff-nopin__lang">
      <h2 className="staff-nopin__title">{translate(lang, 'staff.noPin.title')}</h2>
      <p>{translate(lang, 'staff.noPin.body')}</p>
    </div>
  );
  return (
    <div className="staff-nopin" data-testid="staff-no-pin">
      {line('zh-Hans')}
      {line('en')}
      <pre className="staff-nopin__command">hallpack staff-pin --data-dir &lt;data-dir&gt;</pre>
    </div>
  );
}

function StaffLogin() {
  const t = useT();
  const language = useSession(selectLanguage);
  const hello = useStaff(selectStaffHello);
  const pin = useStaff(selectStaffPin);
  const phase = useStaff(selectStaffPhase);
  const problems = useStaff(selectStaffProblems);
  const staff = staffStore.getState();
  return (
    <div className="staff-login">
      {hello && !hello.pinConfigured ? (
        <NoPin />
      ) : hello ? (
        <PinPad
          length={pin.length}
          checking={phase === 'checking'}
          labels={{
            title: t('staff.pin.title'),
            hint: t('staff.pin.hint', { min: STAFF_PIN_MIN_DIGITS, max: STAFF_PIN_MAX_DIGITS }),
            delete: t('staff.pin.delete'),
            clear: t('staff.pin.clear'),
            enter: t('staff.pin.enter'),
            checking: t('staff.pin.checking'),
            entered: t('staff.pin.entered', { count: pin.length }),
            digit: (digit) => t('staff.pin.digit', { digit }),
          }}
          onDigit={(d) => staff.pinDigitPressed(d)}
          onDelete={() => staff.pinBackspaced()}
          onClear={() => staff.pinCleared()}
          onEnter={() => void staffFlows.submitPin()}
        />
      ) : (
        problems.length === 0 && <p className="staff-busy">{t('staff.busy')}</p>
      )}
      <ProblemList problems={problems} language={language} />
      <button
        type="button"
        className="button staff-login__leave"
        onClick={() => staffFlows.leave()}
        data-testid="staff-leave"
      >
        {t('staff.pin.leave')}
      </button>
    </div>
  );
}

function Notice({ t }: { t: T }) {
  const notice = useStaff(selectStaffNotice);
  if (!notice || notice.kind === 'exported') return null;
  const key =
    notice.kind === 'installed'
      ? 'staff.result.installed'
      : notice.kind === 'showing'
        ? 'staff.result.showing'
        : 'staff.result.removed';
  return (
    <p className="staff-notice" role="status" data-testid="staff-notice" data-kind={notice.kind}>
      {t(key, { ref: notice.ref })}
    </p>
  );
}

/** A place's, event's or tour's name in the pack on screen ('' when it has none by that id). */
function packName(
  manifest: PackManifest | undefined,
  kind: 'place' | 'event' | 'tour',
  id: string,
  language: Language,
): string {
  if (!manifest) return '';
  const fallback = manifest.defaultLanguage;
  if (kind === 'place') {
    const place = manifest.places.find((p) => p.id === id);
    return place ? localize(place.name, language, fallback) : '';
  }
  if (kind === 'tour') {
    const tour = manifest.sandTable?.tours.find((p) => p.id === id);
    return tour ? localize(tour.title, language, fallback) : '';
  }
  for (const timeline of manifest.timelines) {
    const event = timeline.events.find((e) => e.id === id);
    if (event) return localize(event.title, language, fallback);
  }
  return '';
}

function StaffConsole() {
  const t = useT();
  const language = useSession(selectLanguage);
  const tab = useStaff(selectStaffTab);
  const busy = useStaff(selectStaffBusy);
  const problems = useStaff(selectStaffProblems);
  const status = useStaff(selectStaffStatus);
  const scan = useStaff(selectStaffScan);
  const schedule = useStaff(selectStaffSchedule);
  const range = useStaff(selectStaffRange);
  const analytics = useStaff(selectStaffAnalytics);
  const manifest = useContent(selectManifest);
  useEffect(() => {
    if (tab === 'analytics') void staffFlows.analytics();
  }, [tab]);
  useEffect(() => {
    if (tab !== 'schedule') return;
    void staffFlows.schedule({ kind: 'list' });
    if (!staffStore.getState().status) void staffFlows.refreshStatus();
  }, [tab]);
  const preview = useStaff(selectStaffPreview);
  const previewing = useStaff(selectStaffPreviewing);
  const hello = useStaff(selectStaffHello);
  const notice = useStaff(selectStaffNotice);
  const isBusy = busy !== null;
  const canChange = hello?.storeAvailable !== false;

  return (
    <div className="staff-console" data-busy={busy ?? ''}>
      <header className="staff-console__head">
        <h1 className="staff-console__title">{t('staff.title')}</h1>
        <nav className="staff-tabs" role="tablist">
          {TABS.map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={tab === name}
              className={tab === name ? 'staff-tab staff-tab--active' : 'staff-tab'}
              onClick={() => staffStore.getState().tabChosen(name)}
              data-testid={`staff-tab-${name}`}
            >
              {t(`staff.tab.${name}`)}
            </button>
          ))}
        </nav>
        <button type="button" className="button" onClick={() => staffFlows.leave()} data-testid="staff-lock">
          {t('staff.lock')}
        </button>
      </header>
      {isBusy && previewing === null && (
        <p className="staff-busy" data-testid="staff-busy">
          {t('staff.busy')}
        </p>
      )}
      <Notice t={t} />
      <ProblemList problems={problems} language={language} title={t('staff.problems')} />
      <div className="staff-console__body">
        {tab === 'health' && (
          <StaffHealth
            status={status}
            language={language}
            t={t}
            busy={isBusy}
            onRefresh={() => void staffFlows.refreshStatus()}
          />
        )}
        {tab === 'packs' && (
          <StaffPacks
            status={status}
            scan={scan}
            preview={preview}
            previewing={previewing}
            busy={isBusy}
            canChange={canChange}
            language={language}
            t={t}
            onRollback={() => void staffFlows.rollback()}
            onFind={() => void staffFlows.findPacks()}
            onPreview={(path) => void staffFlows.preview(path)}
            onClosePreview={() => staffStore.getState().previewClosed()}
            onInstall={(path) => void staffFlows.installAndShow(path)}
            onActivate={(ref) => void staffFlows.activate(ref)}
            onRemove={(ref) => void staffFlows.remove(ref)}
          />
        )}
        {tab === 'schedule' && (
          <StaffSchedulePanel
            schedule={schedule}
            installed={status?.installed ?? []}
            busy={isBusy}
            canChange={canChange}
            t={t}
            onAction={(action) => void staffFlows.schedule(action)}
          />
        )}
        {tab === 'analytics' && (
          <StaffAnalytics
            result={analytics}
            range={range}
            language={language}
            t={t}
            busy={isBusy}
            nameOf={(kind, id) => packName(manifest, kind, id, language)}
            onRange={(days) => void staffFlows.analytics(lastDays(days))}
          />
        )}
        {tab === 'export' && (
          <StaffExportPanel
            scan={scan}
            result={notice?.kind === 'exported' ? notice.result : null}
            busy={isBusy}
            t={t}
            onFind={() => void staffFlows.findPacks()}
            onExport={(volume) => void staffFlows.exportTo(volume)}
          />
        )}
      </div>
    </div>
  );
}
