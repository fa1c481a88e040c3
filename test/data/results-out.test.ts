// Results that land in Excel (issue 15, item 4): a results workbook has numeric cells (money #,##0.00, percents as
// percents), column widths, a frozen header row and Chinese sheet names in Chinese; CSV has a BOM and no formula runs.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { writeResultsWorkbook } from '../../cli/data-files.ts';
import { main } from '../../cli/main.ts';
import { openWorkbook } from '../../runtime/data/xlsx.ts';
import { toCsv, toResultSheet } from '../../runtime/results.ts';

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
