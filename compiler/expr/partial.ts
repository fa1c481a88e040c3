// Evaluating with some values unknown (undefined): the checker reads a condition with only month_of_year known
// (an award that is never given), explain reads back what the run's columns give. Both combine known and unknown
// parts by the same rules, kept here once.

import type { BinaryOp } from './ast.ts';

type Known = boolean | undefined;

/** `and` / `or` when a side may be unknown: false and anything is false, true or anything is true. */
export function partialLogic(op: 'and' | 'or', a: Known, b: Known): Known {
  if (op === 'and') return a === false || b === false ? false : a === true && b === true ? true : undefined;
  return a === true || b === true ? true : a === false && b === false ? false : undefined;
}

/** A comparison of two known numbers; undefined for an operator that is not one. */
export function compareNumbers(op: BinaryOp, a: number, b: number): Known {
  switch (op) {
    case '=': return a === b;
    case '!=': return a !== b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
    default: return undefined;
  }
}
