// Turns loaded, validated employee data into the columns a rule set runs over: one Float64Array per input per
// month (money in yuan from exact fen, percents as fractions, enums and text as indexes), events by month.

import { dayNumber } from '../../compiler/codegen/helpers.ts';
import type { RuleSet } from '../../compiler/codegen/generate.ts';
import { ColumnPool } from '../columns.ts';
import { eventKindsRead } from '../run.ts';
import { MANUAL_MOVE_KINDS } from '../state.ts';
import { type Person, type Population, type PopulationEvent, monthRange } from '../population.ts';
import { type CellValue, type EmployeeData, cellValue } from './load.ts';

export interface MonthSpan {
  readonly from?: string;
  readonly to?: string;
}

/** `pool`: where the input columns come from (ladder compare, scheme after scheme: see columns.ts). */
export function toPopulation(ruleSet: RuleSet, data: EmployeeData, span: MonthSpan = {}, pool: ColumnPool = new ColumnPool()): Population {
  const all = data.months;
  const from = span.from ?? all[0];
  const to = span.to ?? all[all.length - 1];
  const months = from && to ? monthRange(from, to) : [];
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const people = data.employees.map((e) => {
    // Only the fields the employee has (no key with undefined): set one by one rather than spread from a temporary
    // object each (toPopulation runs once per scheme, mostly before V8 optimizes it).
    const p: { -readonly [K in keyof Person]: Person[K] } = { id: e.id, hireDate: e.hire_date };
    if (e.name !== undefined) p.name = e.name;
    if (e.team !== undefined) p.team = e.team;
    if (e.regular_date !== undefined) p.regularDate = e.regular_date;
    if (e.cs_start_date !== undefined) p.csStartDate = e.cs_start_date;
    if (e.birth_date !== undefined) p.birthDate = e.birth_date;
    if (e.leave_date !== undefined) p.leaveDate = e.leave_date;
    if (e.tier !== undefined) p.tier = e.tier;
    if (e.track !== undefined) p.track = e.track;
    if (e.star !== undefined) p.star = e.star;
    if (e.tier_since !== undefined) p.tierSince = e.tier_since;
    return p;
  });
  const n = people.length;
  const strings = [...ruleSet.strings];
  // Each text's first place in the dictionary (what indexOf would find), without searching it for every cell.
  const stringIndex = new Map<string, number>();
  strings.forEach((t, i) => { if (!stringIndex.has(t)) stringIndex.set(t, i); });
  const code = (k: number, raw: CellValue | undefined): number => {
    if (raw === undefined) return NaN;
    const coding = ruleSet.inputCoding[k]!;
    // A word of the data that stands for one of the policy's values (value_aliases) is read as that value.
    const v = typeof raw === 'string' ? ruleSet.inputs[k]!.valueAliases?.get(raw) ?? raw : raw;
    switch (coding.as) {
      case 'money': return typeof v === 'number' ? v / 100 : NaN;
      case 'bool': return v === true ? 1 : 0;
      case 'enum': return coding.values.indexOf(String(v));
      case 'date': return dayNumber(String(v));
      case 'text': {
        const s = String(v);
        let at = stringIndex.get(s);
        if (at === undefined) { at = strings.length; strings.push(s); stringIndex.set(s, at); }
        return at;
      }
      default: return typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : NaN;
    }
  };
  const inputs = months.map(() => ruleSet.inputs.map(() => pool.filled(n, NaN)));
  const present = months.map(() => new Uint8Array(n));
  // Each accepted monthly row: its person and month, found once.
  const rows = data.monthlyColumns;
  // Each accepted monthly row's month index and person (-1: outside the months computed, or nobody's).
  const rowMonth = new Int32Array(rows.index.length);
  const rowPerson = new Int32Array(rows.index.length);
  // Rows come month by month (or person by person): the month of the row before is usually this row's too. This
  // one-entry cache of month text → month index serves the events loop below as well.
  let lastMonth: string | undefined;
  let lastM: number | undefined;
  for (let k = 0; k < rows.index.length; k++) {
    const text = rows.months[rows.index[k]!];
    if (text !== lastMonth) { lastMonth = text; lastM = text === undefined ? undefined : monthIndex.get(text); }
    const m = lastM;
    // The loader's person for the row: its index in data.employees, -1 for an id without an accepted employee row.
    const person = rows.persons[k]!;
    if (m === undefined || person < 0) { rowMonth[k] = -1; continue; }
    present[m]![person] = 1;
    rowMonth[k] = m;
    rowPerson[k] = person;
  }
  const rowIndex = rows.index;
  for (let k = 0; k < ruleSet.inputs.length; k++) {
    // The loader keys values by the input's own name; an alias is tried only when that is absent, and the monthly
    // row before the employee's own row.
    const inp = ruleSet.inputs[k]!;
    const sources = [inp.name, ...inp.aliases].map((name) => ({ name, monthly: rows.columns.get(name) }));
    const coding = ruleSet.inputCoding[k]!;
    // A number column read as money or a number, with the value there: the common case, one division at most.
    const first = sources[0]!.monthly;
    const plain = first?.kind === 'number' && (coding.as === 'money' || coding.as === 'number') ? first.at : undefined;
    const scale = coding.as === 'money' ? 100 : 1;
    const out = inputs.map((cols) => cols[k]!);
    // An input no monthly column gives (post_wage from the employees table): each person's value coded once.
    let perPerson: Float64Array | undefined;
    if (sources.every((x) => !x.monthly)) {
      perPerson = new Float64Array(n).fill(NaN);
      const done = new Uint8Array(n);
      for (let j = 0; j < rowMonth.length; j++) {
        if (rowMonth[j]! < 0) continue;
        const person = rowPerson[j]!;
        if (!done[person]) {
          done[person] = 1;
          let v: CellValue | undefined;
          for (const x of sources) if ((v = data.employees[person]!.values[x.name]) !== undefined) break;
          perPerson[person] = code(k, v);
        }
        out[rowMonth[j]!]![person] = perPerson[person]!;
      }
      continue;
    }
    fillInput(rowMonth, rowPerson, rowIndex, out, plain, scale, (r, person) => {
      let v: CellValue | undefined;
      for (const x of sources) {
        v = (x.monthly && cellValue(x.monthly, r)) ?? data.employees[person]!.values[x.name];
        if (v !== undefined) break;
      }
      return code(k, v);
    });
  }
  const events: PopulationEvent[][] = months.map(() => []);
  // Only the kinds the rules read: a scheme's population does not carry every event of a shared events table.
  const read = eventKindsRead(ruleSet);
  const ev = data.eventColumns;
  const [count, amount, source] = ['count', 'amount', 'source'].map((name) => ev.columns.get(name));
  for (let k = 0; k < ev.kinds.length; k++) {
    const kind = ev.kinds[k]!;
    const person = ev.persons[k]!;
    if (person < 0 || !read.has(kind)) continue;
    const r = ev.index[k]!;
    const month = ev.months[r];
    if (month !== lastMonth) { lastMonth = month; lastM = month === undefined ? undefined : monthIndex.get(month); }
    const m = lastM;
    if (m === undefined) continue;
    // One shape for every event (undefined where it has no amount or source), made in one step.
    events[m]!.push({
      person, kind, count: (count && cellValue(count, r) as number | undefined) ?? 1,
      amount: amount && cellValue(amount, r) as number | undefined, source: source && cellValue(source, r) as string | undefined,
      // Manual moves and amounts whose range depends on the tier are checked during the run, a refused one at its row.
      place: MANUAL_MOVE_KINDS.has(kind) || ruleSet.eventAmountByTier.has(kind) ? ev.place(k) : undefined,
    });
  }
  return { months, people, inputs, present, events, strings };
}

/**
 * One input's cell of every accepted monthly row (in month rowMonth[j], of person rowPerson[j], at row rowIndex[j] of
 * the columns; a month of -1: not computed): a plain number column's value directly (divided by `scale`: fen → yuan),
 * any other through `other`. Its own small function, which V8 optimizes early: toPopulation runs once per scheme.
 */
function fillInput(rowMonth: Int32Array, rowPerson: Int32Array, rowIndex: Int32Array, out: readonly Float64Array[], plain: Float64Array | undefined, scale: number, other: (r: number, person: number) => number): void {
  for (let j = 0; j < rowMonth.length; j++) {
    const m = rowMonth[j]!;
    if (m < 0) continue;
    const r = rowIndex[j]!;
    const person = rowPerson[j]!;
    const x = plain ? plain[r]! : NaN;
    out[m]![person] = x === x ? (scale === 1 ? x : x / scale) : other(r, person);
  }
}
