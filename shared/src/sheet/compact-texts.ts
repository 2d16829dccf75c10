import { withRoom } from './typed-arrays';

/** Texts joined into one segment: few enough that a segment is cheap to join, many enough that segments are few. */
const SEGMENT_TEXTS = 4_096;
const SEGMENT_SHIFT = 12;

/**
 * An append-only list of texts held compactly, for what must hold one text per row or per distinct cell of a large
 * upload (its shared strings, its rows' IDs) without growing by a string object each: the texts are joined into flat
 * segments of 4 096 and each text's end within its segment kept in a `Uint32Array`. A string object costs 24–32 bytes
 * beside its characters, and a text the XML parser cut from its 64 KiB chunk keeps the whole chunk alive; here a text
 * costs its characters (1 byte each while a segment holds only Latin-1, else 2) and 4 bytes. For a 40 000-row upload's
 * 100 000 distinct texts: about 1.4 MB instead of 5.4 (`npm run bench -- upload`, bench/RESULTS.md).
 *
 * `at` gives a text back as a new string (a slice of its segment), so keep what you read only as long as you need it.
 */
export class CompactTexts {
  private readonly segments: string[] = [];
  private pending: string[] = [];
  private pendingLength = 0;
  /** Each text's end within its segment, in UTF-16 code units. */
  private ends = new Uint32Array(256);
  private count = 0;

  /** How many texts are held. */
  get length(): number {
    return this.count;
  }

  /** Set by `finish`: segments then no longer start at multiples of 4 096, so nothing more may be added. */
  private finished = false;

  /** Adds a text; returns its index (0 for the first). Throws once `finish` has been called. */
  add(text: string): number {
    if (this.finished) throw new Error('CompactTexts: no text can be added once finished');
    this.ends = withRoom(this.ends, this.count + 1);
    this.pendingLength += text.length;
    this.ends[this.count] = this.pendingLength;
    this.pending.push(text);
    this.count += 1;
    if (this.pending.length === SEGMENT_TEXTS) this.seal();
    return this.count - 1;
  }

  /** Ends the adding, when no more will come: the last segment is joined and the ends' spare room given back. */
  finish(): this {
    if (this.pending.length > 0) this.seal();
    this.ends = this.ends.slice(0, this.count);
    this.finished = true;
    return this;
  }

  /** The text at `index`, or undefined for an index not held (negative, fractional, past the end). */
  at(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    const segment = this.segments[index >>> SEGMENT_SHIFT];
    if (segment === undefined) return this.pending[index - this.segments.length * SEGMENT_TEXTS];
    return segment.slice(this.startOf(index), this.ends[index]);
  }

  /** Whether the text at `index` is `text`, compared in place (nothing is copied). */
  matches(index: number, text: string): boolean {
    const segment = this.segments[index >>> SEGMENT_SHIFT];
    if (segment === undefined) return this.pending[index - this.segments.length * SEGMENT_TEXTS] === text;
    const start = this.startOf(index);
    return (this.ends[index] ?? 0) - start === text.length && segment.startsWith(text, start);
  }

  private startOf(index: number): number {
    return (index & (SEGMENT_TEXTS - 1)) === 0 ? 0 : (this.ends[index - 1] ?? 0);
  }

  /** Joins the pending texts into a new flat segment: the chunks they were cut from are no longer held. */
  private seal(): void {
    // (A segment of one text, at most the last, comes back from join as that text itself: one chunk kept, no matter.)
    this.segments.push(this.pending.join(''));
    this.pending = [];
    this.pendingLength = 0;
  }
}
