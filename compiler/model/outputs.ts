// Which computed values the results show as their score and grade columns: named by `outputs:`, or else found by the
// documented rule (docs/reference.md §2.17). `ladder run`, payslip, compare, `tests:` and the playground read it here.

import type * as P from './policy.ts';

/** Value names that are the score when `outputs.score` is not given. */
export const SCORE_NAMES: readonly string[] = ['score', '考核分', '考核得分', '月度考核分'];

export interface OutputColumns {
  readonly score?: string;
  readonly grade?: string;
}

/**
 * The score: `outputs.score`, else a value named score/考核分/考核得分/月度考核分, else the first score sheet. The grade:
 * `outputs.grade`, else the one band whose values are grades (text) — none when there is no such band or more than
 * one, and never a band of amounts (issue 19: a scheme without grades showed `grade: 325`).
 */
export function outputColumns(policy: P.ParsedPolicy): OutputColumns {
  const score = policy.outputs.score?.name
    ?? policy.values.find((v) => SCORE_NAMES.includes(v.name))?.name
    ?? policy.scoreSheets[0]?.name;
  const grades = policy.bands.filter((b) => b.bands.some((x) => x.value.kind === 'text'));
  const grade = policy.outputs.grade?.name ?? (grades.length === 1 ? grades[0]!.name : undefined);
  return { ...(score !== undefined ? { score } : {}), ...(grade !== undefined ? { grade } : {}) };
}
