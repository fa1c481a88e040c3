// Where a value can be missing and pay would then not be computed: a division whose divisor can be 0 (nothing guards
// it), and a star read before anyone has one (no stars.initial). Warnings at the line, with the fix; the run reports
// the person-months it actually hits (runtime/run-problems.ts).

import type { DiagnosticBag } from '../diagnostics/diagnostic.ts';
import { type Expr, childrenOf } from '../expr/ast.ts';
import { printExpression } from '../expr/print.ts';
import type * as P from '../model/policy.ts';
import { CONSTANTS, lookupFunction } from './builtins.ts';
import type { CheckedFormula } from './formulas.ts';

const SCOPES = new Set(CONSTANTS.filter((c) => c.scope).flatMap((c) => [c.name, ...c.aliases]));
const HEAD_COUNT = new Set(['team_count', ...(lookupFunction('team_count')?.aliases ?? [])]);

/** An expression that is never 0: a non-zero literal (or percent of one), max(…) with a positive literal, or a head
 * count of a whole scope (team_count(), team_count(department)): the person computed is one of it. */
function neverZero(e: Expr): boolean {
  if (e.kind === 'call' && HEAD_COUNT.has(e.callee)) return e.args.every((a) => a.kind === 'name' && SCOPES.has(a.name));
  if (e.kind === 'number') return e.value !== 0;
  if (e.kind === 'percentOf') return neverZero(e.operand);
  if (e.kind === 'unary' && e.op === '-') return neverZero(e.operand);
  if (e.kind === 'call' && e.callee === 'max') return e.args.some((a) => a.kind === 'number' && a.value > 0);
  return false;
}

/** The expressions a condition, when it holds, shows to be non-zero: `x > 0`, `x >= 1`, `x != 0`, `0 < x` …, joined
 * by `and`. */
function nonZeroWhen(cond: Expr, holds: boolean): string[] {
  if (cond.kind === 'binary' && cond.op === (holds ? 'and' : 'or')) return [...nonZeroWhen(cond.left, holds), ...nonZeroWhen(cond.right, holds)];
  if (cond.kind === 'unary' && cond.op === 'not') return nonZeroWhen(cond.operand, !holds);
  if (cond.kind !== 'binary') return [];
  const literal = (e: Expr) => (e.kind === 'number' ? e.value : e.kind === 'percentOf' && e.operand.kind === 'number' ? e.operand.value : undefined);
  const check = (x: Expr, op: string, k: number): string[] => {
    const excludes = op === '>' ? k >= 0 : op === '>=' ? k > 0 : op === '<' ? k <= 0 : op === '<=' ? k < 0 : op === '!=' ? k === 0 : op === '=' ? k !== 0 : false;
    return excludes ? [printExpression(x)] : [];
  };
  const flip: Record<string, string> = { '>': '<', '>=': '<=', '<': '>', '<=': '>=', '=': '=', '!=': '!=' };
  const negate: Record<string, string> = { '>': '<=', '>=': '<', '<': '>=', '<=': '>', '=': '!=', '!=': '=' };
  const op = holds ? cond.op : negate[cond.op];
  if (!op) return [];
  const r = literal(cond.right);
  if (r !== undefined) return check(cond.left, op, r);
  const l = literal(cond.left);
  if (l !== undefined && flip[op]) return check(cond.right, flip[op]!, l);
  return [];
}

/** Every division in a formula whose divisor can be 0 where it is computed. `guards`: expressions known non-zero. */
function unguardedDivisions(e: Expr, guards: readonly string[], out: Expr[]): void {
  if (e.kind === 'if') {
    unguardedDivisions(e.cond, guards, out);
    unguardedDivisions(e.then, [...guards, ...nonZeroWhen(e.cond, true)], out);
    unguardedDivisions(e.else, [...guards, ...nonZeroWhen(e.cond, false)], out);
    return;
  }
  if (e.kind === 'binary' && e.op === '/' && !neverZero(e.right) && !guards.includes(printExpression(e.right))) out.push(e);
  for (const c of childrenOf(e)) unguardedDivisions(c, guards, out);
}

export function checkMissingValues(policy: P.ParsedPolicy, formulas: ReadonlyMap<P.Formula, CheckedFormula>, bag: DiagnosticBag): void {
  // A pay line's `when` guards its formula: the formula is computed only when it holds.
  const guardsOf = new Map<P.Formula, string[]>();
  for (const line of policy.pay) {
    const when = line.when?.parsed?.tree;
    if (when) guardsOf.set(line.formula, nonZeroWhen(when, true));
  }
  for (const [f, cf] of formulas) {
    const found: Expr[] = [];
    unguardedDivisions(cf.parsed.tree, guardsOf.get(f) ?? [], found);
    for (const d of found) {
      const divisor = (d as Extract<Expr, { kind: 'binary' }>).right;
      const t = cf.types.get(d.id);
      const zero = t?.k === 'num' && t.unit === 'money' ? '0元' : t?.k === 'num' && t.unit === 'percent' ? '0%' : '0';
      bag.add('L120', cf.parsed.spanOf(divisor.start, divisor.end), { divisor: printExpression(divisor), zero });
    }
  }
  // A star read before anyone has one: without `initial`, whoever the data gives no star has none until rated.
  const stars = policy.stars;
  if (stars && !stars.initial) {
    const readsStar = [...formulas.values()].some((cf) => [...cf.refs.values()].some((r) => r.kind === 'state' && r.name === 'star'));
    if (readsStar) bag.add('L121', stars.span, { min: stars.min });
  }
}
