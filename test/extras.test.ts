// The extra schemes of the seeds (policies/extras) run on small populations whose results are worked out by hand.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';

const root = join(import.meta.dirname, '..');

async function rows(policy: string, files: Record<string, string>, notes: string[] = []): Promise<{ employee: string; month: string; pay: { lines: { name: string; amount: string }[] } }[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ladder-extras-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const out: string[] = [];
  const code = await main(['run', join(root, policy), '--data', dir, '--format', 'json', '--lang', 'en'], { out: (t) => out.push(t), err: (t) => notes.push(t) });
  expect(code, notes.join('\n')).toBe(0);
  return (JSON.parse(out.join('\n')) as { rows: never[] }).rows;
}

describe('C17 ranked awards', () => {
  it('gives 优秀 to the top 10% and 良好 to the next 20% in the last month of each quarter, one tie-break deciding the edge', async () => {
    const ids = 'ABCDEFGHIJ'.split('');
    const q1 = [95, 95, 90, 85, 80, 75, 70, 65, 60, 55];
    const monthly = ['工号,月份,考核分'];
    for (const m of ['01', '02', '03']) ids.forEach((id, k) => {
      // B ties A on the quarter average (94, 95, 96 against 95, 95, 95) and has the better March score.
      const score = id === 'B' ? { '01': 94, '02': 95, '03': 96 }[m]! : q1[k]!;
      monthly.push(`${id},2026-${m},${score}`);
    });
    for (const m of ['04', '05', '06']) ids.forEach((id) => monthly.push(`${id},2026-${m},70`));
    const result = await rows('policies/extras/c17-ranked-awards.yaml', {
      'employees.csv': ['工号,姓名,入职日期', ...ids.map((id) => `${id},${id},2025-01-01`)].join('\n') + '\n',
      'monthly.csv': monthly.join('\n') + '\n',
    });
    const awards = (month: string) => result.filter((r) => r.month === month).flatMap((r) =>
      r.pay.lines.filter((l) => (l.name === '优秀' || l.name === '良好') && l.amount !== '0.00').map((l) => `${r.employee} ${l.name} ${l.amount}`));
    // March (Q1): 10% of 10 = 1 place, B by the tie-break; 20% = 2 more places among the rest: A and C.
    expect(awards('2026-03')).toEqual(['A 良好 400.00', 'B 优秀 800.00', 'C 良好 400.00']);
    // Only the last month of a quarter pays.
    expect([...awards('2026-01'), ...awards('2026-02'), ...awards('2026-04')]).toEqual([]);
    // June (Q2): everyone tied at 70 on average and in June: places go by id.
    expect(awards('2026-06')).toEqual(['A 优秀 800.00', 'B 良好 400.00', 'C 良好 400.00']);
  });
});

describe('B time in post (a promotion-only scheme: no pay section)', () => {
  it('promotes after a year in the tier with both assessments in the last three months, and pays nothing', async () => {
    const months = Array.from({ length: 14 }, (_, k) => `2026-${String(k + 1).padStart(2, '0')}`).slice(0, 12);
    const result = await rows('policies/extras/b-time-in-post.yaml', {
      'employees.csv': '工号,姓名,入职日期,职级,序列,职级起始日期\nE1,甲,2024-01-01,初级客服,等级,2025-03-01\n',
      'monthly.csv': ['工号,月份', ...months.map((m) => `E1,${m}`)].join('\n') + '\n',
      'events.csv': '工号,日期,类别\nE1,2026-01-10,达到等级工作标准\nE1,2026-02-10,综合测试通过\n',
    });
    const e1 = result.map((r) => r as unknown as { month: string; tier: string; pay: { total: string; lines: unknown[] } });
    // In the tier since 2025-03-01: its twelfth full month (March 2025 – February 2026) completes at the end of
    // February 2026, with both assessments within three months (Jan, Feb): 满一年 holds in February, 中级 from March.
    // (Before time in a tier counted the month it was in, this promoted a month late, from April.)
    expect(e1.filter((r) => r.tier === '中级客服')[0]!.month).toBe('2026-03');
    expect(e1.every((r) => r.pay.total === '0.00' && r.pay.lines.length === 0)).toBe(true);
  });
  it('says, without failing, that months_in_tier counts from the hire date when the table has no tier start dates', async () => {
    const notes: string[] = [];
    const result = await rows('policies/extras/b-time-in-post.yaml', {
      // The tier start date under a header the model does not know (任职日期 for 职级起始日期).
      'employees.csv': '工号,姓名,入职日期,职级,序列,任职日期\nE1,甲,2024-01-01,初级客服,等级,2025-03-01\n',
      'monthly.csv': ['工号,月份', '2026-01', '2026-02', '2026-03'].map((m, k) => (k ? `E1,${m}` : m)).join('\n') + '\n',
      'events.csv': '工号,日期,类别\nE1,2026-01-10,达到等级工作标准\nE1,2026-02-10,综合测试通过\n',
    }, notes);
    expect(notes).toEqual([`note: ${join(root, 'policies/extras/b-time-in-post.yaml')}: the employees table gives no tier_since (职级起始日期): months_in_tier counts from each hire date (as if the tier were held since hiring; a mid-month hire from the next month; after a move, from the move); if the unrecognised column 任职日期 is this, head it 职级起始日期 (or tier_since)`]);
    // Hired in 2024: over a year "in the tier" already, so the February assessments promote from March.
    expect((result as unknown as { month: string; tier: string }[]).find((r) => r.tier === '中级客服')!.month).toBe('2026-03');
  });
});
