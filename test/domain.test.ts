/** Unit tests of the pure rules in src/domain: dates, parameter counts, names. */
import { describe, expect, it } from 'vitest';
import { datesAgree, dateValue, formatDate, parseCalendarDate, parsePartialDate } from '../src/domain/dates.js';
import { byDeclaredOrder, enumValues } from '../src/domain/enums.js';

describe('dates', () => {
  it('reads a date to the day, month or year, checked against the calendar', () => {
    expect(parsePartialDate('2024-02-29')).toEqual({
      text: '2024-02-29',
      precision: 'DAY',
      value: new Date('2024-02-29T00:00:00Z'),
    });
    expect(parsePartialDate('2020-05')).toEqual({
      text: '2020-05',
      precision: 'MONTH',
      value: new Date('2020-05-01T00:00:00Z'),
    });
    expect(parsePartialDate('2018')).toEqual({
      text: '2018',
      precision: 'YEAR',
      value: new Date('2018-01-01T00:00:00Z'),
    });
    for (const text of [
      '2026-02-30',
      '2025-02-29',
      '2026-13',
      '2026-00',
      '26-01-01',
      '2026-1-1',
      '2026-01-01T00:00:00Z',
      '',
      ' 2020',
    ]) {
      expect({ text, date: parsePartialDate(text) }).toEqual({ text, date: undefined });
    }
  });

  it('stores a date as midnight UTC of its first day and refuses what is not one', () => {
    expect(dateValue('2020-05')).toEqual(new Date('2020-05-01T00:00:00Z'));
    expect(() => dateValue('2021-02-30')).toThrow('"2021-02-30" is not a date written YYYY, YYYY-MM or YYYY-MM-DD');
    expect(formatDate(new Date('2022-11-30T00:00:00Z'))).toBe('2022-11-30');
  });

  it('takes only full calendar dates where the API asks for a Date', () => {
    expect(parseCalendarDate('2022-11-30')).toEqual(new Date('2022-11-30T00:00:00Z'));
    expect(parseCalendarDate('2022-11')).toBeUndefined();
    expect(parseCalendarDate('2022-02-29')).toBeUndefined();
  });

  it('lets a less precise date agree with a more precise one', () => {
    expect(datesAgree('2020', '2020-05-28')).toBe(true);
    expect(datesAgree('2020-05', '2020-05-28')).toBe(true);
    expect(datesAgree('2020-06', '2020-05-28')).toBe(false);
    expect(datesAgree('2021', '2020-05-28')).toBe(false);
  });
});

describe('enums', () => {
  it('orders values by meaning, as schema.prisma declares them, not as text', () => {
    const byRole = byDeclaredOrder('DeveloperRole');
    expect(['CO_DEVELOPER', 'DEVELOPER'].sort((a, b) => byRole(a as never, b as never))).toEqual([
      'DEVELOPER',
      'CO_DEVELOPER',
    ]);
  });

  it('declares Relevance in text order, so that SQL sorts it the same on every database (article.models)', () => {
    const declared = enumValues('Relevance');
    expect(declared).toEqual(['MAIN', 'MENTION']);
    expect([...declared].sort()).toEqual(declared);
  });
});
