import { execFileSync } from 'node:child_process';
import { addinBenchmark } from './addin-bench';
import type { Benchmark } from './bench-harness';
import { mergeBenchmark } from './merge-bench';
import { readBenchmark } from './read-bench';
import { reportBenchmark } from './report-bench';
import { roundBenchmark } from './round-bench';
import { uploadBenchmark } from './upload-bench';
import { validateBenchmark } from './validate-bench';

/** Every benchmark, in the order `npm run bench` runs them. */
const BENCHMARKS: readonly Benchmark[] = [validateBenchmark, mergeBenchmark, readBenchmark, reportBenchmark, uploadBenchmark, roundBenchmark, addinBenchmark];
const CHILD_FLAG = '--in-this-process';

/** Runs one benchmark here and prints its JSON line. */
async function runHere(name: string): Promise<void> {
  const bench = BENCHMARKS.find((candidate) => candidate.name === name);
  if (!bench) throw new Error(`no benchmark ${name}`);
  console.log(JSON.stringify(await bench.run()));
  // Servers a benchmark started (Azurite, the functions) are stopped; nothing else should hold the process.
  process.exit(0);
}

/** Each benchmark in a fresh process, so that one's memory and warm caches never colour another's figures. */
function main(): void {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !BENCHMARKS.some((bench) => bench.name === name));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark: ${unknown.join(', ')}. Known: ${BENCHMARKS.map((bench) => bench.name).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  for (const bench of BENCHMARKS) {
    if (wanted.length > 0 && !wanted.includes(bench.name)) continue;
    try {
      execFileSync(process.execPath, [__filename, CHILD_FLAG, bench.name], { stdio: 'inherit' });
    } catch {
      console.error(`Benchmark ${bench.name} failed (see above).`);
      process.exitCode = 1;
    }
  }
}

const childAt = process.argv.indexOf(CHILD_FLAG);
if (childAt >= 0) {
  runHere(process.argv[childAt + 1] ?? '').catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main();
}
