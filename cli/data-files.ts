// Reads employee data from disk for the CLI: a folder of CSV files, one .xlsx workbook, or one .json file.
// Node-only; everything after the bytes (CSV parsing, checking) is in runtime/data and runs in the browser too.

import { lstat, readFile, readdir, realpath, stat, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import writeExcelFile from 'write-excel-file/node';
import { MAX_DATA_BYTES, NAMING_HINT, type ReadData, TABLE_NAMES, readDataFiles, tableOfFile, tooLarge, unreadable } from '../runtime/data/files.ts';
import type { Lang } from '../runtime/data/messages.ts';
import { TABLES } from '../runtime/data/requirements.ts';
import { tableFromCsv } from '../runtime/data/csv.ts';
import type { Table } from '../runtime/data/load.ts';
import { policyBase } from '../runtime/data/policy-events.ts';
import { decodeText } from '../runtime/data/files.ts';
import { type NamedTable, resultsWorkbook } from '../runtime/workbook.ts';

export { TABLE_NAMES, decodeText, type ReadData } from '../runtime/data/files.ts';

/** Reads a data source: a folder (employees.csv …, or 员工.csv …), an .xlsx workbook or a .json file. */
export async function readDataSources(path: string): Promise<ReadData> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return await readFolder(path);
    const refused = await refuseFile(path);
    if (refused) return { sources: {}, problems: [refused], notices: [] };
    // A single CSV file with another name is taken as the monthly table.
    return await readDataFiles([{ name: path, bytes: await readFile(path) }], 'monthly');
  } catch (e) {
    return { sources: {}, problems: [unreadable(path, String((e as Error)?.message ?? e))], notices: [] };
  }
}

/**
 * A data file must be a regular file (a symlink is followed to one) of at most MAX_DATA_BYTES: /dev/zero, a FIFO or a
 * socket would be read until memory is gone, or forever. The problem, or undefined when the file may be read.
 */
async function refuseFile(path: string): Promise<ReturnType<typeof unreadable> | undefined> {
  const info = await stat(path);
  if (!info.isFile()) {
    const link = (await lstat(path)).isSymbolicLink() ? ` → ${await realpath(path).catch(() => '?')}` : '';
    const what = info.isFIFO() ? 'a FIFO' : info.isCharacterDevice() || info.isBlockDevice() ? 'a device' : info.isSocket() ? 'a socket' : 'not a regular file';
    return unreadable(path, `${what}${link}`, { zh: '普通文件（不是设备、管道或套接字）', en: 'a regular file (not a device, pipe or socket)' });
  }
  if (info.size > MAX_DATA_BYTES) return tooLarge(path, info.size);
  return undefined;
}

async function readFolder(dir: string): Promise<ReadData> {
  const names = await readdir(dir);
  const files = [];
  const problems = [];
  const texts = names.filter((n) => ['.csv', '.txt', '.tsv'].includes(extname(n).toLowerCase())).sort();
  for (const table of TABLES) {
    // An exact name (员工.csv) before a content word (员工花名册.csv).
    const name = texts.find((n) => tableOfFile(n) === table && TABLE_NAMES[table].includes(n.slice(0, -extname(n).length).normalize('NFKC').toLowerCase()))
      ?? texts.find((n) => tableOfFile(n) === table);
    if (!name) continue;
    const refused = await refuseFile(join(dir, name));
    if (refused) problems.push(refused);
    else files.push({ name: join(dir, name), bytes: await readFile(join(dir, name)) });
  }
  // No file says which table it is: one message listing what is there.
  if (!files.length && !problems.length) {
    const listed = names.slice(0, 12).join('、') + (names.length > 12 ? ` … (${names.length})` : '');
    return { sources: {}, problems: [unreadable(dir, listed || '(empty folder)', NAMING_HINT)], notices: [] };
  }
  const read = await readDataFiles(files);
  return problems.length ? { ...read, problems: [...problems, ...read.problems] } : read;
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

/** Writes results as a workbook HR works with (runtime/workbook.ts makes the bytes, the same as the playground's). */
export async function writeResultsWorkbook(path: string, sheets: readonly NamedTable[], lang: Lang): Promise<void> {
  await writeFile(path, await resultsWorkbook(sheets, lang));
}
