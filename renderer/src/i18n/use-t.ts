import { useCallback } from 'react';
import type { LocalizedText } from '../../../electron/shared/pack-schema';
import { localize } from '../../../electron/shared/pack-schema';
import { useSession } from '../stores/hooks';
import { selectLanguage } from '../stores/session-store';
import type { StringKey } from './strings';
import type { TranslateParams } from './translate';
import { translate } from './translate';

export type T = (key: StringKey, params?: TranslateParams) => string;

/** `t(key)` for the visitor's current language; components re-render when it changes. */
export function useT(): T {
  const language = useSession(selectLanguage);
  return useCallback((key, params) => translate(language, key, params), [language]);
}

/** Pack text (`{ "zh-Hans": …, "en": … }`) in the visitor's language, falling back to the pack default. */
export function useLocalize(): (text: LocalizedText | undefined) => string {
  const language = useSession(selectLanguage);
  const fallback = useSession((s) => s.defaultLanguage);
  return useCallback((text) => localize(text, language, fallback), [language, fallback]);
}
