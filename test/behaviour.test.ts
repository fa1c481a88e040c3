// Behaviour goldens: test/cases/behaviour/<feature>/<name>/ holds a small policy, its data and what `ladder run`
// must print — expected.csv, every value worked out by hand in the policy's comments — or, for a run that must stop,
// expected-errors.txt with the lines stderr must contain. Never rewritten by a flag: a hand-computed value changes
// only by hand.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';

const root = join(import.meta.dirname, 'cases/behaviour');
const EXPLAIN_GOLDEN = /^explain-(.+)-(\d{4}-\d{2})\.(zh|en)\.txt$/;
const cases = readdirSync(root).flatMap((feature) => readdirSync(join(root, feature)).map((name) => join(root, feature, name)));

async function ladder(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('behaviour goldens: hand-computed runs', () => {
  it('has a case for history, population, stars, moves, dated parameters and run problems', () => {
    expect(readdirSync(root).sort()).toEqual(expect.arrayContaining(['dated', 'history', 'moves', 'population', 'problems', 'stars']));
  });
  for (const dir of cases) {
    it(relative(root, dir), async () => {
      const r = await ladder(['run', join(dir, 'policy.yaml'), '--data', join(dir, 'data'), '--format', 'csv', '--lang', 'en']);
      const errors = join(dir, 'expected-errors.txt');
      if (existsSync(errors)) {
        expect(r.code).toBe(1);
        expect(r.out).toBe('');
        for (const line of readFileSync(errors, 'utf8').split('\n').filter(Boolean)) expect(r.err).toContain(line);
        return;
      }
      expect(r.code).toBe(0);
      // The CSV starts with a byte-order mark for Excel; the expectation is compared without it.
      expect(r.out.replace(/^\uFEFF/, '').trim()).toBe(readFileSync(join(dir, 'expected.csv'), 'utf8').replace(/^\uFEFF/, '').trim());
    });
    // explain-<id>-<YYYY-MM>.<zh|en>.txt: what `ladder explain` prints for that person-month in that language, with
    // the case's folder left out of the policy's path.
    for (const file of readdirSync(dir).filter((f) => EXPLAIN_GOLDEN.test(f))) {
      it(`${relative(root, dir)} ${file}`, async () => {
        const [, employee, month, lang] = EXPLAIN_GOLDEN.exec(file)!;
        const r = await ladder(['explain', join(dir, 'policy.yaml'), '--data', join(dir, 'data'), '--employee', employee!, '--month', month!, '--lang', lang!]);
        expect(r.code).toBe(0);
        expect(r.out.split(`${dir}/`).join('').trim()).toBe(readFileSync(join(dir, file), 'utf8').trim());
      });
    }
  }
});

describe('bundled examples run on their data', () => {
  // policies/examples/courier-station.yaml on examples/courier, by hand: 东站's January deliveries are 2310 + 1980 +
  // 1460 + 980 + 470 = 7200 and its pool 5 × 2000 = 10000元, so K01 gets 10000 × 2310 / 7200 = 3208.33; K01 is first
  // of five (rank share 20%) with no complaint: 300. Piece rate 2310 × 1.2 = 2772.00, level 4 → 1400.
  // Total 2772 + 1400 + 3208.33 + 300 = 7680.33.
  it('courier-station', async () => {
    const root = join(import.meta.dirname, '..');
    const r = await ladder(['run', join(root, 'policies/examples/courier-station.yaml'), '--data', join(root, 'examples/courier'), '--format', 'json', '--lang', 'en']);
    expect(r.code).toBe(0);
    const rows = (JSON.parse(r.out) as { rows: { employee: string; month: string; pay: { total: string; lines: { name: string; amount: string }[] } }[] }).rows;
    const k01 = rows.find((x) => x.employee === 'K01' && x.month === '2026-01')!;
    expect(k01.pay.total).toBe('7680.33');
    expect(k01.pay.lines.find((l) => l.name === '奖金池分配')!.amount).toBe('3208.33');
    expect(k01.pay.lines.find((l) => l.name === '星级派件员奖')!.amount).toBe('300.00');
  });
});

describe('run rows list what happened to the person', () => {
  // moves/streak-promotion: E1's streak reaches 3 in March, so E1 is 中级 from April — April's row lists the move
  // (issue 19: the events list held only flags and was empty when someone moved).
  it('a promotion is in the events of the month it takes effect', async () => {
    const dir = join(root, 'moves/streak-promotion');
    const r = await ladder(['run', join(dir, 'policy.yaml'), '--data', join(dir, 'data'), '--format', 'json', '--lang', 'en']);
    const rows = (JSON.parse(r.out) as { rows: { employee: string; month: string; events: { kind: string; name: string }[] }[] }).rows;
    expect(rows.find((x) => x.employee === 'E1' && x.month === '2026-04')!.events).toEqual([{ kind: 'promoted', name: '初级 → 中级' }]);
    expect(rows.filter((x) => x.events.length).map((x) => `${x.employee} ${x.month}`)).toEqual(['E1 2026-04']);
  });
});

describe('explain reads a table by number as the run does', () => {
  // tables/number-key: E2's level 5 is above the top row 3 (cap_at_top: the 3 row, 1200); E3's 4 complaints have no
  // row (otherwise -300元).
  it('a capped key shows the top row, a key without a row shows otherwise', async () => {
    const dir = join(root, 'tables/number-key');
    const at = async (employee: string) => (await ladder(['explain', join(dir, 'policy.yaml'), '--data', join(dir, 'data'), '--employee', employee, '--month', '2026-01', '--lang', 'en'])).out;
    expect(await at('E2')).toContain('单量奖[5] = 1200');
    expect(await at('E3')).toContain('投诉扣款表[4] = -300元 (otherwise)');
  });
});

describe('compare counts the grade column', () => {
  // outputs/named: E1 92 → 优秀, E2 85 and E3 70 → 合格 (outputs.grade names 绩效等级 of two bands of grades).
  it('person-months at each grade of outputs.grade', async () => {
    const dir = join(root, 'outputs/named');
    const r = await ladder(['compare', join(dir, 'policy.yaml'), '--data', join(dir, 'data'), '--format', 'json', '--lang', 'en']);
    expect(r.code).toBe(0);
    const schemes = (JSON.parse(r.out) as { schemes: { byGrade?: Record<string, number> }[] }).schemes;
    expect(schemes[0]!.byGrade).toEqual({ 优秀: 1, 合格: 2 });
  });
});
