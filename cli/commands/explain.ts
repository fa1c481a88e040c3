// `ladder explain`: how each pay line of one person's month was computed — the rule's line, its formula, the values read.

import type { Command, CommandArgs, Io } from '../args.ts';
import type { Lang } from '../../compiler/diagnostics/catalogue.ts';
import { explain, renderExplain } from '../../runtime/explain.ts';
import { compileAndRun, dataOptionsOf } from '../pipeline.ts';
import { DATA, EMPLOYEE, MONTH } from './options.ts';

async function explainMonth(args: CommandArgs, lang: Lang, io: Io): Promise<number> {
  const employee = args.option('employee')!;
  const month = args.option('month')!;
  const loaded = await compileAndRun(args.positionals[0]!, dataOptionsOf(args), lang, io);
  if (typeof loaded === 'number') return loaded;
  const { compiled, population, result } = loaded;
  const person = population.people.findIndex((p) => p.id === employee);
  const m = population.months.indexOf(month);
  if (person < 0 || m < 0 || !population.present[m]![person]) {
    io.err(lang === 'zh' ? `数据中没有 ${employee} 在 ${month} 的记录` : `the data has no row for ${employee} in ${month}`);
    return 1;
  }
  // Both languages unless one was asked for (--lang): an explanation is often passed between HR and engineers.
  io.out(renderExplain(explain(compiled.checked, compiled.ruleSet, population, result, person, m), args.option('lang') !== undefined ? lang : undefined));
  return 0;
}

export const explainCommand: Command = {
  name: 'explain',
  summary: { zh: '说明某人某月每一项工资是怎样算出来的', en: "show how each pay line of one person's month was computed" },
  description: {
    zh: '说明某人某月每一项工资是怎样算出来的：规则所在行、公式、用到的数值（if 只显示该月走的分支），\n以及星级或职级从何而来（哪次评定或调整、何时、门槛与名额）。',
    en: "show how each pay line of one person's month came out: the rule's line, its formula and every value it read (of an\nif, only the branch the month took), and where the star or tier came from (the rating or move, when, gates and quotas).",
  },
  positionals: { min: 1, max: 1, name: { zh: '策略文件', en: 'policy file' } },
  options: [DATA, { ...EMPLOYEE, required: true }, { ...MONTH, required: true }],
  run: explainMonth,
};
