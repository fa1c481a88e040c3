// Diff and compare on small populations whose figures are computed by hand.

import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { compile } from '../compiler/compile.ts';
import { policyChanges } from '../runtime/simulate/changes.ts';
import { distribution, quantile } from '../runtime/simulate/report.ts';

const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'ladder-sim-'));
const starPay = join(root, 'policies/examples/star-pay.yaml');
const demo = join(root, 'examples/demo');

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('quantiles', () => {
  it('are nearest-rank', () => {
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.1)).toBe(1);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5)).toBe(5);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(distribution([0, 0, 0, 13700, 26400])).toEqual({ min: 0, p10: 0, median: 0, p90: 26400, max: 26400 });
  });
});

describe('ladder diff', () => {
  const changed = join(dir, 'star-pay-1300.yaml');
  writeFileSync(changed, readFileSync(starPay, 'utf8').replace('3: 1200, 4: 1500', '3: 1300, 4: 1500'));
  it('names the one change and computes its effect on the same people', async () => {
    const r = await cli(['diff', starPay, changed, '--data', demo, '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { changes: { section: string; name: string; before: string; after: string }[]; total: { delta: number }; gain: number; lose: number; unchanged: number; largestGains: { employee: string; delta: number }[]; months: { month: string; before: number; after: number }[] };
    expect(report.changes).toEqual([expect.objectContaining({ section: 'tables', name: '星级绩效', before: '1200', after: '1300' })]);
    // Only the 3★ people gain 100元 × score%: E001 (85 + 91 + 88)% = 264元, E004 (65 + 72)% = 137元.
    expect(report.total.delta).toBe(40100);
    expect([report.gain, report.lose, report.unchanged]).toEqual([2, 0, 3]);
    expect(report.largestGains.map((p) => [p.employee, p.delta])).toEqual([['E001', 26400], ['E004', 13700]]);
    expect(report.months.map((m) => m.after - m.before)).toEqual([15000, 16300, 8800]);
  });
  it('writes one CSV line per person with the period totals', async () => {
    const r = await cli(['diff', starPay, changed, '--data', demo, '--format', 'csv']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\r\n');
    // A UTF-8 BOM first: Chinese Excel reads a CSV without one as GBK.
    expect(lines[0]).toBe('\uFEFFemployee,name,old,new,change');
    expect(lines).toContain('E001,张三,9568.00,9832.00,264.00');
  });
  it('says why one person moved: the pay line and the change behind it', async () => {
    const r = await cli(['diff', starPay, changed, '--data', demo, '--employee', 'E001', '--lang', 'en']);
    expect(r.out).toContain("Why E001's pay moved:");
    expect(r.out).toContain('绩效工资: 3168.00 → 3432.00 (+264.00)');
    expect(r.out).toContain("← 星级绩效 row '3★': 1200 → 1300");
  });
  it('reports new pay lines, quota and formula changes in HR terms', () => {
    const a = compile({ name: 'a.yaml', text: 'policy: { name: a }\ninputs:\n  score: number\nstars:\n  levels: [0, 5]\n  quota:\n    - { star: 5, max: 5%, rank_by: score }\npay:\n  绩效: 1000元 * score%\n' });
    const b = compile({ name: 'b.yaml', text: 'policy: { name: b }\ninputs:\n  score: number\nstars:\n  levels: [0, 5]\n  quota:\n    - { star: 5, max: 8%, rank_by: score }\npay:\n  绩效: 1100元 * score%\n  工龄补贴: 100元\n' });
    const changes = policyChanges(a.checked!, b.checked!);
    expect(changes.map((c) => c.en)).toEqual([
      "pay line '绩效': 1000元 * score% → 1100元 * score%",
      "new pay line '工龄补贴': 100元",
      "star '5★ quota': 5% by score → 8% by score",
    ]);
  });
});

describe('every seed policy against a copy with one changed number', () => {
  const files = readdirSync(join(root, 'policies'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml') && !f.endsWith('.template.yaml')).map((f) => join(root, 'policies', f));
  for (const path of files) {
    const text = readFileSync(path, 'utf8');
    const before = compile({ name: relative(root, path), text });
    const table = before.checked?.policy.tables.find((t) => t.rows.some((r) => r.value.kind === 'quantity'));
    if (!table) continue;
    it(relative(root, path), () => {
      const row = table.rows.find((r) => r.value.kind === 'quantity')!;
      const q = (row.value as { q: { value: number; span: { start: number; end: number }; text: string } }).q;
      const changedText = text.slice(0, q.span.start) + String(q.value + 1) + text.slice(q.span.end);
      const after = compile({ name: relative(root, path), text: changedText });
      expect(after.ok).toBe(true);
      const changes = policyChanges(before.checked!, after.checked!);
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({ section: 'tables', name: table.name, what: 'changed', after: String(q.value + 1) });
    });
  }
});

describe('ladder compare', () => {
  it('puts schemes side by side and refuses to invent missing inputs', async () => {
    const r = await cli(['compare', starPay, join(root, 'policies/scheme-d-points.yaml'), '--data', demo, '--format', 'json']);
    expect(r.code).toBe(0);
    const { schemes } = JSON.parse(r.out) as { schemes: { totalCost: number; personMonths: number; median: number; p10: number; p90: number; missing: string[]; byTier: Record<string, number>; dismissalShare: number | null }[] };
    // The demo's 14 person-months total 48414.00 (see README); the median of the 14 totals is the 7th: 3220.00.
    expect(schemes[0]).toMatchObject({ personMonths: 14, totalCost: 4841400, median: 322000, p10: 258000, p90: 456400, missing: [] });
    expect(schemes[0]!.byTier['中级']).toBe(318933); // (3220 + 3092 + 3256) / 3
    expect(schemes[1]!.personMonths).toBe(0);
    expect(schemes[1]!.missing).toEqual(['岗位']);
    // The star-pay example has no dismissal flag: its share is not applicable (null in JSON, — in the table), not 0%.
    expect(schemes[0]!.dismissalShare).toBeNull();
    const table = await cli(['compare', starPay, '--data', demo, '--lang', 'en']);
    expect(table.out.split('\n').find((l) => l.startsWith('dismissal share'))!.trim().split(/\s{2,}/)).toEqual(['dismissal share', '—']);
  });
  it('gives the share of people flagged for dismissal where a scheme has such a flag', async () => {
    const r = await cli(['compare', join(root, 'policies/scheme-c-star-rating.yaml'), '--data', join(root, 'examples/sample'), '--format', 'json']);
    const [c] = (JSON.parse(r.out) as { schemes: { dismissalShare: number }[] }).schemes;
    expect(c!.dismissalShare).toBeGreaterThanOrEqual(0);
    expect(c!.dismissalShare).toBeLessThan(1);
  });
});

describe('HTML reports', () => {
  const changed = join(dir, 'star-pay-html.yaml');
  writeFileSync(changed, readFileSync(starPay, 'utf8').replace('3: 1200, 4: 1500', '3: 1300, 4: 1500').replace('name: 示例：客服代表星级绩效', 'name: "<script>alert(1)</script>"'));
  it('diff writes one self-contained file whose charts have marks', async () => {
    const out = join(dir, 'diff.html');
    const r = await cli(['diff', starPay, changed, '--data', demo, '--format', 'html', '--out', out]);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)=["']?https?:/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // Three charts: payroll by month, the change histogram, old against new (one point per person).
    expect((html.match(/<svg /g) ?? []).length).toBe(3);
    expect((html.match(/<circle /g) ?? []).length).toBe(5);
    const heights = [...html.matchAll(/<rect [^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(heights.length).toBeGreaterThan(6);
    expect(Math.max(...heights)).toBeGreaterThan(10);
  });
  it('compare writes the side-by-side table and bar charts', async () => {
    const out = join(dir, 'compare.html');
    const r = await cli(['compare', starPay, changed, '--data', demo, '--format', 'html', '--out', out]);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('48414.00');
    expect(html).toContain('48815.00');
    expect((html.match(/<svg /g) ?? []).length).toBe(2);
  });
  it('diff and compare write xlsx workbooks with the same figures', async () => {
    const { default: readXlsxFile } = await import('read-excel-file/node');
    const diffOut = join(dir, 'diff.xlsx');
    expect((await cli(['diff', starPay, changed, '--data', demo, '--format', 'xlsx', '--out', diffOut, '--lang', 'en'])).code).toBe(0);
    const sheets = await readXlsxFile(readFileSync(diffOut));
    expect(sheets.map((x) => x.sheet)).toEqual(['changes', 'payroll', 'people']);
    const payroll = sheets.find((x) => x.sheet === 'payroll')!.data;
    expect(payroll[1]).toEqual(['2026-01', 17091, 17241, 150]);
    const cmpOut = join(dir, 'compare.xlsx');
    expect((await cli(['compare', starPay, changed, '--data', demo, '--format', 'xlsx', '--out', cmpOut, '--lang', 'zh'])).code).toBe(0);
    const [cmpSheet] = await readXlsxFile(readFileSync(cmpOut));
    // Chinese sheet names with --lang zh, and amounts as numbers (formatted #,##0.00 in the workbook).
    expect(cmpSheet!.sheet).toBe('方案对比');
    expect(cmpSheet!.data.find((r) => String(r[0]) === '总成本')!.slice(1)).toEqual([48414, 48815]);
  });
  it('refuses html without --out', async () => {
    expect((await cli(['compare', starPay, '--data', demo, '--format', 'html'])).code).toBe(2);
  });
});

describe('the effect of one changed number in each seed scheme, on the sample population', () => {
  const seeds = ['scheme-a-tier-ladder', 'scheme-b-dual-track', 'scheme-c-star-rating', 'scheme-d-points', 'scheme-e-tenure-tiers'];
  for (const seed of seeds) {
    it(seed, async () => {
      const { readDataSources } = await import('../cli/data-files.ts');
      const { loadTables } = await import('../runtime/data/load.ts');
      const { dataRequirements } = await import('../runtime/data/requirements.ts');
      const { toPopulation } = await import('../runtime/data/to-population.ts');
      const { run } = await import('../runtime/run.ts');
      const { diffRuns, whyPersonMoved } = await import('../runtime/simulate/report.ts');
      const path = join(root, 'policies', `${seed}.yaml`);
      const text = readFileSync(path, 'utf8');
      const before = compile({ name: `${seed}.yaml`, text });
      // Raise the first row of the first table by 100 (元); a scheme without tables (D) gets one more bonus point.
      const p = before.checked!.policy;
      const table = p.tables.find((t) => t.rows.some((r) => r.value.kind === 'quantity'));
      const amount = table
        ? table.rows.find((r) => r.value.kind === 'quantity')!.value
        : p.adjustments.find((t) => t.sign === 'bonus')!.items.find((i) => i.points?.kind === 'quantity')!.points!;
      const q = (amount as { q: { value: number; span: { start: number; end: number } } }).q;
      const after = compile({ name: `${seed}.yaml`, text: text.slice(0, q.span.start) + String(q.value + (table ? 100 : 1)) + text.slice(q.span.end) });
      const { sources } = await readDataSources(join(root, 'examples/sample'));
      const ran = (c: typeof before) => {
        const loaded = loadTables(sources, dataRequirements(c));
        expect(loaded.problems).toEqual([]);
        const population = toPopulation(c.ruleSet!, loaded.data);
        return { ruleSet: c.ruleSet!, population, result: run(c.ruleSet!, population), checked: c.checked! };
      };
      const a = ran(before);
      const b = ran(after);
      const changes = policyChanges(a.checked, b.checked);
      expect(changes).toHaveLength(1);
      const report = diffRuns(changes, a, b);
      // Pay only rises (a table amount went up), and everyone whose pay moved is explained by that one change.
      expect(report.lose).toBe(0);
      expect(report.total.delta).toBe(report.people.reduce((s, p) => s + p.delta, 0));
      for (const p of report.people.filter((x) => x.delta !== 0).slice(0, 20)) {
        const why = whyPersonMoved(p.employee, changes, a, b);
        expect(why.filter((l) => l.delta !== 0).every((l) => l.because.length === 1)).toBe(true);
        expect(why.reduce((s, l) => s + l.delta, 0)).toBe(p.delta);
      }
    });
  }
});
