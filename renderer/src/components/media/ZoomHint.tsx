import { useTimelineT } from '../../timeline/hooks';

/** Under a zoomable image: how to zoom, or, once zoomed, a button back to the whole image. */
export function ZoomHint({ zoomed, onReset }: { zoomed: boolean; onReset: () => void }) {
  const t = useTimelineT();
  return (
    <div className="image-viewer__hint">
      {zoomed ? (
        <button type="button" className="button button--ghost image-viewer__reset" onClick={onReset}>
          {t('media.resetZoom')}
        </button>
      ) : (
        <span>{t('media.zoomHint')}</span>
      )}
    </div>
  );
}
