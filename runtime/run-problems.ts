// Pay that cannot be computed is an error, never a number: a pay line that comes to NaN or Infinity for a
// person-month is reported with the person, the month, the line and the cause found by tracing the line's plan
// (a value missing in the data, a star nobody gave, a division by zero, a table without the row, a window without
// months). A run with such a problem writes no results.

import type { RuleSet, StageArgs } from '../compiler/codegen/generate.ts';
import type { StateName } from '../compiler/plan/plan.ts';
import { type SourceFile, type Span, positionOf } from '../compiler/source/source.ts';
import type { Lang } from '../compiler/diagnostics/catalogue.ts';
import { STATE } from '../compiler/check/builtins.ts';
import { type Trace, lineOfOutput, traceLine } from './evaluate.ts';
import { MONEY_LIMIT, roundToFen } from './money.ts';
import type { RowPlace } from './data/load.ts';
import type { ManualRefusal, RefusedMove } from './state.ts';
import type { PopulationEvent } from './population.ts';

export type RunCause =
  | { readonly kind: 'missingInput'; readonly input: number }
  | { readonly kind: 'missingState'; readonly state: StateName }
  | { readonly kind: 'divideByZero'; readonly divisor?: string }
  | { readonly kind: 'noRow'; readonly table: number; readonly key: number }
  | { readonly kind: 'noMonths'; readonly series: number }
  | { readonly kind: 'missingResult'; readonly what: string }
  /** A population operator gave this person no value (a share of a total of 0, a rank without a value …). */
  | { readonly kind: 'population'; readonly op: string }
  | { readonly kind: 'notFinite' }
  /** A pay line beyond the range within which money is exact (runtime/money.ts MONEY_LIMIT). */
  | { readonly kind: 'outOfRange'; readonly amount: number }
  /** A manual move in the data the policy does not accept (state.ts manualRefusal): the event's kind, the tiers, the
   * reason, and where the event was read. */
  | { readonly kind: 'manualMove'; readonly event: string; readonly from: string; readonly to: string; readonly why: ManualRefusal; readonly place?: RowPlace }
  /** An event's amount outside the range of the tier the person holds that month (`amount: { by: tier, rows }`). */
  | { readonly kind: 'eventAmount'; readonly event: string; readonly tier: string; readonly amount?: number; readonly range?: string; readonly place?: RowPlace };

export interface RunProblem {
  readonly person: number;
  readonly employee: string;
  readonly month: string;
  /** The pay line's output slot, name and place in the policy (a refused manual move: slot -1, the event's kind, and
   * the ladder, where the policy says which manual moves it accepts). */
  readonly slot: number;
  readonly line: string;
  readonly span?: Span;
  /** The values the cause was found through (a named value the pay line reads, and so on), outermost first. */
  readonly via: readonly string[];
  readonly cause: RunCause;
}

/** Past this many, further person-months with a problem are counted, not traced. */
export const TRACED_PROBLEMS = 2000;

const finite = (x: number) => x - x === 0;

/** Why a traced value is not a finite number: the innermost step that made it so. */
export function causeOf(ruleSet: RuleSet, t: Trace, via: string[] = []): { cause: RunCause; via: string[] } {
  const n = t.node;
  if (n.op === 'read') {
    const r = n.read;
    switch (r.from) {
      case 'input': return { cause: { kind: 'missingInput', input: r.index }, via };
      case 'state': return { cause: { kind: 'missingState', state: r.name }, via };
      case 'temp': return t.line ? causeOf(ruleSet, t.line, via) : { cause: { kind: 'notFinite' }, via };
      case 'output': {
        const name = ruleSet.outputs[r.slot]?.name ?? '';
        return t.line ? causeOf(ruleSet, t.line, [...via, name]) : { cause: { kind: 'missingResult', what: name }, via };
      }
      case 'event': return { cause: { kind: 'missingResult', what: 'events' }, via };
      case 'population': return { cause: { kind: 'population', op: populationWhat(ruleSet, r.column) }, via };
    }
  }
  const bad = t.children.find((c) => !finite(c.value));
  if (n.op === 'arith' && n.fn === '/' && !bad && t.children[1]!.value === 0) return { cause: { kind: 'divideByZero', ...divisorName(ruleSet, t.children[1]!) }, via };
  if (n.op === 'table' && !bad) return { cause: { kind: 'noRow', table: n.table, key: t.children[0]!.value }, via };
  if ((n.op === 'history' || n.op === 'prev' || n.op === 'streak') && !bad) return { cause: { kind: 'noMonths', series: n.series }, via };
  if (bad) return causeOf(ruleSet, bad, via);
  return { cause: { kind: 'notFinite' }, via };
}

function divisorName(ruleSet: RuleSet, t: Trace): { divisor?: string } {
  const n = t.node;
  if (n.op !== 'read') return {};
  if (n.read.from === 'input') return { divisor: ruleSet.inputs[n.read.index]!.name };
  if (n.read.from === 'output') return { divisor: ruleSet.outputs[n.read.slot]!.name };
  if (n.read.from === 'state') return { divisor: n.read.name };
  return {};
}

/** Why a population operator gave no value, and the guard that pays something instead. */
function populationText(op: string): { zh: string; en: string } {
  switch (op) {
    case 'share': return { zh: 'team_share 算不出：范围内的合计为 0，或计入的人有人没有该值：写 if team_sum(…) > 0 then … else 0元', en: "team_share cannot be computed: the scope's total is 0, or someone counted has no value: write if team_sum(…) > 0 then … else 0元" };
    case 'sum': return { zh: 'team_sum 算不出：计入的人中有人没有该值', en: 'team_sum cannot be computed: someone it counts has no value' };
    case 'avg': return { zh: 'team_avg 算不出：计入的人都没有该值', en: 'team_avg cannot be computed: nobody it counts has a value' };
    case 'rank': case 'rankLow': case 'rankShare': return { zh: '此人没有排名所依据的值，没有名次', en: 'this person has no value of what is ranked, so no rank' };
    default: return { zh: `${op} 没有值`, en: `${op} has no value` };
  }
}

function populationWhat(ruleSet: RuleSet, column: number): string {
  const op = ruleSet.population.find((p) => p.result === column);
  return op ? `${op.op}` : 'population';
}

/**
 * The pay problems of one month: every present person whose total is not a finite number, each pay line that made it
 * so traced to its cause. `budget` is how many more may be traced; the rest are only counted.
 */
export function monthProblems(ruleSet: RuleSet, a: StageArgs, total: Float64Array, present: Uint8Array, ids: readonly string[], month: string, budget: number): { problems: RunProblem[]; untraced: number } {
  const problems: RunProblem[] = [];
  let untraced = 0;
  const { precision, rounding } = ruleSet.meta;
  for (let i = 0; i < total.length; i++) {
    if (!present[i] || finite(total[i]!)) continue;
    let found = 0;
    ruleSet.outputs.forEach((slot, k) => {
      const x = a.O[k]![i]!;
      if (slot.kind !== 'payLine' || finite(roundToFen(x, precision, rounding))) return;
      found++;
      if (problems.length >= budget) { untraced++; return; }
      const line = lineOfOutput(ruleSet, k);
      const traced = !finite(x) && line ? causeOf(ruleSet, traceLine(ruleSet, a, i, line, () => true)) : undefined;
      const cause: RunCause = traced?.cause ?? (finite(x) ? { kind: 'outOfRange', amount: x } : { kind: 'notFinite' });
      problems.push({ person: i, employee: ids[i]!, month, slot: k, line: slot.name, span: slot.span, via: traced?.via ?? [], cause });
    });
    // A total that is not a number with every line fine would be Ladder's own error: still never a result.
    if (!found) untraced++;
  }
  return { problems, untraced };
}

/** Where in the data a refused record is, as the message begins: `events.csv [Sheet1] row 2: ` (nothing without a place). */
function rowHead(place: RowPlace | undefined): { zh: string; en: string } {
  if (!place) return { zh: '', en: '' };
  const at = `${place.file}${place.sheet ? ` [${place.sheet}]` : ''}`;
  return { zh: `${at} 第 ${place.row} 行 `, en: `${at} row ${place.row}: ` };
}

/** A manual move the policy refused, as a run problem: nothing is computed while one stands. */
export function refusedMoveProblem(ruleSet: RuleSet, r: RefusedMove, employee: string, month: string): RunProblem {
  const e = r.event;
  return {
    person: r.person, employee, month, slot: -1, line: e.kind, ...(ruleSet.manualMoves.span ? { span: ruleSet.manualMoves.span } : {}), via: [],
    cause: { kind: 'manualMove', event: e.kind, from: ruleSet.tiers[r.from] ?? '', to: e.source ?? '', why: r.why, ...(e.place ? { place: e.place } : {}) },
  };
}

/** Each event of this month whose amount lies outside the range of the tier its person holds (A4: a fine of 150 for a
 * 初级客服, whose range is 20~100), as run problems at the event's row. */
export function eventAmountProblems(ruleSet: RuleSet, events: readonly PopulationEvent[], tier: Float64Array, ids: readonly string[], month: string): RunProblem[] {
  const out: RunProblem[] = [];
  for (const e of events) {
    const byTier = ruleSet.eventAmountByTier.get(e.kind);
    if (!byTier) continue;
    const t = tier[e.person]!;
    const r = t === t ? byTier.ranges[t] : undefined;
    if (r && e.amount !== undefined && e.amount >= r.min && e.amount <= r.max) continue;
    out.push({
      person: e.person, employee: ids[e.person]!, month, slot: -1, line: e.kind, span: byTier.span, via: [],
      cause: { kind: 'eventAmount', event: e.kind, tier: ruleSet.tiers[t] ?? '', ...(e.amount !== undefined ? { amount: e.amount } : {}), ...(r ? { range: r.text } : {}), ...(e.place ? { place: e.place } : {}) },
    });
  }
  return out;
}

const MANUAL_WHY: Record<ManualRefusal, (c: { from: string; to: string; event: string }) => { zh: string; en: string }> = {
  unknownTier: (c) => ({ zh: `「${c.to}」不是本政策的职级`, en: `«${c.to}» is not a tier of this policy` }),
  noTier: () => ({ zh: '此人当时没有职级', en: 'the person has no tier then' }),
  sameTier: (c) => ({ zh: `此人当时已是 ${c.to}`, en: `the person is already ${c.to} then` }),
  wrongWay: (c) => c.event === 'promote.manual'
    ? { zh: `${c.from} → ${c.to} 是降级，却记为 promote.manual（人工晋升）`, en: `${c.from} → ${c.to} is a demotion, recorded as promote.manual` }
    : { zh: `${c.from} → ${c.to} 是晋升，却记为 demote.manual（人工降级）`, en: `${c.from} → ${c.to} is a promotion, recorded as demote.manual` },
  notAccepted: (c) => ({
    zh: `政策不接受人工 ${c.from} → ${c.to}：在 promotions/demotions 写 { from: ${c.from}, to: ${c.to}, manual: true }，或在 ladder 写 manual_moves: one_step / any`,
    en: `the policy does not accept a manual move ${c.from} → ${c.to}: declare { from: ${c.from}, to: ${c.to}, manual: true } under promotions/demotions, or write manual_moves: one_step / any under ladder`,
  }),
};

function stateLabel(name: string): string {
  const doc = STATE.find((d) => d.name === name);
  return doc ? `${name}（${doc.aliases[0]}）` : name;
}

/** The cause in words, Chinese and English, with what fixes it. */
export function causeText(ruleSet: RuleSet, c: RunCause): { zh: string; en: string } {
  switch (c.kind) {
    case 'missingInput': {
      const inp = ruleSet.inputs[c.input]!;
      const label = inp.aliases[0] && inp.aliases[0] !== inp.name ? `${inp.name}（${inp.aliases[0]}）` : inp.name;
      return { zh: `${label} 在数据中没有值：补上数据，或在公式中写明没有值时怎么算`, en: `${label} has no value in the data: fill it in, or say in the formula what happens without one` };
    }
    case 'missingState':
      if (c.state === 'star') return { zh: `${stateLabel('star')} 没有值：政策没有 stars.initial，数据也没有给出星级；在 stars 下写 initial:，或在员工表给出 star 列`, en: 'star has no value: the policy has no stars.initial and the data gives no star; write initial: under stars, or give a star column in the employees table' };
      if (c.state === 'tier') return { zh: `${stateLabel('tier')} 没有值：员工表没有职级，政策也没有定级规则`, en: 'tier has no value: the employees table gives no tier and no placement rule places the person' };
      return { zh: `${stateLabel(c.state)} 没有值（员工表缺少它所依据的日期）`, en: `${c.state} has no value (the employees table lacks the date it is counted from)` };
    case 'divideByZero': {
      const d = c.divisor ?? '';
      return {
        zh: `除数${d ? ' ' + d : ''} 为 0：写 if ${d || '除数'} > 0 then … else 0元`,
        en: `division by zero${d ? ` (${d} is 0)` : ''}: write if ${d || 'divisor'} > 0 then … else 0元`,
      };
    }
    case 'noRow': {
      const t = ruleSet.plan.tables.get(c.table);
      const key = Number.isInteger(c.key) ? t?.keys[c.key] ?? String(c.key) : String(c.key);
      if (t?.byNumber) return { zh: `表 ${t.name} 没有「${key}」这一行：补上这一行，或在表中写 cap_at_top: true（高于最高一行按最高一行）或 otherwise:（没有对应行时的取值）`, en: `table ${t.name} has no row for «${key}»: add the row, or write cap_at_top: true (above the top row reads the top row) or otherwise: (the value without a row) in the table` };
      return { zh: `表 ${t?.name ?? ''} 没有「${key}」这一行：补上这一行`, en: `table ${t?.name ?? ''} has no row for «${key}»: add the row` };
    }
    case 'noMonths': {
      return { zh: '所读的月份里没有任何值（数据在这段时间没有此人的记录）：写 if … then … else 说明此时怎么算', en: 'no month of the window read has a value (the data has no row for the person then): say with if … then … else what happens then' };
    }
    case 'missingResult': return { zh: `${c.what} 没有值`, en: `${c.what} has no value` };
    case 'population': return populationText(c.op);
    case 'notFinite': return { zh: '结果不是有限的数（超出范围）', en: 'the result is not a finite number (out of range)' };
    case 'manualMove': {
      const why = MANUAL_WHY[c.why](c);
      const head = rowHead(c.place);
      return { zh: `${head.zh}${c.event}（→ ${c.to}）未执行：${why.zh}`, en: `${head.en}${c.event} (→ ${c.to}) not applied: ${why.en}` };
    }
    case 'eventAmount': {
      const head = rowHead(c.place);
      const tier = c.tier || (c.range ? '' : '（无职级）');
      const why = !c.range
        ? { zh: `政策没有给 ${c.tier || '无职级的人'} 此项的金额范围`, en: `the policy gives no range of this amount for ${c.tier || 'a person without a tier'}` }
        : c.amount === undefined
          ? { zh: `没有金额，${tier} 应在 ${c.range} 之间`, en: `no amount; for ${tier} it must lie within ${c.range}` }
          : { zh: `金额 ${c.amount} 不在 ${tier} 的范围 ${c.range} 内`, en: `the amount ${c.amount} is outside ${tier}'s range ${c.range}` };
      return { zh: `${head.zh}${c.event}：${why.zh}`, en: `${head.en}${c.event}: ${why.en}` };
    }
    case 'outOfRange': return { zh: `金额 ${c.amount} 元超出可精确计算的范围（±${MONEY_LIMIT.toLocaleString('en')} 元）`, en: `the amount ${c.amount} yuan is beyond the range within which money is exact (±${MONEY_LIMIT.toLocaleString('en')} yuan)` };
  }
}

/**
 * The problems in words, grouped: one entry per pay line and cause, with how many person-months it hit and the first
 * few of them, so a cause that hits every row is one line, not thousands.
 */
export function renderRunProblems(problems: readonly RunProblem[], untraced: number, ruleSet: RuleSet, file: SourceFile, lang: Lang): string[] {
  const groups = new Map<string, RunProblem[]>();
  for (const p of problems) {
    const key = `${p.slot}\u0000${JSON.stringify(p.cause.kind === 'noRow' ? { ...p.cause, key: 0 } : p.cause)}\u0000${p.via.join('\u0000')}`;
    const g = groups.get(key);
    if (g) g.push(p);
    else groups.set(key, [p]);
  }
  const out: string[] = [];
  for (const g of groups.values()) {
    const p = g[0]!;
    const pos = positionOf(file, p.span?.start ?? 0);
    const where = `${p.span?.file ?? file.name}:${pos.line}:${pos.column}`;
    const text = causeText(ruleSet, p.cause);
    if (p.cause.kind === 'manualMove' || p.cause.kind === 'eventAmount') {
      const code = p.cause.kind === 'manualMove' ? 'R002' : 'R003';
      out.push(lang === 'zh' ? `${where} 运行错误 ${code} ${p.employee} ${p.month} ${text.zh}` : `${where} run error ${code} ${p.employee} ${p.month} ${text.en}`);
      continue;
    }
    const via = p.via.length ? (lang === 'zh' ? `（经由 ${p.via.join(' → ')}）` : ` (through ${p.via.join(' → ')})`) : '';
    const examples = g.slice(0, 5).map((x) => `${x.employee} ${x.month}`).join(', ');
    const more = g.length > 5 ? (lang === 'zh' ? ` 等 ${g.length} 个人月` : ` and ${g.length - 5} more (${g.length} person-months)`) : '';
    out.push(lang === 'zh'
      ? `${where} 运行错误 R001 ${p.line} 算不出${via}：${text.zh}。${examples}${more}`
      : `${where} run error R001 ${p.line} cannot be computed${via}: ${text.en}. ${examples}${more}`);
  }
  if (untraced) out.push(lang === 'zh' ? `另有 ${untraced} 处工资项算不出（未逐一追查）` : `${untraced} more pay line(s) cannot be computed (not traced one by one)`);
  out.push(problems.some((p) => p.cause.kind !== 'manualMove' && p.cause.kind !== 'eventAmount') || untraced
    ? (lang === 'zh' ? `工资算不出，未输出任何结果。` : 'Pay could not be computed; no results were written.')
    : (lang === 'zh' ? `数据中的记录不合政策，未输出任何结果。` : 'Records in the data are not accepted by the policy; no results were written.'));
  return out;
}
