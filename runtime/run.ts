// Runs a compiled rule set over a population, month by month: state columns (tenure, time in tier, probation),
// event aggregates and windows are prepared for each month, the generated stages run in order, and between them
// the population work (ranks, top-N, team means, award winners). Money is rounded per pay line with the policy's
// rule and summed in integer fen.

import type { PopulationOp, Rerun, RuleSet, StageArgs, StateColumns, ValueCoding, WindowSpec } from '../compiler/codegen/generate.ts';
import { addLineFen, formatFen, roundMoney, roundToFen } from './money.ts';
import { bestPlaces } from './places.ts';
import { type Population, monthNumber } from './population.ts';
import { type Change, LadderState, applyInitialStars, applyOverrides, decideMoves, placeUnplaced, ratingDue, rateStars } from './state.ts';

export interface PayLineResult {
  readonly name: string;
  readonly amount: string;
}

export interface ResultRow {
  readonly employee: string;
  readonly name?: string;
  readonly month: string;
  readonly tier: string | null;
  readonly track: string | null;
  readonly star: number | null;
  readonly pay: { readonly total: string; readonly lines: readonly PayLineResult[] };
  /** Every other output by name (values, bands, flags, score sheets, deduction totals), decoded. */
  readonly values: Readonly<Record<string, number | string | boolean | null>>;
  readonly flags: readonly string[];
  /** What changed this month: star re-rated or overridden, promoted, demoted. */
  readonly changes: readonly { readonly kind: Change['kind']; readonly from: string; readonly to: string }[];
}

export interface RunResult {
  /** Each month's outputs, tiers, tracks and stars as columns, and what changed. */
  readonly months: readonly MonthColumns[];
  /** One row per person present in a month, made on first use. */
  readonly rows: readonly ResultRow[];
}

function columns(n: number): StateColumns {
  const c = () => new Float64Array(n);
  return {
    active: c(), tier: c(), track: c(), star: c(), tenure: c(), cs_tenure: c(), months_in_tier: c(),
    employment_month: c(), regular: c(), probation: c(), age: c(), month_of_year: c(),
  };
}


// Stars are small whole numbers: their texts are made once, not once per change.
const STAR_TEXT = Array.from({ length: 16 }, (_, k) => String(k));
const starText = (star: number): string => STAR_TEXT[star] ?? String(star);

function windowBounds(spec: WindowSpec, m: number, monthNo: number, first: number): [number, number] {
  // Bounds are month indexes within the run; a window reaching before the data starts is cut at its start.
  const at = (abs: number) => abs - first;
  const q = Math.floor((monthNo % 12) / 3);
  const year = Math.floor(monthNo / 12);
  let a: number;
  let b: number;
  switch (spec.kind) {
    case 'months': a = m - spec.n + 1; b = m; break;
    case 'quarter': a = at(year * 12 + q * 3); b = m; break;
    case 'last_quarter': a = at(year * 12 + q * 3 - 3); b = at(year * 12 + q * 3 - 1); break;
    case 'year': a = at(year * 12); b = m; break;
    case 'last_year': a = at(year * 12 - 12); b = at(year * 12 - 1); break;
    case 'ever': a = 0; b = m; break;
  }
  return [Math.max(0, a), Math.min(m, b)];
}

export function decode(coding: ValueCoding, x: number, ruleSet: RuleSet, strings: readonly string[]): number | string | boolean | null {
  if (Number.isNaN(x)) return null;
  switch (coding.as) {
    case 'bool': return x !== 0;
    case 'tier': return ruleSet.tiers[x] ?? null;
    case 'track': return ruleSet.tracks[x] ?? null;
    case 'enum': return coding.values[x] ?? null;
    case 'text': return strings[x] ?? null;
    case 'money': return roundMoney(x, ruleSet.meta.precision, ruleSet.meta.rounding);
    default: return x;
  }
}

export function run(ruleSet: RuleSet, pop: Population): RunResult {
  const n = pop.people.length;
  const months = pop.months.length;
  const first = months ? monthNumber(pop.months[0]!) : 0;
  const kinds = ruleSet.eventKinds;
  const kindIndex = new Map(kinds.map((k, i) => [k, i]));
  // Kinds narrowed to a source (title.优秀客服 is kept as title\u0000优秀客服): kind → source → index.
  const narrowed = new Map<string, Map<string, number>>();
  kinds.forEach((k, i) => {
    const at = k.indexOf('\u0000');
    if (at < 0) return;
    const kind = k.slice(0, at);
    if (!narrowed.has(kind)) narrowed.set(kind, new Map());
    narrowed.get(kind)!.set(k.slice(at + 1), i);
  });
  const S = columns(n);
  const EV: Float64Array[][] = [];
  const EVL = kinds.map(() => new Float64Array(n).fill(-Infinity));
  const H = ruleSet.series.map(() => Array.from({ length: months }, () => new Float64Array(n).fill(NaN)));
  const MI = ruleSet.tiers.map(() => new Float64Array(n));
  const P = Array.from({ length: ruleSet.populationColumns }, () => new Float64Array(n));
  const W = new Int32Array(ruleSet.windows.length * 2);
  const strings = pop.strings ?? ruleSet.strings;

  // Starting state from the employees table.
  const tierIndex = new Map(ruleSet.tiers.map((t, i) => [t, i]));
  const trackIndex = new Map(ruleSet.tracks.map((t, i) => [t, i]));
  pop.people.forEach((p, i) => {
    S.tier[i] = p.tier !== undefined ? tierIndex.get(p.tier) ?? NaN : NaN;
    S.track[i] = p.track !== undefined ? trackIndex.get(p.track) ?? NaN : NaN;
    S.star[i] = p.star ?? NaN;
  });

  const ladder = new LadderState(n, S.star, Float64Array.from(pop.people, (p) => monthNumber(p.tierSince ?? p.hireDate)));
  // Dates of the employees table as month numbers, read once.
  // (only those the rules read).
  const used = ruleSet.stateUsed;
  const dates = (read: boolean, month: (p: Population['people'][number]) => number) => (read ? Float64Array.from(pop.people, month) : new Float64Array(0));
  const hireMonth = dates(used.has('tenure') || used.has('employment_month'), (p) => monthNumber(p.hireDate));
  const csMonth = dates(used.has('cs_tenure'), (p) => monthNumber(p.csStartDate ?? p.hireDate));
  const regularMonth = dates(used.has('regular') || used.has('probation'), (p) => (p.regularDate !== undefined ? monthNumber(p.regularDate) : Infinity));
  const birthMonth = dates(used.has('age'), (p) => (p.birthDate ? monthNumber(p.birthDate) : NaN));
  const months_: MonthColumns[] = [];
  let rowsCache: ResultRow[] | undefined;
  const sourcesSeen = new Map<string, Set<string>>();
  const zeros = new Float64Array(n);
  const eventsOverWindows = /\bevWin\(/.test(ruleSet.source);
  const spareEvents: Float64Array[] = [];
  // Hidden columns of star and ladder rules are read only in the month computed (rating, overrides, moves; only for
  // people present, who are all written): one working column each, used again every month, not kept in the results.
  const working = ruleSet.outputs.map((slot) => (slot.kind === 'state' ? new Float64Array(n) : undefined));
  const notKept = new Float64Array(0);
  const evUsed = ruleSet.eventColumnsUsed;
  for (let m = 0; m < months; m++) {
    const monthNo = first + m;
    let tierMoved = false;
    let starMoved = false;
    const present = pop.present[m]!;
    const changes: Change[] = [];
    // 0. Moves decided last month take effect.
    for (let i = 0; i < n; i++) {
      const next = ladder.pendingTier[i]!;
      if (next !== next || ladder.pendingAt[i]! > monthNo) continue;
      const before = S.tier[i]!;
      if (next !== before) {
        const kind = before !== before ? 'placed' : ruleSet.tierLevels[next]! > ruleSet.tierLevels[before]! ? 'promoted' : 'demoted';
        changes.push({ person: i, kind, from: ruleSet.tiers[before] ?? '', to: ruleSet.tiers[next] ?? '' });
        S.tier[i] = next;
        tierMoved = true;
        ladder.tierStart[i] = monthNo;
      }
      ladder.pendingTier[i] = NaN;
      ladder.pendingAt[i] = NaN;
    }
    // 1. State for the month.
    S.active.set(present);
    // Without placement rules, a newcomer without a tier starts at the entry tier before anything is computed
    // (placement rules read formulas, so those placements happen after the first pass below).
    if (!ruleSet.placement.length && ruleSet.entryTier !== undefined) {
      const entry = ruleSet.tiers.indexOf(ruleSet.entryTier);
      for (let i = 0; i < n; i++) {
        if (!present[i] || S.tier[i] === S.tier[i] || entry < 0) continue;
        changes.push({ person: i, kind: 'placed', from: '', to: ruleSet.entryTier });
        S.tier[i] = entry;
        tierMoved = true;
        ladder.tierStart[i] = monthNo;
      }
    }
    // Only the state columns the rules read are filled.
    if (used.has('tenure') || used.has('employment_month')) for (let i = 0; i < n; i++) { S.tenure[i] = monthNo - hireMonth[i]!; S.employment_month[i] = S.tenure[i]! + 1; }
    if (used.has('cs_tenure')) for (let i = 0; i < n; i++) S.cs_tenure[i] = monthNo - csMonth[i]!;
    if (used.has('months_in_tier')) for (let i = 0; i < n; i++) S.months_in_tier[i] = monthNo - ladder.tierStart[i]!;
    if (used.has('regular') || used.has('probation')) {
      for (let i = 0; i < n; i++) {
        const regular = regularMonth[i]! <= monthNo;
        S.regular[i] = regular ? 1 : 0;
        S.probation[i] = regular ? 0 : 1;
      }
    }
    if (used.has('age')) for (let i = 0; i < n; i++) S.age[i] = Math.floor((monthNo - birthMonth[i]!) / 12);
    if (used.has('month_of_year')) S.month_of_year.fill((monthNo % 12) + 1);
    if (MI.length && /\bMI\[/.test(ruleSet.source)) {
      for (let i = 0; i < n; i++) {
        const t = S.tier[i]!;
        if (present[i] && t === t && MI[t]) MI[t]![i]! += 1;
      }
    }
    // 2. Events of the month: count, distinct sources, amount; and the latest month of each kind.
    // Kinds without events this month share one zero column; a column is made when its first event comes.
    const ev: Float64Array[] = new Array<Float64Array>(kinds.length * 3).fill(zeros);
    // Rules that read events over a window (evWin) read past months' columns: those are kept. Otherwise only this
    // month's are read, and last month's columns are cleared and used again rather than allocated.
    const own = (c: number) => {
      if (ev[c] !== zeros) return ev[c]!;
      const spare = eventsOverWindows ? undefined : spareEvents[c];
      return (ev[c] = spare ? spare.fill(0) : new Float64Array(n));
    };
    sourcesSeen.clear();
    for (const e of pop.events[m] ?? []) {
      // An event also counts under its kind narrowed to its source (title.优秀客服), when rules read that.
      const bySource = e.source !== undefined && narrowed.size ? narrowed.get(e.kind)?.get(e.source) : undefined;
      if (bySource !== undefined) {
        own(bySource * 3)[e.person]! += e.count;
        own(bySource * 3 + 2)[e.person]! += e.amount ?? 0;
        own(bySource * 3 + 1)[e.person] = 1;
        EVL[bySource]![e.person] = m;
      }
      const k = kindIndex.get(e.kind);
      if (k === undefined) continue;
      // Only the aggregates the rules read are kept (counts, amounts, distinct sources).
      if (evUsed.has(k * 3)) own(k * 3)[e.person]! += e.count;
      if (evUsed.has(k * 3 + 2)) own(k * 3 + 2)[e.person]! += e.amount ?? 0;
      if (evUsed.has(k * 3 + 1)) {
        const key = `${k}:${e.person}`;
        const seen = sourcesSeen.get(key) ?? new Set<string>();
        if (!seen.has(e.source ?? '')) { seen.add(e.source ?? ''); own(k * 3 + 1)[e.person]! += 1; }
        sourcesSeen.set(key, seen);
      }
      EVL[k]![e.person] = m;
    }
    if (!eventsOverWindows) ev.forEach((col, c) => { if (col !== zeros) spareEvents[c] = col; });
    EV.push(ev);
    // 3. Windows.
    ruleSet.windows.forEach((w, k) => {
      const [a, b] = windowBounds(w, m, monthNo, first);
      W[2 * k] = a;
      W[2 * k + 1] = b;
    });
    // 4. Stages, with the population work between them.
    // Cells of people absent this month stay 0 and are never read: rows and explain look only at people present.
    const O = ruleSet.outputs.map((_, k) => working[k] ?? new Float64Array(n));
    const rating = !!ruleSet.stars && ratingDue(ruleSet.stars.evaluate, m, monthNo);
    const args: StageArgs = { n, m, I: pop.inputs[m]!, S, EV, EVL, H, W, P, O, MI, rating };
    // Who is ranked with whom this month: made once per scope, shared by every population operator.
    const groupCache = new Map<string, number[][]>();
    const groupsOf = (scope: 'team' | 'department') => {
      let g = groupCache.get(scope);
      if (!g) { g = groups(pop, S.active, scope); groupCache.set(scope, g); }
      return g;
    };
    const runStages = () => ruleSet.stages.forEach((stage, s) => {
      stage(args);
      for (const op of ruleSet.population) if (op.afterStage === s) applyPopulation(op, H, P, m, pop, groupsOf(op.scope), monthNo);
    });
    // After a star or tier moves, only what reads it is computed again (the rest keeps its first-pass value).
    const rerun = (r: Rerun) => ruleSet.stages.forEach((_, s) => {
      r.stages[s]?.(args);
      ruleSet.population.forEach((op, k) => { if (op.afterStage === s && r.population[k]) applyPopulation(op, H, P, m, pop, groupsOf(op.scope), monthNo); });
    });
    runStages();
    // Stars: re-rated at the start of a period, then this month's overrides; if anyone's star moved, the month is
    // computed again with it (the rules that moved it read nothing that depends on this month's star).
    const stars = ruleSet.stars;
    if (stars) {
      applyInitialStars(ruleSet, O, S, ladder);
      if (rating) {
        const rated = rateStars(ruleSet, O, S, pop);
        for (let i = 0; i < n; i++) if (rated[i] === rated[i]) ladder.baseStar[i] = rated[i]!;
      }
      const effective = applyOverrides(ruleSet, O, S, ladder, m, monthNo);
      let moved = false;
      for (let i = 0; i < n; i++) {
        const before = S.star[i]!;
        const after = effective[i]!;
        if (!present[i] || after !== after || after === before) continue;
        changes.push({ person: i, kind: 'star', from: before === before ? starText(before) : '', to: starText(after) });
        S.star[i] = after;
        moved = true;
        starMoved = true;
      }
      if (moved) rerun(ruleSet.reruns.star);
    }
    // Placements and period moves take effect this month: the month is computed again with the new tiers.
    const moves = new Map<number, number>();
    if (ruleSet.placement.length || ruleSet.entryTier !== undefined) for (const [i, t] of placeUnplaced(ruleSet, O, S)) moves.set(i, t);
    if (ruleSet.transitions.length) for (const [i, t] of decideMoves(ruleSet, O, S, ladder, pop, m, monthNo)) moves.set(i, t);
    if (moves.size) {
      for (const [i, t] of moves) {
        const before = S.tier[i]!;
        const kind = before !== before ? 'placed' : ruleSet.tierLevels[t]! > ruleSet.tierLevels[before]! ? 'promoted' : 'demoted';
        changes.push({ person: i, kind, from: before === before ? ruleSet.tiers[before] ?? '' : '', to: ruleSet.tiers[t] ?? '' });
        S.tier[i] = t;
        tierMoved = true;
        ladder.tierStart[i] = monthNo;
        if (used.has('months_in_tier')) S.months_in_tier[i] = 0;
      }
      rerun(ruleSet.reruns.tier);
    }
    // 5. Keep the month as columns; rows are made on demand.
    // A month whose tiers or stars did not move shares the month before's column (results are read-only); tracks never
    // move within a run.
    const last = months_[months_.length - 1];
    months_.push({
      O: O.map((col, k) => (working[k] ? notKept : col)), total: payTotal(ruleSet, O, present),
      tier: last && !tierMoved ? last.tier : S.tier.slice(),
      track: last ? last.track : S.track.slice(),
      star: last && !starMoved ? last.star : S.star.slice(),
      changes,
    });
  }
  return {
    months: months_,
    get rows() {
      rowsCache ??= materialize(ruleSet, pop, months_, strings);
      return rowsCache;
    },
  };
}

/** One month of results as columns. */
export interface MonthColumns {
  /** Output columns; a hidden star or ladder rule's (kind 'state') is empty: it is read only in its own month. */
  readonly O: readonly Float64Array[];
  /** Each present person's pay in fen: every pay line rounded with the policy's rule, summed (NaN if a line is). */
  readonly total: Float64Array;
  readonly tier: Float64Array;
  readonly track: Float64Array;
  readonly star: Float64Array;
  readonly changes: readonly Change[];
}

/** Pay lines rounded with the policy's rule and summed in fen, line by line over the column (0 for the absent). */
function payTotal(ruleSet: RuleSet, O: readonly Float64Array[], present: Uint8Array): Float64Array {
  const n = present.length;
  const total = new Float64Array(n);
  const { precision, rounding } = ruleSet.meta;
  ruleSet.outputs.forEach((slot, k) => {
    if (slot.kind !== 'payLine') return;
    addLineFen(total, O[k]!, present, precision, rounding);
  });
  return total;
}

function materialize(ruleSet: RuleSet, pop: Population, months: readonly MonthColumns[], strings: readonly string[]): ResultRow[] {
  const rows: ResultRow[] = [];
  const n = pop.people.length;
  months.forEach(({ O, total: totals, tier, track, star, changes }, m) => {
    const byPerson = new Map<number, Change[]>();
    for (const c of changes) byPerson.set(c.person, [...(byPerson.get(c.person) ?? []), c]);
    const present = pop.present[m]!;
    for (let i = 0; i < n; i++) {
      if (!present[i]) continue;
      const p = pop.people[i]!;
      const lines: PayLineResult[] = [];
      const values: Record<string, number | string | boolean | null> = Object.create(null) as Record<string, never>;
      const flags: string[] = [];
      const total = totals[i]!;
      ruleSet.outputs.forEach((slot, k) => {
        const x = O[k]![i]!;
        if (slot.kind === 'state') return;
        if (slot.kind === 'payLine') {
          const fen = Number.isNaN(x) ? NaN : roundToFen(x, ruleSet.meta.precision, ruleSet.meta.rounding);
          lines.push({ name: slot.name, amount: Number.isNaN(fen) ? 'NaN' : formatFen(fen) });
        } else {
          values[slot.name] = decode(slot.coding, x, ruleSet, strings);
          if (slot.kind === 'flag' && x === 1) flags.push(slot.name);
        }
      });
      const t = tier[i]!;
      const tr = track[i]!;
      rows.push({
        employee: p.id, ...(p.name !== undefined ? { name: p.name } : {}), month: pop.months[m]!,
        tier: t === t ? ruleSet.tiers[t] ?? null : null,
        track: tr === tr ? ruleSet.tracks[tr] ?? null : null,
        star: star[i]! === star[i]! ? star[i]! : null,
        pay: { total: Number.isNaN(total) ? 'NaN' : formatFen(total), lines },
        values, flags,
        changes: (byPerson.get(i) ?? []).map(({ kind, from, to }) => ({ kind, from, to })),
      });
    }
  });
  return rows;
}

/** Groups of people a population operator ranks within: the whole department, or each team. */
function groups(pop: Population, active: Float64Array, scope: 'team' | 'department'): number[][] {
  const by = new Map<string, number[]>();
  for (let i = 0; i < pop.people.length; i++) {
    if (!active[i]) continue;
    const key = scope === 'team' ? pop.people[i]!.team ?? '' : '';
    const g = by.get(key) ?? [];
    g.push(i);
    by.set(key, g);
  }
  return [...by.values()];
}

function applyPopulation(op: PopulationOp, H: Float64Array[][], P: Float64Array[], m: number, pop: Population, groupList: readonly number[][], monthNo: number): void {
  const x = H[op.series]![m]!;
  const out = P[op.result]!;
  out.fill(NaN);
  for (const g of groupList) {
    switch (op.op) {
      case 'avg': {
        let s = 0;
        let k = 0;
        for (const i of g) if (x[i] === x[i]) { s += x[i]!; k++; }
        for (const i of g) out[i] = k ? s / k : NaN;
        break;
      }
      case 'rank': case 'rankLow': case 'topN': case 'topShare': {
        // Competition ranking: equal values share a rank (1, 2, 2, 4), i.e. one more than the number of values
        // strictly better; a person without a value has none. The values are sorted as numbers (no comparator
        // calls) and each person's rank found by binary search.
        const low = op.op === 'rankLow';
        let count = 0;
        for (const i of g) if (x[i] === x[i]) count++;
        const sorted = new Float64Array(count);
        count = 0;
        for (const i of g) if (x[i] === x[i]) sorted[count++] = x[i]!;
        sorted.sort();
        const param = op.nSeries !== undefined ? H[op.nSeries]![m]![g[0]!]! : 0;
        const limit = op.op === 'topShare' ? Math.floor(param * g.length + 1e-9) : param;
        const ranks = op.op === 'rank' || low;
        for (const i of g) {
          const v = x[i]!;
          // People without a value get no rank (NaN), or are not in the top.
          if (v !== v) { out[i] = ranks ? NaN : 0; continue; }
          const rank = 1 + (low ? countBelow(sorted, v) : count - countAtMost(sorted, v));
          out[i] = ranks ? rank : rank <= limit ? 1 : 0;
        }
        break;
      }
      case 'award': {
        const a = op.award!;
        if (a.period !== 'month' && !ratingDue(a.period, m, monthNo)) {
          for (const i of g) out[i] = 0;
          break;
        }
        const among = a.among !== undefined ? H[a.among]![m]! : undefined;
        const ties = a.tieBreaks.map((t) => H[t]![m]!);
        const eligible = g.filter((i) => (!among || among[i] === 1) && x[i] === x[i]);
        const places = a.share ? Math.floor(a.top * g.length + 1e-9) : a.top;
        for (const i of g) out[i] = 0;
        for (const i of bestPlaces(eligible, places, x, ties, (i) => pop.people[i]!.id)) out[i] = a.amount;
        break;
      }
    }
  }
}

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
