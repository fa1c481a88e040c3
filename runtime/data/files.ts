// Data files as bytes → the tables the loader checks: CSV (UTF-8 or GB18030), an .xlsx workbook, or a .json file.
// No file system here: the CLI reads the bytes from disk, the playground from an upload, and both get the same
// tables and the same problems.

import { readCsvTable } from './csv.ts';
import { type FoundTable, type GridRow, findTable, tableOfHeader } from './grid.ts';
import { MAX_JSON_DEPTH, scanJson } from './json.ts';
import type { DataSources, JsonRecords, Table } from './load.ts';
import { type Bilingual, type DataNotice, type DataProblem, clip } from './messages.ts';
import { TABLES, type TableName } from './requirements.ts';
import { type SheetGrid, WorkbookError, openWorkbook } from './xlsx.ts';

/** File and sheet names of each table: the standard name, then the Chinese one. */
export const TABLE_NAMES: Readonly<Record<TableName, readonly string[]>> = {
  employees: ['employees', '员工'],
  monthly: ['monthly', '月度'],
  events: ['events', '事件'],
};

export interface DataFile {
  /** The name shown in problems (a path for the CLI, the file's name for an upload). */
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface ReadData {
  readonly sources: DataSources;
  /** Files that could not be read at all (D020), and problems of a file's structure (D023, D024). */
  readonly problems: readonly DataProblem[];
  /** What reading did that changes the data (merged cells filled …): said, the run goes on. */
  readonly notices: readonly DataNotice[];
}

/** The largest data file read: 200 MB is far beyond any HR export (a 100,000-person year of monthly rows as CSV is
 * about 60 MB); a larger file is refused with this figure rather than read until memory is gone. */
export const MAX_DATA_BYTES = 200 * 1024 * 1024;

const SAVE_AS_XLSX: Bilingual = { zh: '.xlsx 工作簿：请在 Excel 或 WPS 中“另存为” Excel 工作簿 (*.xlsx)', en: 'an .xlsx workbook: in Excel or WPS, Save As "Excel Workbook (*.xlsx)"' };

const READABLE: Bilingual = { zh: '可读取的 CSV / XLSX / JSON 文件', en: 'a readable CSV, XLSX or JSON file' };

export function unreadable(file: string, detail: string, expected: Bilingual = READABLE): DataProblem {
  return { code: 'D020', file, row: 0, column: '', value: clip(detail.split('\n')[0]!, 120), expected };
}

/** A file over MAX_DATA_BYTES, refused before it is read. */
export function tooLarge(file: string, bytes: number): DataProblem {
  const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MB`;
  return unreadable(file, `${mb(bytes)}`, { zh: `不超过 ${mb(MAX_DATA_BYTES)} 的数据文件`, en: `a data file of at most ${mb(MAX_DATA_BYTES)}` });
}

const stemOf = (name: string) => (name.split(/[\\/]/).pop() ?? name).replace(/\.[^.]*$/, '');
const extOf = (name: string) => (/\.[^.\\/]*$/.exec(name)?.[0] ?? '').toLowerCase();

/** Words in a file or sheet name that say which table it holds (员工花名册.csv, 2026年1月考核.csv, 奖惩记录), checked in
 * this order: a name with two (员工奖惩, 员工考核) is the more specific table. */
const CONTENT_WORDS: readonly (readonly [TableName, readonly string[]])[] = [
  ['events', ['事件', '奖惩', '违纪', '违规', 'event']],
  ['monthly', ['月度', '考核', '绩效', '月报', 'monthly']],
  ['employees', ['员工', '人员', '花名册', '名册', 'employee', 'staff', 'roster']],
];

/** Which table a file or sheet holds from its name: employees.csv, 月度.csv exactly, else a content word in it. */
export function tableOfName(name: string): TableName | undefined {
  const stem = name.normalize('NFKC').trim().toLowerCase();
  return TABLES.find((t) => TABLE_NAMES[t].includes(stem)) ?? CONTENT_WORDS.find(([, words]) => words.some((w) => stem.includes(w)))?.[0];
}

/** Which table a CSV file holds, from its name (employees.csv, 月度.csv, 员工花名册.csv …). */
export function tableOfFile(name: string): TableName | undefined {
  return tableOfName(stemOf(name));
}

/** What a file or sheet must be called, or head, to be recognised (for the message when nothing is). */
export const NAMING_HINT: Bilingual = {
  zh: '名为 员工/月度/事件（或含 人员、花名册、考核、绩效、奖惩）的文件或工作表，或表头含 工号 与 入职日期 / 月份 / 日期、类别',
  en: 'a file or sheet named employees/monthly/events (员工/月度/事件, or with 人员, 花名册, 考核, 绩效, 奖惩 in its name), or headed 工号 with 入职日期 / 月份 / 日期 and 类别',
};

/**
 * Text of a CSV or JSON file: UTF-16 by its BOM or its zero bytes (Excel's "Unicode 文本" export), UTF-8 (with or
 * without BOM), else GB18030, what Chinese Excel saves CSV in.
 */
export function decodeText(bytes: Uint8Array): string {
  const utf16 = utf16Of(bytes);
  if (utf16) return new TextDecoder(utf16).decode(bytes).replace(/^\uFEFF/, '');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function utf16Of(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  // Without a BOM: ASCII text (headers' digits, commas, tabs, line ends) in UTF-16 has a zero byte in every pair.
  const n = Math.min(bytes.length, 2048) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) { if (bytes[i] === 0) even++; if (bytes[i + 1] === 0) odd++; }
  if (odd > n / 8 && even === 0) return 'utf-16le';
  if (even > n / 8 && odd === 0) return 'utf-16be';
  return undefined;
}

/**
 * Reads data files into tables: CSV files by their names, a workbook by its sheet names, a JSON file by its keys.
 * A later file for the same table replaces an earlier one. `csvFallback` is the table a CSV file with another name
 * is taken as (the CLI's single-file form), or undefined to report it as unreadable.
 */
export async function readDataFiles(files: readonly DataFile[], csvFallback?: TableName): Promise<ReadData> {
  const sources: { -readonly [K in TableName]?: Table | JsonRecords } = {};
  const problems: DataProblem[] = [];
  const notices: DataNotice[] = [];
  for (const f of files) {
    if (f.bytes.length > MAX_DATA_BYTES) { problems.push(tooLarge(f.name, f.bytes.length)); continue; }
    try {
      const read = await readDataFile(f, csvFallback);
      Object.assign(sources, read.sources);
      problems.push(...read.problems);
      notices.push(...read.notices);
    } catch (e) {
      if (e instanceof WorkbookError) problems.push(unreadable(f.name, `${e.zh} / ${e.en}`, e.kind === 'old' ? SAVE_AS_XLSX : { zh: '可读取的 .xlsx 工作簿', en: 'a readable .xlsx workbook' }));
      else problems.push(unreadable(f.name, String((e as Error)?.message ?? e)));
    }
  }
  return { sources, problems, notices };
}

async function readDataFile(f: DataFile, csvFallback: TableName | undefined): Promise<ReadData> {
  switch (extOf(f.name)) {
    case '.csv': case '.txt': case '.tsv': {
      const read = readCsvTable(f.name, decodeText(f.bytes));
      const table = tableOfFile(f.name) ?? tableOfHeader(read.table.header) ?? csvFallback;
      if (!table) return { sources: {}, problems: [unreadable(f.name, stemOf(f.name), NAMING_HINT)], notices: [] };
      return { sources: { [table]: read.table }, problems: [], notices: read.notices };
    }
    case '.xlsx': case '.xlsm': return readWorkbook(f);
    case '.json': return readJson(f);
    // Old binary workbooks (Excel 97–2003, WPS): no reader of ours, and guessing at them would be silently wrong.
    case '.xls': case '.et': case '.ett': return { sources: {}, problems: [unreadable(f.name, `${extOf(f.name)}：旧版工作簿格式 / an old workbook format`, SAVE_AS_XLSX)], notices: [] };
    default: return { sources: {}, problems: [unreadable(f.name, `unknown file type ${extOf(f.name) || '(none)'}`)], notices: [] };
  }
}

/** A workbook's sheets as tables: by name (员工, 月度 …, or a content word), then any other sheet by its header
 * (Sheet1 headed 工号, 月份, 考核分 is the monthly table). Sheets not used are named in a notice. */
function readWorkbook(f: DataFile): ReadData {
  const workbook = openWorkbook(f.bytes);
  const sources: { -readonly [K in TableName]?: Table } = {};
  const notices: DataNotice[] = [];
  const unused: string[] = [];
  const found = new Map<string, FoundTable>();
  const read = (name: string) => {
    let got = found.get(name);
    if (!got) { got = sheetTable(f.name, workbook.sheet(name)); found.set(name, got); }
    return got;
  };
  const byName = new Map<string, TableName>();
  // Exact names first, so that 员工 beats 员工奖惩 for the employees table.
  for (const table of TABLES) {
    const name = workbook.sheetNames.find((s) => TABLE_NAMES[table].includes(s.normalize('NFKC').trim().toLowerCase()));
    if (name !== undefined) byName.set(name, table);
  }
  for (const name of workbook.sheetNames) {
    const table = tableOfName(name);
    if (!byName.has(name) && table && ![...byName.values()].includes(table)) byName.set(name, table);
  }
  for (const name of workbook.sheetNames) {
    let table = byName.get(name);
    if (!table) {
      table = tableOfHeader(read(name).table.header);
      if (table && (sources[table] || [...byName.values()].includes(table))) table = undefined;
    }
    if (!table || sources[table]) { unused.push(name); continue; }
    const got = read(name);
    sources[table] = got.table;
    notices.push(...got.notices);
  }
  if (!Object.keys(sources).length) {
    return { sources, problems: [unreadable(f.name, `${workbook.sheetNames.map((s) => clip(s, 30)).join('、') || '(no sheet)'}`, NAMING_HINT)], notices: [] };
  }
  if (unused.length) {
    const list = unused.map((s) => clip(s, 30));
    notices.push({ file: f.name, message: { zh: `未使用的工作表：${list.join('、')}`, en: `sheets not used: ${list.join(', ')}` } });
  }
  return { sources, problems: [], notices };
}

/** A sheet as the table HR meant (findTable), and the merged ranges filled in its data rows. */
function sheetTable(file: string, grid: SheetGrid): FoundTable {
  const rows: GridRow[] = [];
  grid.rows.forEach((cells, i) => { if (cells) rows.push({ row: i + 1, cells }); });
  const found = findTable(file, grid.name, rows);
  // Only ranges reaching into the data: a merged header cell (工号 over two header rows) changes no value.
  const firstData = found.table.rows[0]?.row ?? Infinity;
  const filled = grid.merged.filter((m) => m.bottom >= firstData && m.bottom > m.top);
  if (filled.length) {
    const shown = filled.slice(0, 8).map((m) => m.ref);
    const more = filled.length > shown.length ? { zh: ` 等 ${filled.length} 处`, en: ` and ${filled.length - shown.length} more` } : { zh: '', en: '' };
    found.notices.unshift({
      file, sheet: grid.name,
      message: {
        zh: `合并单元格 ${shown.join('、')}${more.zh} 已按各自首格的值填入其下各行`,
        en: `merged cells ${shown.join(', ')}${more.en} were filled down from their first cell`,
      },
    });
  }
  return found;
}

function readJson(f: DataFile): ReadData {
  const text = decodeText(f.bytes).replace(/^\uFEFF/, '');
  // Keys written twice and nesting too deep: JSON.parse would keep the last key silently, and a deep document
  // would exhaust the stack of whatever walks it.
  const structure: DataProblem[] = scanJson(text).map((issue) => issue.kind === 'depth'
    ? { code: 'D024', file: f.name, row: issue.line, column: '', value: '', expected: { zh: `至多 ${MAX_JSON_DEPTH} 层嵌套`, en: `at most ${MAX_JSON_DEPTH} levels of nesting` } }
    : {
      code: 'D023', file: f.name, row: issue.line, column: issue.key, value: issue.path,
      expected: { zh: `${issue.path} 中的键 "${clip(issue.key)}" 只写一次（已见于第 ${issue.firstLine} 行）`, en: `the key "${clip(issue.key)}" once in ${issue.path} (already on line ${issue.firstLine})` },
    });
  if (structure.length) return { sources: {}, problems: structure, notices: [] };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { sources: {}, problems: [unreadable(f.name, String((e as Error)?.message ?? e))], notices: [] };
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return { sources: {}, problems: [unreadable(f.name, 'expected { "employees": [...], "monthly": [...], "events": [...] }')], notices: [] };
  }
  const sources: { -readonly [K in TableName]?: JsonRecords } = {};
  const problems: DataProblem[] = [];
  for (const table of TABLES) {
    const key = Object.keys(doc).find((k) => TABLE_NAMES[table].includes(k.normalize('NFKC').trim().toLowerCase()))
      ?? Object.keys(doc).find((k) => tableOfName(k) === table);
    if (key === undefined) continue;
    const records = (doc as Record<string, unknown>)[key];
    if (!Array.isArray(records)) { problems.push(unreadable(f.name, `"${key}" is not an array`)); continue; }
    sources[table] = { file: f.name, records };
  }
  return { sources, problems, notices: [] };
}
