import type { Locale } from '../api/types.js';
import { useSession } from '../auth/SessionProvider.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { LOCALES } from '../i18n/translate.js';

const names: Record<Locale, string> = { de: 'Deutsch', en: 'English' };

export function LanguageSwitch() {
  const { t, locale } = useI18n();
  const { changeLocale } = useSession();
  return (
    <label className="lang-switch">
      <span className="sr-only">{t('nav.language')}</span>
      <select data-testid="language-switch" value={locale} onChange={(e) => changeLocale(e.target.value as Locale)} aria-label={t('nav.language')}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>{names[l]}</option>
        ))}
      </select>
    </label>
  );
}
