/** When two claimed values of a property say the same thing. One definition for the API and the importers. */
import { datesAgree } from './dates.js';

/**
 * True when two canonical values of `property` agree: dates agree when one is a less precise
 * form of the other ("2020" and "2020-05-28"), counts when they are the same integer, countries
 * when they name the same set of codes, other text ignoring case and surrounding spaces.
 */
export function claimValuesAgree(property: string, a: string, b: string): boolean {
  if (property === 'RELEASE_DATE') return datesAgree(a, b);
  if (property === 'PARAMETERS' || property === 'TRAINING_COMPUTE') {
    const integer = (text: string) => (/^\d+$/.test(text.trim()) ? BigInt(text.trim()) : undefined);
    const x = integer(a);
    const y = integer(b);
    if (x !== undefined && y !== undefined) return x === y;
  }
  if (property === 'COUNTRY') {
    const set = (text: string) =>
      [
        ...new Set(
          text
            .toUpperCase()
            .split(/[\s,;/]+/)
            .filter(Boolean),
        ),
      ]
        .sort()
        .join(',');
    return set(a) === set(b);
  }
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** True when some two of the values disagree. */
export function valuesDisagree(property: string, values: string[]): boolean {
  return values.some((a, index) => values.slice(index + 1).some((b) => !claimValuesAgree(property, a, b)));
}
