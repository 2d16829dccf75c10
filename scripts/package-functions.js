#!/usr/bin/env node
/**
 * Packages the functions for Azure (`npm run build` runs it after compiling): out/functions-package/ holds host.json,
 * a package.json whose `main` is the compiled entry, the compiled JavaScript, and the production node_modules —
 * @samla/shared as real files, not the workspace link — and out/samla-functions.zip is that folder zipped, ready for
 * `az functionapp deployment source config-zip`. The node_modules are copied from this install (the versions the
 * tests ran against, no network needed): the dependency closure of the functions, found as Node would resolve it.
 *
 *   node scripts/package-functions.js [--out <folder>] [--no-zip]
 */
const fs = require('node:fs');
const path = require('node:path');
const { zipSync } = require('fflate');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const functionsDir = path.join(root, 'functions');
const sharedDir = path.join(root, 'shared');
const SHARED_NAME = '@samla/shared';

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The package folder Node would find for `name` when required from inside `fromDir`, or undefined. */
function resolvePackageDir(name, fromDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    if (path.basename(dir) !== 'node_modules') {
      const candidate = path.join(dir, 'node_modules', name);
      if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    }
    if (dir === root || dir === path.dirname(dir)) return undefined;
  }
}

/** Where a package found in this install goes in the package folder (mirroring the install's layout). */
function destinationOf(sourceDir, packageDir) {
  const under = (base) => !path.relative(base, sourceDir).startsWith('..');
  if (under(path.join(functionsDir, 'node_modules'))) return path.join(packageDir, path.relative(functionsDir, sourceDir));
  if (under(path.join(sharedDir, 'node_modules'))) return path.join(packageDir, 'node_modules', SHARED_NAME, path.relative(sharedDir, sourceDir));
  if (under(path.join(root, 'node_modules'))) return path.join(packageDir, path.relative(root, sourceDir));
  throw new Error(`${sourceDir} is outside this install's node_modules`);
}

/** Names a package needs at run time: dependencies, and optional and peer dependencies where installed. */
function runtimeDependencies(manifest) {
  const optionalPeers = Object.entries(manifest.peerDependenciesMeta ?? {})
    .filter(([, meta]) => meta?.optional)
    .map(([name]) => name);
  return [
    ...Object.keys(manifest.dependencies ?? {}).map((name) => ({ name, required: true })),
    ...Object.keys(manifest.optionalDependencies ?? {}).map((name) => ({ name, required: false })),
    ...Object.keys(manifest.peerDependencies ?? {}).map((name) => ({ name, required: !optionalPeers.includes(name) })),
  ];
}

/**
 * Every package the functions need at run time: source folder → folder in the package. Starts from the functions'
 * dependencies and @samla/shared's, and follows each package's own.
 */
function dependencyClosure(rootDependencies, packageDir) {
  const copies = new Map();
  const claimed = new Map();
  const queue = rootDependencies.map(({ name, from }) => ({ name, from, required: true, by: 'the functions' }));
  while (queue.length > 0) {
    const { name, from, required, by } = queue.shift();
    const source = resolvePackageDir(name, from);
    if (!source) {
      if (required) throw new Error(`${name} (needed by ${by}) is not installed: run npm install`);
      continue;
    }
    if (copies.has(source)) continue;
    const destination = destinationOf(source, packageDir);
    const earlier = claimed.get(destination);
    if (earlier && earlier !== source) throw new Error(`two installs of ${name} (${earlier}, ${source}) would land in one place in the package`);
    copies.set(source, destination);
    claimed.set(destination, source);
    const manifest = readJson(path.join(source, 'package.json'));
    for (const dependency of runtimeDependencies(manifest)) queue.push({ ...dependency, from: source, by: name });
  }
  return copies;
}

/** Copies a package's own files: not its nested node_modules (those it needs are copied on their own). */
function copyPackage(source, destination) {
  fs.cpSync(source, destination, {
    recursive: true,
    dereference: true,
    filter: (file) => !(path.basename(file) === 'node_modules' && file !== source),
  });
}

function copyCompiled(from, to, skip = () => false) {
  fs.cpSync(from, to, { recursive: true, filter: (file) => !file.endsWith('.tsbuildinfo') && !skip(file) });
}

/** The package's package.json: what the Functions host needs (main), the dependencies it ships, nothing for development. */
function packageManifest(functionsManifest, sharedManifest) {
  return {
    name: functionsManifest.name,
    version: functionsManifest.version,
    private: true,
    description: functionsManifest.description,
    main: functionsManifest.main,
    dependencies: { ...functionsManifest.dependencies, [SHARED_NAME]: sharedManifest.version },
  };
}

function buildFolder(packageDir) {
  const functionsManifest = readJson(path.join(functionsDir, 'package.json'));
  const sharedManifest = readJson(path.join(sharedDir, 'package.json'));
  for (const [what, file] of [
    ['the functions', path.join(functionsDir, functionsManifest.main)],
    ['@samla/shared', path.join(sharedDir, sharedManifest.main)],
  ]) {
    if (!fs.existsSync(file)) throw new Error(`${what} are not compiled (${path.relative(root, file)} is missing): run npx tsc -b shared functions`);
  }

  fs.rmSync(packageDir, { recursive: true, force: true });
  fs.mkdirSync(packageDir, { recursive: true });
  fs.copyFileSync(path.join(functionsDir, 'host.json'), path.join(packageDir, 'host.json'));
  // The local development host is for this machine only; Azure runs the routes through the Functions host.
  const devHost = path.join(functionsDir, 'dist', 'src', 'dev-host');
  copyCompiled(path.join(functionsDir, 'dist', 'src'), path.join(packageDir, 'dist', 'src'), (file) => file === devHost);
  fs.writeFileSync(path.join(packageDir, 'package.json'), `${JSON.stringify(packageManifest(functionsManifest, sharedManifest), null, 2)}\n`);

  const sharedTarget = path.join(packageDir, 'node_modules', SHARED_NAME);
  fs.mkdirSync(sharedTarget, { recursive: true });
  fs.copyFileSync(path.join(sharedDir, 'package.json'), path.join(sharedTarget, 'package.json'));
  copyCompiled(path.join(sharedDir, 'dist'), path.join(sharedTarget, 'dist'));

  const rootDependencies = [
    ...Object.keys(functionsManifest.dependencies ?? {}).map((name) => ({ name, from: functionsDir })),
    ...Object.keys(sharedManifest.dependencies ?? {}).map((name) => ({ name, from: sharedDir })),
  ];
  const copies = dependencyClosure(rootDependencies, packageDir);
  for (const [source, destination] of copies) copyPackage(source, destination);
  return { packages: copies.size + 1 };
}

/**
 * Loads the package in a fresh Node the way the Functions host does (its `main`), then its dependencies, with module
 * lookup kept inside the package folder (Node would otherwise fall back on this repo's node_modules), and fails if
 * anything was loaded from outside it.
 */
function checkLoads(packageDir) {
  const probe = `
    const path = require('node:path');
    const Module = require('node:module');
    const dir = process.cwd();
    // As in Azure, where nothing lies above the package: never look in node_modules outside it.
    const lookupPaths = Module._nodeModulePaths;
    Module._nodeModulePaths = (from) => lookupPaths(from).filter((candidate) => !path.relative(dir, candidate).startsWith('..'));
    const manifest = require(path.join(dir, 'package.json'));
    require(path.join(dir, manifest.main));
    for (const name of Object.keys(manifest.dependencies)) require(require.resolve(name, { paths: [dir] }));
    const outside = Object.keys(require.cache).filter((file) => path.relative(dir, file).startsWith('..'));
    if (outside.length > 0) { console.error('loaded from outside the package:\\n' + outside.slice(0, 10).join('\\n')); process.exit(1); }
    console.log(Object.keys(require.cache).length);
  `;
  const run = spawnSync(process.execPath, ['-e', probe], { cwd: packageDir, encoding: 'utf8', env: { ...process.env, NODE_PATH: '' } });
  if (run.status !== 0) throw new Error(`the package does not load on its own:\n${run.stderr || run.stdout}`);
  return Number(run.stdout.trim().split('\n').pop());
}

// ---- zip: fflate, UTF-8 names, fixed timestamps so that the same input gives the same archive ----

function filesUnder(dir, base = dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return filesUnder(full, base);
      return entry.isFile() ? [{ full, name: path.relative(base, full).split(path.sep).join('/') }] : [];
    });
}

/** 1980-01-01, the earliest time a zip can hold (fflate writes DOS time from local fields). */
const FIXED_TIME = new Date(1980, 0, 1);
/** Unix, so that the file modes in the external attributes count. */
const MADE_ON_UNIX = 3;

function writeZip(sourceDir, zipFile) {
  const files = filesUnder(sourceDir);
  const entries = {};
  for (const { full, name } of files) {
    const mode = fs.statSync(full).mode & 0o777;
    entries[name] = [fs.readFileSync(full), { level: 6, mtime: FIXED_TIME, os: MADE_ON_UNIX, attrs: ((0o100000 | mode) << 16) >>> 0 }];
  }
  fs.writeFileSync(zipFile, zipSync(entries));
  return files.length;
}

function main(argv) {
  const outIndex = argv.indexOf('--out');
  const outDir = path.resolve(outIndex >= 0 && argv[outIndex + 1] ? argv[outIndex + 1] : path.join(root, 'out'));
  const packageDir = path.join(outDir, 'functions-package');
  const started = Date.now();
  const { packages } = buildFolder(packageDir);
  const modules = checkLoads(packageDir);
  let zipped = '';
  if (!argv.includes('--no-zip')) {
    const zipFile = path.join(outDir, 'samla-functions.zip');
    const files = writeZip(packageDir, zipFile);
    zipped = `, ${path.relative(process.cwd(), zipFile)} (${files} files, ${(fs.statSync(zipFile).size / 1048576).toFixed(1)} MiB)`;
  }
  console.log(
    `Functions package: ${path.relative(process.cwd(), packageDir)}/ (${packages} packages; loads on its own, ${modules} modules)${zipped} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(`Packaging the functions failed: ${error.message}`);
    process.exit(1);
  }
}

module.exports = { checkLoads };
