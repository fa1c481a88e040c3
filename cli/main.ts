// The `ladder` command line: argument parsing and printing only. Exit codes: 0 ok, 1 user errors, 2 usage or I/O.

import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ReadData, readDataSources, readPolicyEvents, writeResultsWorkbook } from './data-files.ts';
import { withPolicyEvents } from '../runtime/data/policy-events.ts';
import { type GenFormat, bundledPolicyFiles, policyFilesOf, writePopulation } from './gen.ts';
import { writeWhole } from './write-whole.ts';
import { parseGenOptions } from '../runtime/gen/options.ts';
import { generatePopulation } from '../runtime/gen/population.ts';
import { dataRequirements } from '../runtime/data/requirements.ts';
import { type EmployeeData, TableReads, loadTables } from '../runtime/data/load.ts';
import { type DataProblem, renderDataNotice, renderDataProblems } from '../runtime/data/messages.ts';
import { dataNotices } from '../runtime/data/notices.ts';
import { type MonthSpan, toPopulation } from '../runtime/data/to-population.ts';
import { type RunResult, run } from '../runtime/run.ts';
import { renderRunProblems } from '../runtime/run-problems.ts';
import { unmetText, unmetValues } from '../runtime/unmet-values.ts';
import type { Population } from '../runtime/population.ts';
import { explain, renderExplain } from '../runtime/explain.ts';
import { policyChanges } from '../runtime/simulate/changes.ts';
import { type LoadedScheme, type SchemeFigures, compareTable, diffRuns, figuresOfSchemes, notComputed, schemeFigures, whyPersonMoved, yuan } from '../runtime/simulate/report.ts';
import { compareHtml, diffHtml, payslipsHtml, sweepHtml } from '../runtime/simulate/html.ts';
import { payslipText, payslips } from '../runtime/payslip.ts';
import { type SweepPoint, parseBudget, sweepPoint, sweepPointRefused, sweepTable, sweepTarget, sweepValues, withValue, withinBudget } from '../runtime/simulate/sweep.ts';
import { type ResultShape, toCsv, toJsonRows, toTable, toTerminalTable } from '../runtime/results.ts';
import { heldBackTable, quotaReports, quotaSummary } from '../runtime/quotas.ts';
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
  run <策略文件> --data <目录|.xlsx|.json> [--from YYYY-MM] [--to YYYY-MM] [--format table|csv|json|xlsx] [--out 文件]
                           按月计算每人的职级、星级、得分与工资
  explain <策略文件> --data <数据> --employee 工号 --month YYYY-MM
                           说明某人某月每一项工资是怎样算出来的（规则所在行、公式、用到的数值）
  payslip <策略文件> --data <数据> --month YYYY-MM [--employee 工号] [--format text|html|json] [--out 文件]
                           每人当月的工资条：各项金额、计算方式与用到的数值、应发合计、职级星级变动与标记（html 每人一页，可打印）
  quota <策略文件> --data <数据> [--month YYYY-MM] [--format table|csv|json] [--out 文件]
                           每次星级评定时各名额的结果：计入人数、名额数、达到人数，以及因名额降一星的人（名次与排名依据）
  sweep <策略文件> --data <数据> --vary <位置>=<取值> [--budget 元] [--format table|csv|json|html] [--out 文件]
                           把策略中的一个数依次设为多个取值（如 --vary 'stars.quota[0].max=3%..8%:1%'），同一批人各算一遍，
                           并列成本、分布、晋降与各职级/星级人数；给出 --budget 时列出总成本在预算内的取值
  diff <旧策略> <新策略> --data <数据> [--employee 工号] [--format table|json|csv|html|xlsx --out 文件]
                           规则改了什么、对同一批人的工资影响（总额、分布、增减人数、原因）
  compare <策略…> --data <数据> [--format table|csv|json|html|xlsx --out 文件]
                           同一批人在多个方案下的成本、分布、晋降与辞退标记并排对比
  test <策略文件或目录…>   运行策略文件中的 tests: 示例
  gen --out <目录> [--people N] [--months M] [--seed S] [--from YYYY-MM] [--format csv|xlsx|json] [--policy <文件|目录>…]
                           生成一份模拟员工数据（标准数据模型）：多个组及组长、职级与序列、司龄与学历分布、试用期新人与离职、
                           按人相关的月度得分与指标、考勤问题、违纪、不同客户的书面表扬、评分表各项评分；同一种子结果相同。
                           默认 200 人、12 个月、种子 1、自 2026-01、CSV；只给一个 --policy 时使用其职级与星级、违纪直接写入
                           events，否则（默认为全部内置策略）职级留空，各策略的违纪写入 <目录>/violations/<策略>.csv
  schema                   输出策略文件的 JSON Schema（供编辑器使用）
选项：--lang zh|en（默认随系统语言）`
    : `usage: ladder <command> [options]
  check <policy…>            check policy files and report every problem (--format text|json)
  run <policy> --data <folder|.xlsx|.json> [--from YYYY-MM] [--to YYYY-MM] [--format table|csv|json|xlsx] [--out FILE]
                             compute each person's month: tier, star, score, every pay line and the total
  explain <policy> --data <data> --employee ID --month YYYY-MM
                             show how each pay line of one person's month was computed: rule line, formula, values read
  payslip <policy> --data <data> --month YYYY-MM [--employee ID] [--format text|html|json] [--out FILE]
                             each employee's statement for the month: every line's amount, how it is computed and the
                             values it read, the total, tier/star changes and flags (html: a printed page per person)
  quota <policy> --data <data> [--month YYYY-MM] [--format table|csv|json] [--out FILE]
                             what each star quota did at each rating: people counted, places, who reached the star, and
                             who was held back one star below (their place and rank key)
  sweep <policy> --data <data> --vary <path>=<values> [--budget YUAN] [--format table|csv|json|html] [--out FILE]
                             set one number of the policy to each of several values (e.g. --vary 'stars.quota[0].max=3%..8%:1%'),
                             run the same people under each, and list cost, pay spread, moves and head counts by tier and star;
                             with --budget, which values keep the total cost within it
  diff <old> <new> --data <data> [--employee ID] [--format table|json|csv|html|xlsx --out FILE]
                             what changed between two policies and what it does to the same people's pay, and why
  compare <policy…> --data <data> [--format table|csv|json|html|xlsx --out FILE]
                             several schemes on one population side by side: cost, pay spread, moves, dismissal flags
  test <policy-or-folder…>   run the tests: examples written in policy files
  gen --out <folder> [--people N] [--months M] [--seed S] [--from YYYY-MM] [--format csv|xlsx|json] [--policy <file|folder>…]
                             write a synthetic population in the standard data model: several teams with a lead each,
                             tiers and tracks, tenure and education spread, probation hires and leavers, correlated monthly
                             scores and KPIs, attendance problems, violations, praise from distinct customers, score-sheet
                             item ratings; the same seed gives the same files. Defaults: 200 people, 12 months, seed 1,
                             from 2026-01, csv. With one --policy its tiers and stars are used and its violations go into
                             events; otherwise (every bundled policy by default) tiers are blank and each policy's
                             violations go to <folder>/violations/<policy>.csv
  schema                     print the policy JSON Schema (for editors)
options: --lang zh|en (default from the locale)`;
}

interface Parsed {
  readonly command: string | undefined;
  readonly args: string[];
  readonly options: Map<string, string | true>;
  /** Every value of an option given more than once (--policy a --policy b). */
  readonly lists: Map<string, string[]>;
}

const VALUE_OPTIONS = ['lang', 'format', 'data', 'from', 'to', 'out', 'employee', 'month', 'people', 'months', 'seed', 'policy', 'vary', 'budget'];

function parseArgs(argv: readonly string[]): Parsed {
  const args: string[] = [];
  const options = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  const set = (k: string, v: string | true) => {
    options.set(k, v);
    if (typeof v === 'string') lists.set(k, [...(lists.get(k) ?? []), v]);
  };
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      // --key=value: the value is everything after the first '=' (a --vary value has its own).
      const eq = a.indexOf('=');
      const [k, v] = eq < 0 ? [a.slice(2), undefined] : [a.slice(2, eq), a.slice(eq + 1)];
      if (v !== undefined) set(k, v);
      else if (VALUE_OPTIONS.includes(k) && argv[i + 1] !== undefined) set(k, argv[++i]!);
      else set(k, true);
    } else if (a === '-h') options.set('help', true);
    else if (command === undefined) command = a;
    else args.push(a);
  }
  return { command, args, options, lists };
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

interface Loaded {
  readonly compiled: CompileResult & { readonly ruleSet: NonNullable<CompileResult['ruleSet']>; readonly checked: NonNullable<CompileResult['checked']> };
  readonly population: Population;
  readonly result: RunResult;
}

/** Data read once for several policies (diff, compare): the files, and what each table's columns read as. */
interface SharedData {
  readonly read: Promise<ReadData>;
  readonly reads: TableReads;
}

function sharedData(options: Map<string, string | true>): SharedData | undefined {
  const dataPath = options.get('data');
  return typeof dataPath === 'string' ? { read: readDataSources(dataPath), reads: new TableReads() } : undefined;
}

/** A compiled policy and its data, loaded and checked: everything but the run. */
interface LoadedPolicy {
  readonly compiled: Loaded['compiled'];
  readonly data: EmployeeData;
}

/** Compiles a policy, loads and validates its data; an exit code when any of it fails. With `shared`, the data files
 * are read and their columns parsed once for every policy; each policy still gets its own problems. `dataProblems`
 * also receives the data's problems as data (compare lists a scheme's missing columns from them). */
async function compileAndLoad(policyPath: string, options: Map<string, string | true>, lang: Lang, io: Io, shared?: SharedData, dataProblems?: (problems: readonly DataProblem[]) => void): Promise<LoadedPolicy | number> {
  const bad = badDataOptions(options, lang, io);
  if (bad) return bad;
  const compiled = readPolicy(policyPath, io, lang);
  if (!compiled) return 2;
  return loadCompiled(compiled, options, lang, io, shared, dataProblems);
}

/** --data given, --from and --to months when given: else the usage exit code. */
function badDataOptions(options: Map<string, string | true>, lang: Lang, io: Io): number | undefined {
  if (typeof options.get('data') !== 'string') { io.err(usage(lang)); return 2; }
  for (const k of ['from', 'to']) {
    const v = options.get(k);
    if (v !== undefined && (typeof v !== 'string' || !/^\d{4}-\d{2}$/.test(v))) { io.err(`--${k} YYYY-MM`); return 2; }
  }
  return undefined;
}

/** A compiled policy's data, loaded and validated (compileAndLoad after the compile). */
async function loadCompiled(compiled: CompileResult, options: Map<string, string | true>, lang: Lang, io: Io, shared?: SharedData, dataProblems?: (problems: readonly DataProblem[]) => void): Promise<LoadedPolicy | number> {
  const dataPath = options.get('data') as string;
  if (!compiled.ok || !compiled.ruleSet || !compiled.checked) {
    const files = new Map([[compiled.file.name, compiled.file]]);
    for (const d of compiled.diagnostics.filter((x) => x.severity === 'error')) io.err(renderDiagnostic(d, files, { lang }) + '\n');
    return 1;
  }
  const read = await (shared?.read ?? readDataSources(dataPath));
  // What reading did to the data (merged cells filled …), said whether or not the data then loads (stderr).
  for (const n of read.notices) io.err(renderDataNotice(n, lang));
  // The policy's own violations beside the data (violations/<policy>.csv), as the playground reads them.
  const own = read.problems.length ? undefined : await readPolicyEvents(dataPath, compiled.file.name);
  const sources = withPolicyEvents(read.sources, own);
  const loaded = read.problems.length ? undefined : loadTables(sources, dataRequirements(compiled), shared?.reads);
  const problems = [...read.problems, ...(loaded?.problems ?? [])];
  if (problems.length || !loaded) {
    dataProblems?.(problems);
    for (const line of renderDataProblems(problems, lang)) io.err(line);
    io.err(lang === 'zh' ? `数据有 ${problems.length} 处问题，未计算。` : `${problems.length} problem(s) in the data; nothing was computed.`);
    return read.problems.some((p) => p.code === 'D020') ? 2 : 1;
  }
  // Dates the policy reads and no employee has: what the run assumes instead is said (stderr; not an error).
  for (const n of dataNotices(compiled.ruleSet, loaded.data)) io.err(lang === 'zh' ? `注意：${compiled.file.name}：${n.zh}` : `note: ${compiled.file.name}: ${n.en}`);
  return { compiled: compiled as Loaded['compiled'], data: loaded.data };
}

/** The months a run computes: up to --to. Months before --from are still computed (a quarter's average needs them);
 * only their rows are not shown. */
function spanOf(options: Map<string, string | true>): MonthSpan {
  const to = options.get('to');
  return typeof to === 'string' ? { to } : {};
}

/** Compiles a policy, loads and validates its data, and runs it; an exit code when any of it fails. */
async function compileAndRun(policyPath: string, options: Map<string, string | true>, lang: Lang, io: Io, shared?: SharedData): Promise<Loaded | number> {
  const loaded = await compileAndLoad(policyPath, options, lang, io, shared);
  if (typeof loaded === 'number') return loaded;
  const { compiled, data } = loaded;
  const from = options.get('from');
  const population = toPopulation(compiled.ruleSet, data, spanOf(options));
  for (const u of unmetValues(compiled.ruleSet, population)) { const t = unmetText(u); io.err(lang === 'zh' ? `注意：${compiled.file.name}：${t.zh}` : `note: ${compiled.file.name}: ${t.en}`); }
  const full = run(compiled.ruleSet, population);
  if (full.problems.length || full.untracedProblems) {
    for (const line of renderRunProblems(full.problems, full.untracedProblems, compiled.ruleSet, compiled.file, lang)) io.err(line);
    return 1;
  }
  const result: RunResult = typeof from === 'string'
    ? { ...full, rows: full.rows.filter((r) => r.month >= from) }
    : full;
  return { compiled, population, result };
}

async function runCommand(policyPath: string, options: Map<string, string | true>, lang: Lang, io: Io): Promise<number> {
  const format = String(options.get('format') ?? 'table');
  const out = options.get('out');
  if (!['table', 'csv', 'json', 'xlsx'].includes(format) || (format === 'xlsx' && typeof out !== 'string')) {
    io.err(usage(lang));
    return 2;
  }
  const loaded = await compileAndRun(policyPath, options, lang, io);
  if (typeof loaded === 'number') return loaded;
  const { compiled, result } = loaded;
  const outputs = compiled.ruleSet.outputs;
  const shape: ResultShape = {
    ...(() => {
      const s = outputs.find((o) => ['score', '考核分', '考核得分', '月度考核分'].includes(o.name)) ?? outputs.find((o) => o.kind === 'sheet');
      return s ? { scoreName: s.name } : {};
    })(),
    ...(() => {
      const g = outputs.find((o) => o.kind === 'band');
      return g ? { gradeName: g.name } : {};
    })(),
  };
  if (format === 'xlsx') {
    const t = toTable(result, shape);
    return writeOut(out as string, (target) => writeResultsWorkbook(target, [{ name: 'results', rows: [t.header, ...t.rows] }], lang), lang, io);
  }
  const text = format === 'json' ? JSON.stringify({ rows: toJsonRows(result, shape) }, null, 2) + '\n'
    : format === 'csv' ? toCsv(toTable(result, shape))
    : toTerminalTable(toTable(result, shape)) + '\n';
  return emit(text, out, lang, io);
}

async function diffCommand(oldPath: string, newPath: string, options: Map<string, string | true>, lang: Lang, io: Io): Promise<number> {
  const format = String(options.get('format') ?? 'table');
  const outFile = options.get('out');
  if (!['table', 'json', 'csv', 'html', 'xlsx'].includes(format) || ((format === 'html' || format === 'xlsx') && typeof outFile !== 'string')) { io.err(usage(lang)); return 2; }
  const shared = sharedData(options);
  const before = await compileAndRun(oldPath, options, lang, io, shared);
  if (typeof before === 'number') return before;
  const after = await compileAndRun(newPath, options, lang, io, shared);
  if (typeof after === 'number') return after;
  const changes = policyChanges(before.compiled.checked, after.compiled.checked);
  const report = diffRuns(changes, { ruleSet: before.compiled.ruleSet, population: before.population, result: before.result }, { ruleSet: after.compiled.ruleSet, population: after.population, result: after.result });
  const employee = options.get('employee');
  const why = typeof employee === 'string'
    ? whyPersonMoved(employee, changes, { checked: before.compiled.checked, result: before.result }, { checked: after.compiled.checked, result: after.result })
    : undefined;
  if (format === 'json') {
    io.out(JSON.stringify({ ...report, ...(why ? { employee, why } : {}) }, null, 2));
    return 0;
  }
  if (format === 'html') {
    const html = diffHtml(report, `${before.compiled.checked.policy.meta.name} → ${after.compiled.checked.policy.meta.name}`);
    return writeOut(outFile as string, (target) => writeFileSync(target, html), lang, io);
  }
  if (format === 'csv') {
    // One line per person: the period totals before and after, and the change.
    const table = { header: ['employee', 'name', 'old', 'new', 'change'], rows: report.people.map((p) => [p.employee, p.name ?? '', yuan(p.before), yuan(p.after), yuan(p.delta)]) };
    if (typeof outFile === 'string') return writeOut(outFile, (target) => writeFileSync(target, toCsv(table)), lang, io);
    io.out(toCsv(table).trimEnd());
    return 0;
  }
  if (format === 'xlsx') {
    const money = (f: number) => Math.round(f) / 100;
    return writeOut(outFile as string, (target) => writeResultsWorkbook(target, [
      { name: 'changes', rows: [['section', 'name', 'what', 'before', 'after', '说明', 'description'], ...report.changes.map((c) => [c.section, c.name, c.what, c.before ?? '', c.after ?? '', c.zh, c.en])] },
      { name: 'payroll', rows: [['month', 'old', 'new', 'change'], ...report.months.map((m) => [m.month, money(m.before), money(m.after), money(m.after - m.before)])] },
      { name: 'people', rows: [['employee', 'name', 'old', 'new', 'change'], ...report.people.map((p) => [p.employee, p.name ?? '', money(p.before), money(p.after), money(p.delta)])] },
    ], lang), lang, io);
  }
  const zh = lang === 'zh';
  const out: string[] = [];
  out.push(zh ? '规则变更：' : 'What changed:');
  for (const c of changes) out.push(`  - ${zh ? c.zh : c.en}`);
  if (!changes.length) out.push(zh ? '  （无）' : '  (nothing)');
  out.push('', zh ? '工资总额（元）：' : 'Payroll (yuan):');
  const rows = [[zh ? '月份' : 'month', zh ? '旧' : 'old', zh ? '新' : 'new', zh ? '差额' : 'change'], ...report.months.map((m) => [m.month, yuan(m.before), yuan(m.after), yuan(m.after - m.before)]), [zh ? '合计' : 'total', yuan(report.total.before), yuan(report.total.after), yuan(report.total.delta)]];
  out.push(toTerminalTable({ header: rows[0]!, rows: rows.slice(1) }).split('\n').map((l) => '  ' + l).join('\n'));
  const d = report.deltas;
  out.push('', zh ? `每人全期差额（元）：最小 ${yuan(d.min)}，p10 ${yuan(d.p10)}，中位数 ${yuan(d.median)}，p90 ${yuan(d.p90)}，最大 ${yuan(d.max)}` : `Change per person over the period (yuan): min ${yuan(d.min)}, p10 ${yuan(d.p10)}, median ${yuan(d.median)}, p90 ${yuan(d.p90)}, max ${yuan(d.max)}`);
  out.push(zh ? `增加 ${report.gain} 人，减少 ${report.lose} 人，不变 ${report.unchanged} 人` : `${report.gain} gain, ${report.lose} lose, ${report.unchanged} unchanged`);
  const who = (p: { employee: string; name?: string; delta: number }) => `${p.employee}${p.name ? ' ' + p.name : ''} ${p.delta > 0 ? '+' : ''}${yuan(p.delta)}`;
  if (report.largestGains.length) out.push((zh ? '增加最多：' : 'Largest gains: ') + report.largestGains.map(who).join('; '));
  if (report.largestLosses.length) out.push((zh ? '减少最多：' : 'Largest losses: ') + report.largestLosses.map(who).join('; '));
  const dist = (x: Readonly<Record<string, number>>) => Object.entries(x).map(([k, v]) => `${k} ${v}`).join(', ');
  out.push((zh ? '末月职级分布：' : 'Tiers in the last month: ') + `${dist(report.tiers.before)} → ${dist(report.tiers.after)}`);
  out.push((zh ? '末月星级分布：' : 'Stars in the last month: ') + `${dist(report.stars.before)} → ${dist(report.stars.after)}`);
  out.push((zh ? '晋升/降级次数：' : 'Promotions/demotions: ') + `${report.moves.before.promoted}/${report.moves.before.demoted} → ${report.moves.after.promoted}/${report.moves.after.demoted}`);
  if (why) {
    out.push('', zh ? `${employee} 的工资为什么变了：` : `Why ${employee}'s pay moved:`);
    for (const l of why) {
      out.push(`  ${l.line}: ${yuan(l.before)} → ${yuan(l.after)} (${l.delta >= 0 ? '+' : ''}${yuan(l.delta)})`);
      for (const c of l.because) out.push(`    ← ${zh ? c.zh : c.en}`);
    }
  }
  io.out(out.join('\n'));
  return 0;
}

async function compareCommand(paths: readonly string[], options: Map<string, string | true>, lang: Lang, io: Io): Promise<number> {
  const format = String(options.get('format') ?? 'table');
  const outFile = options.get('out');
  if (!['table', 'json', 'csv', 'html', 'xlsx'].includes(format) || paths.length < 1 || ((format === 'html' || format === 'xlsx') && typeof outFile !== 'string')) { io.err(usage(lang)); return 2; }
  // Every scheme is loaded first, then the data files are let go and the schemes run one after another: the text
  // tables (a cell string each) are no longer there for every garbage collection of the runs to walk.
  const schemes: (SchemeFigures | LoadedScheme)[] = [];
  let shared = sharedData(options);
  for (const path of paths) {
    // A scheme whose inputs the data lacks is reported, not computed: nothing is made up for it.
    const problems: string[] = [];
    let missing: string[] = [];
    const loaded = await compileAndLoad(path, options, lang, { out: () => {}, err: (t) => problems.push(t) }, shared,
      (found) => { missing = found.filter((p) => p.code === 'D001').map((p) => p.column); });
    if (typeof loaded === 'number') {
      if (loaded === 2) { for (const p of problems) io.err(p); return 2; }
      schemes.push(notComputed(path, missing.length ? missing : problems.filter((p) => /D\d{3}|L\d{3}/.test(p)).slice(0, 3)));
      continue;
    }
    // Loaded: what was said is only notices (dates the data leaves out and what the run assumes instead).
    for (const p of problems) io.err(p);
    schemes.push({ name: path, checked: loaded.compiled.checked, ruleSet: loaded.compiled.ruleSet, data: loaded.data, span: spanOf(options) });
  }
  shared = undefined;
  const figures = figuresOfSchemes(schemes);
  if (format === 'json') { io.out(JSON.stringify({ schemes: figures }, null, 2)); return 0; }
  if (format === 'html') {
    const html = compareHtml(figures, lang === 'zh' ? '方案对比' : 'Schemes compared');
    return writeOut(outFile as string, (target) => writeFileSync(target, html), lang, io);
  }
  const table = compareTable(figures, lang);
  if (format === 'xlsx') return writeOut(outFile as string, (target) => writeResultsWorkbook(target, [{ name: 'compare', rows: [table.header, ...table.rows] }], lang), lang, io);
  io.out(format === 'csv' ? toCsv(table) : toTerminalTable(table));
  return 0;
}

async function explainCommand(policyPath: string, options: Map<string, string | true>, lang: Lang, io: Io): Promise<number> {
  const employee = options.get('employee');
  const month = options.get('month');
  if (typeof employee !== 'string' || typeof month !== 'string') { io.err(usage(lang)); return 2; }
  const loaded = await compileAndRun(policyPath, options, lang, io);
  if (typeof loaded === 'number') return loaded;
  const { compiled, population, result } = loaded;
  const person = population.people.findIndex((p) => p.id === employee);
  const m = population.months.indexOf(month);
  if (person < 0 || m < 0 || !population.present[m]![person]) {
    io.err(lang === 'zh' ? `数据中没有 ${employee} 在 ${month} 的记录` : `the data has no row for ${employee} in ${month}`);
    return 1;
  }
  io.out(renderExplain(explain(compiled.checked, compiled.ruleSet, population, result, person, m)));
  return 0;
}

/** A command's text output: written whole to --out (or nothing is), else printed; 2 when the file cannot be written. */
async function emit(text: string, out: string | true | undefined, lang: Lang, io: Io): Promise<number> {
  if (typeof out === 'string') return writeOut(out, (target) => writeFileSync(target, text), lang, io);
  io.out(text.replace(/\n$/, ''));
  return 0;
}

/** A file written whole to `path` by `write` (nothing is left of it if that fails): 0, or 2 with the reason said. */
async function writeOut(path: string, write: (target: string) => Promise<void> | void, lang: Lang, io: Io): Promise<number> {
  try {
    await writeWhole(path, write);
    return 0;
  } catch (e) {
    return cannotWrite(path, e, lang, io);
  }
}

/** A file that could not be written: said in one line with the system's reason; exit code 2. */
function cannotWrite(path: string | true | undefined, e: unknown, lang: Lang, io: Io): number {
  const why = (e as NodeJS.ErrnoException).code ?? e;
  io.err(lang === 'zh' ? `无法写入 ${String(path)}：${why}` : `cannot write ${String(path)}: ${why}`);
  return 2;
}

/** `ladder payslip`: each employee's statement for a month (工资条) — every line, how it is computed, what it read. */
async function payslipCommand(policyPath: string, options: Map<string, string | true>, lang: Lang, io: Io): Promise<number> {
  const format = String(options.get('format') ?? (typeof options.get('out') === 'string' ? 'html' : 'text'));
  const out = options.get('out');
  const month = options.get('month');
  const employee = options.get('employee');
  if (!['html', 'text', 'json'].includes(format) || out === true || employee === true || typeof month !== 'string' || !/^\d{4}-\d{2}$/.test(month)
    || (format === 'html' && typeof out !== 'string')) {
    io.err(usage(lang));
    return 2;
  }
  const loaded = await compileAndRun(policyPath, options, lang, io);
  if (typeof loaded === 'number') return loaded;
  const { compiled, population, result } = loaded;
  const m = population.months.indexOf(month);
  const slips = m < 0 ? [] : payslips(compiled.checked, compiled.ruleSet, population, result, m, typeof employee === 'string' ? employee : undefined);
  if (!slips.length) {
    io.err(lang === 'zh' ? `数据中没有${typeof employee === 'string' ? ` ${employee} ` : '任何人'}在 ${month} 的记录` : `the data has no row${typeof employee === 'string' ? ` for ${employee}` : ''} in ${month}`);
    return 1;
  }
  const title = `${compiled.checked.policy.meta.name} ${month} 工资条 payslips`;
  const text = format === 'json' ? JSON.stringify({ month, payslips: slips }, null, 2) + '\n'
    : format === 'html' ? payslipsHtml(slips, title)
    : slips.map((s) => payslipText(s, lang)).join('\n\n') + '\n';
  return emit(text, out, lang, io);
}

/** `ladder quota`: what each star quota did at each rating — places, who reached the star, who was held back and why. */
async function quotaCommand(policyPath: string, options: Map<string, string | true>, lang: Lang, io: Io): Promise<number> {
  const format = String(options.get('format') ?? 'table');
  const out = options.get('out');
  const month = options.get('month');
  if (!['table', 'csv', 'json'].includes(format) || out === true || month === true || (month !== undefined && !/^\d{4}-\d{2}$/.test(month))) {
    io.err(usage(lang));
    return 2;
  }
  const loaded = await compileAndRun(policyPath, options, lang, io);
  if (typeof loaded === 'number') return loaded;
  const { compiled, population, result } = loaded;
  if (!compiled.checked.policy.stars?.quota.length) {
    io.err(lang === 'zh' ? `${policyPath} 没有星级名额（stars.quota）` : `${policyPath} has no star quota (stars.quota)`);
    return 1;
  }
  const from = options.get('from');
  const reports = quotaReports(compiled.checked, population, result, typeof from === 'string' ? from : undefined)
    .filter((r) => month === undefined || r.month === month);
  let text: string;
  if (format === 'json') text = JSON.stringify({ quotas: reports }, null, 2) + '\n';
  else if (format === 'csv') text = toCsv(heldBackTable(reports));
  else {
    // A line per rating and quota, then everyone it held back.
    const held = heldBackTable(reports);
    const none = lang === 'zh' ? '（数据中没有评定月份）' : '(no rating month in the data)';
    text = [...(reports.length ? reports.map((r) => quotaSummary(r, lang)) : [none]), ...(held.rows.length ? ['', toTerminalTable(held)] : [])].join('\n') + '\n';
  }
  return emit(text, out, lang, io);
}

/** `ladder sweep`: one number of a policy set to each of several values, the same people run under each, the
 * figures side by side (and, with --budget, which values keep the total cost within it). */
async function sweepCommand(policyPath: string, options: Map<string, string | true>, lang: Lang, io: Io): Promise<number> {
  const zh = lang === 'zh';
  const format = String(options.get('format') ?? 'table');
  const out = options.get('out');
  // Typed on a Chinese keyboard, the '=' may be full-width: NFKC makes it plain (keys are matched after NFKC anyway).
  const varyText = options.get('vary');
  const vary = typeof varyText === 'string' ? varyText.normalize('NFKC') : varyText;
  const budgetText = options.get('budget');
  const budget = typeof budgetText === 'string' ? parseBudget(budgetText) : undefined;
  if (!['table', 'csv', 'json', 'html'].includes(format) || out === true || (format === 'html' && typeof out !== 'string') || typeof vary !== 'string' || !vary.includes('=')
    || budgetText === true || (budget !== undefined && !Number.isFinite(budget))) {
    io.err(usage(lang));
    return 2;
  }
  const bad = badDataOptions(options, lang, io);
  if (bad) return bad;
  const base = readPolicy(policyPath, io, lang);
  if (!base) return 2;
  if (!base.ok) return loadCompiled(base, options, lang, io) as Promise<number>;
  const [path, spec] = [vary.slice(0, vary.indexOf('=')), vary.slice(vary.indexOf('=') + 1)];
  const target = sweepTarget(base.file.text, path);
  if ('problem' in target) { io.err(`--vary: ${target.problem[lang]}`); return 2; }
  const values = sweepValues(spec);
  if ('problem' in values) { io.err(`--vary: ${values.problem[lang]}`); return 2; }
  const shared = sharedData(options);
  // Variants that read the same columns share one load of the data.
  const loads = new Map<string, EmployeeData>();
  const points: SweepPoint[] = [];
  for (const value of values) {
    const compiled = compile({ name: policyPath, text: withValue(base.file.text, target, value) });
    if (!compiled.ok || !compiled.ruleSet || !compiled.checked) {
      points.push(sweepPointRefused(target, value, compiled.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${messageFor(d, lang)}`)));
      continue;
    }
    const key = JSON.stringify(dataRequirements(compiled));
    let data = loads.get(key);
    if (!data) {
      const loaded = await loadCompiled(compiled, options, lang, io, shared);
      if (typeof loaded === 'number') return loaded;
      loads.set(key, (data = loaded.data));
    }
    const population = toPopulation(compiled.ruleSet, data, spanOf(options));
    const ran = { ruleSet: compiled.ruleSet, population, result: run(compiled.ruleSet, population) };
    // A value under which some pay cannot be computed is refused with the lines and causes, like a policy error.
    if (ran.result.problems.length || ran.result.untracedProblems) {
      points.push(sweepPointRefused(target, value, renderRunProblems(ran.result.problems, ran.result.untracedProblems, compiled.ruleSet, compiled.file, lang).slice(0, 3)));
      continue;
    }
    points.push(sweepPoint(target, value, schemeFigures(policyPath, compiled.checked, ran), ran));
  }
  const budgetFen = budget !== undefined ? Math.round(budget * 100) : undefined;
  const fits = budgetFen !== undefined ? withinBudget(points, budgetFen) : undefined;
  const table = sweepTable(target, points, lang, budgetFen);
  const title = `${base.checked?.policy.meta.name ?? policyPath}: ${target.path} = ${points.map((p) => p.written).join(', ')}`;
  const budgetLine = fits && budgetFen !== undefined
    ? (fits.within.length
      ? (zh ? `预算 ${yuan(budgetFen)} 元以内：${fits.within.map((p) => p.written).join('、')}（最小 ${fits.smallest!.written}，最大 ${fits.largest!.written}）` : `within the budget of ${yuan(budgetFen)}: ${fits.within.map((p) => p.written).join(', ')} (smallest ${fits.smallest!.written}, largest ${fits.largest!.written})`)
      : (zh ? `没有一个取值在预算 ${yuan(budgetFen)} 元以内` : `no value keeps within the budget of ${yuan(budgetFen)}`))
    : undefined;
  let text: string;
  if (format === 'json') text = JSON.stringify({ path: target.path, written: target.written, points, ...(fits ? { budget: budgetFen, within: fits.within.map((p) => p.written) } : {}) }, null, 2) + '\n';
  else if (format === 'csv') text = toCsv(table);
  else if (format === 'html') text = sweepHtml(target.path, points, title, budgetFen);
  else text = [title, '', toTerminalTable(table), ...(budgetLine ? ['', budgetLine] : []), ...points.filter((p) => p.errors).map((p) => `${p.written}: ${p.errors!.join('; ')}`)].join('\n') + '\n';
  return emit(text, out, lang, io);
}

/** `ladder gen`: a synthetic population for the given policies (every bundled one by default). */
async function genCommand(options: Map<string, string | true>, lists: Map<string, string[]>, lang: Lang, io: Io): Promise<number> {
  const bad = (what: string) => { io.err(`${what}\n${usage(lang)}`); return 2; };
  // A flag given without its value (`--people`) is a mistake, not the number 1.
  const raw = (k: string) => { const v = options.get(k); return v === true ? '(missing)' : v; };
  const parsed = parseGenOptions({ people: raw('people'), months: raw('months'), seed: raw('seed'), from: raw('from') });
  if (!parsed.ok) return bad(parsed.problems.map((p) => p[lang]).join('\n'));
  const { people, months, seed, from } = parsed.options;
  const out = options.get('out');
  if (typeof out !== 'string') return bad(lang === 'zh' ? '缺少 --out <目录>' : '--out <folder> is required');
  const format = options.get('format') ?? 'csv';
  if (format !== 'csv' && format !== 'xlsx' && format !== 'json') return bad('--format csv|xlsx|json');
  if (options.get('policy') === true) return bad('--policy <file|folder>');
  const given = lists.get('policy') ?? [];
  let files: string[];
  try {
    files = given.length ? policyFilesOf(given) : bundledPolicyFiles(fileURLToPath(new URL('../policies', import.meta.url)));
  } catch (e) {
    io.err(lang === 'zh' ? `无法读取策略目录：${(e as NodeJS.ErrnoException).code ?? e}` : `cannot read the policies: ${(e as NodeJS.ErrnoException).code ?? e}`);
    return 2;
  }
  if (!files.length) return bad(lang === 'zh' ? `${given.join(' ')} 中没有策略文件` : `no policy file in ${given.join(' ')}`);
  const policies: CompileResult[] = [];
  let failed = false;
  for (const file of files) {
    const compiled = readPolicy(file, io, lang);
    if (!compiled) return 2;
    if (!compiled.ok || !compiled.checked) {
      const map = new Map([[compiled.file.name, compiled.file]]);
      for (const d of compiled.diagnostics.filter((x) => x.severity === 'error')) io.err(renderDiagnostic(d, map, { lang }) + '\n');
      failed = true;
    }
    policies.push(compiled);
  }
  if (failed) return 1;
  const pop = generatePopulation({ people, months, startMonth: from, seed, policies, single: given.length > 0 && policies.length === 1 });
  try {
    await writePopulation(out, pop, format as GenFormat);
  } catch (e) {
    return cannotWrite(out, e, lang, io);
  }
  const n = [pop.employees.rows.length, pop.monthly.rows.length, pop.events.rows.length];
  io.out(lang === 'zh'
    ? `${n[0]} 人，${n[1]} 行月度数据，${n[2]} 条事件${pop.violations.length ? `，${pop.violations.length} 个策略的违纪` : ''} → ${out}`
    : `${n[0]} people, ${n[1]} monthly rows, ${n[2]} events${pop.violations.length ? `, violations for ${pop.violations.length} policies` : ''} → ${out}`);
  return 0;
}

/** The commands that take one policy file: arity is checked once for all of them. */
const ONE_POLICY = { run: runCommand, explain: explainCommand, payslip: payslipCommand, quota: quotaCommand, sweep: sweepCommand } as const;

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const { command, args, options, lists } = parseArgs(argv);
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
    case 'run': case 'explain': case 'payslip': case 'quota': case 'sweep':
      if (args.length !== 1) { io.err(usage(lang)); return 2; }
      return ONE_POLICY[command](args[0]!, options, lang, io);
    case 'diff':
      if (args.length !== 2) { io.err(usage(lang)); return 2; }
      return diffCommand(args[0]!, args[1]!, options, lang, io);
    case 'compare':
      if (args.length < 1) { io.err(usage(lang)); return 2; }
      return compareCommand(args, options, lang, io);
    case 'gen':
      if (args.length) { io.err(usage(lang)); return 2; }
      return genCommand(options, lists, lang, io);
    case 'schema':
      io.out(JSON.stringify(policySchema, null, 2));
      return 0;
    default:
      io.err((lang === 'zh' ? `未知命令“${command}”\n` : `unknown command '${command}'\n`) + usage(lang));
      return 2;
  }
}
