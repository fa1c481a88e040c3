// IR → executable rule set: one JavaScript function per policy computing a person's month as straight-line code.
// The code is emitted from the checked tree only: locals are numbered (v3, it0_1_2), every policy name and string
// appears only as an escaped literal, and numbers only as finite literals.

import type { CheckedFormula } from '../check/formulas.ts';
import type { ComputedRef, SymbolRef } from '../check/scope.ts';
import { literalUnit } from '../check/types.ts';
import { measure, quantityOf, weightFraction } from '../check/amounts.ts';
import type { Expr } from '../expr/ast.ts';
import type * as P from '../model/policy.ts';
import type { Span } from '../source/source.ts';
import type { IrInput, RuleIr } from '../ir/build.ts';
import { jsNumber, jsString } from './escape.ts';

export type OutputKind = ComputedRef['kind'];

export interface OutputSlot {
  readonly kind: OutputKind;
  readonly name: string;
  readonly span: Span;
}

export interface SeriesSlot {
  readonly fn: string;
  readonly span: Span;
}

/** What generated code may call: history, events and population are supplied by the runtime. */
export interface MonthRuntime {
  /** fn: 0 count, 1 distinct sources, 2 amount, 3 months since; window: 'm<N>' | 'q' | 'lq' | 'y' | 'ly'. */
  ev(kind: number, fn: number, window: string): number;
  hist(series: number, fn: string, window: string, current: unknown, n: number): number;
  pop(series: number, fn: string, scope: string, current: unknown, n: number): number | boolean;
  award(index: number): number;
  money(x: number): number;
  round(x: number, digits: number): number;
}

export interface MonthState {
  readonly tier?: string;
  readonly track?: string;
  readonly star?: number;
  readonly tenure?: number;
  readonly cs_tenure?: number;
  readonly months_in_tier?: number;
  readonly employment_month?: number;
  readonly regular?: boolean;
  readonly probation?: boolean;
  readonly age?: number;
  readonly month_of_year?: number;
}

export interface MonthOutput {
  /** One value per output slot, in `outputs` order. */
  readonly v: readonly unknown[];
  /** The month's value of each history/population series, for the runtime to keep. */
  readonly s: readonly unknown[];
}

export type MonthFunction = (rt: MonthRuntime, inp: readonly unknown[], st: MonthState) => MonthOutput;

export interface RuleSet {
  readonly name: string;
  readonly meta: P.PolicyMeta;
  readonly inputs: readonly IrInput[];
  readonly eventKinds: readonly string[];
  readonly outputs: readonly OutputSlot[];
  readonly series: readonly SeriesSlot[];
  readonly tiers: readonly string[];
  readonly stars?: { readonly min: number; readonly max: number };
  /** The generated source, kept for review and tests. */
  readonly source: string;
  readonly evaluate: MonthFunction;
}

const STATE_NAMES = new Set(['tier', 'track', 'star', 'tenure', 'cs_tenure', 'months_in_tier', 'employment_month', 'regular', 'probation', 'age', 'month_of_year']);
const WINDOW_CODE: Record<string, string> = { quarter: 'q', last_quarter: 'lq', year: 'y', last_year: 'ly' };
const SCOPE_CODE: Record<string, string> = { team: 't', department: 'd' };

class Emitter {
  readonly prelude: string[] = [];
  readonly body: string[] = [];
  readonly outputs: OutputSlot[] = [];
  readonly series: SeriesSlot[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly tableVar = new Map<number, string>();
  private readonly enumVar = new Map<string, string>();
  private tierLevels: string | undefined;

  constructor(private readonly ir: RuleIr) {}

  private inputIndex(name: string): number {
    return this.ir.inputs.findIndex((i) => i.name === name);
  }

  private kindIndex(name: string): number {
    return this.ir.eventKinds.indexOf(name);
  }

  private tableRef(index: number): string {
    let v = this.tableVar.get(index);
    if (v) return v;
    v = `tb${index}`;
    const table = this.ir.checked.policy.tables[index]!;
    const rows = table.rows.map((r) => {
      const q = quantityOf(r.value);
      const value = q ? jsNumber(measure(q).value) : r.value.kind === 'text' ? jsString(r.value.text) : 'null';
      return `[${jsString(r.key.name)}, ${value}]`;
    });
    this.prelude.push(`const ${v} = new Map([${rows.join(', ')}]);`);
    this.tableVar.set(index, v);
    return v;
  }

  private levels(): string {
    if (this.tierLevels) return this.tierLevels;
    this.tierLevels = 'tierLevel';
    const entries: string[] = [];
    const seen = new Set<string>();
    for (const path of this.ir.checked.ladder.paths) path.forEach((t, i) => {
      if (!seen.has(t)) { seen.add(t); entries.push(`[${jsString(t)}, ${i}]`); }
    });
    this.prelude.push(`const tierLevel = new Map([${entries.join(', ')}]);`);
    return this.tierLevels;
  }

  private enumOrder(values: readonly string[]): string {
    const key = JSON.stringify(values);
    let v = this.enumVar.get(key);
    if (v) return v;
    v = `en${this.enumVar.size}`;
    this.prelude.push(`const ${v} = [${values.map(jsString).join(', ')}];`);
    this.enumVar.set(key, v);
    return v;
  }

  local(ref: ComputedRef): string {
    return `v${this.slotOf.get(`${ref.kind}:${ref.index}`)}`;
  }

  declare(ref: ComputedRef): string {
    const slot = this.outputs.length;
    this.slotOf.set(`${ref.kind}:${ref.index}`, slot);
    this.outputs.push({ kind: ref.kind, name: ref.decl.name, span: ref.decl.span });
    return `v${slot}`;
  }

  // ---- expressions -----------------------------------------------------------------------------------

  formula(f: P.Formula): string {
    const cf = this.ir.formulaOf(f);
    if (!cf) throw new Error('codegen: formula was not checked');
    return this.expr(cf.parsed.tree, cf);
  }

  private window(e: Expr, cf: CheckedFormula): string {
    if (e.kind === 'number') return jsString(`m${jsNumber(Math.round(e.value * literalUnit(e.unit).factor))}`);
    const ref = cf.refs.get(e.id);
    if (ref?.kind === 'const' && ref.doc.period) return jsString(WINDOW_CODE[ref.doc.period.kind]!);
    throw new Error('codegen: bad window');
  }

  private scopeCode(e: Expr | undefined, cf: CheckedFormula, dflt: string): string {
    if (!e) return jsString(dflt);
    const ref = cf.refs.get(e.id);
    if (ref?.kind === 'const' && ref.doc.scope) return jsString(SCOPE_CODE[ref.doc.scope]!);
    throw new Error('codegen: bad scope');
  }

  private addSeries(fn: string, e: Expr, cf: CheckedFormula): number {
    this.series.push({ fn, span: cf.parsed.spanOf(e.start, e.end) });
    return this.series.length - 1;
  }

  /** Event kinds an event argument stands for: one kind, the items of a class, or of a whole table. */
  private kindsOf(ref: SymbolRef | undefined): number[] {
    if (!ref) return [];
    const policy = this.ir.checked.policy;
    if (ref.kind === 'event') return [this.kindIndex(ref.name)];
    if (ref.kind === 'class') return policy.adjustments[ref.table]!.items.filter((i) => i.cls?.name === ref.name).map((i) => this.kindIndex(i.name));
    if (ref.kind === 'adjustments') return ref.decl.items.map((i) => this.kindIndex(i.name));
    return [];
  }

  private ref(e: Expr, cf: CheckedFormula): string {
    const ref = cf.refs.get(e.id);
    if (!ref) throw new Error('codegen: unresolved name');
    switch (ref.kind) {
      case 'input': return `inp[${this.inputIndex(ref.decl.name)}]`;
      case 'state':
        if (!STATE_NAMES.has(ref.name)) throw new Error('codegen: unknown state');
        return `st[${jsString(ref.name)}]`;
      case 'const': return jsString(ref.doc.name);
      case 'tier': case 'track': return jsString(ref.name);
      case 'enumMember': return jsString(ref.value);
      case 'event': return `rt.ev(${this.kindIndex(ref.name)}, 0, "m1")`;
      case 'class': return `(${this.kindsOf(ref).map((k) => `rt.ev(${k}, 0, "m1")`).join(' + ') || '0'})`;
      case 'section': return `sec${ref.sheet}_${ref.section}`;
      case 'item': return `it${ref.sheet}_${ref.section}_${ref.item}`;
      case 'table': throw new Error('codegen: table used as a value');
      default: return this.local(ref);
    }
  }

  private typeOf(e: Expr, cf: CheckedFormula) {
    return cf.types.get(e.id);
  }

  expr(e: Expr, cf: CheckedFormula): string {
    switch (e.kind) {
      case 'number': return jsNumber(e.value * literalUnit(e.unit).factor);
      case 'string': return jsString(e.value);
      case 'bool': return e.value ? 'true' : 'false';
      case 'name': case 'member': return this.ref(e, cf);
      case 'index': {
        const ref = cf.refs.get(e.object.id);
        if (ref?.kind !== 'table') throw new Error('codegen: index of a non-table');
        const key = this.expr(e.key, cf);
        return `${this.tableRef(ref.index)}.get(String(${key}))`;
      }
      case 'unary': return e.op === 'not' ? `(!${this.expr(e.operand, cf)})` : `(-${this.expr(e.operand, cf)})`;
      case 'percentOf': return `(${this.expr(e.operand, cf)} / 100)`;
      case 'if': return `(${this.expr(e.cond, cf)} ? ${this.expr(e.then, cf)} : ${this.expr(e.else, cf)})`;
      case 'in': {
        const r = e.range;
        const lo = r.lo ? this.expr(r.lo, cf) : '-Infinity';
        const hi = r.hi ? this.expr(r.hi, cf) : 'Infinity';
        return `within(${this.expr(e.value, cf)}, ${lo}, ${hi}, ${r.loClosed}, ${r.hiClosed})`;
      }
      case 'interval': throw new Error('codegen: interval outside in');
      case 'binary': return this.binary(e, cf);
      case 'call': return this.call(e, cf);
    }
  }

  private ordered(e: Expr, cf: CheckedFormula, code: string): string {
    const t = this.typeOf(e, cf);
    if (t?.k === 'tier') return `tierLevelOf(${this.levels()}, ${code})`;
    if (t?.k === 'enum' && t.ordered) return `${this.enumOrder(t.values)}.indexOf(${code})`;
    return code;
  }

  private binary(e: Extract<Expr, { kind: 'binary' }>, cf: CheckedFormula): string {
    const a = this.expr(e.left, cf);
    const b = this.expr(e.right, cf);
    switch (e.op) {
      case 'and': return `(${a} && ${b})`;
      case 'or': return `(${a} || ${b})`;
      case '=': return `(${a} === ${b})`;
      case '!=': return `(${a} !== ${b})`;
      case '<': case '<=': case '>': case '>=':
        return `(${this.ordered(e.left, cf, a)} ${e.op} ${this.ordered(e.right, cf, b)})`;
      default: return `(${a} ${e.op} ${b})`;
    }
  }

  private call(e: Extract<Expr, { kind: 'call' }>, cf: CheckedFormula): string {
    const f = cf.calls.get(e.id);
    if (!f) throw new Error('codegen: unresolved call');
    const args = e.args;
    const arg = (i: number) => this.expr(args[i]!, cf);
    const isPeriod = (x: Expr | undefined) => {
      if (!x) return false;
      const t = this.typeOf(x, cf);
      return t?.k === 'window' || (x.kind === 'number' && t?.k === 'num' && t.unit === 'months');
    };
    switch (f.name) {
      case 'min': case 'max':
        if (args.length === 2 && isPeriod(args[1])) {
          return `rt.hist(${this.addSeries(f.name, args[0]!, cf)}, ${jsString(f.name)}, ${this.window(args[1]!, cf)}, ${arg(0)}, 0)`;
        }
        return `Math.${f.name}(${args.map((_, i) => arg(i)).join(', ')})`;
      case 'clamp': return `Math.min(Math.max(${arg(0)}, ${arg(1)}), ${arg(2)})`;
      case 'round': return `rt.round(${arg(0)}, ${args[1] ? arg(1) : '0'})`;
      case 'floor': case 'ceil': case 'abs': return `Math.${f.name}(${arg(0)})`;
      case 'avg': case 'sum':
        return `rt.hist(${this.addSeries(f.name, args[0]!, cf)}, ${jsString(f.name)}, ${this.window(args[1]!, cf)}, ${arg(0)}, 0)`;
      case 'prev':
        return `rt.hist(${this.addSeries('prev', args[0]!, cf)}, "prev", "m0", ${arg(0)}, ${args[1] ? arg(1) : '1'})`;
      case 'streak':
        return `rt.hist(${this.addSeries('streak', args[0]!, cf)}, "streak", "m0", ${arg(0)}, 0)`;
      case 'count': case 'distinct': case 'sources': case 'amount': case 'months_since': {
        const ref = cf.refs.get(args[0]!.id);
        const window = args[1] ? this.window(args[1], cf) : '"m1"';
        if (!ref || (ref.kind !== 'event' && ref.kind !== 'class' && ref.kind !== 'adjustments')) {
          // count(condition, period): months in which the condition held.
          return `rt.hist(${this.addSeries('count', args[0]!, cf)}, "count", ${window}, ${arg(0)}, 0)`;
        }
        const kinds = this.kindsOf(ref);
        if (f.name === 'distinct') return `(${kinds.map((k) => `(rt.ev(${k}, 0, ${window}) > 0 ? 1 : 0)`).join(' + ') || '0'})`;
        const fn = { count: 0, sources: 1, amount: 2, months_since: 3 }[f.name];
        if (f.name === 'months_since') return `Math.min(${kinds.map((k) => `rt.ev(${k}, 3, "m0")`).join(', ') || 'Infinity'})`;
        return `(${kinds.map((k) => `rt.ev(${k}, ${fn}, ${window})`).join(' + ') || '0'})`;
      }
      case 'months_in':
        return `rt.hist(${this.addSeries('months_in', args[0]!, cf)}, "months_in", "m0", ${arg(0)}, 0)`;
      case 'rank':
        return `rt.pop(${this.addSeries('rank', args[0]!, cf)}, "rank", ${this.scopeCode(args[1], cf, 'department')}, ${arg(0)}, 0)`;
      case 'top':
        return `rt.pop(${this.addSeries('top', args[0]!, cf)}, ${jsString(this.typeOf(args[1]!, cf)?.k === 'num' && (this.typeOf(args[1]!, cf) as { unit: string }).unit === 'percent' ? 'topShare' : 'topN')}, ${this.scopeCode(args[2], cf, 'department')}, ${arg(0)}, ${arg(1)})`;
      case 'team_avg':
        return `rt.pop(${this.addSeries('team_avg', args[0]!, cf)}, "avg", ${this.scopeCode(args[1], cf, 'team')}, ${arg(0)}, 0)`;
    }
    throw new Error(`codegen: unknown function ${f.name}`);
  }

  // ---- computed names ---------------------------------------------------------------------------------

  sheets(): void {
    const policy = this.ir.checked.policy;
    policy.scoreSheets.forEach((sheet, si) => {
      const sectionCodes: string[] = [];
      sheet.sections.forEach((section, ci) => {
        const itemCodes: string[] = [];
        let maxPoints = 0;
        section.items.forEach((item, ii) => {
          const cols = this.ir.inputs.map((inp, k) => ({ inp, k })).filter(({ inp }) => inp.item && inp.item.sheet === si && inp.item.section === ci && inp.item.item === ii);
          const rating = sheet.raters.length
            ? cols.map(({ inp, k }) => `${jsNumber(weightFraction(sheet.raters.find((r) => r.name === inp.item!.rater)!.weight) ?? 0)} * inp[${k}]`).join(' + ')
            : `inp[${cols[0]!.k}]`;
          this.body.push(`const it${si}_${ci}_${ii} = ${rating || '0'};`);
          itemCodes.push(`it${si}_${ci}_${ii}`);
          const q = quantityOf(item.points);
          maxPoints += q ? measure(q).value : 0;
        });
        const raw = itemCodes.join(' + ') || '0';
        const w = weightFraction(section.weight);
        const scaled = sheet.scale === 'weighted' && w !== undefined && maxPoints > 0 ? `(${raw}) / ${jsNumber(maxPoints)} * ${jsNumber(w * 100)}` : raw;
        this.body.push(`const sec${si}_${ci} = ${scaled};`);
        sectionCodes.push(`sec${si}_${ci}`);
      });
      const base = quantityOf(sheet.base);
      const cap = quantityOf(sheet.cap);
      let total = `${base ? jsNumber(measure(base).value) + ' + ' : ''}${sectionCodes.join(' + ') || '0'}`;
      if (cap) total = `Math.min(${jsNumber(measure(cap).value)}, ${total})`;
      const v = this.declare({ kind: 'sheet', index: si, decl: sheet });
      this.body.push(`const ${v} = ${total};`);
    });
  }

  computed(ref: ComputedRef): void {
    switch (ref.kind) {
      case 'sheet': return; // emitted first by sheets()
      case 'value': { const v = this.declare(ref); this.body.push(`const ${v} = ${this.formula(ref.decl.formula)};`); return; }
      case 'flag': { const v = this.declare(ref); this.body.push(`const ${v} = !!${this.formula(ref.decl.when)};`); return; }
      case 'award': { const v = this.declare(ref); this.body.push(`const ${v} = rt.award(${ref.index});`); return; }
      case 'band': return this.band(ref);
      case 'adjustments': return this.adjustments(ref);
      case 'payLine': return this.payLine(ref);
    }
  }

  private band(ref: Extract<ComputedRef, { kind: 'band' }>): void {
    const decl = ref.decl;
    const fn = `band${ref.index}`;
    const value = (a: P.Band['value'] | undefined): string => {
      if (!a) return 'null';
      if (a.kind === 'quantity') return jsNumber(measure(a.q).value);
      if (a.kind === 'text') return jsString(a.text);
      return 'null';
    };
    let chain = value(decl.otherwise);
    for (const band of [...decl.bands].reverse()) {
      const tree = band.range?.parsed?.tree;
      const cf = band.range ? this.ir.formulaOf(band.range) : undefined;
      if (!tree || tree.kind !== 'interval' || !cf) continue;
      const lo = tree.lo ? this.expr(tree.lo, cf) : '-Infinity';
      const hi = tree.hi ? this.expr(tree.hi, cf) : 'Infinity';
      chain = `within(x, ${lo}, ${hi}, ${tree.loClosed}, ${tree.hiClosed}) ? ${value(band.value)} : ${chain}`;
    }
    this.prelude.push(`const ${fn} = (x) => (${chain});`);
    const v = this.declare(ref);
    this.body.push(`const ${v} = ${fn}(${this.formula(decl.of)});`);
  }

  private adjustments(ref: Extract<ComputedRef, { kind: 'adjustments' }>): void {
    const decl = ref.decl;
    const parts: string[] = [];
    for (const item of decl.items) {
      const k = this.kindIndex(item.name);
      const pts = item.points;
      if (pts?.kind === 'quantity') parts.push(`rt.ev(${k}, 0, "m1") * ${jsNumber(measure(pts.q).value)}`);
      else if (pts?.kind === 'range') parts.push(`rt.ev(${k}, 2, "m1")`);
    }
    for (const esc of decl.escalation) {
      const q = quantityOf(esc.points);
      if (q) parts.push(`(${this.formula(esc.when)} ? ${jsNumber(measure(q).value)} : 0)`);
    }
    let total = parts.join(' + ') || '0';
    const cap = quantityOf(decl.cap);
    if (cap) total = `Math.min(${jsNumber(measure(cap).value)}, ${total})`;
    const v = this.declare(ref);
    this.body.push(`const ${v} = ${total};`);
  }

  private payLine(ref: Extract<ComputedRef, { kind: 'payLine' }>): void {
    const decl = ref.decl;
    let code = this.formula(decl.formula);
    const min = quantityOf(decl.min);
    const max = quantityOf(decl.max);
    if (min) code = `Math.max(${jsNumber(measure(min).value)}, ${code})`;
    if (max) code = `Math.min(${jsNumber(measure(max).value)}, ${code})`;
    if (decl.when) code = `(${this.formula(decl.when)} ? ${code} : 0)`;
    if (decl.afterMonths !== undefined) code = `(st["employment_month"] > ${jsNumber(decl.afterMonths)} ? ${code} : 0)`;
    const v = this.declare(ref);
    this.body.push(`const ${v} = rt.money(${code});`);
  }
}

const HELPERS = [
  'const within = (x, lo, hi, lc, hc) => (lc ? x >= lo : x > lo) && (hc ? x <= hi : x < hi);',
  'const tierLevelOf = (levels, t) => (levels.has(t) ? levels.get(t) : NaN);',
];

export function generateRuleSet(ir: RuleIr): RuleSet {
  const em = new Emitter(ir);
  em.sheets();
  for (const ref of ir.order) em.computed(ref);
  const seriesLocals = em.series.map((_, i) => i);
  void seriesLocals;
  const source = [
    '"use strict";',
    ...HELPERS,
    ...em.prelude,
    'return function evaluateMonth(rt, inp, st) {',
    ...em.body.map((l) => '  ' + l),
    `  return { v: [${em.outputs.map((_, i) => `v${i}`).join(', ')}], s: [] };`,
    '};',
  ].join('\n');
  // The source is built from our own tree with every policy string escaped (see escape.ts).
  const evaluate = new Function(source)() as MonthFunction;
  const stars = ir.checked.policy.stars;
  return {
    name: ir.meta.name,
    meta: ir.meta,
    inputs: ir.inputs,
    eventKinds: ir.eventKinds,
    outputs: em.outputs,
    series: em.series,
    tiers: ir.checked.ladder.tiers,
    ...(stars ? { stars: { min: stars.min, max: stars.max } } : {}),
    source,
    evaluate,
  };
}
