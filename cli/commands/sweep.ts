// `ladder sweep`: one number of a policy set to each of several values, the same people run under each, the figures
// side by side (and, with --budget, which values keep the total cost within it).

import type { Command, CommandArgs, Io } from '../args.ts';
import { usageError } from '../args.ts';
import type { Lang } from '../../compiler/diagnostics/catalogue.ts';
import { compile } from '../../compiler/compile.ts';
import { messageFor } from '../../compiler/diagnostics/diagnostic.ts';
import { dataRequirements } from '../../runtime/data/requirements.ts';
import type { EmployeeData } from '../../runtime/data/load.ts';
import { toPopulation } from '../../runtime/data/to-population.ts';
import { run } from '../../runtime/run.ts';
import { renderRunProblems } from '../../runtime/run-problems.ts';
import { toCsv, toTerminalTable } from '../../runtime/results.ts';
import { schemeFigures, yuan } from '../../runtime/simulate/report.ts';
import { sweepHtml } from '../../runtime/simulate/html.ts';
import { type SweepPoint, parseBudget, sweepPoint, sweepPointRefused, sweepTable, sweepTarget, sweepValues, withValue, withinBudget } from '../../runtime/simulate/sweep.ts';
import { writeResultsWorkbook } from '../data-files.ts';
import { emit, writeOut } from '../output.ts';
import { progressOf } from '../progress.ts';
import { dataOptionsOf, loadCompiled, readPolicy, sharedData, spanOf } from '../pipeline.ts';
import { DATA, OUT, TO, formatOption, needsOut } from './options.ts';

async function sweep(args: CommandArgs, lang: Lang, io: Io): Promise<number> {
  const zh = lang === 'zh';
  const policyPath = args.positionals[0]!;
  const format = args.option('format') ?? 'table';
  const out = args.option('out');
  // Typed on a Chinese keyboard, the '=' may be full-width: NFKC makes it plain (keys are matched after NFKC anyway).
  const vary = args.option('vary')!.normalize('NFKC');
  const budgetText = args.option('budget');
  const budget = budgetText !== undefined ? parseBudget(budgetText) : undefined;
  const say = (text: { zh: string; en: string }) => { io.err(usageError('sweep', lang, text)); return 2; };
  if ((format === 'html' || format === 'xlsx') && out === undefined) return say(needsOut(format));
  if (!vary.includes('=')) {
    return say({ zh: `--vary 写作 <位置>=<取值>，如 --vary 'stars.quota[0].max=3%..8%:1%'`, en: `--vary is written <path>=<values>, e.g. --vary 'stars.quota[0].max=3%..8%:1%'` });
  }
  if (budget !== undefined && !Number.isFinite(budget)) {
    return say({ zh: `--budget “${budgetText}”不是金额（元），如 --budget 50000`, en: `--budget '${budgetText}' is not an amount in yuan, e.g. --budget 50000` });
  }
  const options = dataOptionsOf(args);
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
  const progress = progressOf(io);
  for (const [k, value] of values.entries()) {
    progress(lang === 'zh' ? `试算 ${k + 1}/${values.length}` : `trying ${k + 1}/${values.length}`, k / values.length);
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
  if (format === 'xlsx') return writeOut(out!, (target) => writeResultsWorkbook(target, [{ name: 'sweep', rows: [table.header, ...table.rows] }], lang), lang, io);
  let text: string;
  if (format === 'json') text = JSON.stringify({ path: target.path, written: target.written, points, ...(fits ? { budget: budgetFen, within: fits.within.map((p) => p.written) } : {}) }, null, 2) + '\n';
  else if (format === 'csv') text = toCsv(table);
  else if (format === 'html') text = sweepHtml(target.path, points, title, budgetFen);
  else text = [title, '', toTerminalTable(table), ...(budgetLine ? ['', budgetLine] : []), ...points.filter((p) => p.errors).map((p) => `${p.written}: ${p.errors!.join('; ')}`)].join('\n') + '\n';
  return emit(text, out, lang, io);
}

export const sweepCommand: Command = {
  name: 'sweep',
  summary: { zh: '把策略中的一个数依次设为多个取值并对比结果', en: 'set one number of a policy to several values and compare' },
  description: {
    zh: "把策略中的一个数依次设为多个取值（如 --vary 'stars.quota[0].max=3%..8%:1%'、--vary 'values.及格线=55,60,65'），\n同一批人各算一遍，并列成本、分布、晋降与各职级/星级人数；给出 --budget 时列出总成本在预算内的取值。",
    en: "set one number of the policy to each of several values (e.g. --vary 'stars.quota[0].max=3%..8%:1%', 'values.及格线=55,60,65'),\nrun the same people under each, and list cost, pay spread, moves and head counts by tier and star; with --budget,\nwhich values keep the total cost within it.",
  },
  positionals: { min: 1, max: 1, name: { zh: '策略文件', en: 'policy file' } },
  options: [
    DATA,
    { name: 'vary', required: true, value: { zh: '<位置>=<取值>', en: '<path>=<values>' }, help: { zh: '要变动的数（在文件中的位置）及其取值', en: 'the number to vary (its place in the file) and its values' } },
    { name: 'budget', value: { zh: '<元>', en: '<YUAN>' }, help: { zh: '预算：列出总成本在其内的取值', en: 'a budget: list the values whose total cost keeps within it' } },
    TO, formatOption(['table', 'csv', 'json', 'html', 'xlsx']), OUT,
  ],
  run: sweep,
};
