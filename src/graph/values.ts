/**
 * The values the write layer stores: checked and put in canonical form, so that the same fact
 * written twice compares equal and a second import writes nothing.
 */
import { parsePartialDate } from '../domain/dates.js';
import { type ClaimProperty, enumValues, type OrganizationProperty } from '../domain/enums.js';
import { MAX_PARAMETER_COUNT } from '../domain/parameters.js';
import type { FieldChange } from './changes.js';
import { invalid } from './errors.js';

/** Lowercase ASCII words joined by `-`: the form of every public identifier. */
export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function checkSlug(path: string, slug: string): string {
  if (!SLUG.test(slug))
    invalid(path, `"${slug}" is not a slug (lowercase ASCII letters and digits, words joined by "-")`);
  return slug;
}

/** Whether two stored values are the same (dates by instant, everything else by value). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  return (a ?? null) === (b ?? null);
}

/**
 * The fields of `data` that differ from `existing`. A field left `undefined` in `data` is not
 * part of the write (it keeps its value); `null` clears it.
 */
export function changedFields(
  existing: Readonly<Record<string, unknown>>,
  data: Readonly<Record<string, unknown>>,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, value] of Object.entries(data)) {
    if (value === undefined) continue;
    if (!sameValue(existing[field], value)) changes.push({ field, from: existing[field] ?? null, to: value });
  }
  return changes;
}

/** `data` without its undefined fields: what a create or an update sends. */
export function defined<T extends Record<string, unknown>>(data: T): Partial<T> {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined)) as Partial<T>;
}

const INTEGER = /^\d+$/;

/** An organization claim's value in canonical form: an uppercase ISO 3166-1 alpha-2 code, or an OrganizationKind value. */
export function canonicalOrganizationValue(path: string, property: OrganizationProperty, value: string): string {
  const text = value.trim();
  if (property === 'COUNTRY') {
    if (!/^[A-Za-z]{2}$/.test(text))
      invalid(path, `a country is an ISO 3166-1 alpha-2 code such as CN or US, got "${value}"`);
    return text.toUpperCase();
  }
  const kinds: string[] = enumValues('OrganizationKind');
  if (!kinds.includes(text)) invalid(path, `an organization kind is one of ${kinds.join(', ')}, got "${value}"`);
  return text;
}

/**
 * A claim's value in canonical form: a positive integer for parameters (at most what the database
 * stores), a non-negative integer for training compute, a calendar date written YYYY, YYYY-MM or
 * YYYY-MM-DD for release dates, trimmed non-empty text otherwise.
 */
export function canonicalClaimValue(path: string, property: ClaimProperty, value: string): string {
  const text = value.trim();
  switch (property) {
    case 'PARAMETERS': {
      if (!INTEGER.test(text)) invalid(path, `a parameter count is a whole number written in digits, got "${value}"`);
      const count = BigInt(text);
      if (count <= 0n || count > MAX_PARAMETER_COUNT)
        invalid(path, `a parameter count is between 1 and ${MAX_PARAMETER_COUNT}, got ${text}`);
      return count.toString();
    }
    case 'TRAINING_COMPUTE':
      if (!INTEGER.test(text))
        invalid(path, `a training compute is a whole number of FLOP written in digits, got "${value}"`);
      return BigInt(text).toString();
    case 'RELEASE_DATE':
      if (!parsePartialDate(text))
        invalid(path, `a release date is written YYYY, YYYY-MM or YYYY-MM-DD, got "${value}"`);
      return text;
    default:
      if (text === '') invalid(path, 'a claim needs a value');
      return text;
  }
}
