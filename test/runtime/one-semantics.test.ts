// One semantics: explain and payslips evaluate the same plan the run ran, over the same columns. On every bundled
// policy over the bundled sample (with each policy's own violations), for every person-month: each line the plan
// traces for the person comes to the run's own value, the pay lines add up to the run's total, no pay is left
// uncomputed, and every star and tier change names the rule the run applied — which explain then shows.

import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.ts';
import { positionOf } from '../../compiler/source/source.ts';
import { readFileSync } from 'node:fs';
import { readDataSources, readPolicyEvents } from '../../cli/data-files.ts';
import { loadTables } from '../../runtime/data/load.ts';
import { withPolicyEvents } from '../../runtime/data/policy-events.ts';
import { dataRequirements } from '../../runtime/data/requirements.ts';
import { toPopulation } from '../../runtime/data/to-population.ts';
import { valuesOf } from '../../runtime/explain-values.ts';
import { explain, renderExplain } from '../../runtime/explain.ts';
import { roundToFen } from '../../runtime/money.ts';
import { run } from '../../runtime/run.ts';

const root = join(import.meta.dirname, '../..');
const SAMPLE = join(root, 'examples/sample');
const policies = ['policies', 'policies/extras', 'policies/examples'].flatMap((d) =>
  readdirSync(join(root, d)).filter((f) => f.endsWith('.yaml') && !f.includes('template')).map((f) => join(root, d, f)));

describe('run, explain and payslip are one semantics on every bundled policy over the sample', () => {
  for (const file of policies) {
    it(basename(file), async () => {
      const compiled = compile({ name: file, text: readFileSync(file, 'utf8') });
      expect(compiled.ok).toBe(true);
      const rs = compiled.ruleSet!;
      const read = await readDataSources(SAMPLE);
      const sources = withPolicyEvents(read.sources, await readPolicyEvents(SAMPLE, file));
      const loaded = loadTables(sources, dataRequirements(compiled));
      expect(loaded.problems.map((p) => p.code)).toEqual([]);
      const pop = toPopulation(rs, loaded.data);
      let checked = 0;
      const totals = new Map<string, number>();
      const result = run(rs, pop, {
        inspect: (m, a, phase) => {
          if (phase !== 'end') return;
          for (let i = 0; i < pop.people.length; i++) {
            if (!pop.present[m]![i]) continue;
            const { outputs } = valuesOf(rs, a, i);
            let total = 0;
            for (const [k, v] of outputs) {
              const slot = rs.outputs[k]!;
              if (slot.kind === 'state') continue;
              // The column the run wrote, read in the same month: identical (both NaN where there is no value).
              expect(Object.is(v, a.O[k]![i]) || (Number.isNaN(v) && Number.isNaN(a.O[k]![i]!)), `${slot.name} ${pop.people[i]!.id} ${pop.months[m]}`).toBe(true);
              if (slot.kind === 'payLine') total += roundToFen(v, rs.meta.precision, rs.meta.rounding);
            }
            totals.set(`${m}:${i}`, total);
            checked++;
          }
        },
      });
      expect(result.problems).toEqual([]);
      expect(checked).toBeGreaterThan(100);
      // The pay lines as traced add up to the run's totals, person-month by person-month.
      result.months.forEach((mc, m) => {
        for (let i = 0; i < pop.people.length; i++) if (pop.present[m]![i]) expect(totals.get(`${m}:${i}`), `${pop.people[i]!.id} ${pop.months[m]}`).toBe(mc.total[i]);
      });
      // Every change names the rule the run applied; a move by a rule goes between that rule's tiers.
      const policy = compiled.checked!.policy;
      const where = (span: { file: string; start: number }) => `${span.file}:${positionOf(compiled.file, span.start).line}`;
      let explained = 0;
      result.months.forEach((mc, m) => {
        for (const c of mc.changes) {
          expect(c.rule).toBeDefined();
          if (c.rule.by === 'transition') {
            const t = policy.transitions[c.rule.index]!;
            expect(t.fromAny ? [c.to] : [t.from.name, t.to.name]).toEqual(t.fromAny ? [t.to.name] : [c.from, c.to]);
          }
          if (c.rule.by === 'placement') expect(policy.placement[c.rule.index]!.tier.name).toBe(c.to);
          // Explain, at most a few per month, shows the rule by its line and never leaves a rating unexplained.
          if (c.kind !== 'star' && c.rule.by === 'transition' && explained < 30) {
            const text = renderExplain(explain(compiled.checked!, rs, pop, result, c.person, m));
            if (text.includes(`tier 职级 = ${c.to}`)) expect(text).toContain(where(policy.transitions[c.rule.index]!.span));
            explained++;
          }
          if (c.kind === 'star' && explained < 30) {
            const text = renderExplain(explain(compiled.checked!, rs, pop, result, c.person, m));
            expect(text).not.toContain('未能说明 not explained');
            explained++;
          }
        }
      });
    }, 120_000);
  }
});
