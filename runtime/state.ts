// Star ratings and ladder moves between months. The generated stages compute each rule's formula as a hidden
// column; here those columns are applied: stars re-rated at period starts (thresholds or rules, then gates, then
// quotas ranked by their key and tie-breaks), in-period overrides (raise for N months, drop to 0), and promotions or
// demotions (manual decisions first, then one-step rules), which take effect the next month.

import type { OutputSlot, RuleSet, StateColumns } from '../compiler/codegen/generate.ts';
import type * as P from '../compiler/model/policy.ts';
import { measure, quantityOf } from '../compiler/check/amounts.ts';
import type { ColumnPool } from './columns.ts';
import { bestPlaces, byBest, placesOf } from './places.ts';
import type { Population, PopulationEvent } from './population.ts';

export interface StarOverrideActive {
  readonly set?: number;
  readonly delta?: number;
  readonly until: number;
}

/** What a star quota did at a rating: how many it counted, the places that gave, who reached its star, and whom it
 * held back one star below. */
export interface QuotaOutcome {
  /** The quota's index in the policy's list. */
  readonly quota: number;
  /** The team it counted, for a quota with `scope: team` (one outcome per team). */
  readonly team?: string;
  readonly star: number;
  /** How many people the quota counts (a share is of these). */
  readonly base: number;
  /** The places it gives (its share of `base`, or its count), how many reached the star, and how many kept it. */
  readonly places: number;
  readonly qualifiers: number;
  readonly kept: number;
  /** Those held back, best first: their place among those who reached the star (the quota's order: rank key,
   * tie-breaks, then id; 1 is the best) and their rank key (NaN when none). */
  readonly heldBack: readonly { readonly person: number; readonly place: number; readonly key: number }[];
}

export interface Change {
  readonly person: number;
  readonly kind: 'star' | 'promoted' | 'demoted' | 'placed';
  readonly from: string;
  readonly to: string;
  /** The rule that made it, as the run applied it (never worked out again afterwards). */
  readonly rule: ChangeRule;
}

/** What moved a star or a tier: a rating (with or without overrides running), overrides alone; a move rule (its index
 * in the policy's transitions, and the month index it was decided in), a manual decision in the data (its month), a
 * placement rule, or the ladder's entry tier for a newcomer without one. */
export type ChangeRule =
  | { readonly by: 'rating' | 'override' }
  | { readonly by: 'transition'; readonly index: number; readonly decided: number }
  | { readonly by: 'manual'; readonly decided: number; readonly event?: PopulationEvent }
  | { readonly by: 'placement'; readonly index: number }
  | { readonly by: 'entry' };

/** Per-person state that lasts across months. */
export class LadderState {
  /** The star from the latest rating, before overrides. */
  readonly baseStar: Float64Array;
  /** Overrides still running, only for the people who have some (most have none). */
  readonly overrides: Map<number, StarOverrideActive[]>;
  /** Each person's effective star this month (reused month to month). */
  readonly effective: Float64Array;
  /** A tier index decided earlier, taking effect in month `pendingAt` (a month number), or NaN. */
  readonly pendingTier: Float64Array;
  readonly pendingAt: Float64Array;
  /** Why each pending tier was decided, by person (few people have one). */
  readonly pendingRule = new Map<number, ChangeRule>();
  /** Month number the current tier started in. */
  readonly tierStart: Float64Array;
  /** Whether anyone has a pending tier (most months nobody does, and the month's check is skipped). */
  anyPending = false;
  /** Whether a base star changed since `effective` was last worked out for everyone (a rating, a first star). */
  baseChanged = true;

  constructor(initialStar: Float64Array, tierStart: Float64Array, pool: ColumnPool) {
    const n = initialStar.length;
    this.baseStar = pool.zeros(n);
    this.baseStar.set(initialStar);
    this.overrides = new Map();
    this.effective = pool.zeros(n);
    this.pendingTier = pool.filled(n, NaN);
    this.pendingAt = pool.filled(n, NaN);
    this.tierStart = tierStart;
  }
}

function column(ruleSet: RuleSet, O: readonly Float64Array[], match: (s: OutputSlot) => boolean): Float64Array | undefined {
  const k = ruleSet.outputs.findIndex(match);
  return k < 0 ? undefined : O[k];
}

/** Whether the stars section rates anyone: threshold rows or rules to rate by. Without them stars come only from the
 * data, `initial` and overrides, and a rating month changes nobody's star (it used to rate everyone to the lowest). */
export function ratesStars(stars: P.StarsDecl): boolean {
  return stars.thresholdRows.length > 0 || stars.rules.length > 0;
}

/** Whether month `monthNo` starts a rating period that has a full past period inside the run. */
export function ratingDue(period: 'month' | 'quarter' | 'year', m: number, monthNo: number): boolean {
  switch (period) {
    case 'month': return m >= 1;
    case 'quarter': return monthNo % 3 === 0 && m >= 3;
    case 'year': return monthNo % 12 === 0 && m >= 12;
  }
}

/** The threshold rows, highest star first (the order they are tried in), each cell with the key it reads and the
 * minimum it needs (Infinity for a cell without an amount: never met). */
export function thresholdRows(stars: P.StarsDecl): { readonly row: P.ThresholdRow; readonly cells: readonly { readonly key: string; readonly min: number }[] }[] {
  return [...stars.thresholdRows].sort((a, b) => b.star - a.star).map((row) => ({
    row,
    cells: row.values.map((cell) => {
      const q = quantityOf(cell.amount);
      return { key: cell.name, min: q ? measure(q).value : Infinity };
    }),
  }));
}

/** The last month index an override fired in month m (month number monthNo) runs to: its months, or to the end of
 * that quarter. */
export function overrideUntil(o: P.StarOverride, m: number, monthNo: number): number {
  return o.months === 'quarter' ? m + (2 - (monthNo % 3)) : m + o.months - 1;
}

/** Rates every active person's star from this month's hidden columns: the new base stars, and whom a quota held back. */
export function rateStars(ruleSet: RuleSet, O: readonly Float64Array[], S: StateColumns, pop: Population): { readonly stars: Float64Array; readonly quotas: readonly QuotaOutcome[]; readonly decision: RatingDecision } {
  const stars = ruleSet.stars!;
  const n = pop.people.length;
  const out = new Float64Array(n).fill(NaN);
  const decision: RatingDecision = { basis: new Int16Array(n).fill(-1), gated: new Uint32Array(n) };
  const col = (match: (s: OutputSlot) => boolean) => column(ruleSet, O, match);
  const keys = stars.thresholdKeys.map((k) => ({ name: k.name, values: col((s) => s.state?.role === 'thresholdKey' && s.state.key === k.name) }));
  const gates = stars.gates.map((g, index) => ({ max: g.max, values: col((s) => s.state?.role === 'gate' && s.state.index === index) }));
  const rules = stars.rules.map((_, index) => ({
    when: col((s) => s.state?.role === 'ruleWhen' && s.state.index === index),
    star: col((s) => s.state?.role === 'ruleStar' && s.state.index === index),
  }));
  // Each threshold row as (column, minimum) pairs, read once.
  const need = thresholdRows(stars).map(({ row, cells }) => ({
    star: row.star,
    cells: cells.map((c) => ({ values: keys.find((k) => k.name === c.key)?.values, min: c.min })),
  }));
  rateEach(out, decision, S.active, need, rules, gates, stars.min, stars.max);
  // Quotas, highest star first: among those rated at least that star, the best ranked keep it, the rest drop one.
  const quotas = stars.quota.map((q, index) => ({ q, index })).sort((a, b) => b.q.star - a.q.star);
  const outcomes: QuotaOutcome[] = [];
  for (const { q, index } of quotas) {
    const of = col((s) => s.state?.role === 'quotaOf' && s.state.index === index);
    const rank = col((s) => s.state?.role === 'quotaRank' && s.state.index === index);
    const ties = q.tieBreak.map((_, order) => col((s) => s.state?.role === 'quotaTie' && s.state.index === index && s.state.order === order));
    const max = quantityOf(q.max);
    if (!max || !rank) continue;
    const mq = measure(max);
    const tieColumns = ties.filter((t) => t !== undefined);
    const idOf = (i: number) => pop.people[i]!.id;
    // Department-wide, or each team on its own (in the order teams are first met).
    const all = quotaBase(S.active, of);
    const groups: { team?: string; base: number[] }[] = q.scope === 'team' ? byTeam(all, pop) : [{ base: all }];
    for (const { team, base } of groups) {
      const places = mq.unit === 'percent' ? placesOf(mq.value, base.length) : mq.value;
      // The best ranked keep the star, the rest drop one.
      const qualifiers = base.filter((i) => out[i]! >= q.star);
      const keep = bestPlaces(qualifiers, places, rank, tieColumns, idOf);
      const heldBack: QuotaOutcome['heldBack'][number][] = [];
      if (keep.size < qualifiers.length) {
        // Each with their place in the quota's full order (the kept are its first places: bestPlaces takes them in
        // the same order). Ratings are few (a period's start), so the full sort costs little.
        const order = [...qualifiers].sort(byBest(rank, tieColumns, idOf));
        order.forEach((i, k) => {
          if (keep.has(i)) return;
          heldBack.push({ person: i, place: k + 1, key: rank[i]! });
          out[i] = q.star - 1;
        });
      }
      outcomes.push({ quota: index, ...(team !== undefined ? { team } : {}), star: q.star, base: base.length, places, qualifiers: qualifiers.length, kept: keep.size, heldBack });
    }
  }
  return { stars: out, quotas: outcomes, decision };
}

/** What a rating decided for each person, as the run decided it (explain reads it back, never works it out again):
 * the threshold row met (its index in thresholdRows order) or the star rule that held (its index), -1 for none; and
 * which gates capped the star (bit k: gate k). Quotas are recorded in QuotaOutcome. */
export interface RatingDecision {
  readonly basis: Int16Array;
  readonly gated: Uint32Array;
}

/**
 * Each active person's star: the first threshold row (highest star first) whose every cell is met, or the first rule
 * that holds; then the gates; within the levels. Its own small function: rating runs three or four times a run, and
 * V8 optimizes a small function's loop long before one inside a large function.
 */
function rateEach(
  out: Float64Array, decision: RatingDecision, active: Float64Array,
  need: readonly { readonly star: number; readonly cells: readonly { readonly values: Float64Array | undefined; readonly min: number }[] }[],
  rules: readonly { readonly when: Float64Array | undefined; readonly star: Float64Array | undefined }[],
  gates: readonly { readonly max: number; readonly values: Float64Array | undefined }[],
  min: number, max: number,
): void {
  // Indexed loops: for-of allocates an iterator per loop until V8 optimizes, and rating runs a few times a run.
  for (let i = 0; i < out.length; i++) {
    if (!active[i]) continue;
    let star = min;
    if (need.length) {
      for (let k = 0; k < need.length; k++) {
        const row = need[k]!;
        let meets = true;
        for (let j = 0; j < row.cells.length; j++) {
          const c = row.cells[j]!;
          if (!c.values || !(c.values[i]! >= c.min)) { meets = false; break; }
        }
        if (meets) { star = row.star; decision.basis[i] = k; break; }
      }
    } else {
      for (let k = 0; k < rules.length; k++) {
        const r = rules[k]!;
        if (r.when?.[i] === 1 && r.star) { star = r.star[i]!; decision.basis[i] = k; break; }
      }
    }
    // Gates come first in the seed's order (C4: attendance, then score, then skill): without the gate, at most `max`.
    for (let k = 0; k < gates.length; k++) {
      const g = gates[k]!;
      if (g.values && g.values[i] !== 1) { star = Math.min(star, g.max); decision.gated[i]! |= 1 << k; }
    }
    out[i] = Math.max(min, Math.min(max, star));
  }
}

/** A quota's people split by team (a person without a team is in the team named ''). */
function byTeam(base: readonly number[], pop: Population): { team: string; base: number[] }[] {
  const teams = new Map<string, number[]>();
  for (const i of base) {
    const t = pop.people[i]!.team ?? '';
    let list = teams.get(t);
    if (!list) { list = []; teams.set(t, list); }
    list.push(i);
  }
  return [...teams].map(([team, people]) => ({ team, base: people }));
}

/** Who a quota counts: everyone active (and of its group, when it has one). */
function quotaBase(active: Float64Array, of: Float64Array | undefined): number[] {
  const base: number[] = [];
  for (let i = 0; i < active.length; i++) if (active[i] && (!of || of[i] === 1)) base.push(i);
  return base;
}

/** A person without a star yet (none in the employees table) starts at `stars.initial`, when the policy gives one. */
export function applyInitialStars(ruleSet: RuleSet, O: readonly Float64Array[], S: StateColumns, state: LadderState): void {
  const initial = column(ruleSet, O, (s) => s.state?.role === 'initialStar');
  if (!initial) return;
  for (let i = 0; i < state.baseStar.length; i++) {
    if (S.active[i] && state.baseStar[i] !== state.baseStar[i] && initial[i] === initial[i]) {
      state.baseStar[i] = initial[i]!;
      state.baseChanged = true;
    }
  }
}

/** An override that fired for a person in a month (its index in stars.overrides), as the run recorded it. */
export interface OverrideFired {
  readonly person: number;
  readonly override: number;
}

/** Records this month's overrides and returns each person's effective star. */
export function applyOverrides(ruleSet: RuleSet, O: readonly Float64Array[], S: StateColumns, state: LadderState, m: number, monthNo: number, fired?: OverrideFired[]): Float64Array {
  const stars = ruleSet.stars!;
  const n = state.baseStar.length;
  stars.overrides.forEach((o, index) => {
    const when = column(ruleSet, O, (s) => s.state?.role === 'override' && s.state.index === index);
    if (!when) return;
    const rate = o.rate ? column(ruleSet, O, (s) => s.state?.role === 'overrideRate' && s.state.index === index) : undefined;
    for (let i = 0; i < n; i++) {
      if (!S.active[i] || when[i] !== 1) continue;
      fired?.push({ person: i, override: index });
      // A re-rating replaces the rated star until the next rating; a value that is no number leaves the star alone
      // (and the pay line reading it reports why, R001).
      if (rate) {
        const x = rate[i]!;
        if (x === x) { state.baseStar[i] = Math.round(x); state.baseChanged = true; }
      }
      const until = overrideUntil(o, m, monthNo);
      let list = state.overrides.get(i);
      if (!list) { list = []; state.overrides.set(i, list); }
      if (o.set !== undefined) list.push({ set: o.set, until });
      if (o.raise !== undefined) list.push({ delta: o.raise, until });
      if (o.lower !== undefined) list.push({ delta: -o.lower, until });
    }
  });
  const out = state.effective;
  // Everyone's star within the levels, when a base star changed; otherwise only the people with overrides (below) can
  // differ from last month: one whose last override ends gets the base back here before leaving the map.
  if (state.baseChanged) {
    withinLevels(state.baseStar, out, stars.min, stars.max);
    state.baseChanged = false;
  }
  for (const [i, list] of state.overrides) {
    const active = list.filter((o) => o.until >= m);
    if (active.length) state.overrides.set(i, active);
    else state.overrides.delete(i);
    let star = state.baseStar[i]! + active.reduce((a, o) => a + (o.delta ?? 0), 0);
    // A drop (set) wins over any raise in the same month: the lowest set applies.
    for (const o of active) if (o.set !== undefined) star = Math.min(star, o.set);
    out[i] = star === star ? Math.max(stars.min, Math.min(stars.max, star)) : NaN;
  }
  return out;
}

/**
 * Decides tier moves: a recorded manual decision first (effective next month), then the first one-step rule that
 * holds. A monthly rule takes effect next month; a quarterly or yearly rule is evaluated at the start of its period
 * on the period before (B2: January, on last year's data) and takes effect in that month: those moves are returned.
 */
export function decideMoves(ruleSet: RuleSet, O: readonly Float64Array[], S: StateColumns, state: LadderState, pop: Population, m: number, monthNo: number, refused: RefusedMove[]): Map<number, { tier: number; rule: ChangeRule }> {
  const immediate = new Map<number, { tier: number; rule: ChangeRule }>();
  const tierIndex = new Map(ruleSet.tiers.map((t, i) => [t, i]));
  const manual = new Map<number, { tier: number; event: PopulationEvent }>();
  for (const e of pop.events[m] ?? []) {
    if (!MANUAL_MOVE_KINDS.has(e.kind)) continue;
    const to = e.source === undefined ? undefined : tierIndex.get(e.source.normalize('NFKC').trim());
    const why = S.active[e.person] ? manualRefusal(ruleSet, S.tier[e.person]!, to, e.kind) : undefined;
    if (why) refused.push({ person: e.person, event: e, from: S.tier[e.person]!, why });
    else if (to !== undefined && S.active[e.person]) manual.set(e.person, { tier: to, event: e });
  }
  const rules = ruleSet.transitions.map((t, index) => ({
    t, from: t.fromAny ? ANY_TIER : tierIndex.get(t.from.name), to: tierIndex.get(t.to.name),
    when: column(ruleSet, O, (s) => s.state?.role === 'transition' && s.state.index === index),
  }));
  decideEach(S, state, manual, rules, ruleSet.tierLevels, immediate, m, monthNo);
  return immediate;
}

/** The standard event kinds that record a manual move (source = the target tier). */
export const MANUAL_MOVE_KINDS: ReadonlySet<string> = new Set(['promote.manual', 'demote.manual']);

/** Whether a month's events record a manual move. */
export function hasManualMoves(events: readonly PopulationEvent[] | undefined): boolean {
  return !!events?.some((e) => MANUAL_MOVE_KINDS.has(e.kind));
}

/** A transition's `from` index standing for `from: any`. */
const ANY_TIER = -1;

/** A manual move in the data that the policy does not accept: reported at its row, never applied. */
export interface RefusedMove {
  readonly person: number;
  readonly event: PopulationEvent;
  /** The person's tier index when the move was recorded (NaN without one). */
  readonly from: number;
  readonly why: ManualRefusal;
}

export type ManualRefusal = 'unknownTier' | 'noTier' | 'sameTier' | 'wrongWay' | 'notAccepted';

/** Why the policy does not accept a manual move from tier `from` to `to` (undefined: it does). A move is accepted when
 * it goes the event's way and the policy allows it: any move (`manual_moves: any`), a transition marked manual from
 * that tier (or from any tier) to that one, or one level along a path (`manual_moves: one_step`). */
export function manualRefusal(ruleSet: RuleSet, from: number, to: number | undefined, kind: string): ManualRefusal | undefined {
  if (to === undefined) return 'unknownTier';
  if (from !== from) return 'noTier';
  if (from === to) return 'sameTier';
  const up = ruleSet.tierLevels[to]! > ruleSet.tierLevels[from]!;
  const down = ruleSet.tierLevels[to]! < ruleSet.tierLevels[from]!;
  if (kind === 'promote.manual' ? down : up) return 'wrongWay';
  const accept = ruleSet.manualMoves.accept;
  if (accept === 'any') return undefined;
  const declared = ruleSet.transitions.some((t) => t.manual && t.to.name === ruleSet.tiers[to] &&
    (t.fromAny ? (t.direction === 'promotion' ? up : down) : t.from.name === ruleSet.tiers[from]));
  if (declared) return undefined;
  if (accept === 'one_step' && ruleSet.tierPaths.some((p) => p.includes(from) && p.includes(to) && Math.abs(p.indexOf(from) - p.indexOf(to)) === 1)) return undefined;
  return 'notAccepted';
}

/** The per-person part of decideMoves, in a small function of its own (V8 optimizes its loop early). */
function decideEach(
  S: StateColumns, state: LadderState, manual: ReadonlyMap<number, { readonly tier: number; readonly event: PopulationEvent }>,
  rules: readonly { readonly t: P.TransitionDecl; readonly from: number | undefined; readonly to: number | undefined; readonly when: Float64Array | undefined }[],
  levels: readonly number[], immediate: Map<number, { tier: number; rule: ChangeRule }>, m: number, monthNo: number,
): void {
  for (let i = 0; i < S.active.length; i++) {
    if (!S.active[i]) continue;
    const m1 = manual.get(i);
    if (m1 !== undefined) {
      state.pendingTier[i] = m1.tier; state.pendingAt[i] = monthNo + 1; state.anyPending = true;
      state.pendingRule.set(i, { by: 'manual', decided: m, event: m1.event });
      continue;
    }
    for (let k = 0; k < rules.length; k++) {
      const r = rules[k]!;
      if (r.t.manual || r.to === undefined || !r.when || r.when[i] !== 1) continue;
      // From any tier: every tier from which the move goes the transition's way (a demotion from every tier above).
      if (r.from === ANY_TIER ? !(r.t.direction === 'promotion' ? levels[r.to]! > levels[S.tier[i]!]! : levels[r.to]! < levels[S.tier[i]!]!) : r.from !== S.tier[i]) continue;
      const rule: ChangeRule = { by: 'transition', index: k, decided: m };
      if (r.t.evaluate === 'month') {
        if (r.t.takesEffect === 'immediately') immediate.set(i, { tier: r.to, rule });
        else {
          state.pendingTier[i] = r.to;
          state.pendingAt[i] = effectiveMonth(r.t.takesEffect, monthNo);
          state.anyPending = true;
          state.pendingRule.set(i, rule);
        }
        break;
      }
      if (!ratingDue(r.t.evaluate, m, monthNo)) continue;
      immediate.set(i, { tier: r.to, rule });
      break;
    }
  }
}

/** Each base star within the levels (NaN stays NaN). */
function withinLevels(base: Float64Array, out: Float64Array, min: number, max: number): void {
  for (let i = 0; i < base.length; i++) {
    const b = base[i]!;
    out[i] = b === b ? Math.max(min, Math.min(max, b)) : NaN;
  }
}

/** The month number a move decided in `monthNo` takes effect: next month, next quarter's or next year's first. */
export function effectiveMonth(takesEffect: string, monthNo: number): number {
  switch (takesEffect) {
    case 'next_quarter': return Math.floor(monthNo / 3) * 3 + 3;
    case 'next_year': return Math.floor(monthNo / 12) * 12 + 12;
    default: return monthNo + 1;
  }
}

/** First placement (B3): a person without a tier is placed by the first placement rule that holds. */
export function placeUnplaced(ruleSet: RuleSet, O: readonly Float64Array[], S: StateColumns): Map<number, { tier: number; rule: ChangeRule }> {
  const placed = new Map<number, { tier: number; rule: ChangeRule }>();
  const rules = ruleSet.placement.map((p, index) => ({
    tier: ruleSet.tiers.indexOf(p.tier.name),
    when: column(ruleSet, O, (s) => s.state?.role === 'placement' && s.state.index === index),
  }));
  // Without a placement rule that holds, a person starts at the entry tier of their track (the ladder's, without one).
  const entry = ruleSet.entryTier !== undefined ? ruleSet.tiers.indexOf(ruleSet.entryTier) : -1;
  // A person on a track is placed only at a tier of that track (B: a 管理 lead is never placed at 资深客服专员).
  const onTrack = (tier: number, track: number) => track !== track || ruleSet.tierTracks[tier]?.includes(track) !== false;
  for (let i = 0; i < S.active.length; i++) {
    if (!S.active[i] || S.tier[i] === S.tier[i]) continue;
    const track = S.track[i]!;
    for (let k = 0; k < rules.length; k++) {
      const r = rules[k]!;
      if (r.tier >= 0 && r.when?.[i] === 1 && onTrack(r.tier, track)) { placed.set(i, { tier: r.tier, rule: { by: 'placement', index: k } }); break; }
    }
    const start = track === track ? ruleSet.trackEntry[track] ?? entry : entry;
    if (!placed.has(i) && start >= 0) placed.set(i, { tier: start, rule: { by: 'entry' } });
  }
  return placed;
}
