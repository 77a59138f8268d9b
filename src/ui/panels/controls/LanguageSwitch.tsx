/** English / 中文: follows the browser until the learner picks one. */
import { LANGS, MESSAGES } from '../../i18n/messages';
import { useLang, useUi } from '../../state/ui-store';
import { useT } from '../../i18n/useT';

export function LanguageSwitch() {
  const lang = useLang();
  const setLang = useUi((s) => s.setLang);
  const t = useT();
  return (
    <label className="lang-switch">
      <span className="visually-hidden">{t('lang.label')}</span>
      <select value={lang} onChange={(e) => setLang(e.target.value as typeof lang)} aria-label={t('lang.label')}>
        {LANGS.map((l) => (
          <option key={l} value={l}>
            {MESSAGES[l][`lang.${l}`]}
          </option>
        ))}
      </select>
    </label>
  );
}
