// Entry point of the checking stage: names resolved, types and units checked, every policy-level rule of the
// seeds' defects list applied. Produces the checked policy the IR is built from.

import type { DiagnosticBag } from '../diagnostics/diagnostic.ts';
import type * as P from '../model/policy.ts';
import { checkBands, checkSharedValueNames } from './bands.ts';
import { type CheckedFormula, FormulaChecker } from './formulas.ts';
import { type LadderGraph, checkLadder, ladderGraph } from './ladder.ts';
import { checkAdjustments, checkAwardMonths, checkDatedValues, checkMeta, checkNeverFires, checkOutputs, checkStars, checkTables, checkTests, checkUnusedInputs } from './rules.ts';
import { type ComputedRef, Scope } from './scope.ts';
import { checkScoreSheets } from './score-sheets.ts';
import { checkMissingValues } from './missing-values.ts';
import { checkCurrency } from './amounts.ts';
import { T, type Type } from './types.ts';

export interface CheckedPolicy {
  readonly policy: P.ParsedPolicy;
  readonly scope: Scope;
  readonly ladder: LadderGraph;
  readonly formulas: ReadonlyMap<P.Formula, CheckedFormula>;
  /** Computed names in evaluation order: each after everything it reads. */
  readonly order: readonly ComputedRef[];
  /** The type of each computed name, by computedKey. */
  readonly computedTypes: ReadonlyMap<string, Type>;
}

export function checkPolicy(policy: P.ParsedPolicy, bag: DiagnosticBag): CheckedPolicy {
  const scope = new Scope(policy, bag);
  const checker = new FormulaChecker(scope, bag);
  const ladder = ladderGraph(policy.ladder);

  // 1. Every computed name, in dependency order (cycles are reported as they are met).
  policy.values.forEach((decl, index) => checker.typeOfComputed({ kind: 'value', index, decl }));
  policy.scoreSheets.forEach((decl, index) => checker.typeOfComputed({ kind: 'sheet', index, decl }));
  policy.adjustments.forEach((decl, index) => checker.typeOfComputed({ kind: 'adjustments', index, decl }));
  policy.bands.forEach((decl, index) => checker.typeOfComputed({ kind: 'band', index, decl }));
  policy.pay.forEach((decl, index) => checker.typeOfComputed({ kind: 'payLine', index, decl }));
  policy.awards.forEach((decl, index) => checker.typeOfComputed({ kind: 'award', index, decl }));
  policy.flags.forEach((decl, index) => checker.typeOfComputed({ kind: 'flag', index, decl }));

  // 2. Formulas outside computed names: ladder moves, stars, quotas.
  for (const t of policy.transitions) if (t.when) checker.check(t.when, 'bool');
  for (const p of policy.placement) checker.check(p.when, 'bool');
  if (policy.probation) checker.check(policy.probation.endsWhen, 'bool');
  const stars = policy.stars;
  if (stars) {
    if (stars.initial) checker.check(stars.initial, 'numeric');
    for (const g of stars.gates) checker.check(g.unless, 'bool');
    for (const k of stars.thresholdKeys) checker.check(k.formula, 'numeric');
    for (const r of stars.rules) { checker.check(r.when, 'bool'); checker.check(r.star, 'numeric'); }
    for (const q of stars.quota) {
      if (q.of) checker.check(q.of, 'bool');
      if (q.rankBy) checker.check(q.rankBy, 'numeric');
      for (const t of q.tieBreak) checker.check(t, 'any');
    }
    for (const o of stars.overrides) { checker.check(o.when, 'bool'); if (o.rate) checker.check(o.rate, 'numeric'); }
  }
  for (const b of policy.bands) if (b.domain) checker.checkInterval(b.domain, T.error);

  // 3. Policy-level checks.
  checkMeta(policy, bag);
  checkLadder(policy, bag);
  checkTables(policy, ladder, bag);
  checkDatedValues(policy, bag);
  checkAwardMonths(policy, bag);
  checkScoreSheets(policy, bag);
  checkAdjustments(policy, bag);
  checkBands(policy, bag, (table) => {
    const t = checker.checked.get(table.of)?.type;
    return t?.k === 'num' && (t.unit === 'count' || t.unit === 'stars');
  });
  checkSharedValueNames(policy, scope, bag);
  checkOutputs(policy, scope, bag);
  checkCurrency(policy, bag);
  checkStars(policy, bag);
  checkNeverFires(policy, bag);
  checkUnusedInputs(policy, checker, bag, bag.items.some((d) => d.code === 'L020' || d.code === 'L021' || d.code === 'L022' || d.code === 'L023'));
  checkTests(policy, ladder, checker, bag);
  checkMissingValues(policy, checker.checked, bag);

  return { policy, scope, ladder, formulas: checker.checked, order: checker.order, computedTypes: checker.computedTypeMap() };
}
