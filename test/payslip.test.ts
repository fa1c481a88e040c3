// Monthly statements (工资条): exact lines for the seed's worked example, a line paid only `when` something holds,
// lines that add up to the total for everyone, the HTML file, and `ladder payslip`'s exit codes.

import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import type { Payslip } from '../runtime/payslip.ts';

const root = join(import.meta.dirname, '..');
const STAR_PAY = join(root, 'policies/examples/star-pay.yaml');
const SCHEME_C = join(root, 'policies/scheme-c-star-rating.yaml');

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const slipsOf = async (argv: string[]) => (JSON.parse((await run([...argv, '--format', 'json'])).out) as { payslips: Payslip[] }).payslips;

describe('ladder payslip', () => {
  it('gives the C1–C3 worked example line by line: amount, formula and what it read', async () => {
    const [slip] = await slipsOf(['payslip', STAR_PAY, '--data', join(root, 'examples/demo'), '--month', '2026-01', '--employee', 'E001']);
    expect(slip).toEqual({
      employee: 'E001', name: '张三', team: '一组', month: '2026-01', tier: '中级', star: 3,
      lines: [
        // Inputs by their label, with the name the formula uses.
        { name: '岗位工资', amount: '2000.00', formula: 'post_wage', reads: [{ label: '岗位工资 post_wage', value: '2000' }] },
        { name: '绩效工资', amount: '1020.00', formula: '星级绩效[star] * score%', reads: [{ label: '星级绩效[3]', value: '1200' }, { label: '考核分 score', value: '85' }] },
        { name: '全勤奖', amount: '200.00', formula: 'if 全勤 then 200元 else 0元', reads: [{ label: '全勤', value: '是 true' }] },
      ],
      total: '3220.00', flags: [], changes: [],
    });
  });

  it('says a line is 0 because its `when` does not hold, not by showing the formula it did not compute', async () => {
    const slips = await slipsOf(['payslip', SCHEME_C, '--data', join(root, 'examples/sample'), '--month', '2026-04']);
    // K0001 is a 客服领班: Scheme C pays representatives only (when: 是代表).
    const lead = slips.find((s) => s.employee === 'K0001')!;
    expect(lead.lines[0]).toEqual({ name: '岗位工资', amount: '0.00', formula: 'when 是代表 = 否 false', reads: [{ label: '是代表', value: '否 false' }] });
    expect(lead.total).toBe('0.00');
    // A representative's line names the condition it was paid under.
    const rep = slips.find((s) => s.employee === 'K0002')!;
    expect(rep.lines[0]!.formula).toBe('post_wage  [when 是代表]');
    // For everyone, the lines add up to the total (in fen, exactly).
    const fen = (t: string) => Math.round(Number(t) * 100);
    expect(slips.length).toBeGreaterThan(100);
    for (const s of slips) expect(s.lines.reduce((a, l) => a + fen(l.amount), 0)).toBe(fen(s.total));
  });

  it('writes one printable HTML file with a page per person, every text escaped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ladder-payslip-'));
    cpSync(join(root, 'examples/demo'), dir, { recursive: true });
    const employees = readFileSync(join(dir, 'employees.csv'), 'utf8').replace('张三', '<img src=x onerror=alert(1)>');
    writeFileSync(join(dir, 'employees.csv'), employees);
    const out = join(dir, 'slips.html');
    expect((await run(['payslip', STAR_PAY, '--data', dir, '--month', '2026-01', '--out', out])).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    const people = (await slipsOf(['payslip', STAR_PAY, '--data', dir, '--month', '2026-01'])).length;
    expect(html.match(/<section class="slip">/g)).toHaveLength(people);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<img|<script|https?:\/\//);
    expect(html).toContain('page-break-after:always');
  });

  it('prints text by default; exits 1 for nobody in that month, 2 without --month or with html and no --out', async () => {
    const text = await run(['payslip', STAR_PAY, '--data', join(root, 'examples/demo'), '--month', '2026-01', '--employee', 'E001', '--lang', 'zh']);
    expect(text.code).toBe(0);
    expect(text.out.split('\n')).toEqual([
      'E001  张三  一组  2026-01  中级  3★',
      '  岗位工资  2000.00  = post_wage  (岗位工资 post_wage 2000)',
      '  绩效工资  1020.00  = 星级绩效[star] * score%  (星级绩效[3] 1200; 考核分 score 85)',
      '  全勤奖  200.00  = if 全勤 then 200元 else 0元  (全勤 是 true)',
      '  应发合计  3220.00',
    ]);
    expect((await run(['payslip', STAR_PAY, '--data', join(root, 'examples/demo'), '--month', '2031-01'])).code).toBe(1);
    expect((await run(['payslip', STAR_PAY, '--data', join(root, 'examples/demo'), '--month', '2026-01', '--employee', 'NOBODY'])).code).toBe(1);
    expect((await run(['payslip', STAR_PAY, '--data', join(root, 'examples/demo')])).code).toBe(2);
    expect((await run(['payslip', STAR_PAY, '--data', join(root, 'examples/demo'), '--month', '2026-01', '--format', 'html'])).code).toBe(2);
  });
});
