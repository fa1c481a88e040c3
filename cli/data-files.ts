// Reads employee data from disk for the CLI: a folder of CSV files, one .xlsx workbook, or one .json file.
// Node-only; everything after the bytes (CSV parsing, checking) is in runtime/data and runs in the browser too.

import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import writeExcelFile from 'write-excel-file/node';
import { tableFromCsv } from '../runtime/data/csv.ts';
import type { DataSources, JsonRecords, Table } from '../runtime/data/load.ts';
import type { DataProblem } from '../runtime/data/messages.ts';
import { TABLES, type TableName } from '../runtime/data/requirements.ts';

/** File and sheet names of each table: the standard name, then the Chinese one. */
export const TABLE_NAMES: Readonly<Record<TableName, readonly string[]>> = {
  employees: ['employees', '员工'],
  monthly: ['monthly', '月度'],
  events: ['events', '事件'],
};

export interface ReadData {
  readonly sources: DataSources;
  /** Files that could not be read at all (D020). */
  readonly problems: readonly DataProblem[];
}

const unreadable = (file: string, detail: string): DataProblem => ({
  code: 'D020', file, row: 0, column: '', value: detail.split('\n')[0]!.slice(0, 120),
  expected: { zh: '可读取的 CSV / XLSX / JSON 文件', en: 'a readable CSV, XLSX or JSON file' },
});

/** Reads a data source: a folder (employees.csv …, or 员工.csv …), an .xlsx workbook or a .json file. */
export async function readDataSources(path: string): Promise<ReadData> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return await readFolder(path);
    switch (extname(path).toLowerCase()) {
      case '.xlsx': return await readWorkbook(path);
      case '.json': return await readJson(path);
      case '.csv': return { sources: { [tableOfFile(path) ?? 'monthly']: tableFromCsv(path, decodeText(await readFile(path))) }, problems: [] };
      default: return { sources: {}, problems: [unreadable(path, `unknown file type ${extname(path)}`)] };
    }
  } catch (e) {
    return { sources: {}, problems: [unreadable(path, String((e as Error)?.message ?? e))] };
  }
}

function tableOfFile(path: string): TableName | undefined {
  const stem = basename(path, extname(path)).normalize('NFKC').toLowerCase();
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

async function readFolder(dir: string): Promise<ReadData> {
  const names = await readdir(dir);
  const sources: { -readonly [K in TableName]?: Table } = {};
  const problems: DataProblem[] = [];
  for (const table of TABLES) {
    const name = names.find((n) => extname(n).toLowerCase() === '.csv' && tableOfFile(n) === table);
    if (!name) continue;
    const file = join(dir, name);
    try {
      sources[table] = tableFromCsv(file, decodeText(await readFile(file)));
    } catch (e) {
      problems.push(unreadable(file, String((e as Error)?.message ?? e)));
    }
  }
  return { sources, problems };
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

async function readWorkbook(path: string): Promise<ReadData> {
  const sheets = await readXlsxFile<string>(await readFile(path), { parseNumber: (s) => s, trim: false });
  const sources: { -readonly [K in TableName]?: Table } = {};
  for (const table of TABLES) {
    const sheet = sheets.find((s) => TABLE_NAMES[table].includes(s.sheet.normalize('NFKC').trim().toLowerCase()));
    if (!sheet) continue;
    const [header = [], ...rows] = sheet.data;
    sources[table] = {
      file: path, sheet: sheet.sheet, header: header.map(xlsxCellText), headerRow: 1,
      rows: rows.map((cells, i) => ({ row: i + 2, cells: cells.map(xlsxCellText) }))
        .filter((r) => r.cells.some((c) => c.trim() !== '')),
    };
  }
  return { sources, problems: [] };
}

async function readJson(path: string): Promise<ReadData> {
  let doc: unknown;
  try {
    doc = JSON.parse(decodeText(await readFile(path)).replace(/^\uFEFF/, ''));
  } catch (e) {
    return { sources: {}, problems: [unreadable(path, String((e as Error)?.message ?? e))] };
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return { sources: {}, problems: [unreadable(path, 'expected { "employees": [...], "monthly": [...], "events": [...] }')] };
  }
  const sources: { -readonly [K in TableName]?: JsonRecords } = {};
  const problems: DataProblem[] = [];
  for (const table of TABLES) {
    const key = Object.keys(doc).find((k) => TABLE_NAMES[table].includes(k.normalize('NFKC').trim().toLowerCase()));
    if (key === undefined) continue;
    const records = (doc as Record<string, unknown>)[key];
    if (!Array.isArray(records)) { problems.push(unreadable(path, `"${key}" is not an array`)); continue; }
    sources[table] = { file: path, records };
  }
  return { sources, problems };
}

export type XlsxCell = string | number | boolean | Date | null;

/** Writes a workbook, one sheet per entry (tests make their .xlsx fixtures with it; a run can export results). */
export async function writeXlsxWorkbook(path: string, sheets: readonly { readonly name: string; readonly rows: readonly (readonly XlsxCell[])[] }[]): Promise<void> {
  await writeExcelFile(sheets.map((s) => ({
    sheet: s.name,
    data: s.rows.map((r) => r.map((v) => (v instanceof Date ? { value: v, type: Date, format: 'yyyy-mm-dd' } : v))),
  })) as never).toFile(path);
}
