// Turns loaded, validated employee data into the columns a rule set runs over: one Float64Array per input per
// month (money in yuan from exact fen, percents as fractions, enums and text as indexes), events by month.

import type { RuleSet } from '../../compiler/codegen/generate.ts';
import { type Population, type PopulationEvent, monthRange } from '../population.ts';
import type { CellValue, EmployeeData } from './load.ts';

export interface MonthSpan {
  readonly from?: string;
  readonly to?: string;
}

export function toPopulation(ruleSet: RuleSet, data: EmployeeData, span: MonthSpan = {}): Population {
  const all = data.months;
  const from = span.from ?? all[0];
  const to = span.to ?? all[all.length - 1];
  const months = from && to ? monthRange(from, to) : [];
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const people = data.employees.map((e) => ({
    id: e.id, hireDate: e.hire_date,
    ...(e.name !== undefined ? { name: e.name } : {}),
    ...(e.team !== undefined ? { team: e.team } : {}),
    ...(e.regular_date !== undefined ? { regularDate: e.regular_date } : {}),
    ...(e.cs_start_date !== undefined ? { csStartDate: e.cs_start_date } : {}),
    ...(e.birth_date !== undefined ? { birthDate: e.birth_date } : {}),
    ...(e.leave_date !== undefined ? { leaveDate: e.leave_date } : {}),
    ...(e.tier !== undefined ? { tier: e.tier } : {}),
    ...(e.track !== undefined ? { track: e.track } : {}),
    ...(e.star !== undefined ? { star: e.star } : {}),
    ...(e.tier_since !== undefined ? { tierSince: e.tier_since } : {}),
  }));
  const personIndex = new Map(data.employees.map((e, i) => [e.id, i]));
  const n = people.length;
  const strings = [...ruleSet.strings];
  const code = (k: number, v: CellValue | undefined): number => {
    if (v === undefined) return NaN;
    const coding = ruleSet.inputCoding[k]!;
    switch (coding.as) {
      case 'money': return typeof v === 'number' ? v / 100 : NaN;
      case 'bool': return v === true ? 1 : 0;
      case 'enum': return coding.values.indexOf(String(v));
      case 'text': {
        const s = String(v);
        let at = strings.indexOf(s);
        if (at < 0) { at = strings.length; strings.push(s); }
        return at;
      }
      default: return typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : NaN;
    }
  };
  const inputs = months.map(() => ruleSet.inputs.map(() => new Float64Array(n).fill(NaN)));
  const present = months.map(() => new Uint8Array(n));
  data.employees.forEach((e, i) => {
    for (const [month, row] of data.monthly.get(e.id) ?? []) {
      const m = monthIndex.get(month);
      if (m === undefined) continue;
      present[m]![i] = 1;
      for (let k = 0; k < ruleSet.inputs.length; k++) {
        // The loader keys values by the input's own name; an alias is tried only when that is absent.
        const inp = ruleSet.inputs[k]!;
        let v = row.values[inp.name] ?? e.values[inp.name];
        if (v === undefined) for (const a of inp.aliases) { v = row.values[a] ?? e.values[a]; if (v !== undefined) break; }
        inputs[m]![k]![i] = code(k, v);
      }
    }
  });
  const events: PopulationEvent[][] = months.map(() => []);
  for (const ev of data.events) {
    const m = monthIndex.get(ev.month);
    const person = personIndex.get(ev.id);
    if (m === undefined || person === undefined) continue;
    events[m]!.push({ person, kind: ev.kind, count: ev.count, ...(ev.amount !== undefined ? { amount: ev.amount } : {}), ...(ev.source !== undefined ? { source: ev.source } : {}) });
  }
  return { months, people, inputs, present, events, strings };
}
