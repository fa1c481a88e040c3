// The playground's engine, run in Node: the numbers it shows are the CLI's numbers, edits change one person's pay,
// a misspelt name is a marker at its line with a suggestion, and compare names what the data lacks.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tableFromCsv } from '../../runtime/data/csv.ts';
import { type DataTables, Session } from '../../playground/src/engine/session.ts';
import { main } from '../../cli/main.ts';
import { toCsv } from '../../runtime/results.ts';

const csv = (dir: string, name: string) => tableFromCsv(`${name}.csv`, readFileSync(`${dir}/${name}.csv`, 'utf8'));
const demo = (): DataTables => ({ label: 'demo', employees: csv('examples/demo', 'employees'), monthly: csv('examples/demo', 'monthly'), events: csv('examples/demo', 'events') });
const starPay = readFileSync('policies/examples/star-pay.yaml', 'utf8');
const NAME = 'star-pay.yaml';

function session(): Session {
  const s = new Session();
  s.setData(demo());
  return s;
}

describe('playground session', () => {
  it('runs a policy over the data with the exact pay the CLI prints', () => {
    const out = session().run(NAME, starPay, 'zh');
    expect(out.kind).toBe('ran');
    if (out.kind !== 'ran') return;
    const v = out.view;
    expect(v.payLines).toEqual(['岗位工资', '绩效工资', '全勤奖']);
    const e001Jan = v.rows.find((r) => v.people[r.person]!.id === 'E001' && v.months[r.month] === '2026-01')!;
    expect(e001Jan).toMatchObject({ tier: '中级', star: 3, total: 322000, lines: [200000, 102000, 20000] });
    const e004Jan = v.rows.find((r) => v.people[r.person]!.id === 'E004' && v.months[r.month] === '2026-01')!;
    expect(e004Jan.total).toBe(258000);
    // January payroll = 3220 + 2702 + 4025 + 2580 + 4564.
    expect(v.payroll[0]).toBe(1709100);
  });

  it('shows the score and grade columns the policy names in outputs (issue 19)', () => {
    // The demo's scores: E001 85 in January → 得分 85, grade 合格 (< 90).
    const graded = starPay.replace('values:\n', 'values:\n  得分: score\n').replace('pay:', `bands:
  绩效等级:
    of: 得分
    bands:
      - { range: ">= 90", value: 优秀 }
      - { range: "< 90", value: 合格 }
outputs: { score: 得分, grade: 绩效等级 }
pay:`);
    const out = session().run(NAME, graded, 'zh');
    if (out.kind !== 'ran') throw new Error(`expected a run, got ${out.kind}`);
    const v = out.view;
    expect([v.scoreName, v.gradeName]).toEqual(['得分', '绩效等级']);
    const e001Jan = v.rows.find((r) => v.people[r.person]!.id === 'E001' && v.months[r.month] === '2026-01')!;
    expect(e001Jan).toMatchObject({ score: '85', grade: '合格' });
    // Without outputs and without a band of grades, there is no grade column.
    const plain = session().run(NAME, starPay, 'zh');
    if (plain.kind !== 'ran') throw new Error('expected a run');
    expect(plain.view.gradeName).toBeUndefined();
  });

  it('shows pay that cannot be computed as its causes, never a table of dashes', () => {
    // The demo's post wage divided by late arrivals: whoever was never late has a divisor of 0.
    const broken = starPay.replace('岗位工资: post_wage', '岗位工资: post_wage / late');
    const out = session().run(NAME, broken, 'en');
    expect(out.kind).toBe('run-problems');
    if (out.kind !== 'run-problems') return;
    expect(out.problems[0]).toMatch(/run error R001 岗位工资 cannot be computed: division by zero \(late is 0\)/);
    expect(out.problems.join('\n')).not.toMatch(/NaN|Infinity/);
  });

  it('carries what the run assumes for dates the data leaves out, as the CLI says them', () => {
    // The demo has regular dates: a rule reading probation assumes nothing. Without them, everyone is on probation.
    const probation = starPay.replace('岗位工资: post_wage', '岗位工资: if probation then post_wage * 90% else post_wage');
    const withDates = session().run(NAME, probation, 'zh');
    expect(withDates.kind === 'ran' && withDates.view.notices).toEqual([]);
    const s = new Session();
    const employees = readFileSync('examples/demo/employees.csv', 'utf8').split('\n').map((l) => l.split(',').filter((_, k) => k !== 4).join(',')).join('\n');
    s.setData({ ...demo(), employees: tableFromCsv('employees.csv', employees) });
    const without = s.run(NAME, probation, 'en');
    expect(without.kind === 'ran' && without.view.notices.map((n) => n.en)).toEqual(['the employees table gives no regular_date (转正日期): everyone counts as on probation']);
  });

  it('marks a misspelt name at its line and column with the suggestion, in the chosen language', () => {
    const broken = starPay.replace('绩效工资: 星级绩效[star] * score%', '绩效工资: 星级绩效[star] * scroe%');
    const line = broken.split('\n').findIndex((l) => l.includes('scroe')) + 1;
    const zh = session().check(NAME, broken, 'zh');
    expect(zh.ok).toBe(false);
    const m = zh.markers.find((x) => x.severity === 'error')!;
    expect(m.line).toBe(line);
    expect(broken.slice(m.start, m.end)).toBe('scroe');
    expect(m.column).toBe(broken.split('\n')[line - 1]!.indexOf('scroe') + 1);
    expect(m.suggestion).toContain('score');
    const en = session().check(NAME, broken, 'en');
    expect(en.markers[0]!.message).not.toBe(m.message);
    expect(session().check(NAME, starPay, 'zh').markers.filter((x) => x.severity === 'error')).toEqual([]);
  });

  it("runs the policy's examples on every check and marks a failing one at its expected value", () => {
    expect(session().check(NAME, starPay, 'zh').tests).toEqual({ passed: 2, failed: 0, skipped: 0 });
    const richer = starPay.replace('3: 1200', '3: 1300');
    const c = session().check(NAME, richer, 'zh');
    expect(c.ok).toBe(true);
    expect(c.tests).toEqual({ passed: 0, failed: 2, skipped: 0 });
    const m = c.markers.find((x) => x.code === 'TEST' && x.message.includes('绩效工资'))!;
    expect(m.message).toContain('期望 1020.00，实际 1105.00');
    expect(m.severity).toBe('warning');
    expect(richer.split('\n')[m.line - 1]).toContain('绩效工资: 1020');
  });

  it('offers the policy names with their types and definitions, and the built-ins', () => {
    const names = session().check(NAME, starPay, 'en').names;
    const table = names.find((n) => n.name === '星级绩效')!;
    expect(table.kind).toBe('table');
    expect(starPay.slice(table.definedAt!.start, table.definedAt!.end)).toBe('星级绩效');
    expect(names.find((n) => n.name === 'score')).toMatchObject({ kind: 'input', type: { en: 'a number' } });
    expect(names.find((n) => n.name === '全勤')).toMatchObject({ kind: 'value', type: { en: 'true/false' } });
    expect(names.find((n) => n.name === 'avg')).toMatchObject({ kind: 'function', aliases: ['平均'] });
  });

  it('an edit to one person-month changes that person only, as a data cell would', () => {
    const s = session();
    const before = s.run(NAME, starPay, 'zh');
    s.setEdits([{ employee: 'E001', month: '2026-01', column: '考核分', value: '100' }]);
    const after = s.run(NAME, starPay, 'zh');
    if (before.kind !== 'ran' || after.kind !== 'ran') throw new Error('expected runs');
    const diff = after.view.rows.filter((r, k) => r.total !== before.view.rows[k]!.total);
    expect(diff).toHaveLength(1);
    // 1200 × 100% instead of 1200 × 85%.
    expect(diff[0]).toMatchObject({ total: 340000, lines: [200000, 120000, 20000] });
    expect(s.inputsOf(NAME, starPay, 'E001', '2026-01').find((i) => i.column === '考核分')?.value).toBe('100');
    // A value that is not a number is the loader's problem, reported as for an uploaded file.
    s.setEdits([{ employee: 'E001', month: '2026-01', column: '考核分', value: 'abc' }]);
    const bad = s.run(NAME, starPay, 'en');
    expect(bad.kind).toBe('data-problems');
    if (bad.kind === 'data-problems') expect(bad.problems[0]).toMatchObject({ code: 'D003', column: '考核分', value: 'abc', row: 2 });
  });

  it('a warm session (data and columns reused across edits) computes what a fresh one does', () => {
    const warm = session();
    warm.run(NAME, starPay, 'zh');
    const edits = [starPay.replace('3: 1200', '3: 1300'), starPay.replace('200元 else', '250元 else'), starPay.replace('\nvalues:\n', '\nvalues:\n  评语: if score >= 90 then "优" else "良"\n')];
    for (const text of edits) {
      const a = warm.run(NAME, text, 'zh');
      const b = session().run(NAME, text, 'zh');
      expect(a.kind).toBe('ran');
      if (a.kind === 'ran' && b.kind === 'ran') expect({ ...a.view, computeMs: 0 }).toEqual({ ...b.view, computeMs: 0 });
    }
  });

  it("a problem in a policy's own events names that file and its row, not the shared events file", () => {
    const s = new Session();
    const violations = tableFromCsv('violations/star-pay.csv', 'id,date,kind,count\nE001,2026-01-10,迟到,1\nE001,2026-01-11,no-such-kind,1\n');
    s.setData({ ...demo(), policyEvents: { 'star-pay': violations } });
    const out = s.run(NAME, starPay, 'en');
    expect(out.kind).toBe('data-problems');
    if (out.kind !== 'data-problems') return;
    const p = out.problems.find((x) => x.value === 'no-such-kind')!;
    expect(p).toMatchObject({ code: 'D014', file: 'violations/star-pay.csv', row: 3 });
  });

  it('explains a person-month with the policy lines', () => {
    const node = session().explain(NAME, starPay, 'E001', '2026-01', 'zh')!;
    expect(node.value).toBe('3220.00');
    const perf = node.children.find((c) => c.label.includes('绩效工资'))!;
    expect(perf.value).toBe('1020.00');
    expect(perf.where).toBe(`${NAME}:${starPay.split('\n').findIndex((l) => l.startsWith('  绩效工资:')) + 1}`);
  });

  it('diff reports the one changed number and its effect; compare lists what the data lacks', () => {
    const s = session();
    const richer = starPay.replace('3: 1200', '3: 1300');
    const d = s.diff({ name: NAME, text: starPay }, { name: 'new.yaml', text: richer }, 'en', 'E001');
    if (!d.ok) throw new Error('expected a diff');
    expect(d.report.changes).toHaveLength(1);
    // E001 and E004 are 3★ in every month; each month adds 100 × score%.
    expect(d.report.gain).toBeGreaterThan(0);
    expect(d.why?.find((l) => l.line === '绩效工资')?.delta).toBeGreaterThan(0);
    expect(d.html).toContain('<svg');
    const needsKpi = starPay.replace('  swaps: { type: count, label: 调休次数 }', '  swaps: { type: count, label: 调休次数 }\n  kpi_rate: { type: percent }');
    const c = s.compare([{ name: NAME, text: starPay }, { name: 'kpi.yaml', text: needsKpi.replace('全勤奖: if 全勤', '全勤奖: if kpi_rate > 50% and 全勤') }], 'en');
    expect(c.figures[0]!.totalCost).toBeGreaterThan(0);
    expect(c.figures[1]!.missing).toEqual(['kpi_rate']);
    expect(Number.isNaN(c.figures[1]!.totalCost)).toBe(true);
  });

  it("downloads the results `ladder run --format csv` writes, and the month's statements; nothing for a policy that does not run", async () => {
    const s = session();
    const [table] = s.resultTables(NAME, starPay, 'zh')!;
    expect(table!.name).toBe('results');
    let cli = '';
    expect(await main(['run', 'policies/examples/star-pay.yaml', '--data', 'examples/demo', '--format', 'csv'], { out: (t) => { cli += t; }, err: () => {} })).toBe(0);
    const [header, ...rows] = table!.rows.map((r) => r.map(String));
    expect(toCsv({ header: header!, rows })).toBe(cli.replace(/\r?\n?$/, '\r\n'));
    expect(s.payslipsOf(NAME, starPay, '2026-01', 'zh')!.map((p) => p.employee)).toEqual(['E001', 'E002', 'E003', 'E004', 'E005']);
    expect(s.payslipsOf(NAME, starPay, '2031-01', 'zh')).toBeUndefined();
    expect(s.resultTables(NAME, starPay.replace('岗位工资: post_wage', '岗位工资: post_wag'), 'zh')).toBeUndefined();
  });
});
