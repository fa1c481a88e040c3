// Round trips (issue 15, item 5): the sample population written as Excel and WPS write workbooks — merged team cells,
// a title row, dates and months as day numbers with date formats, percents as percent-formatted fractions, decimals
// stored with 17 digits, sheets named by content words — gives the same results as the same data as plain CSV, person-
// month by person-month; and examples/sample/sample.xlsx read by another reader and saved by another writer too.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDataSources } from '../../cli/data-files.ts';
import { compile } from '../../compiler/compile.ts';
import { parseCsv } from '../../runtime/data/csv.ts';
import { readDataFiles } from '../../runtime/data/files.ts';
import { type DataSources, loadTables } from '../../runtime/data/load.ts';
import { dataRequirements } from '../../runtime/data/requirements.ts';
import { toPopulation } from '../../runtime/data/to-population.ts';
import { run } from '../../runtime/run.ts';
import { type BuiltCell, type BuiltSheet, buildXlsx, columnName } from './xlsx-builder.ts';

const SAMPLE = join(import.meta.dirname, '../../examples/sample');
const POLICIES = ['scheme-a-tier-ladder', 'scheme-c-star-rating', 'scheme-d-points'].map((p) => join(import.meta.dirname, `../../policies/${p}.yaml`));

/** Excel's day number of a date (1900 system, after 1900-03-01). */
const serialOf = (iso: string) => Math.round((Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) - Date.UTC(1899, 11, 30)) / 86_400_000);

/** A double as Excel stores it: 17 significant digits (83.4 is 83.400000000000006). */
const stored = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(17));

/** A CSV cell as Excel would hold it after typing it in: a number, a date, a month or a percent with a format. */
function excelCell(text: string): BuiltCell {
  if (text === '') return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return { n: serialOf(text), format: 'yyyy/m/d' };
  if (/^\d{4}-\d{2}$/.test(text)) return { n: serialOf(`${text}-01`), format: 'yyyy"年"m"月"' };
  const percent = /^(-?\d+(?:\.(\d+))?)%$/.exec(text);
  if (percent) return { n: stored(Number(percent[1]) / 100), format: `0${percent[2] ? `.${'0'.repeat(percent[2].length)}` : ''}%` };
  if (/^-?\d+(?:\.\d+)?$/.test(text) && !/^0\d/.test(text)) return { n: stored(Number(text)) };
  return text;
}

/** A CSV file as an Excel sheet: a title row and a blank row above the header, `merge` columns merged over runs. */
function excelSheet(name: string, csvText: string, merge: readonly string[]): BuiltSheet {
  const csv = parseCsv(csvText);
  const rows: BuiltCell[][] = [[`${name}（2026 年）`], [], csv.header, ...csv.rows.map((r) => r.cells.map(excelCell))];
  const merges: string[] = [];
  for (const column of merge) {
    const c = csv.header.indexOf(column);
    let start = 3;
    for (let r = 4; r <= rows.length; r++) {
      const same = r < rows.length && rows[start]![c] !== null && JSON.stringify(rows[r]![c]) === JSON.stringify(rows[start]![c]);
      if (same) continue;
      if (r - start > 1) {
        merges.push(`${columnName(c + 1)}${start + 1}:${columnName(c + 1)}${r}`);
        for (let k = start + 1; k < r; k++) rows[k]![c] = null;
      }
      start = r;
    }
  }
  return { name, rows, merges };
}

function results(policy: string, sources: DataSources): string[] {
  const compiled = compile({ name: policy, text: readFileSync(policy, 'utf8') });
  const loaded = loadTables(sources, dataRequirements(compiled));
  expect(loaded.problems).toEqual([]);
  return run(compiled.ruleSet!, toPopulation(compiled.ruleSet!, loaded.data)).rows.map((r) => JSON.stringify(r));
}

let fromCsv: Map<string, string[]>;

beforeAll(async () => {
  const csv = await readDataSources(SAMPLE);
  expect(csv.problems).toEqual([]);
  fromCsv = new Map(POLICIES.map((p) => [p, results(p, csv.sources)]));
}, 60_000);

describe('round trips through Excel', () => {
  it('a workbook written as Excel writes it gives the CSV results, person-month by person-month', async () => {
    const text = (f: string) => readFileSync(join(SAMPLE, f), 'utf8');
    const bytes = buildXlsx([
      excelSheet('员工花名册', text('employees.csv'), ['team']),
      excelSheet('月度考核', text('monthly.csv'), []),
      excelSheet('奖惩事件', text('events.csv'), ['date']),
    ]);
    const read = await readDataFiles([{ name: 'sample-excel.xlsx', bytes }]);
    expect(read.problems).toEqual([]);
    // The reading did what it says: titles skipped, merged teams filled.
    const notices = read.notices.map((n) => `${n.sheet}: ${n.message.en}`);
    expect(notices.filter((n) => n.includes('not the header')).length).toBe(3);
    expect(notices).toContain('员工花名册: merged cells C4:C26, C27:C49, C50:C72, C73:C95, C96:C118, C119:C141, C142:C164, C165:C187 were filled down from their first cell');
    expect(notices.some((n) => n.startsWith('奖惩事件: merged cells B4:B'))).toBe(true);
    for (const policy of POLICIES) {
      const rows = results(policy, read.sources);
      const csvRows = fromCsv.get(policy)!;
      expect(rows.length).toBe(csvRows.length);
      const differing = rows.filter((r, i) => r !== csvRows[i]);
      expect(differing.slice(0, 1), policy).toEqual([]);
    }
  }, 60_000);

  it('sample.xlsx read by read-excel-file and saved by another writer gives the same results', async () => {
    const { default: readXlsxFile } = await import('read-excel-file/node');
    const sheets = await readXlsxFile(readFileSync(join(SAMPLE, 'sample.xlsx')));
    const resaved = buildXlsx(sheets.map((s) => ({
      name: s.sheet,
      rows: s.data.map((row) => row.map((v): BuiltCell => {
        if (v === null || v === undefined) return null;
        if (v instanceof Date) return { n: serialOf(v.toISOString().slice(0, 10)), format: 'yyyy-mm-dd' };
        if (typeof v === 'number') return { n: stored(v) };
        if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
        return String(v);
      })),
    })), { prefix: true });
    const read = await readDataFiles([{ name: 'resaved.xlsx', bytes: resaved }]);
    expect(read.problems).toEqual([]);
    for (const policy of POLICIES) expect(results(policy, read.sources)).toEqual(fromCsv.get(policy));
  }, 60_000);
});
