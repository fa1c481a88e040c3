// `ladder check`: every problem of each policy file, compiler style (file:line:col, the line, a caret), or as JSON.

import type { Command, Io } from '../args.ts';
import type { Lang } from '../../compiler/diagnostics/catalogue.ts';
import { messageFor, suggestionText } from '../../compiler/diagnostics/diagnostic.ts';
import { renderDiagnostic } from '../../compiler/diagnostics/render.ts';
import { positionOf } from '../../compiler/source/source.ts';
import { expandPolicies, readPolicy } from '../pipeline.ts';
import { formatOption } from './options.ts';

function check(files: readonly string[], format: string, lang: Lang, io: Io): number {
  let errors = 0;
  let warnings = 0;
  let ioFailed = false;
  const json: unknown[] = [];
  for (const path of files) {
    const result = readPolicy(path, io, lang);
    if (!result) { ioFailed = true; continue; }
    const files = new Map([[result.file.name, result.file]]);
    for (const d of result.diagnostics) {
      if (d.severity === 'error') errors++; else warnings++;
      if (format === 'json') {
        const pos = positionOf(result.file, d.span.start);
        const end = positionOf(result.file, d.span.end);
        json.push({
          file: d.span.file, line: pos.line, column: pos.column, endLine: end.line, endColumn: end.column,
          severity: d.severity, code: d.code, message: messageFor(d, lang), suggestion: d.suggestion ?? null,
          hint: suggestionText(d, lang) ?? null,
        });
      } else {
        io.out(renderDiagnostic(d, files, { lang }) + '\n');
      }
    }
  }
  if (format === 'json') io.out(JSON.stringify({ diagnostics: json }, null, 2));
  else {
    const summary = lang === 'zh'
      ? `${files.length} 个文件：${errors} 个错误，${warnings} 个警告`
      : `${files.length} file(s): ${errors} error(s), ${warnings} warning(s)`;
    io.out(summary);
  }
  if (ioFailed) return 2;
  return errors ? 1 : 0;
}

export const checkCommand: Command = {
  name: 'check',
  summary: { zh: '检查策略文件，报告全部问题', en: 'check policy files and report every problem' },
  description: {
    zh: '检查策略文件（或目录中的全部策略文件），按编译器的格式报告每个问题：文件:行:列、级别、代码、说明、\n所在行与标记；有错误时退出码为 1。',
    en: 'check policy files (or every policy file in a folder) and report each problem compiler style: file:line:col,\nseverity, code, message, the source line and a caret; exit 1 on any error.',
  },
  positionals: { min: 1, max: Infinity, name: { zh: '策略文件或目录', en: 'policy file or folder' } },
  options: [formatOption(['text', 'json'])],
  run: (args, lang, io) => check(expandPolicies(args.positionals), args.option('format') ?? 'text', lang, io),
};
