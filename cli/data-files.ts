// Reads employee data from disk for the CLI: a folder of CSV files, one .xlsx workbook, or one .json file.
// Node-only; everything after the bytes (CSV parsing, checking) is in runtime/data and runs in the browser too.

import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import writeExcelFile from 'write-excel-file/node';
import { type ReadData, readDataFiles, tableOfFile, unreadable } from '../runtime/data/files.ts';
import { TABLES } from '../runtime/data/requirements.ts';
import { tableFromCsv } from '../runtime/data/csv.ts';
import type { Table } from '../runtime/data/load.ts';
import { policyBase } from '../runtime/data/policy-events.ts';
import { decodeText } from '../runtime/data/files.ts';

export { TABLE_NAMES, decodeText, type ReadData } from '../runtime/data/files.ts';

/** Reads a data source: a folder (employees.csv …, or 员工.csv …), an .xlsx workbook or a .json file. */
export async function readDataSources(path: string): Promise<ReadData> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return await readFolder(path);
    // A single CSV file with another name is taken as the monthly table.
    return await readDataFiles([{ name: path, bytes: await readFile(path) }], 'monthly');
  } catch (e) {
    return { sources: {}, problems: [unreadable(path, String((e as Error)?.message ?? e))] };
  }
}

async function readFolder(dir: string): Promise<ReadData> {
  const names = await readdir(dir);
  const files = [];
  for (const table of TABLES) {
    const name = names.find((n) => extname(n).toLowerCase() === '.csv' && tableOfFile(n) === table);
    if (name) files.push({ name: join(dir, name), bytes: await readFile(join(dir, name)) });
  }
  return readDataFiles(files);
}

export type XlsxCell = string | number | boolean | Date | null;

/** Writes a workbook, one sheet per entry (tests make their .xlsx fixtures with it; a run can export results). */
export async function writeXlsxWorkbook(path: string, sheets: readonly { readonly name: string; readonly rows: readonly (readonly XlsxCell[])[] }[]): Promise<void> {
  await writeExcelFile(sheets.map((s) => ({
    sheet: s.name,
    data: s.rows.map((r) => r.map((v) => (v instanceof Date ? { value: v, type: Date, format: 'yyyy-mm-dd' } : v))),
  })) as never).toFile(path);
}

/** A policy's own events (`violations/<policy>.csv` in a data folder), when there is such a file. */
export async function readPolicyEvents(dataPath: string, policyPath: string): Promise<Table | undefined> {
  const file = join(dataPath, 'violations', `${policyBase(policyPath)}.csv`);
  try {
    if (!(await stat(dataPath)).isDirectory() || !(await stat(file)).isFile()) return undefined;
  } catch {
    return undefined;
  }
  return tableFromCsv(file, decodeText(await readFile(file)));
}
