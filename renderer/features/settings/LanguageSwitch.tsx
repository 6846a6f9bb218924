import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';

/** One button: switches between Chinese and English for this console. */
export function LanguageSwitch() {
  const locale = useConsole((s) => s.settings.locale);
  const setLocale = useConsole((s) => s.setLocale);
  const t = useT();
  return (
    <button
      type="button"
      className="button button--quiet"
      data-testid="language-switch"
      aria-label={t('lang.label')}
      onClick={() => void setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
    >
      {t('lang.switchTo')}
    </button>
  );
}
