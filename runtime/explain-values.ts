// The value of any policy expression for one person in a month, as the run computed it: the run is repeated with a
// hook at each month's decision points, and there the person's lines of the plan are evaluated over the run's own
// columns (runtime/evaluate.ts), each lowered node recording the value of the expression it came from. There is no
// second evaluator of the language: an expression the run did not compute (a branch not taken, a rating formula
// outside a rating month) has no value.

import type { CheckedFormula } from '../compiler/check/formulas.ts';
import type { RuleSet, StageArgs } from '../compiler/codegen/generate.ts';
import type { Expr } from '../compiler/expr/ast.ts';
import { dateText } from '../compiler/codegen/helpers.ts';
import { percentText } from '../compiler/model/quantity.ts';
import { type Trace, traceLine } from './evaluate.ts';
import type { Population } from './population.ts';
import { type RunPhase, type RunResult, run } from './run.ts';

export type ReadBack = (e: Expr, cf: CheckedFormula, month?: number, phase?: RunPhase) => number | boolean | string | undefined;

/** What one person's lines came to at one point of a month: each policy expression's value by its number, and each
 * output slot's value as its line computed it. */
export interface LineValues {
  readonly exprs: ReadonlyMap<number, number>;
  readonly outputs: ReadonlyMap<number, number>;
}

/** Each month's values of the person's expressions at each decision point. */
type MonthValues = Record<RunPhase, LineValues | undefined>;

/** Values for one person and month: every line the run computed that month, evaluated. */
export function valuesOf(ruleSet: RuleSet, a: StageArgs, i: number): LineValues {
  const out = new Map<number, number>();
  const outputs = new Map<number, number>();
  const collect = (t: Trace) => {
    if (t.node.src !== undefined) out.set(t.node.src, t.value);
    if (t.line && t.node.op === 'read' && t.node.read.from === 'temp') collect(t.line);
    for (const c of t.children) collect(c);
  };
  for (const lines of ruleSet.plan.stages) {
    for (const line of lines) {
      // A rating formula runs only in a rating month: in others it has no value.
      if (line.ratingOnly && !a.rating) continue;
      const t = traceLine(ruleSet, a, i, line);
      collect(t);
      if (line.target.to === 'output') outputs.set(line.target.slot, t.value);
    }
  }
  return { exprs: out, outputs };
}

/** The person's values in every month they are present, at each of the month's decision points. */
export function tracePerson(ruleSet: RuleSet, pop: Population, person: number): readonly MonthValues[] {
  const months: MonthValues[] = pop.months.map(() => ({ rated: undefined, moved: undefined, end: undefined }));
  run(ruleSet, pop, {
    inspect: (m, a, phase) => {
      if (pop.present[m]![person]) months[m]![phase] = valuesOf(ruleSet, a, person);
    },
  });
  return months;
}

const traces = new WeakMap<RunResult, Map<number, readonly MonthValues[]>>();

/** The person's trace for a run's result, made once. */
export function personTrace(ruleSet: RuleSet, pop: Population, result: RunResult, person: number): readonly MonthValues[] {
  let byPerson = traces.get(result);
  if (!byPerson) { byPerson = new Map(); traces.set(result, byPerson); }
  let months = byPerson.get(person);
  if (!months) { months = tracePerson(ruleSet, pop, person); byPerson.set(person, months); }
  return months;
}

/**
 * A reader of expression values for `person`, in month `m` unless another is given, as the results have them
 * ('end') or at a decision point ('rated': what star ratings read; 'moved': what tier moves read). Yes/no comes back
 * as a boolean; tiers, tracks, enum and text values as the run codes them (their index); undefined where the run
 * computed nothing.
 */
export function readBack(ruleSet: RuleSet, pop: Population, result: RunResult, person: number, m: number): ReadBack {
  const found = personTrace(ruleSet, pop, result, person);
  const ids = ruleSet.plan.exprIds;
  return (e, cf, month = m, phase = 'end') => {
    const id = ids.get(e);
    const x = id === undefined ? undefined : found[month]?.[phase]?.exprs.get(id);
    if (x === undefined || Number.isNaN(x)) return undefined;
    const t = cf.types.get(e.id);
    if (t?.k === 'bool') return x === 1;
    if (t?.k === 'date') return dateText(x);
    // A percent is shown as HR writes it (96%), not as the fraction it is computed as.
    if (t?.k === 'num' && t.unit === 'percent') return percentText(x);
    if (t?.k === 'num' || t?.k === 'tier' || t?.k === 'track' || t?.k === 'enum' || t?.k === 'text') return x;
    return undefined;
  };
}
