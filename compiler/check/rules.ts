// Checks of the remaining sections: tables with a row for every tier/star, deduction tables, quotas, star
// overrides, rules that can never fire, the effective period, unused inputs and the tests' references.

import type { DiagnosticBag } from '../diagnostics/diagnostic.ts';
import { suggestName } from '../diagnostics/suggest.ts';
import { type Expr, dottedPath } from '../expr/ast.ts';
import type * as P from '../model/policy.ts';
import type { Amount } from '../model/quantity.ts';
import { printExpression } from '../expr/print.ts';
import { checkAmount, checkPlaceholderName, measure, quantityOf } from './amounts.ts';
import { literalUnit } from './types.ts';
import { compareNumbers, partialLogic } from '../expr/partial.ts';
import { constantValue } from './bands.ts';
import type { FormulaChecker } from './formulas.ts';
import type { LadderGraph } from './ladder.ts';
import type { Scope } from './scope.ts';
import { itemColumns } from '../model/columns.ts';
import { MONTH, tableVersions } from '../model/dated.ts';

const MONEY = { en: 'an amount of money', zh: '金额' };
const POINTS = { en: 'points per occurrence', zh: '每次分值' };

export function checkTables(policy: P.ParsedPolicy, graph: LadderGraph, bag: DiagnosticBag): void {
  for (const table of policy.tables) {
    const changed = table.changes.flatMap((c) => c.rows);
    for (const row of [...table.rows, ...changed]) checkAmount(bag, row.value, row.key.name, { en: 'a value for this row', zh: '该行的数值' }, table.unit === 'money' ? 'yuan' : undefined);
    for (const change of table.changes) checkChangeMonth(policy, table.name, change.month, bag);
    const by = table.by.name;
    if (isNumberTable(table)) { checkNumberTable(table, bag); continue; }
    // otherwise and cap_at_top belong to tables by number: a tier, star or enum table has a row for every key (L086).
    for (const [field, span] of [['otherwise', table.otherwise ? amountSpan(table.otherwise) : undefined], ['cap_at_top', table.capAtTop]] as const) {
      if (span) bag.add('L049', span, { table: table.name, field });
    }
    let expected: string[] | undefined;
    const byInput = policy.inputs.find((i) => i.name === by);
    if (!['tier', '职级', 'star', '星级', 'track', '序列'].includes(by) && !byInput) {
      const suggestion = suggestName(by, ['tier', 'star', 'track', 'number', ...policy.inputs.filter((i) => i.type === 'enum').map((i) => i.name)]);
      bag.add('L030', table.by.span, { name: by }, suggestion ? { suggestion } : {});
      continue;
    }
    if (by === 'tier' || by === '职级') expected = [...graph.tiers];
    else if ((by === 'star' || by === '星级') && policy.stars) {
      expected = [];
      for (let s = policy.stars.min; s <= policy.stars.max; s++) expected.push(String(s));
    } else {
      const input = policy.inputs.find((i) => i.name === by);
      if (input?.type === 'enum') expected = input.values.map((v) => v.name);
    }
    if (!expected) continue;
    for (const row of [...table.rows, ...changed]) {
      if (!expected.includes(row.key.name)) {
        const suggestion = suggestName(row.key.name, expected);
        if (by === 'tier' || by === '职级') bag.add('L032', row.key.span, { name: row.key.name }, suggestion ? { suggestion } : {});
        else if (by === 'star' || by === '星级') bag.add('L036', row.key.span, { star: row.key.name, min: policy.stars!.min, max: policy.stars!.max });
        else bag.add('L046', row.key.span, { value: row.key.name, of: by, allowed: expected.join(', ') }, suggestion ? { suggestion } : {});
      }
    }
    const missing = expected.filter((key) => !table.rows.some((r) => r.key.name === key));
    if (missing.length) bag.add('L086', table.span, { table: table.name, key: missing.join(', ') });
    // Pay that falls as the tier rises is almost always a typo; tiers are compared along each path, in every version
    // of the table (a change that breaks the order is reported at the changed row).
    if (by === 'tier' || by === '职级') {
      const reported = new Set<object>();
      for (const version of tableVersions(table)) for (const path of graph.paths) {
        let prev: { tier: string; v: number; text: string } | undefined;
        for (const tier of path) {
          const row = version.rows.find((r) => r.key.name === tier);
          const q = quantityOf(row?.value);
          if (!q) continue;
          const v = measure(q).value;
          if (prev && v < prev.v && !reported.has(row!)) { reported.add(row!); bag.add('L087', row!.key.span, { table: table.name, higher: tier, hv: q.text, lower: prev.tier, lv: prev.text }); }
          prev = { tier, v, text: q.text };
        }
      }
    }
  }
}

function amountSpan(a: Amount): P.Named['span'] {
  return a.kind === 'quantity' ? a.q.span : a.kind === 'range' ? a.r.span : a.span;
}

/** A table keyed by a whole number (`by: number`, 数值): a payout for each level of a count or a measured rate. */
export function isNumberTable(table: P.TableDecl): boolean {
  return table.by.name === 'number' || table.by.name === '数值';
}

/** The highest row key a table by number may have: its cells are indexed by the key (as a star table's are). */
export const NUMBER_TABLE_MAX_KEY = 10000;

/** The keys of a table by number: whole numbers 0 … 10000 (L047); without `otherwise`, every key from the lowest row to
 * the highest has a row (L048), so only a key below the rows (or above them, without cap_at_top) finds none. */
function checkNumberTable(table: P.TableDecl, bag: DiagnosticBag): void {
  const keys = new Set<number>();
  for (const row of [...table.rows, ...table.changes.flatMap((c) => c.rows)]) {
    const k = Number(row.key.name);
    if (!/^\d+$/.test(row.key.name) || k > NUMBER_TABLE_MAX_KEY) bag.add('L047', row.key.span, { table: table.name, key: row.key.name, max: NUMBER_TABLE_MAX_KEY });
    else keys.add(k);
  }
  if (table.otherwise) checkAmount(bag, table.otherwise, 'otherwise', { en: 'the value of a key without a row', zh: '无对应行时的取值' }, table.unit === 'money' ? 'yuan' : undefined);
  if (table.otherwise || !keys.size) return;
  const lo = Math.min(...keys);
  const hi = Math.max(...keys);
  const missing: number[] = [];
  for (let k = lo; k <= hi && missing.length < 10; k++) if (!keys.has(k)) missing.push(k);
  if (missing.length) bag.add('L048', table.span, { table: table.name, keys: missing.join(', '), lo, hi });
}

/** `outputs: { score, grade }` names a value the run computes each month: a value, band, score sheet, deduction or
 * bonus table, or pay line (an unknown name is L030 with the closest; an input, tier or table is L097). */
export function checkOutputs(policy: P.ParsedPolicy, scope: Scope, bag: DiagnosticBag): void {
  for (const [column, named] of [['score', policy.outputs.score], ['grade', policy.outputs.grade]] as const) {
    if (!named) continue;
    const ref = scope.lookup(named.name);
    const computed = ['value', 'band', 'sheet', 'adjustments', 'payLine'];
    if (!ref) {
      const suggestion = suggestName(named.name, [...policy.values, ...policy.bands, ...policy.scoreSheets].map((d) => d.name));
      bag.add('L030', named.span, { name: named.name }, suggestion ? { suggestion } : {});
    } else if (!computed.includes(ref.kind)) {
      bag.add('L097', named.span, { name: named.name, column });
    }
  }
}

/** A dated change's month: YYYY-MM (L088), within the effective period (L089). */
function checkChangeMonth(policy: P.ParsedPolicy, name: string, month: P.Named, bag: DiagnosticBag): void {
  const { effectiveFrom: from, effectiveTo: to } = policy.meta;
  if (!MONTH.test(month.name)) bag.add('L088', month.span, { name, month: month.name });
  else if ((from && MONTH.test(from.name) && month.name < from.name) || (to && MONTH.test(to.name) && month.name > to.name)) {
    bag.add('L089', month.span, { name, month: month.name, from: from?.name ?? '…', to: to?.name ?? '…' });
  }
}

/** A value that changes from a month on is a plain amount (60分), and each change an amount in the same unit. */
export function checkDatedValues(policy: P.ParsedPolicy, bag: DiagnosticBag): void {
  for (const value of policy.values) {
    if (!value.changes.length) continue;
    const tree = value.formula.parsed?.tree;
    if (tree && tree.kind !== 'number') { bag.add('L094', value.formula.source.span, { name: value.name }); continue; }
    for (const change of value.changes) {
      checkChangeMonth(policy, value.name, change.month, bag);
      checkAmount(bag, change.amount, change.month.name, { en: 'the amount from this month', zh: '该月起的数值' });
      // A range is a valid amount elsewhere, not a value a month can take.
      if (change.amount.kind === 'range') { bag.add('L094', change.amount.r.span, { name: value.name }); continue; }
      const q = quantityOf(change.amount);
      if (!tree || tree.kind !== 'number' || !q) continue;
      const [was, now] = [literalUnit(tree.unit), literalUnit(q.unit)];
      // A bare number takes the value's unit, as a table row takes the table's.
      if (!now.literal && !was.literal && now.unit !== was.unit) bag.add('L095', change.month.span, { name: value.name, amount: q.text, was: value.formula.source.text.trim() });
    }
  }
}

export function checkAdjustments(policy: P.ParsedPolicy, bag: DiagnosticBag): void {
  for (const table of policy.adjustments) {
    checkAmount(bag, table.cap, 'cap', { en: 'the most points a month', zh: '每月分值上限' });
    for (const item of table.items) {
      checkPlaceholderName(bag, item.name, item.span);
      if (!item.dismiss && !(item.cls && table.classes.find((c) => c.name === item.cls!.name)?.dismiss)) {
        if (item.points === undefined) bag.add('L014', item.span, { field: item.name, what: POINTS.en, whatZh: POINTS.zh });
        else checkAmount(bag, item.points, item.name, POINTS);
      }
      if (item.cls && !table.classes.some((c) => c.name === item.cls!.name)) {
        const suggestion = suggestName(item.cls.name, table.classes.map((c) => c.name));
        bag.add('L093', item.cls.span, { name: item.cls.name }, suggestion ? { suggestion } : {});
      }
    }
    for (const esc of table.escalation) checkAmount(bag, esc.points, 'points', POINTS);
  }
  for (const ev of policy.events) {
    checkAmount(bag, ev.amount, ev.name, { en: 'an amount or range', zh: '金额或范围' });
    for (const row of ev.amountByTier ?? []) checkAmount(bag, row.amount, ev.name, { en: 'an amount or range', zh: '金额或范围' });
  }
  for (const line of policy.pay) {
    checkAmount(bag, line.min, 'min', MONEY, 'yuan');
    checkAmount(bag, line.max, 'max', MONEY, 'yuan');
  }
  for (const award of policy.awards) {
    checkAmount(bag, award.amount, 'amount', MONEY, 'yuan');
    checkAmount(bag, award.top, 'top', { en: 'a headcount or share', zh: '人数或比例' });
  }
}

export function checkStars(policy: P.ParsedPolicy, bag: DiagnosticBag): void {
  const stars = policy.stars;
  if (!stars) return;
  const inRange = (n: number) => Number.isInteger(n) && n >= stars.min && n <= stars.max;
  const bad = (span: P.Named['span'], n: number) => bag.add('L036', span, { star: String(n), min: stars.min, max: stars.max });
  for (const q of stars.quota) {
    if (!inRange(q.star)) bad(q.span, q.star);
    checkAmount(bag, q.max, 'max', { en: 'a share or headcount', zh: '比例或人数' });
    if (!q.rankBy) bag.add('L082', q.span);
    const m = quantityOf(q.max);
    if (m) {
      const v = measure(m);
      if ((v.unit === 'percent' && (v.value <= 0 || v.value > 1)) || v.value < 0) bag.add('L083', m.span, { value: m.text });
    }
  }
  for (const g of stars.gates) if (!inRange(g.max)) bad(g.span, g.max);
  for (const o of stars.overrides) if (o.set !== undefined && !inRange(o.set)) bad(o.span, o.set);
}

export function checkMeta(policy: P.ParsedPolicy, bag: DiagnosticBag): void {
  const { effectiveFrom: from, effectiveTo: to } = policy.meta;
  if (from && to && from.name > to.name) bag.add('L090', to.span, { from: from.name, to: to.name });
  for (const input of policy.inputs) checkPlaceholderName(bag, input.name, input.span);
  // value_aliases of an enum name one of its values.
  for (const input of policy.inputs) {
    if (input.type !== 'enum') continue;
    const values = input.values.map((v) => v.name);
    for (const a of input.valueAliases) if (!values.includes(a.to.name)) bag.add('L046', a.to.span, { value: a.to.name, of: input.name, allowed: values.join(', ') });
  }
}

export function checkUnusedInputs(policy: P.ParsedPolicy, checker: FormulaChecker, bag: DiagnosticBag, anyUnparsed: boolean): void {
  // A formula that did not parse may be the one that reads the input: say nothing rather than something wrong.
  if (anyUnparsed) return;
  const byName = new Set<string>(policy.tables.map((t) => t.by.name));
  policy.inputs.forEach((input, i) => {
    if (!checker.usedInputs.has(i) && !byName.has(input.name) && !checker.suggested.has(input.name)) bag.add('L091', input.span, { name: input.name });
  });
}

export function checkTests(policy: P.ParsedPolicy, graph: LadderGraph, checker: FormulaChecker, bag: DiagnosticBag): void {
  const inputs = policy.inputs.map((i) => i.name);
  const lines = policy.pay.map((l) => l.name);
  const values = [...policy.values.map((v) => v.name), ...policy.bands.map((b) => b.name), ...policy.flags.map((f) => f.name), ...policy.scoreSheets.map((s) => s.name), ...policy.adjustments.map((a) => a.name)];
  const unknown = (test: P.TestCase, n: P.Named, known: readonly string[], what: string, whatZh: string) => {
    if (known.includes(n.name)) return;
    const suggestion = suggestName(n.name, known);
    bag.add('L092', n.span, { test: test.name, what, whatZh, name: n.name }, suggestion ? { suggestion } : {});
  };
  const itemNames = policy.scoreSheets.flatMap((s) => s.sections.flatMap((sec) => sec.items.flatMap((it) => itemColumns(s, sec, it).flatMap((c) => [c.name, ...c.aliases]))));
  for (const test of policy.tests) {
    for (const i of test.inputs) unknown(test, i, [...inputs, ...itemNames], 'input', '输入');
    for (const p of test.expect.pay) { unknown(test, p, lines, 'pay line', '计薪项'); checkAmount(bag, p.amount, p.name, MONEY, 'yuan'); }
    for (const v of test.expect.values) unknown(test, v, values, 'value', '值');
    for (const f of test.expect.flags ?? []) unknown(test, f, policy.flags.map((x) => x.name), 'flag', '标记');
    for (const ev of test.events) unknown(test, ev.kind, [...checker.scope.events], 'event kind', '事件类别');
    if (test.state.tier) unknown(test, test.state.tier, graph.tiers, 'tier', '职级');
    if (test.expect.tier) unknown(test, test.expect.tier, graph.tiers, 'tier', '职级');
    checkAmount(bag, test.expect.total, 'total', MONEY, 'yuan');
  }
}

// ---- rules that can never fire --------------------------------------------------------------------------

interface Bounds { lo: number; loClosed: boolean; hi: number; hiClosed: boolean }

/**
 * Finds conditions that are false for every input: the literal `false`, or a conjunction that asks one name to
 * lie in ranges that do not meet (score > 90 and score < 80), or a star outside the star levels.
 */
export function neverFires(tree: Expr, starMax?: number, starMin?: number): { en: string; zh: string } | undefined {
  if (tree.kind === 'bool' && !tree.value) return { en: 'its condition is false', zh: '条件恒为假' };
  const bounds = new Map<string, Bounds>();
  const conj: Expr[] = [];
  const flatten = (e: Expr) => {
    if (e.kind === 'binary' && e.op === 'and') { flatten(e.left); flatten(e.right); } else conj.push(e);
  };
  flatten(tree);
  if (conj.some((c) => c.kind === 'bool' && !c.value)) return { en: 'one of its conditions is false', zh: '其中一个条件恒为假' };
  const narrow = (name: string, b: Partial<Bounds>) => {
    const cur = bounds.get(name) ?? { lo: -Infinity, loClosed: false, hi: Infinity, hiClosed: false };
    if (b.lo !== undefined && (b.lo > cur.lo || (b.lo === cur.lo && !b.loClosed))) { cur.lo = b.lo; cur.loClosed = b.loClosed!; }
    if (b.hi !== undefined && (b.hi < cur.hi || (b.hi === cur.hi && !b.hiClosed))) { cur.hi = b.hi; cur.hiClosed = b.hiClosed!; }
    bounds.set(name, cur);
  };
  for (const c of conj) {
    if (c.kind === 'in' && c.range.kind === 'interval') {
      const path = dottedPath(c.value);
      const lo = c.range.lo ? constantValue(c.range.lo) : -Infinity;
      const hi = c.range.hi ? constantValue(c.range.hi) : Infinity;
      if (path && lo !== undefined && hi !== undefined) narrow(printExpression(c.value), { lo, loClosed: c.range.loClosed, hi, hiClosed: c.range.hiClosed });
      continue;
    }
    if (c.kind !== 'binary') continue;
    let { left, right, op } = c;
    if (constantValue(left) !== undefined && constantValue(right) === undefined) {
      [left, right] = [right, left];
      op = ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as Record<string, typeof op>)[op] ?? op;
    }
    const v = constantValue(right);
    if (v === undefined || !dottedPath(left)) continue;
    const key = printExpression(left);
    switch (op) {
      case '>': narrow(key, { lo: v, loClosed: false }); break;
      case '>=': narrow(key, { lo: v, loClosed: true }); break;
      case '<': narrow(key, { hi: v, hiClosed: false }); break;
      case '<=': narrow(key, { hi: v, hiClosed: true }); break;
      case '=': narrow(key, { lo: v, loClosed: true, hi: v, hiClosed: true }); break;
      default: break;
    }
  }
  if (starMax !== undefined && starMin !== undefined) {
    for (const name of ['star', '星级']) {
      if (bounds.has(name)) narrow(name, { lo: starMin, loClosed: true, hi: starMax, hiClosed: true });
    }
  }
  for (const [name, b] of bounds) {
    if (b.lo > b.hi || (b.lo === b.hi && !(b.loClosed && b.hiClosed))) {
      return { en: `'${name}' cannot meet all of its conditions at once`, zh: `“${name}”不可能同时满足这些条件` };
    }
  }
  return undefined;
}

/** The calendar months (1–12) an award is given in: every month, a quarter's first, or January. */
const AWARD_MONTHS: Readonly<Record<P.Period, readonly number[]>> = { month: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], quarter: [1, 4, 7, 10], year: [1] };

/**
 * An award whose `among` cannot hold in any month it is given in, as far as month_of_year decides it (C17's first
 * encoding: a quarterly award, given in a quarter's first month, open only to quarter-end months, was never given).
 * The condition is read with month_of_year fixed and everything else unknown, through the values it names.
 */
export function checkAwardMonths(policy: P.ParsedPolicy, bag: DiagnosticBag): void {
  const values = new Map(policy.values.map((v) => [v.name, v.formula]));
  for (const award of policy.awards) {
    const tree = award.among?.parsed?.tree;
    if (!tree) continue;
    const months = AWARD_MONTHS[award.period];
    if (months.some((moy) => holdsIn(tree, moy, values, new Set()) !== false)) continue;
    const open = AWARD_MONTHS.month.filter((moy) => holdsIn(tree, moy, values, new Set()) !== false);
    bag.add('L096', award.among!.source.span, { award: award.name, period: award.period, months: months.join(', '), open: open.join(', ') || '—' });
  }
}

/** A condition's value with month_of_year = `moy` and everything else unknown (undefined). */
function holdsIn(e: Expr, moy: number, values: ReadonlyMap<string, P.Formula>, seen: Set<string>): boolean | undefined {
  const isMonth = (x: Expr) => x.kind === 'name' && (x.name === 'month_of_year' || x.name === '月份');
  switch (e.kind) {
    case 'bool': return e.value;
    case 'unary': { if (e.op !== 'not') return undefined; const v = holdsIn(e.operand, moy, values, seen); return v === undefined ? undefined : !v; }
    case 'name': {
      const f = values.get(e.name);
      if (!f?.parsed || seen.has(e.name)) return undefined;
      return holdsIn(f.parsed.tree, moy, values, new Set([...seen, e.name]));
    }
    case 'binary': {
      if (e.op === 'and' || e.op === 'or') return partialLogic(e.op, holdsIn(e.left, moy, values, seen), holdsIn(e.right, moy, values, seen));
      const [l, r] = isMonth(e.left) ? [moy, constantValue(e.right)] : isMonth(e.right) ? [constantValue(e.left), moy] : [undefined, undefined];
      return l === undefined || r === undefined ? undefined : compareNumbers(e.op, l, r);
    }
    default: return undefined;
  }
}

export function checkNeverFires(policy: P.ParsedPolicy, bag: DiagnosticBag): void {
  const conditions: P.Formula[] = [
    ...policy.transitions.flatMap((t) => (t.when ? [t.when] : [])),
    ...policy.flags.map((f) => f.when),
    ...policy.placement.map((p) => p.when),
    ...policy.adjustments.flatMap((a) => a.escalation.map((e) => e.when)),
    ...(policy.stars ? [...policy.stars.rules.map((r) => r.when), ...policy.stars.overrides.map((o) => o.when)] : []),
    ...policy.pay.flatMap((l) => (l.when ? [l.when] : [])),
  ];
  for (const f of conditions) {
    const tree = f.parsed?.tree;
    if (!tree) continue;
    const reason = neverFires(tree, policy.stars?.max, policy.stars?.min);
    if (reason) bag.add('L081', f.source.span, { reason: reason.en, reasonZh: reason.zh });
  }
}
