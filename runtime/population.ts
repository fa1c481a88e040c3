// The population a rule set runs over, held as columns: one Float64Array per input per month, events grouped by
// month. Built from loaded employee data (or directly, in tests); months are consecutive YYYY-MM strings.

export interface Person {
  readonly id: string;
  readonly name?: string;
  readonly team?: string;
  /** YYYY-MM-DD. */
  readonly hireDate: string;
  readonly regularDate?: string;
  readonly csStartDate?: string;
  readonly birthDate?: string;
  readonly leaveDate?: string;
  /** Tier, track and star at the start of the data. */
  readonly tier?: string;
  readonly track?: string;
  readonly star?: number;
  readonly tierSince?: string;
}

export interface PopulationEvent {
  readonly person: number;
  readonly kind: string;
  readonly count: number;
  readonly amount?: number;
  readonly source?: string;
  /** Where the event was read (file, sheet, row): a manual move the policy does not accept is reported there. */
  readonly place?: { readonly file: string; readonly sheet?: string; readonly row: number };
}

export interface Population {
  readonly months: readonly string[];
  readonly people: readonly Person[];
  /** inputs[month][input][person], in the rule set's input order, coded as the rule set says; NaN where absent. */
  readonly inputs: readonly (readonly Float64Array[])[];
  /** present[month][person] = 1 where the person has a monthly row. */
  readonly present: readonly Uint8Array[];
  readonly events: readonly (readonly PopulationEvent[])[];
  /** The text dictionary text inputs are coded against: the rule set's strings, then the data's own. */
  readonly strings?: readonly string[];
}

/**
 * The first month a date's full months are counted from: its own month when it is the 1st (or has no day), else the
 * next. Full months from a date to the first day of month M are M − this (hired 04-14: 2 on 07-01, 3 on 08-01).
 */
export function fullMonthStart(text: string): number {
  const day = text.length >= 10 ? Number(text.slice(8, 10)) : 1;
  return monthNumber(text) + (day > 1 ? 1 : 0);
}

/** Month index of a YYYY-MM(-DD) text counted from year 0, so differences are month counts. */
export function monthNumber(text: string): number {
  // Read for every person and date of a run: digits are read in place; anything else as Number() reads it.
  const d = (k: number) => text.charCodeAt(k) - 48;
  const y0 = d(0), y1 = d(1), y2 = d(2), y3 = d(3), m0 = d(5), m1 = d(6);
  if (text.length >= 7 && (y0 | y1 | y2 | y3 | m0 | m1) >= 0 && Math.max(y0, y1, y2, y3, m0, m1) <= 9) {
    return (y0 * 1000 + y1 * 100 + y2 * 10 + y3) * 12 + m0 * 10 + m1 - 1;
  }
  return Number(text.slice(0, 4)) * 12 + Number(text.slice(5, 7)) - 1;
}

export function monthText(n: number): string {
  return `${String(Math.floor(n / 12)).padStart(4, '0')}-${String((n % 12) + 1).padStart(2, '0')}`;
}

/** Consecutive months from `from` to `to`, both YYYY-MM, inclusive. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let n = monthNumber(from); n <= monthNumber(to); n++) out.push(monthText(n));
  return out;
}
