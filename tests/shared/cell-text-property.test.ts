import { ACTIVITIES_TEMPLATE, CellProblem, readCell, validateRecords, type Column } from '@samla/shared';
import { activity, context2013 } from './fixtures';

/** mulberry32: a small seeded generator, so that a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** XML 1.0 §2.2 `Char`, written out from the standard independently of Samla's pattern. */
function xmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

/** Code points one by one; a lone surrogate is one element of its own. */
function codePoints(text: string): number[] {
  return Array.from(text, (character) => character.codePointAt(0) ?? 0);
}

const XML_INVALID = [...Array.from({ length: 0x20 }, (_, index) => index).filter((codePoint) => !xmlChar(codePoint)), 0xfffe, 0xffff];
const FORMAT = [
  0x00ad, 0x0600, 0x061c, 0x06dd, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x202a, 0x202e, 0x2060, 0x2064, 0x2066, 0x206f, 0xfeff, 0xfff9, 0xfffb,
];
const FORMAT_ASTRAL = [0x110bd, 0x1d173, 0x1d17a, 0xe0001, 0xe0020, 0xe007f];
const SPACES = [0x20, 0x20, 0x20, 0x09, 0x0a, 0x0d, 0xa0, 0x2028, 0x3000, 0x202f];
const LETTERS = 'abcdefghijklmnopqrstuvwxyzåäöÅÄÖé0123456789-_/#?;.,:!"\'()';

function randomText(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const length = Math.floor(random() * 24);
  let text = '';
  for (let index = 0; index < length; index += 1) {
    const kind = random();
    if (kind < 0.45) text += pick([...LETTERS]);
    else if (kind < 0.55) text += String.fromCodePoint(pick(SPACES));
    else if (kind < 0.62) text += String.fromCharCode(pick(XML_INVALID));
    else if (kind < 0.67) text += String.fromCharCode(0xd800 + Math.floor(random() * 0x800));
    else if (kind < 0.77) text += String.fromCodePoint(0x10000 + Math.floor(random() * 0x100000));
    else if (kind < 0.85) text += String.fromCodePoint(pick(random() < 0.7 ? FORMAT : FORMAT_ASTRAL));
    else text += String.fromCharCode(0x20 + Math.floor(random() * 0xffdd));
  }
  return text;
}

const samples = (() => {
  const random = seeded(20140131);
  const texts = Array.from({ length: 4000 }, () => randomText(random));
  // Every XML-invalid code point at least once, alone and inside text.
  for (const codePoint of [...XML_INVALID, 0xd800, 0xdbff, 0xdc00, 0xdfff]) texts.push(`x${String.fromCharCode(codePoint)}y`, String.fromCharCode(codePoint));
  return texts;
})();

const freeText: Column = { key: 'free', type: 'text', maxLength: 100_000, required: false, width: 10, label: { sv: 'Fri', en: 'Free' } };
const id = ACTIVITIES_TEMPLATE.columns.find((column) => column.key === 'activityId') as Column;

describe('random text through readCell', () => {
  it('is refused at the first XML-invalid character, or comes back unchanged apart from trimming', () => {
    let refused = 0;
    const wrong: unknown[] = [];
    for (const text of samples) {
      const reading = readCell(freeText, text);
      const points = codePoints(text);
      // XML-invalid characters first (anywhere in the text), then the line and paragraph separators U+2028/U+2029.
      const firstXmlInvalid = points.findIndex((codePoint) => !xmlChar(codePoint));
      const firstSeparator = points.findIndex((codePoint) => codePoint === 0x2028 || codePoint === 0x2029);
      const [code, firstInvalid] = firstXmlInvalid !== -1 ? ['xml-invalid-character', firstXmlInvalid] : ['line-separator-character', firstSeparator];
      if (reading instanceof CellProblem) {
        refused += 1;
        const expected = { position: firstInvalid + 1, codePoint: `U+${(points[firstInvalid] ?? 0).toString(16).toUpperCase().padStart(4, '0')}` };
        if (reading.code !== code || reading.params.position !== expected.position || reading.params.codePoint !== expected.codePoint) {
          wrong.push({ text, reading, expected });
        }
      } else if (firstInvalid !== -1 || reading !== text.trim()) wrong.push({ text, reading });
    }
    expect(wrong).toEqual([]);
    expect(refused).toBeGreaterThan(1000);
    expect(refused).toBeLessThan(samples.length - 500);
  });

  it('accepts in an ID only visible text: no format, control or XML-invalid character survives', () => {
    let accepted = 0;
    for (const text of samples) {
      const reading = readCell(id, text);
      if (reading instanceof CellProblem) {
        expect(['xml-invalid-character', 'invisible-in-id', 'invalid-id', 'too-long']).toContain(reading.code);
        continue;
      }
      accepted += 1;
      expect([text, reading]).toEqual([text, text.trim()]);
      expect([text, /[\p{Cf}\p{Cc}\p{Co}\p{Zl}\p{Zp}\u00a0\u3000\u202f]/u.test(reading as string)]).toEqual([text, false]);
      expect([text, codePoints(reading as string).every(xmlChar)]).toEqual([text, true]);
    }
    expect(accepted).toBeGreaterThan(100);
  });

  it('never words a message with a character a workbook cannot hold', () => {
    const rows = samples.slice(0, 1500).map((text, index) => activity({ activityId: `${index}${text}`.slice(0, 40), title: text || 'x', partners: text }));
    const validation = validateRecords('activities', rows, context2013);
    expect(validation.issues.length).toBeGreaterThan(500);
    for (const issue of validation.issues) expect([issue.message, codePoints(issue.message).every(xmlChar)]).toEqual([issue.message, true]);
  });
});
