// Finding the table HR meant (issue 15, item 2): title rows, two-row headers, headers with spaces and units, blank
// and comma-only rows, total rows, files and sheets named by a content word or recognised by their header, UTF-16
// and GB18030 text, ids that differ by leading zeros.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.ts';
import { decodeText, readDataFiles, tableOfFile } from '../../runtime/data/files.ts';
import { type Table, headerKey, loadTables } from '../../runtime/data/load.ts';
import { renderDataNotice, renderDataProblem } from '../../runtime/data/messages.ts';
import { dataRequirements } from '../../runtime/data/requirements.ts';
import { buildXlsx } from './xlsx-builder.ts';

const policy = compile({ name: 'policy.yaml', text: readFileSync(join(import.meta.dirname, '../cases/data-bad/policy.yaml'), 'utf8') });
const requirements = dataRequirements(policy);
const utf8 = (text: string) => new TextEncoder().encode(text);
const employeesCsv = '工号,入职日期,岗位工资,班次\nE001,2024-03-15,3000,早班\nE002,2025-11-01,2800,晚班\n';

describe('the table HR meant', () => {
  it('skips a title row, reads a two-row header, headers with spaces and units, blank, comma-only and total rows', async () => {
    const monthly = [
      '2026年1月 客服部月度考核表,,,,,,,,',
      ',,,,,,,,',
      '工　号,月 份,考核分（分）,满意度,出错率,考勤,,销售额(元),在岗',
      ',,,,,迟到次数,早退次数,,',
      'E001,202601,90,98%,1.5,0,0,"1,000.50",是',
      'E002,2026.01,80,95%,2,1,0,200,否',
      '合计,,170,,,1,0,"1,200.50",',
      ',,,,,,,,',
      ',,,,,,,,',
    ].join('\r\n');
    const read = await readDataFiles([{ name: '员工花名册.csv', bytes: utf8(employeesCsv) }, { name: '2026年1月考核.csv', bytes: utf8(monthly) }]);
    expect(read.problems).toEqual([]);
    expect(read.notices.map((n) => renderDataNotice(n, 'zh'))).toEqual([
      '注意：2026年1月考核.csv：第 1 行（«2026年1月 客服部月度考核表»）不是表头，已跳过；表头在第 3 行',
      '注意：2026年1月考核.csv：表头占两行（第 3–4 行），已合并为一行',
      '注意：2026年1月考核.csv：合计行不是数据，已跳过：第 7 行（合计）',
    ]);
    expect(renderDataNotice(read.notices[2]!, 'en')).toBe('note: 2026年1月考核.csv: total rows are not data and were skipped: row 7 (合计)');
    const { data, problems } = loadTables(read.sources, requirements);
    expect(problems).toEqual([]);
    expect([...data.monthly.get('E001')!.values()].map((r) => [r.row, r.month, { ...r.values }])).toEqual([
      [5, '2026-01', { score: 90, satisfaction: 0.98, error_rate: 0.015, late: 0, early_leave: 0, sales: 100050, on_duty: true }],
    ]);
    expect(data.monthly.get('E002')!.get('2026-01')!.values['late']).toBe(1);
  });

  it('matches headers without spaces, full-width spaces and a unit in brackets', () => {
    expect(['工　号', ' 工 号 ', '岗位工资(元)', '岗位工资（元）', 'Post_Wage [CNY]', '(元)'].map(headerKey)).toEqual(['工号', '工号', '岗位工资', '岗位工资', 'post_wage', '(元)']);
  });

  it('names tables by a content word in a file name', () => {
    expect(['员工.csv', '人员名单.csv', '花名册2026.csv', '1月绩效.csv', '月度考核.csv', '员工奖惩.csv', '员工考核.csv', 'Sheet1.csv'].map(tableOfFile))
      .toEqual(['employees', 'employees', 'employees', 'monthly', 'monthly', 'events', 'monthly', undefined]);
  });

  it('recognises an unnamed sheet by its header, and lists the sheets when none is recognised', async () => {
    const bytes = buildXlsx([
      { name: '说明', rows: [['本工作簿为 2026 年 1 月数据']] },
      { name: '人员', rows: [['工号', '入职日期', '岗位工资', '班次'], ['E001', '2024-03-15', 3000, '早班']] },
      { name: 'Sheet1', rows: [['工号', '月份', '考核分', '满意度', '出错率', '迟到次数', '销售额', '在岗'], ['E001', { n: 46023, format: 'yyyy-mm-dd' }, 90, '98%', 1, 0, 0, '是']] },
    ]);
    const read = await readDataFiles([{ name: 'data.xlsx', bytes }]);
    expect(Object.keys(read.sources)).toEqual(['employees', 'monthly']);
    expect(read.notices.map((n) => renderDataNotice(n, 'en'))).toEqual(['note: data.xlsx: sheets not used: 说明']);
    expect(loadTables(read.sources, requirements).problems).toEqual([]);

    const none = await readDataFiles([{ name: 'x.xlsx', bytes: buildXlsx([{ name: 'Sheet1', rows: [['a', 'b']] }, { name: 'Sheet2', rows: [] }]) }]);
    expect(none.problems.map((p) => renderDataProblem(p, 'en'))).toEqual([
      'x.xlsx:0: D020 the data file cannot be read (value «Sheet1、Sheet2», expected a file or sheet named employees/monthly/events (员工/月度/事件, or with 人员, 花名册, 考核, 绩效, 奖惩 in its name), or headed 工号 with 入职日期 / 月份 / 日期 and 类别)',
    ]);
  });

  it('reads UTF-16 ("Unicode 文本", tab-separated) and GB18030 text', async () => {
    const tsv = '工号\t入职日期\t岗位工资\t班次\r\nE001\t2024-03-15\t"3,000"\t早班\r\n';
    const le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...tsv].map((c) => c.charCodeAt(0))).buffer)]);
    const be = new Uint8Array(le.length - 2);
    for (let i = 2; i < le.length; i += 2) { be[i - 2] = le[i + 1]!; be[i - 1] = le[i]!; }
    expect(decodeText(le)).toBe(tsv);
    expect(decodeText(be)).toBe(tsv);
    expect(decodeText(le.slice(2))).toBe(tsv);
    // 工号 in GB18030.
    expect(decodeText(new Uint8Array([0xb9, 0xa4, 0xba, 0xc5, 0x2c, 0x41]))).toBe('工号,A');
    const read = await readDataFiles([{ name: 'employees.txt', bytes: le }]);
    const { data } = loadTables(read.sources, requirements);
    expect(data.employees.map((e) => [e.id, e.hire_date, e.post_wage])).toEqual([['E001', '2024-03-15', 300000]]);
  });

  it('points out ids that differ only by leading zeros', async () => {
    const read = await readDataFiles([
      { name: 'employees.csv', bytes: utf8('工号,入职日期,岗位工资,班次\n1,2024-03-15,3000,早班\n') },
      { name: 'monthly.csv', bytes: utf8('工号,月份,考核分,满意度,出错率,迟到次数,销售额,在岗\n001,2026-01,90,98%,1,0,0,是\n') },
    ]);
    expect(loadTables(read.sources, requirements).problems.map((p) => renderDataProblem(p, 'en'))).toEqual([
      'monthly.csv:2:工号 D009 no employee has this id (value «001», expected an id from the employees table (it has 1, which differs only by leading zeros: write ids one way)); did you mean 1?',
    ]);
  });
});

describe('a header on two rows, and what is not one', () => {
  const csv = (text: string) => readDataFiles([{ name: 'employees.csv', bytes: utf8(employeesCsv) }, { name: 'monthly.csv', bytes: utf8(text) }]);

  it('takes a data row with a blank id as data (D002), not as a second header row', async () => {
    const read = await csv('工号,月份,考核分,满意度,出错率,迟到次数,销售额,在岗\n,2026-01,90,98%,1,0,0,是\nE001,2026-01,90,98%,1,0,0,是\n');
    expect(read.notices).toEqual([]);
    expect(loadTables(read.sources, requirements).problems.map((p) => `${p.code} ${p.row}:${p.column}`)).toEqual(['D002 2:工号']);
  });

  it('names an item under its section (section.item) and keeps a merged 工号 over both rows', async () => {
    const bytes = buildXlsx([{
      name: '月度',
      rows: [['工号', '月份', '考勤', null, '软件操作'], [null, null, '迟到次数', '早退次数', '开单速度'], ['E001', '2026-01', 0, 1, 5]],
      merges: ['A1:A2', 'B1:B2', 'C1:D1'],
    }]);
    const read = await readDataFiles([{ name: 'm.xlsx', bytes }]);
    expect((read.sources.monthly as Table).header).toEqual(['工号', '月份', '迟到次数', '早退次数', '软件操作.开单速度']);
    expect(read.notices.map((n) => n.message.en)).toEqual(['the header spans two rows (1–2) and was read as one']);
  });

  it('skips a title merged across the width rather than joining it to the header', async () => {
    const bytes = buildXlsx([{
      name: '月度',
      rows: [['2026年1月考核表'], ['工号', '月份', '考核分', '自定义'], ['E001', '2026-01', 90, 'x']],
      merges: ['A1:D1'],
    }]);
    const read = await readDataFiles([{ name: 'm.xlsx', bytes }]);
    expect((read.sources.monthly as Table).header).toEqual(['工号', '月份', '考核分', '自定义']);
    expect(read.notices.map((n) => n.message.en)).toEqual(['row 1 («2026年1月考核表») is not the header and was skipped; the header is row 2']);
  });
});
