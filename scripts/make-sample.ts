// Generates the bundled sample population examples/sample: about 200 customer-service staff over 2026-01 … 2026-12,
// as three CSV files (employees, monthly, events), the same tables as one workbook sample.xlsx, and each bundled
// policy's own violations in examples/sample/violations/<policy>.csv (to append to events.csv for that policy;
// see test/sample.test.ts).
//
//   npx tsx scripts/make-sample.ts
//
// The same as `ladder gen --people 200 --months 12 --seed 20260101 --out examples/sample` (plus sample.xlsx). The
// generator and its design choices (union of columns, blank tiers, violations per policy) are documented in
// runtime/gen/population.ts.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledPolicyFiles, writePopulation, writePopulationXlsx } from '../cli/gen.ts';
import { compile } from '../compiler/compile.ts';
import { generatePopulation } from '../runtime/gen/population.ts';

const OUT = 'examples/sample';
const policies = bundledPolicyFiles().map((file) => {
  const r = compile({ name: file, text: readFileSync(file, 'utf8') });
  if (!r.checked) throw new Error(`${file} does not compile`);
  return r;
});
const pop = generatePopulation({ people: 200, months: 12, startMonth: '2026-01', seed: 20260101, policies, single: false });
await writePopulation(OUT, pop, 'csv');
await writePopulationXlsx(join(OUT, 'sample.xlsx'), pop);
console.log(`${pop.employees.rows.length} people, ${pop.monthly.rows.length} monthly rows, ${pop.events.rows.length} events → ${OUT}`);
