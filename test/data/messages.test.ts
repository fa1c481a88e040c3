// Messages that scale (issue 15, item 3): a column with many bad cells of one kind is one line with the count and
// the first rows, in the chosen language; everything is capped, so a file with every cell wrong fits a terminal.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { PROBLEM_LINES, renderDataProblems, type DataProblem } from '../../runtime/data/messages.ts';

const policy = join(import.meta.dirname, '../../policies/examples/star-pay.yaml');

describe('data problems as a person reads them', () => {
  it('summarises 113 bad months in one line, and lists a column with few problems cell by cell', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ladder-many-'));
    writeFileSync(join(dir, '员工.csv'), `工号,入职日期,岗位工资\n${Array.from({ length: 113 }, (_, i) => `E${i + 1},2024-01-01,2000`).join('\n')}\n`);
    const monthly = Array.from({ length: 113 }, (_, i) => `E${i + 1},2026年13月,${i === 5 ? '九十' : 85},0,0,0,0,0`);
    monthly[0] = 'E1,2026/13,85,0,0,0,0,0';
    writeFileSync(join(dir, '月度.csv'), `工号,月份,考核分,迟到次数,早退次数,病假天数,事假天数,调休次数\n${monthly.join('\n')}\n`);
    const err: string[] = [];
    const code = await main(['run', policy, '--data', dir, '--lang', 'en'], { out: () => {}, err: (t) => err.push(t) });
    expect(code).toBe(1);
    expect(err).toEqual([
      `${join(dir, '月度.csv')} 月份 D004 the month cannot be read: 113 rows, e.g. row 2 «2026/13», row 3 «2026年13月», row 4 «2026年13月» (expected a month YYYY-MM)`,
      `${join(dir, '月度.csv')}:7:考核分 D003 the value is not of the expected type (value «九十», expected a number)`,
      '114 problem(s) in the data; nothing was computed.',
    ]);
    const zh: string[] = [];
    await main(['run', policy, '--data', dir, '--lang', 'zh'], { out: () => {}, err: (t) => zh.push(t) });
    expect(zh[0]).toBe(`${join(dir, '月度.csv')} 月份 D004 月份无法识别：共 113 行，如 第 2 行 «2026/13»、第 3 行 «2026年13月»、第 4 行 «2026年13月»（应为 月份 YYYY-MM）`);
  });

  it('caps the lines and counts the rest', () => {
    const problems: DataProblem[] = Array.from({ length: 500 }, (_, i) => ({
      code: 'D003', file: 'm.csv', row: i + 2, column: `列${i % 100}`, value: 'x', expected: { zh: '数字', en: 'a number' },
    }));
    const lines = renderDataProblems(problems, 'en');
    expect(lines.length).toBe(PROBLEM_LINES + 1);
    // 100 columns with 5 bad cells each: one summary line per column, 40 of them, then the rest counted.
    expect(lines[0]).toBe('m.csv 列0 D003 the value is not of the expected type: 5 rows, e.g. row 2 «x», row 102 «x», row 202 «x» (expected a number)');
    expect(lines.at(-1)).toBe('… and 300 more problem(s) not listed');
  });
});

describe('a summary line', () => {
  it('leaves out an expectation or suggestion that is not the same for every row of the group', () => {
    const dup = (row: number, first: number): DataProblem => ({ code: 'D008', file: 'e.csv', row, column: '工号', value: `E${first}`, expected: { zh: `唯一的工号（已见于第 ${first} 行）`, en: `a unique id (already on row ${first})` } });
    expect(renderDataProblems([dup(10, 2), dup(11, 3), dup(12, 4), dup(13, 5)], 'en')).toEqual(['e.csv 工号 D008 the employee id appears twice: 4 rows, e.g. row 10 «E2», row 11 «E3», row 12 «E4»']);
    const month = (row: number): DataProblem => ({ code: 'D004', file: 'm.csv', row, column: '月份', value: '2026.1', expected: { zh: '月份 YYYY-MM', en: 'a month YYYY-MM' }, suggestion: '2026-01 / 2026-10' });
    expect(renderDataProblems([2, 3, 4, 5].map(month), 'zh')).toEqual(['m.csv 月份 D004 月份无法识别：共 4 行，如 第 2 行 «2026.1»、第 3 行 «2026.1»、第 4 行 «2026.1»（应为 月份 YYYY-MM）；请写作 2026-01 / 2026-10']);
  });
});
