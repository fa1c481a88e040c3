// The loader on a correct data set (exact parsed values, from CSV, JSON and XLSX alike), header matching,
// the requirements it is built from, and the renderer of problems.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDataSources, writeXlsxWorkbook } from '../../cli/data-files.ts';
import { compile } from '../../compiler/compile.ts';
import { tableFromCsv } from '../../runtime/data/csv.ts';
import { loadTables } from '../../runtime/data/load.ts';
import { DATA_MESSAGES, renderDataProblem, type DataCode } from '../../runtime/data/messages.ts';
import { dataRequirements } from '../../runtime/data/requirements.ts';
import { toPopulation } from '../../runtime/data/to-population.ts';
import { run } from '../../runtime/run.ts';

const cases = join(import.meta.dirname, '../cases');
const policy = compile({ name: 'policy.yaml', text: readFileSync(join(cases, 'data-bad/policy.yaml'), 'utf8') });
const requirements = dataRequirements(policy);
const good = join(cases, 'data-good/basic');

describe('loadTables on correct data', () => {
  it('gives exactly the expected values and no problem', async () => {
    const { sources, problems: readProblems } = await readDataSources(good);
    expect(readProblems).toEqual([]);
    const { data, problems } = loadTables(sources, requirements);
    expect(problems).toEqual([]);
    expect(data.employees.map(({ values: _v, ...e }) => e)).toEqual([
      { row: 2, id: 'E001', name: '张三', team: '一组', hire_date: '2024-03-15', post_wage: 300000, education: '本科' },
      { row: 3, id: 'E002', name: '李四', team: '二组', hire_date: '2025-11-01', post_wage: 280050 },
    ]);
    expect({ ...data.employees[0]!.values }).toEqual({
      id: 'E001', name: '张三', team: '一组', hire_date: '2024-03-15', post_wage: 300000, shift: '早班', education: '本科',
    });
    // A row's values inherit nothing: a column named like an Object method would read as absent, not as a function.
    expect(data.employees[0]!.values['toString']).toBeUndefined();
    expect(data.employees[0]!.values['constructor']).toBeUndefined();
    expect(data.monthly.get('E001')!.get('2026-01')!.values['hasOwnProperty']).toBeUndefined();
    expect(data.months).toEqual(['2026-01', '2026-02']);
    const month = (id: string, m: string) => ({ ...data.monthly.get(id)!.get(m)!.values });
    expect(month('E001', '2026-01')).toEqual({ score: 92.5, satisfaction: 0.98, error_rate: 0.015, late: 0, sales: 1234560, on_duty: true });
    expect(month('E001', '2026-02')).toEqual({ score: 88, satisfaction: 0.97, error_rate: 0.02, late: 1, sales: 980000, on_duty: true });
    // A blank yes/no cell is absent, not false: the policy decides what a missing value means (a blank number is D002).
    expect(month('E002', '2026-01')).toEqual({ score: 75, satisfaction: 0.95, error_rate: 0.005, late: 2, sales: 0 });
    expect(data.monthly.get('E002')!.get('2026-01')!.row).toBe(4);
    expect(data.events).toEqual([
      { row: 2, id: 'E001', date: '2026-01-05', month: '2026-01', kind: '迟到早退', count: 1, amount: 3 },
      { row: 3, id: 'E002', date: '2026-02-10', month: '2026-02', kind: 'praise.customer', count: 2, source: '客户A' },
      { row: 4, id: 'E001', date: '2026-02-20', month: '2026-02', kind: '酌情奖励', count: 1, amount: 2.5, note: '主动加班，\n处理积压工单' },
    ]);
  });

  it('reads the same values from JSON records and from an .xlsx workbook', async () => {
    const csv = loadTables((await readDataSources(good)).sources, requirements).data;
    const json = loadTables({
      employees: [{ 工号: 'E001', 入职日期: '2024-03-15', 岗位工资: 3000, 班次: '早班', 姓名: '张三', 组别: '一组', 学历: '本科' },
        { 工号: 'E002', 入职日期: '2025-11-01', 岗位工资: '2800.50', 班次: '晚班', 姓名: '李四', 组别: '二组', 学历: null }],
      monthly: [{ 工号: 'E001', 月份: '2026-01', 考核分: 92.5, 满意度: '98%', 出错率: 1.5, 迟到次数: 0, 销售额: 12345.6, 在岗: true },
        { 工号: 'E001', 月份: '2026-02', 考核分: 88, 满意度: 0.97, 出错率: 2, 迟到次数: 1, 销售额: 9800, 在岗: 'Y' },
        { 工号: 'E002', 月份: '2026-01', 考核分: 75, 满意度: 95, 出错率: 0.5, 迟到次数: 2, 销售额: 0 }],
    }, requirements);
    expect(json.problems).toEqual([]);
    expect(json.data.employees.map((e) => [e.id, e.hire_date, e.post_wage])).toEqual(csv.employees.map((e) => [e.id, e.hire_date, e.post_wage]));
    expect({ ...json.data.monthly.get('E001')!.get('2026-01')!.values }).toEqual({ ...csv.monthly.get('E001')!.get('2026-01')!.values });

    const path = join(mkdtempSync(join(tmpdir(), 'ladder-xlsx-')), 'data.xlsx');
    await writeXlsxWorkbook(path, [
      { name: 'employees', rows: [['id', 'hire_date', 'post_wage', 'shift'], ['E001', new Date('2024-03-15T00:00:00Z'), 3000, '早班'], ['E002', 45962, 2800.5, '晚班']] },
      { name: 'monthly', rows: [['id', 'month', 'score', 'satisfaction', 'error_rate', 'late', 'sales', 'on_duty'],
        ['E001', '2026-01', 92.5, '98%', 1.5, 0, 12345.6, true], ['E002', new Date('2026-01-01T00:00:00Z'), 75, 0.95, 0.5, 2, 0, null]] },
    ]);
    const xlsx = await readDataSources(path);
    const loaded = loadTables(xlsx.sources, requirements);
    expect(loaded.problems).toEqual([]);
    expect(loaded.data.employees.map((e) => [e.id, e.hire_date, e.post_wage])).toEqual([['E001', '2024-03-15', 300000], ['E002', '2025-11-01', 280050]]);
    expect({ ...loaded.data.monthly.get('E001')!.get('2026-01')!.values }).toEqual({ ...csv.monthly.get('E001')!.get('2026-01')!.values });
    expect(loaded.data.months).toEqual(['2026-01']);
  });
});

describe('events', () => {
  const csv = (name: string, lines: string[]) => tableFromCsv(name, lines.join('\n') + '\n');
  const policyText = [
    'policy: { name: 事件 }',
    'events:',
    '  酌情奖励: { amount: 0~5 }',
    'values:',
    '  表扬: count(praise.customer)',
    '  优秀: count(title.优秀客服)',
    'ladder: { tracks: { 客服: [初级, 高级] } }',
    'pay: { 底薪: 1000 }',
  ].join('\n');
  const compiled = compile({ name: 'events.yaml', text: policyText });
  const sources = {
    employees: csv('employees.csv', ['工号,入职日期', 'E1,2025-01-01', 'E2,2025-01-01']),
    monthly: csv('monthly.csv', ['工号,月份', 'E1,2026-01', 'E2,2026-01', 'E1,2026-02', 'E2,2026-02']),
    events: csv('events.csv', ['工号,日期,类别,次数,金额,来源', 'E2,2026-01-03,praise.customer,2,,客户甲', 'E1,2026-02-01,酌情奖励,,4,',
      'E1,2026-02-09,title,,,优秀客服', 'E2,2026-02-10,title,,,其他称号', 'E1,2026-02-11,reprimand,,,', 'E2,2026-02-12,promote.manual,,,高级']),
  };

  it('are kept as columns, each accepted row its kind, person and row, and as records on demand', () => {
    expect(compiled.ok).toBe(true);
    const { data, problems } = loadTables(sources, dataRequirements(compiled));
    expect(problems).toEqual([]);
    expect([...data.eventColumns.kinds]).toEqual(['praise.customer', '酌情奖励', 'title', 'title', 'reprimand', 'promote.manual']);
    expect([...data.eventColumns.persons]).toEqual([1, 0, 0, 1, 0, 1]);
    expect([...data.eventColumns.rows]).toEqual([2, 3, 4, 5, 6, 7]);
    expect(data.events[0]).toEqual({ row: 2, id: 'E2', date: '2026-01-03', month: '2026-01', kind: 'praise.customer', count: 2, amount: undefined, source: '客户甲', note: undefined });
    expect(data.events[1]).toMatchObject({ id: 'E1', month: '2026-02', kind: '酌情奖励', count: 1, amount: 4 });
  });

  it('reach a population only for the kinds its rules read (narrowed kinds too) and recorded manual moves', () => {
    const { data } = loadTables(sources, dataRequirements(compiled));
    const pop = toPopulation(compiled.ruleSet!, data);
    expect(pop.events.map((list) => list.map((e) => `${e.person} ${e.kind} ${e.count} ${e.source ?? ''}`))).toEqual([
      ['1 praise.customer 2 客户甲'],
      // 酌情奖励 and reprimand are not read by any rule; every title is kept (title.优秀客服 is read from them).
      ['0 title 1 优秀客服', '1 title 1 其他称号', '1 promote.manual 1 高级'],
    ]);
    const result = run(compiled.ruleSet!, pop);
    const value = (id: string, month: string, name: string) => result.rows.find((r) => r.employee === id && r.month === month)!.values[name];
    expect([value('E2', '2026-01', '表扬'), value('E1', '2026-02', '优秀'), value('E2', '2026-02', '优秀')]).toEqual([2, 1, 0]);
  });
});

describe('notices: dates a policy reads that no employee has', () => {
  it('says what the run assumes instead, only for the dates the rules read', async () => {
    const { dataNotices } = await import('../../runtime/data/notices.ts');
    const text = ['policy: { name: n }', 'inputs:', '  score: number', 'values:', '  试用: probation', '  老员工: cs_tenure >= 12个月', 'pay:', '  底薪: if 试用 then 900元 else 1000元'].join('\n');
    const c = compile({ name: 'n.yaml', text });
    const load = (header: string, row: string) => loadTables({ employees: tableFromCsv('employees.csv', `${header}\n${row}\n`), monthly: tableFromCsv('monthly.csv', '工号,月份,score\nE1,2026-01,80\n') }, dataRequirements(c)).data;
    expect(dataNotices(c.ruleSet!, load('工号,入职日期', 'E1,2025-01-01')).map((n) => n.en)).toEqual([
      'the employees table gives no regular_date (转正日期): everyone counts as on probation',
      'the employees table gives no cs_start_date (客服岗起始日期): cs_tenure counts from each hire date',
    ]);
    expect(dataNotices(c.ruleSet!, load('工号,入职日期,转正日期', 'E1,2025-01-01,2025-04-01')).map((n) => n.en)).toEqual([
      'the employees table gives no cs_start_date (客服岗起始日期): cs_tenure counts from each hire date',
    ]);
    // A date-like header nobody recognised is named, with the header to use; other unknown columns are not.
    const misnamed = dataNotices(c.ruleSet!, load('工号,入职日期,转正日期,到客服部日期,班次', 'E1,2025-01-01,2025-04-01,2025-02-01,早'));
    expect(misnamed.map((n) => n.zh)).toEqual(['员工表没有客服岗起始日期（cs_start_date），客服工龄从入职日期算起；员工表里未识别的列 到客服部日期 如果正是此项，请把表头改为 客服岗起始日期（或 cs_start_date）']);
  });
});

describe('headers', () => {
  const load = (employees: string, monthly?: string) => loadTables({
    employees: tableFromCsv('employees.csv', employees),
    ...(monthly ? { monthly: tableFromCsv('monthly.csv', monthly) } : {}),
  }, requirements);
  it('match standard names case-insensitively, aliases and labels after NFKC and trimming', () => {
    const r = load(' ID ,Hire_Date,岗位工资,班次\nE1,2024-01-01,1,早班\n', '工号,月份,考核分,满意度,出错率,迟到次数,销售额,在岗\n');
    expect(r.problems).toEqual([]);
    expect(r.data.employees[0]!.post_wage).toBe(100);
  });
  it('report a missing monthly table when the policy reads monthly inputs', () => {
    expect(load('id,hire_date,post_wage,shift\n').problems.map((p) => p.code)).toEqual(['D019']);
  });
});

describe('dataRequirements', () => {
  it('lists the policy inputs by table, with aliases, enum values and formats', () => {
    expect(requirements.employees.find((c) => c.name === 'shift')).toMatchObject({ type: 'enum', values: ['早班', '晚班'], aliases: ['班次'], required: true });
    expect(requirements.employees.find((c) => c.name === 'tier')).toMatchObject({ type: 'enum', values: ['初级', '中级', '高级'], required: false });
    expect(requirements.monthly.find((c) => c.name === 'error_rate')).toMatchObject({ type: 'percent', format: '98', aliases: ['出错率'] });
    expect(requirements.monthly.find((c) => c.name === 'satisfaction')).toMatchObject({ aliases: ['满意度'] });
  });
  it('lists event kinds with amount ranges and required notes, and the standard kinds', () => {
    const kind = (n: string) => requirements.eventKinds.find((k) => k.name === n);
    expect(kind('迟到早退')).toMatchObject({ amount: { min: 2, max: 5 }, noteRequired: false });
    expect(kind('私自调班')).toMatchObject({ noteRequired: true });
    expect(kind('酌情奖励')).toMatchObject({ amount: { min: 0, max: 5 }, noteRequired: true });
    expect(kind('praise.customer')).toMatchObject({ aliases: ['客户书面表扬'], standard: true });
  });
  it('names score-sheet item columns as the IR does, one per rater', () => {
    const sheet = compile({ name: 'p.yaml', text: [
      'policy: { name: t }',
      'score_sheets:',
      '  考核表:',
      '    raters: { 直接上级: 60%, 同事: 40% }',
      '    sections:',
      '      软件操作:',
      '        items:',
      '          开单的速度和准确性: { points: 10 }',
    ].join('\n') });
    expect(dataRequirements(sheet).items.map((c) => c.name)).toEqual(['软件操作.开单的速度和准确性@直接上级', '软件操作.开单的速度和准确性@同事']);
  });
  it('still knows the standard columns when the policy has errors', () => {
    const broken = dataRequirements(compile({ name: 'p.yaml', text: 'policy: [' }));
    expect(broken.employees.map((c) => c.name)).toContain('hire_date');
    expect(broken.eventKinds.some((k) => k.name === 'dismiss')).toBe(true);
  });
});

describe('renderDataProblem', () => {
  it('prints file[:sheet]:row:column code message (value, expected) in either language', () => {
    const p = { code: 'D003' as const, file: 'data.xlsx', sheet: '月度', row: 3, column: '考核分', value: '九十', expected: { zh: '数字', en: 'a number' } };
    expect(renderDataProblem(p, 'en')).toBe('data.xlsx:月度:3:考核分 D003 the value is not of the expected type (value «九十», expected a number)');
    expect(renderDataProblem(p, 'zh')).toBe('data.xlsx:月度:3:考核分 D003 值的类型不对（值 «九十»，应为 数字）');
    expect(renderDataProblem({ ...p, code: 'D001', sheet: undefined, file: 'monthly.csv', row: 1, column: '满意', value: '满意', suggestion: '满意度' }, 'en'))
      .toMatch(/^monthly\.csv:1:满意 D001 .*; did you mean 满意度\?$/);
  });
  it('has both languages for every code', () => {
    for (const code of Object.keys(DATA_MESSAGES) as DataCode[]) {
      expect(DATA_MESSAGES[code].zh).not.toBe('');
      expect(DATA_MESSAGES[code].en).not.toBe('');
    }
  });
});
