import { describe, expect, it } from 'vitest';
import { centerLink, countryName, formatDay, formatMoney, formatPeriod, formatRate } from './money';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('formats integer cents in the active language', () => {
    expect(nbsp(formatMoney(89012, 'EUR', 'de'))).toBe('890,12 €');
    expect(formatMoney(89012, 'EUR', 'en')).toBe('€890.12');
    expect(nbsp(formatMoney('119900', 'EUR', 'de'))).toBe('1.199,00 €');
    expect(formatMoney(-500, 'CHF', 'en')).toMatch(/CHF.*5\.00/);
  });
  it('is empty for no value, and falls back to EUR for a bad currency', () => {
    expect(formatMoney(null, 'EUR', 'en')).toBe('');
    expect(formatMoney('x', 'EUR', 'en')).toBe('');
    expect(formatMoney(100, 'euro', 'en')).toBe('€1.00');
  });
});

describe('formatDay / formatPeriod', () => {
  it('formats calendar dates without shifting them by the time zone', () => {
    expect(formatDay('2026-12-01', 'de')).toBe('01.12.2026');
    expect(formatDay('2026-12-01', 'en')).toBe('1 Dec 2026');
    expect(formatPeriod('2026-11-01', '2026-11-30', 'en')).toBe('1 Nov 2026 – 30 Nov 2026');
    expect(formatDay('garbage', 'en')).toBe('');
    expect(formatDay(null, 'en')).toBe('');
  });
});

describe('formatRate, countryName, centerLink', () => {
  it('formats rates, names countries, builds center links', () => {
    expect(nbsp(formatRate(1900, 'de'))).toBe('19 %');
    expect(formatRate(1900, 'en')).toBe('19%');
    expect(countryName('DE', 'de')).toBe('Deutschland');
    expect(countryName('AT', 'en')).toBe('Austria');
    expect(countryName(null, 'en')).toBe('');
    expect(centerLink('https://managed.example.test/', 'C-2001')).toBe('https://managed.example.test/clusters/C-2001');
    expect(centerLink('', 'C-2001')).toBe('');
  });
});
