// The explain trace re-reads sub-expression values from a run's columns (runtime/explain-values.ts). Wherever it
// gives a value for a named value or flag, that value must be the one the run computed: checked on every bundled
// policy over the sample population.

import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.ts';
import { tableFromCsv } from '../../runtime/data/csv.ts';
import { type Table, loadTables } from '../../runtime/data/load.ts';
import { dataRequirements } from '../../runtime/data/requirements.ts';
import { toPopulation } from '../../runtime/data/to-population.ts';
import { readBack } from '../../runtime/explain-values.ts';
import { run } from '../../runtime/run.ts';

const root = join(import.meta.dirname, '../..');
const SAMPLE = join(root, 'examples/sample');
const csv = (path: string) => tableFromCsv(path, readFileSync(path, 'utf8'));
const policies = [
  ...readdirSync(join(root, 'policies')).filter((f) => f.endsWith('.yaml') && !f.includes('template')).map((f) => join(root, 'policies', f)),
  ...readdirSync(join(root, 'policies/extras')).filter((f) => f.endsWith('.yaml') && !f.includes('template')).map((f) => join(root, 'policies/extras', f)),
];

describe('explain reads back what the run computed', () => {
  for (const file of policies) {
    it(basename(file), () => {
      const compiled = compile({ name: file, text: readFileSync(file, 'utf8') });
      expect(compiled.ok).toBe(true);
      const events = csv(join(SAMPLE, 'events.csv'));
      let extra: Table | undefined;
      try { extra = csv(join(SAMPLE, 'violations', basename(file).replace('.yaml', '.csv'))); } catch { extra = undefined; }
      const merged = extra ? { ...events, rows: [...events.rows, ...extra.rows.map((r) => ({ ...r, row: 100000 + r.row }))] } : events;
      const loaded = loadTables({ employees: csv(join(SAMPLE, 'employees.csv')), monthly: csv(join(SAMPLE, 'monthly.csv')), events: merged }, dataRequirements(compiled));
      if (loaded.problems.length) return; // a policy whose inputs the sample lacks is covered elsewhere
      const rs = compiled.ruleSet!;
      const pop = toPopulation(rs, loaded.data);
      const result = run(rs, pop);
      const checked = compiled.checked!;
      const named = [
        ...checked.policy.values.map((d) => ({ kind: 'value', name: d.name, formula: d.formula })),
        ...checked.policy.flags.map((d) => ({ kind: 'flag', name: d.name, formula: d.when })),
      ];
      let compared = 0;
      for (let i = 0; i < pop.people.length; i += 9) {
        for (let m = 0; m < pop.months.length; m++) {
          if (!pop.present[m]![i]) continue;
          const read = readBack(rs, pop, result, i, m);
          for (const n of named) {
            const cf = checked.formulas.get(n.formula);
            const k = rs.outputs.findIndex((o) => o.kind === n.kind && o.name === n.name);
            if (!cf || k < 0) continue;
            const v = read(cf.parsed.tree, cf);
            if (v === undefined) continue;
            const x = result.months[m]!.O[k]![i]!;
            const at = `${n.name} for ${pop.people[i]!.id} in ${pop.months[m]}`;
            if (typeof v === 'boolean') expect(x === 1, at).toBe(v);
            // A percent reads back as HR writes it: 96% for the 0.96 the run computed.
            else if (typeof v === 'string' && v.endsWith('%')) expect(Number(v.slice(0, -1)) / 100, at).toBeCloseTo(x, 6);
            else expect(v, at).toBeCloseTo(x, 9);
            compared++;
          }
        }
      }
      if (named.length) expect(compared).toBeGreaterThan(0);
    });
  }
});
