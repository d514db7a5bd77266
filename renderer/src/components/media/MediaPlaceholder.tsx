import { useTimelineT } from '../../timeline/hooks';

/** What a visitor sees instead of a medium that is missing or cannot be decoded: calm, never broken. */
export function MediaPlaceholder({ compact = false }: { compact?: boolean }) {
  const t = useTimelineT();
  return (
    <div
      className={compact ? 'media-placeholder media-placeholder--compact' : 'media-placeholder'}
      role="img"
      aria-label={t('media.unavailable')}
      data-testid="media-placeholder"
    >
      <svg className="media-placeholder__mark" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
        <rect
          x="6"
          y="10"
          width="36"
          height="28"
          rx="3"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
        />
        <path
          d="M10 34l9-10 7 7 5-5 7 8"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinejoin="round"
        />
        <circle cx="33" cy="18" r="3" fill="none" stroke="currentColor" strokeWidth="1.5" />
      </svg>
      {!compact && (
        <>
          <p className="media-placeholder__title">{t('media.unavailable')}</p>
          <p className="media-placeholder__hint">{t('media.unavailable.hint')}</p>
        </>
      )}
    </div>
  );
}
