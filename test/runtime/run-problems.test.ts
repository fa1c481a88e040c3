// Pay that cannot be computed is a run error (exit 1, nothing written) naming the person, month, pay line, policy
// line and cause — never NaN or Infinity in the results. Each case is small enough to see the cause by eye.

import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';

async function ladder(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const root = mkdtempSync(join(tmpdir(), 'ladder-run-problems-'));

/** A folder with a policy and its data; returns the policy's path and the data folder. */
function caseOf(name: string, policy: string, employees: string, monthly: string): { policy: string; data: string } {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'policy.yaml'), policy);
  writeFileSync(join(dir, 'employees.csv'), employees);
  writeFileSync(join(dir, 'monthly.csv'), monthly);
  return { policy: join(dir, 'policy.yaml'), data: dir };
}

const EMPLOYEES = 'id,name,hire_date\nE1,甲,2025-01-01\nE2,乙,2025-01-01\n';

describe('pay that cannot be computed', () => {
  it('a star nobody gives: exit 1, the line, its policy line, the cause and its fix; no results', async () => {
    const c = caseOf('star', [
      'policy: { name: 星级 }',
      'inputs:',
      '  score: number',
      'stars:',
      '  levels: [0, 5]',
      'tables:',
      '  星级绩效: { by: star, unit: money, rows: { 0: 0, 1: 600, 2: 900, 3: 1200, 4: 1500, 5: 1800 } }',
      'pay:',
      '  绩效工资: 星级绩效[star] * score%',
    ].join('\n') + '\n', EMPLOYEES, 'id,month,score\nE1,2026-01,80\nE2,2026-01,90\n');
    const out = join(c.data, 'out.csv');
    const r = await ladder(['run', c.policy, '--data', c.data, '--lang', 'en', '--format', 'csv', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${c.policy}:9:3 run error R001 绩效工资 cannot be computed: star has no value: the policy has no stars.initial`);
    expect(r.err).toContain('E1 2026-01, E2 2026-01');
    expect(r.err).not.toContain('NaN');
    expect(existsSync(out)).toBe(false);
    const zh = await ladder(['run', c.policy, '--data', c.data, '--lang', 'zh']);
    expect(zh.code).toBe(1);
    expect(zh.err).toContain('绩效工资 算不出：star（星级） 没有值：政策没有 stars.initial');
    expect(zh.out).toBe('');
  });

  it('with stars.initial the same policy computes: 1200 × 80% = 960.00 and 1200 × 90% = 1080.00', async () => {
    const c = caseOf('star-initial', [
      'policy: { name: 星级 }',
      'inputs:',
      '  score: number',
      'stars:',
      '  levels: [0, 5]',
      '  initial: 3',
      'tables:',
      '  星级绩效: { by: star, unit: money, rows: { 0: 0, 1: 600, 2: 900, 3: 1200, 4: 1500, 5: 1800 } }',
      'pay:',
      '  绩效工资: 星级绩效[star] * score%',
    ].join('\n') + '\n', EMPLOYEES, 'id,month,score\nE1,2026-01,80\nE2,2026-01,90\n');
    const r = await ladder(['run', c.policy, '--data', c.data, '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out).rows as { employee: string; pay: { total: string } }[];
    expect(rows.map((x) => [x.employee, x.pay.total])).toEqual([['E1', '960.00'], ['E2', '1080.00']]);
  });

  it('a division by a count that is 0 for one person-month names that person, month and the divisor', async () => {
    const c = caseOf('divide', [
      'policy: { name: 单价 }',
      'inputs:',
      '  tickets: count',
      'pay:',
      '  单量奖: 3000元 / tickets',
    ].join('\n') + '\n', EMPLOYEES, 'id,month,tickets\nE1,2026-01,600\nE2,2026-01,0\nE1,2026-02,500\nE2,2026-02,400\n');
    const r = await ladder(['run', c.policy, '--data', c.data, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${c.policy}:5:3 run error R001 单量奖 cannot be computed: division by zero (tickets is 0): write if tickets > 0 then … else 0元. E2 2026-01`);
    // Only the one person-month: 3000 / 600, 3000 / 500, 3000 / 400 were fine.
    expect(r.err).not.toContain('E1 2026');
    expect(r.err).not.toMatch(/Infinity|NaN/);
  });

  it('a value that cannot be computed is followed to its cause through the named values a line reads', async () => {
    const c = caseOf('via', [
      'policy: { name: 经由 }',
      'inputs:',
      '  tickets: count',
      '  revenue: money',
      'values:',
      '  单均: revenue / tickets',
      'pay:',
      '  提成: 单均 * 10%',
    ].join('\n') + '\n', EMPLOYEES, 'id,month,tickets,revenue\nE1,2026-01,10,1000\nE2,2026-01,0,0\n');
    const r = await ladder(['run', c.policy, '--data', c.data, '--lang', 'en']);
    expect(r.code).toBe(1);
    // 0 / 0 is NaN, not Infinity: still a division by zero, found through 单均.
    expect(r.err).toContain('提成 cannot be computed (through 单均): division by zero (tickets is 0)');
  });

  it('a table key without a row names the table and the key (a star key the checker cannot bound: 3 + 3 = 6)', async () => {
    const c = caseOf('row', [
      'policy: { name: 星级 }',
      'inputs:',
      '  bonus_star: number',
      'stars:',
      '  levels: [0, 5]',
      '  initial: 3',
      'tables:',
      '  星级绩效: { by: star, unit: money, rows: { 0: 0, 1: 600, 2: 900, 3: 1200, 4: 1500, 5: 1800 } }',
      'pay:',
      '  绩效工资: 星级绩效[star + bonus_star]',
    ].join('\n') + '\n', EMPLOYEES, 'id,month,bonus_star\nE1,2026-01,1\nE2,2026-01,3\n');
    const r = await ladder(['run', c.policy, '--data', c.data, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('绩效工资 cannot be computed: table 星级绩效 has no row for «6»: add the row. E2 2026-01');
    expect(r.err).not.toContain('E1 2026-01');
  });

  it('a pay line beyond the range within which money is exact is a run error, not a rounded guess', async () => {
    const c = caseOf('range', 'policy: { name: 大额 }\ninputs:\n  units: count\npay:\n  奖金: units * 1000000元\n', EMPLOYEES, 'id,month,units\nE1,2026-01,5\nE2,2026-01,200\n');
    const r = await ladder(['run', c.policy, '--data', c.data, '--lang', 'en']);
    expect(r.code).toBe(1);
    // 5 × 1,000,000 is fine; 200 × 1,000,000 = 200,000,000 is past ±100,000,000.
    expect(r.err).toContain('奖金 cannot be computed: the amount 200000000 yuan is beyond the range within which money is exact (±100,000,000 yuan). E2 2026-01');
    expect(r.err).not.toContain('E1 2026-01');
  });

  it('compare lists a scheme whose pay cannot be computed as not computed, with the line and cause', async () => {
    const c = caseOf('compare', 'policy: { name: 单价 }\ninputs:\n  tickets: count\npay:\n  单量奖: 3000元 / tickets\n', EMPLOYEES, 'id,month,tickets\nE1,2026-01,600\nE2,2026-01,0\n');
    const r = await ladder(['compare', c.policy, '--data', c.data, '--format', 'json']);
    expect(r.code).toBe(0);
    const scheme = JSON.parse(r.out).schemes[0];
    expect(scheme.personMonths).toBe(0);
    expect(scheme.missing[0]).toContain('R001 单量奖: division by zero (tickets is 0)');
  });
});

describe('a rule testing a value no row of the data has', () => {
  it('is said as a note naming the value and what the data has; a value the data has is not', async () => {
    const c = caseOf('unmet', [
      'policy: { name: 岗位 }',
      'inputs:',
      '  role: { type: text, from: employees }',
      'pay:',
      '  组长津贴: if role = "客服组长" then 300元 else 0元',
      '  代表津贴: if role = "客服代表" then 100元 else 0元',
    ].join('\n') + '\n', 'id,name,hire_date,role\nE1,甲,2025-01-01,客服代表\nE2,乙,2025-01-01,客服领班\n', 'id,month\nE1,2026-01\nE2,2026-01\n');
    const r = await ladder(['run', c.policy, '--data', c.data, '--lang', 'en', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('a rule compares role with 客服组长, but no row of the data has that role (the data has: 客服代表, 客服领班)');
    expect(r.err).not.toContain('with 客服代表');
  });
});
