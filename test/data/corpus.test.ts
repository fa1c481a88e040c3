// The data-error corpus: each folder under test/cases/data-bad is a broken data set showing one kind of problem;
// its expected.txt lists every problem the loader reports (code, file[:sheet]:row:column, value, suggestion).
// A folder holds CSV files, a data.json, or a workbook.json that the test writes out as an .xlsx first.
// LADDER_UPDATE_GOLDEN=1 rewrites the expectations for review with `git diff`.

import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDataSources, writeXlsxWorkbook, type XlsxCell } from '../../cli/data-files.ts';
import { compile } from '../../compiler/compile.ts';
import { type EmployeeData, TableReads, loadTables } from '../../runtime/data/load.ts';
import type { DataProblem } from '../../runtime/data/messages.ts';
import { dataRequirements } from '../../runtime/data/requirements.ts';

const corpus = join(import.meta.dirname, '../cases/data-bad');
const update = process.env.LADDER_UPDATE_GOLDEN === '1';

function summarize(p: DataProblem): string {
  const where = `${basename(p.file)}${p.sheet === undefined ? '' : `:${p.sheet}`}:${p.row}:${p.column}`;
  return `${p.code} ${where} «${p.value}»${p.suggestion === undefined ? '' : ` suggest=${p.suggestion}`}`;
}

/** workbook.json: sheets of rows; a cell {"date": "YYYY-MM-DD"} is written as a real Excel date. */
async function writeWorkbook(dir: string): Promise<string> {
  const spec = JSON.parse(readFileSync(join(dir, 'workbook.json'), 'utf8')) as { sheets: { name: string; rows: unknown[][] }[] };
  const out = join(mkdtempSync(join(tmpdir(), 'ladder-xlsx-')), 'data.xlsx');
  await writeXlsxWorkbook(out, spec.sheets.map((s) => ({
    name: s.name,
    rows: s.rows.map((r) => r.map((c): XlsxCell => (c !== null && typeof c === 'object' && 'date' in c ? new Date(`${(c as { date: string }).date}T00:00:00Z`) : c as XlsxCell))),
  })));
  return out;
}

async function problemsOf(dir: string): Promise<string> {
  const policyPath = existsSync(join(dir, 'policy.yaml')) ? join(dir, 'policy.yaml') : join(corpus, 'policy.yaml');
  const result = compile({ name: 'policy.yaml', text: readFileSync(policyPath, 'utf8') });
  expect(result.ok, 'the corpus policy compiles').toBe(true);
  const source = existsSync(join(dir, 'workbook.json')) ? await writeWorkbook(dir)
    : existsSync(join(dir, 'data.json')) ? join(dir, 'data.json') : dir;
  const read = await readDataSources(source);
  // As the CLI does: a source that could not be read at all is reported alone.
  if (Object.keys(read.sources).length === 0) return read.problems.map(summarize).join('\n') + '\n';
  const loaded = loadTables(read.sources, dataRequirements(result));
  return [...read.problems, ...loaded.problems].map(summarize).join('\n') + '\n';
}

const cases = readdirSync(corpus, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe('data-error corpus', () => {
  it('has a case for every kind of problem', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });
  for (const name of cases) {
    it(name, async () => {
      const dir = join(corpus, name);
      const actual = await problemsOf(dir);
      const expectedPath = join(dir, 'expected.txt');
      if (update) writeFileSync(expectedPath, actual);
      expect(actual).toBe(readFileSync(expectedPath, 'utf8'));
      // Each case shows the problem its name promises: its first problem's code is in the golden.
      expect(actual.trim()).not.toBe('');
    });
  }
});

// ladder compare loads one data set for several schemes with the same TableReads: each scheme must get exactly what
// it would get alone, problems and data, whatever another scheme read from the same tables before it.
describe('data-error corpus, tables shared between policies', () => {
  const other = compile({ name: 'scheme-a.yaml', text: readFileSync(join(import.meta.dirname, '../../policies/scheme-a-tier-ladder.yaml'), 'utf8') });
  const plain = (d: EmployeeData) => ({
    employees: d.employees.map((e) => ({ ...e, values: { ...e.values } })), months: d.months, events: d.events,
    monthly: [...d.monthly].map(([id, ms]) => [id, [...ms].map(([m, r]) => [m, { ...r, values: { ...r.values } }])]),
  });
  for (const name of cases) {
    it(name, async () => {
      const dir = join(corpus, name);
      if (existsSync(join(dir, 'workbook.json'))) return;
      const policyPath = existsSync(join(dir, 'policy.yaml')) ? join(dir, 'policy.yaml') : join(corpus, 'policy.yaml');
      const requirements = dataRequirements(compile({ name: 'policy.yaml', text: readFileSync(policyPath, 'utf8') }));
      const read = await readDataSources(existsSync(join(dir, 'data.json')) ? join(dir, 'data.json') : dir);
      if (Object.keys(read.sources).length === 0) return;
      const reads = new TableReads();
      loadTables(read.sources, dataRequirements(other), reads);
      const shared = loadTables(read.sources, requirements, reads);
      const alone = loadTables(read.sources, requirements);
      expect(shared.problems).toEqual(alone.problems);
      expect(plain(shared.data)).toEqual(plain(alone.data));
    });
  }
});
