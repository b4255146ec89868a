import * as append from './append.bench';
import * as chainIngest from './chain-ingest.bench';
import * as parseStatements from './parse-statements.bench';
import * as pipelineE2e from './pipeline-e2e.bench';
import * as pipelineMemory from './pipeline-memory.bench';
import * as pipelineRelay from './pipeline-relay.bench';
import * as projector from './projector.bench';
import * as projectorScale from './projector-scale.bench';
import * as reconcile from './reconcile.bench';
import * as startMemory from './start-memory.bench';
import { BenchResult } from './support/measure';

/** `names`: the prefixes of the bench names it reports (one benchmark may report under two). */
type Benchmark = { readonly names: readonly string[]; readonly run: () => Promise<BenchResult[]> };

/** Every benchmark, slowest last. `npm run bench -- append` runs a subset: those with a name the prefix matches. */
const BENCHMARKS: Benchmark[] = [
  { names: ['append'], run: append.run },
  { names: ['start'], run: startMemory.run },
  { names: ['parse'], run: parseStatements.run },
  { names: ['reconcile'], run: reconcile.run },
  { names: ['chain.logs'], run: chainIngest.run },
  { names: ['pipeline.relay'], run: pipelineRelay.run },
  { names: ['projector.write'], run: projector.run },
  { names: ['pipeline.e2e'], run: pipelineE2e.run },
  { names: ['projector.scale'], run: projectorScale.run },
  { names: ['pipeline.relay.memory', 'projector.memory'], run: pipelineMemory.run },
];

const matches = (name: string, prefix: string): boolean => name.startsWith(prefix) || prefix.startsWith(name);

async function main(): Promise<void> {
  const prefix = process.argv[2] ?? '';
  const selected = BENCHMARKS.filter((benchmark) => benchmark.names.some((name) => matches(name, prefix)));
  if (selected.length === 0) throw new Error(`no benchmark matches "${prefix}"; known: ${BENCHMARKS.flatMap((b) => b.names).join(', ')}`);
  for (const benchmark of selected) {
    console.error(`running ${benchmark.names.join(' + ')} ...`);
    for (const result of await benchmark.run()) {
      if (!matches(result.bench, prefix) && !benchmark.names.some((name) => prefix.startsWith(name))) continue;
      console.log(JSON.stringify(result));
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
