import { useEffect, useState } from 'react';
import type { PointerEvent } from 'react';
import { armGhostClickGuard } from '../app/ghost-click';
import { startAttract, stopAttract } from '../flows/attract';
import { idleNow } from '../flows/idle';
import { formatFigure } from '../i18n/format-figure';
import { isLanguage } from '../i18n/language';
import { translate } from '../i18n/translate';
import { useLocalize } from '../i18n/use-t';
import { useManifest, useSession } from '../stores/hooks';
import { selectLanguage, sessionStore } from '../stores/session-store';

const STAT_SECONDS = 6;

/**
 * The idle state. Any touch hands the screen to the visitor (home). Registered attract
 * players (sand-table tours, timeline highlights) run while this screen shows.
 */
export function AttractScreen() {
  const manifest = useManifest();
  const localize = useLocalize();
  const language = useSession(selectLanguage);
  const [statIndex, setStatIndex] = useState(0);
  const stats = manifest.stats;

  useEffect(() => {
    startAttract();
    return () => stopAttract();
  }, []);

  useEffect(() => {
    if (stats.length < 2) return;
    const timer = setInterval(() => setStatIndex((i) => (i + 1) % stats.length), STAT_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [stats.length]);

  const onPointerDown = (event: PointerEvent) => {
    event.preventDefault();
    armGhostClickGuard();
    stopAttract();
    sessionStore.getState().attractTouched(idleNow());
  };

  const stat = stats[statIndex % Math.max(1, stats.length)];
  const figure = stat ? formatFigure(stat, language, manifest.defaultLanguage) : undefined;
  // The prompt speaks every language the pack offers: the next visitor may read either.
  const promptLanguages = manifest.languages.filter(isLanguage);

  return (
    <div className="attract" onPointerDown={onPointerDown} data-testid="attract">
      <div className="attract__glow" aria-hidden="true" />
      <div className="attract__content">
        <div className="ornament" aria-hidden="true" />
        <h1 className="attract__title" data-testid="pack-title">
          {localize(manifest.title)}
        </h1>
        <p className="attract__subtitle">{localize(manifest.publisher)}</p>
        {figure && stat && (
          <div className="attract__stat" key={stat.id} data-stat={stat.id} data-testid="attract-stat">
            <span className="attract__stat-number">{figure.value}</span>
            {figure.unit !== '' && <span className="attract__stat-unit">{figure.unit}</span>}
            <span className="attract__stat-label">{figure.label}</span>
          </div>
        )}
      </div>
      <div className="attract__prompt" data-testid="touch-to-begin">
        {(promptLanguages.length > 0 ? promptLanguages : [language]).map((lang) => (
          <span key={lang} lang={lang} className="attract__prompt-line">
            {translate(lang, 'attract.touchToBegin')}
          </span>
        ))}
      </div>
    </div>
  );
}
