// Loads the three tables of employee data (employees, monthly, events) against what a policy reads, and
// reports every problem at once — file, sheet, row, column, value, what was expected — before anything runs.
//
//   sources ──headers──▶ columns by standard name or alias ──cells, per column──▶ typed columns ──row rules──▶ ──cross-row──▶ data
//           (D001, D021)                                      (D002–D007)                         (D014–D017)  (D008–D013)
//
// Pure: no Node imports, so the playground runs it in a Web Worker on files the user drops in.

import { suggestName } from '../../compiler/diagnostics/suggest.ts';
import type { Bilingual, DataCode, DataProblem } from './messages.ts';
import type { ColumnRequirement, DataRequirements, EventKindRequirement, TableName } from './requirements.ts';
import {
  type IsoDate, type IsoMonth, type ValueResult, normalizeCell, parseBoolean, parseCount, parseDate, parseEnum,
  parseInteger, parseMoney, parseMonth, parseNumber, parsePercent, plainCount, plainDate, plainInteger, plainMoney,
  plainMonth, plainNumber, plainPercent,
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
  /** Rows of a second file appended under the same header (a policy's own events after the shared ones): their
   * row numbers are the file's own plus `offset`, and problems in them name that file and its row. */
  readonly appended?: { readonly file: string; readonly offset: number };
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
  /** Monthly rows by id, then by month (made from `monthlyColumns` on first use). */
  readonly monthly: ReadonlyMap<string, ReadonlyMap<IsoMonth, MonthlyRow>>;
  /** The same monthly rows as columns, what a run reads: no object per row or cell. */
  readonly monthlyColumns: MonthlyColumns;
  /** The months present in the monthly table, in order. */
  readonly months: readonly IsoMonth[];
  /** Accepted events, each as a record (made from `eventColumns` on first use). */
  readonly events: readonly EventRow[];
  /** The same events as columns, what a run reads: no object per event. */
  readonly eventColumns: EventColumns;
  /** Headers of the employees table that are no known column (a misnamed date shows up here). */
  readonly unknownEmployeeColumns: readonly string[];
}

/** Accepted monthly rows as columns: the k-th is the row at index[k] of `ids`, `months` and each column (shared by
 * every policy loading the same table). */
export interface MonthlyColumns {
  /** By row read: the id and the month (undefined where blank or refused). */
  readonly ids: readonly (string | undefined)[];
  readonly months: readonly (IsoMonth | undefined)[];
  readonly index: Int32Array;
  /** Each accepted row's row in its file. */
  readonly rows: Int32Array;
  /** Each accepted row's person: its index in `employees` (-1 when the employees table does not have it). */
  readonly persons: Int32Array;
  /** Every column read but id and month, by standard or input name. */
  readonly columns: ReadonlyMap<string, ColumnValues>;
}

/** Accepted events as columns: the k-th has kind kinds[k] and person persons[k]; its cells are at index[k] of
 * `ids`, `months` and each column (shared by every policy loading the same table). */
export interface EventColumns {
  readonly index: Int32Array;
  /** Each accepted event's row in its file. */
  readonly rows: Int32Array;
  /** Each accepted event's person: its index in `employees` (-1 when the employees table does not have it). */
  readonly persons: Int32Array;
  /** Each accepted event's kind by its declared name (an alias such as 客户书面表扬 is resolved). */
  readonly kinds: readonly string[];
  /** By row read: the id, and the month containing the date (the event counts there). */
  readonly ids: readonly (string | undefined)[];
  readonly months: readonly (IsoMonth | undefined)[];
  /** date, count, amount, source and note, where the table has them. */
  readonly columns: ReadonlyMap<string, ColumnValues>;
  /** The file (and sheet) and row an accepted event was read from, as a data problem names them. */
  place(k: number): RowPlace;
}

/** Where a row of data is: the file, the sheet of a workbook, the row as the user sees it. */
export interface RowPlace {
  readonly file: string;
  readonly sheet?: string;
  readonly row: number;
}

/** The place of a row of a table read, a row of an appended file named by that file (problems say the same). The
 * function keeps only the names, not the table's text. */
function rowPlacer(table: TableName, t: Table | undefined): (row: number) => RowPlace {
  const file = t?.file ?? DEFAULT_FILE[table];
  const sheet = t?.sheet;
  const appended = t?.appended;
  return (row) => appended !== undefined && row >= appended.offset
    ? { file: appended.file, row: row - appended.offset }
    : { file, ...(sheet !== undefined ? { sheet } : {}), row };
}

/** A column read with one type, every row at once. An allowed blank is absent: NaN in a number column, 2 in a
 * yes/no column (1 yes, 0 no), undefined in a text column. */
export type ColumnValues =
  | { readonly kind: 'number'; readonly at: Float64Array }
  | { readonly kind: 'boolean'; readonly at: Uint8Array }
  | { readonly kind: 'text'; readonly at: readonly (string | undefined)[] };

/** One cell of a column as the loader gives it (undefined when blank). */
export function cellValue(v: ColumnValues, r: number): CellValue | undefined {
  switch (v.kind) {
    case 'number': { const x = v.at[r]!; return x === x ? x : undefined; }
    case 'boolean': { const b = v.at[r]!; return b === 2 ? undefined : b === 1; }
    default: return v.at[r];
  }
}

export interface LoadResult {
  readonly data: EmployeeData;
  readonly problems: readonly DataProblem[];
}

// ── Loading ─────────────────────────────────────────────────────────────────────────────────────────────────

/** Headers are matched after NFKC, without spaces (工　号, a full-width space, is 工号) and without a unit in
 * brackets at the end (岗位工资(元), 岗位工资（元）), ignoring ASCII case (exported for tools that look up a column the
 * way the loader does). */
export function headerKey(header: string): string {
  const k = header.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  const unit = k.replace(/(?:\([^()]*\)|\[[^[\]]*\])$/, '');
  return unit === '' ? k : unit;
}

const DEFAULT_FILE: Readonly<Record<TableName, string>> = { employees: 'employees', monthly: 'monthly', events: 'events' };

interface Collector {
  add(code: DataCode, row: number, column: string, value: string, expected: Bilingual, suggestion?: string, order?: number): void;
}

/**
 * What was read from the tables, kept for the next policy that loads the same ones (ladder compare: several
 * schemes, one data set): a column is read once for each type it is read as; each policy still gets its own
 * header checks, problems and cross-row checks. Tables are found by identity: pass the same source objects.
 */
export class TableReads {
  private readonly tables = new WeakMap<object, { readonly table: Table; readonly problems: readonly ProblemAt[] }>();
  private readonly columns_ = new WeakMap<Table, Map<string, ColumnRead>>();

  /** A source as a table (JSON records converted once), with the problems found converting it. */
  table(source: TableSource, name: TableName): { readonly table: Table; readonly problems: readonly ProblemAt[] } {
    let got = this.tables.get(source as object);
    if (!got) {
      const problems: ProblemAt[] = [];
      got = { table: toTable(source, name, problems), problems };
      this.tables.set(source as object, got);
    }
    return got;
  }

  private readonly people_ = new WeakMap<object, Map<string, number>>();
  private readonly rowsOfPeople = new WeakMap<object, WeakMap<object, Int32Array>>();
  private readonly monthKeys_ = new WeakMap<object, Int32Array>();

  /** Each distinct id of the employees table, numbered in the order first met. */
  people(ids: readonly (string | undefined)[]): ReadonlyMap<string, number> {
    let got = this.people_.get(ids);
    if (!got) {
      got = new Map();
      for (const id of ids) if (id !== undefined && !got.has(id)) got.set(id, got.size);
      this.people_.set(ids, got);
    }
    return got;
  }

  /** The person of each row's id (-1: no id, or an id the employees table lacks). */
  personOfRows(people: ReadonlyMap<string, number>, ids: readonly (string | undefined)[]): Int32Array {
    let memo = this.rowsOfPeople.get(ids);
    if (!memo) { memo = new WeakMap(); this.rowsOfPeople.set(ids, memo); }
    let got = memo.get(people);
    if (!got) {
      got = new Int32Array(ids.length);
      for (let k = 0; k < ids.length; k++) { const id = ids[k]; got[k] = id === undefined ? -1 : people.get(id) ?? -1; }
      memo.set(people, got);
    }
    return got;
  }

  private readonly monthTexts_ = new WeakMap<object, readonly (string | undefined)[]>();

  /** Each row's month (YYYY-MM) of a read date. */
  monthTexts(dates: readonly (string | undefined)[]): readonly (string | undefined)[] {
    let got = this.monthTexts_.get(dates);
    if (!got) { got = dates.map((d) => d?.slice(0, 7)); this.monthTexts_.set(dates, got); }
    return got;
  }

  /** Each row's month (read YYYY-MM, or the month of a read date) as months since 1900-01; -1 where there is none. */
  monthKeys(months: readonly (string | undefined)[]): Int32Array {
    let got = this.monthKeys_.get(months);
    if (!got) {
      got = new Int32Array(months.length);
      for (let k = 0; k < months.length; k++) { const m = months[k]; got[k] = m === undefined ? -1 : monthKeyOf(m); }
      this.monthKeys_.set(months, got);
    }
    return got;
  }

  /** Columns `i` of `t` read as `c`, each once: those not read yet are read together, row by row. */
  columns(t: Table, wanted: readonly { readonly i: number; readonly c: ColumnRequirement }[], serial: boolean): ColumnRead[] {
    let memo = this.columns_.get(t);
    if (!memo) { memo = new Map(); this.columns_.set(t, memo); }
    // Everything the reading depends on: the cell reader, its blank rule, and the expected text of its problems.
    // Numbers, points, months and days share one reader and one expected text.
    const reader = (c: ColumnRequirement) => (c.type === 'points' || c.type === 'months' || c.type === 'days' ? 'number' : c.type);
    const keys = wanted.map(({ i, c }) => [i, reader(c), c.format ?? '', c.valueRequired ? 1 : 0, serial ? 1 : 0, ...(c.values ?? [])].join('\u0001'));
    const missing = wanted.filter((_, k) => !memo.has(keys[k]!));
    const read = readColumnsOf(t, missing, serial);
    missing.forEach((_, k) => memo.set(keys[wanted.indexOf(missing[k]!)]!, read[k]!));
    return keys.map((key) => memo.get(key)!);
  }
}

type ProblemAt = DataProblem & { order: number; table: number };

/** Loads and checks every table; never throws for a mistake in the data. */
export function loadTables(sources: DataSources, requirements: DataRequirements, reads: TableReads = new TableReads()): LoadResult {
  const problems: ProblemAt[] = [];
  const convert = (source: TableSource | undefined, name: TableName): Table | undefined => {
    if (!source) return undefined;
    const got = reads.table(source, name);
    problems.push(...got.problems);
    return got.table;
  };
  const tables = {
    employees: convert(sources.employees, 'employees'),
    monthly: convert(sources.monthly, 'monthly'),
    events: convert(sources.events, 'events'),
  };
  const collect = (table: TableName, t: Table | undefined): Collector => {
    const placeOf = rowPlacer(table, t);
    return {
      add(code, row, column, value, expected, suggestion, order = 0) {
        problems.push({
          code, ...placeOf(row), column, value, expected,
          ...(suggestion !== undefined ? { suggestion } : {}), order, table: TABLE_ORDER[table],
        });
      },
    };
  };

  // 1. Tables that must be there.
  const needsMonthly = requirements.monthly.some((c) => c.policy);
  if (!tables.employees) collect('employees', undefined).add('D019', 0, '', '', { zh: '员工表（employees / 员工）', en: 'the employees table (employees / 员工)' });
  if (!tables.monthly && needsMonthly) collect('monthly', undefined).add('D019', 0, '', '', { zh: '月度表（monthly / 月度）', en: 'the monthly table (monthly / 月度)' });

  // 2. Each table's cells, column by column (the events table row by row, with its row rules).
  const employees = tables.employees ? readColumns(tables.employees, requirements.employees, collect('employees', tables.employees), reads) : undefined;
  const monthlyRows = tables.monthly ? readColumns(tables.monthly, requirements.monthly, collect('monthly', tables.monthly), reads) : undefined;
  const eventRows: EventsRead = tables.events ? readEvents(tables.events, requirements.events, collect('events', tables.events), reads, requirements.eventKinds) : { good: new Uint8Array(0), kinds: [] };

  // 3. Across rows and tables. Ids are numbered once (persons), each row's person found once, shared between policies.
  // Ids are checked against the employees table when it has an id column; without one, persons are met in the monthly table.
  // Each pass over rows is its own small function: loadTables runs once per policy, and V8 optimizes a small
  // function's loop long before it would optimize one inside this large one.
  const checkIds = !!employees && hasColumn(tables.employees!, requirements.employees, 'id');
  const people = checkIds ? reads.people(employees!.ids) : new Map<string, number>();
  const knownIds = checkIds ? people : undefined;
  const accepted = acceptEmployees(employees && checkIds ? employees : undefined, people, collect('employees', tables.employees));
  const monthly = acceptMonthly(monthlyRows, knownIds, accepted, collect('monthly', tables.monthly), reads);
  const eventColumns = acceptEvents(eventRows, knownIds, accepted, monthly, collect('events', tables.events), reads, rowPlacer('events', tables.events));

  const sorted = problems.sort((a, b) => a.table - b.table || a.row - b.row || a.order - b.order);
  return {
    data: employeeData(accepted.list, monthly.columns, monthly.months, eventColumns, employees?.unknown ?? []),
    problems: sorted.map(({ order: _o, table: _t, ...p }) => p),
  };
}

/** Accepted employees: in the order accepted (an id whose first row was refused comes where its good row is). */
interface AcceptedEmployees {
  readonly list: Employee[];
  /** Each person's place in `list` (-1: not accepted; people met only in the monthly table have none). */
  readonly index: Int32Array;
  /** Their hire and leave months as keys (months since 1900-01), for the month checks. */
  readonly hireKey: Float64Array;
  readonly leaveKey: Float64Array;
}

/** A person's place among the accepted employees (-1: none). */
function employeeAt(e: AcceptedEmployees, p: number): number {
  return p >= 0 && p < e.index.length ? e.index[p]! : -1;
}

/** The employees table's good rows, one per id (a repeated id is D008). */
function acceptEmployees(employees: ReadColumns | undefined, people: ReadonlyMap<string, number>, out: Collector): AcceptedEmployees {
  const accepted: AcceptedEmployees = {
    list: [], index: new Int32Array(people.size).fill(-1), hireKey: new Float64Array(people.size), leaveKey: new Float64Array(people.size),
  };
  if (!employees) return accepted;
  for (let r = 0; r < employees.length; r++) {
    const id = employees.ids[r];
    if (id === undefined) continue;
    const row = employees.rows[r]!.row;
    const p = people.get(id)!;
    const k = employeeAt(accepted, p);
    if (k >= 0) {
      const prior = accepted.list[k]!;
      out.add('D008', row, employees.header('id'), id, { zh: `唯一的工号（已见于第 ${prior.row} 行）`, en: `a unique id (already on row ${prior.row})` }, undefined, employees.order('id'));
      continue;
    }
    if (!employees.ok[r]) continue;
    const e = toEmployee(row, employees.valuesAt(r));
    accepted.index[p] = accepted.list.length;
    accepted.list.push(e);
    accepted.hireKey[p] = monthKeyOf(e.hire_date);
    accepted.leaveKey[p] = e.leave_date ? monthKeyOf(e.leave_date) : Infinity;
  }
  return accepted;
}

/** The monthly table's accepted rows, the months the data covers (also from refused rows), and those months by key. */
interface AcceptedMonthly {
  readonly columns: MonthlyColumns;
  readonly months: readonly IsoMonth[];
  /** 1 for each month in `months`, by key (months since 1900-01): for checks that run on every row. */
  readonly seen: Uint8Array;
}

/** The monthly table's good rows, at most one per person and month, of known people (with an employees table),
 * within their employment; without an employees table, people are numbered as met here. */
function acceptMonthly(rows: ReadColumns | undefined, knownIds: ReadonlyMap<string, number> | undefined, employees: AcceptedEmployees, out: Collector, reads: TableReads): AcceptedMonthly {
  const met = new Map<string, number>();
  const people = knownIds ?? met;
  // Accepted rows, at most one per row: columns made at full length and cut to the count at the end.
  const rowCount = rows?.length ?? 0;
  const acceptedIndex = new Int32Array(rowCount);
  const acceptedRows = new Int32Array(rowCount);
  const acceptedPersons = new Int32Array(rowCount);
  let acceptedCount = 0;
  // Each person's row (its index + 1) in each month, by months since 1900: a duplicate is found without a string key.
  const seen = new Map<number, Int32Array>();
  const months = new Set<IsoMonth>();
  const monthSeen = new Uint8Array(MONTH_KEYS);
  const monthColumn = rows?.columns.get('month');
  const monthTexts = monthColumn?.kind === 'text' ? monthColumn.at : undefined;
  const monthKeys = monthTexts ? reads.monthKeys(monthTexts) : undefined;
  const personRows = rows && knownIds ? reads.personOfRows(knownIds, rows.ids) : undefined;
  for (let r = 0; r < rowCount; r++) {
    // A row refused for another cell still says which months the data covers (for D013).
    const month = monthTexts?.[r];
    const key = monthKeys ? monthKeys[r]! : -1;
    if (rows!.ok[r] && typeof month === 'string') {
      if (!monthSeen[key]) { monthSeen[key] = 1; months.add(month); }
    } else {
      const m = parseMonth(rows!.cell(r, 'month'));
      if (m.ok) { months.add(m.value); monthSeen[monthKeyOf(m.value)] = 1; }
    }
    const id = rows!.ids[r];
    if (id === undefined) continue;
    const row = rows!.rows[r]!.row;
    let p = personRows ? personRows[r]! : met.get(id) ?? -1;
    if (knownIds && p < 0) {
      const u = unknownId(id, knownIds);
      out.add('D009', row, rows!.header('id'), id, u.expected, u.suggestion, rows!.order('id'));
      continue;
    }
    if (!rows!.ok[r]) continue;
    if (p < 0) { p = met.size; met.set(id, p); }
    let inMonth = seen.get(key);
    if (!inMonth || inMonth.length <= p) {
      const grown = new Int32Array(Math.max(people.size, 2 * p + 1));
      if (inMonth) grown.set(inMonth);
      seen.set(key, (inMonth = grown));
    }
    const prior = inMonth[p]!;
    if (prior) {
      const priorRow = rows!.rows[prior - 1]!.row;
      out.add('D010', row, rows!.header('month'), rows!.cell(r, 'month'), { zh: `每人每月一行（已见于第 ${priorRow} 行）`, en: `one row per person and month (already on row ${priorRow})` }, undefined, rows!.order('month'));
      continue;
    }
    const k = employeeAt(employees, p);
    const emp = k >= 0 ? employees.list[k] : undefined;
    // Months compare as keys (a read month and a read date's month are both YYYY-MM, 1900–2999); a row without a
    // month (no month column) is never before or after anything.
    if (emp && key >= 0 && key < employees.hireKey[p]!) {
      out.add('D011', row, rows!.header('month'), rows!.cell(r, 'month'), { zh: `入职月份 ${emp.hire_date.slice(0, 7)} 或之后`, en: `the hire month ${emp.hire_date.slice(0, 7)} or later` }, undefined, rows!.order('month'));
    } else if (emp?.leave_date && key >= 0 && key > employees.leaveKey[p]!) {
      out.add('D012', row, rows!.header('month'), rows!.cell(r, 'month'), { zh: `离职月份 ${emp.leave_date.slice(0, 7)} 或之前`, en: `the leave month ${emp.leave_date.slice(0, 7)} or earlier` }, undefined, rows!.order('month'));
    }
    inMonth[p] = r + 1;
    acceptedIndex[acceptedCount] = r;
    acceptedRows[acceptedCount] = row;
    acceptedPersons[acceptedCount] = k;
    acceptedCount++;
    if (month === undefined) months.add(month!);
  }
  return {
    columns: {
      ids: rows?.ids ?? [],
      months: monthTexts ?? [],
      index: acceptedIndex.slice(0, acceptedCount),
      rows: acceptedRows.slice(0, acceptedCount),
      persons: acceptedPersons.slice(0, acceptedCount),
      columns: new Map([...(rows?.columns ?? [])].filter(([name]) => name !== 'id' && name !== 'month')),
    },
    months: [...months].sort(),
    seen: monthSeen,
  };
}

/** The events table's good rows of known people, each in a month of the monthly data (D013 otherwise). */
function acceptEvents(events: EventsRead, knownIds: ReadonlyMap<string, number> | undefined, employees: AcceptedEmployees, monthly: AcceptedMonthly, out: Collector, reads: TableReads, placeOf: (row: number) => RowPlace): EventColumns {
  const ev = events.read;
  const eventCount = ev?.length ?? 0;
  const index = new Int32Array(eventCount);
  const rowNumbers = new Int32Array(eventCount);
  const persons = new Int32Array(eventCount);
  const kinds: string[] = [];
  const personRows = ev && knownIds ? reads.personOfRows(knownIds, ev.ids) : undefined;
  const dateColumn = ev?.columns.get('date');
  // Each event's month (its date's YYYY-MM) as text and as a key, read once for every policy.
  const eventMonths = dateColumn?.kind === 'text' ? reads.monthTexts(dateColumn.at) : undefined;
  const eventMonthKeys = dateColumn?.kind === 'text' ? reads.monthKeys(dateColumn.at) : undefined;
  const monthList = monthly.months;
  for (let r = 0; r < eventCount; r++) {
    const id = ev!.ids[r];
    if (id === undefined) continue;
    const row = ev!.rows[r]!.row;
    if (personRows && personRows[r]! < 0) {
      const u = unknownId(id, knownIds!);
      out.add('D009', row, ev!.header('id'), id, u.expected, u.suggestion, ev!.order('id'));
      continue;
    }
    // Without a date column (reported as missing, D001) an event has no month: the ids are still checked, nothing more.
    const kind = events.kinds[r];
    if (!events.good[r] || !eventMonths || kind === undefined) continue;
    if (monthList.length && !(eventMonthKeys![r]! >= 0 && monthly.seen[eventMonthKeys![r]!])) {
      out.add('D013', row, ev!.header('date'), ev!.cell(r, 'date'), { zh: `${monthList[0]} 至 ${monthList.at(-1)} 之间有数据的月份`, en: `a date in a month of the monthly data (${monthList[0]} to ${monthList.at(-1)})` }, undefined, ev!.order('date'));
    }
    index[kinds.length] = r;
    rowNumbers[kinds.length] = row;
    persons[kinds.length] = personRows ? employeeAt(employees, personRows[r]!) : -1;
    kinds.push(kind);
  }
  return {
    index: index.slice(0, kinds.length),
    rows: rowNumbers.slice(0, kinds.length),
    persons: persons.slice(0, kinds.length),
    kinds,
    ids: ev?.ids ?? [],
    months: eventMonths ?? [],
    columns: new Map([...(ev?.columns ?? [])].filter(([name]) => name !== 'id' && name !== 'kind')),
    place: (k) => placeOf(rowNumbers[k]!),
  };
}

/** The loaded data, made outside loadTables: a closure there would share its scope, which holds the text tables, and
 * keep every cell alive as long as the data. */
function employeeData(employees: readonly Employee[], monthlyColumns: MonthlyColumns, months: readonly IsoMonth[], eventColumns: EventColumns, unknownEmployeeColumns: readonly string[]): EmployeeData {
  let monthly: Map<string, Map<IsoMonth, MonthlyRow>> | undefined;
  let events: EventRow[] | undefined;
  return {
    employees,
    get monthly() {
      monthly ??= monthlyMaps(monthlyColumns);
      return monthly;
    },
    monthlyColumns, months,
    get events() {
      events ??= eventRecords(eventColumns);
      return events;
    },
    eventColumns, unknownEmployeeColumns,
  };
}

/** The accepted events, each as a record. */
function eventRecords(c: EventColumns): EventRow[] {
  const column = (name: string) => c.columns.get(name);
  const [date, count, amount, source, note] = ['date', 'count', 'amount', 'source', 'note'].map(column);
  return c.kinds.map((kind, k) => {
    const r = c.index[k]!;
    // Every event with the same fields (undefined where a cell is blank): one shape.
    return {
      row: c.rows[k]!, id: c.ids[r]!, date: cellValue(date!, r) as IsoDate, month: c.months[r]!, kind,
      count: (count && cellValue(count, r) as number | undefined) ?? 1,
      amount: amount && cellValue(amount, r) as number | undefined,
      source: source && cellValue(source, r) as string | undefined,
      note: note && cellValue(note, r) as string | undefined,
    };
  });
}

/** The accepted monthly rows by id, then by month, each with its values as a record. */
function monthlyMaps(c: MonthlyColumns): Map<string, Map<IsoMonth, MonthlyRow>> {
  const out = new Map<string, Map<IsoMonth, MonthlyRow>>();
  for (let k = 0; k < c.index.length; k++) {
    const r = c.index[k]!;
    const values = Object.create(null) as Record<string, CellValue>;
    for (const [name, col] of c.columns) {
      const v = cellValue(col, r);
      if (v !== undefined) values[name] = v;
    }
    const id = c.ids[r]!;
    const month = c.months[r]!;
    let person = out.get(id);
    if (!person) { person = new Map(); out.set(id, person); }
    person.set(month, { row: c.rows[k]!, id, month, values });
  }
  return out;
}

/** Months 1900-01 … 2999-12, the range a read month or date can have, as keys 0 … MONTH_KEYS - 1. */
const MONTH_KEYS = 1100 * 12;

/** A read month (YYYY-MM) or date (YYYY-MM-DD) as months since 1900-01. */
function monthKeyOf(text: string): number {
  return (Number(text.slice(0, 4)) - 1900) * 12 + Number(text.slice(5, 7)) - 1;
}

const TABLE_ORDER: Readonly<Record<TableName, number>> = { employees: 0, monthly: 1, events: 2 };
const unknownIdExpected: Bilingual = { zh: '员工表中的工号', en: 'an id from the employees table' };

/** The employees' ids without leading zeros, for each set of ids (001 in the monthly table, 1 in the roster). */
const idsWithoutZeros = new WeakMap<ReadonlyMap<string, number>, Map<string, string>>();

/** What an unknown id should be: the employee whose id differs only by leading zeros (said so), or the nearest. */
function unknownId(id: string, known: ReadonlyMap<string, number>): { expected: Bilingual; suggestion?: string } {
  let bare = idsWithoutZeros.get(known);
  if (!bare) {
    bare = new Map();
    for (const k of known.keys()) { const b = k.replace(/^0+(?=.)/, ''); if (!bare.has(b)) bare.set(b, k); }
    idsWithoutZeros.set(known, bare);
  }
  const same = bare.get(id.replace(/^0+(?=.)/, ''));
  if (same !== undefined) {
    return { expected: { zh: `员工表中的工号（员工表有 ${same}，只差前导零：请统一写法）`, en: `an id from the employees table (it has ${same}, which differs only by leading zeros: write ids one way)` }, suggestion: same };
  }
  const suggestion = suggestName(id, known.keys());
  return suggestion === undefined ? { expected: unknownIdExpected } : { expected: unknownIdExpected, suggestion };
}

/** A row's values by name: nothing inherited (a column named toString reads as absent), and made by a constructor,
 * so that rows with the same columns share one compact shape (a prototype-less literal is a hash table each). */
const RowValues = function RowValues() {} as unknown as new () => Record<string, CellValue>;
RowValues.prototype = Object.create(null) as object;

const EMPLOYEE_FIELDS = ['name', 'team', 'role', 'regular_date', 'cs_start_date', 'education', 'birth_date', 'track', 'tier', 'tier_since', 'star', 'post_wage', 'leave_date'];

/** An employee from a row's values (a record without a prototype, as valuesAt makes it). */
function toEmployee(row: number, v: Record<string, CellValue>): Employee {
  const e: Record<string, unknown> = { row, id: v['id'], hire_date: v['hire_date'] };
  for (let k = 0; k < EMPLOYEE_FIELDS.length; k++) {
    const x = v[EMPLOYEE_FIELDS[k]!];
    if (x !== undefined) e[EMPLOYEE_FIELDS[k]!] = x;
  }
  e['values'] = v;
  return e as unknown as Employee;
}

// ── Sources to tables ───────────────────────────────────────────────────────────────────────────────────────

/** A source that is already a table (not JSON records). */
export function isTable(s: TableSource): s is Table {
  return !Array.isArray(s) && 'header' in (s as object);
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

/** A JSON array of objects as a table: the header is every key, in the order first met. */
function toTable(source: TableSource, table: TableName, problems: ProblemAt[]): Table {
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
  /** Headers no requirement matched, as written. */
  readonly unmatched: readonly string[];
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
  return { at, byName: new Map([...at.keys()].map((c) => [c.name, c])), unmatched };
}

// ── Rows ────────────────────────────────────────────────────────────────────────────────────────────────────

/** A bad cell or row: its code and expectation. */
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

function readerFor(c: ColumnRequirement, serial: boolean): (text: string) => ValueResult<CellValue> {
  switch (c.type) {
    case 'id': return (t) => ({ ok: true, value: normalizeCell(t) });
    case 'text': return (t) => ({ ok: true, value: t.trim() });
    case 'date': return (t) => parseDate(t, { serial });
    case 'month': return (t) => parseMonth(t, { serial });
    case 'money': return parseMoney;
    case 'percent': return (t) => parsePercent(t, c.format);
    case 'integer': return parseInteger;
    case 'count': return parseCount;
    case 'boolean': return parseBoolean;
    case 'enum': return (t) => parseEnum(t, c.values ?? [], (n, vs) => suggestName(n, vs));
    default: return parseNumber;
  }
}

/** A column of one table read with one requirement: its values, and its bad cells in row order. */
interface ColumnRead {
  readonly values: ColumnValues;
  readonly bad: readonly { readonly index: number; readonly issue: IssueParams }[];
}

function kindOf(c: ColumnRequirement): ColumnValues['kind'] {
  switch (c.type) {
    case 'id': case 'text': case 'date': case 'month': case 'enum': return 'text';
    case 'boolean': return 'boolean';
    default: return 'number';
  }
}

/** The reader of plain cells for a number column (NaN: not plain, ask the general reader). */
function plainReaderFor(c: ColumnRequirement): (text: string) => number {
  switch (c.type) {
    case 'money': return plainMoney;
    case 'integer': return plainInteger;
    case 'count': return plainCount;
    case 'percent': return (t) => plainPercent(t, c.format);
    default: return plainNumber;
  }
}

/**
 * Reads columns of every row: plain cells directly, any other through the cell reader (blanks, other spellings,
 * problems). Row by row, all the columns at once: a row's cells are fetched once, not once per column.
 */
function readColumnsOf(t: Table, wanted: readonly { readonly i: number; readonly c: ColumnRequirement }[], serial: boolean): ColumnRead[] {
  const rows = t.rows;
  const n = rows.length;
  const columns = wanted.map(({ i, c }) => {
    const kind = kindOf(c);
    const bad: { index: number; issue: IssueParams }[] = [];
    const read = cellReader(c, serial);
    return {
      i, kind, bad,
      numbers: kind === 'number' ? new Float64Array(n) : undefined,
      flags: kind === 'boolean' ? new Uint8Array(n) : undefined,
      // Filled in row order by push: a JavaScript array made at over 100,000 elements is a hash table in V8.
      texts: kind === 'text' ? [] as (string | undefined)[] : undefined,
      plainNumber: kind === 'number' ? plainReaderFor(c) : undefined,
      plainText: c.type === 'date' ? plainDate : c.type === 'month' ? plainMonth : c.type === 'id' ? plainId : undefined,
      general(text: string, r: number): CellValue | undefined {
        const got = read(text);
        if (got.issue) bad.push({ index: r, issue: got.issue });
        return got.value;
      },
    };
  });
  for (let r = 0; r < n; r++) {
    const cells = rows[r]!.cells;
    for (let k = 0; k < columns.length; k++) {
      const col = columns[k]!;
      const text = cells[col.i] ?? '';
      if (col.numbers) {
        const x = col.plainNumber!(text);
        col.numbers[r] = x === x ? x : ((col.general(text, r) as number | undefined) ?? NaN);
      } else if (col.texts) {
        col.texts.push((col.plainText && col.plainText(text)) || (col.general(text, r) as string | undefined));
      } else {
        const v = col.general(text, r);
        col.flags![r] = v === undefined ? 2 : v ? 1 : 0;
      }
    }
  }
  return columns.map((col): ColumnRead => ({
    bad: col.bad,
    values: col.numbers ? { kind: 'number', at: col.numbers } : col.texts ? { kind: 'text', at: col.texts } : { kind: 'boolean', at: col.flags! },
  }));
}

/** An id as the id reader gives it, when it is not blank; undefined for a blank (the reader decides). */
function plainId(text: string): string | undefined {
  const t = normalizeCell(text);
  return t === '' ? undefined : t;
}

/** Employees and monthly rows, read column by column: each row's id, whether all its cells were read, the values. */
interface ReadColumns {
  readonly rows: Table['rows'];
  readonly length: number;
  readonly ids: readonly (string | undefined)[];
  /** 1 where every cell of the row was read without a problem. */
  readonly ok: Uint8Array;
  /** By standard or input name, in the order of the header. */
  readonly columns: ReadonlyMap<string, ColumnValues>;
  header(name: string): string;
  order(name: string): number;
  cell(r: number, name: string): string;
  /** Row r's values by name (a blank cell is absent). */
  valuesAt(r: number): Record<string, CellValue>;
  /** Headers that are no column the policy or the standard model knows (other schemes' inputs, or a misnamed one). */
  readonly unknown: readonly string[];
}

function readColumns(t: Table, requirements: readonly ColumnRequirement[], out: Collector, reads: TableReads): ReadColumns | undefined {
  if (t.unterminatedQuoteRow !== undefined) {
    out.add('D018', t.unterminatedQuoteRow, '', '"', { zh: '与开头引号配对的结尾引号', en: 'a closing quote for the one opened here' });
  }
  // An empty JSON array has no keys to map: nothing to check.
  if (t.header.length === 0 && t.rows.length === 0 && t.headerRow === 0) return undefined;
  const map = mapHeaders(t, requirements, out);
  const serial = t.sheet !== undefined;
  const n = t.rows.length;
  const ok = new Uint8Array(n).fill(1);
  const columns = new Map<string, ColumnValues>();
  const wanted = [...map.at].map(([c, i]) => ({ c, i }));
  const read = reads.columns(t, wanted, serial);
  for (const [k, { c, i }] of wanted.entries()) {
    const got = read[k]!;
    columns.set(c.name, got.values);
    for (const { index, issue } of got.bad) {
      ok[index] = 0;
      out.add(issue.code, t.rows[index]!.row, t.header[i]!, t.rows[index]!.cells[i] ?? '', issue.expected, issue.suggestion, i);
    }
  }
  const idValues = columns.get('id');
  const ids: readonly (string | undefined)[] = idValues?.kind === 'text' ? idValues.at : new Array<undefined>(n);
  const names = [...columns.keys()];
  const values_ = [...columns.values()];
  const at = (name: string) => {
    const c = map.byName.get(name);
    return c ? map.at.get(c) : undefined;
  };
  return {
    rows: t.rows, length: n, ids, ok, columns, unknown: map.unmatched,
    header: (name) => { const i = at(name); return i === undefined ? name : t.header[i]!; },
    order: (name) => at(name) ?? t.header.length,
    cell: (r, name) => { const i = at(name); return i === undefined ? '' : t.rows[r]!.cells[i] ?? ''; },
    valuesAt: (r) => {
      const values = new RowValues();
      for (let k = 0; k < names.length; k++) {
        const v = cellValue(values_[k]!, r);
        if (v !== undefined) values[names[k]!] = v;
      }
      return values;
    },
  };
}

/** Row-level rules of the events table: the kind is declared; its amount and note are given as its item asks.
 * Checked on rows whose cells were all read; the kind is set to its declared name. */
/** Row-level rules of the events table: the kind is declared; its amount and note are given as its item asks.
 * Checked on rows whose cells were all read; gives the kind's declared name, undefined for an undeclared kind. */
function eventRules(kinds: readonly EventKindRequirement[]) {
  const byKey = new Map<string, EventKindRequirement>();
  for (const k of kinds) for (const n of [k.name, ...k.aliases]) if (!byKey.has(headerKey(n))) byKey.set(headerKey(n), k);
  const names = kinds.flatMap((k) => [k.name, ...k.aliases]);
  // The kind column holds few distinct spellings: each is matched once.
  const kindOf = new Map<string, EventKindRequirement | undefined>();
  return (raw: CellValue | undefined, amount: CellValue | undefined, note: CellValue | undefined, issue: (column: string, params: IssueParams) => void): string | undefined => {
    if (typeof raw !== 'string') return undefined;
    let kind = kindOf.get(raw);
    if (kind === undefined && !kindOf.has(raw)) { kind = byKey.get(headerKey(raw)); kindOf.set(raw, kind); }
    if (!kind) {
      const suggestion = suggestName(raw, names);
      issue('kind', { code: 'D014', expected: { zh: '方案中声明的事件类别', en: 'an event kind the policy declares' }, ...(suggestion !== undefined ? { suggestion } : {}) });
      return undefined;
    }
    if (kind.amount) {
      const range = { zh: `${kind.name} 的范围 ${kind.amount.text} 内的数`, en: `a number within ${kind.amount.text}, the range of ${kind.name}` };
      if (amount === undefined) issue('amount', { code: 'D016', expected: range });
      else if (typeof amount === 'number' && (amount < kind.amount.min || amount > kind.amount.max)) issue('amount', { code: 'D015', expected: range });
    }
    if (kind.noteRequired && (note === undefined || note === '')) {
      issue('note', { code: 'D017', expected: { zh: `${kind.name} 的原因说明`, en: `a reason for ${kind.name}` } });
    }
    return kind.name;
  };
}

/** The events table: its cells read as columns (shared between policies), then each good row's rules. */
function readEvents(t: Table, columns: readonly ColumnRequirement[], out: Collector, reads: TableReads, kinds: readonly EventKindRequirement[]): EventsRead {
  const read = readColumns(t, columns, out, reads);
  if (!read) return { good: new Uint8Array(0), kinds: [] };
  const rules = eventRules(kinds);
  const [kindColumn, amountColumn, noteColumn] = ['kind', 'amount', 'note'].map((name) => read.columns.get(name));
  const good = new Uint8Array(read.length);
  const declared: (string | undefined)[] = [];
  // The row the rules are checking, for the one problem reporter (not a closure per row).
  let r = 0;
  const problem = (name: string, p: IssueParams) => {
    good[r] = 0;
    out.add(p.code, read.rows[r]!.row, read.header(name), read.cell(r, name), p.expected, p.suggestion, read.order(name));
  };
  for (r = 0; r < read.length; r++) {
    if (!read.ok[r]) { declared.push(undefined); continue; }
    good[r] = 1;
    declared.push(rules(kindColumn && cellValue(kindColumn, r), amountColumn && cellValue(amountColumn, r), noteColumn && cellValue(noteColumn, r), problem));
  }
  return { read, good, kinds: declared };
}

/** The events table read, and each row's rules checked. */
interface EventsRead {
  readonly read?: ReadColumns;
  /** 1 where the row's cells and rules are all right. */
  readonly good: Uint8Array;
  /** Each row's kind by its declared name. */
  readonly kinds: readonly (string | undefined)[];
}

