import { createContext, createEffect, createSignal, useContext, type Accessor, type ParentProps } from 'solid-js';
import type { MessageKey } from './en';
import { detectLanguage, LANGUAGE_STORAGE_KEY, type Language } from './language';
import { errorMessage, formatDate, formatDateTime, translate, type Params } from './translate';

export type { MessageKey } from './en';
export type { Language } from './language';

export interface I18n {
  lang: Accessor<Language>;
  setLang: (lang: Language) => void;
  t: (key: MessageKey, params?: Params) => string;
  /** Translated message for an error from the database, the Worker or auth. */
  errorText: (err: unknown) => string;
  dateTime: (iso: string | null | undefined) => string;
  date: (iso: string | null | undefined) => string;
}

const I18nContext = createContext<I18n>();

function readStored(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function I18nProvider(props: ParentProps) {
  const [lang, setLangSignal] = createSignal<Language>(detectLanguage(readStored(), navigator.languages));

  createEffect(() => {
    document.documentElement.lang = lang();
  });

  const setLang = (next: Language) => {
    setLangSignal(next);
    try {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
  };

  const value: I18n = {
    lang,
    setLang,
    t: (key, params) => translate(lang(), key, params),
    errorText: (err) => errorMessage(err, lang()),
    dateTime: (iso) => formatDateTime(iso, lang()),
    date: (iso) => formatDate(iso, lang()),
  };
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n() must be used inside <I18nProvider>');
  return value;
}
