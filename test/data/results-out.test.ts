// Results that land in Excel (issue 15, item 4): a results workbook has numeric cells (money #,##0.00, percents as
// percents), column widths, a frozen header row and Chinese sheet names in Chinese; CSV has a BOM and no formula runs.
// The bytes come from runtime/workbook.ts, which the CLI writes to a file and the playground downloads.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { writeResultsWorkbook } from '../../cli/data-files.ts';
import { main } from '../../cli/main.ts';
import { openWorkbook } from '../../runtime/data/xlsx.ts';
import { toCsv, toResultSheet } from '../../runtime/results.ts';
import { diffTables } from '../../runtime/simulate/report.ts';
import type { DiffReport } from '../../runtime/simulate/report.ts';
import { CSV_TYPE, XLSX_TYPE, tablesFile } from '../../runtime/workbook.ts';
import { sheetFacts } from './xlsx-cells.ts';

describe('a results workbook', () => {
  it('types cells: money, percents and numbers as numbers; ids, names and months as text', () => {
    const sheet = toResultSheet('results', [
      ['工号 id', '姓名 name', '月份 month', '星级 star', '满意度', '岗位工资', '合计 total', '标记 flags'],
      ['001', '=张三', '2026-01', '3', '98.5%', '2000.00', '-12.50', '可辞退'],
    ], 'zh');
    expect(sheet.name).toBe('结果');
    expect(sheet.rows[1]).toEqual(['001', '=张三', '2026-01', { number: 3 }, { number: 0.985, format: '0.0%' }, { number: 2000, format: '#,##0.00' }, { number: -12.5, format: '#,##0.00' }, '可辞退']);
    expect(sheet.widths).toEqual([9, 11, 12, 11, 8, 10, 12, 12]);
    expect(toResultSheet('results', [['a']], 'en').name).toBe('results');
  });

  it('is written with number formats, widths and the header row frozen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ladder-out-'));
    const out = join(dir, 'r.xlsx');
    await writeResultsWorkbook(out, [{ name: 'results', rows: [['工号 id', '合计 total', '满意度'], ['E1', '1234.50', '98%']] }], 'zh');
    const files = unzipSync(readFileSync(out));
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(sheet).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    expect(sheet).toMatch(/<col [^>]*width="/);
    expect(strFromU8(files['xl/styles.xml']!)).toContain('formatCode="#,##0.00"');
    // Read back as Excel shows it: 1234.5 in a #,##0.00 cell, 0.98 in a percent cell.
    const wb = openWorkbook(readFileSync(out));
    expect(wb.sheetNames).toEqual(['结果']);
    expect(wb.sheet('结果').rows[1]).toEqual(['E1', '1234.5', '98%']);
  });
});

describe('a results CSV', () => {
  it('starts with a BOM and neutralises formulas, but not negative numbers', () => {
    const csv = toCsv({ header: ['工号', '姓名', '合计'], rows: [['E1', '=HYPERLINK("http://x")', '-12.50'], ['E2', '+86 138', '@SUM(A1)'], ['E3', '-x', '\tTAB']] });
    expect(csv).toBe('\uFEFF工号,姓名,合计\r\nE1,"\'=HYPERLINK(""http://x"")",-12.50\r\nE2,\'+86 138,\'@SUM(A1)\r\nE3,\'-x,\'\tTAB\r\n');
  });

  it('is what ladder run --format csv writes', async () => {
    const out: string[] = [];
    const code = await main(['run', join(import.meta.dirname, '../../policies/examples/star-pay.yaml'), '--data', join(import.meta.dirname, '../../examples/demo'), '--format', 'csv'], { out: (t) => out.push(t), err: () => {} });
    expect(code).toBe(0);
    expect(out.join('').startsWith('\uFEFF工号 id,姓名 name,月份 month')).toBe(true);
  });
});

describe('a table downloaded from the playground (runtime/workbook.ts tablesFile)', () => {
  const results = { name: 'results', rows: [['工号 id', '姓名 name', '月份 month', '岗位工资', '满意度', '合计 total'], ['007', '=HYPERLINK("http://x","点我")', '2026-01', '2000.00', '12.5%', '-12.50'], ['E2', '李四', '2026-02', '1234567.89', '100%', '1234567.89']] };

  it('is a workbook with numeric cells, money #,##0.00, percents as percents, widths and the header frozen', async () => {
    const file = await tablesFile([results], 'xlsx', 'zh');
    expect(file).toMatchObject({ type: XLSX_TYPE, extension: 'xlsx' });
    const wb = openWorkbook(file.bytes);
    expect(wb.sheetNames).toEqual(['结果']);
    // Read back as Excel shows it: the id keeps its zeros, the formula-like name stays text.
    expect(wb.sheet('结果').rows[1]).toEqual(['007', '=HYPERLINK("http://x","点我")', '2026-01', '2000', '12.5%', '-12.5']);
    const facts = sheetFacts(file.bytes);
    expect(facts.frozenRows).toBe(1);
    expect(facts.cells.get('A1')).toEqual({ type: 'text', format: 'General', bold: true });
    expect(facts.cells.get('A2')).toMatchObject({ type: 'text' });
    expect(facts.cells.get('B2')).toMatchObject({ type: 'text' });
    expect(facts.cells.get('C2')).toMatchObject({ type: 'text' });
    expect(facts.cells.get('D2')).toEqual({ type: 'number', format: '#,##0.00', bold: false });
    expect(facts.cells.get('E2')).toEqual({ type: 'number', format: '0.0%', bold: false });
    expect(facts.cells.get('E3')).toEqual({ type: 'number', format: '0%', bold: false });
    expect(facts.cells.get('F3')).toEqual({ type: 'number', format: '#,##0.00', bold: false });
    expect(facts.xml).toMatch(/<col [^>]*width="/);
    // Money is the exact decimal: 1234567.89 is written as such, not 1234567.8899999999.
    expect(facts.xml).toContain('<v>1234567.89</v>');
  });

  it('names its sheets in English when the page is in English, in Chinese otherwise', async () => {
    const report = { changes: [], months: [{ month: '2026-01', before: 100000, after: 123450 }], people: [{ employee: 'E1', name: '张三', before: 100000, after: 123450, delta: 23450 }] } as unknown as DiffReport;
    const tables = [...diffTables(report), { name: 'compare', rows: [['', 'a.yaml'], ['总成本', '1000.00']] }, { name: 'sweep', rows: [['values.x', '总成本'], ['55', '1000.00']] }];
    expect(openWorkbook((await tablesFile(tables, 'xlsx', 'zh')).bytes).sheetNames).toEqual(['规则变更', '工资总额', '人员', '方案对比', '参数试算']);
    const en = await tablesFile(tables, 'xlsx', 'en');
    expect(openWorkbook(en.bytes).sheetNames).toEqual(['changes', 'payroll', 'people', 'compare', 'sweep']);
    // A diff's amounts are fen made yuan exactly, as money numbers.
    expect(openWorkbook(en.bytes).sheet('people').rows[1]).toEqual(['E1', '张三', '1000', '1234.5', '234.5']);
    expect(sheetFacts(en.bytes, 3).cells.get('E2')).toEqual({ type: 'number', format: '#,##0.00', bold: false });
  });

  it('is a CSV with a BOM and formulas neutralised', async () => {
    const file = await tablesFile([results], 'csv', 'zh');
    expect(file).toMatchObject({ type: CSV_TYPE, extension: 'csv' });
    expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(file.bytes);
    expect(text.split('\r\n')[1]).toBe('007,"\'=HYPERLINK(""http://x"",""点我"")",2026-01,2000.00,12.5%,-12.50');
  });
});
