// `ladder diff`: what changed between two policies in HR's terms, and what it does to the same people's pay, and why.

import { writeFileSync } from 'node:fs';
import type { Command, CommandArgs, Io } from '../args.ts';
import { usageError } from '../args.ts';
import type { Lang } from '../../compiler/diagnostics/catalogue.ts';
import { policyChanges } from '../../runtime/simulate/changes.ts';
import { diffRuns, diffTables, whyPersonMoved, yuan } from '../../runtime/simulate/report.ts';
import { diffHtml } from '../../runtime/simulate/html.ts';
import { toCsv, toTerminalTable } from '../../runtime/results.ts';
import { writeResultsWorkbook } from '../data-files.ts';
import { emit, writeOut } from '../output.ts';
import { compileAndRun, dataOptionsOf, sharedData } from '../pipeline.ts';
import { DATA, EMPLOYEE, FROM, OUT, TO, formatOption, needsOut } from './options.ts';

async function diff(args: CommandArgs, lang: Lang, io: Io): Promise<number> {
  const [oldPath, newPath] = [args.positionals[0]!, args.positionals[1]!];
  const format = args.option('format') ?? 'table';
  const outFile = args.option('out');
  if ((format === 'html' || format === 'xlsx') && outFile === undefined) { io.err(usageError('diff', lang, needsOut(format))); return 2; }
  const options = dataOptionsOf(args);
  const shared = sharedData(options);
  const before = await compileAndRun(oldPath, options, lang, io, shared);
  if (typeof before === 'number') return before;
  const after = await compileAndRun(newPath, options, lang, io, shared);
  if (typeof after === 'number') return after;
  const changes = policyChanges(before.compiled.checked, after.compiled.checked);
  const report = diffRuns(changes, { ruleSet: before.compiled.ruleSet, population: before.population, result: before.result }, { ruleSet: after.compiled.ruleSet, population: after.population, result: after.result });
  const employee = args.option('employee');
  const why = employee !== undefined
    ? whyPersonMoved(employee, changes, { checked: before.compiled.checked, result: before.result }, { checked: after.compiled.checked, result: after.result })
    : undefined;
  if (format === 'json') {
    return emit(JSON.stringify({ ...report, ...(why ? { employee, why } : {}) }, null, 2) + '\n', outFile, lang, io);
  }
  if (format === 'html') {
    const html = diffHtml(report, `${before.compiled.checked.policy.meta.name} → ${after.compiled.checked.policy.meta.name}`);
    return writeOut(outFile!, (target) => writeFileSync(target, html), lang, io);
  }
  if (format === 'csv') {
    // One line per person: the period totals before and after, and the change.
    const [header = [], ...rows] = diffTables(report)[2]!.rows.map((r) => r.map(String));
    const table = { header, rows };
    if (outFile !== undefined) return writeOut(outFile, (target) => writeFileSync(target, toCsv(table)), lang, io);
    io.out(toCsv(table).trimEnd());
    return 0;
  }
  if (format === 'xlsx') return writeOut(outFile!, (target) => writeResultsWorkbook(target, diffTables(report), lang), lang, io);
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
  return emit(out.join('\n') + '\n', outFile, lang, io);
}

export const diffCommand: Command = {
  name: 'diff',
  summary: { zh: '规则改了什么、对同一批人的工资影响', en: "what changed between two policies and what it does to pay" },
  description: {
    zh: '以 HR 的用语列出两个策略之间的规则变更，以及对同一批人的影响：各月工资总额、每人差额分布\n（最小、p10、中位数、p90、最大）、增减最多的人、职级/星级/晋降人数；给出 --employee 时说明哪些变更改动了此人的各项工资。\nhtml 与 xlsx 写入 --out 给出的文件。',
    en: "what changed between two policies in HR's terms, and its effect on the same people: payroll by month, the per-person\nchange (min, p10, median, p90, max), who gains and loses most, tier/star/move counts; with --employee, which changed\nrules moved that person's pay lines. html and xlsx are written to --out.",
  },
  positionals: { min: 2, max: 2, name: { zh: '策略文件（旧、新）', en: 'policy files (old, new)' } },
  options: [DATA, { ...EMPLOYEE, help: { zh: '说明此人的工资为什么变了', en: "say why this employee's pay moved" } }, FROM, TO, formatOption(['table', 'json', 'csv', 'html', 'xlsx']), OUT],
  run: diff,
};
