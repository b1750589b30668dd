export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_STORAGE_KEY = 'ac.lang';
export const FALLBACK_LANGUAGE: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language to start with: a stored choice wins, then the first of the browser's preferred
 * languages we have (by primary subtag: "de-AT" → de), else English.
 */
export function detectLanguage(stored: string | null | undefined, preferred: readonly string[] | undefined): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of preferred ?? []) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (isLanguage(primary)) return primary;
  }
  return FALLBACK_LANGUAGE;
}
