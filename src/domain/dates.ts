/**
 * Dates of the graph: release and publication dates are often known only to the year or month,
 * so a date is written YYYY, YYYY-MM or YYYY-MM-DD and stored as midnight UTC of its first day.
 * The one reader of such dates, for the seed files, Epoch's CSV, the claims and the API.
 */

/** How much of a date is known. */
export type DatePrecision = 'YEAR' | 'MONTH' | 'DAY';

/** A date as written, checked against the calendar. */
export type PartialDate = Readonly<{
  /** The date as written: YYYY, YYYY-MM or YYYY-MM-DD. */
  text: string;
  precision: DatePrecision;
  /** Midnight UTC of its first day: 2020-05 → 2020-05-01T00:00:00Z. */
  value: Date;
}>;

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * Reads YYYY, YYYY-MM or YYYY-MM-DD; undefined for anything else, including dates the calendar
 * does not have ("2021-02-30", which `new Date()` would take for March 2).
 */
export function parsePartialDate(text: string): PartialDate | undefined {
  const match = PARTIAL_DATE.exec(text);
  if (!match) return undefined;
  const [, year, month, day] = match;
  const iso = `${year}-${month ?? '01'}-${day ?? '01'}`;
  const value = new Date(`${iso}T00:00:00.000Z`);
  // Date() rolls 2021-02-30 over to March: compare back to catch it.
  if (Number.isNaN(value.getTime()) || value.toISOString().slice(0, 10) !== iso) return undefined;
  return { text, precision: day ? 'DAY' : month ? 'MONTH' : 'YEAR', value };
}

/** Thrown for text that is not a date of the calendar. */
export class DateFormatError extends Error {
  override name = 'DateFormatError';
}

/** The stored value of a date {@link parsePartialDate} accepts; throws {@link DateFormatError} otherwise. */
export function dateValue(text: string): Date {
  const date = parsePartialDate(text);
  if (!date) throw new DateFormatError(`"${text}" is not a date written YYYY, YYYY-MM or YYYY-MM-DD`);
  return date.value;
}

/** A full calendar date (YYYY-MM-DD) only, as the API's `Date` scalar takes it; undefined otherwise. */
export function parseCalendarDate(text: string): Date | undefined {
  const date = parsePartialDate(text);
  return date?.precision === 'DAY' ? date.value : undefined;
}

/** 2020-05-28T00:00:00Z → "2020-05-28". */
export function formatDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/**
 * Whether two written dates say the same thing: equal, or one a less precise form of the other
 * ("2020" and "2020-05-28").
 */
export function datesAgree(a: string, b: string): boolean {
  const length = Math.min(a.length, b.length);
  return a.slice(0, length) === b.slice(0, length);
}
