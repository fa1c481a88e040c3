// Names every policy can use without declaring them: functions, the person's state, periods and scopes.
// Each carries its documentation in Chinese and English: the language reference and editor completion read it here.

import { FUNCTION_DOCS, type FunctionDoc } from '../builtins/functions.ts';
import { T, type Type } from './types.ts';

export interface BuiltinDoc {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly signature: string;
  readonly zh: string;
  readonly en: string;
  readonly example: string;
}

export type { FunctionDoc, FunctionKind } from '../builtins/functions.ts';

/** The functions' documentation, declared with their type rule and lowering (compiler/builtins/functions.ts). */
export const FUNCTIONS: readonly FunctionDoc[] = FUNCTION_DOCS;

export interface StateDoc extends BuiltinDoc {
  readonly type: Type;
}

const st = (name: string, aliases: string[], type: Type, zh: string, en: string, example: string): StateDoc =>
  ({ name, aliases, type, signature: name, zh, en, example });

export const STATE: readonly StateDoc[] = [
  st('tier', ['职级'], T.tier, '本月职级', "this month's tier", 'tier >= 中级客服'),
  st('track', ['序列'], T.track, '本月序列', "this month's track", 'track = 技能'),
  st('star', ['星级'], T.stars, '本月星级', "this month's star", '星级绩效[star]'),
  st('tenure', ['司龄'], T.months, '入职满的整月数，按日计算，截至本月 1 日（4 月 14 日入职：7 月为 2，8 月为 3）', 'full months since the hire date, counted to the day, as of the 1st of this month (hired 04-14: 2 in July, 3 in August)', 'tenure >= 3个月'),
  st('cs_tenure', ['岗龄'], T.months, '从事客服满的整月数，按日计算，截至本月 1 日', 'full months in customer service, counted to the day, as of the 1st of this month', 'cs_tenure >= 2年'),
  st('months_in_tier', ['本职级月数'], T.months, '在当前职级满的整月数，截至本月末（本月算满；4 月 1 日起任职：6 月为 3，即“满3个月”在第三个月成立）', 'full months in the current tier by the end of this month (this month counts; a tier from 04-01 has 3 in June, so 满3个月 holds in the month the third month completes)', 'months_in_tier >= 1年'),
  st('employment_month', ['入职第几月'], T.number, '本月是入职后的第几个月（入职当月为 1）', 'the month of employment (the hire month is 1)', 'employment_month >= 3'),
  st('regular', ['已转正'], T.bool, '是否已转正：自转正日期所在的月份起为是（3 月 15 日转正，3 月整月按已转正算）', 'whether regularised: from the month of the regular date on (regularised 03-15: all of March counts as regular)', 'if regular then 1200元 else 1080元'),
  st('probation', ['试用期'], T.bool, '是否在试用期', 'whether on probation', 'probation and score < 70'),
  st('age', ['年龄'], T.number, '年龄（周岁）', 'age in years', 'age >= 45'),
  st('leaves_this_month', ['当月离职'], T.bool, '本月内离职：员工表的离职日期（leave_date）在本月', "leaves during this month: the employees table's leave_date falls in it", 'if leaves_this_month and employment_month <= 1 then 0元 else 2000元'),
  st('month_of_year', ['月份'], T.number, '本月是一年中的第几月', 'the calendar month (1–12)', 'month_of_year = 12'),
  st('hire_date', ['入职日期'], T.date, '入职日期（员工表 hire_date）', "the hire date (the employees table's hire_date)", 'hire_date < 2026-07-01'),
  st('regular_date', ['转正日期'], T.date, '转正日期（员工表，或 probation 规则转正当月 1 日）；没有则为空', "the regular date (the employees table's, or the 1st of the month the probation rule regularises); empty without one", 'full_months(regular_date) >= 6个月'),
  st('leave_date', ['离职日期'], T.date, '离职日期；不离职为空', 'the leave date; empty when not leaving', 'days_between(hire_date, leave_date) < 30天'),
  st('cs_start_date', ['客服起始日期'], T.date, '从事客服的起始日期（没有则为入职日期）', 'the customer-service start date (the hire date without one)', 'full_months(cs_start_date) >= 2年'),
  st('birth_date', ['出生日期'], T.date, '出生日期', 'the birth date', 'birth_date <= 1981-12-31'),
  st('month_start', ['本月初', '本月1日'], T.date, '本月第一天', 'the first day of this month', 'days_between(hire_date, month_start) >= 90天'),
  st('month_end', ['本月末'], T.date, '本月最后一天', 'the last day of this month', 'leave_date <= month_end'),
];

export interface ConstDoc extends BuiltinDoc {
  readonly type: Type;
  /** For periods: how many months back it starts and how many months it spans; 0/0 = the current quarter/year to date. */
  readonly period?: { readonly kind: 'quarter' | 'last_quarter' | 'year' | 'last_year' | 'ever' };
  readonly scope?: 'team' | 'department';
}

export const CONSTANTS: readonly ConstDoc[] = [
  { name: 'quarter', aliases: ['本季度'], signature: 'quarter', type: T.window, period: { kind: 'quarter' }, zh: '本季度（至本月）', en: 'this quarter, to this month', example: 'avg(score, quarter)' },
  { name: 'last_quarter', aliases: ['上季度'], signature: 'last_quarter', type: T.window, period: { kind: 'last_quarter' }, zh: '上一个完整季度', en: 'the previous full quarter', example: 'avg(score, 上季度) >= 90' },
  { name: 'year', aliases: ['本年', '本年度'], signature: 'year', type: T.window, period: { kind: 'year' }, zh: '本年（至本月）', en: 'this year, to this month', example: 'count(title, 本年)' },
  { name: 'ever', aliases: ['历来', '至今'], signature: 'ever', type: T.window, period: { kind: 'ever' }, zh: '数据开始以来的所有月份（至本月）', en: 'every month since the data starts, to this month', example: 'count(title, 历来) >= 3' },
  { name: 'last_year', aliases: ['上年', '上年度'], signature: 'last_year', type: T.window, period: { kind: 'last_year' }, zh: '上一个完整年度', en: 'the previous calendar year', example: 'sum(personal_leave_days, 上年) < 23' },
  { name: 'team', aliases: ['本组'], signature: 'team', type: T.scope, scope: 'team', zh: '本组（按 team 分组）', en: 'the team (grouped by team)', example: 'rank(score, team)' },
  { name: 'department', aliases: ['全部门', '部门'], signature: 'department', type: T.scope, scope: 'department', zh: '全部门', en: 'the whole department', example: 'top(score, 5%, department)' },
];

/** Event kinds of the standard data model: always declared. */
export const STANDARD_EVENTS: readonly (readonly [string, string])[] = [
  ['praise.customer', '客户书面表扬'], ['praise.internal', '内部书面表扬'], ['praise.company', '公司书面表扬'],
  ['mentored', '带出新人'], ['training.reserve', '储备干部参训'], ['exam.passed', '技术评定考试通过'],
  ['title', '荣誉称号'], ['incident.major', '重大事故'], ['complaint.attitude', '服务态度投诉成立'],
  ['reprimand', '通报批评'], ['promote.manual', '人工晋升'], ['demote.manual', '人工降级'], ['dismiss', '辞退'],
  ['discretionary', '酌情加减分'],
];

export function lookupFunction(name: string): FunctionDoc | undefined {
  return FUNCTIONS.find((f) => f.name === name || f.aliases.includes(name));
}
