// Dated parameters: a table's rows, or a value, that change from a month on (tables.<t>.changes, values.<v>.changes).
// Checked like rows (a value: a plain amount, changes in its unit), with the
// month itself checked; run so that each month reads the rows in force then (an old month recomputes with the old
// rate); explained and diffed with the month; and in ladder test through a test's month.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { compile } from '../compiler/compile.ts';
import { runPolicyTests } from '../runtime/policy-tests.ts';
import { policyChanges } from '../runtime/simulate/changes.ts';

const POLICY = `policy:
  name: 调薪
  effective: { from: 2026-01, to: 2026-12 }
inputs:
  score: { type: number, label: 考核分 }
ladder:
  tracks:
    客服: [初级, 高级]
stars:
  levels: [1, 3]
  evaluate: quarter
  thresholds:
    keys: { 分: "avg(score, 上季度)" }
    rows: { 1: { 分: 0 }, 2: { 分: 80 }, 3: { 分: 90 } }
tables:
  底薪表:
    by: tier
    unit: money
    rows: { 初级: 3000, 高级: 4000 }
    changes:
      2026-03: { 初级: 3200 }
      2026-05: { 高级: 4500 }
  星级奖:
    by: star
    unit: money
    rows: { 1: 100, 2: 200, 3: 300 }
    changes:
      2026-04: { 3: 600 }
pay:
  底薪: 底薪表[tier]
  星级奖金: 星级奖[star]
tests:
  - name: 三月起初级 3200
    month: 2026-03
    state: { tier: 初级, star: 1 }
    inputs: { score: 80 }
    expect: { pay: { 底薪: 3200, 星级奖金: 100 } }
  - name: 二月仍是 3000
    month: 2026-02
    state: { tier: 初级, star: 3 }
    inputs: { score: 80 }
    expect: { pay: { 底薪: 3000, 星级奖金: 300 } }
`;

/** The CLI in-process: its exit code and what it printed. */
async function run(argv: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: () => {} });
  return { code, out: out.join('\n') };
}

const codes = (text: string) => compile({ name: 'p.yaml', text }).diagnostics.map((d) => `${d.code}:${d.severity}`);

describe('dated table rows: checks', () => {
  it('compiles a table that changes from a month on, and its tests run in their months', () => {
    const c = compile({ name: 'p.yaml', text: POLICY });
    expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(runPolicyTests(c).map((t) => `${t.name} ${t.status}`)).toEqual(['三月起初级 3200 pass', '二月仍是 3000 pass']);
  });
  it('reports a month that is not YYYY-MM (error) or is outside the effective period (warning), at the month', () => {
    expect(codes(POLICY.replace('2026-03: { 初级: 3200 }', '2026-13: { 初级: 3200 }'))).toContain('L088:error');
    expect(codes(POLICY.replace('2026-03: { 初级: 3200 }', '三月: { 初级: 3200 }'))).toContain('L088:error');
    expect(codes(POLICY.replace('2026-03: { 初级: 3200 }', '2027-03: { 初级: 3200 }'))).toContain('L089:warning');
    const c = compile({ name: 'p.yaml', text: POLICY.replace('2026-03: { 初级: 3200 }', '2026-13: { 初级: 3200 }') });
    const d = c.diagnostics.find((x) => x.code === 'L088')!;
    expect(c.file.text.slice(d.span.start, d.span.end)).toBe('2026-13');
  });
  it('checks a changed row like a row: its key, and pay that would fall as the tier rises from then on', () => {
    expect(codes(POLICY.replace('2026-03: { 初级: 3200 }', '2026-03: { 中级: 3200 }'))).toContain('L032:error');
    const falls = compile({ name: 'p.yaml', text: POLICY.replace('2026-03: { 初级: 3200 }', '2026-03: { 初级: 4200 }') });
    const l087 = falls.diagnostics.filter((d) => d.code === 'L087');
    expect(l087).toHaveLength(1);
    // Reported at the row that broke the order: 高级 4000 below 初级's new 4200 (line of the 2026-03 change is the
    // one whose value is compared; 高级 is reported where it is written).
    expect(falls.file.text.slice(l087[0]!.span.start, l087[0]!.span.end)).toBe('高级');
  });
});

describe('dated table rows: runs, explain, diff', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ladder-dated-'));
  const policy = join(dir, 'p.yaml');
  writeFileSync(policy, POLICY);
  writeFileSync(join(dir, 'employees.csv'), '工号,姓名,入职日期,职级,星级\nE1,甲,2025-01-01,初级,1\nE2,乙,2025-01-01,高级,2\n');
  writeFileSync(join(dir, 'monthly.csv'), '工号,月份,考核分\n' + ['01', '02', '03', '04', '05', '06'].map((m) => `E1,2026-${m},95\nE2,2026-${m},85\n`).join(''));
  it('pays each month with the rows in force then, through star re-ratings', async () => {
    const r = await run(['run', policy, '--data', dir, '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = (JSON.parse(r.out) as { rows: { employee: string; month: string; star: number; pay: { lines: { amount: string }[] } }[] }).rows;
    const at = (id: string) => rows.filter((x) => x.employee === id).map((x) => `${x.month.slice(5)} ${x.star}★ ${x.pay.lines.map((l) => l.amount).join(' ')}`);
    // E1 (初级, 95 every month): 3000 until March, 3200 from March; 1★ until April's rating of Q1 (95 → 3★), whose
    // 星级奖 is 600 from April on (the 3★ row changed then).
    expect(at('E1')).toEqual(['01 1★ 3000.00 100.00', '02 1★ 3000.00 100.00', '03 1★ 3200.00 100.00', '04 3★ 3200.00 600.00', '05 3★ 3200.00 600.00', '06 3★ 3200.00 600.00']);
    // E2 (高级, 85): 4000 until May, 4500 from May; 2★ throughout.
    expect(at('E2')).toEqual(['01 2★ 4000.00 200.00', '02 2★ 4000.00 200.00', '03 2★ 4000.00 200.00', '04 2★ 4000.00 200.00', '05 2★ 4500.00 200.00', '06 2★ 4500.00 200.00']);
  });
  it('explains a month with the row in force then, at its line', async () => {
    const may = await run(['explain', policy, '--data', dir, '--employee', 'E2', '--month', '2026-05', '--lang', 'zh']);
    expect(may.out).toContain('底薪表[高级] = 4500  (' + policy + ':22)');
    const april = await run(['explain', policy, '--data', dir, '--employee', 'E2', '--month', '2026-04', '--lang', 'zh']);
    expect(april.out).toContain('底薪表[高级] = 4000  (' + policy + ':19)');
  });
  it('lists a changed dated row in a diff with its month, and its effect only from that month', async () => {
    const before = compile({ name: 'a.yaml', text: POLICY }).checked!;
    const after = compile({ name: 'b.yaml', text: POLICY.replace('2026-05: { 高级: 4500 }', '2026-05: { 高级: 4600 }') }).checked!;
    expect(policyChanges(before, after).map((c) => c.en)).toEqual(["底薪表 row '高级 @2026-05': 4500 → 4600"]);
    const changed = join(dir, 'b.yaml');
    writeFileSync(changed, POLICY.replace('2026-05: { 高级: 4500 }', '2026-05: { 高级: 4600 }'));
    const diff = JSON.parse((await run(['diff', policy, changed, '--data', dir, '--format', 'json'])).out) as { months: { month: string; before: number; after: number }[] };
    // +100 for E2 in May and June only.
    expect(diff.months.map((m) => m.after - m.before)).toEqual([0, 0, 0, 0, 10000, 10000]);
  });
});

describe('dated values', () => {
  const VALUES = `policy:
  name: 及格线调整
  effective: { from: 2026-01, to: 2026-12 }
inputs:
  score: { type: points, label: 考核分 }
  sales: money
values:
  及格线:
    formula: 60分
    changes: { 2026-03: 85分 }
  提成比例:
    formula: 1%
    changes: { 2026-02: 2 }
pay:
  绩效奖: if score >= 及格线 then 500元 else 0元
  提成: sales * 提成比例
`;
  const dir = mkdtempSync(join(tmpdir(), 'ladder-dated-values-'));
  const policy = join(dir, 'v.yaml');
  writeFileSync(policy, VALUES);
  writeFileSync(join(dir, 'employees.csv'), '工号,姓名,入职日期\nE1,甲,2025-01-01\n');
  writeFileSync(join(dir, 'monthly.csv'), '工号,月份,考核分,sales\n' + ['01', '02', '03'].map((m) => `E1,2026-${m},80,10000\n`).join(''));
  it('computes each month with the amount in force then; a bare number is in the unit of the value', async () => {
    const r = await run(['run', policy, '--data', dir, '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = (JSON.parse(r.out) as { rows: { month: string; pay: { lines: { amount: string }[] } }[] }).rows;
    // 80 passes the 60 line in January and February, not the 85 line from March; the commission rate is 1% in
    // January, then 2 — read as 2%, the value's unit — from February.
    expect(rows.map((x) => `${x.month.slice(5)} ${x.pay.lines.map((l) => l.amount).join(' ')}`)).toEqual(['01 500.00 100.00', '02 500.00 200.00', '03 0.00 200.00']);
  });
  it('explains the amount in force that month at the line of its change', async () => {
    const march = await run(['explain', policy, '--data', dir, '--employee', 'E1', '--month', '2026-03', '--lang', 'zh']);
    expect(march.out).toContain(`及格线 = 85  (${policy}:10)  ← 85分（2026-03 起）`);
    const jan = await run(['explain', policy, '--data', dir, '--employee', 'E1', '--month', '2026-01', '--lang', 'zh']);
    expect(jan.out).toContain(`及格线 = 60  (${policy}:8)  ← 60分`);
  });
  it('requires a plain amount and changes in its unit; checks the month', () => {
    expect(codes(VALUES.replace('formula: 60分', 'formula: score - 1分'))).toContain('L094:error');
    // A range is no amount a month can take: an error, not a crash in the code generator (it was L099).
    expect(codes(VALUES.replace('2026-03: 85分', '2026-03: 80~90分'))).toEqual(['L094:error']);
    expect(codes(VALUES.replace('2026-03: 85分', '2026-03: 85元'))).toContain('L095:error');
    expect(codes(VALUES.replace('2026-03: 85分', '2026-3: 85分'))).toContain('L088:error');
    expect(codes(VALUES).filter((c) => c.endsWith(':error'))).toEqual([]);
  });
  it('lists a changed dated value in a diff, traced to the value', () => {
    const before = compile({ name: 'a.yaml', text: VALUES }).checked!;
    const after = compile({ name: 'b.yaml', text: VALUES.replace('2026-03: 85分', '2026-03: 90分') }).checked!;
    expect(policyChanges(before, after).map((c) => [c.name, c.en])).toEqual([['及格线', "value '及格线 @2026-03': 85分 → 90分"]]);
  });
});
