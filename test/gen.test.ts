// `ladder gen`: a synthetic population that is deterministic for a seed, respects --people/--months/--from, loads
// without a data problem in every bundled policy (and in one policy given alone, with its own tiers and violations),
// and has the distributions the issue asks for (teams with one lead each, probation hires, leavers, distinct praise).

import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { readDataSources } from '../cli/data-files.ts';
import { bundledPolicyFiles } from '../cli/gen.ts';
import { compile } from '../compiler/compile.ts';
import { tableFromCsv } from '../runtime/data/csv.ts';
import { type DataSources, type Table, loadTables } from '../runtime/data/load.ts';
import { dataRequirements } from '../runtime/data/requirements.ts';
import { toPopulation } from '../runtime/data/to-population.ts';
import { run } from '../runtime/run.ts';

const POLICIES = bundledPolicyFiles();

async function gen(...argv: string[]): Promise<{ code: number; out: string; err: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'ladder-gen-'));
  let out = '';
  let err = '';
  const code = await main(['gen', '--out', dir, '--lang', 'en', ...argv], { out: (t) => { out += t + '\n'; }, err: (t) => { err += t + '\n'; } });
  return { code, out, err, dir };
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const csvRows = (dir: string, file: string) => tableFromCsv(file, read(dir, file));
const col = (t: Table, name: string) => {
  const i = t.header.indexOf(name);
  expect(i, name).toBeGreaterThanOrEqual(0);
  return (r: Table['rows'][number]) => r.cells[i] ?? '';
};

/** The events table with the policy's own violations (<dir>/violations/<policy>.csv) appended. */
function withViolations(dir: string, sources: DataSources, policy: string): DataSources {
  const path = join(dir, 'violations', `${basename(policy, '.yaml')}.csv`);
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch { return sources; }
  const extra = tableFromCsv(path, text);
  const events = sources.events as Table;
  const last = events.rows.at(-1)?.row ?? 1;
  return { ...sources, events: { ...events, rows: [...events.rows, ...extra.rows.map((r) => ({ ...r, row: last + r.row }))] } };
}

const compiled = (file: string) => {
  const r = compile({ name: file, text: readFileSync(file, 'utf8') });
  expect(r.ok, file).toBe(true);
  return r;
};

let standard: Awaited<ReturnType<typeof gen>>;
beforeAll(async () => {
  standard = await gen();
  expect(standard.code, standard.err).toBe(0);
}, 30_000);

describe('ladder gen', () => {
  it('writes the three tables and one violations file per policy that declares violations', () => {
    expect(readdirSync(standard.dir).sort()).toEqual(['employees.csv', 'events.csv', 'monthly.csv', 'violations']);
    expect(readdirSync(join(standard.dir, 'violations')).length).toBeGreaterThan(3);
    expect(csvRows(standard.dir, 'employees.csv').rows.length).toBe(200);
    expect(standard.out).toMatch(/200 people/);
  });

  it('is deterministic for a seed and differs between seeds', async () => {
    const again = await gen();
    const other = await gen('--seed', '2');
    for (const f of ['employees.csv', 'monthly.csv', 'events.csv']) {
      expect(read(again.dir, f), f).toBe(read(standard.dir, f));
      expect(read(other.dir, f), f).not.toBe(read(standard.dir, f));
    }
    for (const f of readdirSync(join(standard.dir, 'violations'))) expect(read(again.dir, join('violations', f))).toBe(read(standard.dir, join('violations', f)));
  }, 20_000);

  it('respects --people, --months and --from, with monthly rows only within employment', async () => {
    const g = await gen('--people', '60', '--months', '5', '--from', '2025-11', '--seed', '7');
    expect(g.code, g.err).toBe(0);
    const employees = csvRows(g.dir, 'employees.csv');
    const monthly = csvRows(g.dir, 'monthly.csv');
    expect(employees.rows.length).toBe(60);
    const id = col(employees, 'id');
    const hire = col(employees, 'hire_date');
    const leave = col(employees, 'leave_date');
    const byId = new Map(employees.rows.map((r) => [id(r), r]));
    const month = col(monthly, 'month');
    const mid = col(monthly, 'id');
    expect([...new Set(monthly.rows.map(month))].sort()).toEqual(['2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
    const outside = monthly.rows.filter((r) => {
      const e = byId.get(mid(r))!;
      return month(r) < hire(e).slice(0, 7) || (leave(e) !== '' && month(r) > leave(e).slice(0, 7));
    });
    expect(outside.map((r) => `${mid(r)} ${month(r)}`)).toEqual([]);
    // One row per person per month present.
    expect(new Set(monthly.rows.map((r) => `${mid(r)}|${month(r)}`)).size).toBe(monthly.rows.length);
    const events = csvRows(g.dir, 'events.csv');
    const date = col(events, 'date');
    expect(events.rows.every((r) => date(r) >= '2025-11-01' && date(r) <= '2026-03-31')).toBe(true);
  });

  it('with one policy uses its tiers, stars and violations, loads clean, and runs every row', async () => {
    const file = 'policies/scheme-c-star-rating.yaml';
    const g = await gen('--policy', file, '--people', '120');
    expect(g.code, g.err).toBe(0);
    expect(readdirSync(g.dir).sort()).toEqual(['employees.csv', 'events.csv', 'monthly.csv']);
    const r = compiled(file);
    const data = await readDataSources(g.dir);
    expect(data.problems).toEqual([]);
    const loaded = loadTables(data.sources, dataRequirements(r));
    expect(loaded.problems).toEqual([]);
    const tiers = new Set(r.checked!.scope.tiers);
    expect(loaded.data.employees.every((e) => e.tier !== undefined && tiers.has(e.tier))).toBe(true);
    const stars = r.checked!.policy.stars!;
    const withStar = loaded.data.employees.filter((e) => e.star !== undefined);
    expect(withStar.length).toBeGreaterThan(50);
    expect(withStar.every((e) => e.star! >= stars.min && e.star! <= stars.max)).toBe(true);
    const own = dataRequirements(r).eventKinds.filter((k) => !k.standard).map((k) => k.name);
    expect(loaded.data.events.some((e) => own.includes(e.kind))).toBe(true);
    const result = run(r.ruleSet!, toPopulation(r.ruleSet!, loaded.data));
    expect(result.rows.length).toBe(csvRows(g.dir, 'monthly.csv').rows.length);
  }, 20_000);

  it('loads in every bundled policy without a data problem (shared tables and its own violations)', async () => {
    const data = await readDataSources(standard.dir);
    expect(data.problems).toEqual([]);
    const problems = POLICIES.flatMap((file) => loadTables(withViolations(standard.dir, data.sources, file), dataRequirements(compiled(file))).problems
      .map((p) => `${file}: ${p.code} ${p.column} ${p.value}`));
    expect(problems).toEqual([]);
  }, 20_000);

  it('has several teams with one lead each, probation hires, leavers and praise from distinct customers', () => {
    const employees = csvRows(standard.dir, 'employees.csv');
    const [team, role, regular, leave, hire] = ['team', 'role', 'regular_date', 'leave_date', 'hire_date'].map((c) => col(employees, c));
    const teams = new Map<string, number>();
    for (const r of employees.rows) teams.set(team!(r), (teams.get(team!(r)) ?? 0) + (role!(r) === '客服领班' ? 1 : 0));
    expect(teams.size).toBeGreaterThanOrEqual(3);
    expect([...teams.values()].every((n) => n === 1)).toBe(true);
    expect(employees.rows.filter((r) => regular!(r) === '' && hire!(r) >= '2026-01-01').length).toBeGreaterThan(0);
    expect(employees.rows.filter((r) => leave!(r) !== '').length).toBeGreaterThan(3);
    const education = new Set(employees.rows.map(col(employees, 'education')));
    expect(education.size).toBeGreaterThanOrEqual(4);
    const events = csvRows(standard.dir, 'events.csv');
    const [id, kind, source] = ['id', 'kind', 'source'].map((c) => col(events, c));
    const praise = events.rows.filter((r) => kind!(r) === 'praise.customer');
    expect(praise.length).toBeGreaterThan(50);
    const sources = new Map<string, Set<string>>();
    for (const r of praise) sources.set(id!(r), (sources.get(id!(r)) ?? new Set()).add(source!(r)));
    expect([...sources.values()].some((s) => s.size >= 2)).toBe(true);
    expect(new Set(praise.map(source!)).size).toBeGreaterThan(praise.length * 0.7);
    // No violation kind in the shared events table: each policy's are in violations/.
    const standardKinds = new Set(dataRequirements(compiled(POLICIES[0]!)).eventKinds.filter((k) => k.standard).map((k) => k.name));
    expect(events.rows.every((r) => standardKinds.has(kind!(r)))).toBe(true);
  });

  it('writes the same tables as one workbook or one JSON file', async () => {
    const csv = await readDataSources(standard.dir);
    for (const [format, file] of [['xlsx', 'population.xlsx'], ['json', 'population.json']] as const) {
      const g = await gen('--format', format);
      expect(g.code, g.err).toBe(0);
      expect(readdirSync(g.dir).sort()).toEqual([file, 'violations']);
      const data = await readDataSources(join(g.dir, file));
      expect(data.problems).toEqual([]);
      const r = compiled('policies/scheme-c-star-rating.yaml');
      const a = loadTables(csv.sources, dataRequirements(r));
      const b = loadTables(data.sources, dataRequirements(r));
      expect(b.problems).toEqual([]);
      // The same values; only the source positions (row numbers) differ between a CSV file and JSON records.
      const values = (x: unknown) => JSON.stringify(x, (k, v) => (k === 'row' || k === 'rows' ? undefined : v));
      expect(values(b.data)).toBe(values(a.data));
    }
  }, 30_000);

  it.each([
    [['--people', 'x']], [['--months', '0']], [['--seed', '-1']], [['--from', '2026-13']], [['--format', 'pdf']], [['--policy']],
  ])('exits 2 on %j, saying in one line which option is wrong', async (argv) => {
    const g = await gen(...argv);
    expect(g.code).toBe(2);
    expect(g.err.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^ladder gen: .*${argv[0]}`))]);
  });

  it('exits 2 without --out', async () => {
    let err = '';
    const code = await main(['gen', '--lang', 'en'], { out: () => {}, err: (t) => { err += t; } });
    expect(code).toBe(2);
    expect(err).toMatch(/--out/);
  });
});
