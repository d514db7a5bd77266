import type { Language } from '../i18n/language';
import { languageLabel } from '../i18n/language';

export type LanguageToggleProps = {
  languages: readonly Language[];
  current: Language;
  /** Accessible name, in the current language. */
  label: string;
  onToggle: () => void;
};

/**
 * 中文 / EN: one tap switches to the other language everywhere. Each language names itself, so
 * a visitor who reads neither label in the current UI still finds theirs.
 */
export function LanguageToggle({ languages, current, label, onToggle }: LanguageToggleProps) {
  if (languages.length < 2) return null;
  return (
    <button
      type="button"
      className="language-toggle"
      onClick={onToggle}
      aria-label={label}
      data-testid="language-toggle"
    >
      {languages.map((language, index) => (
        <span
          key={language}
          className="language-toggle__item"
          data-active={language === current}
          lang={language}
        >
          {index > 0 && <span className="language-toggle__sep" aria-hidden="true" />}
          {languageLabel(language)}
        </span>
      ))}
    </button>
  );
}
