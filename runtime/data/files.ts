// Data files as bytes → the tables the loader checks: CSV (UTF-8 or GB18030), an .xlsx workbook, or a .json file.
// No file system here: the CLI reads the bytes from disk, the playground from an upload, and both get the same
// tables and the same problems.

import readXlsxFile from 'read-excel-file/universal';
import { tableFromCsv } from './csv.ts';
import type { DataSources, JsonRecords, Table } from './load.ts';
import type { DataProblem } from './messages.ts';
import { TABLES, type TableName } from './requirements.ts';

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
  /** Files that could not be read at all (D020). */
  readonly problems: readonly DataProblem[];
}

export function unreadable(file: string, detail: string): DataProblem {
  return {
    code: 'D020', file, row: 0, column: '', value: detail.split('\n')[0]!.slice(0, 120),
    expected: { zh: '可读取的 CSV / XLSX / JSON 文件', en: 'a readable CSV, XLSX or JSON file' },
  };
}

const stemOf = (name: string) => (name.split(/[\\/]/).pop() ?? name).replace(/\.[^.]*$/, '');
const extOf = (name: string) => (/\.[^.\\/]*$/.exec(name)?.[0] ?? '').toLowerCase();

/** Which table a CSV file holds, from its name (employees.csv, 月度.csv …). */
export function tableOfFile(name: string): TableName | undefined {
  const stem = stemOf(name).normalize('NFKC').toLowerCase();
  return TABLES.find((t) => TABLE_NAMES[t].includes(stem));
}

/** UTF-8 (with or without BOM); a file that is not UTF-8 is read as GB18030, what Chinese Excel saves CSV in. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/**
 * Reads data files into tables: CSV files by their names, a workbook by its sheet names, a JSON file by its keys.
 * A later file for the same table replaces an earlier one. `csvFallback` is the table a CSV file with another name
 * is taken as (the CLI's single-file form), or undefined to report it as unreadable.
 */
export async function readDataFiles(files: readonly DataFile[], csvFallback?: TableName): Promise<ReadData> {
  const sources: { -readonly [K in TableName]?: Table | JsonRecords } = {};
  const problems: DataProblem[] = [];
  for (const f of files) {
    try {
      const read = await readDataFile(f, csvFallback);
      Object.assign(sources, read.sources);
      problems.push(...read.problems);
    } catch (e) {
      problems.push(unreadable(f.name, String((e as Error)?.message ?? e)));
    }
  }
  return { sources, problems };
}

async function readDataFile(f: DataFile, csvFallback: TableName | undefined): Promise<ReadData> {
  switch (extOf(f.name)) {
    case '.csv': case '.txt': {
      const table = tableOfFile(f.name) ?? csvFallback;
      if (!table) return { sources: {}, problems: [unreadable(f.name, `name a CSV file employees/monthly/events (员工/月度/事件): ${stemOf(f.name)}`)] };
      return { sources: { [table]: tableFromCsv(f.name, decodeText(f.bytes)) }, problems: [] };
    }
    case '.xlsx': return readWorkbook(f);
    case '.json': return readJson(f);
    default: return { sources: {}, problems: [unreadable(f.name, `unknown file type ${extOf(f.name) || '(none)'}`)] };
  }
}

/** A cell of a sheet as text: numbers exactly as stored (parseNumber keeps the digits), dates as YYYY-MM-DD. */
function xlsxCellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    // Excel stores a date as a day number; the reader gives it back as a UTC midnight (a time of day kept).
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  return String(v);
}

async function readWorkbook(f: DataFile): Promise<ReadData> {
  const buffer = f.bytes.buffer.slice(f.bytes.byteOffset, f.bytes.byteOffset + f.bytes.byteLength) as ArrayBuffer;
  const sheets = await readXlsxFile<string>(buffer, { parseNumber: (s) => s, trim: false });
  const sources: { -readonly [K in TableName]?: Table } = {};
  for (const table of TABLES) {
    const sheet = sheets.find((s) => TABLE_NAMES[table].includes(s.sheet.normalize('NFKC').trim().toLowerCase()));
    if (!sheet) continue;
    const [header = [], ...rows] = sheet.data;
    sources[table] = {
      file: f.name, sheet: sheet.sheet, header: header.map(xlsxCellText), headerRow: 1,
      rows: rows.map((cells, i) => ({ row: i + 2, cells: cells.map(xlsxCellText) }))
        .filter((r) => r.cells.some((c) => c.trim() !== '')),
    };
  }
  return { sources, problems: [] };
}

function readJson(f: DataFile): ReadData {
  let doc: unknown;
  try {
    doc = JSON.parse(decodeText(f.bytes).replace(/^\uFEFF/, ''));
  } catch (e) {
    return { sources: {}, problems: [unreadable(f.name, String((e as Error)?.message ?? e))] };
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return { sources: {}, problems: [unreadable(f.name, 'expected { "employees": [...], "monthly": [...], "events": [...] }')] };
  }
  const sources: { -readonly [K in TableName]?: JsonRecords } = {};
  const problems: DataProblem[] = [];
  for (const table of TABLES) {
    const key = Object.keys(doc).find((k) => TABLE_NAMES[table].includes(k.normalize('NFKC').trim().toLowerCase()));
    if (key === undefined) continue;
    const records = (doc as Record<string, unknown>)[key];
    if (!Array.isArray(records)) { problems.push(unreadable(f.name, `"${key}" is not an array`)); continue; }
    sources[table] = { file: f.name, records };
  }
  return { sources, problems };
}
