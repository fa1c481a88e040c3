// The wiring the commands share: read and compile a policy, read and validate its data, run it — each step saying
// what went wrong and giving the exit code when it fails.

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ReadData, readDataSources, readPolicyEvents } from './data-files.ts';
import type { Io } from './args.ts';
import { withPolicyEvents } from '../runtime/data/policy-events.ts';
import { dataRequirements } from '../runtime/data/requirements.ts';
import { type EmployeeData, TableReads, loadTables } from '../runtime/data/load.ts';
import { type DataProblem, renderDataNotice, renderDataProblems } from '../runtime/data/messages.ts';
import { dataNotices } from '../runtime/data/notices.ts';
import { type MonthSpan, toPopulation } from '../runtime/data/to-population.ts';
import { type RunResult, run } from '../runtime/run.ts';
import { renderRunProblems } from '../runtime/run-problems.ts';
import { unmetText, unmetValues } from '../runtime/unmet-values.ts';
import type { Population } from '../runtime/population.ts';
import { compile, type CompileResult } from '../compiler/compile.ts';
import type { Lang } from '../compiler/diagnostics/catalogue.ts';
import { renderDiagnostic } from '../compiler/diagnostics/render.ts';
import { progressOf } from './progress.ts';

/** The data options of a command that runs a policy: --data (required by each such command), --from and --to. */
export interface DataOptions {
  readonly data: string;
  readonly from?: string;
  readonly to?: string;
}

/** The data options out of a command's arguments (--data is declared required, so it is there). */
export function dataOptionsOf(args: { option(name: string): string | undefined }): DataOptions {
  const from = args.option('from');
  const to = args.option('to');
  return { data: args.option('data')!, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

/** The package's folder: the nearest folder up from this module with package.json. This module is cli/pipeline.ts
 * in the sources, dist/cli/pipeline.js in the built package, and bin/ladder.js's bundle defines import.meta.url as
 * cli/main.ts's for every module — from each the walk up ends at the same folder. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 4 && !existsSync(join(dir, 'package.json')); up++) dir = dirname(dir);
  return dir;
}

/** The bundled policies/ folder of the package. */
export function bundledPoliciesFolder(): string {
  return join(packageRoot(), 'policies');
}

/** The package's version, from its package.json (read when asked, so it is never stale in a bundle). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

export function readPolicy(path: string, io: Io, lang: Lang): CompileResult | undefined {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    io.err(lang === 'zh' ? `无法读取文件 ${path}：${(e as NodeJS.ErrnoException).code ?? e}` : `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? e}`);
    return undefined;
  }
  return compile({ name: path, bytes });
}

/** Policy files from the arguments: files as given, folders walked (YAML files, templates left out), sorted. */
export function expandPolicies(paths: readonly string[]): string[] {
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

export interface Loaded {
  readonly compiled: CompileResult & { readonly ruleSet: NonNullable<CompileResult['ruleSet']>; readonly checked: NonNullable<CompileResult['checked']> };
  readonly population: Population;
  readonly result: RunResult;
}

/** Data read once for several policies (diff, compare): the files, and what each table's columns read as. */
export interface SharedData {
  readonly read: Promise<ReadData>;
  readonly reads: TableReads;
}

export function sharedData(options: DataOptions): SharedData {
  return { read: readDataSources(options.data), reads: new TableReads() };
}

/** A compiled policy and its data, loaded and checked: everything but the run. */
export interface LoadedPolicy {
  readonly compiled: Loaded['compiled'];
  readonly data: EmployeeData;
}

/** Compiles a policy, loads and validates its data; an exit code when any of it fails. With `shared`, the data files
 * are read and their columns parsed once for every policy; each policy still gets its own problems. `dataProblems`
 * also receives the data's problems as data (compare lists a scheme's missing columns from them). */
export async function compileAndLoad(policyPath: string, options: DataOptions, lang: Lang, io: Io, shared?: SharedData, dataProblems?: (problems: readonly DataProblem[]) => void): Promise<LoadedPolicy | number> {
  const compiled = readPolicy(policyPath, io, lang);
  if (!compiled) return 2;
  return loadCompiled(compiled, options, lang, io, shared, dataProblems);
}

/** The compile errors of a policy, rendered on stderr. */
export function reportCompileErrors(compiled: CompileResult, lang: Lang, io: Io): void {
  const files = new Map([[compiled.file.name, compiled.file]]);
  for (const d of compiled.diagnostics.filter((x) => x.severity === 'error')) io.err(renderDiagnostic(d, files, { lang }) + '\n');
}

/** A compiled policy's data, loaded and validated (compileAndLoad after the compile). */
export async function loadCompiled(compiled: CompileResult, options: DataOptions, lang: Lang, io: Io, shared?: SharedData, dataProblems?: (problems: readonly DataProblem[]) => void): Promise<LoadedPolicy | number> {
  const dataPath = options.data;
  if (!compiled.ok || !compiled.ruleSet || !compiled.checked) {
    reportCompileErrors(compiled, lang, io);
    return 1;
  }
  progressOf(io)(lang === 'zh' ? '读取数据…' : 'reading the data…');
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
export function spanOf(options: DataOptions): MonthSpan {
  return options.to !== undefined ? { to: options.to } : {};
}

/** Compiles a policy, loads and validates its data, and runs it; an exit code when any of it fails. */
export async function compileAndRun(policyPath: string, options: DataOptions, lang: Lang, io: Io, shared?: SharedData): Promise<Loaded | number> {
  const loaded = await compileAndLoad(policyPath, options, lang, io, shared);
  if (typeof loaded === 'number') return loaded;
  const { compiled, data } = loaded;
  const from = options.from;
  const population = toPopulation(compiled.ruleSet, data, spanOf(options));
  for (const u of unmetValues(compiled.ruleSet, population)) { const t = unmetText(u); io.err(lang === 'zh' ? `注意：${compiled.file.name}：${t.zh}` : `note: ${compiled.file.name}: ${t.en}`); }
  const progress = progressOf(io);
  const months = population.months.length;
  const full = run(compiled.ruleSet, population, { inspect: (m, _a, phase) => { if (phase === 'end') progress(lang === 'zh' ? '计算' : 'computing', (m + 1) / months); } });
  progress(lang === 'zh' ? '写出结果…' : 'writing the results…');
  if (full.problems.length || full.untracedProblems) {
    for (const line of renderRunProblems(full.problems, full.untracedProblems, compiled.ruleSet, compiled.file, lang)) io.err(line);
    return 1;
  }
  const result: RunResult = typeof from === 'string'
    ? { ...full, rows: full.rows.filter((r) => r.month >= from) }
    : full;
  return { compiled, population, result };
}
