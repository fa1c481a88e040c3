// The rule set as data: what each stage computes for a person in a month, line by line, as lowered expressions over
// numbered columns. Lowering (compiler/codegen/generate.ts) makes it from the checked model; the JavaScript printer
// (compiler/codegen/print.ts) turns it into stage functions; the runtime reads what the rules use from it (which
// state, which event columns) and explain evaluates the same lines for one person. Nothing reads generated source.

/** State columns the rules can read (the runtime fills only those read). */
export const STATE_NAMES = [
  'tier', 'track', 'star', 'tenure', 'cs_tenure', 'months_in_tier', 'employment_month', 'regular', 'probation', 'age', 'month_of_year', 'leaves_this_month',
  // Dates, as day numbers (days since 1970-01-01; NaN where the employees table has none): the person's own, and this
  // month's first and last day.
  'hire_date', 'regular_date', 'leave_date', 'cs_start_date', 'birth_date', 'month_start', 'month_end',
] as const;
export type StateName = (typeof STATE_NAMES)[number];

/** A window of months, relative to the month computed: the last N months, this/last quarter, this/last year. */
export type WindowSpec = { readonly kind: 'months'; readonly n: number } | { readonly kind: 'quarter' | 'last_quarter' | 'year' | 'last_year' | 'ever' };

/** A number for one person in the month computed, as a lowered expression. Every value is a number: money in yuan,
 * yes/no as 1/0 (NaN: unknown), tiers, tracks, enum and text values as indexes. `src` numbers the policy expression a
 * node was lowered from (Plan.exprIds): explanations show each source expression with the value its node came to. */
export type Lowered = LoweredNode & { readonly src?: number };

type LoweredNode =
  | { readonly op: 'num'; readonly value: number }
  /** One of the person's columns this month. */
  | { readonly op: 'read'; readonly read: ColumnRead }
  | { readonly op: 'neg'; readonly x: Lowered }
  /** 1 where x is 0 or NaN, else 0. */
  | { readonly op: 'not'; readonly x: Lowered }
  /** 1 where x is neither 0 nor NaN, else 0: a condition as a yes/no column. */
  | { readonly op: 'truth'; readonly x: Lowered }
  | { readonly op: 'arith'; readonly fn: '+' | '-' | '*' | '/'; readonly a: Lowered; readonly b: Lowered }
  /** Both sides always evaluated: bitwise & and | of 1/0 values. */
  | { readonly op: 'logic'; readonly fn: '&' | '|'; readonly a: Lowered; readonly b: Lowered }
  /** 1 or 0. Tiers compare by their level on the ladder (`levels`). */
  | { readonly op: 'compare'; readonly fn: '===' | '!==' | '<' | '<=' | '>' | '>='; readonly a: Lowered; readonly b: Lowered }
  /** A tier's level: its position on its path. */
  | { readonly op: 'tierLevel'; readonly x: Lowered }
  | { readonly op: 'cond'; readonly test: Lowered; readonly then: Lowered; readonly else: Lowered }
  /** a + b + … left to right (an empty sum is 0). */
  | { readonly op: 'sum'; readonly terms: readonly Lowered[] }
  | { readonly op: 'math'; readonly fn: 'min' | 'max' | 'floor' | 'ceil' | 'abs'; readonly args: readonly Lowered[] }
  | { readonly op: 'round'; readonly x: Lowered; readonly digits: Lowered }
  /** 1 when x lies in [lo, hi] with the ends closed or open as said. */
  | { readonly op: 'within'; readonly loClosed: boolean; readonly hiClosed: boolean; readonly x: Lowered; readonly lo: Lowered; readonly hi: Lowered }
  /** A table's cell for this month's version, by key (NaN where no row). */
  | { readonly op: 'table'; readonly table: number; readonly key: Lowered }
  /** A dated value's amount in force this month. */
  | { readonly op: 'datedValue'; readonly value: number }
  /** A series over a window of months: mean, sum, min, max, or (for a yes/no) the months it held. */
  | { readonly op: 'history'; readonly fn: 'avg' | 'sum' | 'min' | 'max' | 'count'; readonly series: number; readonly window: number }
  | { readonly op: 'prev'; readonly series: number; readonly back: Lowered }
  | { readonly op: 'streak'; readonly series: number }
  /** Cumulative months in a tier (0 for a tier that is no index). */
  | { readonly op: 'monthsIn'; readonly tier: Lowered }
  /** An event aggregate column summed over a window. */
  | { readonly op: 'eventWindow'; readonly column: number; readonly window: number }
  /** Months since the latest event of any of these kinds (Infinity if none). */
  | { readonly op: 'monthsSince'; readonly kinds: readonly number[] }
  /** Calendar arithmetic on day numbers (compiler/codegen/helpers.ts): a date moved by whole months, the full months
   * from one date to another counted to the day, a date's day of the month. */
  | { readonly op: 'calendar'; readonly fn: CalendarFn; readonly args: readonly Lowered[] };

export type CalendarFn = 'addMonths' | 'fullMonths' | 'dayOfMonth';

export type ColumnRead =
  | { readonly from: 'input'; readonly index: number }
  /** An output slot (a value, band, flag, pay line … of this stage or an earlier one). */
  | { readonly from: 'output'; readonly slot: number }
  /** A temporary of this stage's loop. */
  | { readonly from: 'temp'; readonly temp: number }
  | { readonly from: 'state'; readonly name: StateName }
  /** Event aggregate column c of this month (kind × 3 + 0 count, 1 sources, 2 amount). */
  | { readonly from: 'event'; readonly column: number }
  /** A population result (rank, top, team mean, award). */
  | { readonly from: 'population'; readonly column: number };

/** What a line assigns. */
export type LineTarget =
  | { readonly to: 'temp'; readonly temp: number }
  /** An output slot, through a local the rest of the stage reads. */
  | { readonly to: 'output'; readonly slot: number }
  /** This month's cell of a series (for history reads or ranking). */
  | { readonly to: 'series'; readonly series: number };

export interface PlanLine {
  readonly target: LineTarget;
  readonly expr: Lowered;
  /** A star-rating formula: computed only in the months stars are re-rated. */
  readonly ratingOnly: boolean;
}

/** A table's cells, indexed by key (tier, track, star or enum index), one array per dated version. */
export interface PlanTable {
  /** The table's name in the policy (for explanations and messages; never printed into code). */
  readonly name: string;
  /** What each cell's index stands for (a tier, a track, an enum value; a star is its own index). */
  readonly keys: readonly string[];
  readonly versions: readonly (readonly number[])[];
  /** A table by number (`by: number`): a key without a row can also be met with cap_at_top or otherwise. */
  readonly byNumber?: boolean;
}

/** Everything a stage reads, named as the columns are. */
export interface LineReads {
  readonly outputs: readonly number[];
  readonly temps: readonly number[];
  readonly inputs: readonly number[];
  readonly states: readonly StateName[];
  readonly events: readonly number[];
  readonly eventWindows: readonly number[];
  readonly eventLatest: readonly number[];
  readonly population: readonly number[];
  /** Series read over months (history, prev, streak). */
  readonly series: readonly number[];
  readonly tables: readonly number[];
  readonly datedValues: readonly number[];
  readonly monthsIn: boolean;
  readonly tierLevels: boolean;
}

/** Calls f on every node of a lowered expression, children first, left to right (evaluation order). */
export function walkLowered(e: Lowered, f: (e: Lowered) => void): void {
  switch (e.op) {
    case 'num': case 'read': case 'datedValue': case 'history': case 'streak': case 'eventWindow': case 'monthsSince': break;
    case 'neg': case 'not': case 'truth': case 'tierLevel': walkLowered(e.x, f); break;
    case 'arith': case 'logic': case 'compare': walkLowered(e.a, f); walkLowered(e.b, f); break;
    case 'cond': walkLowered(e.test, f); walkLowered(e.then, f); walkLowered(e.else, f); break;
    case 'sum': for (const t of e.terms) walkLowered(t, f); break;
    case 'math': case 'calendar': for (const a of e.args) walkLowered(a, f); break;
    case 'round': walkLowered(e.x, f); walkLowered(e.digits, f); break;
    case 'within': walkLowered(e.x, f); walkLowered(e.lo, f); walkLowered(e.hi, f); break;
    case 'table': walkLowered(e.key, f); break;
    case 'prev': walkLowered(e.back, f); break;
    case 'monthsIn': walkLowered(e.tier, f); break;
  }
  f(e);
}

/** What a list of lines reads, each column once, in first-read order. */
export function readsOf(lines: readonly PlanLine[]): LineReads {
  const sets = {
    outputs: new Set<number>(), temps: new Set<number>(), inputs: new Set<number>(), states: new Set<StateName>(),
    events: new Set<number>(), eventWindows: new Set<number>(), eventLatest: new Set<number>(), population: new Set<number>(),
    series: new Set<number>(), tables: new Set<number>(), datedValues: new Set<number>(),
  };
  let monthsIn = false;
  let tierLevels = false;
  const visit = (e: Lowered) => {
    switch (e.op) {
      case 'read': {
        const r = e.read;
        switch (r.from) {
          case 'input': sets.inputs.add(r.index); break;
          case 'output': sets.outputs.add(r.slot); break;
          case 'temp': sets.temps.add(r.temp); break;
          case 'state': sets.states.add(r.name); break;
          case 'event': sets.events.add(r.column); break;
          case 'population': sets.population.add(r.column); break;
        }
        break;
      }
      case 'history': case 'streak': sets.series.add(e.series); break;
      case 'prev': sets.series.add(e.series); break;
      case 'eventWindow': sets.eventWindows.add(e.column); break;
      case 'monthsSince': for (const k of e.kinds) sets.eventLatest.add(k); break;
      case 'table': sets.tables.add(e.table); break;
      case 'datedValue': sets.datedValues.add(e.value); break;
      case 'monthsIn': monthsIn = true; break;
      case 'tierLevel': tierLevels = true; break;
      default: break;
    }
  };
  for (const l of lines) walkLowered(l.expr, visit);
  return {
    outputs: [...sets.outputs], temps: [...sets.temps], inputs: [...sets.inputs], states: [...sets.states], events: [...sets.events],
    eventWindows: [...sets.eventWindows], eventLatest: [...sets.eventLatest], population: [...sets.population], series: [...sets.series],
    tables: [...sets.tables], datedValues: [...sets.datedValues], monthsIn, tierLevels,
  };
}
