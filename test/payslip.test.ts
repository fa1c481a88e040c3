// Monthly statements (工资条): exact lines for the seed's worked example, a line paid only `when` something holds,
// lines that add up to the total for everyone, the HTML file, the Excel strips, and `ladder payslip`'s exit codes.

import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { openWorkbook } from '../runtime/data/xlsx.ts';
import type { Payslip } from '../runtime/payslip.ts';
import { fenOfAmount, payslipSheet } from '../runtime/payslip-sheet.ts';
import { sheetFacts } from './data/xlsx-cells.ts';

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

  it('says a person no line applies to is not covered, with the condition why, not a statement of zeros', async () => {
    const slips = await slipsOf(['payslip', SCHEME_C, '--data', join(root, 'examples/sample'), '--month', '2026-04']);
    // K0001 is a 客服领班: Scheme C pays representatives only (when: 是代表).
    const lead = slips.find((s) => s.employee === 'K0001')!;
    expect(lead.notCovered).toBe('when 是代表 = 否 false');
    expect(lead.lines).toEqual([]);
    expect(lead.total).toBe('0.00');
    // A representative's line names the condition it was paid under.
    const rep = slips.find((s) => s.employee === 'K0002')!;
    expect(rep.lines[0]!.formula).toBe('post_wage  [when 是代表]');
    // For everyone, the lines add up to the total (in fen, exactly).
    const fen = (t: string) => Math.round(Number(t) * 100);
    expect(slips.length).toBeGreaterThan(100);
    for (const s of slips) expect(s.lines.reduce((a, l) => a + fen(l.amount), 0)).toBe(fen(s.total));
  });

  it('says a line is 0 because its `when` does not hold when other lines apply', async () => {
    const slips = await slipsOf(['payslip', join(root, 'policies/scheme-d-points.yaml'), '--data', join(root, 'examples/sample'), '--month', '2026-03']);
    const rep = slips.find((s) => s.employee === 'K0002')!;
    expect(rep.notCovered).toBeUndefined();
    expect(rep.lines.find((l) => l.name === '总经理奖金')).toEqual({ name: '总经理奖金', amount: '0.00', formula: 'when role = "客服经理" or role = "客服助理" = 否 false', reads: [{ label: '岗位 role', value: '客服代表' }] });
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

describe('ladder payslip --format xlsx (Excel 工资条)', () => {
  const SCHEME_D = join(root, 'policies/scheme-d-points.yaml');
  const SAMPLE = join(root, 'examples/sample');

  it('reads yuan text as exact fen', () => {
    expect([fenOfAmount('2000.00'), fenOfAmount('-12.5'), fenOfAmount('300'), fenOfAmount('0.07'), fenOfAmount('1019.99')]).toEqual([200000, -1250, 30000, 7, 101999]);
    expect(fenOfAmount('—')).toBeNaN();
    expect(fenOfAmount('1.005')).toBeNaN();
  });

  it("writes a block per person whose 实发 is the run's total for every person of the sample, 应发 − 扣款 = 实发", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ladder-payslip-'));
    const out = join(dir, '工资条.xlsx');
    // Scheme D has deduction lines (设备赔偿) and a line that is negative for some (绩效浮动).
    expect((await run(['payslip', SCHEME_D, '--data', SAMPLE, '--month', '2026-03', '--out', out, '--lang', 'zh'])).code).toBe(0);
    const runRows = (JSON.parse((await run(['run', SCHEME_D, '--data', SAMPLE, '--format', 'json'])).out) as { rows: { employee: string; month: string; pay: { total: string; lines: { name: string }[] } }[] }).rows
      .filter((r) => r.month === '2026-03');
    const bytes = readFileSync(out);
    const wb = openWorkbook(bytes);
    expect(wb.sheetNames).toEqual(['工资条']);
    const rows = wb.sheet('工资条').rows;
    const header = ['工号', '姓名', '月份', ...runRows[0]!.pay.lines.map((l) => l.name), '应发', '扣款', '实发'];
    // Header, values, blank — for each person, in the data's order.
    expect(rows.length).toBe(runRows.length * 3 - 1);
    let deducted = 0;
    runRows.forEach((r, k) => {
      expect(rows[k * 3]).toEqual(header);
      const values = rows[k * 3 + 1]!;
      expect(values.slice(0, 3)).toEqual([r.employee, expect.any(String), '2026-03']);
      const fen = (cell: string | undefined) => Math.round(Number(cell) * 100);
      const [gross, deductions, net] = values.slice(-3).map(fen);
      expect(net, r.employee).toBe(fenOfAmount(r.pay.total));
      expect(gross! - deductions!).toBe(net);
      if (deductions! > 0) deducted++;
      if (k > 0) expect(rows[k * 3 - 1] ?? []).toEqual([]);
    });
    expect(deducted).toBeGreaterThan(0);
    // Amounts are numbers formatted as money; ids and months are text; every header row is bold; nothing frozen;
    // printed A4 landscape, one page wide.
    const facts = sheetFacts(bytes);
    const last = String.fromCharCode(64 + header.length);
    expect(facts.cells.get('A2')).toMatchObject({ type: 'text' });
    expect(facts.cells.get('C2')).toMatchObject({ type: 'text' });
    expect(facts.cells.get(`${last}2`)).toEqual({ type: 'number', format: '#,##0.00', bold: false });
    expect(facts.cells.get('D5')).toMatchObject({ type: 'number', format: '#,##0.00' });
    expect(facts.cells.get('A4')).toMatchObject({ type: 'text', bold: true });
    expect(facts.frozenRows).toBe(0);
    expect(facts.xml).toMatch(/<sheetPr><pageSetUpPr fitToPage="1"\/><\/sheetPr>/);
    expect(facts.xml).toMatch(/<pageSetup fitToWidth="1" fitToHeight="0" paperSize="9" orientation="landscape"\/>/);
  }, 60_000);

  it('names the sheet and sums in English; needs --out', async () => {
    const slip: Payslip = { employee: 'E1', month: '2026-01', tier: null, star: null, total: '1900.50', flags: [], changes: [],
      lines: [{ name: '岗位工资', amount: '2000.00', reads: [] }, { name: '迟到扣款', amount: '-99.50', reads: [] }] };
    const sheet = payslipSheet([slip], 'en');
    expect(sheet.name).toBe('payslips');
    expect(sheet.rows[0]).toEqual(['id', 'name', 'month', '岗位工资', '迟到扣款', 'gross pay', 'deductions', 'net pay']);
    expect(sheet.rows[1]!.slice(3)).toEqual([2000, -99.5, 2000, 99.5, 1900.5].map((number) => ({ number, format: '#,##0.00' })));
    const noOut = await run(['payslip', STAR_PAY, '--data', join(root, 'examples/demo'), '--month', '2026-01', '--format', 'xlsx', '--lang', 'en']);
    expect(noOut.code).toBe(2);
    expect(noOut.err).toContain('--out');
    expect(noOut.err).not.toMatch(/\n\s+at /);
  });
});
