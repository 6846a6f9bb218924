import { useCallback } from 'react';
import { localize, translate, type LocalizedText, type MessageKey, type MessageParams } from '../../shared/i18n';
import { useConsole } from '../app/StoreContext';

/** The translator for the console's current locale. */
export function useT(): (key: MessageKey, params?: MessageParams) => string {
  const locale = useConsole((s) => s.settings.locale);
  return useCallback((key: MessageKey, params?: MessageParams) => translate(locale, key, params), [locale]);
}

/** Site-written text (zone names, camera names) in the current locale. */
export function useLocalize(): (text: LocalizedText) => string {
  const locale = useConsole((s) => s.settings.locale);
  return useCallback((text: LocalizedText) => localize(text, locale), [locale]);
}
