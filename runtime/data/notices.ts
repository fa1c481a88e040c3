// What a run assumes when the employees table leaves out a date that a rule reads: said, not silently filled in.
// Without regular dates everyone is on probation; without tier start dates months_in_tier counts from the hire
// date. Neither is an error (a small company may not keep them), but both change pay and promotions. When the table
// has a date-like column nobody recognised (任职日期 for 职级起始日期), the notice names it and the header to use.

import type { RuleSet } from '../../compiler/codegen/generate.ts';
import type { EmployeeData } from './load.ts';
import type { Bilingual } from './messages.ts';
import { STANDARD_COLUMNS } from './requirements.ts';

type Employee = EmployeeData['employees'][number];

interface DateRead {
  /** The standard column. */
  readonly column: string;
  /** The state names that read it (RuleSet.stateUsed). */
  readonly states: readonly string[];
  readonly has: (e: Employee) => boolean;
  readonly assumed: Bilingual | ((ruleSet: RuleSet) => Bilingual);
}

const DATES: readonly DateRead[] = [
  {
    column: 'regular_date', states: ['regular', 'probation'], has: (e) => e.regular_date !== undefined,
    assumed: (rs) => rs.probation
      ? { zh: '试用期只按政策的 probation 规则结束', en: "probation ends only by the policy's probation rule" }
      : { zh: '每个人都按试用期计算', en: 'everyone counts as on probation' },
  },
  { column: 'tier_since', states: ['months_in_tier'], has: (e) => e.tier_since !== undefined, assumed: { zh: '任本级月数从入职日期算起（视为入职起即任现职级，月中入职从次月算起，晋降后从新职级起算）', en: 'months_in_tier counts from each hire date (as if the tier were held since hiring; a mid-month hire from the next month; after a move, from the move)' } },
  { column: 'cs_start_date', states: ['cs_tenure'], has: (e) => e.cs_start_date !== undefined, assumed: { zh: '客服工龄从入职日期算起', en: 'cs_tenure counts from each hire date' } },
  { column: 'birth_date', states: ['age'], has: (e) => e.birth_date !== undefined, assumed: { zh: '年龄未知', en: 'age is unknown' } },
];

/** A header that may hold a date nobody recognised. */
const DATE_LIKE = /日期|时间|date/i;

/** The assumptions a run of `ruleSet` on this data makes for dates none of its employees has. */
export function dataNotices(ruleSet: RuleSet, data: Pick<EmployeeData, 'employees' | 'unknownEmployeeColumns'>): Bilingual[] {
  if (!data.employees.length) return [];
  const unknown = data.unknownEmployeeColumns.filter((h) => DATE_LIKE.test(h));
  return DATES.filter((d) => d.states.some((s) => ruleSet.stateUsed.has(s)) && !data.employees.some(d.has)).map((d) => {
    const header = STANDARD_COLUMNS.employees.find(([name]) => name === d.column)?.[1][0] ?? d.column;
    const hint = unknown.length
      ? { zh: `；员工表里未识别的列 ${unknown.join('、')} 如果正是此项，请把表头改为 ${header}（或 ${d.column}）`, en: `; if the unrecognised column ${unknown.join(', ')} is this, head it ${header} (or ${d.column})` }
      : { zh: '', en: '' };
    const assumed = typeof d.assumed === 'function' ? d.assumed(ruleSet) : d.assumed;
    return {
      zh: `员工表没有${header}（${d.column}），${assumed.zh}${hint.zh}`,
      en: `the employees table gives no ${d.column} (${header}): ${assumed.en}${hint.en}`,
    };
  });
}
