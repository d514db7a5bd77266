import type { Figure } from '../../../electron/shared/pack-schema';
import { localize } from '../../../electron/shared/pack-schema';
import type { Language } from './language';

export type Qualifier = Figure['qualifier'];

/** The three ways a number is written: plain digits, "3万", "30 billion". */
type NumberStyle = 'plain' | 'compact' | 'compact-long';

const formats = new Map<string, Intl.NumberFormat>();

/**
 * One `Intl.NumberFormat` per language and style, made once. The first one a page makes costs tens
 * of ms (the engine loads its number data), and a new one per figure was what a visitor's first
 * place card paid inside the tap (measured: 45–50 ms of a first open of 150–190 ms).
 */
function numberFormat(language: Language, style: NumberStyle): Intl.NumberFormat {
  const key = `${language}|${style}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language, {
      maximumFractionDigits: 2,
      ...(style === 'compact' ? { notation: 'compact' as const } : {}),
      ...(style === 'compact-long' ? { notation: 'compact' as const, compactDisplay: 'long' as const } : {}),
    });
    formats.set(key, format);
  }
  return format;
}

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
  return numberFormat(language, zhLarge ? 'compact' : enLarge ? 'compact-long' : 'plain').format(value);
}

/**
 * Makes (and uses once) every number format `languages` write figures with, so that neither the
 * first place card nor the first home screen pays for them. Run it while the kiosk idles.
 */
export function warmNumberFormats(languages: readonly Language[]): void {
  for (const language of languages)
    for (const style of ['plain', language === 'zh-Hans' ? 'compact' : 'compact-long'] as const)
      numberFormat(language, style).format(12_345);
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
