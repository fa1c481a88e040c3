// The population operators' kernels: what rank, rank_low, top, rank_share, team_avg, team_sum, team_count, team_share
// and awards compute across the people of a
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
 * The group's total of x (with `among`, of those for whom it holds): NaN when someone who counts has no value, as a
 * mean skips them but a total without them would be silently short. Summed with Neumaier's compensation, so a total of
 * amounts in fen is the nearest double to the exact total however many are added. `share`: each person's x over it.
 */
function totalOf(op: PopulationOp, g: readonly number[], H: KernelColumns['H'], m: number): number {
  const x = H[op.series]![m]!;
  const among = op.among !== undefined ? H[op.among]![m]! : undefined;
  let s = 0;
  let c = 0;
  for (let gi = 0; gi < g.length; gi++) {
    const i = g[gi]!;
    if (among && among[i] !== 1) continue;
    const v = x[i]!;
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
    s = t;
  }
  return s + c;
}

const total: Kernel = (op, g, { H, m, out }) => {
  const s = totalOf(op, g, H, m);
  for (let gi = 0; gi < g.length; gi++) out[g[gi]!] = s;
};

/** A person's x as a fraction of the group's total (NaN when the total is 0: a share of nothing is not computable). */
const share: Kernel = (op, g, { H, m, out }) => {
  const s = totalOf(op, g, H, m);
  const x = H[op.series]![m]!;
  for (let gi = 0; gi < g.length; gi++) { const i = g[gi]!; out[i] = s === 0 ? NaN : x[i]! / s; }
};

/** The group's head count (with `among`, of those for whom it holds); everyone of the group reads it. */
const headCount: Kernel = (op, g, { H, m, out }) => {
  const among = op.among !== undefined ? H[op.among]![m]! : undefined;
  let k = 0;
  for (let gi = 0; gi < g.length; gi++) if (!among || among[g[gi]!] === 1) k++;
  for (let gi = 0; gi < g.length; gi++) out[g[gi]!] = k;
};

/**
 * Competition ranking: equal values share a rank (1, 2, 2, 4), i.e. one more than the number of values strictly
 * better; a person without a value has none. The values are sorted as numbers (no comparator calls) and each
 * person's rank found by binary search. topN / topShare: whether the rank is within the head count or share. rankShare:
 * the rank over the group's head count (rank ≤ share × head count exactly when top(x, share) holds).
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
  const ranks = op.op === 'rank' || low || op.op === 'rankShare';
  const per = op.op === 'rankShare' ? g.length : 1;
  for (let gi = 0; gi < g.length; gi++) {
    const i = g[gi]!;
    const v = x[i]!;
    // People without a value get no rank (NaN), or are not in the top.
    if (v !== v) { out[i] = ranks ? NaN : 0; continue; }
    const rank = 1 + (low ? countBelow(sorted, v) : count - countAtMost(sorted, v));
    out[i] = ranks ? rank / per : rank <= limit ? 1 : 0;
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
  sum: total,
  headCount,
  share,
  rankShare: ranking,
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
