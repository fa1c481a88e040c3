// The playground's engine: the same compile → load → run → report pipeline as the CLI, kept warm between edits.
// It runs inside the Web Worker (worker.ts); it is plain TypeScript over the library, so the tests run it in Node.
//
// What is cached and why: compiling is cheap but loading and validating the data is not, and the data a policy
// needs changes only when its inputs or event kinds change — so a load is kept per data version and requirement
// set. Runs are kept per policy text, so switching between the views of one policy never recomputes.

import { compile, type CompileResult } from '../../../compiler/compile.ts';
import type { PolicyName } from '../../../compiler/service/symbols.ts';
import { type EditorMarker, markerOf, namesOf } from '../../../compiler/service/editor.ts';
import type { RuleSet } from '../../../compiler/codegen/generate.ts';
import { type DataSources, type LoadResult, type Table, type TableSource, TableReads, headerKey, isTable, loadTables } from '../../../runtime/data/load.ts';
import { type DataProblem, clip, renderDataProblem } from '../../../runtime/data/messages.ts';
import { dataRequirements } from '../../../runtime/data/requirements.ts';
import { toPopulation } from '../../../runtime/data/to-population.ts';
import { explain, type ExplainNode } from '../../../runtime/explain.ts';
import { roundToFen } from '../../../runtime/money.ts';
import type { Population } from '../../../runtime/population.ts';
import { type GeneratedPopulation, tableOf } from '../../../runtime/gen/population.ts';
import { runPolicyTests } from '../../../runtime/policy-tests.ts';
import { decode, run, type RunResult } from '../../../runtime/run.ts';
import { outputColumns } from '../../../compiler/model/outputs.ts';
import { renderRunProblems } from '../../../runtime/run-problems.ts';
import { unmetText, unmetValues } from '../../../runtime/unmet-values.ts';
import { policyChanges } from '../../../runtime/simulate/changes.ts';
import { compareHtml, diffHtml, payslipsHtml, sweepHtml } from '../../../runtime/simulate/html.ts';
import { type SweepPoint, sweepPoint, sweepPointRefused, sweepTable, sweepTarget, sweepValues, withValue, withinBudget } from '../../../runtime/simulate/sweep.ts';
import type { SweepAnswer } from '../protocol.ts';
import { type Payslip, payslips } from '../../../runtime/payslip.ts';
import { resultShape, toTable } from '../../../runtime/results.ts';
import type { NamedTable } from '../../../runtime/workbook.ts';
import { type QuotaReport, quotaReports } from '../../../runtime/quotas.ts';
import { dataNotices } from '../../../runtime/data/notices.ts';
import { policyBase, withPolicyEvents } from '../../../runtime/data/policy-events.ts';
export { policyBase } from '../../../runtime/data/policy-events.ts';
import { type DiffReport, type SchemeFigures, diffRuns, notComputed, schemeFigures, whyPersonMoved, type LineMovement } from '../../../runtime/simulate/report.ts';
import type { Lang } from '../../../compiler/diagnostics/catalogue.ts';
import { type SourceFile, lineIndexOf } from '../../../compiler/source/source.ts';

/** The data the playground runs on: the three standard tables, and per policy the events only it declares. */
export interface DataTables {
  readonly label: string;
  /** A missing table is the loader's problem (D019), reported when a policy runs. */
  readonly employees?: TableSource;
  readonly monthly?: TableSource;
  readonly events?: TableSource;
  /** Events of kinds one policy declares (its violations), keyed by the policy's file name without .yaml. */
  readonly policyEvents?: Readonly<Record<string, Table>>;
}

/** A change HR typed into one person's month: the cell of the monthly table, as text like any uploaded cell. */
export interface InputEdit {
  readonly employee: string;
  readonly month: string;
  readonly column: string;
  readonly value: string;
}

export type { EditorMarker } from '../../../compiler/service/editor.ts';

export interface CheckView {
  readonly ok: boolean;
  readonly markers: readonly EditorMarker[];
  /** The policy's own names (empty when the YAML itself does not parse) and the built-ins. */
  readonly names: readonly PolicyName[];
  /** The policy's `tests:` examples, run as `ladder test` runs them; a failing one is also a marker at its value. */
  readonly tests: { readonly passed: number; readonly failed: number; readonly skipped: number };
}

export interface ResultLine {
  readonly person: number;
  readonly month: number;
  readonly tier: string | null;
  readonly star: number | null;
  /** Fen, each pay line rounded with the policy's rule; NaN where a line could not be computed. */
  readonly total: number;
  readonly lines: readonly number[];
  /** The score and grade columns' values (RunView.scoreName, gradeName), as `ladder run` shows them. */
  readonly score?: string;
  readonly grade?: string;
  readonly flags: readonly string[];
  /** What moved this month (a star rating, a promotion, a placement): worded by the page in its language. */
  readonly changes: readonly { readonly kind: 'star' | 'promoted' | 'demoted' | 'placed'; readonly from: string; readonly to: string }[];
}

export interface RunView {
  readonly policy: string;
  readonly months: readonly string[];
  readonly people: readonly { readonly id: string; readonly name?: string; readonly team?: string }[];
  readonly payLines: readonly string[];
  /** The policy's score and grade columns (its `outputs:`, or the default of compiler/model/outputs.ts). */
  readonly scoreName?: string;
  readonly gradeName?: string;
  readonly rows: readonly ResultLine[];
  /** Payroll per month, fen. */
  readonly payroll: readonly number[];
  readonly byTier: readonly { readonly tier: string; readonly mean: number; readonly count: number }[];
  /** What each star quota did at each rating (as `ladder quota` lists it). */
  readonly quotas: readonly QuotaReport[];
  /** What the run assumes for dates the employees table leaves out (as the CLI says on stderr). */
  readonly notices: readonly { readonly zh: string; readonly en: string }[];
  readonly computeMs: number;
}

export type RunOutcome =
  | { readonly kind: 'ran'; readonly view: RunView }
  | { readonly kind: 'policy-errors'; readonly check: CheckView }
  | { readonly kind: 'data-problems'; readonly problems: readonly DataProblemView[] }
  /** Pay that cannot be computed for some person-months: each pay line and cause, as `ladder run` says it. */
  | { readonly kind: 'run-problems'; readonly problems: readonly string[] };

export interface DataProblemView {
  readonly code: string;
  readonly file: string;
  readonly row: number;
  readonly column: string;
  readonly value: string;
  readonly text: string;
}

interface Ran {
  readonly compiled: CompileResult & { readonly ruleSet: RuleSet; readonly checked: NonNullable<CompileResult['checked']> };
  readonly population: Population;
  readonly result: RunResult;
  /** What the run assumes for dates the employees table leaves out. */
  readonly notices: readonly { readonly zh: string; readonly en: string }[];
}

type RunAttempt = { ok: true; ran: Ran } | { ok: false; outcome: RunOutcome };

const MAX_CACHED = 16;

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  cache.set(key, value);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as K);
  return value;
}

export class Session {
  private data: DataTables | undefined;
  private edits: InputEdit[] = [];
  private dataVersion = 0;
  private readonly compiled = new Map<string, CompileResult>();
  private readonly loads = new Map<string, LoadResult>();
  private readonly populations = new Map<string, Population>();
  /** Column reads shared by every policy loading the same tables (the loader keys them by table object, so the
   * edited monthly table and each policy's events table are made once per data version). */
  private reads = new TableReads();
  private edited: Table | undefined;
  private readonly eventTables = new Map<string, TableSource | undefined>();
  private readonly runs = new Map<string, RunAttempt>();

  setData(data: DataTables): void {
    this.data = data;
    this.edits = [];
    this.bump();
  }

  setEdits(edits: readonly InputEdit[]): void {
    this.edits = [...edits];
    this.bump();
  }

  get dataLabel(): string | undefined {
    return this.data?.label;
  }

  private bump(): void {
    this.dataVersion++;
    this.loads.clear();
    this.populations.clear();
    this.runs.clear();
    this.reads = new TableReads();
    this.edited = undefined;
    this.eventTables.clear();
  }

  compile(name: string, text: string): CompileResult {
    const key = `${name}\u0000${text}`;
    return this.compiled.get(key) ?? remember(this.compiled, key, compile({ name, text }));
  }

  check(name: string, text: string, lang: Lang): CheckView {
    const c = this.compile(name, text);
    const markers = c.diagnostics.map((d) => markerOf(c, d, lang));
    const tests = { passed: 0, failed: 0, skipped: 0 };
    if (c.ok) {
      for (const t of runPolicyTests(c)) {
        if (t.status === 'pass') { tests.passed++; continue; }
        if (t.status === 'skip') { tests.skipped++; continue; }
        tests.failed++;
        for (const d of t.differences) {
          markers.push(positioned(c.file, {
            code: 'TEST', severity: 'warning', start: d.span.start, end: d.span.end,
            message: lang === 'zh' ? `示例“${t.name}”：${d.what} 期望 ${d.expected}，实际 ${d.actual}` : `example '${t.name}': ${d.what} expected ${d.expected}, got ${d.actual}`,
            related: [],
          }));
        }
      }
    }
    return { ok: c.ok, markers, names: namesOf(c), tests };
  }

  /** Compiles, loads (validating the data against what the policy reads) and runs. `keep`: remember the run (a
   * sweep's many variants are not kept, so they do not push the open policies' runs out). */
  private attempt(name: string, text: string, lang: Lang, keep = true): RunAttempt {
    const key = `${name}\u0000${text}\u0000${lang}`;
    const known = this.runs.get(key);
    if (known) return known;
    return this.attemptWith(keep ? this.runs : new Map(), key, name, text, lang);
  }

  private attemptWith(runs: Map<string, RunAttempt>, key: string, name: string, text: string, lang: Lang): RunAttempt {
    const compiled = this.compile(name, text);
    if (!compiled.ok || !compiled.ruleSet || !compiled.checked) {
      return remember(runs, key, { ok: false, outcome: { kind: 'policy-errors', check: this.check(name, text, lang) } });
    }
    if (!this.data) return { ok: false, outcome: { kind: 'data-problems', problems: [] } };
    const requirements = dataRequirements(compiled);
    const sources = this.sourcesFor(name);
    const loadKey = `${policyBase(name)}\u0000${JSON.stringify(requirements)}`;
    const loaded = this.loads.get(loadKey) ?? remember(this.loads, loadKey, loadTables(sources, requirements, this.reads));
    if (loaded.problems.length) {
      return remember(runs, key, { ok: false, outcome: { kind: 'data-problems', problems: loaded.problems.map((p) => problemView(p, lang)) } });
    }
    // An edit that changes a number, a formula or a rule leaves the input columns as they were: reuse them.
    const rs = compiled.ruleSet;
    const popKey = `${loadKey}\u0000${JSON.stringify([rs.inputs.map((i) => [i.name, i.aliases]), rs.inputCoding, rs.strings])}`;
    const population = this.populations.get(popKey) ?? remember(this.populations, popKey, toPopulation(rs, loaded.data));
    const result = run(compiled.ruleSet, population);
    if (result.problems.length || result.untracedProblems) {
      const problems = renderRunProblems(result.problems, result.untracedProblems, rs, compiled.file, lang);
      return remember(runs, key, { ok: false, outcome: { kind: 'run-problems', problems } });
    }
    return remember(runs, key, { ok: true, ran: { compiled: compiled as Ran['compiled'], population, result, notices: [...dataNotices(rs, loaded.data), ...unmetValues(rs, population).map(unmetText)] } });
  }

  run(name: string, text: string, lang: Lang): RunOutcome {
    const t0 = performance.now();
    const a = this.attempt(name, text, lang);
    if (!a.ok) return a.outcome;
    return { kind: 'ran', view: runView(a.ran, performance.now() - t0) };
  }

  explain(name: string, text: string, employee: string, month: string, lang: Lang): ExplainNode | undefined {
    const a = this.attempt(name, text, lang);
    if (!a.ok) return undefined;
    const { compiled, population, result } = a.ran;
    const person = population.people.findIndex((p) => p.id === employee);
    const m = population.months.indexOf(month);
    if (person < 0 || m < 0 || !population.present[m]![person]) return undefined;
    return explain(compiled.checked, compiled.ruleSet, population, result, person, m);
  }

  /** The monthly inputs of one person's month as the data has them: what the edit panel shows and changes. */
  inputsOf(name: string, text: string, employee: string, month: string): { column: string; label?: string; type: string; value: string }[] {
    const compiled = this.compile(name, text);
    const monthly = this.editedMonthly();
    if (!compiled.checked || !monthly) return [];
    const find = columnFinder(monthly.header);
    const idCol = find('id', ['工号']);
    const monthCol = find('month', ['月份']);
    const row = monthly.rows.find((r) => r.cells[idCol] === employee && r.cells[monthCol] === month);
    return dataRequirements(compiled).monthly
      .filter((c) => c.policy)
      .map((c) => {
        const col = find(c.name, c.aliases);
        return { column: col >= 0 ? monthly.header[col]! : c.name, ...(c.aliases[0] ? { label: c.aliases[0] } : {}), type: c.type, value: col >= 0 && row ? row.cells[col] ?? '' : '' };
      });
  }

  diff(before: { name: string; text: string }, after: { name: string; text: string }, lang: Lang, employee?: string):
    | { ok: true; report: DiffReport; html: string; why?: LineMovement[] }
    | { ok: false; policy: string; outcome: RunOutcome } {
    const a = this.attempt(before.name, before.text, lang);
    if (!a.ok) return { ok: false, policy: before.name, outcome: a.outcome };
    const b = this.attempt(after.name, after.text, lang);
    if (!b.ok) return { ok: false, policy: after.name, outcome: b.outcome };
    const changes = policyChanges(a.ran.compiled.checked, b.ran.compiled.checked);
    const report = diffRuns(changes, ranOf(a.ran), ranOf(b.ran));
    const title = `${a.ran.compiled.checked.policy.meta.name} → ${b.ran.compiled.checked.policy.meta.name}`;
    const why = employee ? whyPersonMoved(employee, changes, { checked: a.ran.compiled.checked, result: a.ran.result }, { checked: b.ran.compiled.checked, result: b.ran.result }) : undefined;
    return { ok: true, report, html: diffHtml(report, title), ...(why ? { why } : {}) };
  }

  /** A month's statements (工资条) for everyone present, as one printable HTML file (what `ladder payslip` writes). */
  payslips(name: string, text: string, month: string, lang: Lang): { html: string | null; count: number } {
    const slips = this.payslipsOf(name, text, month, lang);
    if (!slips) return { html: null, count: 0 };
    return { html: payslipsHtml(slips, `${this.compile(name, text).checked!.policy.meta.name} ${month} 工资条 payslips`), count: slips.length };
  }

  /** A month's statements of everyone present; undefined when the policy did not run or the month is not in the data. */
  payslipsOf(name: string, text: string, month: string, lang: Lang): Payslip[] | undefined {
    const a = this.attempt(name, text, lang);
    if (!a.ok) return undefined;
    const { compiled, population, result } = a.ran;
    const m = population.months.indexOf(month);
    return m < 0 ? undefined : payslips(compiled.checked, compiled.ruleSet, population, result, m);
  }

  /** The run's results as the table `ladder run --format csv|xlsx` writes; undefined when the policy did not run. */
  resultTables(name: string, text: string, lang: Lang): NamedTable[] | undefined {
    const a = this.attempt(name, text, lang);
    if (!a.ok) return undefined;
    const table = toTable(a.ran.result, resultShape(a.ran.compiled.checked.policy));
    return [{ name: 'results', rows: [table.header, ...table.rows] }];
  }

  /** One number of the policy at each of several values, on the same people (what `ladder sweep` does). */
  sweep(policy: { name: string; text: string }, path: string, values: string, budgetYuan: number | undefined, lang: Lang): SweepAnswer {
    const target = sweepTarget(policy.text, path);
    if ('problem' in target) return { ok: false, message: target.problem[lang] };
    const list = sweepValues(values);
    if ('problem' in list) return { ok: false, message: list.problem[lang] };
    const points: SweepPoint[] = [];
    for (const value of list) {
      const a = this.attempt(policy.name, withValue(policy.text, target, value), lang, false);
      if (a.ok) { points.push(sweepPoint(target, value, schemeFigures(policy.name, a.ran.compiled.checked, ranOf(a.ran)), ranOf(a.ran))); continue; }
      const o = a.outcome;
      // The data's problems are the same for every value: said once, not as a column of refusals.
      if (o.kind === 'data-problems') return { ok: false, message: o.problems.slice(0, 3).map((q) => q.text).join('\n') || (lang === 'zh' ? '没有数据' : 'no data') };
      points.push(sweepPointRefused(target, value, o.kind === 'policy-errors' ? o.check.markers.filter((m) => m.severity === 'error').map((m) => `${m.code} ${m.message}`) : o.kind === 'run-problems' ? o.problems.slice(0, 3) : []));
    }
    const budget = budgetYuan !== undefined ? Math.round(budgetYuan * 100) : undefined;
    const title = `${policy.name}: ${target.path} = ${points.map((p) => p.written).join(', ')}`;
    return {
      ok: true, points, table: sweepTable(target, points, lang, budget),
      ...(budget !== undefined ? { within: withinBudget(points, budget).within.map((p) => p.written) } : {}),
      html: sweepHtml(target.path, points, title, budget),
    };
  }

  /** Several schemes on the same people. A scheme whose inputs the data lacks is listed with what it lacks. */
  compare(policies: readonly { name: string; text: string }[], lang: Lang): { figures: SchemeFigures[]; html: string } {
    const figures = policies.map((p): SchemeFigures => {
      const a = this.attempt(p.name, p.text, lang);
      if (a.ok) return schemeFigures(p.name, a.ran.compiled.checked, ranOf(a.ran));
      const missing = a.outcome.kind === 'data-problems'
        ? [...new Set(a.outcome.problems.filter((q) => q.code === 'D001').map((q) => q.column))]
        : [];
      const o = a.outcome;
      const lacks = missing.length ? missing : o.kind === 'data-problems' ? o.problems.slice(0, 3).map((q) => q.text)
        : o.kind === 'policy-errors' ? o.check.markers.filter((m) => m.severity === 'error').slice(0, 3).map((m) => `${m.line}:${m.column} ${m.code} ${m.message}`)
        : o.kind === 'run-problems' ? o.problems.slice(0, 3) : [];
      return notComputed(p.name, lacks);
    });
    return { figures, html: compareHtml(figures, lang === 'zh' ? '方案对比' : 'Schemes compared') };
  }

  /** The monthly table with the edits applied (edits apply to tables read from CSV or a workbook). */
  private editedMonthly(): Table | undefined {
    const monthly = this.data?.monthly;
    if (!monthly || !isTable(monthly)) return undefined;
    if (!this.edits.length) return monthly;
    this.edited ??= this.applyEdits(monthly);
    return this.edited;
  }

  private applyEdits(monthly: Table): Table {
    const header = monthly.header;
    const find = columnFinder(header);
    const idCol = find('id', ['工号']);
    const monthCol = find('month', ['月份']);
    const byRow = new Map<string, InputEdit[]>();
    for (const e of this.edits) byRow.set(`${e.employee}\u0000${e.month}`, [...(byRow.get(`${e.employee}\u0000${e.month}`) ?? []), e]);
    let extraHeader = [...header];
    for (const e of this.edits) if (!extraHeader.includes(e.column)) extraHeader = [...extraHeader, e.column];
    const rows = monthly.rows.map((r) => {
      const edits = byRow.get(`${r.cells[idCol]}\u0000${r.cells[monthCol]}`);
      if (!edits) return r;
      const cells = [...r.cells];
      for (const e of edits) cells[extraHeader.indexOf(e.column)] = e.value;
      return { row: r.row, cells };
    });
    return { ...monthly, header: extraHeader, rows };
  }

  private sourcesFor(name: string): DataSources {
    const d = this.data!;
    const base = policyBase(name);
    if (!this.eventTables.has(base)) {
      this.eventTables.set(base, withPolicyEvents(d.events ? { events: d.events } : {}, d.policyEvents?.[base]).events);
    }
    const events = this.eventTables.get(base);
    const monthly = this.editedMonthly() ?? d.monthly;
    return { ...(d.employees ? { employees: d.employees } : {}), ...(monthly ? { monthly } : {}), ...(events ? { events } : {}) };
  }
}

/** Finds a column the way the loader does: by name or alias, after NFKC and trimming, ignoring ASCII case. */
function columnFinder(header: readonly string[]): (name: string, aliases: readonly string[]) => number {
  const keys = header.map(headerKey);
  return (name, aliases) => {
    for (const n of [name, ...aliases]) {
      const at = keys.indexOf(headerKey(n));
      if (at >= 0) return at;
    }
    return -1;
  };
}

/** A generated population as the data the session runs on: the shared tables, each policy's violations apart. */
export function generatedData(label: string, gen: GeneratedPopulation): DataTables {
  return {
    label, employees: tableOf('employees.csv', gen.employees), monthly: tableOf('monthly.csv', gen.monthly), events: tableOf('events.csv', gen.events),
    policyEvents: Object.fromEntries(gen.violations.map((v) => [v.policy, tableOf(`violations/${v.policy}.csv`, v.table)])),
  };
}

function ranOf(r: Ran): { ruleSet: RuleSet; population: Population; result: RunResult } {
  return { ruleSet: r.compiled.ruleSet, population: r.population, result: r.result };
}

/** A marker with its 1-based line and column (UTF-16 code units, as the editor counts) filled in from its start. */
function positioned(file: SourceFile, m: Omit<EditorMarker, 'line' | 'column'>): EditorMarker {
  const line = lineIndexOf(file, m.start);
  return { ...m, line: line + 1, column: m.start - file.lineStarts[line]! + 1 };
}

function problemView(p: DataProblem, lang: Lang): DataProblemView {
  return { code: p.code, file: p.sheet ? `${p.file}:${p.sheet}` : p.file, row: p.row, column: clip(p.column), value: clip(p.value), text: renderDataProblem(p, lang) };
}

function runView(ran: Ran, ms: number): RunView {
  const { compiled, population, result } = ran;
  const rs = compiled.ruleSet;
  const lineSlots = rs.outputs.map((o, k) => (o.kind === 'payLine' ? k : -1)).filter((k) => k >= 0);
  const flagSlots = rs.outputs.map((o, k) => (o.kind === 'flag' ? k : -1)).filter((k) => k >= 0);
  const columns = outputColumns(compiled.checked.policy);
  const slotOf = (name: string | undefined) => (name === undefined ? -1 : rs.outputs.findIndex((o) => o.name === name && o.kind !== 'state'));
  const scoreSlot = slotOf(columns.score);
  const gradeSlot = slotOf(columns.grade);
  const strings = population.strings ?? rs.strings;
  const shown = (k: number, x: number) => { const v = decode(rs.outputs[k]!.coding, x, rs, strings); return v === null ? '' : typeof v === 'number' ? String(Math.round(v * 1e6) / 1e6) : String(v); };
  const rows: ResultLine[] = [];
  const payroll: number[] = [];
  const tiers = new Map<string, { sum: number; count: number }>();
  result.months.forEach(({ O, total: totals, tier, star, changes }, m) => {
    const present = population.present[m]!;
    const changed = new Map<number, ResultLine['changes'][number][]>();
    for (const c of changes) changed.set(c.person, [...(changed.get(c.person) ?? []), { kind: c.kind, from: c.from, to: c.to }]);
    let monthSum = 0;
    for (let i = 0; i < population.people.length; i++) {
      if (!present[i]) continue;
      const lines = lineSlots.map((k) => {
        const x = O[k]![i]!;
        return Number.isNaN(x) ? NaN : roundToFen(x, rs.meta.precision, rs.meta.rounding);
      });
      // The run's own total: the lines as rounded above, summed once by the runner.
      const total = totals[i]!;
      if (!Number.isNaN(total)) monthSum += total;
      const t = tier[i]!;
      const tierName = Number.isNaN(t) ? null : rs.tiers[t] ?? null;
      const s = star[i]!;
      rows.push({
        person: i, month: m, tier: tierName, star: Number.isNaN(s) ? null : s, total, lines,
        ...(scoreSlot >= 0 ? { score: shown(scoreSlot, O[scoreSlot]![i]!) } : {}),
        ...(gradeSlot >= 0 ? { grade: shown(gradeSlot, O[gradeSlot]![i]!) } : {}),
        flags: flagSlots.filter((k) => O[k]![i] === 1).map((k) => rs.outputs[k]!.name),
        changes: changed.get(i) ?? [],
      });
      const key = tierName ?? '—';
      const e = tiers.get(key) ?? { sum: 0, count: 0 };
      if (!Number.isNaN(total)) { e.sum += total; e.count++; }
      tiers.set(key, e);
    }
    payroll.push(monthSum);
  });
  const order = [...rs.tiers, '—'];
  return {
    policy: compiled.checked.policy.meta.name,
    months: population.months,
    people: population.people.map((p) => ({ id: p.id, ...(p.name !== undefined ? { name: p.name } : {}), ...(p.team !== undefined ? { team: p.team } : {}) })),
    payLines: lineSlots.map((k) => rs.outputs[k]!.name),
    ...(scoreSlot >= 0 ? { scoreName: columns.score! } : {}),
    ...(gradeSlot >= 0 ? { gradeName: columns.grade! } : {}),
    rows,
    payroll,
    byTier: [...tiers].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0])).map(([tier, e]) => ({ tier, mean: e.count ? Math.round(e.sum / e.count) : 0, count: e.count })),
    quotas: quotaReports(compiled.checked, population, result),
    notices: ran.notices,
    computeMs: ms,
  };
}
