// The population operators' kernels: what rank, rank_low, top, team_avg and awards compute across the people of a
// group (a team or the department) between stages. One kernel for each PopulationOp['op'] the lowering makes
// (compiler/builtins/functions.ts): the Record type refuses an operator without one.

import type { PopulationOp } from '../compiler/codegen/generate.ts';
import { bestPlaces, placesOf } from './places.ts';
import { ratingDue } from './state.ts';

export interface KernelColumns {
  /** Series per month: H[series][month]. */
  readonly H: readonly (readonly Float64Array[])[];
  readonly m: number;
  readonly monthNo: number;
  /** The operator's result column (NaN until written). */
  readonly out: Float64Array;
  /** A person's id: the last tie-break of awards. */
  readonly idOf: (i: number) => string;
}

type Kernel = (op: PopulationOp, group: readonly number[], c: KernelColumns) => void;

/** The mean of the group's values (with `among`, of those for whom it holds); everyone of the group reads it. */
const mean: Kernel = (op, g, { H, m, out }) => {
  const x = H[op.series]![m]!;
  let s = 0;
  let k = 0;
  const among = op.among !== undefined ? H[op.among]![m]! : undefined;
  for (let gi = 0; gi < g.length; gi++) { const i = g[gi]!; if (x[i] === x[i] && (!among || among[i] === 1)) { s += x[i]!; k++; } }
  for (let gi = 0; gi < g.length; gi++) { const i = g[gi]!; out[i] = k ? s / k : NaN; }
};

/**
 * Competition ranking: equal values share a rank (1, 2, 2, 4), i.e. one more than the number of values strictly
 * better; a person without a value has none. The values are sorted as numbers (no comparator calls) and each
 * person's rank found by binary search. topN / topShare: whether the rank is within the head count or share.
 */
const ranking: Kernel = (op, g, { H, m, out }) => {
  const x = H[op.series]![m]!;
  const low = op.op === 'rankLow';
  let count = 0;
  for (let gi = 0; gi < g.length; gi++) { const i = g[gi]!; if (x[i] === x[i]) count++; }
  const sorted = new Float64Array(count);
  count = 0;
  for (let gi = 0; gi < g.length; gi++) { const i = g[gi]!; if (x[i] === x[i]) sorted[count++] = x[i]!; }
  sorted.sort();
  const param = op.nSeries !== undefined ? H[op.nSeries]![m]![g[0]!]! : 0;
  const limit = op.op === 'topShare' ? placesOf(param, g.length) : param;
  const ranks = op.op === 'rank' || low;
  for (let gi = 0; gi < g.length; gi++) {
    const i = g[gi]!;
    const v = x[i]!;
    // People without a value get no rank (NaN), or are not in the top.
    if (v !== v) { out[i] = ranks ? NaN : 0; continue; }
    const rank = 1 + (low ? countBelow(sorted, v) : count - countAtMost(sorted, v));
    out[i] = ranks ? rank : rank <= limit ? 1 : 0;
  }
};

/** An award's amount to the best eligible of the group, in the months it is given (0 for everyone else). */
const award: Kernel = (op, g, { H, m, monthNo, out, idOf }) => {
  const a = op.award!;
  const x = H[op.series]![m]!;
  for (let gi = 0; gi < g.length; gi++) { const i = g[gi]!; out[i] = 0; }
  if (a.period !== 'month' && !ratingDue(a.period, m, monthNo)) return;
  const among = a.among !== undefined ? H[a.among]![m]! : undefined;
  const ties = a.tieBreaks.map((t) => H[t]![m]!);
  const eligible = g.filter((i) => (!among || among[i] === 1) && x[i] === x[i]);
  const places = a.share ? placesOf(a.top, g.length) : a.top;
  for (const i of bestPlaces(eligible, places, x, ties, idOf)) out[i] = a.amount;
};

export const POPULATION_KERNELS = {
  avg: mean,
  rank: ranking,
  rankLow: ranking,
  topN: ranking,
  topShare: ranking,
  award,
} as const satisfies Record<PopulationOp['op'], Kernel>;

/** How many of the ascending values are < v. */
function countBelow(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many of the ascending values are ≤ v. */
function countAtMost(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
