// Sweeps: finding the number to vary by its place in the YAML, the values asked for, the varied policy text, and
// `ladder sweep` end to end on a small population whose totals are computed by hand.

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { openWorkbook } from '../runtime/data/xlsx.ts';
import { sheetFacts } from './data/xlsx-cells.ts';
import { compile } from '../compiler/compile.ts';
import { sweepTarget, sweepValues, withValue, type SweepTarget } from '../runtime/simulate/sweep.ts';

const POLICY = `policy: { name: 调薪 }
inputs:
  score: { type: points, label: 考核分 }
values:
  及格线: 60分
  # 一个公式不是一个数
  达标: score >= 及格线
tables:
  奖金表: { by: tier, unit: money, rows: { 初级: 500, 高级: "800元" } }
ladder:
  tracks:
    客服: [初级, 高级]
stars:
  levels: [0, 5]
  thresholds:
    keys: { 分: score }
    rows: { 5: { 分: 95 } }
  quota:
    - { star: 5, max: 5%, rank_by: score }
pay:
  底薪: 1000
  绩效奖: if 达标 then 奖金表[tier] else 0
`;

const target = (path: string): SweepTarget => {
  const t = sweepTarget(POLICY, path);
  if ('problem' in t) throw new Error(t.problem.en);
  return t;
};

describe('sweepTarget', () => {
  it('finds a number with its unit in a map, a flow map, a quoted scalar and a list item', () => {
    expect(target('values.及格线')).toMatchObject({ written: '60分', value: 60, unit: '分' });
    expect(target('tables.奖金表.rows.初级')).toMatchObject({ written: '500', value: 500, unit: '' });
    expect(target('tables.奖金表.rows.高级')).toMatchObject({ written: '800元', value: 800, unit: '元' });
    expect(target('stars.quota[0].max')).toMatchObject({ written: '5%', value: 5, unit: '%' });
    expect(target('stars.quota.0.max')).toMatchObject({ written: '5%', value: 5 });
    // The offsets are the number's own, inside the quotes and before the unit.
    const t = target('tables.奖金表.rows.高级');
    expect(POLICY.slice(t.start, t.end)).toBe('800');
  });
  it('names what is missing, with a suggestion, and refuses what is not a single number', () => {
    const problem = (path: string) => { const t = sweepTarget(POLICY, path); return 'problem' in t ? t.problem.en : 'found'; };
    expect(problem('values.及格')).toBe("values has no '及格'; did you mean '及格线'? (it has: 及格线, 达标)");
    expect(problem('stars.quota[3].max')).toBe("stars.quota is a list: expected an index 0 to 0, not '3'");
    expect(problem('values.达标')).toBe("values.达标 is 'score >= 及格线', not a number (a unit such as 5% or 1200元 may follow)");
    expect(problem('tables.奖金表')).toBe('tables.奖金表 is not a number but a map (by, unit, rows): go one level further, e.g. tables.奖金表.rows');
    expect(problem('tables.奖金表.rows')).toBe('tables.奖金表.rows is not a number but a map (初级, 高级): go one level further, e.g. tables.奖金表.rows.初级');
    expect(problem('stars.quota')).toBe('stars.quota is not a number');
    expect(problem('values.及格线.x')).toBe("values.及格线 is neither a map nor a list: cannot take 'x' of it");
  });
});

describe('sweepValues', () => {
  it('reads lists and ranges, with or without units, each value exact in decimals', () => {
    expect(sweepValues('3,4,5')).toEqual([3, 4, 5]);
    expect(sweepValues('3%..8%:1%')).toEqual([3, 4, 5, 6, 7, 8]);
    expect(sweepValues('60..80:10')).toEqual([60, 70, 80]);
    expect(sweepValues('0.1..0.3:0.1')).toEqual([0.1, 0.2, 0.3]);
    expect(sweepValues('1200..1000:100')).toEqual([1200, 1100, 1000]);
    expect(sweepValues('１，２')).toEqual([1, 2]);
  });
  it('refuses what it cannot read, a step of zero, and more than 50 values', () => {
    expect(sweepValues('a..b')).toHaveProperty('problem');
    expect(sweepValues('1..5:0')).toHaveProperty('problem');
    expect(sweepValues('1..100')).toEqual({ problem: { zh: '取值有 100 个，最多 50 个', en: '100 values: at most 50' } });
  });
});

describe('withValue', () => {
  it('changes only that number, keeping its unit and quotes, and the varied policy compiles with it', () => {
    const t = target('tables.奖金表.rows.高级');
    const text = withValue(POLICY, t, 950.5);
    expect(text.replace('"950.5元"', '"800元"')).toBe(POLICY);
    const compiled = compile({ name: 'p.yaml', text });
    expect(compiled.ok).toBe(true);
    // Written out in full: a policy does not read 1e-7.
    expect(withValue(POLICY, target('values.及格线'), 1e-7)).toContain('及格线: 0.0000001分');
    expect(withValue(POLICY, target('values.及格线'), 1200)).toContain('及格线: 1200分');
  });
});

describe('ladder sweep', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ladder-sweep-'));
  mkdirSync(dir, { recursive: true });
  const policy = join(dir, 'p.yaml');
  writeFileSync(policy, POLICY);
  writeFileSync(join(dir, 'employees.csv'), '工号,姓名,入职日期,职级\nE1,甲,2025-01-01,初级\nE2,乙,2025-01-01,初级\nE3,丙,2025-01-01,高级\nE4,丁,2025-01-01,高级\n');
  writeFileSync(join(dir, 'monthly.csv'), '工号,月份,考核分\n' + ['2026-01', '2026-02'].map((m) => `E1,${m},50\nE2,${m},65\nE3,${m},75\nE4,${m},90\n`).join(''));
  const run = async (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('runs the same people under each value: totals by hand, and the values within a budget', async () => {
    const r = await run(['sweep', policy, '--data', dir, '--vary', 'values.及格线=60..80:10', '--budget', '11200', '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { points: { written: string; figures: { totalCost: number; mean: number }; tiers: Record<string, number> }[]; within: string[] };
    // Two months of 4 × 1000 base pay, plus the bonus of those at or above the line: 60 passes 乙 (初级 500), 丙 and
    // 丁 (高级 800) = 6100 a month; 70 passes 丙 and 丁 = 5600; 80 passes 丁 = 4800.
    expect(json.points.map((p) => [p.written, p.figures.totalCost])).toEqual([['60分', 1220000], ['70分', 1120000], ['80分', 960000]]);
    expect(json.points[0]!.figures.mean).toBe(152500);
    expect(json.points[0]!.tiers).toEqual({ 初级: 2, 高级: 2 });
    expect(json.within).toEqual(['70分', '80分']);
    // --vary=…, with a full-width ＝ and ， as typed on a Chinese keyboard.
    const table = await run(['sweep', policy, '--data', dir, '--vary=values.及格线＝60，70', '--budget', '11200', '--lang', 'zh']);
    expect(table.out).toContain('预算 11200.00 元以内：70分（最小 70分，最大 70分）');
  });
  it('reports a value the policy does not allow for that point, and runs the others', async () => {
    const r = await run(['sweep', policy, '--data', dir, '--vary', 'stars.quota[0].max=50%,150%', '--format', 'json', '--lang', 'en']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { points: { written: string; figures?: unknown; errors?: string[] }[] };
    expect(json.points[0]!.figures).toBeDefined();
    expect(json.points[1]).toMatchObject({ written: '150%' });
    expect(json.points[1]!.figures).toBeUndefined();
    expect(json.points[1]!.errors![0]).toMatch(/^L083 /);
  });
  it('writes a self-contained HTML report whole, and CSV with a row per value', async () => {
    const html = join(dir, 'sweep.html');
    expect((await run(['sweep', policy, '--data', dir, '--vary', 'tables.奖金表.rows.高级=800..1000:100', '--format', 'html', '--out', html])).code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<svg');
    // The CLI's table, headed in both languages, with the last month's head counts by tier.
    expect(page).toContain('<th>总成本 total cost</th>');
    expect(page).toContain('<th>初级</th><th>高级</th>');
    expect(page).toContain('<td>900元</td><td>12600.00</td>');
    expect(page).not.toMatch(/<script|https?:\/\//);
    const csv = (await run(['sweep', policy, '--data', dir, '--vary', 'tables.奖金表.rows.高级=800..1000:100', '--format', 'csv'])).out.trim().split('\r\n');
    expect(csv).toHaveLength(4);
    // 900元 for 高级: 丙 and 丁 pass at 60 → 4 × 1000 + 500 + 2 × 900 = 6300 a month, 12600 for two.
    expect(csv[2]!.split(',').slice(0, 2)).toEqual(['900元', '12600.00']);
  });
  it('writes the same table as a workbook (the playground downloads it): the total cost a money number', async () => {
    const xlsx = join(dir, 'sweep.xlsx');
    expect((await run(['sweep', policy, '--data', dir, '--vary', 'tables.奖金表.rows.高级=800..1000:100', '--format', 'xlsx', '--out', xlsx, '--lang', 'zh'])).code).toBe(0);
    const wb = openWorkbook(readFileSync(xlsx));
    expect(wb.sheetNames).toEqual(['参数试算']);
    expect(wb.sheet('参数试算').rows[2]!.slice(0, 2)).toEqual(['900元', '12600']);
    expect(sheetFacts(readFileSync(xlsx)).cells.get('B3')).toEqual({ type: 'number', format: '#,##0.00', bold: false });
    expect((await run(['sweep', policy, '--data', dir, '--vary', 'tables.奖金表.rows.高级=800..1000:100', '--format', 'xlsx'])).code).toBe(2);
  });
  it('exits 2 on a path or values it cannot use, 1 on a policy with errors', async () => {
    expect((await run(['sweep', policy, '--data', dir, '--vary', 'values.nope=1,2'])).code).toBe(2);
    expect((await run(['sweep', policy, '--data', dir, '--vary', 'values.及格线=x'])).code).toBe(2);
    expect((await run(['sweep', policy, '--data', dir])).code).toBe(2);
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, POLICY.replace('绩效奖: if 达标', '绩效奖: if 达标了'));
    expect((await run(['sweep', broken, '--data', dir, '--vary', 'values.及格线=60,70'])).code).toBe(1);
  });
});

describe('pathAt', () => {
  it('names the scalar under a position as sweepTarget reads it', async () => {
    const { pathAt } = await import('../runtime/simulate/sweep.ts');
    const at = (needle: string, within = 0) => pathAt(POLICY, POLICY.indexOf(needle) + within);
    expect(at('60分', 1)).toBe('values.及格线');
    expect(at('"800元"', 2)).toBe('tables.奖金表.rows.高级');
    expect(at('max: 5%', 6)).toBe('stars.quota[0].max');
    expect(at('底薪: 1000', 5)).toBe('pay.底薪');
    // Every path it gives is one sweepTarget finds.
    for (const needle of ['60分', '"800元"', 'max: 5%']) expect(sweepTarget(POLICY, at(needle, needle.startsWith('max') ? 6 : 1)!)).not.toHaveProperty('problem');
    // A key, or a comment, is not a value.
    expect(at('policy:')).toBeUndefined();
    expect(at('# 一个公式')).toBeUndefined();
  });
});

describe('pathAt and sweepTarget on every bundled policy', () => {
  it('agree: at every number in a policy, the path pathAt names leads sweepTarget back to that number', async () => {
    const { readdirSync, readFileSync: read } = await import('node:fs');
    const { pathAt } = await import('../runtime/simulate/sweep.ts');
    const dir = join(import.meta.dirname, '../policies');
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => join(dir, f));
    let checked = 0;
    for (const file of files) {
      const text = read(file, 'utf8');
      // Every plain number standing as a whole YAML value: `key: 1200`, `key: 5%`, `- 3`.
      for (const m of text.matchAll(/(?<=:\s|-\s)(-?\d+(?:\.\d+)?)(?=%|元|分|个月|\s*(?:[,}\]]|$))/gm)) {
        const at = m.index! + 1;
        const path = pathAt(text, at);
        if (!path) continue;
        const t = sweepTarget(text, path);
        if ('problem' in t) continue;
        // The number found is the one under the cursor.
        expect([file, path, t.start <= at && at <= t.end]).toEqual([file, path, true]);
        checked++;
      }
      // Any offset at all: never throws.
      for (let k = 0; k < text.length; k += 97) expect(() => pathAt(text, k)).not.toThrow();
    }
    expect(checked).toBeGreaterThan(200);
  });
});
