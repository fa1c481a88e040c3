// IR → executable rule set: straight-line JavaScript over columns. Each stage is one loop over the people of a
// month; stages are cut where a rule ranks people against each other (rank, top, team_avg, awards), because those
// need everyone's value first. Every value is a number in a Float64Array column (money in yuan, true/false as 1/0,
// tiers, enum and text values as indexes).
//
// The code is emitted from the checked tree only: locals and columns are numbered (v3, O3, H2), policy names and
// strings never appear in it (strings and enum values are dictionary indexes), and numbers only as finite literals.

import { measure, quantityOf, weightFraction } from '../check/amounts.ts';
import type { CheckedFormula } from '../check/formulas.ts';
import { type ComputedRef, type SymbolRef, computedKey } from '../check/scope.ts';
import { literalUnit, literalValue, type Type } from '../check/types.ts';
import { type Expr, childrenOf } from '../expr/ast.ts';
import type { IrInput, RuleIr } from '../ir/build.ts';
import type * as P from '../model/policy.ts';
import { type Amount, amountRange } from '../model/quantity.ts';
import { tableVersions, valueChanges } from '../model/dated.ts';
import type { Span } from '../source/source.ts';
import { type ColumnRead, type Lowered, type PlanLine, type PlanTable, STATE_NAMES, type StateName, type WindowSpec, readsOf } from '../plan/plan.ts';
import { HELPERS_BINDING, STAGE_HELPERS } from './helpers.ts';
import { BUILTIN_FUNCTIONS, type PopulationWanted } from '../builtins/functions.ts';
import { type PrintContext, printStage } from './print.ts';
import { isNumberTable } from '../check/rules.ts';
import { jsNumber } from './escape.ts';

export type OutputKind = ComputedRef['kind'] | 'state';

/** What a hidden `state` output feeds: a star or ladder rule the runtime applies between months. */
export type StateRole =
  | { readonly role: 'gate'; readonly index: number }
  | { readonly role: 'thresholdKey'; readonly key: string }
  | { readonly role: 'ruleWhen' | 'ruleStar'; readonly index: number }
  | { readonly role: 'quotaOf' | 'quotaRank'; readonly index: number }
  | { readonly role: 'quotaTie'; readonly index: number; readonly order: number }
  | { readonly role: 'override'; readonly index: number }
  | { readonly role: 'overrideRate'; readonly index: number }
  | { readonly role: 'transition'; readonly index: number }
  | { readonly role: 'placement'; readonly index: number }
  | { readonly role: 'initialStar' }
  | { readonly role: 'probationEnds' };

/** How a column's numbers read back as values. */
export type ValueCoding =
  | { readonly as: 'number' }
  | { readonly as: 'money' }
  /** A percent as a fraction (0.96 for 96%): read back as a number, shown as a percent. */
  | { readonly as: 'percent' }
  | { readonly as: 'bool' }
  | { readonly as: 'tier' }
  | { readonly as: 'track' }
  /** A day number (days since 1970-01-01). */
  | { readonly as: 'date' }
  | { readonly as: 'enum'; readonly values: readonly string[] }
  | { readonly as: 'text' };

export interface OutputSlot {
  readonly kind: OutputKind;
  readonly name: string;
  readonly span: Span;
  readonly coding: ValueCoding;
  readonly stage: number;
  readonly state?: StateRole;
}

/** A per-person, per-month series kept for history (avg over a quarter …) or ranked across people. */
export interface SeriesSlot {
  readonly span: Span;
  readonly use: 'history' | 'population';
  /** A series of a value the results keep anyway (avg(考核分, 上季度), rank(考核分)): the series is that output column
   * of each month, not a copy written beside it. The run marks its absent cells NaN (no value), as for any series. */
  readonly output?: number;
}

/** Work done between stages: ranks, top-N flags, team means and award winners, written to a population column. */
export interface PopulationOp {
  readonly afterStage: number;
  readonly op: 'rank' | 'rankLow' | 'topN' | 'topShare' | 'avg' | 'sum' | 'headCount' | 'share' | 'rankShare' | 'award';
  readonly scope: 'team' | 'department';
  /** The series ranked or averaged (for an award: its `by` key; -1 for a head count, which reads none). */
  readonly series: number;
  /** topN / topShare: the series holding n or the share. Award: `top` as a count or share. */
  readonly nSeries?: number;
  /** avg: the series saying who counts in the mean (1 counts); everyone of the scope gets the mean. */
  readonly among?: number;
  /** An award's eligibility, tie-breaks, amount, places, and its period: a quarterly award is given in the first
   * month of each quarter (its key should read the quarter before, e.g. avg(score, 上季度)). */
  readonly award?: { readonly among?: number; readonly tieBreaks: readonly number[]; readonly amount: number; readonly top: number; readonly share: boolean; readonly period: P.Period };
  /** Index of the population column the result goes to. */
  readonly result: number;
}

export type { WindowSpec } from '../plan/plan.ts';

/** Arguments of one stage function: everything as columns of the month computed. */
export interface StageArgs {
  readonly n: number;
  /** Month index within the run. */
  readonly m: number;
  /** Input columns of this month, in `inputs` order. */
  readonly I: readonly Float64Array[];
  /** State columns. */
  readonly S: StateColumns;
  /** Event aggregates per month: EV[month][kind * 3 + f], f = 0 count, 1 distinct sources, 2 amount. */
  readonly EV: readonly (readonly Float64Array[])[];
  /** Month index (within the run) of each person's latest event of each kind, up to this month; -Infinity if none. */
  readonly EVL: readonly Float64Array[];
  /** Series per month: H[series][month]. */
  readonly H: readonly (readonly Float64Array[])[];
  /** Window bounds for this month: W[2k], W[2k + 1] = first and last month index of window k (first > last if empty). */
  readonly W: Int32Array;
  /** Population results: P[k]. */
  readonly P: readonly Float64Array[];
  /** Output columns of this month. */
  readonly O: readonly Float64Array[];
  /** This month's version of each dated parameter (a table's rows, a value), by its slot in RuleSet.datedParameters. */
  readonly TV: Int32Array;
  /** Cumulative months in each tier: MI[tier]. */
  readonly MI: readonly Float64Array[];
  /** Whether stars are re-rated this month: the rating formulas are computed only then. */
  readonly rating: boolean;
}

export interface StateColumns {
  readonly active: Float64Array;
  readonly tier: Float64Array;
  readonly track: Float64Array;
  readonly star: Float64Array;
  readonly tenure: Float64Array;
  readonly cs_tenure: Float64Array;
  readonly months_in_tier: Float64Array;
  readonly employment_month: Float64Array;
  readonly regular: Float64Array;
  readonly probation: Float64Array;
  readonly age: Float64Array;
  readonly month_of_year: Float64Array;
  readonly leaves_this_month: Float64Array;
  readonly hire_date: Float64Array;
  readonly regular_date: Float64Array;
  readonly leave_date: Float64Array;
  readonly cs_start_date: Float64Array;
  readonly birth_date: Float64Array;
  readonly month_start: Float64Array;
  readonly month_end: Float64Array;
}

export type StageFunction = (a: StageArgs) => void;

/**
 * What is computed again when a star or tier moves within a month: per stage, a function over only the lines that
 * read the moved state (directly or through other values, series and population results), or null when none does;
 * and which population operators rank something that moved. Everything else keeps its first-pass value.
 */
export interface Rerun {
  readonly stages: readonly (StageFunction | null)[];
  readonly population: readonly boolean[];
}

export interface RuleSet {
  readonly name: string;
  readonly meta: P.PolicyMeta;
  readonly inputs: readonly IrInput[];
  /** How each input column is coded (enum inputs as indexes of their values). */
  readonly inputCoding: readonly ValueCoding[];
  readonly eventKinds: readonly string[];
  /** Parameters that change from a month on (a table's rows, a value): by slot, the month (YYYY-MM) each later
   * version starts. The run gives each month's version in StageArgs.TV[slot]. */
  readonly datedParameters: readonly { readonly from: readonly string[] }[];
  readonly outputs: readonly OutputSlot[];
  readonly series: readonly SeriesSlot[];
  readonly windows: readonly WindowSpec[];
  readonly population: readonly PopulationOp[];
  readonly populationColumns: number;
  readonly stages: readonly StageFunction[];
  /** After stars move (S.star), and after tiers move (S.tier, S.months_in_tier); made on first use, with the
   * generated source of their functions (made from the same lines as the stages). */
  readonly reruns: { readonly star: Rerun; readonly tier: Rerun; readonly regular: Rerun; readonly source: string };
  /** Probation ended by a rule (probation.ends_when, its output slot's role 'probationEnds'): when it takes effect. */
  readonly probation?: { readonly takesEffect: 'this_month' | 'next_month' };
  readonly tiers: readonly string[];
  /** Each tier's level: its position on its path (equivalent tiers on other tracks share levels). */
  readonly tierLevels: readonly number[];
  readonly tracks: readonly string[];
  /** The ladder's paths, each as tier indexes from the bottom (a track's main line and each branch). */
  readonly tierPaths: readonly (readonly number[])[];
  /** Each tier's tracks (track indexes): a person on a track is placed only at a tier of it. */
  readonly tierTracks: readonly (readonly number[])[];
  /** Each track's entry tier (tier index): the first `ladder.entry` on it, else its first tier. */
  readonly trackEntry: readonly number[];
  /** Which manual moves in the data the policy accepts (beside its transitions marked manual), and where that is said
   * (the ladder; absent without one): a move it does not accept is a run problem at the event's row. */
  readonly manualMoves: { readonly accept: P.ManualMoves; readonly span?: Span };
  /** Event kinds whose amount's range depends on the tier held (A4): per tier index, the range (absent: no row). */
  readonly eventAmountByTier: ReadonlyMap<string, { readonly span: Span; readonly ranges: readonly ({ readonly min: number; readonly max: number; readonly text: string } | undefined)[] }>;
  /** Text values met in formulas (literals); data text is added to the same dictionary by the runtime. */
  readonly strings: readonly string[];
  readonly stars?: P.StarsDecl;
  readonly transitions: readonly P.TransitionDecl[];
  readonly placement: readonly P.PlacementDecl[];
  /** Where a person without a tier starts when no placement rule places them (the ladder's entry). */
  readonly entryTier?: string;
  /** State columns the generated code reads (the runtime fills only these each month). */
  readonly stateUsed: ReadonlySet<string>;
  /** Event aggregate columns (kind × 3 + 0 count, 1 sources, 2 amount) the generated code reads. */
  readonly eventColumnsUsed: ReadonlySet<number>;
  /** Event kinds whose latest month (EVL, for months_since) the generated code reads. */
  readonly eventLatestUsed: ReadonlySet<number>;
  /** Whether a rule reads cumulative months in a tier (MI: months_in). */
  readonly readsMonthsInTier: boolean;
  /** Whether a rule reads events over a window of months (past months' event columns are then kept). */
  readonly readsEventWindows: boolean;
  /** The stages as data: what the generated source was printed from, and what explain evaluates. */
  readonly plan: Plan;
  /** The generated source, kept for review and tests. */
  readonly source: string;
}

const SCOPE: Record<string, 'team' | 'department'> = { team: 'team', department: 'department' };
const STATE_SET: ReadonlySet<string> = new Set(STATE_NAMES);

const num = (value: number): Lowered => ({ op: 'num', value });
const read = (r: ColumnRead): Lowered => ({ op: 'read', read: r });
const output = (slot: number): Lowered => read({ from: 'output', slot });

/** The plan of a rule set: each stage's lines (its loop's body, then the series ranked after it), and the data the
 * lines index (tables' cells, dated parameters' versions, tiers' levels). */
export interface Plan {
  readonly stages: readonly (readonly PlanLine[])[];
  /** Tables the lines read, by the policy's table index. */
  readonly tables: ReadonlyMap<number, PlanTable>;
  /** Values that change from a month on: each version's amount, by the policy's value index. */
  readonly datedValues: ReadonlyMap<number, readonly number[]>;
  /** Dated parameters in slot order (StageArgs.TV): a table's rows or a value. */
  readonly dated: readonly { readonly kind: 'table' | 'value'; readonly index: number; readonly from: readonly string[] }[];
  readonly tierLevels: readonly number[];
  /** The number of each policy expression lowered (a node's `src`). */
  readonly exprIds: ReadonlyMap<Expr, number>;
}

interface Item {
  readonly ref: ComputedRef;
  stage: number;
}

class Lowerer {
  readonly outputs: OutputSlot[] = [];
  readonly series: SeriesSlot[] = [];
  readonly windows: WindowSpec[] = [];
  readonly population: PopulationOp[] = [];
  readonly strings: string[] = [];
  populationColumns = 0;
  /** Loop bodies per stage. */
  readonly bodies: PlanLine[][] = [];
  /** Lines appended at the end of a stage's loop: series that later stages rank. */
  readonly tails: PlanLine[][] = [];
  readonly tables = new Map<number, PlanTable>();
  readonly datedValues = new Map<number, readonly number[]>();
  readonly dated: { kind: 'table' | 'value'; index: number; from: string[] }[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly stageOf = new Map<string, number>();
  private currentStage = 0;
  private temp = 0;
  /** Lines the expression being lowered needs first (temporaries, series written before a history read). */
  private pre: PlanLine[] = [];
  readonly tiers: string[];
  readonly tracks: string[];
  readonly tierLevels: number[];

  constructor(private readonly ir: RuleIr) {
    this.tiers = [...ir.checked.ladder.tiers];
    this.tracks = ir.checked.policy.ladder?.tracks.map((t) => t.name) ?? [];
    // A tier's level is its position on its path, counted from the track's bottom: a branch starts at the level of
    // the tier it leaves from (B: 中级客服专员 → 项目主管 is level 3, as 客服主管). Equivalent tiers on other tracks
    // compare by that level.
    const level = new Map<string, number>();
    for (const path of ir.checked.ladder.paths) {
      const base = level.get(path[0]!) ?? 0;
      path.forEach((t, k) => { if (!level.has(t)) level.set(t, base + k); });
    }
    this.tierLevels = this.tiers.map((t) => level.get(t) ?? 0);
  }

  private body(stage: number): PlanLine[] {
    while (this.bodies.length <= stage) { this.bodies.push([]); this.tails.push([]); }
    return this.bodies[stage]!;
  }

  private inputIndex(name: string): number {
    return this.ir.inputs.findIndex((i) => i.name === name);
  }

  private kindIndex(name: string): number {
    return this.ir.eventKinds.indexOf(name);
  }

  intern(s: string): number {
    let k = this.strings.indexOf(s);
    if (k < 0) { k = this.strings.length; this.strings.push(s); }
    return k;
  }

  private window(spec: WindowSpec): number {
    let k = this.windows.findIndex((w) => JSON.stringify(w) === JSON.stringify(spec));
    if (k < 0) { k = this.windows.length; this.windows.push(spec); }
    return k;
  }

  private newSeries(use: SeriesSlot['use'], span: Span, output?: number): number {
    this.series.push({ use, span, ...(output !== undefined ? { output } : {}) });
    return this.series.length - 1;
  }

  // ---- staging ----------------------------------------------------------------------------------------

  /** The stage an item runs in: after every item it reads, and after the ranking of anything it ranks. */
  stageItems(order: readonly ComputedRef[]): Item[] {
    const items: Item[] = [];
    for (const ref of order) {
      let stage = 0;
      for (const f of formulasOf(ref)) {
        const cf = this.ir.formulaOf(f);
        if (!cf) continue;
        stage = Math.max(stage, this.stageOfTree(cf.parsed.tree, cf));
      }
      if (ref.kind === 'award') {
        // An award ranks its `by` key across people: it runs one stage after everything the key reads.
        const decl = ref.decl;
        let argStage = 0;
        for (const f of [decl.by, ...(decl.among ? [decl.among] : []), ...decl.tieBreak]) {
          const cf = this.ir.formulaOf(f);
          if (cf) argStage = Math.max(argStage, this.stageOfTree(cf.parsed.tree, cf));
        }
        stage = Math.max(stage, argStage + 1);
      }
      this.stageOf.set(computedKey(ref), stage);
      items.push({ ref, stage });
    }
    return items;
  }

  private stageOfTree(e: Expr, cf: CheckedFormula): number {
    let s = 0;
    const ref = cf.refs.get(e.id);
    if (ref && isComputedRef(ref)) s = this.stageOf.get(computedKey(ref)) ?? 0;
    if (e.kind === 'call') {
      const f = cf.calls.get(e.id);
      if (f?.kind === 'population') {
        const argStage = Math.max(0, ...e.args.map((a) => this.stageOfTree(a, cf)));
        s = Math.max(s, argStage + 1);
      }
    }
    for (const c of childrenOf(e)) s = Math.max(s, this.stageOfTree(c, cf));
    return s;
  }

  // ---- values ------------------------------------------------------------------------------------------

  codingOf(t: Type | undefined): ValueCoding {
    if (!t) return { as: 'number' };
    switch (t.k) {
      case 'num': return t.unit === 'money' ? { as: 'money' } : t.unit === 'percent' ? { as: 'percent' } : { as: 'number' };
      case 'bool': return { as: 'bool' };
      case 'tier': return { as: 'tier' };
      case 'track': return { as: 'track' };
      case 'enum': return { as: 'enum', values: t.values };
      case 'text': return { as: 'text' };
      case 'date': return { as: 'date' };
      default: return { as: 'number' };
    }
  }

  /** Table `index`'s cells in the plan (once), indexed as its key is coded; a key without a row reads NaN. */
  private table(index: number): number {
    if (this.tables.has(index)) return index;
    const table = this.ir.checked.policy.tables[index]!;
    const by = table.by.name;
    const keys: string[] = by === 'tier' || by === '职级' ? this.tiers
      : by === 'track' || by === '序列' ? this.tracks
      : by === 'star' || by === '星级' ? []
      : this.ir.checked.policy.inputs.find((i) => i.name === by)?.values.map((x) => x.name) ?? [];
    const value = (a: Amount | undefined): number => {
      const q = quantityOf(a);
      return q ? measure(q).value : NaN;
    };
    const allRows = [...table.rows, ...table.changes.flatMap((c) => c.rows)];
    const cellsOf = (rows: readonly P.TableRow[]): number[] => {
      // A table by number: indexed by the key itself (0 … top row); a key without a row reads `otherwise` (or NaN).
      if (isNumberTable(table)) {
        const top = Math.max(0, ...allRows.map((r) => Number(r.key.name)).filter(Number.isInteger));
        return Array.from({ length: top + 1 }, (_, k) => value(rows.find((r) => Number(r.key.name) === k)?.value ?? table.otherwise));
      }
      if (by === 'star' || by === '星级') {
        // Indexed by the star itself (0 … max); a star without a row reads NaN.
        const max = Math.max(0, ...rows.map((r) => Number(r.key.name)).filter(Number.isInteger));
        return Array.from({ length: max + 1 }, (_, s) => value(rows.find((r) => Number(r.key.name) === s)?.value));
      }
      return keys.map((k) => value(rows.find((r) => r.key.name === k)?.value));
    };
    const versions = tableVersions(table);
    const cells = versions.map((ver) => cellsOf(ver.rows));
    this.tables.set(index, { name: table.name, keys: keys.length ? keys : cells[0]!.map((_, s) => String(s)), versions: cells, ...(isNumberTable(table) ? { byNumber: true } : {}) });
    // A table with versions is given to each stage as this month's (StageArgs.TV).
    if (versions.length > 1) this.dated.push({ kind: 'table', index, from: versions.slice(1).map((ver) => ver.from!) });
    return index;
  }

  /** A table by number's cell: a key above the top row reads the top row with cap_at_top; a key without a row (below,
   * between, above, a fraction) reads `otherwise` when the table has one, else NaN (the run names the missing row). */
  private numberTableCell(index: number, decl: P.TableDecl, key: Lowered): Lowered {
    const t = this.table(index);
    const top = this.tables.get(t)!.versions[0]!.length - 1;
    const k = decl.capAtTop ? this.tmp({ op: 'math', fn: 'min', args: [key, num(top)] }) : this.tmp(key);
    const cell: Lowered = { op: 'table', table: t, key: k };
    if (!decl.otherwise) return cell;
    const c = this.tmp(cell);
    const q = quantityOf(decl.otherwise);
    // A cell is itself exactly when it is a number (NaN !== NaN): a key with no cell reads otherwise.
    return { op: 'cond', test: { op: 'compare', fn: '===', a: c, b: c }, then: c, else: num(q ? measure(q).value : NaN) };
  }

  /** A value that changes from a month on: its amounts by version, this month's given to the stage. The checker has
   * made sure the formula is a plain amount and each change one in the same unit. */
  private datedValue(index: number, decl: P.ValueDecl): Lowered {
    if (!this.datedValues.has(index)) {
      const tree = decl.formula.parsed!.tree as Extract<Expr, { kind: 'number' }>;
      const changes = valueChanges(decl);
      const amounts = changes.map((c) => {
        const q = quantityOf(c.amount)!;
        // A bare number is in the value's unit (65 for 60分 is 65分; 6 for 5% is 6%).
        return literalUnit(q.unit).literal ? literalValue(q.value, tree.unit) : measure(q).value;
      });
      this.datedValues.set(index, [literalValue(tree.value, tree.unit), ...amounts]);
      this.dated.push({ kind: 'value', index, from: changes.map((c) => c.month.name) });
    }
    return { op: 'datedValue', value: index };
  }

  private local(ref: ComputedRef): Lowered {
    return output(this.slotOf.get(computedKey(ref))!);
  }

  declare(ref: ComputedRef, coding: ValueCoding, stage: number): number {
    const slot = this.outputs.length;
    this.slotOf.set(computedKey(ref), slot);
    this.outputs.push({ kind: ref.kind, name: ref.decl.name, span: ref.decl.span, coding, stage });
    return slot;
  }

  formula(f: P.Formula): Lowered {
    const cf = this.ir.formulaOf(f);
    if (!cf) throw new Error('codegen: formula was not checked');
    return this.expr(cf.parsed.tree, cf);
  }

  /** A temporary holding `value`, written before the line being lowered. */
  private tmp(value: Lowered): Lowered {
    const temp = this.temp++;
    this.pre.push({ target: { to: 'temp', temp }, expr: value, ratingOnly: false });
    return read({ from: 'temp', temp });
  }

  private periodWindow(e: Expr, cf: CheckedFormula): number {
    if (e.kind === 'number') return this.window({ kind: 'months', n: Math.round(literalValue(e.value, e.unit)) });
    const ref = cf.refs.get(e.id);
    if (ref?.kind === 'const' && ref.doc.period) return this.window({ kind: ref.doc.period.kind });
    throw new Error('codegen: bad period');
  }

  private scopeOf(e: Expr | undefined, cf: CheckedFormula, dflt: 'team' | 'department'): 'team' | 'department' {
    if (!e) return dflt;
    const ref = cf.refs.get(e.id);
    if (ref?.kind === 'const' && ref.doc.scope) return SCOPE[ref.doc.scope]!;
    throw new Error('codegen: bad scope');
  }

  /** Series by their use, part of the loop, stage and lowered value: the same history or ranked value read twice is one. */
  private readonly seriesByValue = new Map<string, number>();
  /** Whether the lines being made go at the end of the stage's loop (a ranked series and what it needs). */
  private inTail = false;

  /**
   * The series of `arg`'s value in the current stage: the lines that write it (to go before the read, or at the end of
   * the loop), or none when the series is shared or is an output's own column.
   */
  private seriesOf(use: SeriesSlot['use'], arg: Expr, cf: CheckedFormula): { series: number; writes: PlanLine[] } {
    const outer = this.pre;
    const seriesBefore = this.series.length;
    this.pre = [];
    const value = this.expr(arg, cf);
    const nested = this.pre;
    this.pre = outer;
    // The same value in the same stage and the same part of its loop is the same series: it (and anything its value
    // needed first) was written before this read. The part matters: a series written at the end of the loop (ranked
    // after the stage) is not there yet for a read in the loop's body. (Equal values mean equal temporaries and inner
    // series: an inner series made just now would have a new number.)
    const key = `${use}\u0000${this.inTail ? 'tail' : 'body'}\u0000${this.currentStage}\u0000${JSON.stringify(value, (k, v: unknown) => (k === 'src' ? undefined : v))}`;
    const known = this.seriesByValue.get(key);
    if (known !== undefined && this.series.length === seriesBefore) return { series: known, writes: [] };
    // A value with its own result column is its own series.
    const slot = value.op === 'read' && value.read.from === 'output' ? value.read.slot : undefined;
    const own = slot !== undefined && this.outputs[slot]?.kind !== 'state' ? slot : undefined;
    const s = this.newSeries(use, cf.parsed.spanOf(arg.start, arg.end), own);
    this.seriesByValue.set(key, s);
    return { series: s, writes: own === undefined ? [...nested, { target: { to: 'series', series: s }, expr: value, ratingOnly: false }] : nested };
  }

  /** A history series: the argument's value is written for this month before the window is read. */
  private historySeries(arg: Expr, cf: CheckedFormula): number {
    const { series, writes } = this.seriesOf('history', arg, cf);
    this.pre.push(...writes);
    return series;
  }

  /** A population series: written at the end of the stage its argument belongs to, ranked before the next. */
  private populationSeries(arg: Expr, cf: CheckedFormula): { series: number; stage: number } {
    const stage = this.stageOfTree(arg, cf);
    const saved = this.currentStage;
    const savedTail = this.inTail;
    this.currentStage = stage;
    this.inTail = true;
    const { series, writes } = this.seriesOf('population', arg, cf);
    this.body(stage);
    this.tails[stage]!.push(...writes);
    this.currentStage = saved;
    this.inTail = savedTail;
    return { series, stage };
  }

  private kindsOf(ref: SymbolRef | undefined): number[] {
    if (!ref) return [];
    const policy = this.ir.checked.policy;
    if (ref.kind === 'event') return [this.kindIndex(ref.name)];
    if (ref.kind === 'class') return policy.adjustments[ref.table]!.items.filter((i) => i.cls?.name === ref.name).map((i) => this.kindIndex(i.name));
    if (ref.kind === 'adjustments') return ref.decl.items.map((i) => this.kindIndex(i.name));
    return [];
  }

  private event(column: number): Lowered {
    return read({ from: 'event', column });
  }

  private sectionValue(sheet: number, section: number): Lowered {
    const policy = this.ir.checked.policy;
    const s = policy.scoreSheets[sheet]!;
    const sec = s.sections[section]!;
    const raw: Lowered = { op: 'sum', terms: sec.items.map((_, ii) => this.itemValue(sheet, section, ii)) };
    const w = weightFraction(sec.weight);
    const maxPoints = sec.items.reduce((a, it) => a + (quantityOf(it.points) ? measure(quantityOf(it.points)!).value : 0), 0);
    return s.scale === 'weighted' && w !== undefined && maxPoints > 0
      ? { op: 'arith', fn: '*', a: { op: 'arith', fn: '/', a: raw, b: num(maxPoints) }, b: num(w * 100) }
      : raw;
  }

  private itemValue(sheet: number, section: number, item: number): Lowered {
    const s = this.ir.checked.policy.scoreSheets[sheet]!;
    const cols = this.ir.inputs.map((inp, k) => ({ inp, k })).filter(({ inp }) => inp.item && inp.item.sheet === sheet && inp.item.section === section && inp.item.item === item);
    if (s.raters.length === 0) return read({ from: 'input', index: cols[0]!.k });
    return {
      op: 'sum',
      terms: cols.map(({ inp, k }): Lowered => ({ op: 'arith', fn: '*', a: num(weightFraction(s.raters.find((r) => r.name === inp.item!.rater)!.weight) ?? 0), b: read({ from: 'input', index: k }) })),
    };
  }

  private ref(e: Expr, cf: CheckedFormula): Lowered {
    const ref = cf.refs.get(e.id);
    if (!ref) throw new Error('codegen: unresolved name');
    switch (ref.kind) {
      case 'input': return read({ from: 'input', index: this.inputIndex(ref.decl.name) });
      case 'state':
        if (!STATE_SET.has(ref.name)) throw new Error('codegen: unknown state');
        return read({ from: 'state', name: ref.name as StateName });
      case 'const': throw new Error('codegen: period or scope used as a value');
      case 'tier': return num(this.tiers.indexOf(ref.name));
      case 'track': return num(this.tracks.indexOf(ref.name));
      case 'enumMember': return num(ref.type.k === 'enum' ? ref.type.values.indexOf(ref.value) : NaN);
      case 'event': return this.event(this.kindIndex(ref.name) * 3);
      case 'class': return { op: 'sum', terms: this.kindsOf(ref).map((k) => this.event(k * 3)) };
      case 'section': return this.sectionValue(ref.sheet, ref.section);
      case 'item': return this.itemValue(ref.sheet, ref.section, ref.item);
      case 'table': throw new Error('codegen: table used as a value');
      default: return this.local(ref);
    }
  }

  /** Each policy expression lowered, numbered once (Plan.exprIds). */
  readonly exprIds = new Map<Expr, number>();

  expr(e: Expr, cf: CheckedFormula): Lowered {
    const lowered = this.exprNode(e, cf);
    let src = this.exprIds.get(e);
    if (src === undefined) { src = this.exprIds.size; this.exprIds.set(e, src); }
    return { ...lowered, src };
  }

  private exprNode(e: Expr, cf: CheckedFormula): Lowered {
    switch (e.kind) {
      case 'number': return num(literalValue(e.value, e.unit));
      case 'date': return num(e.day);
      case 'string': return num(this.intern(e.value));
      case 'bool': return num(e.value ? 1 : 0);
      case 'name': case 'member': return this.ref(e, cf);
      case 'index': {
        const ref = cf.refs.get(e.object.id);
        if (ref?.kind !== 'table') throw new Error('codegen: index of a non-table');
        if (isNumberTable(ref.decl)) return this.numberTableCell(ref.index, ref.decl, this.expr(e.key, cf));
        return { op: 'table', table: this.table(ref.index), key: this.tmp(this.expr(e.key, cf)) };
      }
      case 'unary': return e.op === 'not' ? { op: 'not', x: this.expr(e.operand, cf) } : { op: 'neg', x: this.expr(e.operand, cf) };
      case 'percentOf': return { op: 'arith', fn: '/', a: this.expr(e.operand, cf), b: num(100) };
      case 'if': return { op: 'cond', test: this.expr(e.cond, cf), then: this.expr(e.then, cf), else: this.expr(e.else, cf) };
      case 'in': {
        const r = e.range;
        return {
          op: 'within', loClosed: r.loClosed, hiClosed: r.hiClosed, x: this.expr(e.value, cf),
          lo: r.lo ? this.expr(r.lo, cf) : num(-Infinity), hi: r.hi ? this.expr(r.hi, cf) : num(Infinity),
        };
      }
      case 'interval': throw new Error('codegen: interval outside in');
      case 'binary': return this.binary(e, cf);
      case 'call': return this.call(e, cf);
    }
  }

  private binary(e: Extract<Expr, { kind: 'binary' }>, cf: CheckedFormula): Lowered {
    const a = this.expr(e.left, cf);
    const b = this.expr(e.right, cf);
    const level = (x: Expr, v: Lowered): Lowered => (cf.types.get(x.id)?.k === 'tier' ? { op: 'tierLevel', x: v } : v);
    switch (e.op) {
      // Both sides are always evaluated (the language has no side effects, and a yes/no is 1, 0 or NaN, which & and |
      // read as JavaScript's && and || would): a right side that runs only for a few people in some month would
      // otherwise be compiled without type feedback and throw the stage back to the interpreter when first reached.
      case 'and': return { op: 'logic', fn: '&', a, b };
      case 'or': return { op: 'logic', fn: '|', a, b };
      case '=': return { op: 'compare', fn: '===', a, b };
      case '!=': return { op: 'compare', fn: '!==', a, b };
      case '<': case '<=': case '>': case '>=': return { op: 'compare', fn: e.op, a: level(e.left, a), b: level(e.right, b) };
      default: {
        // A date moved by months is calendar arithmetic (01-31 + 1个月 is the last day of February); by days, plain.
        const months = (x: Expr) => { const t = cf.types.get(x.id); return t?.k === 'num' && t.unit === 'months'; };
        if (cf.types.get(e.left.id)?.k === 'date' && months(e.right)) return { op: 'calendar', fn: 'addMonths', args: [a, e.op === '-' ? { op: 'neg', x: b } : b] };
        if (cf.types.get(e.right.id)?.k === 'date' && months(e.left)) return { op: 'calendar', fn: 'addMonths', args: [b, a] };
        return { op: 'arith', fn: e.op, a, b };
      }
    }
  }

  private call(e: Extract<Expr, { kind: 'call' }>, cf: CheckedFormula): Lowered {
    if (!cf.calls.has(e.id) && cf.refs.has(e.id)) return this.ref(e, cf);
    const f = cf.calls.get(e.id);
    const builtin = f ? BUILTIN_FUNCTIONS.get(f.name) : undefined;
    if (!builtin) throw new Error('codegen: unresolved call');
    // The function's own lowering (compiler/builtins/functions.ts), asking the lowerer for series, windows, events and
    // population operators.
    return builtin.lower({
      args: e.args,
      arg: (i) => this.expr(e.args[i]!, cf),
      typeOf: (a) => cf.types.get(a.id),
      isPeriod: (x) => {
        const t = x ? cf.types.get(x.id) : undefined;
        return t?.k === 'window' || (x?.kind === 'number' && t?.k === 'num' && t.unit === 'months');
      },
      history: (a) => this.historySeries(a, cf),
      window: (a) => this.periodWindow(a, cf),
      kinds: (a) => {
        const ref = cf.refs.get(a.id);
        return ref && (ref.kind === 'event' || ref.kind === 'class' || ref.kind === 'adjustments') ? this.kindsOf(ref) : undefined;
      },
      event: (column) => this.event(column),
      scope: (a, dflt) => this.scopeOf(a, cf, dflt),
      population: (wanted) => this.populationOp(wanted, cf),
    });
  }

  /** A population operator's result: ranked or averaged after the stage its arguments are computed in; the same
   * ranking read twice (a promotion rule and a flag both reading rank(x, department)) is made once. */
  private populationOp(w: PopulationWanted, cf: CheckedFormula): Lowered {
    // A head count reads no series (-1): it counts the scope's people, or those `among` holds for.
    const of = w.of ? this.populationSeries(w.of, cf) : { series: -1, stage: 0 };
    const n = w.n ? this.populationSeries(w.n, cf) : undefined;
    const among = w.among ? this.populationSeries(w.among, cf) : undefined;
    const wanted: Omit<PopulationOp, 'result'> = {
      afterStage: Math.max(of.stage, n?.stage ?? 0, among?.stage ?? 0), op: w.op, scope: w.scope, series: of.series,
      ...(n ? { nSeries: n.series } : {}), ...(among ? { among: among.series } : {}),
    };
    const same = this.population.find((p) => p.afterStage === wanted.afterStage && p.op === wanted.op && p.scope === wanted.scope && p.series === wanted.series && p.nSeries === wanted.nSeries && p.among === wanted.among);
    if (same) return read({ from: 'population', column: same.result });
    const result = this.populationColumns++;
    this.population.push({ ...wanted, result });
    return read({ from: 'population', column: result });
  }

  // ---- items -----------------------------------------------------------------------------------------

  lower(item: Item): void {
    const { ref, stage } = item;
    this.currentStage = stage;
    this.pre = [];
    const body = this.body(stage);
    const push = (slot: number, value: Lowered) => { body.push(...this.pre, { target: { to: 'output', slot }, expr: value, ratingOnly: false }); };
    switch (ref.kind) {
      case 'sheet': {
        const slot = this.declare(ref, { as: 'number' }, stage);
        const decl = ref.decl;
        const sections = decl.sections.map((_, ci) => this.sectionValue(ref.index, ci));
        const base = quantityOf(decl.base);
        const cap = quantityOf(decl.cap);
        let total: Lowered = { op: 'sum', terms: [...(base ? [num(measure(base).value)] : []), ...sections] };
        if (cap) total = { op: 'math', fn: 'min', args: [num(measure(cap).value), total] };
        push(slot, total);
        return;
      }
      case 'value': {
        const cf = this.ir.formulaOf(ref.decl.formula);
        const slot = this.declare(ref, this.codingOf(cf?.type), stage);
        push(slot, ref.decl.changes.length ? this.datedValue(ref.index, ref.decl) : this.formula(ref.decl.formula));
        return;
      }
      case 'flag': { const slot = this.declare(ref, { as: 'bool' }, stage); push(slot, { op: 'truth', x: this.formula(ref.decl.when) }); return; }
      case 'band': return this.band(ref, stage, push);
      case 'adjustments': return this.adjustments(ref, stage, push);
      case 'payLine': return this.payLine(ref, stage, push);
      case 'award': return this.award(ref, stage, push);
    }
  }

  private band(ref: Extract<ComputedRef, { kind: 'band' }>, stage: number, push: (slot: number, value: Lowered) => void): void {
    const decl = ref.decl;
    const texts = decl.bands.map((b) => b.value).filter((v) => v.kind === 'text').map((v) => (v as { text: string }).text);
    if (decl.otherwise?.kind === 'text') texts.push(decl.otherwise.text);
    const values = [...new Set(texts)];
    const coding: ValueCoding = values.length ? { as: 'enum', values } : { as: 'number' };
    const value = (a: Amount | undefined): Lowered => {
      if (!a) return num(NaN);
      if (a.kind === 'quantity') return num(measure(a.q).value);
      if (a.kind === 'text') return num(values.indexOf(a.text));
      return num(NaN);
    };
    const x = this.tmp(this.formula(decl.of));
    let chain = value(decl.otherwise);
    for (const band of [...decl.bands].reverse()) {
      const tree = band.range?.parsed?.tree;
      const cf = band.range ? this.ir.formulaOf(band.range) : undefined;
      if (!tree || tree.kind !== 'interval' || !cf) continue;
      const lo = tree.lo ? this.expr(tree.lo, cf) : num(-Infinity);
      const hi = tree.hi ? this.expr(tree.hi, cf) : num(Infinity);
      chain = { op: 'cond', test: { op: 'within', loClosed: tree.loClosed, hiClosed: tree.hiClosed, x, lo, hi }, then: value(band.value), else: chain };
    }
    push(this.declare(ref, coding, stage), chain);
  }

  private adjustments(ref: Extract<ComputedRef, { kind: 'adjustments' }>, stage: number, push: (slot: number, value: Lowered) => void): void {
    const decl = ref.decl;
    const parts: Lowered[] = [];
    for (const item of decl.items) {
      const k = this.kindIndex(item.name);
      const pts = item.points;
      const count: Lowered = item.maxPerMonth !== undefined ? { op: 'math', fn: 'min', args: [this.event(k * 3), num(item.maxPerMonth)] } : this.event(k * 3);
      if (pts?.kind === 'quantity') parts.push({ op: 'arith', fn: '*', a: count, b: num(measure(pts.q).value) });
      else if (pts?.kind === 'range') parts.push(this.event(k * 3 + 2));
    }
    for (const esc of decl.escalation) {
      const q = quantityOf(esc.points);
      if (q) parts.push({ op: 'cond', test: this.formula(esc.when), then: num(measure(q).value), else: num(0) });
    }
    let total: Lowered = { op: 'sum', terms: parts };
    const cap = quantityOf(decl.cap);
    if (cap) total = { op: 'math', fn: 'min', args: [num(measure(cap).value), total] };
    push(this.declare(ref, { as: 'number' }, stage), total);
  }

  private payLine(ref: Extract<ComputedRef, { kind: 'payLine' }>, stage: number, push: (slot: number, value: Lowered) => void): void {
    const decl = ref.decl;
    let value = this.formula(decl.formula);
    const min = quantityOf(decl.min);
    const max = quantityOf(decl.max);
    if (min) value = { op: 'math', fn: 'max', args: [num(measure(min).value), value] };
    if (max) value = { op: 'math', fn: 'min', args: [num(measure(max).value), value] };
    if (decl.when) value = { op: 'cond', test: this.formula(decl.when), then: value, else: num(0) };
    if (decl.afterMonths !== undefined) value = { op: 'cond', test: { op: 'compare', fn: '>', a: read({ from: 'state', name: 'employment_month' }), b: num(decl.afterMonths) }, then: value, else: num(0) };
    // Unrounded here: the runtime rounds each line with the policy's rule, exactly.
    push(this.declare(ref, { as: 'money' }, stage), value);
  }

  private award(ref: Extract<ComputedRef, { kind: 'award' }>, stage: number, push: (slot: number, value: Lowered) => void): void {
    const decl = ref.decl;
    const series = (f: P.Formula) => {
      const cf = this.ir.formulaOf(f)!;
      return this.populationSeries(cf.parsed.tree, cf);
    };
    const by = series(decl.by);
    const among = decl.among ? series(decl.among) : undefined;
    const ties = decl.tieBreak.map(series);
    const top = quantityOf(decl.top);
    const amount = quantityOf(decl.amount);
    const result = this.populationColumns++;
    this.population.push({
      afterStage: stage - 1, op: 'award', scope: 'department', series: by.series, result,
      award: {
        ...(among ? { among: among.series } : {}), tieBreaks: ties.map((t) => t.series),
        amount: amount ? measure(amount).value : 0,
        top: top ? measure(top).value : 1, share: top ? measure(top).unit === 'percent' : false,
        period: decl.period,
      },
    });
    push(this.declare(ref, { as: 'money' }, stage), read({ from: 'population', column: result }));
  }

  /** The formulas of star ratings and ladder moves, as hidden columns the runtime reads between months. */
  lowerStateFormulas(): void {
    const policy = this.ir.checked.policy;
    const list: { f: P.Formula; role: StateRole; name: string }[] = [];
    const stars = policy.stars;
    if (stars) {
      if (stars.initial) list.push({ f: stars.initial, role: { role: 'initialStar' }, name: 'stars.initial' });
      stars.gates.forEach((g, index) => list.push({ f: g.unless, role: { role: 'gate', index }, name: `stars.gates[${index}]` }));
      stars.thresholdKeys.forEach((k) => list.push({ f: k.formula, role: { role: 'thresholdKey', key: k.name }, name: `stars.thresholds.${k.name}` }));
      stars.rules.forEach((r, index) => {
        list.push({ f: r.when, role: { role: 'ruleWhen', index }, name: `stars.rules[${index}].when` });
        list.push({ f: r.star, role: { role: 'ruleStar', index }, name: `stars.rules[${index}].star` });
      });
      stars.quota.forEach((q, index) => {
        if (q.of) list.push({ f: q.of, role: { role: 'quotaOf', index }, name: `stars.quota[${index}].of` });
        if (q.rankBy) list.push({ f: q.rankBy, role: { role: 'quotaRank', index }, name: `stars.quota[${index}].rank_by` });
        q.tieBreak.forEach((t, order) => list.push({ f: t, role: { role: 'quotaTie', index, order }, name: `stars.quota[${index}].tie_break[${order}]` }));
      });
      stars.overrides.forEach((o, index) => {
        list.push({ f: o.when, role: { role: 'override', index }, name: `stars.overrides[${index}]` });
        if (o.rate) list.push({ f: o.rate, role: { role: 'overrideRate', index }, name: `stars.overrides[${index}].rate` });
      });
    }
    policy.transitions.forEach((t, index) => { if (t.when) list.push({ f: t.when, role: { role: 'transition', index }, name: `${t.direction}[${index}]` }); });
    policy.placement.forEach((p, index) => list.push({ f: p.when, role: { role: 'placement', index }, name: `placement[${index}]` }));
    if (policy.probation) list.push({ f: policy.probation.endsWhen, role: { role: 'probationEnds' }, name: 'probation.ends_when' });
    for (const { f, role, name } of list) {
      const cf = this.ir.formulaOf(f);
      if (!cf) continue;
      const stage = this.stageOfTree(cf.parsed.tree, cf);
      this.currentStage = stage;
      this.pre = [];
      const value = this.expr(cf.parsed.tree, cf);
      const slot = this.outputs.length;
      this.outputs.push({ kind: 'state', name, span: f.source.span, coding: this.codingOf(cf.type), stage, state: role });
      // Rating formulas (averages over the last quarter …) are read only in the months stars are re-rated; the series
      // they read are still written every month (this.pre), or a later rating would find its months empty.
      const ratingOnly = role.role !== 'override' && role.role !== 'overrideRate' && role.role !== 'transition' && role.role !== 'placement' && role.role !== 'initialStar' && role.role !== 'probationEnds';
      this.body(stage).push(...this.pre, { target: { to: 'output', slot }, expr: value, ratingOnly });
    }
  }

  plan(): Plan {
    const stageCount = Math.max(1, this.bodies.length);
    return {
      stages: Array.from({ length: stageCount }, (_, s) => [...(this.bodies[s] ?? []), ...(this.tails[s] ?? [])]),
      tables: this.tables, datedValues: this.datedValues, dated: this.dated, tierLevels: this.tierLevels, exprIds: this.exprIds,
    };
  }
}

/** What a line assigns and reads, keyed so that a value and its own series are one name. */
interface AnalysedLine {
  readonly line: PlanLine;
  readonly targetKey: string;
  readonly readKeys: readonly string[];
  readonly temps: readonly number[];
  readonly states: readonly StateName[];
}

function analyse(plan: Plan, series: readonly SeriesSlot[]): AnalysedLine[][] {
  const seriesKey = (s: number) => { const own = series[s]?.output; return own !== undefined ? `O${own}` : `H${s}`; };
  return plan.stages.map((lines) => lines.map((line) => {
    const r = readsOf([line]);
    const t = line.target;
    const targetKey = t.to === 'temp' ? `t${t.temp}` : t.to === 'output' ? `O${t.slot}` : seriesKey(t.series);
    const readKeys = [...r.outputs.map((k) => `O${k}`), ...r.temps.map((k) => `t${k}`), ...r.series.map(seriesKey), ...r.population.map((k) => `P${k}`)];
    return { line, targetKey, readKeys, temps: r.temps, states: r.states };
  }));
}

/**
 * The lines to compute again after `moved` state changed, per stage, and the population operators to apply again.
 * A line is dirty when it reads a moved state column or a dirty name, and a population result is dirty when what it
 * ranks is. A dirty line keeps the temporaries it reads; a clean value it reads comes from its output column, where
 * the first pass left it.
 */
export function rerunPlan(plan: Plan, series: readonly SeriesSlot[], population: readonly PopulationOp[], moved: readonly StateName[]): { stages: (PlanLine[] | null)[]; population: boolean[] } {
  const analysed = analyse(plan, series);
  const dirty = new Set<string>();
  const again = population.map(() => false);
  const stages: (PlanLine[] | null)[] = [];
  analysed.forEach((lines, st) => {
    const keep = lines.map((l) => {
      const d = l.states.some((name) => moved.includes(name)) || l.readKeys.some((r) => dirty.has(r));
      if (d) dirty.add(l.targetKey);
      return d;
    });
    if (!keep.some(Boolean)) {
      stages.push(null);
    } else {
      // Temporaries a kept line reads, found backwards (a temporary is defined before its use).
      const needed = new Set<number>();
      for (let k = lines.length - 1; k >= 0; k--) {
        const l = lines[k]!;
        const t = l.line.target;
        if (!keep[k] && !(t.to === 'temp' && needed.has(t.temp))) continue;
        keep[k] = true;
        for (const r of l.temps) needed.add(r);
      }
      stages.push(lines.filter((_, k) => keep[k]).map((l) => l.line));
    }
    population.forEach((op, k) => {
      if (op.afterStage !== st) return;
      const inputs = [op.series, ...(op.nSeries !== undefined ? [op.nSeries] : []), ...(op.among !== undefined ? [op.among] : []), ...(op.award?.among !== undefined ? [op.award.among] : []), ...(op.award?.tieBreaks ?? [])];
      if (inputs.some((h) => dirty.has(`H${h}`) || (series[h]?.output !== undefined && dirty.has(`O${series[h]!.output}`)))) { again[k] = true; dirty.add(`P${op.result}`); }
    });
  });
  return { stages, population: again };
}

function isComputedRef(ref: SymbolRef): ref is ComputedRef {
  return ['value', 'payLine', 'band', 'flag', 'award', 'adjustments', 'sheet'].includes(ref.kind);
}

function formulasOf(ref: ComputedRef): P.Formula[] {
  switch (ref.kind) {
    case 'value': return [ref.decl.formula];
    case 'payLine': return [ref.decl.formula, ...(ref.decl.when ? [ref.decl.when] : [])];
    case 'band': return [ref.decl.of];
    case 'flag': return [ref.decl.when];
    case 'award': return [];
    case 'adjustments': return ref.decl.escalation.map((e) => e.when);
    case 'sheet': return [];
  }
}

/** The prelude and print context of a plan: tables as constants (a dated one as an array of versions, given to each
 * stage as this month's), dated values likewise, the tiers' levels. */
function printContext(plan: Plan): { prelude: string[]; ctx: PrintContext } {
  const prelude: string[] = [];
  const cells = (xs: readonly number[]) => `[${xs.map((x) => (Number.isNaN(x) ? 'NaN' : jsNumber(x))).join(', ')}]`;
  const datedTables = new Set(plan.dated.filter((d) => d.kind === 'table').map((d) => d.index));
  for (const [k, t] of plan.tables) {
    if (datedTables.has(k)) prelude.push(`const tbv${k} = [${t.versions.map(cells).join(', ')}];`);
    else prelude.push(`const tb${k} = ${cells(t.versions[0]!)};`);
  }
  for (const [k, v] of plan.datedValues) prelude.push(`const dvv${k} = ${cells(v)};`);
  prelude.push(`const tierLevel = ${cells(plan.tierLevels)};`);
  const dated = plan.dated.map((d) => (d.kind === 'table' ? { name: `tb${d.index}`, versions: `tbv${d.index}` } : { name: `dv${d.index}`, versions: `dvv${d.index}` }));
  return { prelude, ctx: { tableName: (k) => `tb${k}`, dated } };
}

/** Which tracks each tier is on, and each track's entry tier. */
function tracksOfTiers(ladder: P.LadderDecl | undefined, tiers: readonly string[]): { tierTracks: number[][]; trackEntry: number[] } {
  const tierTracks = tiers.map((): number[] => []);
  const trackEntry: number[] = [];
  (ladder?.tracks ?? []).forEach((track, k) => {
    const names = new Set(track.paths.flat().map((t) => t.name));
    for (const name of names) { const i = tiers.indexOf(name); if (i >= 0) tierTracks[i]!.push(k); }
    const entry = ladder!.entry.find((e) => names.has(e.name))?.name ?? track.paths[0]?.[0]?.name;
    trackEntry.push(entry === undefined ? -1 : tiers.indexOf(entry));
  });
  return { tierTracks, trackEntry };
}

export function generateRuleSet(ir: RuleIr): RuleSet {
  const lowerer = new Lowerer(ir);
  const items = lowerer.stageItems(ir.order);
  for (const item of [...items].sort((a, b) => a.stage - b.stage)) lowerer.lower(item);
  lowerer.lowerStateFormulas();
  const plan = lowerer.plan();
  const { prelude, ctx } = printContext(plan);
  const stageSources = plan.stages.map((lines, s) => printStage(`stage${s}`, lines, ctx));
  const source = [
    '"use strict";',
    HELPERS_BINDING,
    ...prelude,
    ...stageSources,
    `return [${stageSources.map((_, s) => `stage${s}`).join(', ')}];`,
  ].join('\n');
  // Printed from our own plan: no policy text in it, numbers only as literals (escape.ts).
  const stages = new Function('helpers', source)(STAGE_HELPERS) as StageFunction[];
  // The rerun slices are made when a run first needs them (a star or tier moved): compiling stays as fast as before,
  // and a policy whose stars and tiers never move never builds them.
  let reruns: RuleSet['reruns'] | undefined;
  const buildReruns = (): RuleSet['reruns'] => {
    const starRerun = rerunPlan(plan, lowerer.series, lowerer.population, ['star']);
    const tierRerun = rerunPlan(plan, lowerer.series, lowerer.population, ['tier', 'months_in_tier']);
    const regularRerun = rerunPlan(plan, lowerer.series, lowerer.population, ['regular', 'probation']);
    const rerunSources = (prefix: string, r: { stages: (PlanLine[] | null)[] }) =>
      r.stages.map((lines, s) => (lines ? printStage(`${prefix}${s}`, lines, ctx) : undefined)).filter((x) => x !== undefined);
    const list = (prefix: string, r: { stages: (PlanLine[] | null)[] }) => `[${r.stages.map((lines, s) => (lines ? `${prefix}${s}` : 'null')).join(', ')}]`;
    const rerunSource = [
      '"use strict";',
      HELPERS_BINDING,
      ...prelude,
      ...rerunSources('starRerun', starRerun),
      ...rerunSources('tierRerun', tierRerun),
      ...rerunSources('regularRerun', regularRerun),
      `return { star: ${list('starRerun', starRerun)}, tier: ${list('tierRerun', tierRerun)}, regular: ${list('regularRerun', regularRerun)} };`,
    ].join('\n');
    const built = new Function('helpers', rerunSource)(STAGE_HELPERS) as { star: (StageFunction | null)[]; tier: (StageFunction | null)[]; regular: (StageFunction | null)[] };
    return {
      star: { stages: built.star, population: starRerun.population },
      tier: { stages: built.tier, population: tierRerun.population },
      regular: { stages: built.regular, population: regularRerun.population },
      source: rerunSource,
    };
  };
  const stars = ir.checked.policy.stars;
  const inputCoding = ir.inputs.map((inp): ValueCoding => {
    const t = inp.type;
    if (t.k === 'enum') return { as: 'enum', values: t.values };
    if (t.k === 'bool') return { as: 'bool' };
    if (t.k === 'text') return { as: 'text' };
    if (t.k === 'date') return { as: 'date' };
    if (t.k === 'num' && t.unit === 'money') return { as: 'money' };
    return { as: 'number' };
  });
  const reads = readsOf(plan.stages.flat());
  return {
    name: ir.meta.name,
    meta: ir.meta,
    inputs: ir.inputs,
    inputCoding,
    eventKinds: ir.eventKinds,
    datedParameters: plan.dated.map((d) => ({ from: d.from })),
    outputs: lowerer.outputs,
    series: lowerer.series,
    windows: lowerer.windows,
    population: lowerer.population,
    populationColumns: lowerer.populationColumns,
    plan,
    stages,
    get reruns() {
      reruns ??= buildReruns();
      return reruns;
    },
    tiers: lowerer.tiers,
    tierLevels: lowerer.tierLevels,
    tracks: lowerer.tracks,
    tierPaths: ir.checked.ladder.paths.map((p) => p.map((t) => lowerer.tiers.indexOf(t))),
    ...tracksOfTiers(ir.checked.policy.ladder, lowerer.tiers),
    eventAmountByTier: new Map(ir.checked.policy.events.filter((e) => e.amountByTier).map((e) => [e.name, {
      span: e.span,
      ranges: lowerer.tiers.map((t) => { const row = e.amountByTier!.find((r) => r.tier.name === t); return row ? amountRange(row.amount) : undefined; }),
    }])),
    manualMoves: { accept: ir.checked.policy.ladder?.manualMoves ?? 'declared', ...(ir.checked.policy.ladder ? { span: ir.checked.policy.ladder.span } : {}) },
    strings: lowerer.strings,
    ...(stars ? { stars } : {}),
    ...(ir.checked.policy.probation ? { probation: { takesEffect: ir.checked.policy.probation.takesEffect } } : {}),
    transitions: ir.checked.policy.transitions,
    placement: ir.checked.policy.placement,
    ...(() => {
      const ladder = ir.checked.policy.ladder;
      const entry = ladder?.entry[0]?.name ?? ladder?.tracks[0]?.paths[0]?.[0]?.name;
      return entry !== undefined ? { entryTier: entry } : {};
    })(),
    stateUsed: new Set(reads.states),
    eventColumnsUsed: new Set([...reads.events, ...reads.eventWindows]),
    eventLatestUsed: new Set(reads.eventLatest),
    readsMonthsInTier: reads.monthsIn,
    readsEventWindows: reads.eventWindows.length > 0,
    source,
  };
}
