import { describe, expect, it } from 'vitest';
import { defineFormat, type FormatSection, formatDate, formatDay, formatNumber, formatPercent } from './format.ts';
import { readCatalogues } from './languages.plugin.ts';

for (const [code, tree] of readCatalogues()) defineFormat(code, tree.format as unknown as FormatSection);

const instant = '2026-12-06T03:35:00Z';

describe('dates, times and numbers per language', () => {
  it('English', () => {
    expect(formatDate(instant, 'en', 'UTC')).toBe('Dec 6, 2026, 3:35 AM');
    expect(formatDate('2026-12-06T15:05:00Z', 'en', 'UTC')).toBe('Dec 6, 2026, 3:05 PM');
    expect(formatDay('2026-05-01', 'en')).toBe('May 1, 2026');
    expect(formatNumber(1234567.891, 'en')).toBe('1,234,567.891');
    expect(formatPercent(45.25, 'en')).toBe('45.3%');
  });

  it('Russian: genitive months, 24-hour time, spaces between groups and a decimal comma', () => {
    expect(formatDate(instant, 'ru', 'UTC')).toBe('6 дек. 2026 г., 03:35');
    expect(formatDay('2026-05-01', 'ru')).toBe('1 мая 2026 г.');
    expect(formatNumber(1234567.5, 'ru')).toBe('1\u00a0234\u00a0567,5');
    expect(formatPercent(45, 'ru')).toBe('45\u00a0%');
  });

  it('Uzbek in Latin script with Uzbek month names', () => {
    expect(formatDate(instant, 'uz', 'UTC')).toBe('6-dekabr, 2026, 03:35');
    expect(formatDay('2026-09-15', 'uz')).toBe('15-sentabr, 2026');
    expect(formatNumber(1234.5, 'uz')).toBe('1\u00a0234,5');
    expect(formatPercent(7, 'uz')).toBe('7%');
  });

  it('Nepali: month names and digits in Devanagari, Indian grouping', () => {
    expect(formatDate(instant, 'ne', 'UTC')).toBe('२०२६ डिसेम्बर ६, ०३:३५');
    expect(formatDay('2026-01-20', 'ne')).toBe('२०२६ जनवरी २०');
    expect(formatNumber(1234567, 'ne')).toBe('१२,३४,५६७');
    expect(formatNumber(0.5, 'ne')).toBe('०.५');
    expect(formatPercent(45, 'ne')).toBe('४५%');
    expect(formatDate(instant, 'ne', 'UTC')).not.toMatch(/[0-9A-Za-z]/);
  });

  it('Filipino', () => {
    expect(formatDate(instant, 'fil', 'UTC')).toBe('Dis 6, 2026, 3:35 AM');
    expect(formatDay('2026-06-12', 'fil')).toBe('Hun 12, 2026');
    expect(formatNumber(-1234.5, 'fil')).toBe('-1,234.5');
  });

  it('reads an instant in the given time zone and a day as that day', () => {
    expect(formatDate('2026-12-06T20:00:00Z', 'uz', 'Asia/Tashkent')).toBe('7-dekabr, 2026, 01:00');
    expect(formatDay('2026-12-31T23:00:00Z', 'en')).toBe('Dec 31, 2026');
  });

  it('numbers: rounding, zero and unknown languages', () => {
    expect(formatNumber(0, 'en')).toBe('0');
    expect(formatNumber(-0.0001, 'en')).toBe('0');
    expect(formatNumber(999, 'ru')).toBe('999');
    expect(formatNumber(12, 'xx')).toBe('12');
  });
});
