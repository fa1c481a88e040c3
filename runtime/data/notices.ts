// What a run assumes when the employees table leaves out a date that a rule reads: said, not silently filled in.
// Without regular dates everyone is on probation; without tier start dates months_in_tier counts from the hire
// date. Neither is an error (a small company may not keep them), but both change pay and promotions.

import type { RuleSet } from '../../compiler/codegen/generate.ts';
import type { Employee } from './load.ts';
import type { Bilingual } from './messages.ts';

interface DateRead {
  /** The state names that read the date (RuleSet.stateUsed). */
  readonly states: readonly string[];
  readonly has: (e: Employee) => boolean;
  readonly notice: Bilingual;
}

const DATES: readonly DateRead[] = [
  {
    states: ['regular', 'probation'], has: (e) => e.regular_date !== undefined,
    notice: { zh: '员工表没有转正日期（regular_date），每个人都按试用期计算', en: 'the employees table gives no regular dates (regular_date): everyone counts as on probation' },
  },
  {
    states: ['months_in_tier'], has: (e) => e.tier_since !== undefined,
    notice: { zh: '员工表没有职级起始日期（tier_since），任本级月数从入职日期算起', en: 'the employees table gives no tier start dates (tier_since): months_in_tier counts from each hire date' },
  },
  {
    states: ['cs_tenure'], has: (e) => e.cs_start_date !== undefined,
    notice: { zh: '员工表没有客服起始日期（cs_start_date），客服工龄从入职日期算起', en: 'the employees table gives no customer-service start dates (cs_start_date): cs_tenure counts from each hire date' },
  },
  {
    states: ['age'], has: (e) => e.birth_date !== undefined,
    notice: { zh: '员工表没有出生日期（birth_date），年龄未知', en: 'the employees table gives no birth dates (birth_date): age is unknown' },
  },
];

/** The assumptions a run of `ruleSet` on these employees makes for dates none of them has. */
export function dataNotices(ruleSet: RuleSet, employees: readonly Employee[]): Bilingual[] {
  if (!employees.length) return [];
  return DATES.filter((d) => d.states.some((s) => ruleSet.stateUsed.has(s)) && !employees.some(d.has)).map((d) => d.notice);
}
