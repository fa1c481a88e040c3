// The bundled sample population (examples/sample, made by scripts/make-sample.ts) runs through every bundled policy
// without a data problem, and the results keep the invariants any correct run must keep.

import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDataSources } from '../cli/data-files.ts';
import { compile, type CompileResult } from '../compiler/compile.ts';
import { tableFromCsv } from '../runtime/data/csv.ts';
import { type DataSources, type EmployeeData, type Table, loadTables } from '../runtime/data/load.ts';
import type { DataProblem } from '../runtime/data/messages.ts';
import { dataRequirements } from '../runtime/data/requirements.ts';
import { toPopulation } from '../runtime/data/to-population.ts';
import { type ResultRow, run } from '../runtime/run.ts';
import { ratingDue } from '../runtime/state.ts';
import { monthNumber } from '../runtime/population.ts';

const SAMPLE = 'examples/sample';
const POLICIES = [
  ...readdirSync('policies').filter((f) => f.endsWith('.yaml') && !f.includes('.template.')).map((f) => join('policies', f)),
  ...readdirSync('policies/extras').filter((f) => f.endsWith('.yaml') && !f.includes('.template.')).map((f) => join('policies/extras', f)),
].sort();

/**
 * Policies whose pay has no base wage, so a total below zero could be the policy's own arithmetic:
 *   scheme-d-points — the pay is only the points float (绩效浮动) plus a bonus and a compensation charge;
 *   c13, c14, c16, c19 — no pay attached to the sheet (a single zero line 无);
 *   c17-ranked-awards — only award lines.
 */
const NO_BASE_WAGE = new Set(['scheme-d-points', 'c13-indicator-weights', 'c14-rater-weights', 'c16-banded-deductions', 'c17-ranked-awards', 'c19-quarterly-failures']);

interface Ran {
  readonly file: string;
  readonly compiled: CompileResult;
  readonly problems: readonly DataProblem[];
  readonly data: EmployeeData;
  readonly rows: readonly ResultRow[];
}

/** The shared events table with the policy's own violations (examples/sample/violations/<policy>.csv) appended. */
function withViolations(sources: DataSources, policy: string): DataSources {
  const path = join(SAMPLE, 'violations', `${basename(policy, '.yaml')}.csv`);
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch { return sources; }
  const extra = tableFromCsv(path, text);
  const events = sources.events as Table;
  expect(extra.header).toEqual(events.header);
  const last = events.rows.at(-1)?.row ?? 1;
  return { ...sources, events: { ...events, rows: [...events.rows, ...extra.rows.map((r) => ({ ...r, row: last + r.row }))] } };
}

function runPolicy(file: string, sources: DataSources, violations = true): Ran {
  const compiled = compile({ name: file, text: readFileSync(file, 'utf8') });
  expect(compiled.ok, `${file} compiles`).toBe(true);
  const loaded = loadTables(violations ? withViolations(sources, file) : sources, dataRequirements(compiled));
  const result = run(compiled.ruleSet!, toPopulation(compiled.ruleSet!, loaded.data));
  return { file, compiled, problems: loaded.problems, data: loaded.data, rows: result.rows };
}

const ran = new Map<string, Ran>();
let sources: DataSources;

beforeAll(async () => {
  const read = await readDataSources(SAMPLE);
  expect(read.problems).toEqual([]);
  sources = read.sources;
  for (const file of POLICIES) ran.set(file, runPolicy(file, sources));
}, 60_000);

const prevMonth = (m: string) => {
  const n = monthNumber(m) - 1;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
};

describe('sample population', () => {
  it('has about 200 people over 2026-01 … 2026-12', () => {
    const r = ran.get(POLICIES[0]!)!;
    expect(r.data.employees.length).toBeGreaterThanOrEqual(180);
    expect(r.data.months).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`));
    expect(r.data.employees.some((e) => e.leave_date)).toBe(true);
    expect(r.data.employees.some((e) => e.hire_date >= '2026-02-01' && e.regular_date === undefined)).toBe(true);
  });

  describe.each(POLICIES)('%s', (file) => {
    const get = () => ran.get(file)!;

    it('loads without a data problem (shared tables and its own violations)', () => {
      expect(get().problems).toEqual([]);
      expect(get().rows.length).toBeGreaterThan(2000);
    });

    it('has person-month rows only within employment', () => {
      const byId = new Map(get().data.employees.map((e) => [e.id, e]));
      const outside = get().rows.filter((r) => {
        const e = byId.get(r.employee)!;
        return r.month < e.hire_date.slice(0, 7) || (e.leave_date !== undefined && r.month > e.leave_date.slice(0, 7));
      });
      expect(outside.map((r) => `${r.employee} ${r.month}`)).toEqual([]);
    });

    it('gives stars only within the policy\'s levels', () => {
      const stars = get().compiled.checked!.policy.stars;
      const bad = get().rows.filter((r) => r.star !== null && (!stars || r.star < stars.min || r.star > stars.max || !Number.isInteger(r.star)));
      expect(bad.map((r) => `${r.employee} ${r.month} ${r.star}`)).toEqual([]);
    });

    it('promotes one step at a time unless a manual decision was recorded the month before', () => {
      const checked = get().compiled.checked!;
      const paths = checked.ladder.paths;
      const oneStep = (from: string, to: string) => paths.some((p) => p.some((t, k) => t === from && p[k + 1] === to));
      const manual = new Set(get().data.events.filter((e) => e.kind === 'promote.manual').map((e) => `${e.id} ${e.month}`));
      const jumps = get().rows.flatMap((r) => r.changes
        // A move from no tier (from '') enters the ladder rather than climbing it. NOTE: the runtime labels a manual
        // decision that gives a tier-less person a tier 'promoted' even when it is a demote.manual (K0160 2026-09
        // →初级客服 in schemes A, E and both B extras), where a placement from no tier is labelled 'placed'.
        .filter((c) => c.kind === 'promoted' && c.from !== '' && !oneStep(c.from, c.to) && !manual.has(`${r.employee} ${prevMonth(r.month)}`))
        .map((c) => `${r.employee} ${r.month} ${c.from}→${c.to}`));
      expect(jumps).toEqual([]);
    });

    it.skipIf(NO_BASE_WAGE.has(basename(file, '.yaml')))('never pays a negative total', () => {
      const negative = get().rows.filter((r) => Number(r.pay.total) < 0);
      expect(negative.map((r) => `${r.employee} ${r.month} ${r.pay.total}`)).toEqual([]);
    });
  });

  // Only scheme C has a star quota: at most floor(5% × regular representatives present) five-star people in a
  // rating month. A 5★ reached by the C6 override (公司书面表扬 raises a star for three months) is outside the quota.
  it('respects the five-star quota of scheme C in every month', () => {
    const file = 'policies/scheme-c-star-rating.yaml';
    const r = ran.get(file)!;
    const stars = r.compiled.checked!.policy.stars!;
    expect(stars.quota.length).toBeGreaterThan(0);
    const byId = new Map(r.data.employees.map((e) => [e.id, e]));
    const praised = (id: string, month: string) => r.data.events.some((e) => e.id === id && e.kind === 'praise.company'
      && monthNumber(month) - monthNumber(e.month) >= 0 && monthNumber(month) - monthNumber(e.month) < 3);
    const first = monthNumber(r.data.months[0]!);
    for (const q of stars.quota) {
      expect(q.max.kind === 'quantity' && q.max.q.unit).toBe('percent');
      const share = (q.max as { q: { value: number } }).q.value / 100;
      r.data.months.forEach((month, m) => {
        if (!ratingDue(stars.evaluate, m, first + m)) return;
        const rows = r.rows.filter((x) => x.month === month);
        const rated = rows.filter((x) => {
          const e = byId.get(x.employee)!;
          return e.role === '客服代表' && e.regular_date !== undefined && e.regular_date.slice(0, 7) <= month;
        });
        const top = rows.filter((x) => x.star === q.star && !praised(x.employee, month));
        expect(top.length, `${month}: ${top.length} at ${q.star}★ of ${rated.length} rated`).toBeLessThanOrEqual(Math.floor(share * rated.length + 1e-9));
      });
    }
  });

  // Scheme C declares `initial: 3`: a person whose star is blank in the employees table starts there, so pay is
  // computed from the first month (this found `stars.initial` unapplied; fixed).
  it('gives every representative a star in scheme C from the first month (stars.initial)', () => {
    const r = ran.get('policies/scheme-c-star-rating.yaml')!;
    const byId = new Map(r.data.employees.map((e) => [e.id, e]));
    const missing = r.rows.filter((x) => byId.get(x.employee)!.role === '客服代表' && x.star === null);
    expect(missing.map((x) => `${x.employee} ${x.month}`)).toEqual([]);
  });

  it('gives the same results from the CSV folder and from sample.xlsx', async () => {
    const xlsx = await readDataSources(join(SAMPLE, 'sample.xlsx'));
    expect(xlsx.problems).toEqual([]);
    const file = 'policies/scheme-c-star-rating.yaml';
    const fromCsv = runPolicy(file, sources, false);
    const fromXlsx = runPolicy(file, xlsx.sources, false);
    expect(fromXlsx.problems).toEqual([]);
    expect(fromCsv.problems).toEqual([]);
    expect(JSON.stringify(fromXlsx.rows)).toBe(JSON.stringify(fromCsv.rows));
  }, 30_000);
});
