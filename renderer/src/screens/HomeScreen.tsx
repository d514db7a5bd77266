import { useState } from 'react';
import { AboutPanel } from '../components/about/AboutPanel';
import { Icon } from '../components/Icon';
import { StatsStrip } from '../components/StatsStrip';
import { formatFigure } from '../i18n/format-figure';
import { useLocalize, useT } from '../i18n/use-t';
import { useManifest, useSession } from '../stores/hooks';
import type { Screen } from '../stores/session-store';
import { selectLanguage, selectPresets, sessionStore } from '../stores/session-store';

type Tile = {
  screen: Extract<Screen, 'sand-table' | 'timeline'>;
  icon: 'sand-table' | 'timeline';
  title: 'home.sandTable' | 'home.timeline';
  hint: 'home.sandTable.hint' | 'home.timeline.hint';
};

const TILES: readonly Tile[] = [
  { screen: 'sand-table', icon: 'sand-table', title: 'home.sandTable', hint: 'home.sandTable.hint' },
  { screen: 'timeline', icon: 'timeline', title: 'home.timeline', hint: 'home.timeline.hint' },
];

/** The visitor's starting point: the hall's title, its two instruments, its key figures. */
export function HomeScreen() {
  const manifest = useManifest();
  const t = useT();
  const localize = useLocalize();
  const language = useSession(selectLanguage);
  const presets = useSession(selectPresets);
  const [aboutOpen, setAboutOpen] = useState(false);
  const figures = manifest.stats.map((stat) => ({
    id: stat.id,
    ...formatFigure(stat, language, manifest.defaultLanguage),
  }));

  return (
    <div className="home">
      <header className="home__header">
        <div className="ornament" aria-hidden="true" />
        <h1 className="home__title" data-testid="pack-title">
          {localize(manifest.title)}
        </h1>
        {manifest.description && (
          <p className="home__description" data-testid="pack-description">
            {localize(manifest.description)}
          </p>
        )}
      </header>
      <nav className="home__tiles">
        {TILES.map((tile) => (
          <button
            key={tile.screen}
            type="button"
            className="home-tile"
            onClick={() => sessionStore.getState().screenRequested(tile.screen)}
            data-testid={`tile-${tile.screen}`}
          >
            <Icon name={tile.icon} className="home-tile__icon" />
            <span className="home-tile__title">{t(tile.title)}</span>
            <span className="home-tile__hint">{t(tile.hint)}</span>
          </button>
        ))}
      </nav>
      <StatsStrip
        figures={figures}
        label={t('home.stats')}
        pageLabel={(page) => t('home.statsPage', { page })}
        advanceSeconds={presets.reducedMotion ? 0 : 9}
      />
      {manifest.about && (
        <button
          type="button"
          className="button button--ghost home__about"
          onClick={() => setAboutOpen(true)}
          data-testid="about-open"
        >
          {t('home.about')}
        </button>
      )}
      {aboutOpen && (
        <AboutPanel
          manifest={manifest}
          language={language}
          labels={{
            title: t('about.title'),
            credits: t('about.credits'),
            licences: t('about.licences'),
            source: t('about.source'),
            sandTable: t('home.sandTable'),
            close: t('about.close'),
          }}
          onClose={() => setAboutOpen(false)}
        />
      )}
    </div>
  );
}
