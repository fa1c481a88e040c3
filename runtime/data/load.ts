// Loads the three tables of employee data (employees, monthly, events) against what a policy reads, and
// reports every problem at once — file, sheet, row, column, value, what was expected — before anything runs.
//
//   sources ──headers──▶ columns by standard name or alias ──zod, per row──▶ typed rows ──cross-row──▶ data
//           (D001, D021)                                      (D002–D007, D014–D017)    (D008–D013)
//
// Pure: no Node imports, so the playground runs it in a Web Worker on files the user drops in.

import { z } from 'zod';
import { suggestName } from '../../compiler/diagnostics/suggest.ts';
import type { Bilingual, DataCode, DataProblem } from './messages.ts';
import type { ColumnRequirement, DataRequirements, EventKindRequirement, TableName } from './requirements.ts';
import {
  type IsoDate, type IsoMonth, type ValueResult, normalizeCell, parseBoolean, parseCount, parseDate, parseEnum,
  parseInteger, parseMoney, parseMonth, parseNumber, parsePercent,
} from './values.ts';

// ── Sources ─────────────────────────────────────────────────────────────────────────────────────────────────

/** A table as read from a CSV file or a sheet of a workbook: text cells, each row with its source row. */
export interface Table {
  readonly file: string;
  /** The sheet of a workbook: its day numbers are read as dates too. */
  readonly sheet?: string;
  readonly header: readonly string[];
  /** Row of the header; 1 when not given. */
  readonly headerRow?: number;
  readonly rows: readonly { readonly row: number; readonly cells: readonly string[] }[];
  /** The CSV reader met a quote never closed on this row; rows before it are in `rows`. */
  readonly unterminatedQuoteRow?: number;
}

/** A JSON array of objects, one per row (row numbers count records from 1). */
export interface JsonRecords {
  readonly file: string;
  readonly records: readonly unknown[];
}

export type TableSource = Table | JsonRecords | readonly unknown[];

export interface DataSources {
  readonly employees?: TableSource;
  readonly monthly?: TableSource;
  readonly events?: TableSource;
}

// ── Loaded data ─────────────────────────────────────────────────────────────────────────────────────────────

/** A parsed cell: money in fen, a percent as a fraction, dates YYYY-MM-DD, enums as declared. */
export type CellValue = number | boolean | string;

export interface Employee {
  readonly row: number;
  readonly id: string;
  readonly hire_date: IsoDate;
  readonly name?: string;
  readonly team?: string;
  readonly role?: string;
  readonly regular_date?: IsoDate;
  readonly cs_start_date?: IsoDate;
  readonly education?: string;
  readonly birth_date?: IsoDate;
  readonly track?: string;
  readonly tier?: string;
  readonly tier_since?: IsoDate;
  readonly star?: number;
  /** Fen. */
  readonly post_wage?: number;
  readonly leave_date?: IsoDate;
  /** Every column read, by standard or input name (a blank cell is absent). */
  readonly values: Readonly<Record<string, CellValue>>;
}

export interface MonthlyRow {
  readonly row: number;
  readonly id: string;
  readonly month: IsoMonth;
  readonly values: Readonly<Record<string, CellValue>>;
}

export interface EventRow {
  readonly row: number;
  readonly id: string;
  readonly date: IsoDate;
  /** The month containing the date: the event counts there. */
  readonly month: IsoMonth;
  /** The kind's declared name (an alias such as 客户书面表扬 is resolved). */
  readonly kind: string;
  readonly count: number;
  readonly amount?: number;
  readonly source?: string;
  readonly note?: string;
}

export interface EmployeeData {
  readonly employees: readonly Employee[];
  /** Monthly rows by id, then by month. */
  readonly monthly: ReadonlyMap<string, ReadonlyMap<IsoMonth, MonthlyRow>>;
  /** The months present in the monthly table, in order. */
  readonly months: readonly IsoMonth[];
  readonly events: readonly EventRow[];
}

export interface LoadResult {
  readonly data: EmployeeData;
  readonly problems: readonly DataProblem[];
}

// ── Loading ─────────────────────────────────────────────────────────────────────────────────────────────────

/** Headers are matched after NFKC and trimming, ignoring ASCII case. */
function headerKey(header: string): string {
  return header.normalize('NFKC').trim().toLowerCase();
}

const DEFAULT_FILE: Readonly<Record<TableName, string>> = { employees: 'employees', monthly: 'monthly', events: 'events' };

interface Collector {
  add(code: DataCode, row: number, column: string, value: string, expected: Bilingual, suggestion?: string, order?: number): void;
}

/** Loads and checks every table; never throws for a mistake in the data. */
export function loadTables(sources: DataSources, requirements: DataRequirements): LoadResult {
  const problems: (DataProblem & { order: number; table: number })[] = [];
  const tables = {
    employees: sources.employees && toTable(sources.employees, 'employees', problems),
    monthly: sources.monthly && toTable(sources.monthly, 'monthly', problems),
    events: sources.events && toTable(sources.events, 'events', problems),
  };
  const collect = (table: TableName, t: Table | undefined): Collector => ({
    add(code, row, column, value, expected, suggestion, order = 0) {
      problems.push({
        code, file: t?.file ?? DEFAULT_FILE[table], ...(t?.sheet !== undefined ? { sheet: t.sheet } : {}), row, column, value, expected,
        ...(suggestion !== undefined ? { suggestion } : {}), order, table: TABLE_ORDER[table],
      });
    },
  });

  // 1. Tables that must be there.
  const needsMonthly = requirements.monthly.some((c) => c.policy);
  if (!tables.employees) collect('employees', undefined).add('D019', 0, '', '', { zh: '员工表（employees / 员工）', en: 'the employees table (employees / 员工)' });
  if (!tables.monthly && needsMonthly) collect('monthly', undefined).add('D019', 0, '', '', { zh: '月度表（monthly / 月度）', en: 'the monthly table (monthly / 月度)' });

  // 2. Each table's rows, cell by cell.
  const employees = tables.employees ? readRows(tables.employees, requirements.employees, collect('employees', tables.employees), undefined) : [];
  const monthlyRows = tables.monthly ? readRows(tables.monthly, requirements.monthly, collect('monthly', tables.monthly), undefined) : [];
  const eventRows = tables.events ? readRows(tables.events, requirements.events, collect('events', tables.events), requirements.eventKinds) : [];

  // 3. Across rows and tables.
  const byId = new Map<string, Employee>();
  const empOut = collect('employees', tables.employees);
  for (const r of employees) {
    if (r.id === undefined) continue;
    if (byId.has(r.id)) {
      empOut.add('D008', r.row, r.header('id'), r.id, { zh: `唯一的工号（已见于第 ${byId.get(r.id)!.row} 行）`, en: `a unique id (already on row ${byId.get(r.id)!.row})` }, undefined, r.order('id'));
      continue;
    }
    if (r.values) byId.set(r.id, toEmployee(r.row, r.values));
  }
  const knownIds = tables.employees && hasColumn(tables.employees, requirements.employees, 'id') ? new Set(employees.map((r) => r.id)) : undefined;

  const monthly = new Map<string, Map<IsoMonth, MonthlyRow>>();
  const months = new Set<IsoMonth>();
  const monOut = collect('monthly', tables.monthly);
  for (const r of monthlyRows) {
    // A row refused for another cell still says which months the data covers (for D013).
    if (r.values && typeof r.values['month'] === 'string') months.add(r.values['month'] as IsoMonth);
    else {
      const m = parseMonth(r.cell('month'));
      if (m.ok) months.add(m.value);
    }
    if (r.id === undefined) continue;
    if (knownIds && !knownIds.has(r.id)) {
      monOut.add('D009', r.row, r.header('id'), r.id, unknownIdExpected, suggestName(r.id, knownIds as Set<string>), r.order('id'));
      continue;
    }
    const v = r.values;
    if (!v) continue;
    const month = v['month'] as IsoMonth;
    const person = monthly.get(r.id) ?? new Map<IsoMonth, MonthlyRow>();
    const prior = person.get(month);
    if (prior) {
      monOut.add('D010', r.row, r.header('month'), r.cell('month'), { zh: `每人每月一行（已见于第 ${prior.row} 行）`, en: `one row per person and month (already on row ${prior.row})` }, undefined, r.order('month'));
      continue;
    }
    const emp = byId.get(r.id);
    if (emp && month < emp.hire_date.slice(0, 7)) {
      monOut.add('D011', r.row, r.header('month'), r.cell('month'), { zh: `入职月份 ${emp.hire_date.slice(0, 7)} 或之后`, en: `the hire month ${emp.hire_date.slice(0, 7)} or later` }, undefined, r.order('month'));
    } else if (emp?.leave_date && month > emp.leave_date.slice(0, 7)) {
      monOut.add('D012', r.row, r.header('month'), r.cell('month'), { zh: `离职月份 ${emp.leave_date.slice(0, 7)} 或之前`, en: `the leave month ${emp.leave_date.slice(0, 7)} or earlier` }, undefined, r.order('month'));
    }
    const values = Object.create(null) as Record<string, CellValue>;
    for (const k in v) if (k !== 'id' && k !== 'month') values[k] = v[k]!;
    person.set(month, { row: r.row, id: r.id, month, values });
    monthly.set(r.id, person);
    months.add(month);
  }
  const monthList = [...months].sort();

  const events: EventRow[] = [];
  const evOut = collect('events', tables.events);
  for (const r of eventRows) {
    if (r.id === undefined) continue;
    if (knownIds && !knownIds.has(r.id)) {
      evOut.add('D009', r.row, r.header('id'), r.id, unknownIdExpected, suggestName(r.id, knownIds as Set<string>), r.order('id'));
      continue;
    }
    const v = r.values;
    if (!v) continue;
    const date = v['date'] as IsoDate;
    const month = date.slice(0, 7);
    if (monthList.length && !months.has(month)) {
      evOut.add('D013', r.row, r.header('date'), r.cell('date'), { zh: `${monthList[0]} 至 ${monthList.at(-1)} 之间有数据的月份`, en: `a date in a month of the monthly data (${monthList[0]} to ${monthList.at(-1)})` }, undefined, r.order('date'));
    }
    events.push({
      row: r.row, id: r.id, date, month, kind: v['kind'] as string, count: (v['count'] as number | undefined) ?? 1,
      ...pick(v, 'amount'), ...pick(v, 'source'), ...pick(v, 'note'),
    } as EventRow);
  }

  const sorted = problems.sort((a, b) => a.table - b.table || a.row - b.row || a.order - b.order);
  return {
    data: { employees: [...byId.values()], monthly, months: monthList, events },
    problems: sorted.map(({ order: _o, table: _t, ...p }) => p),
  };
}

const TABLE_ORDER: Readonly<Record<TableName, number>> = { employees: 0, monthly: 1, events: 2 };
const unknownIdExpected: Bilingual = { zh: '员工表中的工号', en: 'an id from the employees table' };

function pick(v: Record<string, CellValue>, key: string): Record<string, CellValue> {
  return v[key] === undefined ? {} : { [key]: v[key]! };
}

function nullProto<T extends object>(o: T): T {
  return Object.assign(Object.create(null) as T, o);
}

function toEmployee(row: number, v: Record<string, CellValue>): Employee {
  const { id, hire_date, ...rest } = v;
  const std: Record<string, CellValue> = {};
  for (const k of ['name', 'team', 'role', 'regular_date', 'cs_start_date', 'education', 'birth_date', 'track', 'tier', 'tier_since', 'star', 'post_wage', 'leave_date']) {
    if (rest[k] !== undefined) std[k] = rest[k]!;
  }
  return { row, id: id as string, hire_date: hire_date as IsoDate, ...std, values: nullProto(v) } as Employee;
}

// ── Sources to tables ───────────────────────────────────────────────────────────────────────────────────────

function isTable(s: TableSource): s is Table {
  return !Array.isArray(s) && 'header' in (s as object);
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

/** A JSON array of objects as a table: the header is every key, in the order first met. */
function toTable(source: TableSource, table: TableName, problems: (DataProblem & { order: number; table: number })[]): Table {
  if (isTable(source)) return source;
  const file = Array.isArray(source) ? `${table}.json` : (source as JsonRecords).file;
  const records = Array.isArray(source) ? source : (source as JsonRecords).records;
  const header: string[] = [];
  const seen = new Set<string>();
  const objects: (Record<string, unknown> | undefined)[] = records.map((rec, i) => {
    if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) {
      problems.push({ code: 'D022', file, row: i + 1, column: '', value: cellText(rec).slice(0, 40), expected: { zh: '一个对象 {…}', en: 'an object {…}' }, order: 0, table: TABLE_ORDER[table] });
      return undefined;
    }
    for (const k of Object.keys(rec)) if (!seen.has(k)) { seen.add(k); header.push(k); }
    return rec as Record<string, unknown>;
  });
  const rows = objects.flatMap((o, i) => (o ? [{ row: i + 1, cells: header.map((h) => cellText(Object.hasOwn(o, h) ? o[h] : undefined)) }] : []));
  return { file, header, headerRow: 0, rows };
}

// ── Headers ─────────────────────────────────────────────────────────────────────────────────────────────────

interface ColumnMap {
  /** Column requirement → index in the row's cells. */
  readonly at: Map<ColumnRequirement, number>;
  readonly byName: Map<string, ColumnRequirement>;
}

function lookupFor(columns: readonly ColumnRequirement[]): Map<string, ColumnRequirement> {
  const lookup = new Map<string, ColumnRequirement>();
  for (const c of columns) for (const n of [c.name, ...c.aliases]) if (!lookup.has(headerKey(n))) lookup.set(headerKey(n), c);
  return lookup;
}

function hasColumn(t: Table, columns: readonly ColumnRequirement[], name: string): boolean {
  const lookup = lookupFor(columns);
  return t.header.some((h) => lookup.get(headerKey(h))?.name === name);
}

function typeText(c: ColumnRequirement): Bilingual {
  switch (c.type) {
    case 'id': return { zh: '工号', en: 'an employee id' };
    case 'date': return { zh: '日期 YYYY-MM-DD', en: 'a date YYYY-MM-DD' };
    case 'month': return { zh: '月份 YYYY-MM', en: 'a month YYYY-MM' };
    case 'money': return { zh: '金额，如 1234.50（至多两位小数）', en: 'an amount such as 1234.50 (at most two decimals)' };
    case 'percent': {
      const ex = c.format === '98' ? '98' : c.format === '0.98' ? '0.98' : '98%';
      return { zh: `0%–100% 的百分比，如 ${ex}`, en: `a percent from 0% to 100%, such as ${ex}` };
    }
    case 'integer': return { zh: '整数', en: 'a whole number' };
    case 'count': return { zh: '非负整数', en: 'a whole number, 0 or more' };
    case 'boolean': return { zh: '是/否', en: 'yes/no (true/false, 是/否, 1/0)' };
    case 'enum': return { zh: `以下之一：${(c.values ?? []).join('、')}`, en: `one of ${(c.values ?? []).join(', ')}` };
    case 'text': return { zh: '文本', en: 'text' };
    default: return { zh: '数字', en: 'a number' };
  }
}

function columnExpected(c: ColumnRequirement): Bilingual {
  const t = typeText(c);
  const alias = c.aliases.length ? `（${c.aliases.join(' / ')}）` : '';
  const aliasEn = c.aliases.length ? ` (${c.aliases.join(' / ')})` : '';
  return { zh: `列 ${c.name}${alias}：${t.zh}`, en: `a column ${c.name}${aliasEn}: ${t.en}` };
}

function mapHeaders(t: Table, columns: readonly ColumnRequirement[], out: Collector): ColumnMap {
  const lookup = lookupFor(columns);
  const at = new Map<ColumnRequirement, number>();
  const unmatched: string[] = [];
  const headerRow = t.headerRow ?? 1;
  t.header.forEach((h, i) => {
    const c = lookup.get(headerKey(h));
    if (!c) { if (h.trim()) unmatched.push(h); return; }
    if (at.has(c)) {
      out.add('D021', headerRow, h, h, { zh: `列 ${c.name} 只出现一次（已见于第 ${at.get(c)! + 1} 列）`, en: `column ${c.name} once (already column ${at.get(c)! + 1})` }, undefined, i);
      return;
    }
    at.set(c, i);
  });
  for (const c of columns) {
    if (!c.required || at.has(c)) continue;
    let found: { header: string; name: string } | undefined;
    for (const name of [...c.aliases, c.name]) {
      const header = suggestName(name, unmatched);
      if (header !== undefined) { found = { header, name }; break; }
    }
    if (found) out.add('D001', headerRow, found.header, found.header, columnExpected(c), found.name, t.header.indexOf(found.header));
    else out.add('D001', headerRow, c.aliases[0] ?? c.name, '', columnExpected(c), undefined, t.header.length);
  }
  return { at, byName: new Map([...at.keys()].map((c) => [c.name, c])) };
}

// ── Rows ────────────────────────────────────────────────────────────────────────────────────────────────────

interface RowImpl {
  row: number;
  cells: readonly string[];
  id: string | undefined;
  values: Record<string, CellValue> | undefined;
  header(name: string): string;
  cell(name: string): string;
  order(name: string): number;
}

interface ReadRow {
  readonly row: number;
  /** The trimmed id, when the row has one (even if another cell is wrong), for the cross-row checks. */
  readonly id: string | undefined;
  /** The parsed cells, when every cell of the row is right. */
  readonly values: Record<string, CellValue> | undefined;
  header(name: string): string;
  cell(name: string): string;
  order(name: string): number;
}

/** Zod issues carry our code and expectation in `params`. */
interface IssueParams {
  readonly code: DataCode;
  readonly expected: Bilingual;
  readonly suggestion?: string;
  readonly column?: string;
}

/** Reads one cell of a column: its value, nothing for an allowed blank, or the problem with it. */
function cellReader(c: ColumnRequirement, serial: boolean): (text: string) => { value?: CellValue; issue?: IssueParams } {
  const expected = typeText(c);
  const reader = readerFor(c, serial);
  const blank = c.valueRequired ? { issue: { code: 'D002', expected } as IssueParams } : {};
  return (text) => {
    if (normalizeCell(text) === '') return blank;
    const r = reader(text);
    if (r.ok) return { value: r.value };
    return { issue: { code: r.code, expected, ...(r.suggestion !== undefined ? { suggestion: r.suggestion } : {}) } };
  };
}

function cellSchema(c: ColumnRequirement, serial: boolean) {
  const read = cellReader(c, serial);
  return z.string().transform((text, ctx): CellValue | undefined => {
    const r = read(text);
    if (!r.issue) return r.value;
    ctx.addIssue({ code: 'custom', message: r.issue.code, params: r.issue });
    return z.NEVER;
  });
}

function readerFor(c: ColumnRequirement, serial: boolean): (text: string) => ValueResult<CellValue> {
  switch (c.type) {
    case 'id': return (t) => ({ ok: true, value: normalizeCell(t) });
    case 'text': return (t) => ({ ok: true, value: t.trim() });
    case 'date': return (t) => parseDate(t, { serial });
    case 'month': return (t) => parseMonth(t);
    case 'money': return parseMoney;
    case 'percent': return (t) => parsePercent(t, c.format);
    case 'integer': return parseInteger;
    case 'count': return parseCount;
    case 'boolean': return parseBoolean;
    case 'enum': return (t) => parseEnum(t, c.values ?? [], (n, vs) => suggestName(n, vs));
    default: return parseNumber;
  }
}

/** Row-level rules of the events table: the kind is declared; its amount and note are given as its item asks. */
function eventRules(kinds: readonly EventKindRequirement[]) {
  const byKey = new Map<string, EventKindRequirement>();
  for (const k of kinds) for (const n of [k.name, ...k.aliases]) if (!byKey.has(headerKey(n))) byKey.set(headerKey(n), k);
  const names = kinds.flatMap((k) => [k.name, ...k.aliases]);
  return (row: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const raw = row['kind'];
    if (typeof raw !== 'string') return;
    const kind = byKey.get(headerKey(raw));
    if (!kind) {
      const suggestion = suggestName(raw, names);
      ctx.addIssue({ code: 'custom', message: 'D014', path: ['kind'], params: { code: 'D014', expected: { zh: '方案中声明的事件类别', en: 'an event kind the policy declares' }, ...(suggestion !== undefined ? { suggestion } : {}) } satisfies IssueParams });
      return;
    }
    row['kind'] = kind.name;
    const amount = row['amount'];
    if (kind.amount) {
      const range = { zh: `${kind.name} 的范围 ${kind.amount.text} 内的数`, en: `a number within ${kind.amount.text}, the range of ${kind.name}` };
      if (amount === undefined) ctx.addIssue({ code: 'custom', message: 'D016', path: ['amount'], params: { code: 'D016', expected: range } satisfies IssueParams });
      else if (typeof amount === 'number' && (amount < kind.amount.min || amount > kind.amount.max)) {
        ctx.addIssue({ code: 'custom', message: 'D015', path: ['amount'], params: { code: 'D015', expected: range } satisfies IssueParams });
      }
    }
    if (kind.noteRequired && (row['note'] === undefined || row['note'] === '')) {
      ctx.addIssue({ code: 'custom', message: 'D017', path: ['note'], params: { code: 'D017', expected: { zh: `${kind.name} 的原因说明`, en: `a reason for ${kind.name}` } } satisfies IssueParams });
    }
  };
}

function readRows(t: Table, columns: readonly ColumnRequirement[], out: Collector, kinds: readonly EventKindRequirement[] | undefined): ReadRow[] {
  if (t.unterminatedQuoteRow !== undefined) {
    out.add('D018', t.unterminatedQuoteRow, '', '"', { zh: '与开头引号配对的结尾引号', en: 'a closing quote for the one opened here' });
  }
  // An empty JSON array has no keys to map: nothing to check.
  if (t.header.length === 0 && t.rows.length === 0 && t.headerRow === 0) return [];
  const map = mapHeaders(t, columns, out);
  const serial = t.sheet !== undefined;
  const shape: Record<string, z.ZodType> = {};
  for (const c of map.at.keys()) shape[c.name] = cellSchema(c, serial).optional();
  const base = z.object(shape);
  const schema = kinds ? base.superRefine(eventRules(kinds)) : base;
  const idCol = map.byName.get('id');
  const idAt = idCol ? map.at.get(idCol) : undefined;
  const entries = [...map.at.entries()];

  // Tables without row-level rules (employees, monthly: the large ones) read their cells with the same cell readers
  // the zod schema wraps, without building a zod result per row; the events table goes through the schema.
  const readers = entries.map(([c, i]) => ({ name: c.name, i, read: cellReader(c, serial) }));
  const fast = (r: Table['rows'][number]): { success: true; data: Record<string, CellValue> } | { success: false; error: { issues: { path: string[]; params: IssueParams }[] } } => {
    const data: Record<string, CellValue> = {};
    let issues: { path: string[]; params: IssueParams }[] | undefined;
    for (const { name, i, read } of readers) {
      const got = read(r.cells[i] ?? '');
      if (got.issue) (issues ??= []).push({ path: [name], params: got.issue });
      else if (got.value !== undefined) data[name] = got.value;
    }
    return issues ? { success: false, error: { issues } } : { success: true, data };
  };

  // One shared object answers header/cell/order for every row of the table: no closures per row.
  const columnOf = (name: string) => map.byName.get(name);
  const shared = {
    header(this: RowImpl, name: string): string {
      const c = columnOf(name);
      return c ? t.header[map.at.get(c)!]! : name;
    },
    order(this: RowImpl, name: string): number {
      const c = columnOf(name);
      return c ? map.at.get(c)! : t.header.length;
    },
    cell(this: RowImpl, name: string): string {
      const c = columnOf(name);
      return c ? this.cells[map.at.get(c)!] ?? '' : '';
    },
  };
  return t.rows.map((r): ReadRow => {
    let parsed: ReturnType<typeof fast>;
    if (kinds) {
      const obj: Record<string, string> = {};
      for (const [c, i] of entries) obj[c.name] = r.cells[i] ?? '';
      parsed = schema.safeParse(obj) as unknown as ReturnType<typeof fast>;
    } else parsed = fast(r);
    const rawId = idAt === undefined ? undefined : normalizeCell(r.cells[idAt] ?? '');
    const row: RowImpl = Object.create(shared) as RowImpl;
    row.row = r.row;
    row.cells = r.cells;
    row.id = rawId === '' ? undefined : rawId;
    row.values = parsed.success ? parsed.data : undefined;
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const name = String(issue.path[0] ?? '');
        const p = (issue as { params?: IssueParams }).params;
        if (!p) continue;
        out.add(p.code, r.row, row.header(name), row.cell(name), p.expected, p.suggestion, row.order(name));
      }
    }
    return row;
  });
}
