// How `ladder` reads its arguments (issue 17): no option is silently ignored; each usage mistake is exit 2 and one line
// naming the option and the closest known one or the values allowed; per-command help; --version.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { COMMANDS } from '../cli/commands/index.ts';

async function ladder(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const root = join(import.meta.dirname, '..');
const policy = join(root, 'policies/examples/star-pay.yaml');
const data = join(root, 'examples/demo');
const dir = mkdtempSync(join(tmpdir(), 'ladder-args-'));

describe('usage mistakes: exit 2, one line, nothing computed', () => {
  it.each([
    [['run', policy, '--data', data, '--form=2026-03'], "ladder run: unknown option '--form'; did you mean '--from'? (ladder run --help lists the options)"],
    [['run', policy, '--data', data, '--fromat', 'csv'], "ladder run: unknown option '--fromat'; did you mean '--format'? (ladder run --help lists the options)"],
    [['run', policy, '--data', data, '-o', 'x.csv'], "ladder run: unknown option '-o'; did you mean '--out'? (ladder run --help lists the options)"],
    [['quota', policy, '--data', data, '--mnoth', '2026-01'], "ladder quota: unknown option '--mnoth'; did you mean '--month'? (ladder quota --help lists the options)"],
    [['check', policy, '--frobnicate'], "ladder check: unknown option '--frobnicate' (ladder check --help lists the options)"],
    [['payslip', policy, '--data', data, '--month', '2026-01', '--format', 'pdf'], "ladder payslip: --format cannot be 'pdf'; use text, html, json or xlsx"],
    [['run', policy, '--data', data, '--format', 'pdf'], "ladder run: --format cannot be 'pdf'; use table, csv, json or xlsx"],
    [['run', policy, '--data', data, '--from', '2026-3'], "ladder run: --from '2026-3' is not a month: write YYYY-MM, e.g. 2026-03"],
    [['run', policy], 'ladder run: --data <folder|.xlsx|.json> is required'],
    [['explain', policy, '--data', data, '--month', '2026-01'], 'ladder explain: --employee <ID> is required'],
    [['run', policy, '--data'], "ladder run: option --data needs a value (--data <folder|.xlsx|.json>; a value starting with '-' is written --data=VALUE)"],
    [['run', policy, '--data', data, '--out', '--format', 'csv'], "ladder run: option --out needs a value (--out <FILE>; a value starting with '-' is written --out=VALUE)"],
    [['run', policy, policy, '--data', data], `ladder run: takes one policy file, got 2: ${policy} ${policy}`],
    [['run', '--data', data], 'ladder run: missing policy file'],
    [['schema', 'extra.yaml'], 'ladder schema: takes no file arguments (got: extra.yaml); options are written --name value'],
    [['diff', policy, policy, '--data', data, '--format', 'html'], 'ladder diff: --format html writes a file: give --out FILE'],
    [['sweep', policy, '--data', data, '--vary', 'values.x'], "ladder sweep: --vary is written <path>=<values>, e.g. --vary 'stars.quota[0].max=3%..8%:1%'"],
    [['sweep', policy, '--data', data, '--vary', 'values.x=1,2', '--budget', 'lots'], "ladder sweep: --budget 'lots' is not an amount in yuan, e.g. --budget 50000"],
    [['chek', policy], "ladder: unknown command 'chek'; did you mean 'check'? (ladder --help lists the commands)"],
  ])('%j', async (argv, said) => {
    const r = await ladder(...argv, '--lang', 'en');
    expect(r).toEqual({ code: 2, out: '', err: said });
  });

  it('says it in Chinese with --lang zh (or a Chinese locale)', async () => {
    expect(await ladder('run', policy, '--data', data, '--form=2026-03', '--lang', 'zh'))
      .toEqual({ code: 2, out: '', err: 'ladder run：未知选项“--form”，是否想写“--from”？（ladder run --help 列出全部选项）' });
    expect((await ladder('payslip', policy, '--data', data, '--month', '2026-01', '--format', 'xlsx', '--lang', 'zh')).err)
      .toBe('ladder payslip：--format xlsx 写入文件，请给出 --out <文件>');
    expect((await ladder('quota', policy, '--data', data, '--month', '2026-4', '--lang', 'zh')).err)
      .toBe('ladder quota：--month “2026-4”不是月份：月份写作 YYYY-MM，如 2026-03');
    expect((await ladder('explain', policy, '--data', data, '--month', '2026-01', '--lang', 'zh')).err).toBe('ladder explain：缺少 --employee <工号>');
  });

  it('every command refuses an option it does not have, naming it', async () => {
    for (const c of COMMANDS) {
      const r = await ladder(c.name, '--bogus-option', '--lang', 'en');
      expect(r.code, c.name).toBe(2);
      expect(r.err, c.name).toMatch(new RegExp(`^ladder ${c.name}: unknown option '--bogus-option'`));
    }
  });

  it('answers --help even when other arguments are wrong', async () => {
    const r = await ladder('run', '--form=2026-03', '--help', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^usage: ladder run /);
  });
});

describe('options are read as before', () => {
  it('takes --key value and --key=value alike, options before or after the policy, and --lang before the command', async () => {
    const a = await ladder('run', policy, '--data', data, '--format', 'json', '--from', '2026-02', '--to', '2026-02');
    const b = await ladder('run', '--data=' + data, '--format=json', policy, '--from=2026-02', '--to=2026-02');
    const c = await ladder('--lang', 'en', 'run', policy, '--data', data, '--format', 'json', '--from', '2026-02', '--to', '2026-02');
    expect(a.code).toBe(0);
    expect(JSON.parse(a.out).rows).toHaveLength(5);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });
  it('writes diff --format json to --out when given (it was printed, the file ignored)', async () => {
    const out = join(dir, 'diff.json');
    const r = await ladder('diff', policy, policy, '--data', data, '--format', 'json', '--out', out);
    expect(r).toMatchObject({ code: 0, out: '' });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ gain: 0, lose: 0 });
  });
});

describe('help and version', () => {
  it('ladder run --help shows the synopsis, what it does and every option, in English and Chinese', async () => {
    const en = await ladder('run', '--help', '--lang', 'en');
    expect(en.code).toBe(0);
    expect(en.err).toBe('');
    expect(en.out.split('\n')[0]).toBe('usage: ladder run <policy file> --data <folder|.xlsx|.json> [--from YYYY-MM] [--to YYYY-MM] [--format table|csv|json|xlsx] [--out <FILE>]');
    expect(en.out).toContain("then compute\n  each person's month");
    expect(en.out).toMatch(/^ {2}--format table\|csv\|json\|xlsx +output format \(default table\)$/m);
    expect(en.out).toMatch(/^ {2}--data <folder\|\.xlsx\|\.json> +the data: .* \(required\)$/m);
    expect(en.out).toMatch(/^ {2}-h, --help +show this help$/m);
    const zh = await ladder('run', '-h', '--lang', 'zh');
    expect(zh.code).toBe(0);
    expect(zh.out.split('\n')[0]).toBe('用法：ladder run <策略文件> --data <目录|.xlsx|.json> [--from YYYY-MM] [--to YYYY-MM] [--format table|csv|json|xlsx] [--out <文件>]');
    expect(zh.out).toContain('按月计算每人的职级、星级、得分');
    expect(zh.out).toMatch(/^ {2}--format table\|csv\|json\|xlsx +输出格式（默认 table）$/m);
    // The descriptions line up although Chinese characters take two columns.
    const starts = zh.out.split('\n').filter((l) => /^ {2}-/.test(l)).map((l) => /^( {2}\S.*?\S {2,})\S/.exec(l.replace(/[^\x20-\x7e]/g, 'xx'))![1]!.length);
    expect(new Set(starts).size).toBe(1);
  });
  it('every command has help in both languages that lists each of its options', async () => {
    for (const c of COMMANDS) {
      for (const lang of ['en', 'zh']) {
        const r = await ladder(c.name, '--help', '--lang', lang);
        expect(r.code, `${c.name} ${lang}`).toBe(0);
        expect(r.out).toContain(`ladder ${c.name}`);
        for (const o of c.options) expect(r.out, `${c.name} --${o.name}`).toContain(`--${o.name}`);
      }
    }
    expect((await ladder('help', 'gen', '--lang', 'en')).out).toContain('--policy <file|folder>');
  });
  it('ladder --help lists the commands (exit 0); no command at all is exit 2 with the same list', async () => {
    const r = await ladder('--help', '--lang', 'en');
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.out).toMatch(new RegExp(`^ {2}${c.name} +${c.summary.en.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    const none = await ladder('--lang', 'en');
    expect(none).toEqual({ code: 2, out: '', err: r.out });
  });
  it("ladder --version prints package.json's version", async () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(await ladder('--version')).toEqual({ code: 0, out: version, err: '' });
  });
});

describe('ladder schema for editors', () => {
  it('writes the schema whole to --out; a file it cannot write is exit 2 in one line', async () => {
    const out = join(dir, 'policy.json');
    expect(await ladder('schema', '--out', out)).toEqual({ code: 0, out: '', err: '' });
    expect(readFileSync(out, 'utf8')).toBe((await ladder('schema')).out + '\n');
    const missing = join(dir, 'no-such-folder', 'policy.json');
    expect(await ladder('schema', '--out', missing, '--lang', 'en')).toEqual({ code: 2, out: '', err: `cannot write ${missing}: ENOENT` });
  });
  it('has a stable id, and schema/policy.json in the repository is what ladder schema prints', async () => {
    const printed = (await ladder('schema')).out + '\n';
    expect(JSON.parse(printed).$id).toBe('https://ladder.dev/schema/policy.json');
    // When the schema changes, rewrite the file: npx ladder schema --out schema/policy.json
    expect(readFileSync(join(root, 'schema/policy.json'), 'utf8')).toBe(printed);
  });
  it('every bundled policy names that file on its first line, for the YAML language server', async () => {
    const { readdirSync, statSync } = await import('node:fs');
    const { dirname, relative } = await import('node:path');
    const files: string[] = [];
    const walk = (d: string) => { for (const n of readdirSync(d)) { const f = join(d, n); if (statSync(f).isDirectory()) walk(f); else if (/\.ya?ml$/.test(n)) files.push(f); } };
    walk(join(root, 'policies'));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const first = readFileSync(f, 'utf8').split('\n')[0];
      expect(first, f).toBe(`# yaml-language-server: $schema=${relative(dirname(f), join(root, 'schema/policy.json'))}`);
    }
  });
});
