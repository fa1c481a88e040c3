// `ladder payslip`: each employee's statement for a month (工资条) — every line, how it is computed, what it read.

import { writeFileSync } from 'node:fs';
import type { Command, CommandArgs, Io } from '../args.ts';
import { usageError } from '../args.ts';
import type { Lang } from '../../compiler/diagnostics/catalogue.ts';
import { payslipText, payslips } from '../../runtime/payslip.ts';
import { payslipsWorkbook } from '../../runtime/payslip-sheet.ts';
import { payslipsHtml } from '../../runtime/simulate/html.ts';
import { emit, writeOut } from '../output.ts';
import { compileAndRun, dataOptionsOf } from '../pipeline.ts';
import { DATA, EMPLOYEE, MONTH, OUT, formatOption, needsOut } from './options.ts';

async function payslipsOfMonth(args: CommandArgs, lang: Lang, io: Io): Promise<number> {
  const out = args.option('out');
  // An --out file named .xlsx is a workbook without saying so twice.
  const format = args.option('format') ?? (out === undefined ? 'text' : /\.xlsx$/i.test(out) ? 'xlsx' : 'html');
  const month = args.option('month')!;
  const employee = args.option('employee');
  if ((format === 'html' || format === 'xlsx') && out === undefined) { io.err(usageError('payslip', lang, needsOut(format))); return 2; }
  const loaded = await compileAndRun(args.positionals[0]!, dataOptionsOf(args), lang, io);
  if (typeof loaded === 'number') return loaded;
  const { compiled, population, result } = loaded;
  const m = population.months.indexOf(month);
  const slips = m < 0 ? [] : payslips(compiled.checked, compiled.ruleSet, population, result, m, employee);
  if (!slips.length) {
    io.err(lang === 'zh' ? `数据中没有${employee !== undefined ? ` ${employee} ` : '任何人'}在 ${month} 的记录` : `the data has no row${employee !== undefined ? ` for ${employee}` : ''} in ${month}`);
    return 1;
  }
  if (format === 'xlsx') {
    const bytes = await payslipsWorkbook(slips, lang);
    return writeOut(out!, (target) => writeFileSync(target, bytes), lang, io);
  }
  const title = `${compiled.checked.policy.meta.name} ${month} 工资条 payslips`;
  const text = format === 'json' ? JSON.stringify({ month, payslips: slips }, null, 2) + '\n'
    : format === 'html' ? payslipsHtml(slips, title)
    : slips.map((s) => payslipText(s, lang)).join('\n\n') + '\n';
  return emit(text, out, lang, io);
}

export const payslipCommand: Command = {
  name: 'payslip',
  summary: { zh: '每人当月的工资条', en: "each employee's statement (payslip) for a month" },
  description: {
    zh: '每人当月的工资条：各项金额、计算方式与用到的数值、应发合计、职级星级变动与标记。\nhtml 为一个独立文件，每人一页，可打印；xlsx 为 Excel 工资条：每人一块（表头、金额、空行），\n含应发、扣款、实发，横向 A4 打印。html 与 xlsx 需 --out。',
    en: "each employee's statement for the month: every line's amount, how it is computed and the values it read, the total,\ntier/star changes and flags. html is one self-contained file, a printed page per person; xlsx is Excel payslip strips:\na block per person (header, amounts, blank row) with gross, deductions and net, printed A4 landscape. html and xlsx\nneed --out.",
  },
  positionals: { min: 1, max: 1, name: { zh: '策略文件', en: 'policy file' } },
  options: [
    DATA, { ...MONTH, required: true }, { ...EMPLOYEE, help: { zh: '只出此人的工资条', en: "only this employee's payslip" } },
    formatOption(['text', 'html', 'json', 'xlsx'], { zh: '输出格式（默认 text；给出 --out 时默认 html，文件名以 .xlsx 结尾时为 xlsx）', en: 'output format (default text; with --out, html, or xlsx for a file named .xlsx)' }),
    OUT,
  ],
  run: payslipsOfMonth,
};
