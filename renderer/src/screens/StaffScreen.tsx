import { useT } from '../i18n/use-t';
import { sessionStore } from '../stores/session-store';

/** Placeholder for staff mode (reached by a hidden gesture and a PIN, never by visitors). */
export function StaffScreen() {
  const t = useT();
  return (
    <div className="placeholder-screen" data-testid="staff-placeholder">
      <h1 className="placeholder-screen__title">{t('staff.title')}</h1>
      <button
        type="button"
        className="button button--primary"
        onClick={() => sessionStore.getState().screenRequested('home')}
      >
        {t('placeholder.back')}
      </button>
    </div>
  );
}
