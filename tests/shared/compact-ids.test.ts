import { CompactTexts, IdRegister, idKey, normalizeId, withRoom } from '@samla/shared';

/** Texts that cross segment boundaries (4 096 a segment), mix Latin-1 and wider characters, and include the empty text. */
function sampleTexts(count: number): string[] {
  const kinds = (index: number) => [`A-${index}`, `Föreläsare ${index}`, '', `𝔘nicode ${index} 👩‍🔬`, `Utbildning ${index} i Östergötland`][index % 5] as string;
  return Array.from({ length: count }, (_, index) => kinds(index));
}

describe("CompactTexts (a large upload's shared strings, its IDs)", () => {
  it('gives every text back as added, before and after finish, across segments', () => {
    const texts = sampleTexts(9_000);
    const store = new CompactTexts();
    texts.forEach((text, index) => expect(store.add(text)).toBe(index));
    expect(store.length).toBe(9_000);
    // Before finish the last texts are still pending: read both ways.
    for (const index of [0, 4_095, 4_096, 8_191, 8_192, 8_999]) expect(store.at(index)).toBe(texts[index]);
    store.finish();
    texts.forEach((text, index) => expect(store.at(index)).toBe(text));
    texts.forEach((text, index) => expect(store.matches(index, text)).toBe(true));
  });

  it('compares in place without taking a longer or shorter text for the same one', () => {
    const store = new CompactTexts();
    ['ABC', 'ABCD', 'AB', ''].forEach((text) => store.add(text));
    for (let index = 0; index < 5_000; index += 1) store.add(`x${index}`);
    store.finish();
    expect(store.matches(0, 'ABC')).toBe(true);
    expect(store.matches(0, 'AB')).toBe(false);
    expect(store.matches(0, 'ABCD')).toBe(false);
    expect(store.matches(1, 'ABC')).toBe(false);
    expect(store.matches(3, '')).toBe(true);
    expect(store.matches(3, 'x')).toBe(false);
  });

  it('answers undefined for an index it does not hold, as a cell with a bad shared-string index reads', () => {
    const store = new CompactTexts();
    store.add('a');
    store.finish();
    for (const index of [-1, 1, 0.5, Number.NaN, 2 ** 40]) expect(store.at(index)).toBeUndefined();
  });
});

describe('IdRegister (the IDs the duplicate rule and references are checked against)', () => {
  it('finds a duplicate by the same comparison as normalizeId: case, full-width forms, dashes', () => {
    const register = new IdRegister();
    expect(register.add('got-a5', 2)).toBeUndefined();
    expect(register.add('GOT-A5', 7)).toBe(2);
    expect(register.add('ＧＯＴ‑Ａ５', 9)).toBe(2);
    expect(register.add('Åland-1', 3)).toBeUndefined();
    expect(register.add('åLAND-1', 4)).toBe(3);
    expect(register.has('got‐a5')).toBe(true);
    expect(register.has('got-a6')).toBe(false);
    expect(register.size).toBe(2);
  });

  it('holds the same key exactly when normalizeId says the IDs are equal', () => {
    const ids = ['a', 'A', 'ǅ', 'ǆ', 'Ǆ', 'İ', 'i̇', 'ß', 'SS', 'ﬁ', 'fi', 'Ⅻ', 'xii', 'ＡＢ', 'ab', 'a−b', 'a-b', 'Ω', 'Ω'];
    for (const first of ids) {
      for (const second of ids) expect(idKey(first) === idKey(second)).toBe(normalizeId(first) === normalizeId(second));
    }
  });

  it('keeps tens of thousands of IDs apart through its growth, also two whose 32-bit hashes are equal', () => {
    const register = new IdRegister();
    // `A-549599` and `A-712382` have the same FNV-1a hash (3799314242): only the keys tell them apart.
    expect(register.add('A-549599', 10)).toBeUndefined();
    expect(register.add('A-712382', 11)).toBeUndefined();
    expect(register.add('a-712382', 12)).toBe(11);
    for (let index = 0; index < 50_000; index += 1) expect(register.add(`K-${index}`, index + 100)).toBeUndefined();
    for (let index = 0; index < 50_000; index += 7) expect(register.add(`k-${index}`, 1)).toBe(index + 100);
    expect(register.has('K-50000')).toBe(false);
    expect(register.has('A-549599')).toBe(true);
    expect(register.size).toBe(50_002);
    expect([...register].slice(0, 3)).toEqual(['A-549599', 'A-712382', 'K-0']);
  });

  it("is taken as it is as a reference's IDs, and registers IDs given as text", () => {
    const register = new IdRegister();
    expect(IdRegister.of(register)).toBe(register);
    const stored = IdRegister.of(['C-Akt-1', 'c-akt-2']);
    expect(stored.has('c-akt-1')).toBe(true);
    expect(stored.has('C-AKT-2')).toBe(true);
    expect(stored.has('C-AKT-3')).toBe(false);
  });
});

describe('withRoom (how the compact holders grow)', () => {
  it('keeps an array with room, and otherwise copies it into one of the same kind at least twice as long', () => {
    const ints = Int32Array.from([-1, 2, 3]);
    expect(withRoom(ints, 3)).toBe(ints);
    const grown = withRoom(ints, 4);
    expect(grown).toBeInstanceOf(Int32Array);
    expect([...grown]).toEqual([-1, 2, 3, ...Array.from({ length: 13 }, () => 0)]);
    const big = withRoom(new Uint32Array(100), 1_000);
    expect(big).toBeInstanceOf(Uint32Array);
    expect(big.length).toBe(1_000);
    expect(withRoom(new Uint32Array(100), 101).length).toBe(200);
  });
});
