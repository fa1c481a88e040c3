// `ladder gen` on disk: which policies a population is made for, and writing it as CSV files, one workbook or one
// JSON file. The population itself is made by runtime/gen/population.ts (no Node there).

import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeXlsxWorkbook, type XlsxCell } from './data-files.ts';
import { writeWhole } from './write-whole.ts';
import { type GenTable, type GeneratedPopulation, tableCsv, tableRecords } from '../runtime/gen/population.ts';

export type GenFormat = 'csv' | 'xlsx' | 'json';

/** The bundled policies a population covers by default: policies/*.yaml and policies/extras/*.yaml, not templates. */
export function bundledPolicyFiles(root = 'policies'): string[] {
  const list = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.includes('.template.')).map((f) => join(dir, f));
  return [...list(root), ...list(join(root, 'extras'))].sort();
}

/** Policy files from --policy arguments: files as given, folders walked (YAML files, templates left out), sorted. */
export function policyFilesOf(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(name) && !/\.template\.ya?ml$/.test(name)) out.push(full);
    }
  };
  for (const p of paths) {
    let dir = false;
    try { dir = statSync(p).isDirectory(); } catch { /* reported when read */ }
    if (dir) walk(p); else out.push(p);
  }
  return [...new Set(out)];
}

/** A cell of the workbook: numbers as numbers, dates as dates, the rest as text (blank as an empty cell). */
function xlsxCell(s: string): XlsxCell {
  if (s === '') return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return new Date(`${s}T00:00:00Z`);
  if (/^-?\d+(\.\d+)?$/.test(s) && !/^0\d/.test(s)) return Number(s);
  return s;
}
const sheet = (name: string, t: GenTable) => ({ name, rows: [[...t.header] as XlsxCell[], ...t.rows.map((r) => r.map(xlsxCell))] });

/** The three tables as one workbook (sheets employees, monthly, events). */
export async function writePopulationXlsx(path: string, pop: GeneratedPopulation): Promise<void> {
  await writeWhole(path, (tmp) => writeXlsxWorkbook(tmp, [sheet('employees', pop.employees), sheet('monthly', pop.monthly), sheet('events', pop.events)]));
}

/**
 * Writes the population into `dir`: employees.csv, monthly.csv, events.csv (csv), population.xlsx (xlsx) or
 * population.json { employees, monthly, events } (json), and each policy's violations as violations/<policy>.csv
 * (the events table's columns, to append to events for that policy). Every file is written whole. The paths written.
 */
export async function writePopulation(dir: string, pop: GeneratedPopulation, format: GenFormat): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const text = async (path: string, content: string) => { await writeWhole(path, (tmp) => writeFileSync(tmp, content)); written.push(path); };
  if (format === 'csv') {
    await text(join(dir, 'employees.csv'), tableCsv(pop.employees));
    await text(join(dir, 'monthly.csv'), tableCsv(pop.monthly));
    await text(join(dir, 'events.csv'), tableCsv(pop.events));
  } else if (format === 'xlsx') {
    const path = join(dir, 'population.xlsx');
    await writePopulationXlsx(path, pop);
    written.push(path);
  } else {
    const doc = { employees: tableRecords(pop.employees), monthly: tableRecords(pop.monthly), events: tableRecords(pop.events) };
    await text(join(dir, 'population.json'), JSON.stringify(doc, null, 1) + '\n');
  }
  if (pop.violations.length) {
    mkdirSync(join(dir, 'violations'), { recursive: true });
    for (const v of pop.violations) await text(join(dir, 'violations', `${v.policy}.csv`), tableCsv(v.table));
  }
  return written;
}
