// Excel-native data (issue 15): what a workbook shows is what is read — merged cells filled, number formats honoured,
// 17-digit doubles read as Excel's 15 — and data that would be silently wrong is a problem at its place (a blank
// number, a JSON key twice, nesting too deep, a file that is not a regular file).

import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDataSources } from '../../cli/data-files.ts';
import { compile } from '../../compiler/compile.ts';
import { readDataFiles } from '../../runtime/data/files.ts';
import { loadTables } from '../../runtime/data/load.ts';
import { clip, renderDataNotice, renderDataProblem } from '../../runtime/data/messages.ts';
import { dataRequirements } from '../../runtime/data/requirements.ts';
import { excelNumberText, formatKind, formattedNumber } from '../../runtime/data/xlsx.ts';
import { buildXlsx } from './xlsx-builder.ts';

const policy = compile({ name: 'policy.yaml', text: readFileSync(join(import.meta.dirname, '../cases/data-bad/policy.yaml'), 'utf8') });
const requirements = dataRequirements(policy);
const summary = (p: { code: string; sheet?: string; row: number; column: string; value: string }) => `${p.code} ${p.sheet ?? ''}:${p.row}:${p.column} «${p.value}»`;

const employeesSheet = {
  name: '员工',
  rows: [
    ['工号', '姓名', '组别', '入职日期', '岗位工资', '班次'],
    ['E001', '张三', '一组', { n: 45366, format: 'yyyy/m/d' }, { n: '21911.599999999999' }, '早班'],
    ['E002', '李四', null, { n: 45962, format: 'yyyy"年"m"月"d"日"' }, { n: '2800.5' }, '晚班'],
    ['E003', '王五', null, { n: '45962.0', format: 'yyyy-mm-dd hh:mm' }, 3000, '晚班'],
    ['E004', '赵六', '二组', '2025-11-01', 3000, '早班'],
    ['E005', '钱七', null, '2025-11-01', 3000, '早班'],
  ],
  merges: ['C2:C4', 'C5:C6'],
};

const monthlyRow = (id: string, satisfaction: { n: string | number; format?: string }, extra: Partial<Record<'score' | 'sales', unknown>> = {}) =>
  [id, { n: 46023, format: 'yyyy"年"m"月"' }, extra.score === undefined ? 90 : extra.score, satisfaction, { n: '0.015', format: '0.0%' }, 0, extra.sales === undefined ? 100 : extra.sales, 'TRUE'] as never;

describe('reading a workbook as Excel shows it', () => {
  it('fills merged ranges from their first cell and says which', async () => {
    const bytes = buildXlsx([employeesSheet, { name: '月度', rows: [['工号', '月份', '考核分', '满意度', '出错率', '迟到次数', '销售额', '在岗']] }]);
    const read = await readDataFiles([{ name: 'roster.xlsx', bytes }]);
    expect(read.problems).toEqual([]);
    const { data, problems } = loadTables(read.sources, requirements);
    expect(problems).toEqual([]);
    expect(data.employees.map((e) => [e.id, e.team])).toEqual([['E001', '一组'], ['E002', '一组'], ['E003', '一组'], ['E004', '二组'], ['E005', '二组']]);
    expect(read.notices.map((n) => renderDataNotice(n, 'en'))).toEqual(['note: roster.xlsx:员工: merged cells C2:C4, C5:C6 were filled down from their first cell']);
    expect(renderDataNotice(read.notices[0]!, 'zh')).toBe('注意：roster.xlsx:员工：合并单元格 C2:C4、C5:C6 已按各自首格的值填入其下各行');
  });

  it('reads dates by their format and money stored with 17 digits as the 15 Excel shows', async () => {
    const read = await readDataFiles([{ name: 'roster.xlsx', bytes: buildXlsx([employeesSheet]) }]);
    const { data } = loadTables(read.sources, requirements);
    expect(data.employees.map((e) => [e.hire_date, e.post_wage])).toEqual([
      ['2024-03-15', 2191160], ['2025-11-01', 280050], ['2025-11-01', 300000], ['2025-11-01', 300000], ['2025-11-01', 300000],
    ]);
  });

  it('reads a percent cell as a percent whatever its stored number, and a month cell as a month', async () => {
    const monthly = {
      name: '月度',
      rows: [
        ['工号', '月份', '考核分', '满意度', '出错率', '迟到次数', '销售额', '在岗'],
        monthlyRow('E001', { n: '0.94999999999999996', format: '0%' }),
        monthlyRow('E002', { n: '1.5', format: '0%' }),
        monthlyRow('E003', { n: '0.94999999999999996' }, { sales: { n: '21911.599999999999' } }),
        monthlyRow('E004', { n: '0.98', format: '0.00%' }, { score: null }),
      ],
    };
    const read = await readDataFiles([{ name: 'data.xlsx', bytes: buildXlsx([employeesSheet, monthly]) }]);
    const { data, problems } = loadTables(read.sources, requirements);
    // 150% is a percent over 100% (not 1.5%); a blank score is a blank required number (not NaN pay).
    expect(problems.map(summary)).toEqual(['D005 月度:3:满意度 «150%»', 'D002 月度:5:考核分 «»']);
    const values = (id: string) => ({ ...data.monthly.get(id)!.get('2026-01')!.values });
    expect(values('E001')).toEqual({ score: 90, satisfaction: 0.95, error_rate: 0.015, late: 0, sales: 10000, on_duty: true });
    expect(values('E003')).toMatchObject({ satisfaction: 0.95, sales: 2191160 });
    expect(data.months).toEqual(['2026-01']);
  });

  it('gives an error cell as Excel shows it, so a number column refuses it instead of reading a blank', async () => {
    const monthly = { name: 'monthly', rows: [['id', 'month', 'score', 'satisfaction', 'error_rate', 'late', 'sales', 'on_duty'], ['E001', '2026-01', { error: '#DIV/0!' }, '98%', 1, 0, 0, { inline: '是' }]] };
    const read = await readDataFiles([{ name: 'data.xlsx', bytes: buildXlsx([{ ...employeesSheet, name: 'employees' }, monthly], { prefix: true }) }]);
    expect(loadTables(read.sources, requirements).problems.map(summary)).toEqual(['D003 monthly:2:score «#DIV/0!»']);
  });

  it('formats numbers as Excel displays them', () => {
    expect(['0.94999999999999996', '21911.599999999999', '1.0000000000000002', '1E-7', '123', '-0.30000000000000004'].map((s) => excelNumberText(Number(s))))
      .toEqual(['0.95', '21911.6', '1', '0.0000001', '123', '-0.3']);
    expect(['0%', '0.00%', 'yyyy-mm-dd', '[$-804]yyyy"年"m"月"', 'yyyy/m/d h:mm', '#,##0.00', '@', '"%"0', '[Red]0.00'].map(formatKind))
      .toEqual(['percent', 'percent', 'date', 'month', 'datetime', 'number', 'text', 'number', 'number']);
    expect(formattedNumber('0.955', 'percent', false)).toBe('95.5%');
    expect(formattedNumber('46037.5', 'datetime', false)).toBe('2026-01-15 12:00:00');
    expect(formattedNumber('44575', 'date', true)).toBe('2026-01-15');
  });

  it('refuses an old .xls (by name or by content) with a message saying to save as .xlsx', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    const read = await readDataFiles([{ name: '员工.xls', bytes: ole }, { name: 'data.xlsx', bytes: ole }]);
    const advice = 'expected an .xlsx workbook: in Excel or WPS, Save As "Excel Workbook (*.xlsx)")';
    expect(read.problems.map((p) => renderDataProblem(p, 'en'))).toEqual([
      `员工.xls:0: D020 the data file cannot be read (value «.xls：旧版工作簿格式 / an old workbook format», ${advice}`,
      `data.xlsx:0: D020 the data file cannot be read (value «旧版 .xls 或加密的工作簿 / an old .xls or an encrypted workbook», ${advice}`,
    ]);
    expect(renderDataProblem(read.problems[0]!, 'zh')).toBe('员工.xls:0: D020 无法读取数据文件（值 «.xls：旧版工作簿格式 / an old workbook format»，应为 .xlsx 工作簿：请在 Excel 或 WPS 中“另存为” Excel 工作簿 (*.xlsx)）');
  });
});

describe('data that would be silently wrong', () => {
  const json = (text: string) => readDataFiles([{ name: 'data.json', bytes: new TextEncoder().encode(text) }]);

  it('refuses a JSON key written twice, at its line', async () => {
    const read = await json('{\n "employees": [{"工号": "E1", "入职日期": "2025-01-01"}],\n "monthly": [],\n "employees": []\n}');
    expect(read.problems.map((p) => renderDataProblem(p, 'en'))).toEqual([
      'data.json:4:employees D023 the same key appears twice in one object (value «(top)», expected the key "employees" once in (top) (already on line 2))',
    ]);
    const wage = await json('{"employees": [\n{"工号": "E1", "岗位工资": 3000,\n "岗位工资": 30000}]}');
    expect(wage.problems.map(summary)).toEqual(['D023 :3:岗位工资 «employees[0]»']);
    expect(Object.keys(wage.sources)).toEqual([]);
  });

  it('refuses JSON nested 8,000 deep with a D-code, not a stack trace', async () => {
    const read = await json(`{"employees": ${'['.repeat(8000)}${']'.repeat(8000)}}`);
    expect(read.problems.map(summary)).toEqual(['D024 :1: «»']);
  });

  it('never echoes a huge cell whole', () => {
    const huge = '很'.repeat(100_000);
    expect(clip(huge)).toBe(`${'很'.repeat(60)}…`);
    const line = renderDataProblem({ code: 'D003', file: 'm.csv', row: 2, column: huge, value: huge, expected: { zh: '数字', en: 'a number' } }, 'zh');
    expect(line.length).toBeLessThan(200);
  });

  it('refuses a data file that is not a regular file, and one over the size limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ladder-special-'));
    symlinkSync('/dev/zero', join(dir, 'zero.csv'));
    const zero = await readDataSources(join(dir, 'zero.csv'));
    expect(zero.problems.map((p) => renderDataProblem(p, 'en'))).toEqual([`${join(dir, 'zero.csv')}:0: D020 the data file cannot be read (value «a device → /dev/zero», expected a regular file (not a device, pipe or socket))`]);
    execFileSync('mkfifo', [join(dir, 'monthly.csv')]);
    writeFileSync(join(dir, 'employees.csv'), '工号,入职日期\nE1,2025-01-01\n');
    const folder = await readDataSources(dir);
    expect(folder.problems.map(summary)).toEqual(['D020 :0: «a FIFO»']);
    const big = await readDataFiles([{ name: 'big.csv', bytes: new Uint8Array(201 * 1024 * 1024) }]);
    expect(big.problems.map((p) => renderDataProblem(p, 'en'))).toEqual(['big.csv:0: D020 the data file cannot be read (value «201 MB», expected a data file of at most 200 MB)']);
  });
});
