/**
 * The forms of the graph's field values, shared by the curated data file (seed/curated/schema.ts)
 * and the mutations (src/schema/mutations/validate.ts): one rule for a slug, a URL, an id.
 */
import { z } from 'zod';

/** Lowercase ASCII words joined by `-`: the public, never-changing identifier. */
export const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a slug: lowercase ASCII letters and digits, words joined by "-"');

/** An http or https URL. */
export const url = z.url({ protocol: /^https?$/, error: 'an http(s) URL' });

/** A Wikidata item id. */
export const wikidataId = z.string().regex(/^Q\d+$/, 'a Wikidata id such as Q115564437');

/** A modern arXiv id. */
export const arxivId = z.string().regex(/^\d{4}\.\d{4,5}$/, 'an arXiv id such as 2005.14165');

/** A text that says something: not empty, not only spaces. */
export const text = z.string().trim().min(1, 'not empty');

/** A BCP 47 language tag of an article (`zh`, `en`, `zh-Hans`). */
export const languageTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as zh or en');

/** A year an organization was founded. */
export const foundedYear = z
  .number()
  .int('a whole year')
  .min(1000, 'a year from 1000 to 2100')
  .max(2100, 'a year from 1000 to 2100');
