// The two reports HR asks for: what a rule change does to pay and to whom (diff), and how several companies'
// schemes compare on one population (compare). Both work on run results; money is summed in integer fen.

import { outputColumns } from '../../compiler/model/outputs.ts';
import type { CheckedPolicy } from '../../compiler/check/check.ts';
import type { RuleSet } from '../../compiler/codegen/generate.ts';
import { formatFen } from '../money.ts';
import type { Population } from '../population.ts';
import { type RunResult, giveBackRun, run } from '../run.ts';
import { causeText } from '../run-problems.ts';
import { ColumnPool } from '../columns.ts';
import type { EmployeeData } from '../data/load.ts';
import { type MonthSpan, toPopulation } from '../data/to-population.ts';
import type { NamedTable } from '../workbook.ts';
import { type PolicyChange, payLineInputs } from './changes.ts';

/** Nearest-rank quantile of sorted numbers (q in [0, 1]): the value at rank ⌈q·n⌉, the smallest for q = 0. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export interface Distribution {
  readonly min: number;
  readonly p10: number;
  readonly median: number;
  readonly p90: number;
  readonly max: number;
}

export function distribution(values: readonly number[]): Distribution {
  const s = [...values].sort((a, b) => a - b);
  return { min: quantile(s, 0), p10: quantile(s, 0.1), median: quantile(s, 0.5), p90: quantile(s, 0.9), max: quantile(s, 1) };
}

const fen = (amount: string) => (amount === 'NaN' ? NaN : Math.round(Number(amount) * 100));

export interface PersonDelta {
  readonly employee: string;
  readonly name?: string;
  /** Period totals in fen. */
  readonly before: number;
  readonly after: number;
  readonly delta: number;
}

export interface DiffReport {
  readonly changes: readonly PolicyChange[];
  readonly months: readonly { readonly month: string; readonly before: number; readonly after: number }[];
  readonly total: { readonly before: number; readonly after: number; readonly delta: number };
  readonly people: readonly PersonDelta[];
  readonly deltas: Distribution;
  readonly gain: number;
  readonly lose: number;
  readonly unchanged: number;
  readonly largestGains: readonly PersonDelta[];
  readonly largestLosses: readonly PersonDelta[];
  /** Head counts by tier and by star in the last month, before and after. */
  readonly tiers: { readonly before: Readonly<Record<string, number>>; readonly after: Readonly<Record<string, number>> };
  readonly stars: { readonly before: Readonly<Record<string, number>>; readonly after: Readonly<Record<string, number>> };
  readonly moves: { readonly before: Moves; readonly after: Moves };
}

export interface Moves {
  readonly promoted: number;
  readonly demoted: number;
}

/** A run with what it ran on: totals are read from its columns, without making rows. */
export interface Ran {
  readonly ruleSet: RuleSet;
  readonly population: Population;
  readonly result: RunResult;
}

/** A month's pay total (fen) of person i, from the result columns: each line rounded with the policy's rule (run.ts). */
function monthTotal(ran: Ran, m: number, i: number): number {
  return ran.result.months[m]!.total[i]!;
}


/** Head counts in the last month, by tier or by star ("—" for none). */
export function lastMonthCounts(ran: Ran, of: 'tier' | 'star'): Record<string, number> {
  const { ruleSet, population, result } = ran;
  const out: Record<string, number> = Object.create(null) as Record<string, number>;
  const m = result.months.length - 1;
  if (m < 0) return out;
  const col = result.months[m]![of];
  for (let i = 0; i < population.people.length; i++) {
    if (!population.present[m]![i]) continue;
    const x = col[i]!;
    const k = x !== x ? '—' : of === 'tier' ? ruleSet.tiers[x] ?? '—' : `${x}★`;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

function movesOfColumns(result: RunResult): Moves {
  let promoted = 0;
  let demoted = 0;
  for (const m of result.months) for (const c of m.changes) { if (c.kind === 'promoted') promoted++; if (c.kind === 'demoted') demoted++; }
  return { promoted, demoted };
}

export function diffRuns(changes: readonly PolicyChange[], beforeRan: Ran, afterRan: Ran, top = 5): DiffReport {
  // The two runs may have read the data into different orders: people are matched by id, months by name.
  const bp = beforeRan.population;
  const ap = afterRan.population;
  const afterIndex = new Map(ap.people.map((p, i) => [p.id, i]));
  const toAfter = Int32Array.from(bp.people, (p) => afterIndex.get(p.id) ?? -1);
  const afterMonth = new Map(ap.months.map((m, i) => [m, i]));
  const n = bp.people.length;
  const personBefore = new Float64Array(n);
  const personAfter = new Float64Array(n);
  const seen = new Uint8Array(n);
  const months = new Map<string, { before: number; after: number }>();
  bp.months.forEach((month, m) => {
    const am = afterMonth.get(month);
    const row = { before: 0, after: 0 };
    for (let i = 0; i < n; i++) {
      if (!bp.present[m]![i]) continue;
      seen[i] = 1;
      const b = monthTotal(beforeRan, m, i);
      const ai = toAfter[i]!;
      const a = am !== undefined && ai >= 0 && ap.present[am]![ai] ? monthTotal(afterRan, am, ai) : 0;
      row.before += b; row.after += a;
      personBefore[i]! += b; personAfter[i]! += a;
    }
    months.set(month, row);
  });
  const people = new Map<string, { name?: string; before: number; after: number }>();
  bp.people.forEach((p, i) => { if (seen[i]) people.set(p.id, { ...(p.name !== undefined ? { name: p.name } : {}), before: personBefore[i]!, after: personAfter[i]! }); });
  const list: PersonDelta[] = [...people].map(([employee, p]) => ({ employee, ...(p.name !== undefined ? { name: p.name } : {}), before: p.before, after: p.after, delta: p.after - p.before }));
  const total = list.reduce((t, p) => ({ before: t.before + p.before, after: t.after + p.after, delta: t.delta + p.delta }), { before: 0, after: 0, delta: 0 });
  const byDelta = [...list].sort((x, y) => y.delta - x.delta || (x.employee < y.employee ? -1 : 1));
  return {
    changes,
    months: [...months].sort(([x], [y]) => (x < y ? -1 : 1)).map(([month, m]) => ({ month, ...m })),
    total,
    people: list,
    deltas: distribution(list.map((p) => p.delta)),
    gain: list.filter((p) => p.delta > 0).length,
    lose: list.filter((p) => p.delta < 0).length,
    unchanged: list.filter((p) => p.delta === 0).length,
    largestGains: byDelta.filter((p) => p.delta > 0).slice(0, top),
    largestLosses: [...byDelta].reverse().filter((p) => p.delta < 0).slice(0, top),
    tiers: { before: lastMonthCounts(beforeRan, 'tier'), after: lastMonthCounts(afterRan, 'tier') },
    stars: { before: lastMonthCounts(beforeRan, 'star'), after: lastMonthCounts(afterRan, 'star') },
    moves: { before: movesOfColumns(beforeRan.result), after: movesOfColumns(afterRan.result) },
  };
}

export interface LineMovement {
  readonly line: string;
  readonly before: number;
  readonly after: number;
  readonly delta: number;
  /** The policy changes this line reads, directly or through values, tables, bands, stars or tiers. */
  readonly because: readonly PolicyChange[];
}

/** Why one person's pay moved over the period: each pay line's change, with the policy changes behind it. */
export function whyPersonMoved(employee: string, changes: readonly PolicyChange[], before: { checked: CheckedPolicy; result: RunResult }, after: { checked: CheckedPolicy; result: RunResult }): LineMovement[] {
  const sums = (result: RunResult) => {
    const m = new Map<string, number>();
    for (const r of result.rows) if (r.employee === employee) for (const l of r.pay.lines) m.set(l.name, (m.get(l.name) ?? 0) + fen(l.amount));
    return m;
  };
  const b = sums(before.result);
  const a = sums(after.result);
  const inputsAfter = payLineInputs(after.checked);
  const inputsBefore = payLineInputs(before.checked);
  const lines = [...new Set([...b.keys(), ...a.keys()])];
  return lines.map((line) => {
    const reads = new Set([...(inputsAfter.get(line) ?? []), ...(inputsBefore.get(line) ?? [])]);
    const because = changes.filter((c) => c.name === line || reads.has(c.name));
    const x = b.get(line) ?? 0;
    const y = a.get(line) ?? 0;
    return { line, before: x, after: y, delta: y - x, because };
  }).filter((l) => l.delta !== 0 || l.because.length > 0);
}

export interface SchemeFigures {
  readonly policy: string;
  readonly name: string;
  /** Inputs the scheme reads that the data lacks: the scheme is not computed rather than computed on made-up data. */
  readonly missing: readonly string[];
  readonly personMonths: number;
  /** Fen. */
  readonly totalCost: number;
  readonly mean: number;
  readonly median: number;
  readonly p10: number;
  readonly p90: number;
  /** p90 / p10 of monthly pay. */
  readonly spread: number;
  readonly byTier: Readonly<Record<string, number>>;
  readonly promotions: number;
  readonly demotions: number;
  /** Share of people flagged for dismissal at least once (NaN: the scheme has no dismissal flag). */
  readonly dismissalShare: number;
  /** Person-months at each grade of the policy's grade column (`outputs.grade`, or its one band of grades); empty when
   * it has none. */
  readonly byGrade?: Readonly<Record<string, number>>;
}

export function schemeFigures(policy: string, checked: CheckedPolicy, ran: Ran): SchemeFigures {
  const { ruleSet, population, result } = ran;
  const dismissal = new Set(checked.policy.flags.filter((f) => f.level === 'dismissal').map((f) => f.name));
  const flagCols = ruleSet.outputs.map((o, k) => (o.kind === 'flag' && dismissal.has(o.name) ? k : -1)).filter((k) => k >= 0);
  const n = population.people.length;
  // Every present person-month's total, in a column made at its largest size (sorted below as numbers).
  const totals = new Float64Array(population.present.reduce((a, p) => a + p.reduce((b, x) => b + x, 0), 0));
  let count = 0;
  // By tier index, the last for people without a tier ('—'); who was present, who was flagged: columns, not sets.
  const tierSum = new Float64Array(ruleSet.tiers.length + 1);
  const tierCount = new Float64Array(ruleSet.tiers.length + 1);
  const present_ = new Uint8Array(n);
  const flagged_ = new Uint8Array(n);
  result.months.forEach(({ O, tier, total }, m) => {
    const present = population.present[m]!;
    const flags = flagCols.map((k) => O[k]!);
    for (let i = 0; i < n; i++) {
      if (!present[i]) continue;
      present_[i] = 1;
      const x = total[i]!;
      if (x !== x) continue;
      totals[count++] = x;
      const t = tier[i]!;
      const at = t === t && t >= 0 && t < ruleSet.tiers.length ? t : ruleSet.tiers.length;
      tierSum[at] += x;
      tierCount[at]++;
      for (const f of flags) if (f[i] === 1) flagged_[i] = 1;
    }
  });
  // Keyed by the policy's tier names: a null prototype, so a tier called __proto__ is a key like any other (issue 20).
  const byTier: Record<string, number> = Object.create(null) as Record<string, number>;
  // In ladder order, then people without a tier.
  tierCount.forEach((c, k) => { if (c) byTier[k < ruleSet.tiers.length ? ruleSet.tiers[k]! : '—'] = Math.round(tierSum[k]! / c); });
  const peopleCount = present_.reduce((a, b) => a + b, 0);
  const flaggedCount = flagged_.reduce((a, b) => a + b, 0);
  // Whole fen: sorted as numbers, without a comparator call per comparison; summed exactly in any order.
  const sorted = totals.subarray(0, count).sort();
  let totalCost = 0;
  for (let k = 0; k < count; k++) totalCost += sorted[k]!;
  const moves = movesOfColumns(result);
  const p10 = quantile(sorted, 0.1);
  const p90 = quantile(sorted, 0.9);
  // The grade column as `ladder run` shows it: person-months at each grade, in the order grades first appear.
  const gradeName = outputColumns(checked.policy).grade;
  const byGrade: Record<string, number> = Object.create(null) as Record<string, number>;
  if (gradeName !== undefined) {
    for (const r of result.rows) {
      const g = r.values[gradeName];
      if (g !== null && g !== undefined) byGrade[String(g)] = (byGrade[String(g)] ?? 0) + 1;
    }
  }
  return {
    policy, name: checked.policy.meta.name, missing: [],
    personMonths: count, totalCost,
    mean: count ? Math.round(totalCost / count) : NaN,
    median: quantile(sorted, 0.5), p10, p90,
    spread: p10 > 0 ? p90 / p10 : NaN,
    byTier,
    promotions: moves.promoted, demotions: moves.demoted,
    // A scheme without a dismissal flag has no share to show (—), which is not the same as nobody flagged (0%).
    dismissalShare: !flagCols.length ? NaN : peopleCount ? flaggedCount / peopleCount : 0,
    ...(gradeName !== undefined ? { byGrade } : {}),
  };
}

export const yuan = (f: number) => (Number.isNaN(f) ? '—' : formatFen(Math.round(f)));

/** A scheme of a compare, compiled and its data loaded and checked. */
export interface LoadedScheme {
  /** Its policy file, as SchemeFigures.policy. */
  readonly name: string;
  readonly checked: CheckedPolicy;
  readonly ruleSet: RuleSet;
  readonly data: EmployeeData;
  readonly span?: MonthSpan;
}

/**
 * The figures of each scheme on its data, in order (a scheme already summed up, e.g. not computed, stays as it is).
 * The schemes run one after another on the same columns: once a scheme's figures are made, its inputs and results
 * are given back and the next takes them (runtime/columns.ts), so a compare's memory does not grow with its schemes.
 */
export function figuresOfSchemes(schemes: readonly (LoadedScheme | SchemeFigures)[]): SchemeFigures[] {
  const pool = new ColumnPool();
  return schemes.map((s) => {
    if (!('ruleSet' in s)) return s;
    const population = toPopulation(s.ruleSet, s.data, s.span, pool);
    const result = run(s.ruleSet, population, { pool });
    // Pay that cannot be computed is not summed into figures: the scheme is listed with the lines and causes.
    const figures = result.problems.length || result.untracedProblems
      ? notComputed(s.name, [...new Set(result.problems.map((p) => `R001 ${p.line}: ${causeText(s.ruleSet, p.cause).en}`))].slice(0, 3))
      : schemeFigures(s.name, s.checked, { ruleSet: s.ruleSet, population, result });
    giveBackRun(pool, population, result);
    return figures;
  });
}

/** A scheme that was not computed because its policy or the data for it has problems: listed with what it lacks. */
export function notComputed(policy: string, missing: readonly string[]): SchemeFigures {
  return { policy, name: policy, missing, personMonths: 0, totalCost: NaN, mean: NaN, median: NaN, p10: NaN, p90: NaN, spread: NaN, byTier: {}, promotions: 0, demotions: 0, dismissalShare: NaN };
}

/**
 * A diff as the tables of its workbook (what `ladder diff --format xlsx` writes and the playground downloads): the
 * rule changes, payroll by month and each person's period totals. The people table alone is the diff's CSV.
 */
export function diffTables(report: DiffReport): NamedTable[] {
  // Yuan as text with two decimals (as every results table writes money): a number in the workbook, exact in the CSV.
  const money = yuan;
  return [
    { name: 'changes', rows: [['section', 'name', 'what', 'before', 'after', '说明', 'description'], ...report.changes.map((c) => [c.section, c.name, c.what, c.before ?? '', c.after ?? '', c.zh, c.en])] },
    { name: 'payroll', rows: [['month', 'old', 'new', 'change'], ...report.months.map((m) => [m.month, money(m.before), money(m.after), money(m.after - m.before)])] },
    { name: 'people', rows: [['employee', 'name', 'old', 'new', 'change'], ...report.people.map((p) => [p.employee, p.name ?? '', money(p.before), money(p.after), money(p.delta)])] },
  ];
}

/** Schemes side by side, one column each, one row per figure: what `ladder compare` prints and the playground shows.
 * `money` formats fen (the CLI prints plain decimals; the page adds thousands separators). */
export function compareTable(figures: readonly SchemeFigures[], lang: 'zh' | 'en', money: (fen: number) => string = yuan): { header: string[]; rows: string[][] } {
  const zh = lang === 'zh';
  const label = [zh ? '人月数' : 'person-months', zh ? '总成本' : 'total cost', zh ? '月均' : 'mean', zh ? '中位数' : 'median', 'p10', 'p90', zh ? '差距 p90/p10' : 'spread p90/p10', zh ? '晋升' : 'promotions', zh ? '降级' : 'demotions', zh ? '可辞退占比' : 'dismissal share', zh ? '按职级月均' : 'mean by tier', zh ? '等级人月数' : 'person-months by grade', zh ? '数据缺少' : 'data lacks'];
  const columns = figures.map((f) => [String(f.personMonths), money(f.totalCost), money(f.mean), money(f.median), money(f.p10), money(f.p90), Number.isNaN(f.spread) ? '—' : f.spread.toFixed(2), String(f.promotions), String(f.demotions), Number.isNaN(f.dismissalShare) ? '—' : `${(f.dismissalShare * 100).toFixed(1)}%`, Object.entries(f.byTier).map(([t, v]) => `${t} ${money(v)}`).join('; '), f.byGrade ? Object.entries(f.byGrade).map(([g, c]) => `${g} ${c}`).join('; ') : '—', f.missing.join('; ')]);
  return { header: ['', ...figures.map((f) => f.name)], rows: label.map((l, k) => [l, ...columns.map((c) => c[k]!)]) };
}
