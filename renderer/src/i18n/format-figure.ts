import type { Figure } from '../../../electron/shared/pack-schema';
import { localize } from '../../../electron/shared/pack-schema';
import type { Language } from './language';

export type Qualifier = Figure['qualifier'];

/**
 * Digits as the language writes them: "30,000" in English; in Chinese "3万" from 10,000 up when
 * that loses nothing (a round number, or one that is approximate anyway), else "123,456".
 */
export function formatNumber(value: number, language: Language, approximate = false): string {
  const large = language === 'zh-Hans' && Math.abs(value) >= 10_000 && (approximate || value % 10_000 === 0);
  return new Intl.NumberFormat(language, {
    maximumFractionDigits: 2,
    ...(large ? { notation: 'compact' as const } : {}),
  }).format(value);
}

/**
 * A number as a visitor reads it: `over` → "500+" / "500余", `about` → "≈500" / "约500".
 */
export function formatQualifiedNumber(value: number, qualifier: Qualifier, language: Language): string {
  const digits = formatNumber(value, language, qualifier !== 'exact');
  switch (qualifier) {
    case 'exact':
      return digits;
    case 'over':
      if (language === 'en') return `${digits}+`;
      // Chinese puts 余 before a 万/亿 unit: "50余万", but "500余".
      return /[万亿]$/.test(digits) ? `${digits.slice(0, -1)}余${digits.slice(-1)}` : `${digits}余`;
    case 'about':
      return language === 'en' ? `≈${digits}` : `约${digits}`;
  }
}

export type FormattedFigure = {
  /** The number with its qualifier. */
  value: string;
  /** The unit, '' when none. */
  unit: string;
  /** Value and unit together, spaced as the language writes them ("108处", "108 sites"). */
  text: string;
  label: string;
};

export function formatFigure(figure: Figure, language: Language, defaultLanguage: string): FormattedFigure {
  const value = formatQualifiedNumber(figure.value, figure.qualifier, language);
  const unit = localize(figure.unit, language, defaultLanguage);
  const separator = unit === '' || language !== 'en' ? '' : ' ';
  return {
    value,
    unit,
    text: `${value}${separator}${unit}`,
    label: localize(figure.label, language, defaultLanguage),
  };
}
