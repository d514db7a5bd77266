import { sandTableStore, selectTour } from '../../stores/sand-table-store';
import { useSandTable } from './hooks';
import type { SandT } from './strings';

/**
 * Subtitles and controls of a running tour. Touches here do not count as taking over
 * (`data-tour-control`); anywhere else on the screen they stop the tour where it is.
 */
export function TourBar({ t }: { t: SandT }) {
  const tour = useSandTable(selectTour);
  const store = sandTableStore.getState();
  if (!tour.id || tour.status === 'idle' || tour.status === 'finished') return null;
  if (tour.status === 'interrupted') {
    return (
      <div
        className="sand-tour sand-tour--handed"
        data-testid="tour-bar"
        data-status={tour.status}
        role="status"
      >
        <span className="sand-tour__note">{t('sand.tourHandedOver')}</span>
      </div>
    );
  }
  return (
    <div className="sand-tour" data-testid="tour-bar" data-status={tour.status} data-tour-control="">
      <p className="sand-tour__caption" aria-live="polite" data-testid="tour-caption">
        {tour.caption}
      </p>
      {!tour.attract && (
        <div className="sand-tour__controls">
          {tour.status === 'playing' ? (
            <button
              type="button"
              className="button button--quiet"
              onClick={() => store.tourPaused()}
              data-testid="tour-pause"
            >
              {t('sand.tourPause')}
            </button>
          ) : (
            <button
              type="button"
              className="button button--quiet"
              onClick={() => store.tourResumed()}
              data-testid="tour-resume"
            >
              {t('sand.tourResume')}
            </button>
          )}
          <button
            type="button"
            className="button button--ghost"
            onClick={() => store.tourStopped()}
            data-testid="tour-stop"
          >
            {t('sand.tourStop')}
          </button>
        </div>
      )}
    </div>
  );
}
