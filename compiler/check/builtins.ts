// Names every policy can use without declaring them: functions, the person's state, periods and scopes.
// Each carries its documentation in Chinese and English: the language reference and editor completion read it here.

import { T, type Type } from './types.ts';

export interface BuiltinDoc {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly signature: string;
  readonly zh: string;
  readonly en: string;
  readonly example: string;
}

export type FunctionKind = 'pure' | 'history' | 'population' | 'events';

export interface FunctionDoc extends BuiltinDoc {
  readonly kind: FunctionKind;
}

const fn = (kind: FunctionKind, name: string, aliases: string[], signature: string, zh: string, en: string, example: string): FunctionDoc =>
  ({ kind, name, aliases, signature, zh, en, example });

export const FUNCTIONS: readonly FunctionDoc[] = [
  fn('pure', 'min', ['最小'], 'min(a, b, …) | min(x, period)', '取较小值；第二个参数为期间时，取该期间内各月的最小值', 'the smallest argument; with a period, the smallest monthly value in it', 'min(绩效工资, 1500元)'),
  fn('pure', 'max', ['最大'], 'max(a, b, …) | max(x, period)', '取较大值；第二个参数为期间时，取该期间内各月的最大值', 'the largest argument; with a period, the largest monthly value in it', 'max(score, 上季度)'),
  fn('pure', 'clamp', ['限定'], 'clamp(x, low, high)', '把 x 限定在 [low, high] 内', 'x limited to [low, high]', 'clamp((score - 80) * 10元, -300元, 300元)'),
  fn('pure', 'round', ['四舍五入'], 'round(x, digits?)', '四舍五入到 digits 位小数（默认 0 位）', 'rounded half-up to `digits` decimals (default 0)', 'round(avg(score, 上季度), 1)'),
  fn('pure', 'floor', ['向下取整'], 'floor(x)', '向下取整', 'rounded down', 'floor(tenure / 12个月)'),
  fn('pure', 'ceil', ['向上取整'], 'ceil(x)', '向上取整', 'rounded up', 'ceil(sick_leave_days)'),
  fn('pure', 'abs', ['绝对值'], 'abs(x)', '绝对值', 'absolute value', 'abs(score - prev(score))'),
  fn('history', 'avg', ['平均'], 'avg(x, period)', '期间内各月 x 的平均值', 'the mean of x over the months of a period', 'avg(score, 上季度) >= 90'),
  fn('history', 'sum', ['合计'], 'sum(x, period)', '期间内各月 x 的合计', 'the sum of x over a period', 'sum(tickets, 12个月)'),
  fn('history', 'prev', ['上月'], 'prev(x, n?)', 'n 个月前（默认上个月）的 x', 'x as it was n months ago (default 1)', 'score - prev(score)'),
  fn('history', 'streak', ['连续'], 'streak(condition)', '截至本月，条件连续成立的月数', 'how many months in a row, up to this one, the condition has held', 'streak(score < 60) >= 3'),
  fn('events', 'count', ['次数'], 'count(event | class | condition, period?)', '期间内（默认本月）事件发生次数；对条件则为成立的月数', 'occurrences of an event kind or class in a period (default this month); for a condition, the months it held', 'count(旷工, 12个月) = 0'),
  fn('events', 'distinct', ['不同项数'], 'distinct(class, period?)', '期间内违反的不同条目数', 'how many different items of a class were hit in a period', 'distinct(中度) >= 2'),
  fn('events', 'sources', ['来源数'], 'sources(event, period?)', '期间内事件的不同来源数（如不同客户）', 'distinct sources of an event kind (e.g. customers) in a period', 'sources(praise.customer, 上年) >= 2'),
  fn('events', 'amount', ['金额'], 'amount(event, period?)', '期间内事件记录的金额/分值合计', 'the sum of the amounts recorded on an event kind', 'amount(discretionary)'),
  fn('history', 'months_in', ['任职月数'], 'months_in(tier)', '累计在某一职级的月数', 'months spent in a given tier so far', 'months_in(中级客服) >= 12个月'),
  fn('events', 'months_since', ['距今月数'], 'months_since(event)', '距最近一次该事件的月数（从未发生为无穷大）', 'months since the latest event of a kind (infinite if never)', 'months_since(promote.manual) >= 12'),
  fn('population', 'rank', ['排名'], 'rank(x, scope?)', '本月 x 在范围内（默认全部门）的名次，最高为 1', "this month's rank of x within a scope (default department), highest = 1", 'rank(avg(score, 3个月), team) <= 3'),
  fn('population', 'rank_low', ['倒数排名'], 'rank_low(x, scope?)', '本月 x 在范围内从低往高的名次，最低为 1（“最后一名”即 rank_low(x) = 1）', "this month's rank of x from the bottom within a scope (default department), lowest = 1", 'rank_low(score) = 1'),
  fn('population', 'top', ['前列'], 'top(x, n | share, scope?)', 'x 是否在范围内前 n 名或前 share（百分比）', 'whether x is among the top n, or the top share, of a scope', 'top(score, 10%)'),
  fn('population', 'team_avg', ['组平均'], 'team_avg(x, scope?, among?)', '本月范围内（默认本组）x 的平均值；给出条件 among 时只计入条件成立的人（如只算组里的代表），范围内每人都读到这个平均值', "this month's mean of x within a scope (default team); with a condition `among`, only those for whom it holds count in the mean (e.g. the team's representatives), and everyone of the scope reads it", 'team_avg(avg(score, 上季度), team, role = 客服代表) >= 88'),
];

export interface StateDoc extends BuiltinDoc {
  readonly type: Type;
}

const st = (name: string, aliases: string[], type: Type, zh: string, en: string, example: string): StateDoc =>
  ({ name, aliases, type, signature: name, zh, en, example });

export const STATE: readonly StateDoc[] = [
  st('tier', ['职级'], T.tier, '本月职级', "this month's tier", 'tier >= 中级客服'),
  st('track', ['序列'], T.track, '本月序列', "this month's track", 'track = 技能'),
  st('star', ['星级'], T.stars, '本月星级', "this month's star", '星级绩效[star]'),
  st('tenure', ['司龄'], T.months, '入职至本月的月数', 'months since hire', 'tenure >= 3个月'),
  st('cs_tenure', ['岗龄'], T.months, '从事客服至本月的月数', 'months in customer service', 'cs_tenure >= 2年'),
  st('months_in_tier', ['本职级月数'], T.months, '在当前职级的月数', 'months in the current tier', 'months_in_tier >= 1年'),
  st('employment_month', ['入职第几月'], T.number, '本月是入职后的第几个月（入职当月为 1）', 'the month of employment (the hire month is 1)', 'employment_month >= 3'),
  st('regular', ['已转正'], T.bool, '是否已转正', 'whether regularised', 'if regular then 1200元 else 1080元'),
  st('probation', ['试用期'], T.bool, '是否在试用期', 'whether on probation', 'probation and score < 70'),
  st('age', ['年龄'], T.number, '年龄（周岁）', 'age in years', 'age >= 45'),
  st('month_of_year', ['月份'], T.number, '本月是一年中的第几月', 'the calendar month (1–12)', 'month_of_year = 12'),
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
