// `ladder compare`: several schemes on one population side by side — cost, pay spread, moves, dismissal flags.

import { writeFileSync } from 'node:fs';
import type { Command, CommandArgs, Io } from '../args.ts';
import { usageError } from '../args.ts';
import type { Lang } from '../../compiler/diagnostics/catalogue.ts';
import { type LoadedScheme, type SchemeFigures, compareTable, figuresOfSchemes, notComputed } from '../../runtime/simulate/report.ts';
import { compareHtml } from '../../runtime/simulate/html.ts';
import { toCsv, toTerminalTable } from '../../runtime/results.ts';
import { writeResultsWorkbook } from '../data-files.ts';
import { emit, writeOut } from '../output.ts';
import { progressOf } from '../progress.ts';
import { type SharedData, compileAndLoad, dataOptionsOf, sharedData, spanOf } from '../pipeline.ts';
import { DATA, OUT, TO, formatOption, needsOut } from './options.ts';

async function compare(args: CommandArgs, lang: Lang, io: Io): Promise<number> {
  const paths = args.positionals;
  const format = args.option('format') ?? 'table';
  const outFile = args.option('out');
  if ((format === 'html' || format === 'xlsx') && outFile === undefined) { io.err(usageError('compare', lang, needsOut(format))); return 2; }
  const options = dataOptionsOf(args);
  // Every scheme is loaded first, then the data files are let go and the schemes run one after another: the text
  // tables (a cell string each) are no longer there for every garbage collection of the runs to walk.
  const schemes: (SchemeFigures | LoadedScheme)[] = [];
  let shared: SharedData | undefined = sharedData(options);
  const progress = progressOf(io);
  for (const [k, path] of paths.entries()) {
    progress(lang === 'zh' ? `读取 ${k + 1}/${paths.length}` : `loading ${k + 1}/${paths.length}`, k / paths.length);
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
  progress(lang === 'zh' ? '计算各方案…' : 'computing the schemes…');
  const figures = figuresOfSchemes(schemes);
  if (format === 'json') return emit(JSON.stringify({ schemes: figures }, null, 2) + '\n', outFile, lang, io);
  if (format === 'html') {
    const html = compareHtml(figures, lang === 'zh' ? '方案对比' : 'Schemes compared');
    return writeOut(outFile!, (target) => writeFileSync(target, html), lang, io);
  }
  const table = compareTable(figures, lang);
  if (format === 'xlsx') return writeOut(outFile!, (target) => writeResultsWorkbook(target, [{ name: 'compare', rows: [table.header, ...table.rows] }], lang), lang, io);
  return emit((format === 'csv' ? toCsv(table) : toTerminalTable(table)) + '\n', outFile, lang, io);
}

export const compareCommand: Command = {
  name: 'compare',
  summary: { zh: '同一批人在多个方案下并排对比', en: 'several schemes on one population side by side' },
  description: {
    zh: '同一批人在多个方案下的总成本、月工资均值/中位数/p10/p90、各职级工资、晋降、辞退标记占比并排对比；\n数据缺少某方案所需内容时，列出缺什么，不计算该方案。html 与 xlsx 写入 --out 给出的文件。',
    en: 'several schemes on one population side by side: total cost, mean/median/p10/p90 monthly pay, pay by tier, promotions\nand demotions, share flagged for dismissal; a scheme whose inputs the data lacks is listed with what is missing, not\ncomputed. html and xlsx are written to --out.',
  },
  positionals: { min: 1, max: Infinity, name: { zh: '策略文件', en: 'policy file' } },
  options: [DATA, TO, formatOption(['table', 'csv', 'json', 'html', 'xlsx']), OUT],
  run: compare,
};
