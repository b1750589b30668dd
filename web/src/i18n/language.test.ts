import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language';

describe('detectLanguage', () => {
  it('prefers a stored choice', () => {
    expect(detectLanguage('de', ['en-US'])).toBe('de');
    expect(detectLanguage('en', ['de-DE'])).toBe('en');
  });
  it('ignores a stored value it does not know', () => {
    expect(detectLanguage('fr', ['de-AT'])).toBe('de');
  });
  it('takes the first supported browser language by primary subtag', () => {
    expect(detectLanguage(null, ['fr-FR', 'de-CH', 'en'])).toBe('de');
    expect(detectLanguage(null, ['EN-gb'])).toBe('en');
    expect(detectLanguage(undefined, ['de_DE'])).toBe('de');
  });
  it('falls back to English', () => {
    expect(detectLanguage(null, ['fr', 'it'])).toBe('en');
    expect(detectLanguage(null, [])).toBe('en');
    expect(detectLanguage(null, undefined)).toBe('en');
  });
});
