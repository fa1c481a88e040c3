// Evaluates one person's month: the compiled rule set run over a population of one person and one month. This is
// what `ladder test` runs for the examples written in a policy.

import { causeText } from './run-problems.ts';
import type { RuleSet } from '../compiler/codegen/generate.ts';
import { type Population, monthNumber, monthText } from './population.ts';
import { type PayLineResult, run } from './run.ts';

export interface MonthEvent {
  readonly kind: string;
  readonly count?: number;
  readonly amount?: number;
  readonly source?: string;
}

export interface MonthState {
  readonly tier?: string;
  readonly track?: string;
  readonly star?: number;
  /** Months since hire (0 in the hire month). */
  readonly tenure?: number;
  readonly monthsInTier?: number;
  readonly regular?: boolean;
  /** Leaves this month: a leave date on the month's 15th (unless leaveDate says the day). */
  readonly leavesThisMonth?: boolean;
  /** YYYY-MM-DD: the hire date (else `tenure` months before the month, on the 1st) and the leave date. */
  readonly hireDate?: string;
  readonly leaveDate?: string;
}

export interface MonthCase {
  readonly month?: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly state: MonthState;
  readonly events: readonly MonthEvent[];
}

export interface MonthResult {
  readonly pay: { readonly total: string; readonly lines: readonly PayLineResult[] };
  /** Every output by name: values, bands, flags, score sheets, deduction totals. */
  readonly values: ReadonlyMap<string, unknown>;
  readonly flags: readonly string[];
  /** Pay lines that could not be computed, and why (run-problems.ts). */
  readonly problems: readonly { readonly line: string; readonly zh: string; readonly en: string }[];
}

/** Reads one input value as the rule set codes it; strings are interned into `strings`. */
export function codeInput(ruleSet: RuleSet, k: number, raw: unknown, strings: string[]): number {
  const input = ruleSet.inputs[k]!;
  const coding = ruleSet.inputCoding[k]!;
  if (raw === undefined || raw === null || raw === '') return input.type.k === 'num' ? 0 : NaN;
  switch (coding.as) {
    case 'enum': return coding.values.indexOf(String(raw).normalize('NFKC').trim());
    case 'bool': return raw === true || raw === 'true' || raw === '是' || raw === 1 ? 1 : 0;
    case 'text': {
      const s = String(raw);
      let at = strings.indexOf(s);
      if (at < 0) { at = strings.length; strings.push(s); }
      return at;
    }
    default: {
      if (typeof raw === 'number') return raw;
      const text = String(raw).normalize('NFKC').replace(/[,¥元\s]/g, '');
      if (input.type.k === 'num' && input.type.unit === 'percent' && text.endsWith('%')) return Number(text.slice(0, -1)) / 100;
      return Number(text);
    }
  }
}

export function evaluateMonth(ruleSet: RuleSet, c: MonthCase): MonthResult {
  const month = c.month ?? '2026-01';
  const m = monthNumber(month);
  const tenure = c.state.tenure ?? 12;
  const hire = c.state.hireDate ?? `${monthText(m - tenure)}-01`;
  const leave = c.state.leaveDate ?? (c.state.leavesThisMonth ? `${month}-15` : undefined);
  const strings = [...ruleSet.strings];
  const inputs = ruleSet.inputs.map((inp, k) => {
    const key = [inp.name, ...inp.aliases].find((name) => Object.hasOwn(c.inputs, name));
    return Float64Array.of(codeInput(ruleSet, k, key === undefined ? undefined : c.inputs[key], strings));
  });
  const pop: Population = {
    months: [month],
    people: [{
      id: 'test', hireDate: hire,
      ...(c.state.regular ?? true ? { regularDate: hire } : {}),
      ...(leave !== undefined ? { leaveDate: leave } : {}),
      ...(c.state.tier !== undefined ? { tier: c.state.tier } : {}),
      ...(c.state.track !== undefined ? { track: c.state.track } : {}),
      ...(c.state.star !== undefined ? { star: c.state.star } : {}),
      // months_in_tier counts this month (a tier since the 1st of month m − N + 1 has N full months by its end).
      tierSince: `${monthText(c.state.monthsInTier !== undefined ? m - c.state.monthsInTier + 1 : m - tenure)}-01`,
    }],
    inputs: [inputs],
    present: [Uint8Array.of(1)],
    events: [c.events.map((e) => ({ person: 0, kind: e.kind, count: e.count ?? 1, ...(e.amount !== undefined ? { amount: e.amount } : {}), ...(e.source !== undefined ? { source: e.source } : {}) }))],
    strings,
  };
  const result = run(ruleSet, pop);
  const row = result.rows[0]!;
  const problems = result.problems.map((p) => ({ line: p.line, ...causeText(ruleSet, p.cause) }));
  return { pay: row.pay, values: new Map(Object.entries(row.values)), flags: row.flags, problems };
}
