import type { Language } from '../i18n/language';

const locale = (lang: Language) => (lang === 'de' ? 'de-DE' : 'en-GB');

/** Integer cents as a currency amount in the active language: 89012 EUR → "890,12 €" / "€890.12". */
export function formatMoney(cents: number | string | null | undefined, currency: string, lang: Language): string {
  if (cents === null || cents === undefined || cents === '') return '';
  const n = typeof cents === 'string' ? Number(cents) : cents;
  if (!Number.isFinite(n)) return '';
  const code = /^[A-Z]{3}$/.test(currency) ? currency : 'EUR';
  return new Intl.NumberFormat(locale(lang), { style: 'currency', currency: code }).format(n / 100);
}

/** A calendar date (YYYY-MM-DD, no time zone) in the active language; never shifted by the browser's zone. */
export function formatDay(isoDate: string | null | undefined, lang: Language): string {
  if (!isoDate || !/^\d{4}-\d{2}-\d{2}/.test(isoDate)) return '';
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** A period of two calendar dates: "1 Nov 2026 – 30 Nov 2026". */
export function formatPeriod(start: string | null | undefined, end: string | null | undefined, lang: Language): string {
  return [formatDay(start, lang), formatDay(end, lang)].filter(Boolean).join(' – ');
}

/** VAT rate in basis points as a percentage: 1900 → "19 %" / "19%". */
export function formatRate(basisPoints: number, lang: Language): string {
  return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 2 }).format(basisPoints / 10000);
}

/** The name of a country (ISO alpha-2) in the active language, or the code itself. */
export function countryName(code: string | null | undefined, lang: Language): string {
  if (!code) return '';
  try {
    return new Intl.DisplayNames([locale(lang)], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Link into the Managed or Monitoring Center for a cluster; '' when the center is not configured. */
export function centerLink(baseUrl: string, clusterNumber: string): string {
  if (!baseUrl) return '';
  return `${baseUrl.replace(/\/+$/, '')}/clusters/${encodeURIComponent(clusterNumber)}`;
}
