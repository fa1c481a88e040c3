// Runtime benchmark: 100,000 people × 12 months in memory, a policy with a 20-item score sheet, deductions,
// quarterly stars with a 5% five-star quota and four pay lines; the same policy hand-written in plain TypeScript
// over the same columns, run in the same process. Both must agree on every person-month's total.

import { compile } from '../compiler/compile.ts';
import type { RuleSet } from '../compiler/codegen/generate.ts';
import { type Population, type PopulationEvent, monthRange } from '../runtime/population.ts';
import { run } from '../runtime/run.ts';
import type { DataSources } from '../runtime/data/load.ts';
import { roundToFen } from '../runtime/money.ts';
import { mulberry32 } from '../runtime/gen/population.ts';

const ITEMS = 20;
const itemNames = Array.from({ length: ITEMS }, (_, k) => `项${k + 1}`);

export const benchPolicy = `
policy: { name: 基准：星级绩效 }
inputs:
  post_wage: money
  late: count
  sick_leave_days: days
  swaps: count
score_sheets:
  考核表:
    scale: points
    sections:
      业务: { weight: 50%, items: { ${itemNames.slice(0, 10).map((n) => `${n}: 5`).join(', ')} } }
      态度: { weight: 50%, items: { ${itemNames.slice(10).map((n) => `${n}: 5`).join(', ')} } }
deductions:
  违规:
    classes: { 轻度: {}, 中度: {} }
    items:
      迟到早退: { class: 轻度, points: 2 }
      旷工: { class: 中度, points: 10 }
values:
  考核分: max(考核表 - 违规, 0)
  全勤: late = 0 and sick_leave_days = 0 and swaps <= 3
stars:
  levels: [0, 5]
  evaluate: quarter
  gates:
    - { unless: "count(late > 0, 上季度) = 0", max: 1 }
  thresholds:
    keys:
      季均分: avg(考核分, 上季度)
    rows: { 1: { 季均分: 0 }, 2: { 季均分: 70 }, 3: { 季均分: 80 }, 4: { 季均分: 88 }, 5: { 季均分: 94 } }
  quota:
    - { star: 5, max: 5%, rank_by: "avg(考核分, 上季度)" }
tables:
  星级绩效: { by: star, unit: money, rows: { 0: 0, 1: 600, 2: 900, 3: 1200, 4: 1500, 5: 1800 } }
pay:
  岗位工资: post_wage
  绩效工资: 星级绩效[star] * 考核分%
  全勤奖: if 全勤 then 200元 else 0元
  违规扣款: -违规 * 10元
`;

export function benchPopulation(ruleSet: RuleSet, n: number, months = 12): Population {
  const rnd = mulberry32(42);
  const all = monthRange('2026-01', `2026-${String(months).padStart(2, '0')}`);
  const col = (name: string) => ruleSet.inputs.findIndex((i) => i.name === name);
  const skill = Float64Array.from({ length: n }, () => rnd());
  const inputs = all.map(() => {
    const cols = ruleSet.inputs.map(() => new Float64Array(n));
    const wage = cols[col('post_wage')]!;
    const late = cols[col('late')]!;
    const sick = cols[col('sick_leave_days')]!;
    const swaps = cols[col('swaps')]!;
    const items = ruleSet.inputs.flatMap((inp, k) => (inp.item ? [cols[k]!] : []));
    for (let i = 0; i < n; i++) {
      wage[i] = 1800 + (i % 5) * 100;
      late[i] = rnd() < 0.1 ? 1 : 0;
      sick[i] = rnd() < 0.05 ? 1 : 0;
      swaps[i] = Math.floor(rnd() * 5);
      for (const c of items) { const r = rnd() * 0.6 + skill[i]! * 0.4; c[i] = r > 0.55 ? 5 : r > 0.25 ? 3 : 0; }
    }
    return cols;
  });
  const events: PopulationEvent[][] = all.map(() => {
    const list: PopulationEvent[] = [];
    for (let i = 0; i < n; i++) {
      if (rnd() < 0.03) list.push({ person: i, kind: '迟到早退', count: 1 });
      if (rnd() < 0.005) list.push({ person: i, kind: '旷工', count: 1 });
    }
    return list;
  });
  return {
    months: all,
    people: Array.from({ length: n }, (_, i) => ({ id: `E${String(i).padStart(6, '0')}`, team: `T${i % 50}`, hireDate: '2024-01-01', regularDate: '2024-04-01', star: 3 })),
    inputs, present: all.map(() => new Uint8Array(n).fill(1)), events,
  };
}

/** The same policy written by hand: what a programmer would write for this one scheme, over the same columns. */
export function handWritten(ruleSet: RuleSet, pop: Population): Float64Array[] {
  const n = pop.people.length;
  const idx = (name: string) => ruleSet.inputs.findIndex((i) => i.name === name);
  const itemCols = ruleSet.inputs.map((inp, k) => (inp.item ? k : -1)).filter((k) => k >= 0);
  const table = [0, 600, 900, 1200, 1500, 1800];
  const star = new Float64Array(n).fill(3);
  const scores: Float64Array[] = [];
  const lateMonths: Float64Array[] = [];
  const totals: Float64Array[] = [];
  for (let m = 0; m < pop.months.length; m++) {
    const I = pop.inputs[m]!;
    const wage = I[idx('post_wage')]!, late = I[idx('late')]!, sick = I[idx('sick_leave_days')]!, swaps = I[idx('swaps')]!;
    const items = itemCols.map((k) => I[k]!);
    const deduct = new Float64Array(n);
    for (const e of pop.events[m]!) deduct[e.person]! += e.kind === '旷工' ? 10 * e.count : 2 * e.count;
    const score = new Float64Array(n);
    const lateNow = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < items.length; k++) s += items[k]![i]!;
      score[i] = Math.max(s - deduct[i]!, 0);
      lateNow[i] = late[i]! > 0 ? 1 : 0;
    }
    scores.push(score);
    lateMonths.push(lateNow);
    if (m % 3 === 0 && m >= 3) {
      const avg = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const a = (scores[m - 3]![i]! + scores[m - 2]![i]! + scores[m - 1]![i]!) / 3;
        avg[i] = a;
        let s = a >= 94 ? 5 : a >= 88 ? 4 : a >= 80 ? 3 : a >= 70 ? 2 : 1;
        if (lateMonths[m - 3]![i]! + lateMonths[m - 2]![i]! + lateMonths[m - 1]![i]! > 0) s = Math.min(s, 1);
        star[i] = s;
      }
      const places = Math.floor(0.05 * n + 1e-9);
      const five: number[] = [];
      for (let i = 0; i < n; i++) if (star[i] === 5) five.push(i);
      five.sort((a, b) => avg[b]! - avg[a]! || (pop.people[a]!.id < pop.people[b]!.id ? -1 : 1));
      for (let k = places; k < five.length; k++) star[five[k]!] = 4;
    }
    const total = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const full = late[i] === 0 && sick[i] === 0 && swaps[i]! <= 3;
      total[i] = roundToFen(wage[i]!) + roundToFen(table[star[i]!]! * score[i]! / 100) + (full ? 20000 : 0) + roundToFen(-deduct[i]! * 10);
    }
    totals.push(total);
  }
  return totals;
}

export function runtimeBench(people = 100_000): void {
  const compiled = compile({ name: 'bench.yaml', text: benchPolicy });
  if (!compiled.ruleSet) throw new Error(JSON.stringify(compiled.diagnostics.slice(0, 3)));
  const rs = compiled.ruleSet;
  // Warm both up on a small population first.
  const small = benchPopulation(rs, 2000);
  run(rs, small);
  handWritten(rs, small);
  const pop = benchPopulation(rs, people);
  const em = people * pop.months.length;
  // Median of three runs of each, alternating (the machine is shared: one run can land on someone else's busy second).
  const before = process.memoryUsage().rss;
  let peak = before;
  const ladderTimes: number[] = [];
  const handTimes: number[] = [];
  let result: ReturnType<typeof run> | undefined;
  let hand: Float64Array[] = [];
  for (let k = 0; k < 3; k++) {
    result = undefined;
    let t0 = performance.now();
    result = run(rs, pop);
    ladderTimes.push(performance.now() - t0);
    peak = Math.max(peak, process.memoryUsage().rss);
    t0 = performance.now();
    hand = handWritten(rs, pop);
    handTimes.push(performance.now() - t0);
  }
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
  const ladderMs = mid(ladderTimes);
  const handMs = mid(handTimes);
  // Money is rounded per line in both: Ladder rounds each pay line with the policy's rule and sums the fen in the run
  // (MonthColumns.total), so its time includes the rounding.
  const ours = result!.months.map((m) => m.total);
  let mismatches = 0;
  for (let m = 0; m < ours.length; m++) for (let i = 0; i < people; i++) if (ours[m]![i] !== hand[m]![i]) mismatches++;
  const rate = (ms: number) => Math.round(em / (ms / 1000));
  const ladderAll = ladderMs;
  console.log(`run ${people.toLocaleString('en')} people × ${pop.months.length} months (${em.toLocaleString('en')} employee-months):`);
  console.log(`  Ladder:       ${ladderAll.toFixed(0)} ms = ${rate(ladderAll).toLocaleString('en')} employee-months/s (rules and money rounding; median of 3: ${ladderTimes.map((t) => t.toFixed(0)).join(', ')} ms)`);
  console.log(`  hand-written: ${handMs.toFixed(0)} ms = ${rate(handMs).toLocaleString('en')} employee-months/s (median of 3: ${handTimes.map((t) => t.toFixed(0)).join(', ')} ms)`);
  console.log(`  ratio Ladder / hand-written time = ${(ladderAll / handMs).toFixed(2)}× (target ≤ 3×; target ≥ 5,000,000 employee-months/s)`);
  console.log(`  results agree on ${(em - mismatches).toLocaleString('en')} of ${em.toLocaleString('en')} totals${mismatches ? ' — MISMATCH' : ''}; rss ${(peak / 2 ** 20).toFixed(0)} MB`);
}

/** Load time for the benchmark data as CSV: parse and validate the monthly table (the largest) against the policy. */
export async function csvLoadBench(people = 100_000, months = 2): Promise<void> {
  const { tableFromCsv } = await import('../runtime/data/csv.ts');
  const { loadTables } = await import('../runtime/data/load.ts');
  const { dataRequirements } = await import('../runtime/data/requirements.ts');
  const compiled = compile({ name: 'bench.yaml', text: benchPolicy });
  const rs = compiled.ruleSet!;
  const pop = benchPopulation(rs, people, months);
  const inputs = rs.inputs.filter((i) => !i.item || true);
  const employees = ['工号,入职日期,转正日期,岗位工资', ...pop.people.map((p, i) => `${p.id},${p.hireDate},${p.regularDate},${1800 + (i % 5) * 100}`)].join('\n');
  const header = ['工号', '月份', ...inputs.filter((i) => i.name !== 'post_wage').map((i) => i.name)];
  const lines = [header.join(',')];
  pop.months.forEach((month, m) => {
    for (let i = 0; i < people; i++) {
      const cells = [pop.people[i]!.id, month];
      rs.inputs.forEach((inp, k) => { if (inp.name !== 'post_wage') cells.push(String(pop.inputs[m]![k]![i])); });
      lines.push(cells.join(','));
    }
  });
  const monthly = lines.join('\n');
  const t0 = performance.now();
  const result = loadTables({ employees: tableFromCsv('employees.csv', employees), monthly: tableFromCsv('monthly.csv', monthly) }, dataRequirements(compiled));
  const ms = performance.now() - t0;
  const rows = people * months + people;
  console.log(`load the same data as CSV (${rows.toLocaleString('en')} rows: employees + ${months} months, ${header.length} columns; parse and validate): ${ms.toFixed(0)} ms = ${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s (target ≥ 300,000)${result.problems.length ? ` — ${result.problems.length} problems: ${result.problems[0]!.code}` : ''}`);
}

/** Diff of two policies on 10,000 people × 12 months: compile both, run both, build the report (target < 1 s). */
export async function diffBench(people = 10_000): Promise<void> {
  const { policyChanges } = await import('../runtime/simulate/changes.ts');
  const { diffRuns } = await import('../runtime/simulate/report.ts');
  const newText = benchPolicy.replace('3: 1200, 4: 1500', '3: 1300, 4: 1500');
  const warm = () => {
    const a = compile({ name: 'old.yaml', text: benchPolicy });
    const b = compile({ name: 'new.yaml', text: newText });
    return { a, b };
  };
  warm();
  const pop = benchPopulation(compile({ name: 'old.yaml', text: benchPolicy }).ruleSet!, people);
  const t0 = performance.now();
  const { a, b } = warm();
  const ra = run(a.ruleSet!, pop);
  const rb = run(b.ruleSet!, pop);
  const report = diffRuns(policyChanges(a.checked!, b.checked!), { ruleSet: a.ruleSet!, population: pop, result: ra }, { ruleSet: b.ruleSet!, population: pop, result: rb });
  const ms = performance.now() - t0;
  console.log(`diff of two policies on ${people.toLocaleString('en')} people × ${pop.months.length} months: ${ms.toFixed(0)} ms (target < 1000 ms); ${report.changes.length} change, payroll ${report.total.delta >= 0 ? '+' : ''}${(report.total.delta / 100).toFixed(2)} 元, ${report.gain} gain`);
}

/** Compare of the five seed schemes on a generated population of 10,000 people × 12 months (target < 2 s for all of
 * it), done as `ladder compare` does it: each scheme compiled and its data loaded and validated (each column read
 * once for all schemes, each scheme its own header and cross-row checks), the text tables let go, then each scheme's
 * inputs encoded, run and its figures made, one after another on the same columns (figuresOfSchemes). */
export async function compareBench(people = 10_000): Promise<void> {
  const { readFileSync } = await import('node:fs');
  const { generatePopulation } = await import('../runtime/gen/population.ts');
  const { TableReads, loadTables } = await import('../runtime/data/load.ts');
  const { dataRequirements } = await import('../runtime/data/requirements.ts');
  const { figuresOfSchemes } = await import('../runtime/simulate/report.ts');
  const files = ['scheme-a-tier-ladder', 'scheme-b-dual-track', 'scheme-c-star-rating', 'scheme-d-points', 'scheme-e-tenure-tiers'].map((f) => `policies/${f}.yaml`);
  const texts = files.map((f) => ({ name: f, text: readFileSync(f, 'utf8') }));
  // The generated tables as the loader's tables, as if read from files: the generator's own copy is not kept (a CLI
  // compare holds one copy of the data, and every full garbage collection walks all of it).
  const data: { sources?: DataSources } = {};
  const rows = (() => {
    const gen = generatePopulation({ people, months: 12, seed: 7, policies: texts.map((t) => compile(t)) });
    const table = (name: string, t: { header: readonly string[]; rows: readonly (readonly string[])[] }) => ({ file: name, header: [...t.header], rows: t.rows.map((cells, k) => ({ row: k + 2, cells: [...cells] })) });
    data.sources = { employees: table('employees', gen.employees), monthly: table('monthly', gen.monthly), events: table('events', gen.events) };
    return gen.monthly.rows.length;
  })();
  const t0 = performance.now();
  const reads = new TableReads();
  let problems = 0;
  const schemes = texts.map((t) => {
    const compiled = compile(t);
    const loaded = loadTables(data.sources!, dataRequirements(compiled), reads);
    problems += loaded.problems.length;
    return { name: t.name, checked: compiled.checked!, ruleSet: compiled.ruleSet!, data: loaded.data };
  });
  data.sources = undefined;
  const t1 = performance.now();
  const figures = figuresOfSchemes(schemes);
  const t2 = performance.now();
  const total = t2 - t0;
  console.log(`compare of the five seed schemes on ${people.toLocaleString('en')} people × 12 months (${rows.toLocaleString('en')} monthly rows): ${total.toFixed(0)} ms in all (target < 2000 ms) ${total < 2000 ? 'OK' : 'OVER TARGET'}${problems ? ` — ${problems} data problems` : ''}`);
  console.log(`  compile, load and validate (columns read once for all) ${(t1 - t0).toFixed(0)} ms; encode, run and sum up ${figures.length} schemes ${(t2 - t1).toFixed(0)} ms`);
}
