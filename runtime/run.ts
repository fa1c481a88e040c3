// Runs a compiled rule set over a population, month by month: state columns (tenure, time in tier, probation),
// event aggregates and windows are prepared for each month, the generated stages run in order, and between them
// the population work (ranks, top-N, team means, award winners). Money is rounded per pay line with the policy's
// rule and summed in integer fen.

import type { PopulationOp, Rerun, RuleSet, StageArgs, StateColumns, ValueCoding, WindowSpec } from '../compiler/codegen/generate.ts';
import { dateText, dayNumber } from '../compiler/codegen/helpers.ts';
import { ColumnPool } from './columns.ts';
import { formatFen, roundMoney, roundToFen, sumLinesFen } from './money.ts';
import { POPULATION_KERNELS } from './population-kernels.ts';
import { type RunProblem, TRACED_PROBLEMS, eventAmountProblems, monthProblems, refusedMoveProblem } from './run-problems.ts';
import { type Person, type Population, type PopulationEvent, fullMonthStart, monthNumber } from './population.ts';
import { type Change, LadderState, type OverrideFired, type QuotaOutcome, type RatingDecision, applyInitialStars, applyOverrides, decideMoves, hasManualMoves, MANUAL_MOVE_KINDS, placeUnplaced, type RefusedMove, ratesStars, ratingDue, rateStars } from './state.ts';

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
  /** Pay that could not be computed (NaN or Infinity), traced to its cause: when any, the results are not to be
   * shown or written (run-problems.ts). `untraced` counts those past the traced limit. */
  readonly problems: readonly RunProblem[];
  readonly untracedProblems: number;
  /** One row per person present in a month, made on first use. */
  readonly rows: readonly ResultRow[];
}

/** The state columns: who is active, tier, track and star always; the calendar ones only where the rules read them
 * (the others empty: a column of 100,000 people is 800 KB of fresh pages). */
function columns(n: number, used: ReadonlySet<string>, pool: ColumnPool): StateColumns {
  // Columns filled together (fillState) are made together.
  const c = (...names: string[]) => (names.length === 0 || names.some((x) => used.has(x)) ? pool.zeros(n) : new Float64Array(0));
  return {
    active: c(), tier: c(), track: c(), star: c(),
    tenure: c('tenure', 'employment_month'), employment_month: c('tenure', 'employment_month'),
    cs_tenure: c('cs_tenure'), months_in_tier: c('months_in_tier'),
    regular: c('regular', 'probation'), probation: c('regular', 'probation'),
    age: c('age'), month_of_year: c('month_of_year'), leaves_this_month: c('leaves_this_month'),
    hire_date: c('hire_date'), regular_date: c('regular_date'), leave_date: c('leave_date'), cs_start_date: c('cs_start_date'),
    birth_date: c('birth_date'), month_start: c('month_start'), month_end: c('month_end'),
  };
}

/** The employees table's dates as day numbers (NaN where none), once: they do not change during a run (a regular date
 * set by the policy's probation rule is written when the rule ends probation). */
function fillPersonDates(S: StateColumns, used: ReadonlySet<string>, people: readonly Person[]): void {
  const fill = (name: 'hire_date' | 'regular_date' | 'leave_date' | 'cs_start_date' | 'birth_date', date: (p: Person) => string | undefined) => {
    if (!used.has(name)) return;
    const col = S[name];
    people.forEach((p, i) => { const d = date(p); col[i] = d === undefined ? NaN : dayNumber(d); });
  };
  fill('hire_date', (p) => p.hireDate);
  fill('regular_date', (p) => p.regularDate);
  fill('leave_date', (p) => p.leaveDate);
  fill('cs_start_date', (p) => p.csStartDate ?? p.hireDate);
  fill('birth_date', (p) => p.birthDate);
}


// Stars are small whole numbers: their texts are made once, not once per change.
const STAR_TEXT = Array.from({ length: 16 }, (_, k) => String(k));
const starText = (star: number): string => STAR_TEXT[star] ?? String(star);

/** The month indexes [a, b] of a window for month index m (month number monthNo; the run's first month first). */
export function windowBounds(spec: WindowSpec, m: number, monthNo: number, first: number): [number, number] {
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
    case 'date': return dateText(x);
    case 'money': return roundMoney(x, ruleSet.meta.precision, ruleSet.meta.rounding);
    default: return x;
  }
}

/** Points of a month at which the run lets its columns be read: after the first pass, on which star ratings and
 * overrides are decided ('rated'); after stars moved, on which tier moves are decided ('moved'); at the end, as the
 * results have it ('end'). */
export type RunPhase = 'rated' | 'moved' | 'end';

export interface RunOptions {
  /** Where the run takes its columns from, and gives back those it does not return (ladder compare: see columns.ts). */
  readonly pool?: ColumnPool;
  /** Called at the end of each month with the month's columns as the stages left them (explain traces a person's
   * lines over them; they are reused by the next month). */
  readonly inspect?: (m: number, args: StageArgs, phase: RunPhase) => void;
}

export function run(ruleSet: RuleSet, pop: Population, options: RunOptions = {}): RunResult {
  const n = pop.people.length;
  const pool = options.pool ?? new ColumnPool();
  const column = () => pool.zeros(n);
  const months = pop.months.length;
  const first = months ? monthNumber(pop.months[0]!) : 0;
  const kinds = ruleSet.eventKinds;
  const used = ruleSet.stateUsed;
  const S = columns(n, used, pool);
  fillPersonDates(S, used, pop.people);
  const EV: Float64Array[][] = [];
  // The latest month of each kind, for the kinds months_since reads (the others are empty and not written).
  const EVL = kinds.map((_, k) => (ruleSet.eventLatestUsed.has(k) ? pool.filled(n, -Infinity) : new Float64Array(0)));
  // Series per month, made as each month starts (a series that is an output's own column is that column).
  const H = ruleSet.series.map((): Float64Array[] => []);
  const MI = ruleSet.tiers.map(column);
  const P = Array.from({ length: ruleSet.populationColumns }, column);
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

  // Time in a tier is counted to the day (docs/reference.md §5.2): a tier since the 14th counts from the next month.
  const ladder = new LadderState(S.star, perPerson(pop.people, (p) => fullMonthStart(p.tierSince ?? p.hireDate)), pool);
  // The month each person's full months of employment count from: a tier placed in the hire month starts there.
  const hireFull = perPerson(pop.people, (p) => fullMonthStart(p.hireDate));
  // Dates of the employees table as month numbers, read once (only those the rules read).
  const dates = (read: boolean, month: (p: Person) => number) => (read ? perPerson(pop.people, month) : new Float64Array(0));
  const dated: StateDates = {
    hire: dates(used.has('employment_month'), (p) => monthNumber(p.hireDate)),
    hireFull: dates(used.has('tenure'), (p) => fullMonthStart(p.hireDate)),
    cs: dates(used.has('cs_tenure'), (p) => fullMonthStart(p.csStartDate ?? p.hireDate)),
    regular: dates(used.has('regular') || used.has('probation'), (p) => (p.regularDate !== undefined ? monthNumber(p.regularDate) : Infinity)),
    birth: dates(used.has('age'), (p) => (p.birthDate ? monthNumber(p.birthDate) : NaN)),
    leave: dates(used.has('leaves_this_month'), (p) => (p.leaveDate ? monthNumber(p.leaveDate) : NaN)),
  };
  const readsMonthsIn = ruleSet.readsMonthsInTier;
  const months_: MonthColumns[] = [];
  let rowsCache: ResultRow[] | undefined;
  const events = new EventColumns(ruleSet, n, EVL, pool);
  const datedFrom = ruleSet.datedParameters.map((d) => d.from.map(monthNumber));
  const TV = new Int32Array(datedFrom.length);
  // Hidden columns of star and ladder rules are read only in the month computed (rating, overrides, moves; only for
  // people present, who are all written): one working column each, used again every month, not kept in the results.
  const working = ruleSet.outputs.map((slot) => (slot.kind === 'state' ? column() : undefined));
  const notKept = new Float64Array(0);
  let teamsOf: { teams: Int32Array; count: number } | undefined;
  const problems: RunProblem[] = [];
  let untraced = 0;
  let idList: string[] | undefined;
  const ids = () => (idList ??= pop.people.map((p) => p.id));
  for (let m = 0; m < months; m++) {
    const monthNo = first + m;
    let tierMoved = false;
    let starMoved = false;
    const present = pop.present[m]!;
    const changes: Change[] = [];
    let quotas: readonly QuotaOutcome[] = NO_QUOTAS;
    let ratingDecision: RatingDecision | undefined;
    let overridesFired: OverrideFired[] | undefined;
    // 0. Moves decided last month take effect.
    if (takePendingMoves(ruleSet, S, ladder, monthNo, changes)) tierMoved = true;
    // 1. State for the month.
    S.active.set(present);
    // Without placement rules, a newcomer without a tier starts at the entry tier before anything is computed
    // (placement rules read formulas, so those placements happen after the first pass below).
    if (!ruleSet.placement.length && ruleSet.entryTier !== undefined) {
      if (placeAtEntry(ruleSet, S, ladder, present, monthNo, hireFull, changes)) tierMoved = true;
    }
    // Only the state columns the rules read are filled.
    fillState(S, used, monthNo, dated, ladder);
    if (MI.length && readsMonthsIn) countMonthsInTier(MI, S.tier, present);
    // 2. Events of the month: count, distinct sources, amount; and the latest month of each kind.
    EV.push(events.month(pop.events[m] ?? [], m));
    // 3. Windows.
    ruleSet.windows.forEach((w, k) => {
      const [a, b] = windowBounds(w, m, monthNo, first);
      W[2 * k] = a;
      W[2 * k + 1] = b;
    });
    // 4. Stages, with the population work between them.
    // Cells of people absent this month are never read (0, or NaN in a column that is also a series): rows, totals
    // and explain look only at people present.
    const O = ruleSet.outputs.map((_, k) => working[k] ?? column());
    // Every stage writes each series for everyone present, so only the absent need NaN (no value), set now: the
    // columns are not written twice.
    ruleSet.series.forEach((slot, s) => { H[s]![m] = slot.output !== undefined ? O[slot.output]! : column(); });
    markAbsent(H, m, present);
    const rating = !!ruleSet.stars && ratesStars(ruleSet.stars) && ratingDue(ruleSet.stars.evaluate, m, monthNo);
    // Dated parameters: the version in force this month (the number of changes that have started by now).
    datedFrom.forEach((from, slot) => { TV[slot] = from.filter((f) => f <= monthNo).length; });
    const args: StageArgs = { n, m, I: pop.inputs[m]!, S, EV, EVL, H, W, P, O, MI, rating, TV };
    // Who is ranked with whom this month: made once per scope, shared by every population operator.
    const groupCache = new Map<string, number[][]>();
    const groupsOf = (scope: 'team' | 'department') => {
      let g = groupCache.get(scope);
      if (!g) { teamsOf ??= teamNumbers(pop.people); g = groups(teamsOf.teams, teamsOf.count, S.active, scope); groupCache.set(scope, g); }
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
    // Probation ended by the policy's rule: regular from this month (the month is computed again for whatever reads
    // regular or probation) or from the next.
    if (ruleSet.probation && dated.regular.length && regularise(ruleSet, O, S, dated.regular, present, monthNo)) rerun(ruleSet.reruns.regular);
    options.inspect?.(m, args, 'rated');
    // Stars: re-rated at the start of a period, then this month's overrides; if anyone's star moved, the month is
    // computed again with it (the rules that moved it read nothing that depends on this month's star).
    const stars = ruleSet.stars;
    if (stars) {
      applyInitialStars(ruleSet, O, S, ladder);
      if (rating) {
        const rated = rateStars(ruleSet, O, S, pop);
        takeRated(rated.stars, ladder);
        quotas = rated.quotas;
        ratingDecision = rated.decision;
      }
      if (stars.overrides.length) overridesFired = [];
      const effective = applyOverrides(ruleSet, O, S, ladder, m, monthNo, overridesFired);
      const moved = moveStars(S.star, effective, present, changes, rating ? RATED : OVERRIDDEN);
      if (moved) starMoved = true;
      if (moved) rerun(ruleSet.reruns.star);
    }
    // Placements and period moves take effect this month: the month is computed again with the new tiers.
    options.inspect?.(m, args, 'moved');
    const moves = new Map<number, { tier: number; rule: Change['rule'] }>();
    if (ruleSet.placement.length || ruleSet.entryTier !== undefined) for (const [i, t] of placeUnplaced(ruleSet, O, S)) moves.set(i, t);
    // Manual moves in the data are decided (or refused) even in a policy without transitions: never ignored silently.
    if (ruleSet.transitions.length || hasManualMoves(pop.events[m])) {
      const refused: RefusedMove[] = [];
      for (const [i, t] of decideMoves(ruleSet, O, S, ladder, pop, m, monthNo, refused)) moves.set(i, t);
      for (const r of refused) problems.push(refusedMoveProblem(ruleSet, r, ids()[r.person]!, pop.months[m]!));
    }
    if (moves.size) {
      for (const [i, { tier: t, rule }] of moves) {
        const before = S.tier[i]!;
        const kind = before !== before ? 'placed' : ruleSet.tierLevels[t]! > ruleSet.tierLevels[before]! ? 'promoted' : 'demoted';
        changes.push({ person: i, kind, from: before === before ? ruleSet.tiers[before] ?? '' : '', to: ruleSet.tiers[t] ?? '', rule });
        S.tier[i] = t;
        tierMoved = true;
        // A move takes effect on the 1st; a newcomer's first tier starts with their employment.
        ladder.tierStart[i] = kind === 'placed' ? Math.max(monthNo, hireFull[i]!) : monthNo;
        if (used.has('months_in_tier')) S.months_in_tier[i] = monthNo - ladder.tierStart[i]! + 1;
      }
      rerun(ruleSet.reruns.tier);
    }
    // An amount whose range depends on the tier is checked against the tier held this month (A4).
    if (ruleSet.eventAmountByTier.size) problems.push(...eventAmountProblems(ruleSet, pop.events[m] ?? [], S.tier, ids(), pop.months[m]!));
    // 5. Keep the month as columns; rows are made on demand.
    // A month whose tiers or stars did not move shares the month before's column (results are read-only); tracks never
    // move within a run.
    const last = months_[months_.length - 1];
    const copy = (c: Float64Array) => { const x = column(); x.set(c); return x; };
    const total = payTotal(ruleSet, O, present, column());
    // Pay that is not a finite number is a problem traced to its cause, never a result.
    if (!allFinite(total, present)) {
      const found = monthProblems(ruleSet, args, total, present, ids(), pop.months[m]!, TRACED_PROBLEMS - problems.length);
      problems.push(...found.problems);
      untraced += found.untraced;
    }
    options.inspect?.(m, args, 'end');
    months_.push({
      O: O.map((col, k) => (working[k] ? notKept : col)), total,
      tier: last && !tierMoved ? last.tier : copy(S.tier),
      track: last ? last.track : copy(S.track),
      star: last && !starMoved ? last.star : copy(S.star),
      changes, quotas,
      ...(ratingDecision ? { rating: ratingDecision } : {}),
      ...(overridesFired?.length ? { overridesFired } : {}),
    });
  }
  // What the run worked in, for the pool's next user: every column but those the result returns (a series that is an
  // output's own column stays with the result).
  if (options.pool) {
    const returned = new Set(months_.flatMap((mc) => mc.O));
    pool.giveBack([
      ...Object.values(S), ...EVL, ...MI, ...P, ...working.filter((c) => c !== undefined), ...events.columns(),
      ...H.flat().filter((c) => !returned.has(c)), ladder.baseStar, ladder.effective, ladder.pendingTier, ladder.pendingAt,
    ]);
  }
  return {
    months: months_,
    problems,
    untracedProblems: untraced,
    get rows() {
      rowsCache ??= materialize(ruleSet, pop, months_, strings);
      return rowsCache;
    },
  };
}

// ── Steps of a month ─────────────────────────────────────────────────────────────────────────────────────────
// Each step with a loop over people or events is its own small function: run() is called once, and V8 optimizes a
// small hot function long before it would optimize a loop inside one large one.

/** Moves decided earlier take effect this month; whether any tier moved. */
function takePendingMoves(ruleSet: RuleSet, S: StateColumns, ladder: LadderState, monthNo: number, changes: Change[]): boolean {
  if (!ladder.anyPending) return false;
  let moved = false;
  let waiting = false;
  for (let i = 0; i < S.tier.length; i++) {
    const next = ladder.pendingTier[i]!;
    if (next !== next) continue;
    if (ladder.pendingAt[i]! > monthNo) { waiting = true; continue; }
    const before = S.tier[i]!;
    const rule = ladder.pendingRule.get(i) ?? { by: 'manual', decided: -1 };
    ladder.pendingRule.delete(i);
    if (next !== before) {
      const kind = before !== before ? 'placed' : ruleSet.tierLevels[next]! > ruleSet.tierLevels[before]! ? 'promoted' : 'demoted';
      changes.push({ person: i, kind, from: ruleSet.tiers[before] ?? '', to: ruleSet.tiers[next] ?? '', rule });
      S.tier[i] = next;
      moved = true;
      ladder.tierStart[i] = monthNo;
    }
    ladder.pendingTier[i] = NaN;
    ladder.pendingAt[i] = NaN;
  }
  ladder.anyPending = waiting;
  return moved;
}

/** A newcomer without a tier starts at the ladder's entry tier; whether anyone was placed. */
function placeAtEntry(ruleSet: RuleSet, S: StateColumns, ladder: LadderState, present: Uint8Array, monthNo: number, hireFull: Float64Array, changes: Change[]): boolean {
  const entry = ruleSet.tiers.indexOf(ruleSet.entryTier!);
  let placed = false;
  for (let i = 0; i < S.tier.length; i++) {
    if (!present[i] || S.tier[i] === S.tier[i] || entry < 0) continue;
    changes.push({ person: i, kind: 'placed', from: '', to: ruleSet.entryTier!, rule: { by: 'entry' } });
    S.tier[i] = entry;
    placed = true;
    ladder.tierStart[i] = Math.max(monthNo, hireFull[i]!);
  }
  return placed;
}

/** Whoever is on probation and for whom the policy's probation.ends_when holds becomes regular from this month or the
 * next (their regular month is written where the data's regular_date is kept); whether anyone did this month. */
function regularise(ruleSet: RuleSet, O: readonly Float64Array[], S: StateColumns, regularFrom: Float64Array, present: Uint8Array, monthNo: number): boolean {
  const k = ruleSet.outputs.findIndex((o) => o.state?.role === 'probationEnds');
  const ends = k >= 0 ? O[k]! : undefined;
  if (!ends) return false;
  const now = ruleSet.probation!.takesEffect === 'this_month';
  let moved = false;
  for (let i = 0; i < present.length; i++) {
    if (!present[i] || S.probation[i] !== 1 || ends[i] !== 1) continue;
    regularFrom[i] = now ? monthNo : monthNo + 1;
    if (S.regular_date.length) S.regular_date[i] = firstDayOf(regularFrom[i]!);
    if (now) { S.regular[i] = 1; S.probation[i] = 0; moved = true; }
  }
  return moved;
}

/** The day number of the first day of month number `monthNo` (counted from year 0, as monthNumber). */
function firstDayOf(monthNo: number): number {
  return Date.UTC(Math.floor(monthNo / 12), monthNo % 12, 1) / 86_400_000;
}

/** Whether every present person's total is a finite number. */
function allFinite(total: Float64Array, present: Uint8Array): boolean {
  for (let i = 0; i < total.length; i++) if (present[i] && total[i]! - total[i]! !== 0) return false;
  return true;
}

/** A number for each person, by index (Float64Array.from would go through the array's iterator). */
function perPerson(people: readonly Person[], f: (p: Person) => number): Float64Array {
  const out = new Float64Array(people.length);
  for (let i = 0; i < people.length; i++) out[i] = f(people[i]!);
  return out;
}

/** A series has no value (NaN) for the people absent in month m. */
function markAbsent(H: readonly (readonly Float64Array[])[], m: number, present: Uint8Array): void {
  for (let i = 0; i < present.length; i++) {
    if (present[i]) continue;
    for (const series of H) series[m]![i] = NaN;
  }
}

/** Dates of the employees table as month numbers (those the rules read; empty otherwise). */
interface StateDates {
  readonly hire: Float64Array;
  /** The month full months of employment count from (fullMonthStart of the hire date). */
  readonly hireFull: Float64Array;
  readonly cs: Float64Array;
  readonly regular: Float64Array;
  readonly birth: Float64Array;
  /** The month of the leave date (NaN: not leaving). */
  readonly leave: Float64Array;
}

/** The state columns the rules read, for month `monthNo`. */
function fillState(S: StateColumns, used: ReadonlySet<string>, monthNo: number, dated: StateDates, ladder: LadderState): void {
  const n = S.active.length;
  // tenure and cs_tenure: full months, to the day, as of the 1st of this month (hired 04-14: 2 in July, 3 in August).
  // employment_month: the calendar month of employment (the hire month is 1). months_in_tier: full months in the tier
  // by the end of this month (a tier from 04-01: 3 in June, the month its third month completes).
  if (used.has('tenure')) for (let i = 0; i < n; i++) S.tenure[i] = monthNo - dated.hireFull[i]!;
  if (used.has('employment_month')) for (let i = 0; i < n; i++) S.employment_month[i] = monthNo - dated.hire[i]! + 1;
  if (used.has('cs_tenure')) for (let i = 0; i < n; i++) S.cs_tenure[i] = monthNo - dated.cs[i]!;
  if (used.has('months_in_tier')) for (let i = 0; i < n; i++) S.months_in_tier[i] = monthNo - ladder.tierStart[i]! + 1;
  if (used.has('regular') || used.has('probation')) {
    for (let i = 0; i < n; i++) {
      const regular = dated.regular[i]! <= monthNo;
      S.regular[i] = regular ? 1 : 0;
      S.probation[i] = regular ? 0 : 1;
    }
  }
  if (used.has('age')) for (let i = 0; i < n; i++) S.age[i] = Math.floor((monthNo - dated.birth[i]!) / 12);
  if (used.has('month_of_year')) S.month_of_year.fill((monthNo % 12) + 1);
  if (used.has('leaves_this_month')) for (let i = 0; i < n; i++) S.leaves_this_month[i] = dated.leave[i] === monthNo ? 1 : 0;
  if (used.has('month_start')) S.month_start.fill(firstDayOf(monthNo));
  if (used.has('month_end')) S.month_end.fill(firstDayOf(monthNo + 1) - 1);
}

/** Cumulative months in each tier, counting this month for everyone present. */
function countMonthsInTier(MI: readonly Float64Array[], tier: Float64Array, present: Uint8Array): void {
  for (let i = 0; i < tier.length; i++) {
    const t = tier[i]!;
    if (present[i] && t === t && MI[t]) MI[t]![i]! += 1;
  }
}

/** The new rating is everyone's base star, where one was given. */
function takeRated(rated: Float64Array, ladder: LadderState): void {
  const base = ladder.baseStar;
  for (let i = 0; i < rated.length; i++) if (rated[i] === rated[i]) base[i] = rated[i]!;
  ladder.baseChanged = true;
}

/** Everyone present whose effective star differs takes it; whether anyone's star moved. */
const RATED: Change['rule'] = { by: 'rating' };
const OVERRIDDEN: Change['rule'] = { by: 'override' };

function moveStars(star: Float64Array, effective: Float64Array, present: Uint8Array, changes: Change[], rule: Change['rule']): boolean {
  let moved = false;
  for (let i = 0; i < star.length; i++) {
    const before = star[i]!;
    const after = effective[i]!;
    if (!present[i] || after !== after || after === before) continue;
    changes.push({ person: i, kind: 'star', from: before === before ? starText(before) : '', to: starText(after), rule });
    star[i] = after;
    moved = true;
  }
  return moved;
}

/** The kinds of event a run of `ruleSet` reads: those whose count, sources, amount or latest month a rule reads
 * (under the kind or the kind narrowed to a source), and recorded manual tier moves. Others need not be in its
 * population. */
export function eventKindsRead(ruleSet: RuleSet): ReadonlySet<string> {
  // Manual moves and amounts checked against the tier held are read even where no formula reads them.
  const read = new Set<string>([...MANUAL_MOVE_KINDS, ...ruleSet.eventAmountByTier.keys()]);
  ruleSet.eventKinds.forEach((k, i) => {
    if ([0, 1, 2].some((f) => ruleSet.eventColumnsUsed.has(i * 3 + f)) || ruleSet.eventLatestUsed.has(i)) read.add(k.split('\u0000')[0]!);
  });
  return read;
}

/**
 * Each month's events as per-person columns: EV[kind * 3 + f], f = 0 count, 1 distinct sources, 2 amount, and the
 * latest month of each kind (EVL). Kinds without events share one zero column; a column is made when its first event
 * comes. Only the aggregates the rules read are kept.
 */
class EventColumns {
  private readonly zeros: Float64Array;
  private readonly kindIndex: Map<string, number>;
  /** Kinds narrowed to a source (title.优秀客服 is kept as title\u0000优秀客服): kind → source → index. */
  private readonly narrowed = new Map<string, Map<string, number>>();
  /** 1 where the rules read the column. */
  private readonly used: Uint8Array;
  /** 1 for the kinds whose latest month the rules read. */
  private readonly latest: Uint8Array;
  /** Rules reading events over a window (evWin) read past months' columns, which are then kept; otherwise last
   * month's columns are cleared and used again rather than allocated. */
  private readonly keep: boolean;
  private readonly spare: Float64Array[] = [];
  private readonly made: Float64Array[] = [];
  private readonly sourcesSeen = new Map<number, Set<string>>();
  private ev: Float64Array[] = [];

  constructor(private readonly ruleSet: RuleSet, private readonly n: number, private readonly EVL: readonly Float64Array[], private readonly pool: ColumnPool) {
    const kinds = ruleSet.eventKinds;
    this.zeros = pool.zeros(n);
    this.kindIndex = new Map(kinds.map((k, i) => [k, i]));
    kinds.forEach((k, i) => {
      const at = k.indexOf('\u0000');
      if (at < 0) return;
      const kind = k.slice(0, at);
      if (!this.narrowed.has(kind)) this.narrowed.set(kind, new Map());
      this.narrowed.get(kind)!.set(k.slice(at + 1), i);
    });
    this.used = new Uint8Array(kinds.length * 3);
    for (const c of ruleSet.eventColumnsUsed) this.used[c] = 1;
    this.latest = Uint8Array.from(kinds, (_, k) => (ruleSet.eventLatestUsed.has(k) ? 1 : 0));
    this.keep = ruleSet.readsEventWindows;
  }

  private own(c: number): Float64Array {
    const ev = this.ev;
    if (ev[c] !== this.zeros) return ev[c]!;
    const spare = this.keep ? undefined : this.spare[c];
    if (spare) return (ev[c] = spare.fill(0));
    const made = this.pool.zeros(this.n);
    this.made.push(made);
    return (ev[c] = made);
  }

  /** Every column made (for the pool, once the run is done). */
  columns(): Float64Array[] {
    return [this.zeros, ...this.made];
  }

  month(list: readonly PopulationEvent[], m: number): Float64Array[] {
    this.ev = new Array<Float64Array>(this.ruleSet.eventKinds.length * 3).fill(this.zeros);
    this.sourcesSeen.clear();
    for (const e of list) this.add(e, m);
    const ev = this.ev;
    if (!this.keep) ev.forEach((col, c) => { if (col !== this.zeros) this.spare[c] = col; });
    return ev;
  }

  private add(e: PopulationEvent, m: number): void {
    // An event also counts under its kind narrowed to its source (title.优秀客服), when rules read that.
    const bySource = e.source !== undefined && this.narrowed.size ? this.narrowed.get(e.kind)?.get(e.source) : undefined;
    if (bySource !== undefined) {
      this.own(bySource * 3)[e.person]! += e.count;
      this.own(bySource * 3 + 2)[e.person]! += e.amount ?? 0;
      this.own(bySource * 3 + 1)[e.person] = 1;
      if (this.latest[bySource]) this.EVL[bySource]![e.person] = m;
    }
    const k = this.kindIndex.get(e.kind);
    if (k === undefined) return;
    if (this.used[k * 3]) this.own(k * 3)[e.person]! += e.count;
    if (this.used[k * 3 + 2]) this.own(k * 3 + 2)[e.person]! += e.amount ?? 0;
    if (this.used[k * 3 + 1]) {
      // The (kind, person) pair as one number: no text key made per event.
      const key = k * this.n + e.person;
      let seen = this.sourcesSeen.get(key);
      if (!seen) { seen = new Set<string>(); this.sourcesSeen.set(key, seen); }
      if (!seen.has(e.source ?? '')) { seen.add(e.source ?? ''); this.own(k * 3 + 1)[e.person]! += 1; }
    }
    if (this.latest[k]) this.EVL[k]![e.person] = m;
  }
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
  /** What each star quota did at this month's rating (none in other months). */
  readonly quotas: readonly QuotaOutcome[];
  /** What this month's rating decided for each person (rating months only). */
  readonly rating?: RatingDecision;
  /** The star overrides that fired this month. */
  readonly overridesFired?: readonly OverrideFired[];
}

const NO_QUOTAS: readonly QuotaOutcome[] = [];

/** Pay lines rounded with the policy's rule and summed in fen (0 for the absent), into a column of zeros. */
function payTotal(ruleSet: RuleSet, O: readonly Float64Array[], present: Uint8Array, into: Float64Array): Float64Array {
  const lines = ruleSet.outputs.flatMap((slot, k) => (slot.kind === 'payLine' ? [O[k]!] : []));
  return sumLinesFen(lines, present, ruleSet.meta.precision, ruleSet.meta.rounding, into);
}

/** Gives a finished run's columns and its population's inputs to `pool`: for a caller that reads neither again. */
export function giveBackRun(pool: ColumnPool, pop: Population, result: RunResult): void {
  pool.giveBack(result.months.flatMap((m) => [...m.O, m.total, m.tier, m.track, m.star]));
  pool.giveBack(pop.inputs.flat());
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
function groups(teams: Int32Array, teamCount: number, active: Float64Array, scope: 'team' | 'department'): number[][] {
  // Each person's group found by number (their team's, made once a run), not by a text key each month.
  const by: number[][] = Array.from({ length: scope === 'team' ? teamCount : 1 }, () => []);
  for (let i = 0; i < active.length; i++) {
    if (!active[i]) continue;
    by[scope === 'team' ? teams[i]! : 0]!.push(i);
  }
  return by.filter((g) => g.length > 0);
}

/** Each person's team as a number (people without a team share one), and how many there are. */
function teamNumbers(people: readonly Person[]): { teams: Int32Array; count: number } {
  const index = new Map<string, number>();
  const teams = new Int32Array(people.length);
  for (let i = 0; i < people.length; i++) {
    const key = people[i]!.team ?? '';
    let k = index.get(key);
    if (k === undefined) { k = index.size; index.set(key, k); }
    teams[i] = k;
  }
  return { teams, count: index.size };
}

function applyPopulation(op: PopulationOp, H: Float64Array[][], P: Float64Array[], m: number, pop: Population, groupList: readonly number[][], monthNo: number): void {
  const out = P[op.result]!;
  out.fill(NaN);
  // Each operator's kernel, keyed by its name (runtime/population-kernels.ts: one for every PopulationOp['op']).
  const kernel = POPULATION_KERNELS[op.op];
  for (const g of groupList) kernel(op, g, { H, m, monthNo, out, idOf: (i) => pop.people[i]!.id });
}
