// Name resolution and type/unit checking of every embedded expression. Types and resolved names are kept in
// side tables keyed by node id; computed names (values, pay lines, bands …) are typed on demand in dependency
// order, which is how a cycle among formulas is found and reported.

import { BUILTIN_FUNCTIONS, type CallCheck } from '../builtins/functions.ts';
import type { DiagnosticBag } from '../diagnostics/diagnostic.ts';
import { suggestName } from '../diagnostics/suggest.ts';
import { type Expr, type Interval, dottedPath } from '../expr/ast.ts';
import type { ParsedExpression } from '../expr/parse.ts';
import type * as P from '../model/policy.ts';
import type { Span } from '../source/source.ts';
import { type FunctionDoc, lookupFunction } from './builtins.ts';
import { literalArgs, literalOutOfRange } from '../expr/literals.ts';
import { foreignMoney } from './amounts.ts';
import { type ComputedRef, type Scope, type SymbolRef, computedKey, isComputed } from './scope.ts';
import {
  T, type Type, addUnits, comparable, describe, divUnits, isNumeric, isOrdered, literalUnit, mulUnits, unify,
} from './types.ts';

export interface CheckedFormula {
  readonly parsed: ParsedExpression;
  readonly type: Type;
  readonly types: ReadonlyMap<number, Type>;
  readonly refs: ReadonlyMap<number, SymbolRef>;
  /** For calls: the canonical function. */
  readonly calls: ReadonlyMap<number, FunctionDoc>;
  /** Computed names this formula reads. */
  readonly deps: readonly ComputedRef[];
}

type Expect = 'bool' | 'numeric' | 'money' | 'any';

export class FormulaChecker {
  /** Type of each computed name once checked; `null` while its formula is being checked (a cycle if met again). */
  private readonly computedTypes = new Map<string, Type | null>();
  private readonly stack: { key: string; name: string; span: Span }[] = [];
  readonly checked = new Map<P.Formula, CheckedFormula>();
  /** Evaluation order of computed names: each after everything it reads. */
  readonly order: ComputedRef[] = [];
  private readonly cycleReported = new Set<string>();
  /** Inputs read by any formula, for the unused-input warning. */
  readonly usedInputs = new Set<number>();
  /** Names offered as "did you mean": probably used, only misspelt, so not reported as unused. */
  readonly suggested = new Set<string>();

  constructor(readonly scope: Scope, private readonly bag: DiagnosticBag) {}

  // ---- computed names -------------------------------------------------------------------------------

  /** The type of each computed name checked so far, by computedKey (for the editor's hover and completion). */
  computedTypeMap(): ReadonlyMap<string, Type> {
    const out = new Map<string, Type>();
    for (const [k, t] of this.computedTypes) if (t) out.set(k, t);
    return out;
  }

  typeOfComputed(ref: ComputedRef): Type {
    const key = computedKey(ref);
    const known = this.computedTypes.get(key);
    if (known) return known;
    if (known === null) {
      this.reportCycle(key);
      return T.error;
    }
    this.computedTypes.set(key, null);
    this.stack.push({ key, name: ref.decl.name, span: ref.decl.span });
    const type = this.computeType(ref);
    this.stack.pop();
    this.computedTypes.set(key, type);
    this.order.push(ref);
    return type;
  }

  private reportCycle(key: string): void {
    const at = this.stack.findIndex((s) => s.key === key);
    const cycle = this.stack.slice(at);
    const id = cycle.map((c) => c.key).sort().join('|');
    if (this.cycleReported.has(id)) return;
    this.cycleReported.add(id);
    const text = [...cycle.map((c) => c.name), cycle[0]!.name].join(' → ');
    this.bag.add('L080', cycle[0]!.span, { cycle: text }, {
      related: cycle.slice(1).map((c) => ({ span: c.span, zh: `“${c.name}”在循环中`, en: `'${c.name}' is in the cycle` })),
    });
  }

  private computeType(ref: ComputedRef): Type {
    switch (ref.kind) {
      case 'value': return this.check(ref.decl.formula, 'any');
      case 'payLine': {
        const t = this.check(ref.decl.formula, 'any');
        if (ref.decl.when) this.check(ref.decl.when, 'bool');
        if (t.k !== 'error' && !(t.k === 'num' && (t.unit === 'money' || t.literal))) {
          const d = describe(t);
          this.bag.add('L084', ref.decl.formula.source.span, { line: ref.decl.name, actual: d.en, actualZh: d.zh });
        }
        return T.money;
      }
      case 'band': {
        const of = this.check(ref.decl.of, 'numeric');
        for (const band of ref.decl.bands) if (band.range) this.checkInterval(band.range, of);
        // The grades, and `otherwise` when it is one too (未评): a formula may compare with either.
        const texts = [...ref.decl.bands.map((b) => b.value), ...(ref.decl.otherwise ? [ref.decl.otherwise] : [])].filter((v): v is Extract<typeof v, { kind: 'text' }> => v.kind === 'text');
        if (texts.some((t) => ref.decl.bands.some((b) => b.value === t))) return { k: 'enum', of: ref.decl.name, values: [...new Set(texts.map((t) => t.text))], ordered: false };
        const q = ref.decl.bands.map((b) => b.value).find((v) => v.kind === 'quantity');
        if (q && q.kind === 'quantity') {
          const lu = literalUnit(q.q.unit);
          return lu.literal ? (of.k === 'num' && ref.decl.bands.every((b) => b.value.kind !== 'quantity' || b.value.q.unit === null) ? T.points : T.number) : { k: 'num', unit: lu.unit };
        }
        return T.number;
      }
      case 'flag': this.check(ref.decl.when, 'bool'); return T.bool;
      case 'award':
        if (ref.decl.among) this.check(ref.decl.among, 'bool');
        this.check(ref.decl.by, 'numeric');
        for (const f of ref.decl.tieBreak) this.check(f, 'any');
        return T.money;
      case 'adjustments':
        for (const esc of ref.decl.escalation) this.check(esc.when, 'bool');
        return T.points;
      case 'sheet': return T.points;
    }
  }

  // ---- formulas -----------------------------------------------------------------------------------------

  /** Checks a formula once; returns its type (error when it did not parse or check). */
  check(formula: P.Formula, expect: Expect): Type {
    const done = this.checked.get(formula);
    if (done) return done.type;
    const parsed = formula.parsed;
    if (!parsed) return T.error;
    const walk = new Walk(this, parsed);
    let type = walk.expr(parsed.tree);
    type = this.expectType(type, expect, parsed, parsed.tree);
    this.checked.set(formula, { parsed, type, types: walk.types, refs: walk.refs, calls: walk.calls, deps: walk.deps });
    return type;
  }

  /** An interval of a band table, checked against the type of the banded value. */
  checkInterval(formula: P.Formula, of: Type): void {
    const parsed = formula.parsed;
    if (!parsed) return;
    const walk = new Walk(this, parsed);
    const t = walk.expr(parsed.tree);
    if (parsed.tree.kind !== 'interval') {
      this.bag.add('L042', parsed.spanOf(parsed.tree.start, parsed.tree.end), { expected: 'an interval such as [80, 90)', expectedZh: '区间，如 [80, 90)', actual: describe(t).en, actualZh: describe(t).zh });
    } else if (t.k === 'interval') {
      walk.compareTypes(of, t.of, parsed.tree, () => parsed.spanOf(parsed.tree.start, parsed.tree.end));
    }
    this.checked.set(formula, { parsed, type: t, types: walk.types, refs: walk.refs, calls: walk.calls, deps: walk.deps });
  }

  expectType(type: Type, expect: Expect, parsed: ParsedExpression, node: Expr): Type {
    if (type.k === 'error') return type;
    const where = parsed.spanOf(node.start, node.end);
    const d = describe(type);
    if (expect === 'bool' && type.k !== 'bool') this.bag.add('L041', where, { actual: d.en, actualZh: d.zh });
    if (expect === 'numeric' && type.k !== 'num') this.bag.add('L042', where, { expected: 'a number', expectedZh: '数值', actual: d.en, actualZh: d.zh });
    return type;
  }

  report(...args: Parameters<DiagnosticBag['add']>): void {
    this.bag.add(...args);
  }
}

/** One walk over one expression tree. */
class Walk {
  readonly types = new Map<number, Type>();
  readonly refs = new Map<number, SymbolRef>();
  readonly calls = new Map<number, FunctionDoc>();
  readonly deps: ComputedRef[] = [];

  constructor(private readonly c: FormulaChecker, private readonly p: ParsedExpression) {}

  private span(e: Expr): Span {
    return this.p.spanOf(e.start, e.end);
  }

  private set(e: Expr, t: Type): Type {
    this.types.set(e.id, t);
    return t;
  }

  expr(e: Expr, hint?: Type): Type {
    return this.set(e, this.infer(e, hint));
  }

  private infer(e: Expr, hint?: Type): Type {
    switch (e.kind) {
      case 'number': {
        const written = this.p.text.slice(e.start, e.end);
        const limit = literalOutOfRange(e.value, e.unit, written);
        if (limit) this.c.report('L038', this.span(e), literalArgs(written, limit));
        const foreign = foreignMoney(e.value, e.unit, this.c.scope.currency);
        if (foreign) this.c.report('L098', this.span(e), foreign.args, { suggestion: foreign.fix });
        const lu = literalUnit(e.unit);
        return { k: 'num', unit: lu.unit, ...(lu.literal ? { literal: true } : {}) };
      }
      case 'date':
        if (e.day !== e.day) this.c.report('L024', this.span(e), { text: e.text });
        return T.date;
      case 'string': return T.text;
      case 'bool': return T.bool;
      case 'name': case 'member': return this.name(e, hint);
      case 'index': return this.index(e);
      case 'call': return this.call(e);
      case 'unary': {
        if (e.op === 'not') { this.boolOperand(e.operand); return T.bool; }
        const t = this.expr(e.operand);
        if (t.k !== 'num' && t.k !== 'error') this.mismatch(e, 'negate', t, t);
        return t.k === 'num' ? t : T.error;
      }
      case 'percentOf': {
        const t = this.expr(e.operand);
        if (t.k === 'error') return T.error;
        if (t.k !== 'num' || (t.unit !== 'number' && t.unit !== 'points')) {
          const d = describe(t);
          this.c.report('L042', this.span(e.operand), { expected: 'a number or points (score%)', expectedZh: '数字或分数（score%）', actual: d.en, actualZh: d.zh });
          return T.error;
        }
        return T.percent;
      }
      case 'binary': return this.binary(e);
      case 'in': {
        const v = this.expr(e.value);
        const r = this.expr(e.range, v);
        if (r.k === 'interval') this.compareTypes(v, r.of, e, () => this.span(e));
        return T.bool;
      }
      case 'interval': {
        let of: Type | undefined = hint && hint.k !== 'error' ? undefined : undefined;
        for (const b of [e.lo, e.hi]) {
          if (!b) continue;
          const t = this.expr(b);
          if (t.k !== 'num' && t.k !== 'error' && t.k !== 'date') {
            const d = describe(t);
            this.c.report('L042', this.span(b), { expected: 'a number', expectedZh: '数值', actual: d.en, actualZh: d.zh });
            continue;
          }
          if (of === undefined) of = t;
          else {
            const u = unify(of, t);
            if (!u) { this.mismatch(e as Interval, 'bound', of, t); of = T.error; } else of = u;
          }
        }
        return { k: 'interval', of: of ?? T.literal };
      }
      case 'if': {
        this.boolOperand(e.cond);
        const a = this.expr(e.then, hint);
        const b = this.expr(e.else, hint ?? a);
        const u = unify(a, b);
        if (!u) { this.mismatch(e, 'branch', a, b); return T.error; }
        return u;
      }
    }
  }

  private boolOperand(e: Expr): void {
    const t = this.expr(e);
    if (t.k !== 'bool' && t.k !== 'error') {
      const d = describe(t);
      this.c.report('L041', this.span(e), { actual: d.en, actualZh: d.zh });
    }
  }

  private mismatch(e: Expr, op: string, a: Type, b: Type): void {
    const A = describe(a);
    const B = describe(b);
    const OPS: Record<string, [string, string]> = {
      '+': ['add', '相加'], '-': ['subtract', '相减'], '*': ['multiply', '相乘'], '/': ['divide', '相除'],
      compare: ['compare', '比较'], branch: ['mix in one if/else', '作为同一条件的两个结果'], bound: ['mix as bounds', '作为区间端点'],
      negate: ['negate', '取负'], args: ['mix as arguments', '作为同一函数的参数'],
    };
    const [en, zh] = OPS[op] ?? [op, op];
    this.c.report('L040', this.span(e), { op: en, opZh: zh, left: A.en, right: B.en, leftZh: A.zh, rightZh: B.zh });
  }

  compareTypes(a: Type, b: Type, e: Expr, where: () => Span): void {
    const r = comparable(a, b);
    // The number compared: a side of the comparison itself when it is one (满意度 >= 95), else one found inside.
    const sides = e.kind === 'binary' ? [e.right, e.left] : e.kind === 'in' ? [e.range] : [];
    const direct = sides.find((x): x is Extract<Expr, { kind: 'number' }> => x.kind === 'number');
    if (r === 'percent-literal') {
      const lit = (direct?.unit === null ? direct : undefined) ?? findNumberLiteral(e);
      // 0.95 was meant as a fraction; 95 as percent points.
      const fix = lit ? `${lit.value <= 1 && lit.value > 0 ? Math.round(lit.value * 1e8) / 1e6 : lit.value}%` : 'a percent such as 95%';
      // At the number, with the fix as its replacement: applying it makes the comparison check.
      if (lit && lit === direct) this.c.report('L043', this.span(lit), { fix }, { suggestion: fix });
      else this.c.report('L043', where(), { fix });
    } else if (r === 'no') {
      // A number written with the wrong unit (考核分 >= 75%): the same number in the other side's unit checks.
      const other = direct && direct.unit !== null && e.kind === 'binary' ? (direct === e.right ? a : b) : undefined;
      const suffix = other?.k === 'num' ? UNIT_SUFFIX[other.unit] : undefined;
      if (direct && suffix !== undefined) {
        const fix = `${direct.value}${suffix}`;
        const A = describe(a);
        const B = describe(b);
        this.c.report('L040', this.span(direct), { op: 'compare', opZh: '比较', left: A.en, right: B.en, leftZh: A.zh, rightZh: B.zh }, { suggestion: fix });
      } else this.mismatch(e, 'compare', a, b);
    }
  }

  private binary(e: Extract<Expr, { kind: 'binary' }>): Type {
    if (e.op === 'and' || e.op === 'or') {
      this.boolOperand(e.left);
      this.boolOperand(e.right);
      return T.bool;
    }
    const isCmp = e.op === '=' || e.op === '!=' || e.op === '<' || e.op === '<=' || e.op === '>' || e.op === '>=';
    if (isCmp) {
      // A bare name on one side may be a value of the other side's enum: grade = A, education >= 大专.
      let left: Type;
      let right: Type;
      if (this.bareUnknown(e.left) || (this.valueName(e.left) && !this.valueName(e.right))) {
        right = this.expr(e.right);
        left = this.expr(e.left, right);
      } else {
        left = this.expr(e.left);
        right = this.expr(e.right, left);
      }
      if (left.k === 'error' || right.k === 'error') return T.bool;
      this.compareTypes(left, right, e, () => this.span(e));
      if ((e.op !== '=' && e.op !== '!=') && (!isOrdered(left) || !isOrdered(right))) {
        const d = describe(left);
        this.c.report('L042', this.span(e), { expected: 'values that have an order', expectedZh: '可比较大小的值', actual: d.en, actualZh: d.zh });
      }
      return T.bool;
    }
    const left = this.expr(e.left);
    const right = this.expr(e.right);
    if (left.k === 'error' || right.k === 'error') return T.error;
    if (left.k === 'date' || right.k === 'date') {
      // Dates move by months or days (hire_date + 3个月, leave_date - 30天); date − date is the days between.
      const span = (t: Type) => t.k === 'num' && (t.unit === 'months' || t.unit === 'days');
      if (left.k === 'date' && span(right) && (e.op === '+' || e.op === '-')) return T.date;
      if (right.k === 'date' && span(left) && e.op === '+') return T.date;
      if (left.k === 'date' && right.k === 'date' && e.op === '-') return T.days;
      this.mismatch(e, e.op, left, right);
      return T.error;
    }
    if (!isNumeric(left) || !isNumeric(right)) { this.mismatch(e, e.op, left, right); return T.error; }
    const t = e.op === '+' || e.op === '-' ? addUnits(left, right) : e.op === '*' ? mulUnits(left, right) : divUnits(left, right);
    if (!t) { this.mismatch(e, e.op, left, right); return T.error; }
    return t;
  }

  /** A name that stands for one value of a classification (a tier, a track, an event kind …), which the other side of
   * a comparison may read as its own value instead: 绩效等级 = 金牌 where 金牌 is also a tier (issue 19). */
  private valueName(e: Expr): boolean {
    const path = dottedPath(e);
    const ref = path ? this.c.scope.lookup(path.join('.')) : undefined;
    return !!ref && VALUE_NAMES.has(ref.kind);
  }

  private bareUnknown(e: Expr): boolean {
    const path = dottedPath(e);
    return path !== undefined && this.c.scope.lookup(path.join('.')) === undefined;
  }

  private name(e: Expr, hint?: Type): Type {
    const path = dottedPath(e);
    if (!path) {
      // A member of a non-name (e.g. table[key].x): members exist only on names.
      if (e.kind === 'member') this.expr(e.object);
      this.c.report('L030', this.span(e), { name: e.kind === 'member' ? e.name : '?' });
      return T.error;
    }
    const full = path.join('.');
    const ref = this.c.scope.lookup(full);
    // Compared with a grade or an enum that has this value, a name that is also a tier, track or event kind is the
    // value (绩效等级 = 金牌 with a tier 金牌): the comparison could mean nothing else. L067 warns of the shared name.
    if (ref && VALUE_NAMES.has(ref.kind) && hint?.k === 'enum' && hint.values.includes(full) && !(ref.kind === 'enumMember' && ref.type === hint)) {
      this.refs.set(e.id, { kind: 'enumMember', type: hint, value: full });
      return hint;
    }
    if (!ref) {
      if (hint && hint.k === 'enum' && hint.values.includes(full)) {
        this.refs.set(e.id, { kind: 'enumMember', type: hint, value: full });
        return hint;
      }
      if (hint && hint.k === 'enum') {
        const suggestion = suggestName(full, hint.values);
        this.c.report('L046', this.span(e), { value: full, of: hint.of, allowed: hint.values.join(', ') }, suggestion ? { suggestion } : {});
        return T.error;
      }
      const head = this.c.scope.lookup(path[0]!);
      if (head?.kind === 'sheet' && path.length >= 2) {
        const known = head.decl.sections.map((s) => s.name);
        const suggestion = suggestName(path[1]!, known);
        this.c.report('L053', this.span(e), { name: path.slice(1).join('.'), known: known.join(', ') }, suggestion ? { suggestion } : {});
        return T.error;
      }
      const suggestion = suggestName(full, this.c.scope.names());
      if (suggestion) this.c.suggested.add(suggestion);
      this.c.report('L030', this.span(e), { name: full }, suggestion ? { suggestion } : {});
      return T.error;
    }
    this.refs.set(e.id, ref);
    return this.typeOfRef(ref, e);
  }

  private typeOfRef(ref: SymbolRef, e: Expr): Type {
    switch (ref.kind) {
      case 'input': this.c.usedInputs.add(ref.index); return ref.type;
      case 'state': case 'const': return ref.type;
      case 'section': case 'item': return T.points;
      case 'table': return T.table;
      case 'event': return T.count;
      case 'class': return T.count;
      case 'tier': return T.tier;
      case 'track': return T.track;
      case 'enumMember': return ref.type;
      default:
        if (isComputed(ref)) {
          this.deps.push(ref);
          return this.c.typeOfComputed(ref);
        }
        void e;
        return T.error;
    }
  }

  private index(e: Extract<Expr, { kind: 'index' }>): Type {
    const obj = this.expr(e.object);
    const ref = this.refs.get(e.object.id);
    if (obj.k === 'error') { this.expr(e.key); return T.error; }
    if (!ref || ref.kind !== 'table') {
      const path = dottedPath(e.object);
      this.c.report('L044', this.span(e.object), { name: path?.join('.') ?? '?' });
      this.expr(e.key);
      return T.error;
    }
    const keyType = tableKeyType(ref.decl, this.c.scope);
    const k = this.expr(e.key, keyType);
    if (k.k !== 'error' && keyType.k !== 'error' && comparable(k, keyType) === 'no') {
      const a = describe(k);
      const b = describe(keyType);
      this.c.report('L045', this.span(e.key), { table: ref.decl.name, by: b.en, byZh: b.zh, actual: a.en, actualZh: a.zh });
    }
    // A table by number read at a number written in the formula that has no row (and no cap_at_top or otherwise
    // that would give one): the run could only stop there.
    if (isNumberTableDecl(ref.decl) && e.key.kind === 'number' && !ref.decl.otherwise) {
      const keys = [...ref.decl.rows, ...ref.decl.changes.flatMap((c) => c.rows)].map((r) => Number(r.key.name));
      const k = e.key.value;
      if (!keys.includes(k) && !(ref.decl.capAtTop && k > Math.max(...keys))) this.c.report('L086', this.span(e.key), { table: ref.decl.name, key: String(k) });
    }
    // A star the key can only come out as, outside the levels: the table has no row for it (issue 20).
    const levels = this.c.scope.starLevels;
    if (keyType === T.stars && levels) {
      for (const s of starConstants(e.key)) {
        if (!Number.isInteger(s.value) || s.value < levels.min || s.value > levels.max) this.c.report('L036', this.span(s.node), { star: String(s.value), min: levels.min, max: levels.max });
      }
    }
    return tableValueType(ref.decl);
  }

  private call(e: Extract<Expr, { kind: 'call' }>): Type {
    const f = lookupFunction(e.callee);
    if (!f) {
      // A name with brackets typed bare (新客服（试用）) reads as a call; when the whole text is a known name, it is that name.
      const asName = this.c.scope.lookup(this.p.text.slice(e.start, e.end).replace(/\s+/g, ''));
      if (asName) {
        this.refs.set(e.id, asName);
        return this.typeOfRef(asName, e);
      }
      const suggestion = suggestName(e.callee, [...BUILTIN_FUNCTIONS.keys()]);
      this.c.report('L033', this.p.spanOf(e.start, e.calleeEnd), { name: e.callee }, suggestion ? { suggestion } : {});
      for (const a of e.args) this.expr(a);
      return T.error;
    }
    this.calls.set(e.id, f);
    const args = e.args;
    // The function's own type rule (compiler/builtins/functions.ts), asking the checker what it needs.
    const call: CallCheck = {
      args,
      arity: (min, max, text) => {
        if (args.length >= min && args.length <= max) return true;
        this.c.report('L034', this.span(e), { name: f.name, expected: text, actual: args.length });
        for (const a of args) this.expr(a);
        return false;
      },
      expr: (a) => this.expr(a),
      numeric: (a) => this.numericArg(a),
      sameUnit: () => this.sameUnitArgs(e, args),
      period: (a) => this.period(a),
      isPeriod: (a) => this.isPeriodArg(a),
      literal: (a) => this.literalArg(a),
      condition: (a) => this.boolOperand(a),
      among: (a) => this.conditionArg(a),
      scope: (a) => this.scopeArg(a),
      event: (a, allowCondition) => this.eventArg(a, allowCondition),
      expected: (a, en, zh, found) => {
        const d = describe(found);
        this.c.report('L042', this.span(a), { expected: en, expectedZh: zh, actual: d.en, actualZh: d.zh });
      },
      report: (code, reportArgs) => this.c.report(code, this.span(e), reportArgs),
    };
    return BUILTIN_FUNCTIONS.get(f.name)!.check(call);
  }

  private numericArg(a: Expr): Type {
    const t = this.expr(a);
    if (t.k !== 'num' && t.k !== 'error') {
      const d = describe(t);
      this.c.report('L042', this.span(a), { expected: 'a number', expectedZh: '数值', actual: d.en, actualZh: d.zh });
      return T.error;
    }
    return t;
  }

  private literalArg(a: Expr): void {
    this.expr(a);
    if (a.kind !== 'number' || a.unit !== null) {
      this.c.report('L042', this.span(a), { expected: 'a plain whole number', expectedZh: '整数常量', actual: describe(this.types.get(a.id) ?? T.error).en, actualZh: describe(this.types.get(a.id) ?? T.error).zh });
    }
  }

  private sameUnitArgs(e: Expr, args: readonly Expr[]): Type {
    let t: Type | undefined;
    for (const a of args) {
      const at = this.numericArg(a);
      if (at.k === 'error') { t = T.error; continue; }
      if (t === undefined) t = at;
      else if (t.k !== 'error') {
        const u = unify(t, at);
        if (!u) { this.mismatch(e, 'args', t, at); t = T.error; } else t = u;
      }
    }
    return t ?? T.error;
  }

  private isPeriodArg(a: Expr): boolean {
    if (a.kind === 'number') return a.unit === 'months' || a.unit === 'years' || a.unit === 'quarters';
    const path = dottedPath(a);
    const ref = path ? this.c.scope.lookup(path.join('.')) : undefined;
    return ref?.kind === 'const' && ref.type.k === 'window';
  }

  private period(a: Expr): void {
    const t = this.expr(a);
    if (t.k === 'error') return;
    const ok = t.k === 'window' || (a.kind === 'number' && t.k === 'num' && t.unit === 'months' && a.value > 0);
    if (!ok) {
      const d = describe(t);
      this.c.report('L042', this.span(a), { expected: 'a period: 3个月, 上季度, last_year …', expectedZh: '期间：3个月、上季度、上年……', actual: d.en, actualZh: d.zh });
    }
  }

  private conditionArg(a: Expr): void {
    const t = this.expr(a);
    if (t.k !== 'bool' && t.k !== 'error') {
      const d = describe(t);
      this.c.report('L042', this.span(a), { expected: 'a condition (who counts)', expectedZh: '条件（计入谁）', actual: d.en, actualZh: d.zh });
    }
  }

  private scopeArg(a: Expr): void {
    const t = this.expr(a);
    if (t.k !== 'scope' && t.k !== 'error') {
      const d = describe(t);
      this.c.report('L042', this.span(a), { expected: 'a scope: team or department', expectedZh: '范围：本组或全部门', actual: d.en, actualZh: d.zh });
    }
  }

  /** An event kind, a class of items, a deduction table, or (for count) a condition. */
  private eventArg(a: Expr, allowCondition: boolean): 'event' | 'condition' | 'error' {
    const path = dottedPath(a);
    if (path) {
      const full = path.join('.');
      const ref = this.c.scope.lookup(full);
      if (ref && (ref.kind === 'event' || ref.kind === 'class' || ref.kind === 'adjustments')) {
        this.refs.set(a.id, ref);
        this.set(a, ref.kind === 'event' ? T.event : T.class);
        return 'event';
      }
      // `title.优秀客服`: an event kind followed by a source, counting only that source's events (A7/A8: titles).
      for (let cut = path.length - 1; !ref && cut >= 1; cut--) {
        const kind = path.slice(0, cut).join('.');
        const base = this.c.scope.lookup(kind);
        if (base?.kind === 'event') {
          const sourced = this.c.scope.sourcedEvent(kind, path.slice(cut).join('.'));
          this.refs.set(a.id, sourced);
          this.set(a, T.event);
          return 'event';
        }
      }
      if (!ref) {
        const suggestion = suggestName(full, [...this.c.scope.events]);
        this.c.report('L035', this.span(a), { name: full }, suggestion ? { suggestion } : {});
        this.set(a, T.error);
        return 'error';
      }
    }
    if (allowCondition) {
      this.boolOperand(a);
      return 'condition';
    }
    const t = this.expr(a);
    const d = describe(t);
    if (t.k !== 'error') this.c.report('L042', this.span(a), { expected: 'an event kind', expectedZh: '事件类别', actual: d.en, actualZh: d.zh });
    return 'error';
  }
}

/** The constant stars an expression can come out as: a literal (`2星`, `-1星`), or either branch of an `if`. */
function starConstants(e: Expr): { value: number; node: Expr }[] {
  if (e.kind === 'number' && (e.unit === 'stars' || e.unit === null)) return [{ value: e.value, node: e }];
  if (e.kind === 'unary' && e.op === '-' && e.operand.kind === 'number' && (e.operand.unit === 'stars' || e.operand.unit === null)) return [{ value: -e.operand.value, node: e }];
  if (e.kind === 'if') return [...starConstants(e.then), ...starConstants(e.else)];
  return [];
}

function findNumberLiteral(e: Expr): Extract<Expr, { kind: 'number' }> | undefined {
  if (e.kind === 'number' && e.unit === null) return e;
  if (e.kind === 'binary') return findNumberLiteral(e.right) ?? findNumberLiteral(e.left);
  if (e.kind === 'in') return findNumberLiteral(e.range);
  if (e.kind === 'interval') return (e.lo && findNumberLiteral(e.lo)) || (e.hi && findNumberLiteral(e.hi)) || undefined;
  return undefined;
}

/** How a number is written in each unit: the fix a unit hint proposes (75 → 75分 when compared with points). */
const UNIT_SUFFIX: Readonly<Record<string, string>> = { number: '', points: '分', percent: '%', money: '元', count: '次', months: '个月', days: '天', stars: '星' };

const isNumberTableDecl = (t: P.TableDecl) => t.by.name === 'number' || t.by.name === '数值';

const VALUE_NAMES: ReadonlySet<SymbolRef['kind']> = new Set(['tier', 'track', 'event', 'class', 'enumMember']);

export function tableKeyType(t: P.TableDecl, scope: Scope): Type {
  switch (t.by.name) {
    case 'tier': case '职级': return T.tier;
    case 'star': case '星级': return T.stars;
    case 'track': case '序列': return T.track;
    // A whole number of any unit but money and percent: a count, points, months, a plain number (lenient).
    case 'number': case '数值': return T.number;
    default: {
      const ref = scope.lookup(t.by.name);
      if (ref?.kind === 'input') return ref.type;
      return T.error;
    }
  }
}

export function tableValueType(t: P.TableDecl): Type {
  switch (t.unit) {
    case 'money': return T.money;
    case 'percent': return T.percent;
    case 'points': return T.points;
    case 'count': return T.count;
    case 'months': return T.months;
    case 'days': return T.days;
    case undefined: {
      const first = t.rows.map((r) => r.value).find((v) => v.kind === 'quantity');
      if (first && first.kind === 'quantity') {
        const lu = literalUnit(first.q.unit);
        return lu.literal ? T.number : { k: 'num', unit: lu.unit };
      }
      return T.number;
    }
    default: return T.number;
  }
}
