import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'ladder-cli-'));
const bad = join(dir, 'bad.yaml');
writeFileSync(bad, 'policy:\n  name: 坏\ninputs:\n  满意度: percent\nflags:\n  提醒: { when: 满意读 < 95% }\n');

describe('ladder check', () => {
  it('prints file:line:col, severity, code, message, the line and a caret under the span; exits 1', async () => {
    const r = await run(['check', bad, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${bad}:6:15 error L030 unknown name '满意读'`);
    expect(r.out).toContain("6 |   提醒: { when: 满意读 < 95% }");
    // The caret sits under 满意读: two columns per Chinese character.
    expect(r.out).toContain("  |                 ^^^^^^");
    expect(r.out).toContain("help: did you mean '满意度'?");
    expect(r.out).toContain('1 file(s): 1 error(s), 0 warning(s)');
  });
  it('speaks Chinese with --lang zh', async () => {
    const r = await run(['check', bad, '--lang', 'zh']);
    expect(r.out).toContain('错误 L030 未知的名称“满意读”');
    expect(r.out).toContain('是否想写“满意度”？');
  });
  it('emits JSON diagnostics with --format json', async () => {
    const r = await run(['check', bad, '--format', 'json', '--lang', 'en']);
    const json = JSON.parse(r.out) as { diagnostics: { code: string; line: number; column: number; suggestion: string }[] };
    expect(json.diagnostics).toEqual([expect.objectContaining({ code: 'L030', line: 6, column: 15, suggestion: '满意度' })]);
  });
  it('exits 0 on a clean policy and checks a folder', async () => {
    const r = await run(['check', join(import.meta.dirname, '../policies')]);
    expect(r.code).toBe(0);
  });
  it('exits 2 on a missing file and on usage errors', async () => {
    expect((await run(['check', join(dir, 'nope.yaml')])).code).toBe(2);
    expect((await run(['check'])).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['check', bad, '--lang', 'fr'])).code).toBe(2);
  });
});

describe('ladder schema and test', () => {
  it('prints the JSON Schema', async () => {
    const r = await run(['schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ title: 'Ladder policy', required: ['policy'] });
  });
  it('runs policy tests and reports differing values with their line', async () => {
    const p = join(dir, 'pay.yaml');
    writeFileSync(p, 'policy:\n  name: t\ninputs:\n  score: number\npay:\n  绩效: 1200元 * score%\ntests:\n  - name: 对\n    inputs: { score: 85 }\n    expect: { total: 1020 }\n  - name: 错\n    inputs: { score: 85 }\n    expect:\n      pay: { 绩效: 1000 }\n');
    const r = await run(['test', p, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✓');
    expect(r.out).toContain('绩效: expected 1000.00, got 1020.00 (line 14)');
    expect(r.out).toContain('1 passed, 1 failed, 0 skipped');
  });
});

describe('ladder run and explain on the demo data', () => {
  const policy = join(import.meta.dirname, '../policies/examples/star-pay.yaml');
  const data = join(import.meta.dirname, '../examples/demo');
  it('prints {"rows": […]} with money as two-place decimal strings', async () => {
    const r = await run(['run', policy, '--data', data, '--format', 'json', '--from', '2026-01', '--to', '2026-01']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { rows: { employee: string; month: string; star: number; pay: { total: string; lines: { name: string; amount: string }[] } }[] };
    expect(json.rows).toHaveLength(5);
    // 2000 + 1200 × 85% + 200 (C1–C3 worked example)
    expect(json.rows[0]).toMatchObject({ employee: 'E001', month: '2026-01', star: 3, pay: { total: '3220.00', lines: [{ name: '岗位工资', amount: '2000.00' }, { name: '绩效工资', amount: '1020.00' }, { name: '全勤奖', amount: '200.00' }] } });
  });
  it('writes an output file whole, and csv has one line per person-month', async () => {
    const out = join(dir, 'out.csv');
    const r = await run(['run', policy, '--data', data, '--format', 'csv', '--out', out]);
    expect(r.code).toBe(0);
    const lines = (await import('node:fs')).readFileSync(out, 'utf8').trim().split('\r\n');
    expect(lines).toHaveLength(1 + 14);
    expect(lines[1]).toContain('3220.00');
  });
  it('stops on bad data with every problem and exit 1', async () => {
    const bad = join(dir, 'baddata');
    (await import('node:fs')).mkdirSync(bad, { recursive: true });
    writeFileSync(join(bad, 'employees.csv'), '工号,入职日期,岗位工资\nE1,2026-13-01,abc\n');
    writeFileSync(join(bad, 'monthly.csv'), '工号,月份,考核分\nE2,2026-01,85\n');
    const r = await run(['run', policy, '--data', bad, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('nothing was computed');
    expect(r.err.split('\n').filter((l) => /D0\d\d/.test(l)).length).toBeGreaterThanOrEqual(3);
  });
  it('explains a month line by line with the rule lines and the values read', async () => {
    const r = await run(['explain', policy, '--data', data, '--employee', 'E001', '--month', '2026-02']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('E001 张三 2026-02 应发合计 total = 3092.00');
    expect(r.out).toMatch(/绩效工资 = 1092\.00 {2}\(.*star-pay\.yaml:\d+\) {2}← 星级绩效\[star\] \* score%/);
    expect(r.out).toContain('星级绩效[3] = 1200');
    expect(r.out).toContain('late = 1');
    // The arithmetic worked out with the values read, and inputs by the label HR wrote beside their name.
    expect(r.out).toContain('← 星级绩效[star] * score%  ＝ 星级绩效[3] 1200 × score 91% = 1092');
    expect(r.out).toContain('迟到次数 late = 1');
  });
  it("explains only the branch a month took, with the person's state and literal table keys read as values", async () => {
    const r = await run(['explain', join(import.meta.dirname, '../policies/scheme-c-star-rating.yaml'), '--data', join(import.meta.dirname, '../policies/data/scheme-c'), '--employee', 'R01', '--month', '2026-06']);
    expect(r.code).toBe(0);
    const perf = r.out.slice(r.out.indexOf('├─ 绩效工资'), r.out.indexOf('├─ 五星奖'));
    // R01 is regular in June: the probation branch (星级绩效[3星] × 90% × 计薪分%) is not shown; the 3★ amount × score is.
    expect(perf).toContain('probation 试用期 = 否 false');
    expect(perf).not.toContain('计薪分 =');
    expect(perf).toContain('星级绩效[3] = 1200');
    expect(perf).toContain('score = 92');
    expect(perf).not.toContain('= —');
    // A name read twice by one formula is listed once.
    expect(perf.match(/score = 92/g)).toHaveLength(1);
    // Why 3★: the April rating moved R01 from 2★ to 3★, at the stars section's line.
    expect(perf).toMatch(/star 星级 = 3\n.*评定\/调整 rated 2026-04 = 2 → 3 {2}\(.*scheme-c-star-rating\.yaml:\d+\)/);
  });
});

describe('ladder quota', () => {
  const qdir = join(dir, 'quota');
  mkdirSync(qdir, { recursive: true });
  const policy = join(qdir, 'quota.yaml');
  writeFileSync(policy, [
    'policy: { name: 名额 }',
    'inputs:',
    '  score: number',
    'stars:',
    '  levels: [0, 5]',
    // Until the first rating everyone is 0★: without it, Q1's 星级奖 has no star to read and the run refuses.
    '  initial: 0',
    '  evaluate: quarter',
    '  thresholds:',
    '    keys: { 季均分: "avg(score, 上季度)" }',
    '    rows: { 1: { 季均分: 60 }, 3: { 季均分: 80 }, 5: { 季均分: 95 } }',
    '  quota:',
    '    - { star: 5, max: 2, rank_by: "avg(score, 上季度)", label: 五星限两人 }',
    'tables:',
    '  星级奖表: { by: star, unit: money, rows: { 0: 0, 1: 100, 2: 200, 3: 300, 4: 400, 5: 500 } }',
    'pay:',
    '  星级奖: 星级奖表[star]',
  ].join('\n') + '\n');
  const scores: [string, string, number][] = [['E1', '甲', 99], ['E2', '乙', 98], ['E3', '丙', 97], ['E4', '丁', 96], ['E5', '戊', 80], ['E6', '己', 70]];
  writeFileSync(join(qdir, 'employees.csv'), '工号,姓名,组别,入职日期\n' + scores.map(([id, name]) => `${id},${name},一组,2025-01-01`).join('\n') + '\n');
  writeFileSync(join(qdir, 'monthly.csv'), '工号,月份,考核分\n' + ['2026-01', '2026-02', '2026-03', '2026-04'].flatMap((m) => scores.map(([id, , s]) => `${id},${m},${s}`)).join('\n') + '\n');

  it('says what the quota did at each rating and lists who it held back, with place and rank key', async () => {
    const r = await run(['quota', policy, '--data', qdir, '--lang', 'zh']);
    expect(r.code).toBe(0);
    // Four reach 5★ on Q1 (99, 98, 97, 96); two places: 丙 and 丁 are third and fourth, kept at 4★.
    expect(r.out).toContain('2026-04 五星限两人：计入 6 人，名额 2 个，达到 5★ 4 人，保留 2 人，降为 4★ 2 人');
    const lines = r.out.split('\n');
    expect(lines.find((l) => l.includes('E3'))!.split(/\s+/)).toEqual(['2026-04', '五星限两人', '6', '2', '4', 'E3', '丙', '一组', '3', '97', '4']);
    expect(lines.find((l) => l.includes('E4'))!.split(/\s+/)).toEqual(['2026-04', '五星限两人', '6', '2', '4', 'E4', '丁', '一组', '4', '96', '4']);
  });
  it('gives the same as JSON and CSV, and agrees with the stars the run pays', async () => {
    const json = JSON.parse((await run(['quota', policy, '--data', qdir, '--format', 'json'])).out) as { quotas: { month: string; places: number; reached: number; kept: number; heldBack: { id: string; place: number; key: number }[] }[] };
    expect(json.quotas).toEqual([{ month: '2026-04', quota: '五星限两人', star: 5, max: '2', counted: 6, places: 2, reached: 4, kept: 2,
      heldBack: [{ id: 'E3', name: '丙', team: '一组', place: 3, key: 97 }, { id: 'E4', name: '丁', team: '一组', place: 4, key: 96 }] }]);
    const csv = (await run(['quota', policy, '--data', qdir, '--format', 'csv'])).out.trim().split('\r\n');
    expect(csv).toHaveLength(3);
    expect(csv[1]).toBe('2026-04,五星限两人,6,2,4,E3,丙,一组,3,97,4');
    const rows = JSON.parse((await run(['run', policy, '--data', qdir, '--format', 'json', '--from', '2026-04'])).out) as { rows: { employee: string; star: number }[] };
    expect(rows.rows.map((x) => `${x.employee}${x.star}`)).toEqual(['E15', 'E25', 'E34', 'E44', 'E53', 'E61']);
  });
  it('explains a held-back star with the same place', async () => {
    const r = await run(['explain', policy, '--data', qdir, '--employee', 'E3', '--month', '2026-04', '--lang', 'zh']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('第 3 名，名额 2 个（4 人达到，6 人计入）');
  });
  it('refuses a policy without a quota (exit 1) and bad options (exit 2)', async () => {
    const noQuota = join(qdir, 'none.yaml');
    writeFileSync(noQuota, 'policy: { name: 无 }\ninputs:\n  score: number\npay:\n  底薪: 1000\n');
    expect((await run(['quota', noQuota, '--data', qdir])).code).toBe(1);
    expect((await run(['quota', policy, '--data', qdir, '--format', 'xml'])).code).toBe(2);
    expect((await run(['quota', policy, '--data', qdir, '--month', '2026-4'])).code).toBe(2);
    // A file that cannot be written: exit 2, said in one line, nothing half-written.
    const unwritable = await run(['quota', policy, '--data', qdir, '--out', join(qdir, 'no-such-folder', 'q.csv'), '--format', 'csv', '--lang', 'en']);
    expect(unwritable.code).toBe(2);
    expect(unwritable.err).toMatch(/^cannot write .*q\.csv: ENOENT$/);
  });
});

describe('the ladder command (bin/ladder.js)', () => {
  it('runs the CLI from a bundle of the sources kept in node_modules/.cache, with its exit code and bundled policies', async () => {
    const { execFileSync, spawnSync } = await import('node:child_process');
    const { readdirSync } = await import('node:fs');
    const root = join(import.meta.dirname, '..');
    const bin = join(root, 'bin/ladder.js');
    const checked = spawnSync(process.execPath, [bin, 'check', bad, '--lang', 'en'], { encoding: 'utf8' });
    expect(checked.status).toBe(1);
    expect(checked.stdout).toContain("help: did you mean '满意度'?");
    expect(readdirSync(join(root, 'node_modules/.cache/ladder-cli')).filter((f) => /^cli-[0-9a-f]{16}\.mjs$/.test(f))).toHaveLength(1);
    // `gen` without --policy finds the bundled policies next to the sources, not next to the bundle.
    const out = mkdtempSync(join(tmpdir(), 'ladder-bin-'));
    const said = execFileSync(process.execPath, [bin, 'gen', '--people', '3', '--months', '1', '--out', out], { encoding: 'utf8' });
    expect(said).toMatch(/violations for \d+ policies/);
    expect(readdirSync(join(out, 'violations')).length).toBeGreaterThan(3);
  }, 60_000);
});
