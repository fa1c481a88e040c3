// A rule that tests a text or choice input against a value no row of the data has (`role = 客服组长` where the
// roster says 客服领班) never holds: pay it decides is silently 0 for everyone. Said as a notice, with the values the
// data does have, so a spelling or a company's own title is caught before payday.

import type { RuleSet } from '../compiler/codegen/generate.ts';
import { type Lowered, walkLowered } from '../compiler/plan/plan.ts';
import type { Population } from './population.ts';

export interface UnmetValue {
  readonly input: string;
  readonly value: string;
  /** What the data has in that column (at most a few). */
  readonly found: readonly string[];
}

/** Each (input, literal) a rule compares with = or != that no present person-month of the population has. */
export function unmetValues(ruleSet: RuleSet, pop: Population): UnmetValue[] {
  const strings = pop.strings ?? ruleSet.strings;
  const tested = new Map<string, { input: number; code: number }>();
  const visit = (e: Lowered) => {
    if (e.op !== 'compare' || (e.fn !== '===' && e.fn !== '!==')) return;
    for (const [x, y] of [[e.a, e.b], [e.b, e.a]] as const) {
      if (x.op !== 'read' || x.read.from !== 'input' || y.op !== 'num') continue;
      const coding = ruleSet.inputCoding[x.read.index]!;
      if (coding.as === 'text' || coding.as === 'enum') tested.set(`${x.read.index}:${y.value}`, { input: x.read.index, code: y.value });
    }
  };
  for (const lines of ruleSet.plan.stages) for (const l of lines) walkLowered(l.expr, visit);
  const out: UnmetValue[] = [];
  for (const { input, code } of tested.values()) {
    const coding = ruleSet.inputCoding[input]!;
    const textOf = (c: number) => (coding.as === 'enum' ? coding.values[c] : strings[c]);
    const seen = new Set<number>();
    pop.inputs.forEach((month, m) => {
      const col = month[input]!;
      const present = pop.present[m]!;
      for (let i = 0; i < col.length; i++) if (present[i] && col[i] === col[i]) seen.add(col[i]!);
    });
    if (seen.has(code) || textOf(code) === undefined) continue;
    const found = [...seen].map(textOf).filter((t): t is string => t !== undefined).sort().slice(0, 8);
    out.push({ input: ruleSet.inputs[input]!.name, value: textOf(code)!, found });
  }
  return out;
}

export function unmetText(u: UnmetValue): { zh: string; en: string } {
  const found = u.found.join('、') || '—';
  return {
    zh: `规则比较 ${u.input} = ${u.value}，但数据中没有任何人的 ${u.input} 是“${u.value}”（数据中有：${found}）；按此判断的规则对所有人都不成立`,
    en: `a rule compares ${u.input} with ${u.value}, but no row of the data has that ${u.input} (the data has: ${u.found.join(', ') || '—'}); rules that test it hold for nobody`,
  };
}
