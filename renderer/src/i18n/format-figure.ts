import type { Figure } from '../../../electron/shared/pack-schema';
import { localize } from '../../../electron/shared/pack-schema';
import type { Language } from './language';

export type Qualifier = Figure['qualifier'];

/**
 * Digits as the language writes them, compact only when that loses nothing (a round number, or
 * one that is approximate anyway): in Chinese "3万" from 10,000 up, in English "30 billion" from a
 * million up ("200,000" stays as it is); otherwise "123,456".
 */
export function formatNumber(value: number, language: Language, approximate = false): string {
  const zhLarge =
    language === 'zh-Hans' && Math.abs(value) >= 10_000 && (approximate || value % 10_000 === 0);
  const enLarge =
    language !== 'zh-Hans' && Math.abs(value) >= 1_000_000 && (approximate || value % 1_000_000 === 0);
  return new Intl.NumberFormat(language, {
    maximumFractionDigits: 2,
    ...(zhLarge ? { notation: 'compact' as const } : {}),
    ...(enLarge ? { notation: 'compact' as const, compactDisplay: 'long' as const } : {}),
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
      // With a 万/亿 unit Chinese says "超3万", "超300亿" ("3余万" reads wrongly); else "500余".
      return /[万亿]$/.test(digits) ? `超${digits}` : `${digits}余`;
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
