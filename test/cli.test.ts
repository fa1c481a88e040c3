import { mkdtempSync, writeFileSync } from 'node:fs';
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
