import { For } from 'solid-js';
import { useI18n } from '../i18n';
import { isLanguage, LANGUAGES } from '../i18n/language';

export function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <div class="language-switch">
      <label for="language-select">{t('header.language')}</label>
      <select
        id="language-select"
        value={lang()}
        onChange={(e) => {
          const next = e.currentTarget.value;
          if (isLanguage(next)) setLang(next);
        }}
      >
        <For each={LANGUAGES}>
          {(code) => (
            <option value={code} lang={code}>
              {t(`lang.${code}`)}
            </option>
          )}
        </For>
      </select>
    </div>
  );
}
