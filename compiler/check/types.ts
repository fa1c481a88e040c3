// The types of the expression language. Money, percent, points, counts, months, days and stars are distinct
// numeric units: adding money to a percent is a compile error, as is comparing a percent with a bare number.

import type { Unit } from '../expr/ast.ts';

export type NumUnit = 'number' | 'money' | 'percent' | 'points' | 'count' | 'months' | 'days' | 'stars';

export type Type =
  | { readonly k: 'num'; readonly unit: NumUnit; readonly literal?: boolean }
  | { readonly k: 'bool' }
  | { readonly k: 'text' }
  | { readonly k: 'date' }
  | { readonly k: 'enum'; readonly of: string; readonly values: readonly string[]; readonly ordered: boolean }
  | { readonly k: 'tier' }
  | { readonly k: 'track' }
  | { readonly k: 'window' }
  | { readonly k: 'scope' }
  | { readonly k: 'interval'; readonly of: Type }
  | { readonly k: 'event' }
  | { readonly k: 'class' }
  | { readonly k: 'table' }
  | { readonly k: 'sheet' }
  | { readonly k: 'error' };

export const T = {
  number: { k: 'num', unit: 'number' } as Type,
  literal: { k: 'num', unit: 'number', literal: true } as Type,
  money: { k: 'num', unit: 'money' } as Type,
  percent: { k: 'num', unit: 'percent' } as Type,
  points: { k: 'num', unit: 'points' } as Type,
  count: { k: 'num', unit: 'count' } as Type,
  months: { k: 'num', unit: 'months' } as Type,
  days: { k: 'num', unit: 'days' } as Type,
  stars: { k: 'num', unit: 'stars' } as Type,
  bool: { k: 'bool' } as Type,
  text: { k: 'text' } as Type,
  date: { k: 'date' } as Type,
  tier: { k: 'tier' } as Type,
  track: { k: 'track' } as Type,
  window: { k: 'window' } as Type,
  scope: { k: 'scope' } as Type,
  event: { k: 'event' } as Type,
  class: { k: 'class' } as Type,
  table: { k: 'table' } as Type,
  sheet: { k: 'sheet' } as Type,
  error: { k: 'error' } as Type,
} as const;

export function num(unit: NumUnit): Type {
  return { k: 'num', unit };
}

/** A literal's unit and the factor that brings its value to the unit's base (years → months × 12). */
export function literalUnit(unit: Unit | null): { unit: NumUnit; factor: number; literal: boolean } {
  switch (unit) {
    case null: return { unit: 'number', factor: 1, literal: true };
    case 'yuan': case 'usd': return { unit: 'money', factor: 1, literal: false };
    case 'percent': return { unit: 'percent', factor: 0.01, literal: false };
    case 'permille': return { unit: 'percent', factor: 0.001, literal: false };
    case 'months': return { unit: 'months', factor: 1, literal: false };
    case 'years': return { unit: 'months', factor: 12, literal: false };
    case 'quarters': return { unit: 'months', factor: 3, literal: false };
    case 'days': return { unit: 'days', factor: 1, literal: false };
    case 'points': return { unit: 'points', factor: 1, literal: false };
    case 'times': case 'people': return { unit: 'count', factor: 1, literal: false };
    case 'stars': return { unit: 'stars', factor: 1, literal: false };
  }
}

/**
 * A literal's value in its unit's base: 95% → 0.95, 2年 → 24. Fractions divide (95 / 100 is the double nearest
 * 0.95; 95 × 0.01 is not), so a percent written in a policy equals the same percent read from data.
 */
export function literalValue(value: number, unit: Unit | null): number {
  const { factor } = literalUnit(unit);
  return factor < 1 ? value / Math.round(1 / factor) : value * factor;
}

const UNIT_NAMES: Record<NumUnit, readonly [string, string]> = {
  number: ['a number', '数字'], money: ['money', '金额'], percent: ['a percent', '百分比'], points: ['points', '分数'],
  count: ['a count', '次数'], months: ['months', '月数'], days: ['days', '天数'], stars: ['stars', '星级'],
};

export function describe(t: Type): { en: string; zh: string } {
  switch (t.k) {
    case 'num': { const [en, zh] = UNIT_NAMES[t.unit]; return { en, zh }; }
    case 'bool': return { en: 'true/false', zh: '真/假' };
    case 'text': return { en: 'text', zh: '文本' };
    case 'date': return { en: 'a date', zh: '日期' };
    case 'enum': return { en: `a value of ${t.of}`, zh: `${t.of}的取值` };
    case 'tier': return { en: 'a tier', zh: '职级' };
    case 'track': return { en: 'a track', zh: '序列' };
    case 'window': return { en: 'a period (3个月, 上季度 …)', zh: '期间（3个月、上季度……）' };
    case 'scope': return { en: 'a scope (team, department)', zh: '范围（本组、全部门）' };
    case 'interval': return { en: 'an interval', zh: '区间' };
    case 'event': return { en: 'an event kind', zh: '事件类别' };
    case 'class': return { en: 'a class of items', zh: '违规等级' };
    case 'table': return { en: 'a table', zh: '表' };
    case 'sheet': return { en: 'a score sheet', zh: '评分表' };
    case 'error': return { en: 'an erroneous value', zh: '错误值' };
  }
}

export function isNumeric(t: Type): t is Extract<Type, { k: 'num' }> {
  return t.k === 'num';
}

/** Units that mix freely with a declared plain number (a score given as `number` behaves as points). */
function lenient(u: NumUnit): boolean {
  return u === 'number';
}

/** The unit of a + b / a - b, or undefined when the units do not add up. */
export function addUnits(a: Type, b: Type): Type | undefined {
  if (a.k !== 'num' || b.k !== 'num') return undefined;
  if (a.unit === b.unit) return { k: 'num', unit: a.unit, ...(a.literal && b.literal ? { literal: true } : {}) };
  if (a.literal && b.unit !== 'percent') return num(b.unit);
  if (b.literal && a.unit !== 'percent') return num(a.unit);
  if (lenient(a.unit) && b.unit !== 'money' && b.unit !== 'percent') return num(b.unit);
  if (lenient(b.unit) && a.unit !== 'money' && a.unit !== 'percent') return num(a.unit);
  return undefined;
}

export function mulUnits(a: Type, b: Type): Type | undefined {
  if (a.k !== 'num' || b.k !== 'num') return undefined;
  if (a.unit === 'money' && b.unit === 'money') return undefined;
  if (a.unit === 'money' || b.unit === 'money') return T.money;
  if (a.literal && b.literal) return T.literal;
  if (a.unit === 'number' || a.unit === 'percent') return num(b.unit === 'number' && a.unit === 'percent' ? 'percent' : b.unit);
  if (b.unit === 'number' || b.unit === 'percent') return num(a.unit);
  return T.number;
}

export function divUnits(a: Type, b: Type): Type | undefined {
  if (a.k !== 'num' || b.k !== 'num') return undefined;
  if (a.unit === b.unit) return a.literal && b.literal ? T.literal : T.number;
  if (b.unit === 'number' || b.unit === 'percent' || b.literal) return num(a.unit);
  if (a.unit === 'money') return T.money;
  return T.number;
}

/** Whether two values can be compared; 'percent-literal' flags `satisfaction >= 95`, which is ambiguous. */
export function comparable(a: Type, b: Type): 'yes' | 'no' | 'percent-literal' {
  if (a.k === 'error' || b.k === 'error') return 'yes';
  if (a.k === 'num' && b.k === 'num') {
    if (a.unit === b.unit) return 'yes';
    if ((a.unit === 'percent' && b.literal) || (b.unit === 'percent' && a.literal)) return 'percent-literal';
    if (a.literal || b.literal) return 'yes';
    if (lenient(a.unit) && b.unit !== 'money' && b.unit !== 'percent') return 'yes';
    if (lenient(b.unit) && a.unit !== 'money' && a.unit !== 'percent') return 'yes';
    return 'no';
  }
  if (a.k === 'enum' && b.k === 'enum') return a.of === b.of ? 'yes' : 'no';
  if (a.k === b.k && a.k !== 'interval') return 'yes';
  return 'no';
}

/** The common type of two branches (if/then/else, min/max), or undefined. */
export function unify(a: Type, b: Type): Type | undefined {
  if (a.k === 'error') return b;
  if (b.k === 'error') return a;
  if (a.k === 'num' && b.k === 'num') {
    if (a.unit === b.unit) return a.literal ? b : a;
    if (a.literal) return b;
    if (b.literal) return a;
    return undefined;
  }
  if (a.k === 'enum' && b.k === 'enum') return a.of === b.of ? a : undefined;
  return a.k === b.k ? a : undefined;
}

export function isOrdered(t: Type): boolean {
  return t.k === 'num' || t.k === 'date' || t.k === 'tier' || (t.k === 'enum' && t.ordered) || t.k === 'error';
}
