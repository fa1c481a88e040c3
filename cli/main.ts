// The `ladder` command line: argument parsing and printing only. Exit codes: 0 ok, 1 user errors, 2 usage or I/O.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compile, type CompileResult } from '../compiler/compile.ts';
import type { Lang } from '../compiler/diagnostics/catalogue.ts';
import { messageFor, suggestionText } from '../compiler/diagnostics/diagnostic.ts';
import { renderDiagnostic } from '../compiler/diagnostics/render.ts';
import { policySchema } from '../compiler/schema/validate.ts';
import { positionOf } from '../compiler/source/source.ts';
import { runPolicyTests } from '../runtime/policy-tests.ts';

const VERSION = '0.1.0';

interface Io {
  out(text: string): void;
  err(text: string): void;
}

const processIo: Io = { out: (t) => process.stdout.write(t + '\n'), err: (t) => process.stderr.write(t + '\n') };

function defaultLang(): Lang {
  const loc = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  return /^zh/i.test(loc) ? 'zh' : 'en';
}

function usage(lang: Lang): string {
  return lang === 'zh'
    ? `用法：ladder <命令> [选项]
  check <策略文件…>        检查策略文件，报告全部问题（--format text|json）
  test <策略文件或目录…>   运行策略文件中的 tests: 示例
  schema                   输出策略文件的 JSON Schema（供编辑器使用）
选项：--lang zh|en（默认随系统语言）`
    : `usage: ladder <command> [options]
  check <policy…>            check policy files and report every problem (--format text|json)
  test <policy-or-folder…>   run the tests: examples written in policy files
  schema                     print the policy JSON Schema (for editors)
options: --lang zh|en (default from the locale)`;
}

interface Parsed {
  readonly command: string | undefined;
  readonly args: string[];
  readonly options: Map<string, string | true>;
}

function parseArgs(argv: readonly string[]): Parsed {
  const args: string[] = [];
  const options = new Map<string, string | true>();
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const [k, v] = a.slice(2).split('=', 2) as [string, string | undefined];
      if (v !== undefined) options.set(k, v);
      else if (['lang', 'format'].includes(k) && argv[i + 1] !== undefined) options.set(k, argv[++i]!);
      else options.set(k, true);
    } else if (a === '-h') options.set('help', true);
    else if (command === undefined) command = a;
    else args.push(a);
  }
  return { command, args, options };
}

function readPolicy(path: string, io: Io, lang: Lang): CompileResult | undefined {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    io.err(lang === 'zh' ? `无法读取文件 ${path}：${(e as NodeJS.ErrnoException).code ?? e}` : `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? e}`);
    return undefined;
  }
  return compile({ name: path, bytes });
}

function expandPolicies(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let isDir = false;
    try { isDir = statSync(p).isDirectory(); } catch { out.push(p); continue; }
    if (!isDir) { out.push(p); continue; }
    const walk = (dir: string) => {
      for (const name of readdirSync(dir).sort()) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.ya?ml$/.test(name) && !/\.template\.ya?ml$/.test(name)) out.push(full);
      }
    };
    walk(p);
  }
  return out;
}

function check(files: readonly string[], format: string, lang: Lang, io: Io): number {
  let errors = 0;
  let warnings = 0;
  let ioFailed = false;
  const json: unknown[] = [];
  for (const path of files) {
    const result = readPolicy(path, io, lang);
    if (!result) { ioFailed = true; continue; }
    const files = new Map([[result.file.name, result.file]]);
    for (const d of result.diagnostics) {
      if (d.severity === 'error') errors++; else warnings++;
      if (format === 'json') {
        const pos = positionOf(result.file, d.span.start);
        const end = positionOf(result.file, d.span.end);
        json.push({
          file: d.span.file, line: pos.line, column: pos.column, endLine: end.line, endColumn: end.column,
          severity: d.severity, code: d.code, message: messageFor(d, lang), suggestion: d.suggestion ?? null,
          hint: suggestionText(d, lang) ?? null,
        });
      } else {
        io.out(renderDiagnostic(d, files, { lang }) + '\n');
      }
    }
  }
  if (format === 'json') io.out(JSON.stringify({ diagnostics: json }, null, 2));
  else {
    const summary = lang === 'zh'
      ? `${files.length} 个文件：${errors} 个错误，${warnings} 个警告`
      : `${files.length} file(s): ${errors} error(s), ${warnings} warning(s)`;
    io.out(summary);
  }
  if (ioFailed) return 2;
  return errors ? 1 : 0;
}

function test(paths: readonly string[], lang: Lang, io: Io): number {
  const files = expandPolicies(paths);
  let failed = 0;
  let passed = 0;
  let skipped = 0;
  let ioFailed = false;
  for (const path of files) {
    const result = readPolicy(path, io, lang);
    if (!result) { ioFailed = true; continue; }
    if (!result.ok) {
      const files = new Map([[result.file.name, result.file]]);
      for (const d of result.diagnostics.filter((x) => x.severity === 'error')) io.out(renderDiagnostic(d, files, { lang }));
      failed++;
      continue;
    }
    for (const t of runPolicyTests(result)) {
      const at = positionOf(result.file, t.span.start);
      if (t.status === 'pass') { passed++; io.out(`✓ ${path}:${at.line} ${t.name}`); continue; }
      if (t.status === 'skip') { skipped++; io.out(`- ${path}:${at.line} ${t.name} (${lang === 'zh' ? '跳过：需要多月或全员数据' : 'skipped'}: ${t.reason})`); continue; }
      failed++;
      io.out(`✗ ${path}:${at.line} ${t.name}`);
      for (const d of t.differences) {
        const p = positionOf(result.file, d.span.start);
        io.out(lang === 'zh'
          ? `    ${d.what}：期望 ${d.expected}，实际 ${d.actual}（第 ${p.line} 行）`
          : `    ${d.what}: expected ${d.expected}, got ${d.actual} (line ${p.line})`);
      }
    }
  }
  io.out(lang === 'zh' ? `通过 ${passed}，失败 ${failed}，跳过 ${skipped}` : `${passed} passed, ${failed} failed, ${skipped} skipped`);
  if (ioFailed) return 2;
  return failed ? 1 : 0;
}

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const { command, args, options } = parseArgs(argv);
  const langOpt = options.get('lang');
  if (langOpt !== undefined && langOpt !== 'zh' && langOpt !== 'en') {
    io.err(`--lang must be zh or en`);
    return 2;
  }
  const lang: Lang = (langOpt as Lang | undefined) ?? defaultLang();
  if (options.has('version')) { io.out(VERSION); return 0; }
  if (options.has('help') || command === undefined || command === 'help') {
    (command === undefined && !options.has('help') ? io.err : io.out)(usage(lang));
    return command === undefined && !options.has('help') ? 2 : 0;
  }
  switch (command) {
    case 'check': {
      if (!args.length) { io.err(usage(lang)); return 2; }
      const format = String(options.get('format') ?? 'text');
      if (format !== 'text' && format !== 'json') { io.err('--format must be text or json'); return 2; }
      return check(expandPolicies(args), format, lang, io);
    }
    case 'test':
      if (!args.length) { io.err(usage(lang)); return 2; }
      return test(args, lang, io);
    case 'schema':
      io.out(JSON.stringify(policySchema, null, 2));
      return 0;
    default:
      io.err((lang === 'zh' ? `未知命令“${command}”\n` : `unknown command '${command}'\n`) + usage(lang));
      return 2;
  }
}
