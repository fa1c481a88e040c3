// The plan evaluated for one person in one month, recording every step: the same lowered lines the stages were
// printed from, over the same columns, with the same helpers. Explanations and run errors read this trace; they
// never work a month out a second way.

import { type Lowered, type PlanLine } from '../compiler/plan/plan.ts';
import type { RuleSet, StageArgs } from '../compiler/codegen/generate.ts';
import { addMonths, ceilX, dayOfMonth, evWin, floorX, fullMonths, hAvg, hCount, hSum, hMax, hMin, hPrev, hStreak, roundTo, withinCC, withinCO, withinOC, withinOO } from '../compiler/codegen/helpers.ts';

/** One step of an evaluation: the lowered node, the number it came to, the steps it took (a branch not taken is not
 * among them), and, for a read of another line's result or a temporary, that line's own trace. */
export interface Trace {
  readonly node: Lowered;
  readonly value: number;
  readonly children: readonly Trace[];
  readonly line?: Trace;
}

/** Where each output slot and temporary is computed: its line and stage. Made once per rule set. */
interface LineIndex {
  readonly outputs: ReadonlyMap<number, PlanLine>;
  readonly temps: ReadonlyMap<number, PlanLine>;
  readonly datedSlot: ReadonlyMap<string, number>;
}

const indexes = new WeakMap<RuleSet, LineIndex>();

function lineIndex(ruleSet: RuleSet): LineIndex {
  let x = indexes.get(ruleSet);
  if (!x) {
    const outputs = new Map<number, PlanLine>();
    const temps = new Map<number, PlanLine>();
    for (const lines of ruleSet.plan.stages) {
      for (const l of lines) {
        if (l.target.to === 'output') outputs.set(l.target.slot, l);
        else if (l.target.to === 'temp') temps.set(l.target.temp, l);
      }
    }
    const datedSlot = new Map(ruleSet.plan.dated.map((d, slot) => [`${d.kind}:${d.index}`, slot]));
    x = { outputs, temps, datedSlot };
    indexes.set(ruleSet, x);
  }
  return x;
}

/** The line that computes output slot k (undefined for a slot no line computes). */
export function lineOfOutput(ruleSet: RuleSet, slot: number): PlanLine | undefined {
  return lineIndex(ruleSet).outputs.get(slot);
}

/**
 * Evaluates `line` for person i with the month's columns `a` (as the stages left them). Reads of other lines' results
 * take the value in their column and, when `follow` says so, carry that line's own trace.
 */
export function traceLine(ruleSet: RuleSet, a: StageArgs, i: number, line: PlanLine, follow: (slot: number) => boolean = () => false): Trace {
  const index = lineIndex(ruleSet);
  const W = a.W;
  const version = (kind: 'table' | 'value', k: number) => { const slot = index.datedSlot.get(`${kind}:${k}`); return slot === undefined ? 0 : a.TV[slot]!; };
  const ev = (node: Lowered): Trace => {
    const leaf = (value: number): Trace => ({ node, value, children: [] });
    const of = (value: number, ...children: Trace[]): Trace => ({ node, value, children });
    switch (node.op) {
      case 'num': return leaf(node.value);
      case 'read': {
        const r = node.read;
        switch (r.from) {
          case 'input': return leaf(a.I[r.index]![i]!);
          case 'state': return leaf(a.S[r.name][i]!);
          case 'event': return leaf(a.EV[a.m]![r.column]![i]!);
          case 'population': return leaf(a.P[r.column]![i]!);
          case 'temp': {
            // A temporary is its line's value: evaluated again (the same columns give the same number).
            const t = index.temps.get(r.temp)!;
            const inner = ev(t.expr);
            return { node, value: inner.value, children: [], line: inner };
          }
          case 'output': {
            const value = a.O[r.slot]![i]!;
            const l = follow(r.slot) ? index.outputs.get(r.slot) : undefined;
            return l ? { node, value, children: [], line: ev(l.expr) } : leaf(value);
          }
        }
        break;
      }
      case 'neg': { const x = ev(node.x); return of(-x.value, x); }
      case 'not': { const x = ev(node.x); return of(!x.value ? 1 : 0, x); }
      case 'truth': { const x = ev(node.x); return of(x.value ? 1 : 0, x); }
      case 'arith': {
        const x = ev(node.a);
        const y = ev(node.b);
        const v = node.fn === '+' ? x.value + y.value : node.fn === '-' ? x.value - y.value : node.fn === '*' ? x.value * y.value : x.value / y.value;
        return of(v, x, y);
      }
      case 'logic': { const x = ev(node.a); const y = ev(node.b); return of(node.fn === '&' ? x.value & y.value : x.value | y.value, x, y); }
      case 'compare': {
        const x = ev(node.a);
        const y = ev(node.b);
        const p = x.value;
        const q = y.value;
        const holds = node.fn === '===' ? p === q : node.fn === '!==' ? p !== q : node.fn === '<' ? p < q : node.fn === '<=' ? p <= q : node.fn === '>' ? p > q : p >= q;
        return of(holds ? 1 : 0, x, y);
      }
      case 'tierLevel': { const x = ev(node.x); return of(ruleSet.plan.tierLevels[x.value] as number, x); }
      case 'cond': {
        const test = ev(node.test);
        const taken = ev(test.value ? node.then : node.else);
        return of(taken.value, test, taken);
      }
      case 'sum': {
        const terms = node.terms.map(ev);
        let s = 0;
        for (const t of terms) s += t.value;
        return of(node.terms.length ? s : 0, ...terms);
      }
      case 'math': {
        const args = node.args.map(ev);
        const xs = args.map((t) => t.value);
        const v = node.fn === 'min' ? Math.min(...xs) : node.fn === 'max' ? Math.max(...xs) : node.fn === 'floor' ? floorX(xs[0]!) : node.fn === 'ceil' ? ceilX(xs[0]!) : Math.abs(xs[0]!);
        return of(v, ...args);
      }
      case 'round': { const x = ev(node.x); const d = ev(node.digits); return of(roundTo(x.value, d.value), x, d); }
      case 'calendar': {
        const args = node.args.map(ev);
        const [x, y] = args.map((t) => t.value) as [number, number];
        return of(node.fn === 'addMonths' ? addMonths(x, y) : node.fn === 'fullMonths' ? fullMonths(x, y) : dayOfMonth(x), ...args);
      }
      case 'within': {
        const x = ev(node.x);
        const lo = ev(node.lo);
        const hi = ev(node.hi);
        const f = node.loClosed ? (node.hiClosed ? withinCC : withinCO) : node.hiClosed ? withinOC : withinOO;
        return of(f(x.value, lo.value, hi.value), x, lo, hi);
      }
      case 'table': {
        const key = ev(node.key);
        const cells = ruleSet.plan.tables.get(node.table)!.versions[version('table', node.table)]!;
        return of((cells as number[])[key.value] ?? NaN, key);
      }
      case 'datedValue': return leaf(ruleSet.plan.datedValues.get(node.value)![version('value', node.value)]!);
      case 'history': {
        const h = a.H[node.series]!;
        const lo = W[2 * node.window]!;
        const hi = W[2 * node.window + 1]!;
        const f = { avg: hAvg, sum: hSum, min: hMin, max: hMax, count: hCount }[node.fn];
        return leaf(f(h, lo, hi, i));
      }
      case 'prev': { const back = ev(node.back); return of(hPrev(a.H[node.series]!, a.m, back.value, i), back); }
      case 'streak': return leaf(hStreak(a.H[node.series]!, a.m, i));
      case 'monthsIn': { const t = ev(node.tier); const col = a.MI[t.value]; return of(col ? col[i]! : 0, t); }
      case 'eventWindow': return leaf(evWin(a.EV, node.column, W[2 * node.window]!, W[2 * node.window + 1]!, i));
      case 'monthsSince': return leaf(a.m - Math.max(...node.kinds.map((k) => a.EVL[k]![i]!), -Infinity));
    }
    throw new Error('evaluate: unknown node');
  };
  return ev(line.expr);
}
