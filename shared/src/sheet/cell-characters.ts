/**
 * Characters a cell's text may not hold, and how to name one in a message.
 *
 * XML 1.0 (§2.2, production `Char`) allows tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and U+10000–U+10FFFF.
 * Every workbook Samla writes is XML, so a text holding anything else would make the national workbooks unreadable:
 * C0 controls other than tab, LF and CR, the noncharacters U+FFFE and U+FFFF, and surrogates not in a pair.
 * With the `u` flag a surrogate pair is one code point, so the surrogate range matches only a lone surrogate.
 */
// Control characters are exactly what this pattern is for.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/u;

/**
 * Characters that can't be seen or that are easily mistaken for others, refused in IDs (where two IDs that look the
 * same must be the same ID): controls (Cc), format characters (Cf: U+00AD, U+200B–U+200F, U+2060, U+FEFF, …),
 * private use (Co), line and paragraph separators, every space other than U+0020, and invisible fillers and
 * selectors (U+034F, U+115F, U+1160, U+2800, U+3164, U+FFA0, U+FE00–U+FE0F, U+E0100–U+E01EF).
 */
// The combining characters (U+034F, the variation selectors) are in the class on purpose, each one on its own.
const INVISIBLE_IN_ID =
  // eslint-disable-next-line no-misleading-character-class
  /[\p{Cc}\p{Cf}\p{Co}\p{Zl}\p{Zp}\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\u034F\u115F\u1160\u2800\u3164\uFFA0\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/u;

/** The characters `/ \ # ?` have a meaning in URLs and file names, where IDs end up. */
const RESERVED_IN_ID = /[/\\#?]/;

/** Everything `showValue` writes as `[U+XXXX]` instead of the character itself. */
// eslint-disable-next-line no-misleading-character-class -- the same class as above, on purpose
const UNSHOWABLE = new RegExp(`${XML_INVALID.source}|${INVISIBLE_IN_ID.source}`, 'gu');

/** One character found at a 1-based position (in characters as a user counts them: a surrogate pair is one). */
export interface FoundCharacter {
  /** 1-based position in the text, counting code points. */
  readonly position: number;
  /** The code point written `U+FFFF`. */
  readonly codePoint: string;
}

/** A code point in the notation of the Unicode standard: `U+00AD`, `U+1F600`. */
export function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

function foundAt(text: string, index: number): FoundCharacter {
  let position = 1;
  for (let at = 0; at < index; at += 1) {
    const unit = text.charCodeAt(at);
    const next = text.charCodeAt(at + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) at += 1;
    position += 1;
  }
  return { position, codePoint: codePointName(text.codePointAt(index) ?? 0) };
}

function find(pattern: RegExp, text: string): FoundCharacter | undefined {
  const match = pattern.exec(text);
  return match ? foundAt(text, match.index) : undefined;
}

/**
 * The line and paragraph separators U+2028 and U+2029: XML can hold them, but programs reading text line by line
 * split at them (JavaScript's regular expressions treat them as line ends; Azurite's batch parser loses the entity),
 * and Excel shows them as nothing. A line break in a cell is LF (Alt+Enter).
 */
const LINE_SEPARATORS = /[\u2028\u2029]/;

/** The first U+2028 or U+2029 in a text, or undefined. */
export function lineSeparatorCharacter(text: string): FoundCharacter | undefined {
  return find(LINE_SEPARATORS, text);
}

/**
 * Whether every UTF-16 unit is one XML 1.0 holds outside the surrogates (tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD):
 * the common case, checked without the Unicode pattern. A text with surrogates is left to the pattern.
 */
function plainXmlText(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit >= 0x20 ? unit >= 0xd800 && (unit <= 0xdfff || unit >= 0xfffe) : unit !== 0x09 && unit !== 0x0a && unit !== 0x0d) return false;
  }
  return true;
}

/** Whether every unit is printable ASCII (U+0020–U+007E), where no invisible, control or format character is. */
function printableAscii(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit < 0x20 || unit > 0x7e) return false;
  }
  return true;
}

/** The first character XML 1.0 cannot hold (see above), or undefined when every character can be written. */
export function xmlInvalidCharacter(text: string): FoundCharacter | undefined {
  return plainXmlText(text) ? undefined : find(XML_INVALID, text);
}

/** The first invisible, control or format character in an ID (see above), or undefined. */
export function invisibleIdCharacter(text: string): FoundCharacter | undefined {
  return printableAscii(text) ? undefined : find(INVISIBLE_IN_ID, text);
}

/** The first of `/ \ # ?` in an ID, with the character itself, or undefined. */
export function reservedIdCharacter(text: string): (FoundCharacter & { readonly character: string }) | undefined {
  const match = RESERVED_IN_ID.exec(text);
  return match ? { ...foundAt(text, match.index), character: match[0] } : undefined;
}

/**
 * Text for a message: invisible and XML-invalid characters written `[U+200B]`, at most `max` characters and never
 * cut inside a surrogate pair, so that a message can always be shown and written to a workbook.
 */
export function showableText(text: string, max = 60): string {
  const visible = text.replace(UNSHOWABLE, (character) => `[${codePointName(character.codePointAt(0) ?? 0)}]`);
  if (visible.length <= max) return visible;
  let end = max - 3;
  const last = visible.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${visible.slice(0, end)}…`;
}
