// I/O honesty (issue 20): every failure to write output — standard output included — is said in one line (Chinese or
// English, no stack) with exit code 2; `--out` files are written whole or not at all, through one writer; a write
// killed midway leaves only a file named as incomplete, which the next write to the same target removes.

import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { incompleteName, removeStaleIncomplete, writeWhole } from '../../cli/write-whole.ts';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/ladder.js');
const policy = join(root, 'policies/examples/star-pay.yaml');
const data = join(root, 'examples/demo');
const hasDevFull = existsSync('/dev/full') && statSync('/dev/full').isCharacterDevice();

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A folder with `full`, a symbolic link to /dev/full: writing to it fails with ENOSPC, and a writer that renamed over
 * it would replace the link, never the device. */
function fullDiskTarget(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ladder-full-'));
  const target = join(dir, name);
  symlinkSync('/dev/full', target);
  return target;
}

describe.skipIf(!hasDevFull)('standard output on a full disk (ladder run … > payroll.csv)', () => {
  for (const [lang, said] of [['en', 'cannot write to standard output: ENOSPC'], ['zh', '无法写入标准输出：ENOSPC']] as const) {
    it(`is said in one line (${lang}) with exit code 2 (it exited 0 silently)`, () => {
      const full = openSync('/dev/full', 'w');
      try {
        const r = spawnSync(process.execPath, [bin, 'run', policy, '--data', data, '--format', 'csv', '--lang', lang], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
        expect(r.stderr).toBe(`${said}\n`);
        expect(r.status).toBe(2);
      } finally {
        closeSync(full);
      }
    }, 60_000);
  }
});

describe('--out to a missing folder or a full disk: one line, exit code 2, through the same writer for every command', () => {
  const missing = join(mkdtempSync(join(tmpdir(), 'ladder-out-')), 'no-such-folder');
  const cases: [string, string[]][] = [
    ['diff html', ['diff', policy, policy, '--data', data, '--format', 'html']],
    ['diff csv', ['diff', policy, policy, '--data', data, '--format', 'csv']],
    ['diff xlsx', ['diff', policy, policy, '--data', data, '--format', 'xlsx']],
    ['compare html', ['compare', policy, '--data', data, '--format', 'html']],
    ['compare xlsx', ['compare', policy, '--data', data, '--format', 'xlsx']],
    ['run csv', ['run', policy, '--data', data, '--format', 'csv']],
    ['run xlsx', ['run', policy, '--data', data, '--format', 'xlsx']],
    ['payslip xlsx', ['payslip', policy, '--data', data, '--month', '2026-01', '--format', 'xlsx']],
  ];
  for (const [what, argv] of cases) {
    it(`${what} into a missing folder (it printed a stack and exited 1)`, async () => {
      const target = join(missing, 'report.out');
      const r = await run([...argv, '--out', target, '--lang', 'en']);
      expect(r.err).toBe(`cannot write ${target}: ENOENT`);
      expect(r.code).toBe(2);
    });
    it.skipIf(!hasDevFull)(`${what} onto a full disk`, async () => {
      const target = fullDiskTarget('report.out');
      const r = await run([...argv, '--out', target, '--lang', 'zh']);
      expect(r.err).toBe(`无法写入 ${target}：ENOSPC`);
      expect(r.code).toBe(2);
      // Nothing is left beside it, and /dev/full is still the device.
      expect(readdirSync(join(target, '..'))).toEqual(['report.out']);
      expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
    });
  }
  it('through bin/ladder.js: no stack trace', () => {
    const target = join(missing, 'diff.html');
    const r = spawnSync(process.execPath, [bin, 'diff', policy, policy, '--data', data, '--format', 'html', '--out', target, '--lang', 'en'], { encoding: 'utf8' });
    expect(r.stderr).toBe(`cannot write ${target}: ENOENT\n`);
    expect(r.status).toBe(2);
  }, 60_000);
});

describe('a whole file or nothing', () => {
  it('a write that fails midway leaves neither the target nor its incomplete file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ladder-whole-'));
    const target = join(dir, 'out.csv');
    await expect(writeWhole(target, (tmp) => { writeFileSync(tmp, 'half'); throw new Error('disk gone'); })).rejects.toThrow('disk gone');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a write killed with SIGKILL leaves only out.csv.incomplete-<pid>; the next run removes it and writes the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ladder-kill-'));
    const target = join(dir, 'out.csv');
    // A writer that has written a large part of its output and is still writing when it is killed.
    const script = join(dir, 'slow-writer.mts');
    writeFileSync(script, `import { appendFileSync } from 'node:fs';
import { writeWhole } from ${JSON.stringify(join(root, 'cli/write-whole.ts'))};
await writeWhole(${JSON.stringify(target)}, async (tmp) => {
  for (let i = 0; ; i++) {
    appendFileSync(tmp, 'E001,张三,2026-01,中级,3,2000.00,1020.00,200.00,3220.00,\\n'.repeat(20000));
    if (i === 5) process.stdout.write('writing\\n');
    await new Promise((r) => setTimeout(r, 10));
  }
});
`);
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => resolve());
      child.on('exit', (code) => reject(new Error(`the writer exited (${code}) before it was killed`)));
    });
    const left = incompleteName(target, child.pid);
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    expect(readdirSync(dir).sort()).toEqual(['out.csv.incomplete-' + child.pid, 'slow-writer.mts']);
    expect(statSync(left).size).toBeGreaterThan(1_000_000);
    // The next run to the same target.
    const r = spawnSync(process.execPath, [bin, 'run', policy, '--data', data, '--format', 'csv', '--out', target], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['out.csv', 'slow-writer.mts']);
    expect(readFileSync(target, 'utf8')).toMatch(/^\uFEFF工号 id,[^\n]*\r?\nE001,张三,2026-01,/);
  }, 60_000);

  it('an incomplete file of a process that still runs is left alone (it may be writing it now)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ladder-live-'));
    const target = join(dir, 'out.csv');
    writeFileSync(incompleteName(target, process.ppid), 'another ladder writing');
    writeFileSync(`${target}.tmp-999999999`, 'left by an earlier version');
    expect(removeStaleIncomplete(target)).toEqual([`${target}.tmp-999999999`]);
    expect(readdirSync(dir)).toEqual([`out.csv.incomplete-${process.ppid}`]);
  });
});
