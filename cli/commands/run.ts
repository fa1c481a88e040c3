// `ladder run`: each person's month — tier, star, score, every pay line and the total — as a table, CSV, JSON or xlsx.

import type { Command, CommandArgs, Io } from '../args.ts';
import { usageError } from '../args.ts';
import type { Lang } from '../../compiler/diagnostics/catalogue.ts';
import { jsonRowChunks, resultShape, toCsv, toTable, toTerminalTable } from '../../runtime/results.ts';
import { writeResultsWorkbook } from '../data-files.ts';
import { emit, emitChunks, writeOut } from '../output.ts';
import { compileAndRun, dataOptionsOf } from '../pipeline.ts';
import { DATA, FROM, OUT, TO, formatOption, needsOut } from './options.ts';

async function runPolicy(args: CommandArgs, lang: Lang, io: Io): Promise<number> {
  const policyPath = args.positionals[0]!;
  const format = args.option('format') ?? 'table';
  const out = args.option('out');
  if (format === 'xlsx' && out === undefined) { io.err(usageError('run', lang, needsOut(format))); return 2; }
  const loaded = await compileAndRun(policyPath, dataOptionsOf(args), lang, io);
  if (typeof loaded === 'number') return loaded;
  const { compiled, result } = loaded;
  // The score and grade columns: the policy's `outputs:`, or the documented default (compiler/model/outputs.ts).
  const shape = resultShape(compiled.checked.policy);
  if (format === 'xlsx') {
    const t = toTable(result, shape);
    return writeOut(out!, (target) => writeResultsWorkbook(target, [{ name: 'results', rows: [t.header, ...t.rows] }], lang), lang, io);
  }
  if (format === 'json') return emitChunks(jsonRowChunks(result, shape), out, lang, io);
  const text = format === 'csv' ? toCsv(toTable(result, shape))
    : toTerminalTable(toTable(result, shape)) + '\n';
  return emit(text, out, lang, io);
}

export const runCommand: Command = {
  name: 'run',
  summary: { zh: '按月计算每人的职级、星级、得分与工资', en: "compute each person's month: tier, star, score, pay lines and total" },
  description: {
    zh: '先按策略所读的内容校验数据（一次列出全部问题，有问题则不计算），再按月计算每人的职级、星级、得分、\n各项工资与合计、标记与变动。xlsx 写入 --out 给出的文件。',
    en: "validate the data against what the policy reads (every problem at once, nothing computed on error), then compute\neach person's month: tier, star, score, every pay line and the total, flags and changes. xlsx is written to --out.",
  },
  positionals: { min: 1, max: 1, name: { zh: '策略文件', en: 'policy file' } },
  options: [DATA, FROM, TO, formatOption(['table', 'csv', 'json', 'xlsx']), OUT],
  run: runPolicy,
};
