import { errorCode } from '../data/errors';
import { de } from './de';
import { en, type Dictionary, type MessageKey } from './en';
import type { Language } from './language';

export type Params = Record<string, string | number>;

export const dictionaries: Record<Language, Dictionary> = { de, en };

/** Replaces `{name}` placeholders; unknown placeholders stay visible so a missing parameter is noticed. */
export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

export function translate(lang: Language, key: MessageKey, params?: Params): string {
  return interpolate(dictionaries[lang][key] ?? en[key] ?? key, params);
}

/** A translated, user-safe message for any error (never a stack trace or raw SQL). */
export function errorMessage(err: unknown, lang: Language = 'en'): string {
  return translate(lang, `error.${errorCode(err)}`);
}

export function formatDateTime(iso: string | null | undefined, lang: Language): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatDate(iso: string | null | undefined, lang: Language): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium' }).format(date);
}
