// `ladder quota`: what each star quota did at each rating — places, who reached the star, who was held back and why.

import type { Command, CommandArgs, Io } from '../args.ts';
import type { Lang } from '../../compiler/diagnostics/catalogue.ts';
import { heldBackTable, quotaReports, quotaSummary } from '../../runtime/quotas.ts';
import { toCsv, toTerminalTable } from '../../runtime/results.ts';
import { emit } from '../output.ts';
import { compileAndRun, dataOptionsOf } from '../pipeline.ts';
import { DATA, FROM, MONTH, OUT, TO, formatOption } from './options.ts';

async function quotasOfRun(args: CommandArgs, lang: Lang, io: Io): Promise<number> {
  const policyPath = args.positionals[0]!;
  const format = args.option('format') ?? 'table';
  const out = args.option('out');
  const month = args.option('month');
  const options = dataOptionsOf(args);
  const loaded = await compileAndRun(policyPath, options, lang, io);
  if (typeof loaded === 'number') return loaded;
  const { compiled, population, result } = loaded;
  if (!compiled.checked.policy.stars?.quota.length) {
    io.err(lang === 'zh' ? `${policyPath} 没有星级名额（stars.quota）` : `${policyPath} has no star quota (stars.quota)`);
    return 1;
  }
  const reports = quotaReports(compiled.checked, population, result, options.from)
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

export const quotaCommand: Command = {
  name: 'quota',
  summary: { zh: '每次星级评定时各名额的结果', en: 'what each star quota did at each rating' },
  description: {
    zh: '每次星级评定时各名额的结果：计入人数、名额数、达到人数，以及因名额降一星的人（名次与排名依据）。',
    en: 'what each star quota did at each rating: people counted, places, who reached the star, and who was held back one\nstar below (their place and rank key).',
  },
  positionals: { min: 1, max: 1, name: { zh: '策略文件', en: 'policy file' } },
  options: [DATA, { ...MONTH, help: { zh: '只列该月的评定', en: 'only the rating of this month' } }, FROM, TO, formatOption(['table', 'csv', 'json']), OUT],
  run: quotasOfRun,
};
