// An expression in plain words for the published document: operators and keywords as words (且/and, ≥, 若…则…否则),
// the policy's names as its labels, the common functions as phrases ("上季度 月度考评 的平均值").

import type { Expr, Unit } from '../../compiler/expr/ast.ts';
import { dottedPath } from '../../compiler/expr/ast.ts';
import { PREC, precOf, printNumber } from '../../compiler/expr/print.ts';
import { CONSTANTS, STANDARD_EVENTS, STATE, lookupFunction } from '../../compiler/check/builtins.ts';
import type { Lang } from '../../compiler/diagnostics/catalogue.ts';
import type { ParsedPolicy } from '../../compiler/model/policy.ts';
import { UNIT_WORDS, docWords } from './catalogue.ts';

const OPS: Readonly<Record<string, string>> = { '=': '=', '!=': '≠', '<': '<', '<=': '≤', '>': '>', '>=': '≥', '+': '+', '-': '−', '*': '×', '/': '÷' };

/** Turns expressions of one policy into words in one language. */
export class ExpressionWords {
  private readonly names = new Map<string, string>();
  private readonly w;

  constructor(policy: ParsedPolicy, private readonly lang: Lang) {
    this.w = docWords(lang);
    for (const s of STATE) {
      const word = lang === 'zh' ? s.aliases[0] ?? s.name : s.name.replace(/_/g, ' ');
      for (const n of [s.name, ...s.aliases]) this.names.set(n, word);
    }
    for (const c of CONSTANTS) {
      const word = lang === 'zh' ? c.aliases[0] ?? c.name : c.en;
      for (const n of [c.name, ...c.aliases]) this.names.set(n, word);
    }
    if (lang === 'zh') for (const [kind, label] of STANDARD_EVENTS) this.names.set(kind, label);
    // The policy's inputs by their labels: the names employees know them by (考核分, not score).
    for (const i of policy.inputs) if (i.label) this.names.set(i.name, i.label);
  }

  /** A name as the document shows it. */
  name(name: string): string {
    return this.names.get(name) ?? name;
  }

  /** A condition: a top-level chain of `and` (or `or`) is written as clauses ("A，且 B，且 C"). */
  condition(e: Expr): string {
    if (e.kind === 'binary' && (e.op === 'and' || e.op === 'or')) {
      const op = e.op;
      const parts: Expr[] = [];
      const flatten = (x: Expr) => { if (x.kind === 'binary' && x.op === op) { flatten(x.left); flatten(x.right); } else parts.push(x); };
      flatten(e);
      return parts.map((p) => this.wrap(p, op === 'and' ? PREC.not : PREC.and)).join(op === 'and' ? this.w.clauseAnd : this.w.clauseOr);
    }
    return this.expr(e);
  }

  expr(e: Expr): string {
    const w = this.w;
    const sp = ' ';
    switch (e.kind) {
      case 'number': return this.number(e.value, e.unit);
      case 'date': return e.text;
      case 'string': return this.lang === 'zh' ? `“${e.value}”` : `"${e.value}"`;
      case 'bool': return this.lang === 'zh' ? (e.value ? '是' : '否') : (e.value ? 'true' : 'false');
      case 'name': return this.name(e.name);
      case 'member': {
        const path = dottedPath(e);
        if (path && this.names.has(path.join('.'))) return this.names.get(path.join('.'))!;
        return `${this.wrap(e.object, PREC.postfix)}.${e.name}`;
      }
      case 'index': return `${this.wrap(e.object, PREC.postfix)}[${this.expr(e.key)}]`;
      case 'call': return this.call(e.callee, e.args);
      case 'percentOf': return e.operand.kind === 'number' && e.operand.unit === null ? `${this.expr(e.operand)}%` : `${this.wrap(e.operand, PREC.postfix)}%`;
      case 'unary': return e.op === 'not' ? `${w.not}${sp}${this.wrap(e.operand, PREC.not)}` : `−${this.wrap(e.operand, PREC.unary)}`;
      case 'binary': {
        const held = this.heldFor(e);
        if (held) return held;
        const p = precOf(e);
        const op = e.op === 'and' ? w.and : e.op === 'or' ? w.or : OPS[e.op] ?? e.op;
        if (p === PREC.cmp) return `${this.wrap(e.left, p + 1)} ${op} ${this.wrap(e.right, p + 1)}`;
        return `${this.wrap(e.left, p)} ${op} ${this.wrap(e.right, p + 1)}`;
      }
      case 'in': return `${this.wrap(e.value, PREC.cmp + 1)} ∈ ${this.expr(e.range)}`;
      case 'interval': {
        const lo = e.lo ? this.expr(e.lo) : '−∞';
        const hi = e.hi ? this.expr(e.hi) : '∞';
        return `${e.loClosed ? '[' : '('}${lo}, ${hi}${e.hiClosed ? ']' : ')'}`;
      }
      case 'if':
        return this.lang === 'zh'
          ? `若 ${this.condition(e.cond)} 则 ${this.expr(e.then)}，否则 ${this.expr(e.else)}`
          : `if ${this.condition(e.cond)} then ${this.expr(e.then)}, otherwise ${this.expr(e.else)}`;
    }
  }

  number(value: number, unit: Unit | null): string {
    if (unit === 'usd') return `$${printNumber(value)}`;
    const word = unit ? UNIT_WORDS[this.lang][unit] : '';
    // 1 month, not 1 months.
    return printNumber(value) + (this.lang === 'en' && value === 1 && /s$/.test(word) && unit !== 'days' ? word.slice(0, -1) : word);
  }

  /** `tenure >= 3个月` as HR says it: 入职满3个月 / employed at least 3 months (likewise time in customer service and
   * in the tier). */
  private heldFor(e: Expr & { kind: 'binary' }): string | undefined {
    if (e.op !== '>=' || e.left.kind !== 'name' || e.right.kind !== 'number' || !e.right.unit) return undefined;
    const what = HELD[STATE_NAME.get(e.left.name) ?? ''];
    return what ? what[this.lang](this.expr(e.right)) : undefined;
  }

  private wrap(e: Expr, minPrec: number): string {
    const s = this.expr(e);
    return precOf(e) < minPrec ? `(${s})` : s;
  }

  /** A period argument: 上季度, 近 3 个月 / the last quarter, the last 3 months. */
  private period(e: Expr): string {
    if (e.kind === 'number' && e.unit) return this.lang === 'zh' ? `近${this.number(e.value, e.unit)}` : `the last ${this.number(e.value, e.unit)}`;
    return this.expr(e);
  }

  private call(callee: string, args: readonly Expr[]): string {
    const zh = this.lang === 'zh';
    const fn = lookupFunction(callee)?.name ?? callee;
    const a = args.map((x) => this.expr(x));
    const subject = (x: Expr) => (x.kind === 'binary' || x.kind === 'unary' || x.kind === 'in' || x.kind === 'if') ? (zh ? `「${this.expr(x)}」` : `(${this.expr(x)})`) : this.expr(x);
    switch (fn) {
      case 'count':
        if (args.length === 2) return zh ? `${this.period(args[1]!)}${subject(args[0]!)}的次数` : `the number of times of ${subject(args[0]!)} in ${this.period(args[1]!)}`;
        if (args.length === 1) return zh ? `当月${subject(args[0]!)}的次数` : `the number of ${subject(args[0]!)} this month`;
        break;
      case 'amount':
        if (args.length === 2) return zh ? `${this.period(args[1]!)}${a[0]}的金额合计` : `the total amount of ${a[0]} in ${this.period(args[1]!)}`;
        if (args.length === 1) return zh ? `当月${a[0]}的金额合计` : `the total amount of ${a[0]} this month`;
        break;
      case 'avg': case 'sum':
        if (args.length === 2) {
          const what = fn === 'avg' ? (zh ? '平均值' : 'the average') : (zh ? '合计' : 'the total');
          return zh ? `${this.period(args[1]!)}${subject(args[0]!)}的${what}` : `${what} of ${subject(args[0]!)} over ${this.period(args[1]!)}`;
        }
        break;
      case 'prev':
        if (args.length === 1) return zh ? `上月的${subject(args[0]!)}` : `last month's ${subject(args[0]!)}`;
        if (args.length === 2) return zh ? `${a[1]}个月前的${subject(args[0]!)}` : `${subject(args[0]!)} ${a[1]} months earlier`;
        break;
      case 'streak':
        if (args.length === 1) return zh ? `连续${subject(args[0]!)}的月数` : `the months in a row with ${subject(args[0]!)}`;
        break;
      case 'rank': case 'rank_low':
        if (args.length >= 1) {
          const where = args[1] ? this.expr(args[1]) : (zh ? '全部门' : 'the whole department');
          const low = fn === 'rank_low';
          return zh ? `${subject(args[0]!)}在${where}的${low ? '倒数' : ''}名次` : `the ${low ? 'rank from the bottom' : 'rank'} of ${subject(args[0]!)} in ${where}`;
        }
        break;
      case 'months_in':
        if (args.length === 1) return zh ? `任 ${a[0]} 的月数` : `months in ${a[0]}`;
        break;
    }
    // Any other function: its Chinese name (or its own) with the arguments in words.
    const f = lookupFunction(callee);
    const name = zh ? f?.aliases[0] ?? callee : f?.name ?? callee;
    return `${name}(${a.join(zh ? '，' : ', ')})`;
  }
}

/** The state names (and their aliases) by their canonical name. */
const STATE_NAME = new Map(STATE.flatMap((s) => [s.name, ...s.aliases].map((n) => [n, s.name] as const)));

const HELD: Readonly<Record<string, { zh(n: string): string; en(n: string): string }>> = {
  tenure: { zh: (n) => `入职满${n}`, en: (n) => `employed at least ${n}` },
  cs_tenure: { zh: (n) => `从事客服满${n}`, en: (n) => `in customer service at least ${n}` },
  months_in_tier: { zh: (n) => `任本职级满${n}`, en: (n) => `in the tier at least ${n}` },
};

