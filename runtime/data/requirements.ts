// What a compiled policy reads from employee data: the columns of each table with their types, enum values
// and aliases, and the event kinds with the amount ranges and notes their items ask for. The loader builds
// its checks from this; the playground can show it as a template of the data to prepare.

import type { CompileResult } from '../../compiler/compile.ts';
import { STANDARD_EVENTS } from '../../compiler/check/builtins.ts';
import { buildIr } from '../../compiler/ir/build.ts';
import { type Amount, amountRange } from '../../compiler/model/quantity.ts';
import type { InputType, PercentFormat } from '../../compiler/model/policy.ts';

export type TableName = 'employees' | 'monthly' | 'events';
export const TABLES: readonly TableName[] = ['employees', 'monthly', 'events'];

/** Column types: an input's type, or one of the data model's own (an id, a month, free text). */
export type ColumnType = InputType | 'id' | 'month';

export interface ColumnRequirement {
  /** The standard name (or the policy's input name). */
  readonly name: string;
  /** Other headers accepted for it: the data model's Chinese name, the input's label. */
  readonly aliases: readonly string[];
  readonly type: ColumnType;
  readonly values?: readonly string[];
  readonly format?: PercentFormat;
  /** The file must have this column (the policy reads it, or the data model needs it). */
  readonly required: boolean;
  /** A blank cell is a problem (D002); otherwise a blank means "not given". */
  readonly valueRequired: boolean;
  /** Declared by the policy (an input or a score-sheet item), as opposed to a standard column. */
  readonly policy: boolean;
}

export interface EventKindRequirement {
  readonly name: string;
  readonly aliases: readonly string[];
  /** The amount must lie in [min, max] and be given (an item whose points are a range such as 2~5). */
  readonly amount?: { readonly min: number; readonly max: number; readonly text: string };
  /** With a range by tier: the amounts every tier's range allows (absent when the ranges share none), for data made
   * without knowing the tiers (ladder gen). */
  readonly amountInEveryTier?: { readonly min: number; readonly max: number };
  readonly noteRequired: boolean;
  readonly standard: boolean;
}

export interface DataRequirements {
  readonly employees: readonly ColumnRequirement[];
  readonly monthly: readonly ColumnRequirement[];
  readonly events: readonly ColumnRequirement[];
  /** Score-sheet item columns (also in `monthly`): `<section>.<item>` or `<section>.<item>@<rater>`. */
  readonly items: readonly ColumnRequirement[];
  readonly eventKinds: readonly EventKindRequirement[];
}

/** Input types whose blank cell cannot be computed with. */
const NUMERIC: ReadonlySet<InputType> = new Set(['money', 'percent', 'number', 'integer', 'count', 'points', 'months', 'days']);

type Std = readonly [name: string, aliases: readonly string[], type: ColumnType, values?: readonly string[]];

export const EDUCATION = ['初中', '高中', '中专', '大专', '本科', '硕士', '博士'] as const;

/** The data model's standard columns (docs: shared/spec/data-model.md). */
export const STANDARD_COLUMNS: Readonly<Record<TableName, readonly Std[]>> = {
  employees: [
    ['id', ['工号'], 'id'], ['name', ['姓名'], 'text'], ['team', ['组别'], 'text'], ['role', ['岗位'], 'text'],
    ['hire_date', ['入职日期'], 'date'], ['regular_date', ['转正日期'], 'date'], ['cs_start_date', ['客服岗起始日期'], 'date'],
    ['education', ['学历'], 'enum', EDUCATION], ['birth_date', ['出生日期'], 'date'], ['track', ['序列'], 'text'],
    ['tier', ['职级'], 'text'], ['tier_since', ['职级起始日期'], 'date'], ['star', ['星级'], 'integer'],
    ['post_wage', ['岗位工资'], 'money'],
    // Not in the data model's table, but the month checks use it when an export has it.
    ['leave_date', ['离职日期'], 'date'],
  ],
  monthly: [
    ['id', ['工号'], 'id'], ['month', ['月份'], 'month'], ['score', ['考核分'], 'number'], ['tickets', ['工作量'], 'integer'],
    ['revenue', ['业务额'], 'money'], ['sales', ['销售额'], 'money'], ['complaints', ['有效投诉'], 'integer'],
    ['complaint_rate', ['投诉率'], 'percent'], ['satisfaction', ['满意度'], 'percent'], ['error_rate', ['出错率'], 'percent'],
    ['late', ['迟到次数'], 'integer'], ['early_leave', ['早退次数'], 'integer'], ['sick_leave_days', ['病假天数'], 'number'],
    ['personal_leave_days', ['事假天数'], 'number'], ['statutory_leave_days', ['法定假天数'], 'number'],
    ['absent_days', ['旷工天数'], 'number'], ['swaps', ['调休次数'], 'integer'], ['typing_speed', ['打字速度'], 'integer'],
    ['skill_test', ['技能考核'], 'number'], ['exam', ['考试分'], 'number'],
  ],
  events: [
    ['id', ['工号'], 'id'], ['date', ['日期'], 'date'], ['kind', ['类别'], 'text'], ['count', ['次数'], 'count'],
    ['amount', ['金额/分值', '金额', '分值'], 'number'], ['source', ['来源'], 'text'], ['note', ['说明'], 'text'],
  ],
};

/** Columns every file of a table must have, and cells that must not be blank. */
const REQUIRED: Readonly<Record<TableName, readonly string[]>> = {
  employees: ['id', 'hire_date'],
  monthly: ['id', 'month'],
  events: ['id', 'date', 'kind'],
};

const STANDARD_EVENT_LABELS: Readonly<Record<string, readonly string[]>> = {
  'promote.manual': ['人工晋降', '人工晋升'],
  'demote.manual': ['人工晋降', '人工降级'],
};

function standardColumn(table: TableName, [name, aliases, type, values]: Std): ColumnRequirement {
  const required = REQUIRED[table].includes(name);
  return { name, aliases, type, ...(values ? { values } : {}), required, valueRequired: required, policy: false };
}

function rangeOf(amount: Amount | undefined): EventKindRequirement['amount'] {
  return amount?.kind === 'range' ? amountRange(amount) : undefined;
}

/** The range covering every one of these (the lowest minimum to the highest maximum). */
function widest(ranges: readonly EventKindRequirement['amount'][]): EventKindRequirement['amount'] {
  const all = ranges.filter((r) => r !== undefined);
  if (!all.length) return undefined;
  const min = Math.min(...all.map((r) => r.min));
  const max = Math.max(...all.map((r) => r.max));
  return { min, max, text: `${min}~${max}` };
}

/** The range inside every one of these, if they share one. */
function common(ranges: readonly EventKindRequirement['amount'][]): { min: number; max: number } | undefined {
  if (ranges.some((r) => r === undefined) || !ranges.length) return undefined;
  const min = Math.max(...ranges.map((r) => r!.min));
  const max = Math.min(...ranges.map((r) => r!.max));
  return min <= max ? { min, max } : undefined;
}

/**
 * The data a policy reads. Without a checked policy (the policy has errors) only the standard columns
 * and kinds are known, so data can still be checked against the data model.
 */
export function dataRequirements(result: CompileResult): DataRequirements {
  const checked = result.checked;
  const policy = checked?.policy;
  const tiers = checked?.scope.tiers ?? [];
  const cols: Record<TableName, ColumnRequirement[]> = {
    employees: STANDARD_COLUMNS.employees.map((s) => standardColumn('employees', s)),
    monthly: STANDARD_COLUMNS.monthly.map((s) => standardColumn('monthly', s)),
    events: STANDARD_COLUMNS.events.map((s) => standardColumn('events', s)),
  };
  // A tier in the data must be one of the policy's tiers.
  if (tiers.length) cols.employees = cols.employees.map((c) => (c.name === 'tier' ? { ...c, type: 'enum', values: [...tiers] } : c));

  for (const decl of policy?.inputs ?? []) {
    // An input is a standard column when its name is the column's, or its name or label is the column's Chinese name
    // (考核分: number, or score2 with label 考核分, reads the 考核分/score column; issue 19: it was reported missing).
    const isStd = (names: readonly string[]) => ([n, aliases]: Std) => names.includes(n) || aliases.some((a) => names.includes(a));
    const byName = isStd([decl.name]);
    const byAny = isStd([decl.name, ...(decl.label ? [decl.label] : [])]);
    const inEmployees = decl.from === 'employees' || (decl.from === undefined && (STANDARD_COLUMNS.employees.some(byName) || (!STANDARD_COLUMNS.monthly.some(byAny) && STANDARD_COLUMNS.employees.some(byAny))));
    const table: TableName = inEmployees ? 'employees' : 'monthly';
    const std = STANDARD_COLUMNS[table].find(([n]) => n === decl.name) ?? STANDARD_COLUMNS[table].find(byAny);
    // The standard column an input takes the place of is no longer asked for under its own name.
    if (std && std[0] !== decl.name && !REQUIRED[table].includes(std[0])) cols[table] = cols[table].filter((c) => c.name !== std[0]);
    const aliases = [...(std && std[0] !== decl.name ? [std[0]] : []), ...(std?.[1] ?? []), ...(decl.label && decl.label !== decl.name ? [decl.label] : [])].filter((a) => a !== decl.name);
    const column: ColumnRequirement = {
      name: decl.name, aliases: [...new Set(aliases)], type: decl.type,
      ...(decl.type === 'enum' ? { values: [...decl.values.map((v) => v.name), ...decl.valueAliases.map((a) => a.from.name)] } : {}),
      ...(decl.format ? { format: decl.format } : {}),
      // A blank number the policy computes with would be NaN pay: it is a problem at its cell (D002). Inputs have no
      // default to fall back on; a blank text or enum stays "not given" (the policy may test for it).
      required: true, valueRequired: NUMERIC.has(decl.type), policy: true,
    };
    const at = cols[table].findIndex((c) => c.name === decl.name);
    if (at >= 0) cols[table][at] = { ...column, required: true, valueRequired: column.valueRequired || cols[table][at]!.valueRequired };
    else cols[table].push(column);
  }

  const items: ColumnRequirement[] = [];
  if (checked) {
    for (const input of buildIr(checked).inputs) {
      if (!input.item) continue;
      items.push({ name: input.name, aliases: [], type: 'points', required: true, valueRequired: true, policy: true });
    }
  }
  cols.monthly.push(...items);

  // Event kinds: the standard ones, the policy's events, and every item of its deduction and bonus tables.
  const kinds = new Map<string, EventKindRequirement>();
  for (const [name, label] of STANDARD_EVENTS) {
    kinds.set(name, { name, aliases: [...new Set([label, ...(STANDARD_EVENT_LABELS[name] ?? [])])], noteRequired: false, standard: true });
  }
  const merge = (name: string, extra: Partial<EventKindRequirement> & { aliases?: readonly string[] }) => {
    const prior = kinds.get(name);
    const amount = extra.amount ?? prior?.amount;
    kinds.set(name, {
      name,
      aliases: [...new Set([...(prior?.aliases ?? []), ...(extra.aliases ?? [])])],
      ...(amount ? { amount } : {}),
      ...(extra.amountInEveryTier ?? prior?.amountInEveryTier ? { amountInEveryTier: extra.amountInEveryTier ?? prior!.amountInEveryTier! } : {}),
      noteRequired: (prior?.noteRequired ?? false) || (extra.noteRequired ?? false),
      standard: prior?.standard ?? false,
    });
  };
  for (const ev of policy?.events ?? []) {
    // By tier: the loader checks the widest range (any tier's), the run the person's tier that month.
    const amount = ev.amountByTier ? widest(ev.amountByTier.map((r) => rangeOf(r.amount))) : rangeOf(ev.amount);
    const shared = ev.amountByTier ? common(ev.amountByTier.map((r) => rangeOf(r.amount))) : undefined;
    merge(ev.name, { aliases: ev.label ? [ev.label] : [], ...(amount ? { amount } : {}), ...(shared ? { amountInEveryTier: shared } : {}), noteRequired: ev.noteRequired });
  }
  for (const table of policy?.adjustments ?? []) {
    for (const item of table.items) {
      const amount = rangeOf(item.points);
      merge(item.name, { ...(amount ? { amount } : {}), noteRequired: item.noteRequired });
    }
  }
  // Any kind the checker knows that the lists above missed (there should be none).
  if (checked) for (const name of checked.scope.events) if (!kinds.has(name)) merge(name, {});

  return { employees: cols.employees, monthly: cols.monthly, events: cols.events, items, eventKinds: [...kinds.values()] };
}
