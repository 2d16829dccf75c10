/**
 * How Samla reads a number typed as text. One rule: a text is read only when it has exactly one meaning.
 *
 * | text | read as | why |
 * | --- | --- | --- |
 * | `1234`, `-250`, `+5`, `−250` (U+2212) | 1234, -250, 5, -250 | digits only |
 * | `12,50`, `1234.5`, `0,125`, `1234,500` | 12.5, 1234.5, 0.125, 1234.5 | one separator, and the digits around it can't be a thousands group (not exactly three after it, or not 1–3 digits before it without a leading 0) |
 * | `1 234,50`, `1 234.50`, `12 500` (space, U+00A0, U+202F or U+2009) | 1234.5, 1234.5, 12500 | a space is only ever a thousands separator (groups of three) |
 * | `1.234,50`, `1,234.50` | 1234.5 | two different separators: the last is the decimal separator, the first groups thousands |
 * | `1.234.567`, `1,234,567` | 1234567 | a separator that repeats can only group thousands |
 * | `12.500`, `8.000`, `1,234`, `-1.500` | **refused as ambiguous** | one point or comma followed by exactly three digits could be thousands (12 500) or decimals (12,5): never guessed |
 * | `12 kr`, `1e3`, `1 2 3`, `1.23.4`, `(500)` | refused | not a number as written in Sweden or in English |
 *
 * Surrounding white space is ignored.
 */
const NUMBER_TEXT = /^([+\-\u2212]?)(?:(\d+)|([1-9]\d{0,2}([ \u00a0\u202f\u2009.,])\d{3}(?:\4\d{3})*))(?:([.,])(\d+))?$/;
const THOUSANDS_SHAPE = /^[1-9]\d{0,2}$/;
const GROUP_SEPARATORS = /[ \u00a0\u202f\u2009.,]/g;
const TRAILING_ZEROS = /0+$/;

/** A number read from text, with the count of decimals it was written with (trailing zeros not counted). */
export interface NumberText {
  readonly kind: 'number';
  readonly value: number;
  readonly decimals: number;
}

/** A text that could mean two numbers; the two readings, written unambiguously for a message. */
export interface AmbiguousNumberText {
  readonly kind: 'ambiguous';
  /** The thousands reading with a space: `12 500`. */
  readonly asThousands: string;
  /** The thousands reading with no separator: `12500`. */
  readonly asThousandsPlain: string;
  /** The decimal reading with a decimal comma, in a spelling that is not ambiguous: `12,5`, `8`, `1,2340`. */
  readonly asDecimal: string;
  /** The same with a decimal point, for English readers: `12.5`, `8`, `1.2340`. */
  readonly asDecimalPoint: string;
  /** The two readings as numbers: 12500 and 12.5. */
  readonly thousandsValue: number;
  readonly decimalValue: number;
}

const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const POINT = 0x2e;
const COMMA = 0x2c;

/**
 * The common shapes of the table's first two lines, read without the pattern: digits only (`1234`), or digits, one
 * point or comma, and digits not exactly three (`12,5`, `1234.50`). Undefined for every other text, which the
 * pattern then reads: a sign, spaces, groups, and the ambiguous `12.500`. Gives exactly what the pattern gives.
 */
function plainNumberText(raw: string): NumberText | undefined {
  const length = raw.length;
  let separator = -1;
  for (let index = 0; index < length; index += 1) {
    const unit = raw.charCodeAt(index);
    if (unit >= DIGIT_0 && unit <= DIGIT_9) continue;
    if ((unit !== POINT && unit !== COMMA) || separator >= 0 || index === 0 || index === length - 1) return undefined;
    separator = index;
  }
  if (length === 0) return undefined;
  if (separator < 0) {
    const value = Number(raw);
    return { kind: 'number', value: value === 0 ? 0 : value, decimals: 0 };
  }
  const fractionDigits = length - separator - 1;
  if (fractionDigits === 3) return undefined;
  let decimals = fractionDigits;
  while (decimals > 0 && raw.charCodeAt(separator + decimals) === DIGIT_0) decimals -= 1;
  const value = Number(raw.charCodeAt(separator) === POINT ? raw : `${raw.slice(0, separator)}.${raw.slice(separator + 1)}`);
  return { kind: 'number', value: value === 0 ? 0 : value, decimals };
}

/** Reads a number typed as text by the table above; undefined when it is not a number. */
export function parseNumberText(raw: string): NumberText | AmbiguousNumberText | undefined {
  const common = plainNumberText(raw);
  if (common) return common;
  const match = NUMBER_TEXT.exec(raw.trim());
  if (!match) return undefined;
  const [, sign = '', plain, grouped, groupSeparator, decimalSeparator, fraction = ''] = match;
  if (groupSeparator !== undefined && groupSeparator === decimalSeparator) return undefined;
  const minus = sign === '' || sign === '+' ? '' : '-';
  if (plain !== undefined && decimalSeparator !== undefined && fraction.length === 3 && THOUSANDS_SHAPE.test(plain)) {
    const decimals = fraction.replace(TRAILING_ZEROS, '');
    const asDecimal = (mark: string) => (decimals === '' ? plain : `${plain}${mark}${decimals.length === 3 ? `${decimals}0` : decimals}`);
    return {
      kind: 'ambiguous',
      asThousands: `${minus}${plain} ${fraction}`,
      asThousandsPlain: `${minus}${plain}${fraction}`,
      asDecimal: `${minus}${asDecimal(',')}`,
      asDecimalPoint: `${minus}${asDecimal('.')}`,
      thousandsValue: Number(`${minus}${plain}${fraction}`),
      decimalValue: Number(`${minus}${plain}.${fraction}`),
    };
  }
  const integer = plain ?? (grouped ?? '').replace(GROUP_SEPARATORS, '');
  const value = Number(`${minus}${integer}.${fraction || '0'}`);
  return { kind: 'number', value: value === 0 ? 0 : value, decimals: fraction.replace(TRAILING_ZEROS, '').length };
}

/** Whether a finite number, as its shortest decimal spelling, has at most `decimals` decimals; checked in integers. */
export function hasAtMostDecimals(value: number, decimals: number): boolean {
  const scale = 10 ** decimals;
  // Division is correctly rounded, so this is the double nearest to the decimal n / scale: equal only when the value is.
  return Math.round(value * scale) / scale === value;
}

/**
 * A number as a spreadsheet means it: Excel keeps 15 significant digits, so a formula's binary noise
 * (`0.1 + 0.2` = 0.30000000000000004) is the number Excel shows (0.3). Integers, the common case, are returned as they
 * are without allocating. Any decimal written with at most 15 significant digits comes back exactly.
 */
export function spreadsheetNumber(value: number): number {
  if (Number.isInteger(value)) return value === 0 ? 0 : value;
  return Number(value.toPrecision(15));
}

/** The significant digits a spreadsheet keeps (Excel: 15), and that a double holds exactly in every case. */
export const EXACT_DIGITS = 15;

/**
 * Whether a number's spelling (`-12.50e3`, `9007199254740993`) has more significant digits than `EXACT_DIGITS`, leading
 * and trailing zeros not counted: the double it reads as may then not be the number written (`WrittenNumber`).
 */
export function spelledBeyondExact(spelling: string): boolean {
  const mantissa = spelling
    .replace(/^[+-]/, '')
    .replace(/[eE].*$/, '')
    .replace('.', '');
  return mantissa.replace(/^0+/, '').replace(/0+$/, '').length > EXACT_DIGITS;
}
