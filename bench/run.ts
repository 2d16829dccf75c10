import type { Benchmark } from './bench-harness';
import { mergeBenchmark } from './merge-bench';
import { reportBenchmark } from './report-bench';
import { validateBenchmark } from './validate-bench';
import { addinBenchmark } from './addin-bench';

/** Every benchmark, in the order `npm run bench` runs them. */
const BENCHMARKS: readonly Benchmark[] = [validateBenchmark, mergeBenchmark, reportBenchmark, addinBenchmark];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !BENCHMARKS.some((bench) => bench.name === name));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark: ${unknown.join(', ')}. Known: ${BENCHMARKS.map((bench) => bench.name).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  for (const bench of BENCHMARKS) {
    if (wanted.length > 0 && !wanted.includes(bench.name)) continue;
    console.log(JSON.stringify(await bench.run()));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
