/**
 * Parameter counts: exact integers (up to trillions) read from and shown as "175B", "1.75T",
 * "117M", and in Chinese units ("1750亿", "1.75万亿").
 */

const UNITS: Record<string, bigint> = {
  K: 1_000n,
  M: 1_000_000n,
  B: 1_000_000_000n,
  T: 1_000_000_000_000n,
};

/** Thrown for text that is not a parameter count. */
export class ParameterFormatError extends Error {
  override name = 'ParameterFormatError';
}

/**
 * Reads "175B", "1.75T", "117M", "6.2B", "175000000000" (or a safe integer) exactly.
 * Fractions that do not come out whole ("1.5" with no unit) are rejected.
 */
export function parseParameterCount(input: string | number | bigint): bigint {
  if (typeof input === 'bigint') return checkPositive(input, String(input));
  if (typeof input === 'number') {
    if (!Number.isSafeInteger(input)) {
      throw new ParameterFormatError(`${input} is not an exact integer; write it as text such as "175B"`);
    }
    return checkPositive(BigInt(input), String(input));
  }
  const text = input.trim().replace(/[_,\s]/g, '');
  const match = /^(\d+)(?:\.(\d+))?([KMBT])?$/i.exec(text);
  if (!match) {
    throw new ParameterFormatError(
      `"${input}" is not a parameter count (expected e.g. 175B, 1.75T, 117M or 175000000000)`,
    );
  }
  const [, whole = '', fraction = '', unitLetter] = match;
  const unit = unitLetter ? (UNITS[unitLetter.toUpperCase()] ?? 1n) : 1n;
  const scale = 10n ** BigInt(fraction.length);
  const numerator = BigInt(whole + fraction) * unit;
  if (numerator % scale !== 0n) {
    throw new ParameterFormatError(`"${input}" is not a whole number of parameters`);
  }
  return checkPositive(numerator / scale, input);
}

/**
 * A size as model names write it, with its unit ("540B", "1.3B", "6.7 B"): the count, or
 * undefined for anything else (no unit, a fraction that does not come out whole, zero).
 */
export function readParameterSize(text: string): bigint | undefined {
  if (!/^\d+(?:\.\d+)?\s*[KMBT]$/i.test(text.trim())) return undefined;
  try {
    return parseParameterCount(text);
  } catch {
    return undefined;
  }
}

/** The largest count the database stores exactly (a signed 64-bit integer). */
export const MAX_PARAMETER_COUNT = 2n ** 63n - 1n;

function checkPositive(value: bigint, input: string): bigint {
  if (value <= 0n) throw new ParameterFormatError(`"${input}" must be a positive parameter count`);
  if (value > MAX_PARAMETER_COUNT) {
    throw new ParameterFormatError(
      `"${input}" is larger than any parameter count the database can store (about 9.2e18)`,
    );
  }
  return value;
}

/** The most decimals a display shows; a count that needs more is shown rounded, marked "≈". */
const DISPLAY_DECIMALS = 4;

/**
 * Writes `value / divisor` exactly when it takes at most {@link DISPLAY_DECIMALS} decimals
 * (1085000000000 / 10^12 → "1.085"); otherwise rounded to 3 decimals and marked as such
 * ("≈176.247"), so that a display never gives a figure no source gives.
 */
function decimal(value: bigint, divisor: bigint): string {
  const whole = value / divisor;
  const remainder = value % divisor;
  if (remainder === 0n) return `${whole}`;
  const digits = divisor.toString().length - 1;
  const fraction = remainder.toString().padStart(digits, '0').replace(/0+$/, '');
  if (fraction.length <= DISPLAY_DECIMALS) return `${whole}.${fraction}`;
  const scale = 1000n;
  const scaled = (value * scale + divisor / 2n) / divisor; // rounded half up
  const rounded = `${scaled / scale}.${(scaled % scale).toString().padStart(3, '0')}`.replace(/\.?0+$/, '');
  return `≈${rounded}`;
}

/** English short form: 175000000000 → "175B", 1750000000000 → "1.75T", 117000000 → "117M", 176247271424 → "≈176.247B". */
export function formatParameters(value: bigint): string {
  for (const [letter, unit] of [
    ['T', UNITS.T],
    ['B', UNITS.B],
    ['M', UNITS.M],
    ['K', UNITS.K],
  ] as const) {
    if (unit !== undefined && value >= unit) return `${decimal(value, unit)}${letter}`;
  }
  return value.toString();
}

const YI = 100_000_000n; // 亿
const WAN = 10_000n; // 万
const WAN_YI = YI * WAN; // 万亿

/** Chinese form: 175000000000 → "1750亿", 1750000000000 → "1.75万亿", 117000000 → "1.17亿", 6000000 → "600万". */
export function formatParametersZh(value: bigint): string {
  if (value >= WAN_YI) return `${decimal(value, WAN_YI)}万亿`;
  if (value >= YI) return `${decimal(value, YI)}亿`;
  if (value >= WAN) return `${decimal(value, WAN)}万`;
  return value.toString();
}
