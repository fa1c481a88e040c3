// Evaluates one person's month with a compiled rule set, given that month's inputs, state and events. This is
// what `ladder test` runs: history and population operators need the full runtime, and say so when met.

import type { MonthRuntime, MonthState, RuleSet } from '../compiler/codegen/generate.ts';
import { formatFen, roundHalfUp, roundMoney, toFen } from './money.ts';

export interface MonthEvent {
  readonly kind: string;
  readonly count?: number;
  readonly amount?: number;
  readonly source?: string;
}

export interface MonthCase {
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly state: MonthState;
  readonly events: readonly MonthEvent[];
}

export interface PayLineResult {
  readonly name: string;
  readonly amount: string;
}

export interface MonthResult {
  readonly pay: { readonly total: string; readonly lines: readonly PayLineResult[] };
  /** Every output by name: values, bands, flags, score sheets, deduction totals. */
  readonly values: ReadonlyMap<string, unknown>;
  readonly flags: readonly string[];
}

/** Raised when a rule needs months or people that a single-month evaluation does not have. */
export class NeedsRuntime extends Error {
  constructor(readonly what: 'history' | 'population') {
    super(what === 'history' ? 'this rule reads past months' : 'this rule ranks people against each other');
  }
}

export function evaluateMonth(ruleSet: RuleSet, c: MonthCase): MonthResult {
  const inp = ruleSet.inputs.map((i) => {
    const key = [i.name, ...i.aliases].find((k) => Object.hasOwn(c.inputs, k));
    const raw = key === undefined ? undefined : c.inputs[key];
    if (raw === undefined || raw === null) return i.type.k === 'num' ? 0 : i.type.k === 'bool' ? false : null;
    if (i.type.k === 'num' && i.type.unit === 'percent' && typeof raw === 'string' && raw.trim().endsWith('%')) return Number(raw.trim().slice(0, -1)) / 100;
    if (i.type.k === 'num' && typeof raw === 'string') return Number(raw.replace(/[,¥元\s]/g, ''));
    return raw;
  });
  const events = ruleSet.eventKinds.map((kind) => c.events.filter((e) => e.kind === kind));
  const rt: MonthRuntime = {
    ev(kind, fn, window) {
      if (window !== 'm1') throw new NeedsRuntime('history');
      const list = events[kind] ?? [];
      switch (fn) {
        case 0: return list.reduce((a, e) => a + (e.count ?? 1), 0);
        case 1: return new Set(list.map((e) => e.source ?? '')).size;
        case 2: return list.reduce((a, e) => a + (e.amount ?? 0), 0);
        default: throw new NeedsRuntime('history');
      }
    },
    hist() { throw new NeedsRuntime('history'); },
    pop() { throw new NeedsRuntime('population'); },
    award() { throw new NeedsRuntime('population'); },
    money: (x) => roundMoney(x, ruleSet.meta.precision, ruleSet.meta.rounding),
    round: (x, d) => roundHalfUp(x, d),
  };
  const out = ruleSet.evaluate(rt, inp, c.state);
  const values = new Map<string, unknown>();
  const lines: PayLineResult[] = [];
  const flags: string[] = [];
  let totalFen = 0;
  ruleSet.outputs.forEach((slot, i) => {
    const v = out.v[i];
    values.set(slot.name, v);
    if (slot.kind === 'payLine') {
      const fen = toFen(v as number);
      totalFen += fen;
      lines.push({ name: slot.name, amount: formatFen(fen) });
    }
    if (slot.kind === 'flag' && v === true) flags.push(slot.name);
  });
  return { pay: { total: formatFen(totalFen), lines }, values, flags };
}
