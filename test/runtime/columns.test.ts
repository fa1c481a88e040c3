// The column pool: columns given back are handed out again cleared, once each; and runs that take their columns
// from a pool, scheme after scheme as ladder compare does, give exactly what runs on fresh memory give.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.ts';
import { ColumnPool } from '../../runtime/columns.ts';
import { loadTables } from '../../runtime/data/load.ts';
import { dataRequirements } from '../../runtime/data/requirements.ts';
import { toPopulation } from '../../runtime/data/to-population.ts';
import { generatePopulation } from '../../runtime/gen/population.ts';
import { giveBackRun, run } from '../../runtime/run.ts';

describe('ColumnPool', () => {
  it('hands a column given back out again, cleared or filled, and only once however often it was given', () => {
    const pool = new ColumnPool();
    const a = new Float64Array(4).fill(7);
    pool.giveBack([a, a]);
    pool.giveBack([a]);
    expect(pool.size).toBe(1);
    const b = pool.filled(4, NaN);
    expect(b).toBe(a);
    expect([...b].every(Number.isNaN)).toBe(true);
    const c = pool.zeros(4);
    expect(c).not.toBe(a);
    expect([...c]).toEqual([0, 0, 0, 0]);
  });
  it('keeps columns by length and never takes a view into a larger buffer', () => {
    const pool = new ColumnPool();
    const whole = new Float64Array(8).fill(1);
    pool.giveBack([whole.subarray(0, 4), new Float64Array(0)]);
    expect(pool.size).toBe(0);
    pool.giveBack([whole]);
    expect(pool.zeros(4)).not.toBe(whole);
    expect(pool.zeros(8)).toBe(whole);
  });
});

describe('runs taking their columns from a pool', () => {
  const files = ['scheme-a-tier-ladder', 'scheme-c-star-rating', 'scheme-b-dual-track', 'scheme-d-points'].map((f) => `policies/${f}.yaml`);
  const compiled = files.map((f) => compile({ name: f, text: readFileSync(f, 'utf8') }));
  const gen = generatePopulation({ people: 150, months: 9, seed: 5, policies: compiled });
  const table = (file: string, t: { header: readonly string[]; rows: readonly (readonly string[])[] }) => ({ file, header: [...t.header], rows: t.rows.map((cells, k) => ({ row: k + 2, cells: [...cells] })) });
  const sources = { employees: table('employees', gen.employees), monthly: table('monthly', gen.monthly), events: table('events', gen.events) };
  const loads = compiled.map((c) => ({ c, data: loadTables(sources, dataRequirements(c)).data }));
  const rowsOf = (r: ReturnType<typeof run>) => JSON.stringify(r.rows);

  it('give every scheme, one after another on given-back columns, the rows a run on fresh columns gives', () => {
    const fresh = loads.map(({ c, data }) => rowsOf(run(c.ruleSet!, toPopulation(c.ruleSet!, data))));
    const pool = new ColumnPool();
    loads.forEach(({ c, data }, k) => {
      const pop = toPopulation(c.ruleSet!, data, {}, pool);
      const result = run(c.ruleSet!, pop, { pool });
      expect(rowsOf(result)).toBe(fresh[k]);
      giveBackRun(pool, pop, result);
      // Everything the run and its population held is back: the next scheme allocates (almost) nothing new.
      expect(pool.size).toBeGreaterThan(pop.months.length * c.ruleSet!.inputs.length);
    });
  });
});
