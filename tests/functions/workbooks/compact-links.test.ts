import { Relationships } from '../../../functions/src/workbooks/xlsx-package';
import { SheetLinks } from '../../../functions/src/workbooks/sheet-xml-reader';

/** The compact holders of a sheet's links: what a sheet that links every cell keeps until its rows are read. */

const hyperlink = (id: string, target: string) => ({ id, kind: 'hyperlink', target, external: true });

describe("a part's relationships", () => {
  it('find every kind by id as a map would, external hyperlinks among them, the later of one id winning', () => {
    const relationships = new Relationships();
    relationships.set({ id: 'rId1', kind: 'table', target: 'xl/tables/table1.xml', external: false });
    relationships.set(hyperlink('rId2', 'https://jamstall.nu/a'));
    relationships.set(hyperlink('rId70000', 'https://jamstall.nu/b'));
    relationships.set(hyperlink('link-3', 'https://jamstall.nu/c'));
    relationships.set(hyperlink('rId007', 'https://jamstall.nu/zero-padded'));
    // An internal hyperlink (to a part) stays an object, as every other kind.
    relationships.set({ id: 'rId9', kind: 'hyperlink', target: 'xl/worksheets/sheet2.xml', external: false });
    expect(relationships.get('rId1')).toEqual({ id: 'rId1', kind: 'table', target: 'xl/tables/table1.xml', external: false });
    expect(relationships.get('rId2')).toEqual(hyperlink('rId2', 'https://jamstall.nu/a'));
    expect(relationships.get('rId70000')?.target).toBe('https://jamstall.nu/b');
    expect(relationships.get('link-3')?.target).toBe('https://jamstall.nu/c');
    expect(relationships.get('rId007')?.target).toBe('https://jamstall.nu/zero-padded');
    expect(relationships.get('rId7')).toBeUndefined();
    expect(relationships.get('rId3')).toBeUndefined();
    expect(relationships.get('rId99999999999')).toBeUndefined();
    expect(relationships.get('rId9')?.external).toBe(false);
    expect([...relationships.parts()].map((relationship) => relationship.id)).toEqual(['rId1', 'rId9']);

    // A later relationship of the same id replaces the earlier, whichever kinds they are (an id given twice is not valid
    // OPC; a map would keep the first one's place, these list a replacing object where it came).
    relationships.set(hyperlink('rId1', 'https://jamstall.nu/now-a-link'));
    relationships.set({ id: 'rId2', kind: 'table', target: 'xl/tables/table2.xml', external: false });
    relationships.set(hyperlink('link-3', 'https://jamstall.nu/c2'));
    expect(relationships.get('rId1')?.target).toBe('https://jamstall.nu/now-a-link');
    expect(relationships.get('rId2')?.kind).toBe('table');
    expect(relationships.get('link-3')?.target).toBe('https://jamstall.nu/c2');
    expect([...relationships.parts()].map((relationship) => relationship.id)).toEqual(['rId9', 'rId2']);
  });

  it('hold tens of thousands of links, each found again', () => {
    const relationships = new Relationships();
    for (let index = 1; index <= 30_000; index += 1) relationships.set(hyperlink(`rId${index}`, `https://jamstall.nu/aktivitet/${index}`));
    for (let index = 1; index <= 30_000; index += 997) expect(relationships.get(`rId${index}`)?.target).toBe(`https://jamstall.nu/aktivitet/${index}`);
    expect(relationships.get('rId30001')).toBeUndefined();
  });
});

describe("a sheet's <hyperlink>s", () => {
  it("come back in the file's order with their ranges, ids and places, and without what they lack", () => {
    const links = new SheetLinks();
    const given = [
      { range: { top: 2, left: 14, bottom: 2, right: 14 }, relationshipId: 'rId1' },
      { range: { top: 3, left: 1, bottom: 1_048_576, right: 16_384 }, relationshipId: 'rId2', location: 'Blad2!A1' },
      { range: { top: 5, left: 3, bottom: 9, right: 4 }, location: 'del' },
      { range: { top: 7, left: 7, bottom: 7, right: 7 } },
    ];
    for (let round = 0; round < 100; round += 1) for (const link of given) links.push(link);
    expect(links.length).toBe(400);
    const read = [...links.entries()];
    expect(read.slice(0, 4)).toEqual(given.map((link, index) => [index, link]));
    expect(read[399]).toEqual([399, given[3]]);
  });
});
