// The language's functions, each declared once: its documentation (Chinese and English, for the reference and editor
// completion), its type rule (what the checker accepts and what it gives), and its lowering into the plan. A new
// function is one entry here; TypeScript refuses an entry without all three. Ranking and averaging across people are
// lowered to population operators, whose kernels the runtime keys by the same operator names
// (runtime/population-kernels.ts, a Record over PopulationOp['op']).

import type { BuiltinDoc } from '../check/builtins.ts';
import type { DiagnosticCode } from '../diagnostics/catalogue.ts';
import type { Expr } from '../expr/ast.ts';
import type { Lowered } from '../plan/plan.ts';
import { T, type Type } from '../check/types.ts';

export type FunctionKind = 'pure' | 'history' | 'population' | 'events';

export interface FunctionDoc extends BuiltinDoc {
  readonly kind: FunctionKind;
}

/** What a function's type rule may ask of the checker about the call being checked. */
export interface CallCheck {
  readonly args: readonly Expr[];
  /** Whether the call has between min and max arguments (else L034, the arguments still checked). */
  arity(min: number, max: number, text: string): boolean;
  expr(a: Expr): Type;
  /** A number of any unit (else L042). */
  numeric(a: Expr): Type;
  /** Numbers of one unit, which the call then has. */
  sameUnit(): Type;
  /** A period: 3个月, 上季度 … (else L042). */
  period(a: Expr): void;
  isPeriod(a: Expr): boolean;
  /** A plain whole number literal (else L042). */
  literal(a: Expr): void;
  /** A yes/no (else L041). */
  condition(a: Expr): void;
  /** A condition saying who counts (else L042). */
  among(a: Expr): void;
  /** team or department (else L042). */
  scope(a: Expr): void;
  /** An event kind, a class of items, a deduction table, or (with allowCondition) a condition. */
  event(a: Expr, allowCondition: boolean): 'event' | 'condition' | 'error';
  /** L042 at `a`: expected … found its type. */
  expected(a: Expr, en: string, zh: string, found: Type): void;
  report(code: DiagnosticCode, args: Readonly<Record<string, string | number>>): void;
}

/** Who a population operator ranks or averages within, and over what. */
export interface PopulationWanted {
  readonly op: 'rank' | 'rankLow' | 'topN' | 'topShare' | 'avg' | 'sum' | 'headCount' | 'share' | 'rankShare';
  readonly scope: 'team' | 'department';
  /** The argument ranked, averaged or summed (none for a head count). */
  readonly of?: Expr;
  /** topN / topShare: the head count or share. */
  readonly n?: Expr;
  /** avg, sum, headCount: who counts. */
  readonly among?: Expr;
}

/** What a function's lowering may ask of the lowerer for the call being lowered. */
export interface CallLower {
  readonly args: readonly Expr[];
  arg(i: number): Lowered;
  typeOf(a: Expr): Type | undefined;
  isPeriod(a: Expr | undefined): boolean;
  /** The series of a value kept month by month (written before it is read over a window). */
  history(a: Expr): number;
  /** The window a period argument names. */
  window(a: Expr): number;
  /** An event argument's kinds (an event, a class, a deduction table), or undefined when it is a condition. */
  kinds(a: Expr): readonly number[] | undefined;
  /** This month's event aggregate column c (kind × 3 + 0 count, 1 sources, 2 amount). */
  event(column: number): Lowered;
  /** A scope argument, or the default. */
  scope(a: Expr | undefined, dflt: 'team' | 'department'): 'team' | 'department';
  /** The result of a population operator (made once for the same ranking read twice). */
  population(wanted: PopulationWanted): Lowered;
}

export interface BuiltinFunction {
  readonly doc: FunctionDoc;
  check(c: CallCheck): Type;
  lower(l: CallLower): Lowered;
}

const num = (value: number): Lowered => ({ op: 'num', value });

const doc = (kind: FunctionKind, name: string, aliases: string[], signature: string, zh: string, en: string, example: string): FunctionDoc =>
  ({ kind, name, aliases, signature, zh, en, example });

/** min/max: of their arguments, or with a period, of a value's months in it. */
function extreme(fn: 'min' | 'max', d: FunctionDoc): BuiltinFunction {
  return {
    doc: d,
    check: (c) => {
      if (!c.arity(2, 99, '2+')) return T.error;
      if (c.args.length === 2 && c.isPeriod(c.args[1]!)) {
        c.period(c.args[1]!);
        return c.numeric(c.args[0]!);
      }
      return c.sameUnit();
    },
    lower: (l) => {
      if (l.args.length === 2 && l.isPeriod(l.args[1])) return { op: 'history', fn, series: l.history(l.args[0]!), window: l.window(l.args[1]!) };
      return { op: 'math', fn, args: l.args.map((_, i) => l.arg(i)) };
    },
  };
}

function rounding(fn: 'floor' | 'ceil' | 'abs', d: FunctionDoc): BuiltinFunction {
  return {
    doc: d,
    check: (c) => (c.arity(1, 1, '1') ? c.numeric(c.args[0]!) : T.error),
    lower: (l) => ({ op: 'math', fn, args: [l.arg(0)] }),
  };
}

function windowed(fn: 'avg' | 'sum', d: FunctionDoc): BuiltinFunction {
  return {
    doc: d,
    check: (c) => {
      if (!c.arity(2, 2, '2')) return T.error;
      const t = c.numeric(c.args[0]!);
      c.period(c.args[1]!);
      return t.k === 'num' && t.literal ? T.number : t;
    },
    lower: (l) => ({ op: 'history', fn, series: l.history(l.args[0]!), window: l.window(l.args[1]!) }),
  };
}

/** count, distinct, sources, amount: an event aggregate this month or over a period (count also of a condition). */
function events(fn: 'count' | 'distinct' | 'sources' | 'amount', d: FunctionDoc): BuiltinFunction {
  return {
    doc: d,
    check: (c) => {
      if (!c.arity(1, 2, '1–2')) return T.error;
      const kind = c.event(c.args[0]!, fn === 'count');
      if (c.args[1]) c.period(c.args[1]);
      else if (kind === 'condition') c.report('L034', { name: 'count(condition, period)', expected: '2', actual: 1 });
      return fn === 'amount' ? T.number : T.count;
    },
    lower: (l) => {
      const kinds = l.kinds(l.args[0]!);
      // count(condition, period): the months in which the condition held.
      if (!kinds) return { op: 'history', fn: 'count', series: l.history(l.args[0]!), window: l.window(l.args[1]!) };
      const column = { count: 0, distinct: 0, sources: 1, amount: 2 }[fn];
      const read = (k: number): Lowered => (l.args[1] ? { op: 'eventWindow', column: k * 3 + column, window: l.window(l.args[1]) } : l.event(k * 3 + column));
      if (fn === 'distinct') return { op: 'sum', terms: kinds.map((k): Lowered => ({ op: 'compare', fn: '>', a: read(k), b: num(0) })) };
      return { op: 'sum', terms: kinds.map(read) };
    },
  };
}

function ranked(fn: 'rank' | 'rank_low', d: FunctionDoc): BuiltinFunction {
  return {
    doc: d,
    check: (c) => {
      if (!c.arity(1, 2, '1–2')) return T.error;
      c.numeric(c.args[0]!);
      if (c.args[1]) c.scope(c.args[1]);
      return T.count;
    },
    lower: (l) => l.population({ op: fn === 'rank' ? 'rank' : 'rankLow', scope: l.scope(l.args[1], 'department'), of: l.args[0]! }),
  };
}

/** team_share, rank_share: where the person's x stands in a scope, as a percent. */
function scopedPercent(op: 'share' | 'rankShare', dflt: 'team' | 'department', d: FunctionDoc): BuiltinFunction {
  return {
    doc: d,
    check: (c) => {
      if (!c.arity(1, 2, '1–2')) return T.error;
      c.numeric(c.args[0]!);
      if (c.args[1]) c.scope(c.args[1]);
      return T.percent;
    },
    lower: (l) => l.population({ op, scope: l.scope(l.args[1], dflt), of: l.args[0]! }),
  };
}

const isScope = (l: CallLower, a: Expr | undefined) => !!a && l.typeOf(a)?.k === 'scope';

/** The optional `scope?, among?` arguments from `from` on (team_avg, team_sum, team_count): two are a scope then a
 * condition; one is either. */
function checkScopeAmong(c: CallCheck, from: number): void {
  if (c.args.length === from + 2) { c.scope(c.args[from]!); c.among(c.args[from + 1]!); }
  else if (c.args[from]) {
    const a = c.expr(c.args[from]);
    if (a.k !== 'scope' && a.k !== 'bool' && a.k !== 'error') c.expected(c.args[from], 'a scope (team, department) or a condition (who counts)', '范围（本组、全部门）或条件（计入谁）', a);
  }
}

function lowerScopeAmong(l: CallLower, from: number): { scope: 'team' | 'department'; among?: Expr } {
  const scoped = isScope(l, l.args[from]);
  const among = scoped ? l.args[from + 1] : l.args[from];
  return { scope: l.scope(scoped ? l.args[from] : undefined, 'team'), ...(among ? { among } : {}) };
}

const LIST: readonly BuiltinFunction[] = [
  extreme('min', doc('pure', 'min', ['最小'], 'min(a, b, …) | min(x, period)', '取较小值；第二个参数为期间时，取该期间内各月的最小值', 'the smallest argument; with a period, the smallest monthly value in it', 'min(绩效工资, 1500元)')),
  extreme('max', doc('pure', 'max', ['最大'], 'max(a, b, …) | max(x, period)', '取较大值；第二个参数为期间时，取该期间内各月的最大值', 'the largest argument; with a period, the largest monthly value in it', 'max(score, 上季度)')),
  {
    doc: doc('pure', 'clamp', ['限定'], 'clamp(x, low, high)', '把 x 限定在 [low, high] 内', 'x limited to [low, high]', 'clamp((score - 80) * 10元, -300元, 300元)'),
    check: (c) => (c.arity(3, 3, '3') ? c.sameUnit() : T.error),
    lower: (l) => ({ op: 'math', fn: 'min', args: [{ op: 'math', fn: 'max', args: [l.arg(0), l.arg(1)] }, l.arg(2)] }),
  },
  {
    doc: doc('pure', 'round', ['四舍五入'], 'round(x, digits?)', '四舍五入到 digits 位小数（默认 0 位）', 'rounded half-up to `digits` decimals (default 0)', 'round(avg(score, 上季度), 1)'),
    check: (c) => {
      if (!c.arity(1, 2, '1–2')) return T.error;
      const t = c.numeric(c.args[0]!);
      if (c.args[1]) c.literal(c.args[1]);
      return t;
    },
    lower: (l) => ({ op: 'round', x: l.arg(0), digits: l.args[1] ? l.arg(1) : num(0) }),
  },
  rounding('floor', doc('pure', 'floor', ['向下取整'], 'floor(x)', '向下取整（与整数只差十亿分之一以内的计算结果按该整数：floor((95% - 90%) / 1%) 为 5）', 'rounded down (a computed value within a billionth of a whole number counts as it: floor((95% - 90%) / 1%) is 5)', 'floor(tenure / 12个月)')),
  rounding('ceil', doc('pure', 'ceil', ['向上取整'], 'ceil(x)', '向上取整（同 floor，按写出的数计算）', 'rounded up (as floor, as the written numbers say)', 'ceil(sick_leave_days)')),
  rounding('abs', doc('pure', 'abs', ['绝对值'], 'abs(x)', '绝对值', 'absolute value', 'abs(score - prev(score))')),
  windowed('avg', doc('history', 'avg', ['平均'], 'avg(x, period)', '期间内各月 x 的平均值', 'the mean of x over the months of a period', 'avg(score, 上季度) >= 90')),
  windowed('sum', doc('history', 'sum', ['合计'], 'sum(x, period)', '期间内各月 x 的合计', 'the sum of x over a period', 'sum(tickets, 12个月)')),
  {
    doc: doc('history', 'prev', ['上月'], 'prev(x, n?)', 'n 个月前（默认上个月）的 x', 'x as it was n months ago (default 1)', 'score - prev(score)'),
    check: (c) => {
      if (!c.arity(1, 2, '1–2')) return T.error;
      const t = c.expr(c.args[0]!);
      if (c.args[1]) c.literal(c.args[1]);
      return t;
    },
    lower: (l) => { const series = l.history(l.args[0]!); return { op: 'prev', series, back: l.args[1] ? l.arg(1) : num(1) }; },
  },
  {
    doc: doc('history', 'streak', ['连续'], 'streak(condition)', '截至本月，条件连续成立的月数', 'how many months in a row, up to this one, the condition has held', 'streak(score < 60) >= 3'),
    check: (c) => {
      if (!c.arity(1, 1, '1')) return T.error;
      c.condition(c.args[0]!);
      return T.months;
    },
    lower: (l) => ({ op: 'streak', series: l.history(l.args[0]!) }),
  },
  events('count', doc('events', 'count', ['次数'], 'count(event | class | condition, period?)', '期间内（默认本月）事件发生次数；对条件则为成立的月数', 'occurrences of an event kind or class in a period (default this month); for a condition, the months it held', 'count(旷工, 12个月) = 0')),
  events('distinct', doc('events', 'distinct', ['不同项数'], 'distinct(class, period?)', '期间内违反的不同条目数', 'how many different items of a class were hit in a period', 'distinct(中度) >= 2')),
  events('sources', doc('events', 'sources', ['来源数'], 'sources(event, period?)', '期间内事件的不同来源数（如不同客户）', 'distinct sources of an event kind (e.g. customers) in a period', 'sources(praise.customer, 上年) >= 2')),
  events('amount', doc('events', 'amount', ['金额'], 'amount(event, period?)', '期间内事件记录的金额/分值合计', 'the sum of the amounts recorded on an event kind', 'amount(discretionary)')),
  {
    doc: doc('history', 'months_in', ['任职月数'], 'months_in(tier)', '累计在某一职级的月数', 'months spent in a given tier so far', 'months_in(中级客服) >= 12个月'),
    check: (c) => {
      if (!c.arity(1, 1, '1')) return T.error;
      const t = c.expr(c.args[0]!);
      if (t.k !== 'tier' && t.k !== 'error') c.expected(c.args[0]!, 'a tier', '职级', t);
      return T.months;
    },
    lower: (l) => ({ op: 'monthsIn', tier: l.arg(0) }),
  },
  {
    doc: doc('events', 'months_since', ['距今月数'], 'months_since(event)', '距最近一次该事件的月数（从未发生为无穷大）', 'months since the latest event of a kind (infinite if never)', 'months_since(promote.manual) >= 12'),
    check: (c) => {
      if (!c.arity(1, 1, '1')) return T.error;
      c.event(c.args[0]!, false);
      return T.months;
    },
    lower: (l) => ({ op: 'monthsSince', kinds: l.kinds(l.args[0]!) ?? [] }),
  },
  ranked('rank', doc('population', 'rank', ['排名'], 'rank(x, scope?)', '本月 x 在范围内（默认全部门）的名次，最高为 1', "this month's rank of x within a scope (default department), highest = 1", 'rank(avg(score, 3个月), team) <= 3')),
  ranked('rank_low', doc('population', 'rank_low', ['倒数排名'], 'rank_low(x, scope?)', '本月 x 在范围内从低往高的名次，最低为 1（“最后一名”即 rank_low(x) = 1）', "this month's rank of x from the bottom within a scope (default department), lowest = 1", 'rank_low(score) = 1')),
  {
    doc: doc('population', 'top', ['前列'], 'top(x, n | share, scope?)', 'x 是否在范围内前 n 名或前 share（百分比）', 'whether x is among the top n, or the top share, of a scope', 'top(score, 10%)'),
    check: (c) => {
      if (!c.arity(2, 3, '2–3')) return T.error;
      c.numeric(c.args[0]!);
      const n = c.expr(c.args[1]!);
      if (n.k !== 'error' && !(n.k === 'num' && (n.unit === 'percent' || n.unit === 'count' || n.literal))) c.expected(c.args[1]!, 'a headcount or a share (3, 10%)', '人数或比例（3、10%）', n);
      if (c.args[2]) c.scope(c.args[2]);
      return T.bool;
    },
    lower: (l) => {
      const share = l.typeOf(l.args[1]!);
      const op = share?.k === 'num' && share.unit === 'percent' ? 'topShare' : 'topN';
      return l.population({ op, scope: l.scope(l.args[2], 'department'), of: l.args[0]!, n: l.args[1]! });
    },
  },
  {
    doc: doc('population', 'team_avg', ['组平均'], 'team_avg(x, scope?, among?)', '本月范围内（默认本组）x 的平均值；给出条件 among 时只计入条件成立的人（如只算组里的代表），范围内每人都读到这个平均值', "this month's mean of x within a scope (default team); with a condition `among`, only those for whom it holds count in the mean (e.g. the team's representatives), and everyone of the scope reads it", 'team_avg(avg(score, 上季度), team, role = 客服代表) >= 88'),
    // team_avg(x), team_avg(x, scope), team_avg(x, among) or team_avg(x, scope, among): `among` is a condition saying
    // who counts in the mean (the team's representatives, not its lead); everyone of the scope reads it.
    check: (c) => {
      if (!c.arity(1, 3, '1–3')) return T.error;
      const t = c.numeric(c.args[0]!);
      checkScopeAmong(c, 1);
      return t;
    },
    lower: (l) => l.population({ op: 'avg', of: l.args[0]!, ...lowerScopeAmong(l, 1) }),
  },
  {
    doc: doc('population', 'team_sum', ['组合计'], 'team_sum(x, scope?, among?)', '本月范围内（默认本组）x 的合计，单位同 x（金额的合计是金额）；给出条件 among 时只计入条件成立的人，范围内每人都读到这个合计', "this month's total of x within a scope (default team), in x's unit (a total of money is money); with a condition `among`, only those for whom it holds count, and everyone of the scope reads it", 'team_sum(tickets, team) >= 500'),
    check: (c) => {
      if (!c.arity(1, 3, '1–3')) return T.error;
      const t = c.numeric(c.args[0]!);
      checkScopeAmong(c, 1);
      // A total of plain literals (team_sum(1)) counts people: a count, as team_count gives.
      return t.k === 'num' && t.literal ? T.count : t;
    },
    lower: (l) => l.population({ op: 'sum', of: l.args[0]!, ...lowerScopeAmong(l, 1) }),
  },
  {
    doc: doc('population', 'team_count', ['组人数'], 'team_count(scope?, among?)', '本月范围内（默认本组）在岗的人数；给出条件 among 时只数条件成立的人（如组里的代表）', "this month's head count of a scope (default team): those with a monthly row; with a condition `among`, only those for whom it holds (e.g. the team's representatives)", 'team_count(role = 客服代表) >= 3'),
    check: (c) => {
      if (!c.arity(0, 2, '0–2')) return T.error;
      checkScopeAmong(c, 0);
      return T.count;
    },
    lower: (l) => l.population({ op: 'headCount', ...lowerScopeAmong(l, 0) }),
  },
  scopedPercent('share', 'team', doc('population', 'team_share', ['组占比'], 'team_share(x, scope?)', '本人 x 占范围内（默认本组）x 合计的百分比（合计为 0 时算不出）', "the person's x as a percent of the scope's total of x (default team); not computable when the total is 0", '绩效工资 * team_share(tickets)')),
  scopedPercent('rankShare', 'department', doc('population', 'rank_share', ['排名百分比'], 'rank_share(x, scope?)', '本月 x 在范围内（默认全部门）的名次占人数的百分比：最高者为 1/人数，“前20%”即 rank_share(x) <= 20%，与 top(x, 20%) 一致', "this month's rank of x within a scope (default department) as a percent of its head count: the best is 1 ÷ head count, and \"the top 20%\" is rank_share(x) <= 20%, as top(x, 20%) has it", 'rank_share(score, team) <= 20%')),
  {
    doc: doc('pure', 'full_months', ['满月数'], 'full_months(from, to?)', '从 from 到 to（默认本月 1 日）满的整月数，按日计算（4 月 14 日 → 7 月 13 日为 2，→ 7 月 14 日为 3）', 'full months from `from` to `to` (default: the 1st of this month), counted to the day (04-14 → 07-13 is 2, → 07-14 is 3)', 'full_months(regular_date) >= 6个月'),
    check: (c) => {
      if (!c.arity(1, 2, '1–2')) return T.error;
      for (const a of c.args) date(c, a);
      return T.months;
    },
    lower: (l) => ({ op: 'calendar', fn: 'fullMonths', args: [l.arg(0), l.args[1] ? l.arg(1) : MONTH_START] }),
  },
  {
    doc: doc('pure', 'days_between', ['相隔天数'], 'days_between(from, to)', '从 from 到 to 的天数（to 早于 from 为负）', 'the days from `from` to `to` (negative when `to` is earlier)', 'days_between(hire_date, leave_date) < 30天'),
    check: (c) => {
      if (!c.arity(2, 2, '2')) return T.error;
      for (const a of c.args) date(c, a);
      return T.days;
    },
    lower: (l) => ({ op: 'arith', fn: '-', a: l.arg(1), b: l.arg(0) }),
  },
  {
    doc: doc('pure', 'day_of_month', ['几号'], 'day_of_month(date)', '日期是当月几号（1–31）', "the date's day of the month (1–31)", 'day_of_month(hire_date) <= 15'),
    check: (c) => {
      if (!c.arity(1, 1, '1')) return T.error;
      date(c, c.args[0]!);
      return T.number;
    },
    lower: (l) => ({ op: 'calendar', fn: 'dayOfMonth', args: [l.arg(0)] }),
  },
];

/** The first day of the month computed: what full months count to by default (as `tenure` does). */
const MONTH_START: Lowered = { op: 'read', read: { from: 'state', name: 'month_start' } };

/** A date argument (else L042). */
function date(c: CallCheck, a: Expr): void {
  const t = c.expr(a);
  if (t.k !== 'date' && t.k !== 'error') c.expected(a, 'a date (hire_date, 2026-07-01 …)', '日期（hire_date、2026-07-01 …）', t);
}

export const BUILTIN_FUNCTIONS: ReadonlyMap<string, BuiltinFunction> = new Map(LIST.map((f) => [f.doc.name, f]));

/** Every function's documentation, in the reference's order. */
export const FUNCTION_DOCS: readonly FunctionDoc[] = LIST.map((f) => f.doc);
