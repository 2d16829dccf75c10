/**
 * The requirement sets the add-in's code relies on match the manifest's: every Excel API the adapter calls
 * without asking first is in the ExcelApi version the manifest requires (read from the API set that
 * @types/office-js documents for each member), and every other set is asked for with `isSetSupported` first.
 */
import { readFileSync, readdirSync } from 'fs';
import path from 'path';

const root = path.join(__dirname, '..', '..');
const taskpane = path.join(root, 'addin', 'src', 'taskpane');
const manifest = readFileSync(path.join(root, 'manifest.xml'), 'utf8');

function manifestSets(): Map<string, string> {
  const sets = manifest.match(/<Sets DefaultMinVersion="([^"]+)">([\s\S]*?)<\/Sets>/);
  const fallback = sets?.[1] ?? '1.1';
  return new Map([...(sets?.[2] ?? '').matchAll(/<Set Name="([^"]+)"(?: MinVersion="([^"]+)")?\/>/g)].map((match) => [match[1] ?? '', match[2] ?? fallback]));
}

function sources(folder: string): string {
  return readdirSync(folder, { withFileTypes: true })
    .map((entry) =>
      entry.isDirectory() ? sources(path.join(folder, entry.name)) : /\.tsx?$/.test(entry.name) ? readFileSync(path.join(folder, entry.name), 'utf8') : '',
    )
    .join('\n');
}

const minor = (version: string) => Number(version.split('.')[1] ?? 0);

/** Each member of the Excel namespace with the lowest ExcelApi version any of its declarations documents. */
function excelApiVersions(): Map<string, number> {
  const typings = readFileSync(require.resolve('@types/office-js/index.d.ts'), 'utf8');
  const excel = typings.slice(typings.indexOf('declare namespace Excel {'));
  const versions = new Map<string, number>();
  for (const match of excel.matchAll(/\[Api set: ExcelApi 1\.(\d+)[^\]]*\](?:(?!\*\/)[\s\S])*\*\/\s*(?:readonly\s+|function\s+)?(\w+)\s*[(:?<]/g)) {
    const name = match[2] ?? '';
    const version = Number(match[1]);
    versions.set(name, Math.min(version, versions.get(name) ?? Infinity));
  }
  return versions;
}

/** The requirement sets the code asks about before using them: `isSetSupported('X', 'v')` or `supports('X', 'v')`. */
function askedSets(code: string): Set<string> {
  const direct = [...code.matchAll(/(?:isSetSupported|supports)\(\s*'(\w+)',\s*'([\d.]+)'\s*\)/g)].map((match) => `${match[1]} ${match[2]}`);
  const named = [...code.matchAll(/\{ name: '(\w+)', version: '([\d.]+)' \}/g)].map((match) => `${match[1]} ${match[2]}`);
  return new Set([...direct, ...named]);
}

describe('the requirement sets', () => {
  const declared = manifestSets();
  const code = sources(taskpane);

  it('the manifest requires ExcelApi 1.9 and the dialog API that the sign-in fallback opens', () => {
    expect(Object.fromEntries(declared)).toEqual({ ExcelApi: '1.9', DialogApi: '1.1' });
    expect(code).toContain('displayDialogAsync');
  });

  it('every Excel API the adapter calls is in the ExcelApi version the manifest requires', () => {
    const versions = excelApiVersions();
    expect(versions.get('getDataBodyRange')).toBe(1);
    expect(versions.get('createWorkbook')).toBe(8);
    const adapter = sources(path.join(taskpane, 'excel'));
    const used = new Set([...adapter.matchAll(/\.(\w+)\b/g)].map((match) => match[1] ?? ''));
    const beyond = [...used].filter((name) => (versions.get(name) ?? 0) > minor(declared.get('ExcelApi') ?? '1.1'));
    expect(beyond).toEqual([]);
    expect([...used].filter((name) => versions.has(name)).length).toBeGreaterThan(25);
  });

  it('every other set is asked for before it is used, and is not required by the manifest', () => {
    const asked = askedSets(code);
    expect([...asked].sort()).toEqual(['ExcelApiOnline 1.1', 'NestedAppAuth 1.1']);
    for (const set of asked) expect(declared.has(set.split(' ')[0] ?? '')).toBe(false);
    // The one property of a set beyond the manifest's is read only on the branch that asked for it.
    expect(code).toMatch(/if \(supports\('ExcelApiOnline', '1\.1'\)\) \{[\s\S]{0,300}use1904DateSystem/);
  });

  it('the pane never opens a browser window of its own', () => {
    expect(code).not.toMatch(/window\.open\(/);
  });
});
