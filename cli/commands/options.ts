// Options several commands declare alike: the data, the months, the output file, one employee, one month.

import type { OptionSpec } from '../args.ts';

export const DATA: OptionSpec = {
  name: 'data', required: true, value: { zh: '<目录|.xlsx|.json>', en: '<folder|.xlsx|.json>' },
  help: { zh: '员工数据：CSV 文件所在目录、一个 .xlsx 工作簿或一个 JSON 文件', en: 'the data: a folder of CSV files, one .xlsx workbook or one JSON file' },
};
export const FROM: OptionSpec = {
  name: 'from', month: true, value: { zh: 'YYYY-MM', en: 'YYYY-MM' },
  help: { zh: '从该月起列出结果（之前的月份照算，季度平均等需要它们）', en: 'list results from this month on (earlier months are still computed: quarter averages need them)' },
};
export const TO: OptionSpec = {
  name: 'to', month: true, value: { zh: 'YYYY-MM', en: 'YYYY-MM' },
  help: { zh: '算到该月为止', en: 'compute up to this month' },
};
export const OUT: OptionSpec = {
  name: 'out', value: { zh: '<文件>', en: '<FILE>' },
  help: { zh: '写入该文件（完整写入，否则不留下文件）', en: 'write to this file (whole, or nothing is left of it)' },
};
export const EMPLOYEE: OptionSpec = { name: 'employee', value: { zh: '<工号>', en: '<ID>' }, help: { zh: '员工工号', en: 'the employee id' } };
export const MONTH: OptionSpec = { name: 'month', month: true, value: { zh: 'YYYY-MM', en: 'YYYY-MM' }, help: { zh: '月份', en: 'the month' } };

/** The --format option of a command: its own list of formats, the first the default unless said otherwise. */
export function formatOption(formats: readonly string[], note?: { zh: string; en: string }): OptionSpec {
  return {
    name: 'format', values: formats, value: { zh: formats.join('|'), en: formats.join('|') },
    help: note ?? { zh: `输出格式（默认 ${formats[0]}）`, en: `output format (default ${formats[0]})` },
  };
}

/** `--format X` writes a file: without --out it is a usage mistake. */
export function needsOut(format: string): { zh: string; en: string } {
  return { zh: `--format ${format} 写入文件，请给出 --out <文件>`, en: `--format ${format} writes a file: give --out FILE` };
}
