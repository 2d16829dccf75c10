#!/usr/bin/env node
/**
 * Runs the compiled benchmarks. They compile the functions' sources beside themselves (bench/dist/functions), where
 * Node would not find the packages npm installed under functions/node_modules (yauzl 3 and iconv-lite 0.7 beside older
 * copies other packages need at the root): NODE_PATH adds that folder, for this process and every benchmark's child.
 */
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const functionsModules = path.join(__dirname, '..', 'functions', 'node_modules');
const env = { ...process.env, NODE_PATH: [functionsModules, process.env.NODE_PATH].filter(Boolean).join(path.delimiter) };
const result = spawnSync(process.execPath, [path.join(__dirname, 'dist', 'bench', 'run.js'), ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
