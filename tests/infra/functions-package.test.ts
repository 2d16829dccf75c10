import { spawnSync } from 'child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, renameSync, rmSync } from 'fs';
import path from 'path';
import { inflateRawSync } from 'zlib';

const root = path.join(__dirname, '..', '..');
// Inside the repository on purpose: a package that leans on the repository's node_modules must still fail its check.
const outDir = path.join(root, 'out', `jest-package-${process.pid}`);
const packageDir = path.join(outDir, 'functions-package');
const zipFile = path.join(outDir, 'samla-functions.zip');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const packaging = require(path.join(root, 'scripts', 'package-functions.js')) as { checkLoads(dir: string): number };

interface PackageJson {
  main?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
}
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as PackageJson;

/** The entries of a zip file, read from its central directory; `read` inflates one. */
function zipEntries(file: string): { names: string[]; read(name: string): Buffer } {
  const zip = readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map<string, { method: number; size: number; offset: number }>();
  for (let index = 0; index < count; index++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    entries.set(name, { method: zip.readUInt16LE(at + 10), size: zip.readUInt32LE(at + 20), offset: zip.readUInt32LE(at + 42) });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return {
    names: [...entries.keys()],
    read(name) {
      const entry = entries.get(name);
      if (!entry) throw new Error(`${name} is not in the zip`);
      const start = entry.offset + 30 + zip.readUInt16LE(entry.offset + 26) + zip.readUInt16LE(entry.offset + 28);
      const body = zip.subarray(start, start + entry.size);
      return entry.method === 8 ? inflateRawSync(body) : Buffer.from(body);
    },
  };
}

let output = '';

beforeAll(() => {
  // `npm test` has compiled already; this is quick when nothing changed.
  const compile = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'shared', 'functions'], { cwd: root, encoding: 'utf8' });
  expect(compile.stdout + compile.stderr).toBe('');
  const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'package-functions.js'), '--out', outDir], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  output = run.stdout + run.stderr;
  if (run.status !== 0) throw new Error(`packaging failed:\n${output}`);
}, 180_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the functions package (scripts/package-functions.js)', () => {
  it('has host.json and a package.json whose main is the compiled entry, with no development parts', () => {
    expect(readJson(path.join(packageDir, 'host.json'))).toEqual(readJson(path.join(root, 'functions', 'host.json')));
    const manifest = readJson(path.join(packageDir, 'package.json'));
    expect(manifest.main).toBe('dist/src/index.js');
    expect(existsSync(path.join(packageDir, manifest.main ?? 'missing'))).toBe(true);
    expect(manifest).not.toHaveProperty('devDependencies');
    expect(manifest).not.toHaveProperty('optionalDependencies');
    expect(manifest).not.toHaveProperty('scripts');
    const functions = readJson(path.join(root, 'functions', 'package.json'));
    expect(Object.keys(manifest.dependencies ?? {}).sort()).toEqual([...Object.keys(functions.dependencies ?? {}), '@samla/shared'].sort());
  });

  it('holds @samla/shared as real files, not a link to the workspace', () => {
    const shared = path.join(packageDir, 'node_modules', '@samla', 'shared');
    expect(lstatSync(shared).isDirectory()).toBe(true);
    expect(lstatSync(shared).isSymbolicLink()).toBe(false);
    expect(existsSync(path.join(shared, 'dist', 'index.js'))).toBe(true);
    expect(readFileSync(path.join(shared, 'dist', 'index.js'), 'utf8')).toBe(readFileSync(path.join(root, 'shared', 'dist', 'index.js'), 'utf8'));
  });

  it('holds the production dependencies and none of the development tools', () => {
    for (const name of ['@azure/functions', '@azure/data-tables', '@azure/identity', 'exceljs', 'jose', 'zod']) {
      expect({ name, present: existsSync(path.join(packageDir, 'node_modules', name, 'package.json')) }).toEqual({ name, present: true });
    }
    for (const name of ['azure-functions-core-tools', 'typescript', 'jest', 'azurite', 'webpack', 'react', '@samla/addin', '@samla/functions']) {
      expect({ name, present: existsSync(path.join(packageDir, 'node_modules', name)) }).toEqual({ name, present: false });
    }
    expect(existsSync(path.join(packageDir, 'dist', 'src', 'dev-host'))).toBe(false);
  });

  it('loads on its own, and the check fails when a dependency is missing although this repository has it', () => {
    expect(output).toMatch(/loads on its own/);
    expect(packaging.checkLoads(packageDir)).toBeGreaterThan(100);
    const jose = path.join(packageDir, 'node_modules', 'jose');
    renameSync(jose, `${jose}-hidden`);
    try {
      expect(() => packaging.checkLoads(packageDir)).toThrow(/does not load on its own[\s\S]*jose/);
    } finally {
      renameSync(`${jose}-hidden`, jose);
    }
  });

  it('is zipped with host.json at the root, every file of the folder, readable back', () => {
    const zip = zipEntries(zipFile);
    expect(zip.names).toEqual(
      expect.arrayContaining([
        'host.json',
        'package.json',
        'dist/src/index.js',
        'node_modules/@samla/shared/dist/index.js',
        'node_modules/@azure/functions/package.json',
      ]),
    );
    expect(zip.names.some((name) => name.startsWith('functions-package/') || name.startsWith('/'))).toBe(false);
    const files = readdirSync(packageDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(zip.names).toHaveLength(files.length);
    expect(zip.read('package.json').toString('utf8')).toBe(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
    expect(zip.read('dist/src/index.js').equals(readFileSync(path.join(packageDir, 'dist', 'src', 'index.js')))).toBe(true);
    if (existsSync('/usr/bin/unzip')) expect(spawnSync('/usr/bin/unzip', ['-tq', zipFile], { encoding: 'utf8' }).status).toBe(0);
  });
});
