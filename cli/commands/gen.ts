// `ladder gen`: a synthetic population in the standard data model, for the given policies (every bundled one by default).

import type { Command, CommandArgs, Io } from '../args.ts';
import { usageError } from '../args.ts';
import type { Lang } from '../../compiler/diagnostics/catalogue.ts';
import type { CompileResult } from '../../compiler/compile.ts';
import { parseGenOptions } from '../../runtime/gen/options.ts';
import { generatePopulation } from '../../runtime/gen/population.ts';
import { type GenFormat, bundledPolicyFiles, policyFilesOf, writePopulation } from '../gen.ts';
import { cannotWrite } from '../output.ts';
import { bundledPoliciesFolder, readPolicy, reportCompileErrors } from '../pipeline.ts';
import { FROM, formatOption } from './options.ts';

async function gen(args: CommandArgs, lang: Lang, io: Io): Promise<number> {
  const bad = (text: { zh: string; en: string }) => { io.err(usageError('gen', lang, text)); return 2; };
  const parsed = parseGenOptions({ people: args.option('people'), months: args.option('months'), seed: args.option('seed'), from: args.option('from') });
  if (!parsed.ok) return bad({ zh: parsed.problems.map((p) => p.zh).join('；'), en: parsed.problems.map((p) => p.en).join('; ') });
  const { people, months, seed, from } = parsed.options;
  const out = args.option('out')!;
  const format = (args.option('format') ?? 'csv') as GenFormat;
  const given = args.list('policy');
  let files: string[];
  try {
    files = given.length ? policyFilesOf(given) : bundledPolicyFiles(bundledPoliciesFolder());
  } catch (e) {
    io.err(lang === 'zh' ? `无法读取策略目录：${(e as NodeJS.ErrnoException).code ?? e}` : `cannot read the policies: ${(e as NodeJS.ErrnoException).code ?? e}`);
    return 2;
  }
  if (!files.length) return bad({ zh: `${given.join(' ')} 中没有策略文件`, en: `no policy file in ${given.join(' ')}` });
  const policies: CompileResult[] = [];
  let failed = false;
  for (const file of files) {
    const compiled = readPolicy(file, io, lang);
    if (!compiled) return 2;
    if (!compiled.ok || !compiled.checked) {
      reportCompileErrors(compiled, lang, io);
      failed = true;
    }
    policies.push(compiled);
  }
  if (failed) return 1;
  const pop = generatePopulation({ people, months, startMonth: from, seed, policies, single: given.length > 0 && policies.length === 1 });
  try {
    await writePopulation(out, pop, format);
  } catch (e) {
    return cannotWrite(out, e, lang, io);
  }
  const n = [pop.employees.rows.length, pop.monthly.rows.length, pop.events.rows.length];
  io.out(lang === 'zh'
    ? `${n[0]} 人，${n[1]} 行月度数据，${n[2]} 条事件${pop.violations.length ? `，${pop.violations.length} 个策略的违纪` : ''} → ${out}`
    : `${n[0]} people, ${n[1]} monthly rows, ${n[2]} events${pop.violations.length ? `, violations for ${pop.violations.length} policies` : ''} → ${out}`);
  return 0;
}

export const genCommand: Command = {
  name: 'gen',
  summary: { zh: '生成一份模拟员工数据', en: 'write a synthetic population' },
  description: {
    zh: '生成一份模拟员工数据（标准数据模型）：多个组及组长、职级与序列、司龄与学历分布、试用期新人与离职、\n按人相关的月度得分与指标、考勤问题、违纪、不同客户的书面表扬、评分表各项评分；同一种子结果相同。\n只给一个 --policy 时使用其职级与星级、违纪直接写入 events，否则（默认为全部内置策略）职级留空，\n各策略的违纪写入 <目录>/violations/<策略>.csv',
    en: 'write a synthetic population in the standard data model: several teams with a lead each, tiers and tracks, tenure and\neducation spread, probation hires and leavers, correlated monthly scores and KPIs, attendance problems, violations,\npraise from distinct customers, score-sheet item ratings; the same seed gives the same files. With one --policy its\ntiers and stars are used and its violations go into events; otherwise (every bundled policy by default) tiers are\nblank and each policy\'s violations go to <folder>/violations/<policy>.csv',
  },
  positionals: { min: 0, max: 0, name: { zh: '', en: '' } },
  options: [
    { name: 'out', required: true, value: { zh: '<目录>', en: '<folder>' }, help: { zh: '写入的目录（或 xlsx/json 文件）', en: 'the folder (or xlsx/json file) to write' } },
    { name: 'people', value: { zh: 'N', en: 'N' }, help: { zh: '人数（默认 200）', en: 'number of people (default 200)' } },
    { name: 'months', value: { zh: 'M', en: 'M' }, help: { zh: '月数（默认 12）', en: 'number of months (default 12)' } },
    { name: 'seed', value: { zh: 'S', en: 'S' }, help: { zh: '随机种子（默认 1）', en: 'random seed (default 1)' } },
    { ...FROM, help: { zh: '起始月份（默认 2026-01）', en: 'the first month (default 2026-01)' } },
    formatOption(['csv', 'xlsx', 'json']),
    { name: 'policy', multiple: true, value: { zh: '<文件|目录>', en: '<file|folder>' }, help: { zh: '为这些策略生成（可多次给出；默认全部内置策略）', en: 'policies to generate for (may be repeated; default every bundled policy)' } },
  ],
  run: gen,
};
