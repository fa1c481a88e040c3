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
import type { Amount } from '../model/quantity.ts';
import { tableVersions, valueChanges } from '../model/dated.ts';
import type { Span } from '../source/source.ts';
import { jsNumber } from './escape.ts';
import { HELPERS_BINDING, STAGE_HELPERS, withinHelper } from './helpers.ts';

export type OutputKind = ComputedRef['kind'] | 'state';

/** What a hidden `state` output feeds: a star or ladder rule the runtime applies between months. */
export type StateRole =
  | { readonly role: 'gate'; readonly index: number }
  | { readonly role: 'thresholdKey'; readonly key: string }
  | { readonly role: 'ruleWhen' | 'ruleStar'; readonly index: number }
  | { readonly role: 'quotaOf' | 'quotaRank'; readonly index: number }
  | { readonly role: 'quotaTie'; readonly index: number; readonly order: number }
  | { readonly role: 'override'; readonly index: number }
  | { readonly role: 'transition'; readonly index: number }
  | { readonly role: 'placement'; readonly index: number }
  | { readonly role: 'initialStar' };

/** How a column's numbers read back as values. */
export type ValueCoding =
  | { readonly as: 'number' }
  | { readonly as: 'money' }
  | { readonly as: 'bool' }
  | { readonly as: 'tier' }
  | { readonly as: 'track' }
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
  readonly op: 'rank' | 'rankLow' | 'topN' | 'topShare' | 'avg' | 'award';
  readonly scope: 'team' | 'department';
  /** The series ranked or averaged (for an award: its `by` key). */
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

/** A window of months, relative to the month computed: the last N months, this/last quarter, this/last year. */
export type WindowSpec = { readonly kind: 'months'; readonly n: number } | { readonly kind: 'quarter' | 'last_quarter' | 'year' | 'last_year' | 'ever' };

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
  readonly reruns: { readonly star: Rerun; readonly tier: Rerun; readonly source: string };
  readonly tiers: readonly string[];
  /** Each tier's level: its position on its path (equivalent tiers on other tracks share levels). */
  readonly tierLevels: readonly number[];
  readonly tracks: readonly string[];
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
  /** The generated source, kept for review and tests. */
  readonly source: string;
}

const STATE_NAMES = new Set(['tier', 'track', 'star', 'tenure', 'cs_tenure', 'months_in_tier', 'employment_month', 'regular', 'probation', 'age', 'month_of_year']);
const SCOPE: Record<string, 'team' | 'department'> = { team: 'team', department: 'department' };

/** A condition as 1 or 0, written out rather than through a helper call: until V8 has optimized a stage (a compare
 * runs each scheme once), every call is paid for per person. */
const bit = (condition: string): string => `(${condition} ? 1 : 0)`;

/** A line of a stage's loop: what it assigns and reads (v and O of one slot share the key O). */
interface AnalysedLine {
  readonly line: string;
  readonly target: string;
  readonly targetKey: string;
  readonly reads: readonly string[];
  readonly readKeys: readonly string[];
  readonly states: readonly string[];
}

interface Item {
  readonly ref: ComputedRef;
  stage: number;
}

class Emitter {
  readonly prelude: string[] = [];
  readonly outputs: OutputSlot[] = [];
  readonly series: SeriesSlot[] = [];
  readonly windows: WindowSpec[] = [];
  readonly population: PopulationOp[] = [];
  readonly strings: string[] = [];
  populationColumns = 0;
  /** Loop bodies per stage. */
  readonly bodies: string[][] = [];
  /** Statements appended at the end of a stage's loop: series that later stages rank. */
  readonly tails: string[][] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly stageOf = new Map<string, number>();
  private readonly tableVar = new Map<number, string>();
  /** Parameters with dated versions, by slot: `name` (tb<k> for table k, dv<k> for value k) is then a stage parameter
   * bound to this month's element of `versions` (a prelude array). */
  readonly dated: { name: string; versions: string; from: string[] }[] = [];
  private currentStage = 0;
  private temp = 0;
  /** Statements the expression being emitted needs first (series written before a history read). */
  private pre: string[] = [];
  readonly tiers: string[];
  readonly tracks: string[];

  constructor(private readonly ir: RuleIr) {
    this.tiers = [...ir.checked.ladder.tiers];
    this.tracks = ir.checked.policy.ladder?.tracks.map((t) => t.name) ?? [];
  }

  private body(stage: number): string[] {
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

  private codingOf(t: Type | undefined): ValueCoding {
    if (!t) return { as: 'number' };
    switch (t.k) {
      case 'num': return t.unit === 'money' ? { as: 'money' } : { as: 'number' };
      case 'bool': return { as: 'bool' };
      case 'tier': return { as: 'tier' };
      case 'track': return { as: 'track' };
      case 'enum': return { as: 'enum', values: t.values };
      case 'text': return { as: 'text' };
      default: return { as: 'number' };
    }
  }

  private tableRef(index: number): string {
    let v = this.tableVar.get(index);
    if (v) return v;
    v = `tb${index}`;
    const table = this.ir.checked.policy.tables[index]!;
    const by = table.by.name;
    const keys: string[] = by === 'tier' || by === '职级' ? this.tiers
      : by === 'track' || by === '序列' ? this.tracks
      : by === 'star' || by === '星级' ? []
      : this.ir.checked.policy.inputs.find((i) => i.name === by)?.values.map((x) => x.name) ?? [];
    const value = (a: Amount | undefined): string => {
      const q = quantityOf(a);
      return q ? jsNumber(measure(q).value) : 'NaN';
    };
    const cellsOf = (rows: readonly P.TableRow[]): string[] => {
      if (by === 'star' || by === '星级') {
        // Indexed by the star itself (0 … max); a star without a row reads NaN.
        const max = Math.max(0, ...rows.map((r) => Number(r.key.name)).filter(Number.isInteger));
        return Array.from({ length: max + 1 }, (_, s) => value(rows.find((r) => Number(r.key.name) === s)?.value));
      }
      return keys.map((k) => value(rows.find((r) => r.key.name === k)?.value));
    };
    const versions = tableVersions(table);
    if (versions.length === 1) {
      this.prelude.push(`const ${v} = [${cellsOf(table.rows).join(', ')}];`);
    } else {
      // One array per version; each stage is given this month's (stageLoop binds tb<k> to tbv<k>[a.TV[k]]).
      this.prelude.push(`const tbv${index} = [${versions.map((ver) => `[${cellsOf(ver.rows).join(', ')}]`).join(', ')}];`);
      this.dated.push({ name: v, versions: `tbv${index}`, from: versions.slice(1).map((ver) => ver.from!) });
    }
    this.tableVar.set(index, v);
    return v;
  }

  /** A value that changes from a month on: its amounts by version (a prelude array), this month's given to the stage
   * as dv<k>. The checker has made sure the formula is a plain amount and each change one in the same unit. */
  private datedValue(index: number, decl: P.ValueDecl): string {
    const name = `dv${index}`;
    if (!this.dated.some((d) => d.name === name)) {
      const tree = decl.formula.parsed!.tree as Extract<Expr, { kind: 'number' }>;
      const changes = valueChanges(decl);
      const amounts = changes.map((c) => {
        const q = quantityOf(c.amount)!;
        // A bare number is in the value's unit (65 for 60分 is 65分; 6 for 5% is 6%).
        return literalUnit(q.unit).literal ? literalValue(q.value, tree.unit) : measure(q).value;
      });
      this.prelude.push(`const dvv${index} = [${[literalValue(tree.value, tree.unit), ...amounts].map(jsNumber).join(', ')}];`);
      this.dated.push({ name, versions: `dvv${index}`, from: changes.map((c) => c.month.name) });
    }
    return name;
  }

  private tierLevels(): string {
    if (!this.prelude.some((l) => l.startsWith('const tierLevel ='))) {
      // A tier's level is its position on its path; equivalent tiers on other tracks compare by that level.
      const level = this.tiers.map((t) => {
        const path = this.ir.checked.ladder.paths.find((p) => p.includes(t));
        return path ? path.indexOf(t) : 0;
      });
      this.prelude.push(`const tierLevel = [${level.map(jsNumber).join(', ')}];`);
    }
    return 'tierLevel';
  }

  private local(ref: ComputedRef): string {
    const slot = this.slotOf.get(computedKey(ref))!;
    const stage = this.stageOf.get(computedKey(ref)) ?? 0;
    return stage === this.currentStage ? `v${slot}` : `O${slot}[i]`;
  }

  declare(ref: ComputedRef, coding: ValueCoding, stage: number): string {
    const slot = this.outputs.length;
    this.slotOf.set(computedKey(ref), slot);
    this.outputs.push({ kind: ref.kind, name: ref.decl.name, span: ref.decl.span, coding, stage });
    return `v${slot}`;
  }

  formula(f: P.Formula): string {
    const cf = this.ir.formulaOf(f);
    if (!cf) throw new Error('codegen: formula was not checked');
    return this.expr(cf.parsed.tree, cf);
  }

  private tmp(): string {
    return `t${this.temp++}`;
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

  /** Series by their use, part of the loop, stage and code: the same history or ranked value read twice is one. */
  private readonly seriesByCode = new Map<string, number>();
  /** Whether the code being made goes at the end of the stage's loop (a ranked series and what it needs). */
  private inTail = false;

  /**
   * The series of `arg`'s value in the current stage: its write statements (to go before the read, or at the end of
   * the loop), or none when the series is shared or is an output's own column.
   */
  private seriesOf(use: SeriesSlot['use'], arg: Expr, cf: CheckedFormula): { series: number; writes: string[] } {
    const outer = this.pre;
    const seriesBefore = this.series.length;
    this.pre = [];
    const code = this.expr(arg, cf);
    const nested = this.pre;
    this.pre = outer;
    // The same code in the same stage and the same part of its loop names the same value: the series (and anything
    // its code needed first) was written before this read. The part matters: a series written at the end of the loop
    // (ranked after the stage) is not there yet for a read in the loop's body. (Equal code means equal temporaries
    // and inner series: an inner series made just now would have a new name.)
    const key = `${use}\u0000${this.inTail ? 'tail' : 'body'}\u0000${this.currentStage}\u0000${code}`;
    const known = this.seriesByCode.get(key);
    if (known !== undefined && this.series.length === seriesBefore) return { series: known, writes: [] };
    // A value with its own result column (a local vK of this stage or OK of an earlier one) is its own series.
    const own = /^v(\d+)$|^O(\d+)\[i\]$/.exec(code);
    const slot = own ? Number(own[1] ?? own[2]) : undefined;
    const output = slot !== undefined && this.outputs[slot]?.kind !== 'state' ? slot : undefined;
    const s = this.newSeries(use, cf.parsed.spanOf(arg.start, arg.end), output);
    this.seriesByCode.set(key, s);
    return { series: s, writes: output === undefined ? [...nested, `H${s}[m][i] = ${code};`] : nested };
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

  private sectionCode(sheet: number, section: number): string {
    const policy = this.ir.checked.policy;
    const s = policy.scoreSheets[sheet]!;
    const sec = s.sections[section]!;
    const items = sec.items.map((_, ii) => this.itemCode(sheet, section, ii));
    const raw = items.join(' + ') || '0';
    const w = weightFraction(sec.weight);
    const maxPoints = sec.items.reduce((a, it) => a + (quantityOf(it.points) ? measure(quantityOf(it.points)!).value : 0), 0);
    return s.scale === 'weighted' && w !== undefined && maxPoints > 0 ? `((${raw}) / ${jsNumber(maxPoints)} * ${jsNumber(w * 100)})` : `(${raw})`;
  }

  private itemCode(sheet: number, section: number, item: number): string {
    const s = this.ir.checked.policy.scoreSheets[sheet]!;
    const cols = this.ir.inputs.map((inp, k) => ({ inp, k })).filter(({ inp }) => inp.item && inp.item.sheet === sheet && inp.item.section === section && inp.item.item === item);
    if (s.raters.length === 0) return `I${cols[0]!.k}[i]`;
    return `(${cols.map(({ inp, k }) => `${jsNumber(weightFraction(s.raters.find((r) => r.name === inp.item!.rater)!.weight) ?? 0)} * I${k}[i]`).join(' + ')})`;
  }

  private ref(e: Expr, cf: CheckedFormula): string {
    const ref = cf.refs.get(e.id);
    if (!ref) throw new Error('codegen: unresolved name');
    switch (ref.kind) {
      case 'input': return `I${this.inputIndex(ref.decl.name)}[i]`;
      case 'state':
        if (!STATE_NAMES.has(ref.name)) throw new Error('codegen: unknown state');
        return `S.${ref.name}[i]`;
      case 'const': throw new Error('codegen: period or scope used as a value');
      case 'tier': return jsNumber(this.tiers.indexOf(ref.name));
      case 'track': return jsNumber(this.tracks.indexOf(ref.name));
      case 'enumMember': return ref.type.k === 'enum' ? jsNumber(ref.type.values.indexOf(ref.value)) : 'NaN';
      case 'event': return `EV[m][${this.kindIndex(ref.name) * 3}][i]`;
      case 'class': return `(${this.kindsOf(ref).map((k) => `EV[m][${k * 3}][i]`).join(' + ') || '0'})`;
      case 'section': return this.sectionCode(ref.sheet, ref.section);
      case 'item': return this.itemCode(ref.sheet, ref.section, ref.item);
      case 'table': throw new Error('codegen: table used as a value');
      default: return this.local(ref);
    }
  }

  expr(e: Expr, cf: CheckedFormula): string {
    switch (e.kind) {
      case 'number': return jsNumber(literalValue(e.value, e.unit));
      case 'string': return jsNumber(this.intern(e.value));
      case 'bool': return e.value ? '1' : '0';
      case 'name': case 'member': return this.ref(e, cf);
      case 'index': {
        const ref = cf.refs.get(e.object.id);
        if (ref?.kind !== 'table') throw new Error('codegen: index of a non-table');
        const t = this.tmp();
        this.pre.push(`const ${t} = ${this.expr(e.key, cf)};`);
        return `(${this.tableRef(ref.index)}[${t}] ?? NaN)`;
      }
      case 'unary': return e.op === 'not' ? bit(`!${this.expr(e.operand, cf)}`) : `(-${this.expr(e.operand, cf)})`;
      case 'percentOf': return `(${this.expr(e.operand, cf)} / 100)`;
      case 'if': return `(${this.expr(e.cond, cf)} ? ${this.expr(e.then, cf)} : ${this.expr(e.else, cf)})`;
      case 'in': {
        const r = e.range;
        const lo = r.lo ? this.expr(r.lo, cf) : '-Infinity';
        const hi = r.hi ? this.expr(r.hi, cf) : 'Infinity';
        return `${withinHelper(r.loClosed, r.hiClosed)}(${this.expr(e.value, cf)}, ${lo}, ${hi})`;
      }
      case 'interval': throw new Error('codegen: interval outside in');
      case 'binary': return this.binary(e, cf);
      case 'call': return this.call(e, cf);
    }
  }

  private binary(e: Extract<Expr, { kind: 'binary' }>, cf: CheckedFormula): string {
    const a = this.expr(e.left, cf);
    const b = this.expr(e.right, cf);
    const level = (x: Expr, code: string) => (cf.types.get(x.id)?.k === 'tier' ? `${this.tierLevels()}[${code}]` : code);
    switch (e.op) {
      // Both sides are always evaluated (the language has no side effects, and a yes/no is 1, 0 or NaN, which & and |
      // read as JavaScript's && and || would): a right side that runs only for a few people in some month would
      // otherwise be compiled without type feedback and throw the stage back to the interpreter when first reached.
      case 'and': return `(${a} & ${b})`;
      case 'or': return `(${a} | ${b})`;
      case '=': return bit(`${a} === ${b}`);
      case '!=': return bit(`${a} !== ${b}`);
      case '<': case '<=': case '>': case '>=': return bit(`${level(e.left, a)} ${e.op} ${level(e.right, b)}`);
      default: return `(${a} ${e.op} ${b})`;
    }
  }

  private call(e: Extract<Expr, { kind: 'call' }>, cf: CheckedFormula): string {
    if (!cf.calls.has(e.id) && cf.refs.has(e.id)) return this.ref(e, cf);
    const f = cf.calls.get(e.id);
    if (!f) throw new Error('codegen: unresolved call');
    const args = e.args;
    const arg = (i: number) => this.expr(args[i]!, cf);
    const isPeriod = (x: Expr | undefined) => {
      const t = x ? cf.types.get(x.id) : undefined;
      return t?.k === 'window' || (x?.kind === 'number' && t?.k === 'num' && t.unit === 'months');
    };
    const win = (k: number) => `W[${2 * k}], W[${2 * k + 1}]`;
    switch (f.name) {
      case 'min': case 'max':
        if (args.length === 2 && isPeriod(args[1])) {
          const s = this.historySeries(args[0]!, cf);
          return `${f.name === 'min' ? 'hMin' : 'hMax'}(H${s}, ${win(this.periodWindow(args[1]!, cf))}, i)`;
        }
        return `Math.${f.name}(${args.map((_, i) => arg(i)).join(', ')})`;
      case 'clamp': return `Math.min(Math.max(${arg(0)}, ${arg(1)}), ${arg(2)})`;
      case 'round': return `roundTo(${arg(0)}, ${args[1] ? arg(1) : '0'})`;
      case 'floor': case 'ceil': case 'abs': return `Math.${f.name}(${arg(0)})`;
      case 'avg': case 'sum': {
        const s = this.historySeries(args[0]!, cf);
        return `${f.name === 'avg' ? 'hAvg' : 'hSum'}(H${s}, ${win(this.periodWindow(args[1]!, cf))}, i)`;
      }
      case 'prev': return `hPrev(H${this.historySeries(args[0]!, cf)}, m, ${args[1] ? arg(1) : '1'}, i)`;
      case 'streak': return `hStreak(H${this.historySeries(args[0]!, cf)}, m, i)`;
      case 'months_in': return `(MI[${arg(0)}] ? MI[${arg(0)}][i] : 0)`;
      case 'count': case 'distinct': case 'sources': case 'amount': case 'months_since': {
        const ref = cf.refs.get(args[0]!.id);
        if (!ref || (ref.kind !== 'event' && ref.kind !== 'class' && ref.kind !== 'adjustments')) {
          // count(condition, period): the months in which the condition held.
          const s = this.historySeries(args[0]!, cf);
          return `hCount(H${s}, ${win(this.periodWindow(args[1]!, cf))}, i)`;
        }
        const kinds = this.kindsOf(ref);
        if (f.name === 'months_since') return `(m - Math.max(${kinds.map((k) => `EVL[${k}][i]`).join(', ') || '-Infinity'}))`;
        const column = { count: 0, distinct: 0, sources: 1, amount: 2 }[f.name];
        const read = (k: number) => (args[1] ? `evWin(EV, ${k * 3 + column}, ${win(this.periodWindow(args[1], cf))}, i)` : `EV[m][${k * 3 + column}][i]`);
        if (f.name === 'distinct') return `(${kinds.map((k) => `(${read(k)} > 0 ? 1 : 0)`).join(' + ') || '0'})`;
        return `(${kinds.map(read).join(' + ') || '0'})`;
      }
      case 'rank': case 'rank_low': case 'top': case 'team_avg': {
        const { series, stage } = this.populationSeries(args[0]!, cf);
        // team_avg's second argument is its scope or, without one, its condition (who counts in the mean).
        const isScope = (a: Expr | undefined) => !!a && cf.types.get(a.id)?.k === 'scope';
        const scopeArg = f.name === 'top' ? args[2] : f.name === 'team_avg' && !isScope(args[1]) ? undefined : args[1];
        const amongArg = f.name === 'team_avg' ? (isScope(args[1]) ? args[2] : args[1]) : undefined;
        const scope = this.scopeOf(scopeArg, cf, f.name === 'team_avg' ? 'team' : 'department');
        let wanted: Omit<PopulationOp, 'result'>;
        if (f.name === 'top') {
          const nSeries = this.populationSeries(args[1]!, cf);
          const share = cf.types.get(args[1]!.id);
          const op = share?.k === 'num' && share.unit === 'percent' ? 'topShare' : 'topN';
          wanted = { afterStage: Math.max(stage, nSeries.stage), op, scope, series, nSeries: nSeries.series };
        } else if (amongArg) {
          const among = this.populationSeries(amongArg, cf);
          wanted = { afterStage: Math.max(stage, among.stage), op: 'avg', scope, series, among: among.series };
        } else {
          wanted = { afterStage: stage, op: f.name === 'rank' ? 'rank' : f.name === 'rank_low' ? 'rankLow' : 'avg', scope, series };
        }
        // The same ranking read twice (a promotion rule and a flag both reading rank(x, department)) is made once.
        const same = this.population.find((p) => p.afterStage === wanted.afterStage && p.op === wanted.op && p.scope === wanted.scope && p.series === wanted.series && p.nSeries === wanted.nSeries && p.among === wanted.among);
        if (same) return `P${same.result}[i]`;
        const result = this.populationColumns++;
        this.population.push({ ...wanted, result });
        return `P${result}[i]`;
      }
    }
    throw new Error(`codegen: unknown function ${f.name}`);
  }

  // ---- items -----------------------------------------------------------------------------------------

  emit(item: Item): void {
    const { ref, stage } = item;
    this.currentStage = stage;
    this.pre = [];
    const body = this.body(stage);
    const push = (v: string, code: string) => { body.push(...this.pre, `const ${v} = ${code};`, `O${this.slotOf.get(computedKey(ref))}[i] = ${v};`); };
    switch (ref.kind) {
      case 'sheet': {
        const v = this.declare(ref, { as: 'number' }, stage);
        const decl = ref.decl;
        const sections = decl.sections.map((_, ci) => this.sectionCode(ref.index, ci));
        const base = quantityOf(decl.base);
        const cap = quantityOf(decl.cap);
        let total = `${base ? jsNumber(measure(base).value) + ' + ' : ''}${sections.join(' + ') || '0'}`;
        if (cap) total = `Math.min(${jsNumber(measure(cap).value)}, ${total})`;
        push(v, total);
        return;
      }
      case 'value': {
        const cf = this.ir.formulaOf(ref.decl.formula);
        const v = this.declare(ref, this.codingOf(cf?.type), stage);
        push(v, ref.decl.changes.length ? this.datedValue(ref.index, ref.decl) : this.formula(ref.decl.formula));
        return;
      }
      case 'flag': { const v = this.declare(ref, { as: 'bool' }, stage); push(v, bit(this.formula(ref.decl.when))); return; }
      case 'band': return this.band(ref, stage, push);
      case 'adjustments': return this.adjustments(ref, stage, push);
      case 'payLine': return this.payLine(ref, stage, push);
      case 'award': return this.award(ref, stage, push);
    }
  }

  private band(ref: Extract<ComputedRef, { kind: 'band' }>, stage: number, push: (v: string, code: string) => void): void {
    const decl = ref.decl;
    const texts = decl.bands.map((b) => b.value).filter((v) => v.kind === 'text').map((v) => (v as { text: string }).text);
    if (decl.otherwise?.kind === 'text') texts.push(decl.otherwise.text);
    const values = [...new Set(texts)];
    const coding: ValueCoding = values.length ? { as: 'enum', values } : { as: 'number' };
    const value = (a: Amount | undefined): string => {
      if (!a) return 'NaN';
      if (a.kind === 'quantity') return jsNumber(measure(a.q).value);
      if (a.kind === 'text') return jsNumber(values.indexOf(a.text));
      return 'NaN';
    };
    let chain = value(decl.otherwise);
    const x = this.tmp();
    for (const band of [...decl.bands].reverse()) {
      const tree = band.range?.parsed?.tree;
      const cf = band.range ? this.ir.formulaOf(band.range) : undefined;
      if (!tree || tree.kind !== 'interval' || !cf) continue;
      const lo = tree.lo ? this.expr(tree.lo, cf) : '-Infinity';
      const hi = tree.hi ? this.expr(tree.hi, cf) : 'Infinity';
      chain = `${withinHelper(tree.loClosed, tree.hiClosed)}(${x}, ${lo}, ${hi}) ? ${value(band.value)} : ${chain}`;
    }
    const v = this.declare(ref, coding, stage);
    this.pre.push(`const ${x} = ${this.formula(decl.of)};`);
    push(v, `(${chain})`);
  }

  private adjustments(ref: Extract<ComputedRef, { kind: 'adjustments' }>, stage: number, push: (v: string, code: string) => void): void {
    const decl = ref.decl;
    const parts: string[] = [];
    for (const item of decl.items) {
      const k = this.kindIndex(item.name);
      const pts = item.points;
      const count = item.maxPerMonth !== undefined ? `Math.min(EV[m][${k * 3}][i], ${jsNumber(item.maxPerMonth)})` : `EV[m][${k * 3}][i]`;
      if (pts?.kind === 'quantity') parts.push(`${count} * ${jsNumber(measure(pts.q).value)}`);
      else if (pts?.kind === 'range') parts.push(`EV[m][${k * 3 + 2}][i]`);
    }
    for (const esc of decl.escalation) {
      const q = quantityOf(esc.points);
      if (q) parts.push(`(${this.formula(esc.when)} ? ${jsNumber(measure(q).value)} : 0)`);
    }
    let total = parts.join(' + ') || '0';
    const cap = quantityOf(decl.cap);
    if (cap) total = `Math.min(${jsNumber(measure(cap).value)}, ${total})`;
    push(this.declare(ref, { as: 'number' }, stage), total);
  }

  private payLine(ref: Extract<ComputedRef, { kind: 'payLine' }>, stage: number, push: (v: string, code: string) => void): void {
    const decl = ref.decl;
    let code = this.formula(decl.formula);
    const min = quantityOf(decl.min);
    const max = quantityOf(decl.max);
    if (min) code = `Math.max(${jsNumber(measure(min).value)}, ${code})`;
    if (max) code = `Math.min(${jsNumber(measure(max).value)}, ${code})`;
    if (decl.when) code = `(${this.formula(decl.when)} ? ${code} : 0)`;
    if (decl.afterMonths !== undefined) code = `(S.employment_month[i] > ${jsNumber(decl.afterMonths)} ? ${code} : 0)`;
    // Unrounded here: the runtime rounds each line with the policy's rule, exactly.
    push(this.declare(ref, { as: 'money' }, stage), code);
  }

  private award(ref: Extract<ComputedRef, { kind: 'award' }>, stage: number, push: (v: string, code: string) => void): void {
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
    push(this.declare(ref, { as: 'money' }, stage), `P${result}[i]`);
  }

  /** The formulas of star ratings and ladder moves, as hidden columns the runtime reads between months. */
  emitStateFormulas(): void {
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
      stars.overrides.forEach((o, index) => list.push({ f: o.when, role: { role: 'override', index }, name: `stars.overrides[${index}]` }));
    }
    policy.transitions.forEach((t, index) => { if (t.when) list.push({ f: t.when, role: { role: 'transition', index }, name: `${t.direction}[${index}]` }); });
    policy.placement.forEach((p, index) => list.push({ f: p.when, role: { role: 'placement', index }, name: `placement[${index}]` }));
    for (const { f, role, name } of list) {
      const cf = this.ir.formulaOf(f);
      if (!cf) continue;
      const stage = this.stageOfTree(cf.parsed.tree, cf);
      this.currentStage = stage;
      this.pre = [];
      const code = this.expr(cf.parsed.tree, cf);
      const slot = this.outputs.length;
      this.outputs.push({ kind: 'state', name, span: f.source.span, coding: this.codingOf(cf.type), stage, state: role });
      // Rating formulas (averages over the last quarter …) are read only in the months stars are re-rated; the series
      // they read are still written every month (this.pre), or a later rating would find its months empty.
      const ratingOnly = role.role !== 'override' && role.role !== 'transition' && role.role !== 'placement' && role.role !== 'initialStar';
      const assign = `O${slot}[i] = ${code};`;
      this.body(stage).push(...this.pre, ratingOnly ? `if (rating) ${assign}` : assign);
    }
  }

  /** The lines of a stage's loop body, in order. */
  stageLines(stage: number): string[] {
    return [...(this.bodies[stage] ?? []), ...(this.tails[stage] ?? [])];
  }

  /**
   * One function per stage: a loop over the people of the month, columns bound to locals first. A stage with rating
   * formulas (computed only in the months stars are re-rated) is two loops, one with them and one without, so that
   * neither has lines that run only in some months: V8 would compile such a line without type feedback and throw the
   * whole stage back to the interpreter when a rating month first reaches it.
   */
  stageSource(name: string, lines: readonly string[]): string {
    const RATING = 'if (rating) ';
    if (!lines.some((l) => l.startsWith(RATING))) return this.stageLoop(name, lines);
    return [
      `function ${name}(a) { if (a.rating) ${name}$rating(a); else ${name}$month(a); }`,
      this.stageLoop(`${name}$rating`, lines.map((l) => (l.startsWith(RATING) ? l.slice(RATING.length) : l))),
      this.stageLoop(`${name}$month`, lines.filter((l) => !l.startsWith(RATING))),
    ].join('\n');
  }

  private stageLoop(name: string, lines: readonly string[]): string {
    // This month's columns are bound once, before the loop: an event count EV[m][c] as E<c>, a series' month
    // H<k>[m] as H<k>m, a state column S.<name> as S_<name> (the loop reads plain locals, nothing it must re-load).
    const body = lines.join('\n    ').replace(/EV\[m\]\[(\d+)\]|\b(H\d+)\[m\]\[|\bS\.(\w+)\[/g,
      (_, event: string | undefined, series: string | undefined, state: string | undefined) => (event !== undefined ? `E${event}` : series !== undefined ? `${series}m[` : `S_${state}[`));
    // The columns this stage touches, found in one pass over its body.
    const seen = new Set(body.match(/\b(?:[IOHPE]\d+m?|S_\w+)\b/g));
    const used = (prefix: string, count: number, suffix = '') =>
      Array.from({ length: count }, (_, k) => k).filter((k) => seen.has(`${prefix}${k}${suffix}`));
    const binds = [
      ...used('I', this.ir.inputs.length).map((k) => ({ name: `I${k}`, from: `a.I[${k}]` })),
      ...used('O', this.outputs.length).map((k) => ({ name: `O${k}`, from: `a.O[${k}]` })),
      ...used('H', this.series.length).map((k) => ({ name: `H${k}`, from: `a.H[${k}]` })),
      ...used('H', this.series.length, 'm').map((k) => ({ name: `H${k}m`, from: `a.H[${k}][a.m]` })),
      ...used('P', this.populationColumns).map((k) => ({ name: `P${k}`, from: `a.P[${k}]` })),
      ...used('E', this.ir.eventKinds.length * 3).map((k) => ({ name: `E${k}`, from: `a.EV[a.m][${k}]` })),
      ...[...STATE_NAMES].filter((st) => seen.has(`S_${st}`)).map((st) => ({ name: `S_${st}`, from: `a.S.${st}` })),
      ...this.dated.flatMap((d, slot) => (new RegExp(`\\b${d.name}\\b`).test(body) ? [{ name: d.name, from: `${d.versions}[a.TV[${slot}]]` }] : [])),
    ];
    // The loop is a function of its columns, called by a small one that finds them: the loop then starts without a
    // single property or element read, which V8 would otherwise compile blind (they run before its type feedback
    // exists) and later throw the loop back to the interpreter for.
    const params = ['n', 'm', 'S', 'EV', 'EVL', 'W', 'MI', 'active', ...binds.map((b) => b.name)];
    const args = ['a.n', 'a.m', 'a.S', 'a.EV', 'a.EVL', 'a.W', 'a.MI', 'a.S.active', ...binds.map((b) => b.from)];
    return [
      `function ${name}(a) { ${name}$loop(${args.join(', ')}); }`,
      `function ${name}$loop(${params.join(', ')}) {`,
      '  for (let i = 0; i < n; i++) {',
      '    if (active[i] === 0) continue;',
      ...(lines.length ? ['    ' + body] : []),
      '  }',
      '}',
    ].join('\n');
  }

  private readonly analysed = new Map<number, AnalysedLine[]>();

  /** Each line of a stage with the one name it assigns, the names and state columns it reads (found once). */
  private analysedLines(stage: number): AnalysedLine[] {
    let got = this.analysed.get(stage);
    if (!got) {
      // A local vK and its output column OK are one value: both are keyed OK; so is a history series that is OK's
      // own column (SeriesSlot.output).
      const key = (name: string) => {
        if (name.charCodeAt(0) === 118) return 'O' + name.slice(1);
        const own = name.charCodeAt(0) === 72 ? this.series[Number(name.slice(1))]?.output : undefined;
        return own !== undefined ? `O${own}` : name;
      };
      got = this.stageLines(stage).map((line) => {
        const m = /^(?:if \(rating\) )?(?:const ([vt]\d+)|([OH]\d+)(?:\[m\])?\[i\]) = (.*)$/.exec(line);
        if (!m) throw new Error(`codegen: line without one assignment: ${line}`);
        const target = (m[1] ?? m[2])!;
        const reads: string[] = [];
        const states: string[] = [];
        for (const x of m[3]!.matchAll(/\b([vtOHP]\d+)\b|\bS\.(\w+)\[/g)) {
          if (x[1] !== undefined) reads.push(x[1]);
          else states.push(x[2]!);
        }
        return { line, target, targetKey: key(target), reads, readKeys: reads.map(key), states };
      });
      this.analysed.set(stage, got);
    }
    return got;
  }

  /**
   * The lines to compute again after `moved` state changed, per stage, and the population operators to apply again.
   * Every line assigns one name (a local v/t, an output O, a series H for this month); it is dirty when it reads a
   * moved state column or a dirty name, and a population result is dirty when what it ranks is. A dirty line keeps
   * the temporaries it reads; a clean value it reads comes from its output column, where the first pass left it.
   */
  rerunLines(moved: readonly string[]): { stages: (string[] | null)[]; population: boolean[] } {
    const dirty = new Set<string>();
    const population = this.population.map(() => false);
    const stages: (string[] | null)[] = [];
    const stageCount = Math.max(1, this.bodies.length);
    for (let st = 0; st < stageCount; st++) {
      const lines = this.analysedLines(st);
      const keep = lines.map((l) => {
        const d = (l.states.length > 0 && moved.some((name) => l.states.includes(name))) || l.readKeys.some((r) => dirty.has(r));
        if (d) dirty.add(l.targetKey);
        return d;
      });
      if (!keep.some(Boolean)) {
        stages.push(null);
      } else {
        // Temporaries a kept line reads, found backwards (a temporary is defined before its use).
        const needed = new Set<string>();
        for (let k = lines.length - 1; k >= 0; k--) {
          const l = lines[k]!;
          if (!keep[k] && !(l.target.startsWith('t') && needed.has(l.target))) continue;
          keep[k] = true;
          for (const r of l.reads) if (r.startsWith('t')) needed.add(r);
        }
        const defined = new Set(lines.filter((_, k) => keep[k]).map((l) => l.target));
        stages.push(lines.filter((_, k) => keep[k]).map((l) => {
          // A clean local of this stage is not recomputed: it is read from its column.
          const [head, ...rest] = l.line.split(' = ');
          const rhs = rest.join(' = ').replace(/\bv(\d+)\b/g, (x, k: string) => (defined.has(x) ? x : `O${k}[i]`));
          return `${head!} = ${rhs}`;
        }));
      }
      this.population.forEach((op, k) => {
        if (op.afterStage !== st) return;
        const inputs = [op.series, ...(op.nSeries !== undefined ? [op.nSeries] : []), ...(op.award?.among !== undefined ? [op.award.among] : []), ...(op.award?.tieBreaks ?? [])];
        if (inputs.some((h) => dirty.has(`H${h}`))) { population[k] = true; dirty.add(`P${op.result}`); }
      });
    }
    return { stages, population };
  }
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

export function generateRuleSet(ir: RuleIr): RuleSet {
  const em = new Emitter(ir);
  const items = em.stageItems(ir.order);
  for (const item of [...items].sort((a, b) => a.stage - b.stage)) em.emit(item);
  em.emitStateFormulas();
  const stageCount = Math.max(1, em.bodies.length);
  const stageSources = Array.from({ length: stageCount }, (_, s) => em.stageSource(`stage${s}`, em.stageLines(s)));
  const source = [
    '"use strict";',
    HELPERS_BINDING,
    ...em.prelude,
    ...stageSources,
    `return [${stageSources.map((_, s) => `stage${s}`).join(', ')}];`,
  ].join('\n');
  // Built from our own checked tree: no policy text in it, numbers only as finite literals (escape.ts).
  const stages = new Function('helpers', source)(STAGE_HELPERS) as StageFunction[];
  // The rerun slices are made when a run first needs them (a star or tier moved): compiling stays as fast as before,
  // and a policy whose stars and tiers never move never builds them.
  let reruns: RuleSet['reruns'] | undefined;
  const buildReruns = (): RuleSet['reruns'] => {
    const starRerun = em.rerunLines(['star']);
    const tierRerun = em.rerunLines(['tier', 'months_in_tier']);
    const rerunSources = (prefix: string, r: { stages: (string[] | null)[] }) =>
      r.stages.map((lines, s) => (lines ? em.stageSource(`${prefix}${s}`, lines) : undefined)).filter((x) => x !== undefined);
    const list = (prefix: string, r: { stages: (string[] | null)[] }) => `[${r.stages.map((lines, s) => (lines ? `${prefix}${s}` : 'null')).join(', ')}]`;
    const rerunSource = [
      '"use strict";',
      HELPERS_BINDING,
      ...em.prelude,
      ...rerunSources('starRerun', starRerun),
      ...rerunSources('tierRerun', tierRerun),
      `return { star: ${list('starRerun', starRerun)}, tier: ${list('tierRerun', tierRerun)} };`,
    ].join('\n');
    const built = new Function('helpers', rerunSource)(STAGE_HELPERS) as { star: (StageFunction | null)[]; tier: (StageFunction | null)[] };
    return {
      star: { stages: built.star, population: starRerun.population },
      tier: { stages: built.tier, population: tierRerun.population },
      source: rerunSource,
    };
  };
  const stars = ir.checked.policy.stars;
  const inputCoding = ir.inputs.map((inp): ValueCoding => {
    const t = inp.type;
    if (t.k === 'enum') return { as: 'enum', values: t.values };
    if (t.k === 'bool') return { as: 'bool' };
    if (t.k === 'text') return { as: 'text' };
    if (t.k === 'num' && t.unit === 'money') return { as: 'money' };
    return { as: 'number' };
  });
  return {
    name: ir.meta.name,
    meta: ir.meta,
    inputs: ir.inputs,
    inputCoding,
    eventKinds: ir.eventKinds,
    datedParameters: em.dated.map((d) => ({ from: d.from })),
    outputs: em.outputs,
    series: em.series,
    windows: em.windows,
    population: em.population,
    populationColumns: em.populationColumns,
    stages,
    get reruns() {
      reruns ??= buildReruns();
      return reruns;
    },
    tiers: em.tiers,
    tierLevels: em.tiers.map((t) => {
      const path = ir.checked.ladder.paths.find((p) => p.includes(t));
      return path ? path.indexOf(t) : 0;
    }),
    tracks: em.tracks,
    strings: em.strings,
    ...(stars ? { stars } : {}),
    transitions: ir.checked.policy.transitions,
    placement: ir.checked.policy.placement,
    ...(() => {
      const ladder = ir.checked.policy.ladder;
      const entry = ladder?.entry[0]?.name ?? ladder?.tracks[0]?.paths[0]?.[0]?.name;
      return entry !== undefined ? { entryTier: entry } : {};
    })(),
    stateUsed: new Set([...source.matchAll(/\ba\.S\.(\w+)\b/g)].map((x) => x[1]!)),
    eventColumnsUsed: new Set([...source.matchAll(/a\.EV\[a\.m\]\[(\d+)\]|evWin\(EV, (\d+),/g)].map((x) => Number(x[1] ?? x[2]))),
    eventLatestUsed: new Set([...source.matchAll(/\bEVL\[(\d+)\]/g)].map((x) => Number(x[1]))),
    source,
  };
}
