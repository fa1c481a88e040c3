// Reads back the value of any sub-expression of a checked formula for one person and month from a run's columns,
// for explaining: which branch of an `if` a month took, what `avg(score, 上季度)` or `count(旷工)` came to. The run
// computed the pay; this only re-reads what it can (literals, inputs, named results, the star, calendar state,
// arithmetic, comparisons, pure functions, past months, the person's own events, and ranks, tops and team means
// from the same reads of the other people of the scope) and says `undefined` for the rest (text, enums, tiers).
// test/runtime/explain-values.test.ts checks it against the run's own values.

import { literalValue } from '../compiler/check/types.ts';
import type { CheckedFormula } from '../compiler/check/formulas.ts';
import type { RuleSet, ValueCoding, WindowSpec } from '../compiler/codegen/generate.ts';
import type { Expr } from '../compiler/expr/ast.ts';
import { compareNumbers, partialLogic } from '../compiler/expr/partial.ts';
import { type CalendarStateName, calendarState } from './calendar-state.ts';
import { type Population, monthNumber } from './population.ts';
import { placesOf } from './places.ts';
import { type RunResult, windowBounds } from './run.ts';

export type ReadBack = (e: Expr, cf: CheckedFormula, month?: number) => number | boolean | undefined;

/**
 * `others`: whether population reads (rank, top, team_avg) may read the same expression for the other people of
 * the scope (they are read with this off: a rank of a rank is not followed).
 */
/** Each named result's output column, by kind and name: made once per rule set (a population read makes a reader
 * for every person of its scope). */
const slotsOf = new WeakMap<RuleSet, ReadonlyMap<string, number>>();

export function readBack(ruleSet: RuleSet, pop: Population, result: RunResult, person: number, m: number, others = true): ReadBack {
  let slotByName = slotsOf.get(ruleSet);
  if (!slotByName) {
    slotByName = new Map(ruleSet.outputs.map((o, k) => [`${o.kind}:${o.name}`, k]));
    slotsOf.set(ruleSet, slotByName);
  }
  /** A column's value for this person and month as a number or a truth value; undefined for text, enums, tiers. */
  const plain = (coding: ValueCoding, x: number): number | boolean | undefined => {
    if (Number.isNaN(x)) return undefined;
    if (coding.as === 'bool') return x === 1;
    return coding.as === 'number' || coding.as === 'money' ? x : undefined;
  };

  /** The window a period argument names (上季度, 3个月 …), or undefined when the argument is not a period. */
  const windowOf = (e: Expr | undefined, cf: CheckedFormula): WindowSpec | undefined => {
    if (!e) return undefined;
    if (e.kind === 'number' && (e.unit === 'months' || e.unit === 'quarters' || e.unit === 'years')) return { kind: 'months', n: literalValue(e.value, e.unit) };
    const ref = e.kind === 'name' ? cf.refs.get(e.id) : undefined;
    return ref?.kind === 'const' && ref.doc.period ? { kind: ref.doc.period.kind } : undefined;
  };
  const first = monthNumber(pop.months[0]!);
  const monthsOf = (w: WindowSpec, mm: number): number[] => {
    const [a, b] = windowBounds(w, mm, first + mm, first);
    return Array.from({ length: Math.max(0, b - a + 1) }, (_, k) => a + k);
  };
  /** This person's events of a kind (or of a kind from one source: `title\u0000优秀客服`) in some months. */
  const eventsOf = (name: string, months: readonly number[]) => {
    const [kind, source] = name.split('\u0000');
    return months.flatMap((j) => pop.events[j]!.filter((ev) => ev.person === person && ev.kind === kind && (source === undefined || ev.source === source)));
  };

  /**
   * The value of a sub-expression in month `mm`, for choosing which branch of an `if` to show and for showing what
   * a history or event read came to. What can be read back from the run's columns is evaluated (literals, inputs,
   * named results, the star, the person's calendar state, arithmetic, comparisons, pure functions, past months,
   * the person's events, population reads); anything else — text, enums, tiers — is undefined, and then every
   * branch is shown and the read has no value beside it.
   */
  const valueOf = (e: Expr, cf: CheckedFormula, mm = m): number | boolean | undefined => {
    if (mm < 0 || !pop.present[mm]![person]) return undefined;
    const num = (x: Expr, at = mm) => { const v = valueOf(x, cf, at); return typeof v === 'number' ? v : undefined; };
    switch (e.kind) {
      case 'number': return literalValue(e.value, e.unit);
      case 'bool': return e.value;
      case 'percentOf': { const v = num(e.operand); return v === undefined ? undefined : v / 100; }
      case 'unary': {
        const v = valueOf(e.operand, cf, mm);
        return e.op === 'not' ? (typeof v === 'boolean' ? !v : undefined) : typeof v === 'number' ? -v : undefined;
      }
      case 'if': {
        const c = valueOf(e.cond, cf, mm);
        return typeof c === 'boolean' ? valueOf(c ? e.then : e.else, cf, mm) : undefined;
      }
      case 'binary': {
        if (e.op === 'and' || e.op === 'or') {
          const known = (v: number | boolean | undefined) => (typeof v === 'boolean' ? v : undefined);
          return partialLogic(e.op, known(valueOf(e.left, cf, mm)), known(valueOf(e.right, cf, mm)));
        }
        // Tiers order by their level on the ladder (equivalent tiers of other tracks alike), as the run compares them.
        const level = (x: Expr, v: number | boolean | undefined) => (typeof v === 'number' && cf.types.get(x.id)?.k === 'tier' && e.op !== '=' && e.op !== '!=' ? ruleSet.tierLevels[v] : v);
        const a = level(e.left, valueOf(e.left, cf, mm));
        const b = level(e.right, valueOf(e.right, cf, mm));
        if (a === undefined || b === undefined) return undefined;
        if (typeof a === 'boolean' || typeof b === 'boolean') return e.op === '=' ? a === b : e.op === '!=' ? a !== b : undefined;
        switch (e.op) {
          case '+': return a + b;
          case '-': return a - b;
          case '*': return a * b;
          case '/': return b === 0 ? undefined : a / b;
        }
        return compareNumbers(e.op, a, b);
      }
      case 'call': {
        const f = cf.calls.get(e.id);
        if (!f) return undefined;
        const [x, second] = e.args;
        const window = windowOf(second, cf);
        // Over a period: the months of the window in which the person has a row.
        const series = (w: WindowSpec) => monthsOf(w, mm).map((j) => num(x!, j)).filter((v): v is number => v !== undefined);
        switch (f.name) {
          case 'prev': {
            const k = second ? num(second) : 1;
            return x && k !== undefined ? valueOf(x, cf, mm - k) : undefined;
          }
          case 'avg': { const xs = window ? series(window) : []; return xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : undefined; }
          case 'sum': return window ? series(window).reduce((s, v) => s + v, 0) : undefined;
          case 'min': case 'max': {
            if (window) { const xs = series(window); return xs.length ? (f.name === 'min' ? Math.min(...xs) : Math.max(...xs)) : undefined; }
            break;
          }
          case 'streak': {
            let k = 0;
            for (let j = mm; j >= 0 && x && valueOf(x, cf, j) === true; j--) k++;
            return k;
          }
          case 'rank': case 'rank_low': case 'top': case 'team_avg': {
            // As the run ranks: everyone of the scope who has a row this month, each with the argument's value there
            // (people without one have no rank and are not in the top, but count in a top share's size).
            if (!others || !x) return undefined;
            // team_avg's second argument is its scope or, without one, its condition (who counts in the mean).
            const isScope = (a: Expr | undefined) => !!a && cf.types.get(a.id)?.k === 'scope';
            const scopeArg = f.name === 'top' ? e.args[2] : f.name === 'team_avg' && !isScope(e.args[1]) ? undefined : e.args[1];
            const amongArg = f.name === 'team_avg' ? (isScope(e.args[1]) ? e.args[2] : e.args[1]) : undefined;
            const scopeRef = scopeArg && scopeArg.kind === 'name' ? cf.refs.get(scopeArg.id) : undefined;
            const scope = scopeRef?.kind === 'const' && scopeRef.doc.scope ? scopeRef.doc.scope : f.name === 'team_avg' ? 'team' : 'department';
            const team = pop.people[person]!.team ?? '';
            const group: number[] = [];
            for (let q = 0; q < pop.people.length; q++) {
              if (pop.present[mm]![q] && (scope !== 'team' || (pop.people[q]!.team ?? '') === team)) group.push(q);
            }
            const values = group.map((q) => {
              const v = q === person ? valueOf(x, cf, mm) : readBack(ruleSet, pop, result, q, mm, false)(x, cf, mm);
              return typeof v === 'number' ? v : NaN;
            });
            const own = num(x);
            if (f.name === 'team_avg') {
              const counts = (q: number) => !amongArg || (q === person ? valueOf(amongArg, cf, mm) : readBack(ruleSet, pop, result, q, mm, false)(amongArg, cf, mm)) === true;
              const known = values.filter((v, k) => v === v && counts(group[k]!));
              return known.length ? known.reduce((a, v) => a + v, 0) / known.length : undefined;
            }
            if (own === undefined) return f.name === 'top' ? false : undefined;
            const better = values.filter((v) => (f.name === 'rank_low' ? v < own : v > own)).length;
            if (f.name !== 'top') return 1 + better;
            const n = num(second!);
            if (n === undefined) return undefined;
            const share = cf.types.get(second!.id);
            const limit = share?.k === 'num' && share.unit === 'percent' ? placesOf(n, group.length) : n;
            return 1 + better <= limit;
          }
          case 'count': case 'amount': case 'sources': {
            const ref = x && (x.kind === 'name' || x.kind === 'member') ? cf.refs.get(x.id) : undefined;
            const months = window ? monthsOf(window, mm) : [mm];
            if (ref?.kind === 'event') {
              const evs = eventsOf(ref.name, months);
              if (f.name === 'count') return evs.reduce((s, ev) => s + ev.count, 0);
              if (f.name === 'amount') return evs.reduce((s, ev) => s + (ev.amount ?? 0), 0);
              return new Set(evs.map((ev) => ev.source).filter((v) => v !== undefined)).size;
            }
            if (f.name === 'count' && x && ref?.kind !== 'class') return months.filter((j) => valueOf(x, cf, j) === true).length;
            return undefined;
          }
        }
        if (f.kind !== 'pure') return undefined;
        const args = e.args.map((arg) => num(arg));
        if (args.some((v) => v === undefined)) return undefined;
        const xs = args as number[];
        switch (f.name) {
          case 'min': return Math.min(...xs);
          case 'max': return Math.max(...xs);
          case 'abs': return Math.abs(xs[0]!);
          case 'floor': return Math.floor(xs[0]!);
          case 'ceil': return Math.ceil(xs[0]!);
          case 'clamp': return Math.min(Math.max(xs[0]!, xs[1]!), xs[2]!);
          default: return undefined;
        }
      }
      case 'name': case 'member': {
        const ref = cf.refs.get(e.id);
        if (!ref) return undefined;
        const at = result.months[mm]!;
        // Enum values, tiers and tracks are read as the run codes them (their index), so comparisons of them
        // (role = 客服代表, tier >= 高级) evaluate as the run's did; the checker allows nothing else on them.
        const code = (x: number) => (x === x ? x : undefined);
        if (ref.kind === 'input') {
          const k = ruleSet.inputs.findIndex((i) => i.name === ref.decl.name);
          if (k >= 0 && ruleSet.inputCoding[k]!.as === 'enum') return code(pop.inputs[mm]![k]![person]!);
          return k < 0 ? undefined : plain(ruleSet.inputCoding[k]!, pop.inputs[mm]![k]![person]!);
        }
        if (ref.kind === 'enumMember') return ref.type.k === 'enum' ? code(ref.type.values.indexOf(ref.value)) : undefined;
        if (ref.kind === 'tier') return code(ruleSet.tiers.indexOf(ref.name));
        if (ref.kind === 'track') return code(ruleSet.tracks.indexOf(ref.name));
        if (ref.kind === 'state') {
          if (ref.name === 'tier') return code(at.tier[person]!);
          if (ref.name === 'track') return code(at.track[person]!);
          if (ref.name === 'star') return plain({ as: 'number' }, at.star[person]!);
          const v = calendarState(pop.people[person]!, pop.months[mm]!)[ref.name as CalendarStateName];
          return typeof v === 'number' && Number.isNaN(v) ? undefined : v;
        }
        if (ref.kind === 'value' || ref.kind === 'flag' || ref.kind === 'band' || ref.kind === 'payLine' || ref.kind === 'award' || ref.kind === 'adjustments' || ref.kind === 'sheet') {
          const k = slotByName.get(`${ref.kind}:${ref.decl.name}`);
          return k === undefined ? undefined : plain(ruleSet.outputs[k]!.coding, at.O[k]![person]!);
        }
        return undefined;
      }
      default: return undefined;
    }
  };

  return valueOf;
}
