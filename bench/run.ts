import * as append from './append.bench';
import * as parseStatements from './parse-statements.bench';
import * as pipelineRelay from './pipeline-relay.bench';
import * as projector from './projector.bench';
import * as reconcile from './reconcile.bench';
import * as startMemory from './start-memory.bench';
import { BenchResult } from './support/measure';

type Benchmark = { readonly name: string; readonly run: () => Promise<BenchResult[]> };

/** Every benchmark, by the prefix of the names it reports. `npm run bench -- append` runs a subset. */
const BENCHMARKS: Benchmark[] = [
  { name: 'append', run: append.run },
  { name: 'start', run: startMemory.run },
  { name: 'pipeline', run: pipelineRelay.run },
  { name: 'projector', run: projector.run },
  { name: 'parse', run: parseStatements.run },
  { name: 'reconcile', run: reconcile.run },
];

async function main(): Promise<void> {
  const prefix = process.argv[2] ?? '';
  const selected = BENCHMARKS.filter((benchmark) => benchmark.name.startsWith(prefix) || prefix.startsWith(benchmark.name));
  if (selected.length === 0) throw new Error(`no benchmark matches "${prefix}"; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  for (const benchmark of selected) {
    console.error(`running ${benchmark.name} ...`);
    for (const result of await benchmark.run()) {
      if (!result.bench.startsWith(prefix) && !prefix.startsWith(benchmark.name)) continue;
      console.log(JSON.stringify(result));
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
