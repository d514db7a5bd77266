import { useState } from 'react';
import { AccessibilityPanel } from '../components/AccessibilityPanel';
import { Icon } from '../components/Icon';
import { LanguageToggle } from '../components/LanguageToggle';
import { useLocalize, useT } from '../i18n/use-t';
import { useManifest, useSession } from '../stores/hooks';
import {
  selectLanguage,
  selectLanguages,
  selectPresets,
  selectScreen,
  sessionStore,
} from '../stores/session-store';

/** The thin bar on every visitor screen but attract: pack title, Home, language, accessibility. */
export function TopBar() {
  const t = useT();
  const localize = useLocalize();
  const manifest = useManifest();
  const screen = useSession(selectScreen);
  const language = useSession(selectLanguage);
  const languages = useSession(selectLanguages);
  const presets = useSession(selectPresets);
  const [a11yOpen, setA11yOpen] = useState(false);
  const session = sessionStore.getState();

  return (
    <header className="top-bar" data-testid="top-bar">
      <button
        type="button"
        className="top-bar__home"
        onClick={() => session.screenRequested('home')}
        aria-label={t('app.home')}
        aria-current={screen === 'home' ? 'page' : undefined}
        data-testid="home-button"
      >
        <Icon name="home" />
        <span className="top-bar__home-label">{t('app.home')}</span>
      </button>
      <div className="top-bar__title" data-testid="pack-title-bar">
        {localize(manifest.title)}
      </div>
      <div className="top-bar__actions">
        <LanguageToggle
          languages={languages}
          current={language}
          label={t('app.language.switchTo')}
          onToggle={() => session.languageToggled()}
        />
        <button
          type="button"
          className="top-bar__icon-button"
          onClick={() => setA11yOpen((open) => !open)}
          aria-label={t('app.accessibility')}
          aria-expanded={a11yOpen}
          data-testid="a11y-button"
        >
          <Icon name="accessibility" />
        </button>
      </div>
      {a11yOpen && (
        <AccessibilityPanel
          presets={presets}
          labels={{
            title: t('app.accessibility'),
            close: t('app.accessibility.close'),
            largeText: t('app.accessibility.largeText'),
            highContrast: t('app.accessibility.highContrast'),
            reducedMotion: t('app.accessibility.reducedMotion'),
          }}
          onToggle={(preset) => session.presetToggled(preset)}
          onClose={() => setA11yOpen(false)}
        />
      )}
    </header>
  );
}
