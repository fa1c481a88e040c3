// `ladder doc`: the policy as the document HR publishes (制度文本) — Markdown, one HTML page or a Word file.

import { writeFileSync } from 'node:fs';
import type { Command, CommandArgs, Io } from '../args.ts';
import { usageError } from '../args.ts';
import type { Lang } from '../../compiler/diagnostics/catalogue.ts';
import { buildPolicyDocument } from '../../runtime/doc/build.ts';
import { policyDocDocx } from '../../runtime/doc/docx.ts';
import { policyDocHtml } from '../../runtime/doc/html.ts';
import { policyDocMarkdown } from '../../runtime/doc/markdown.ts';
import { emit, writeOut } from '../output.ts';
import { readPolicy, reportCompileErrors } from '../pipeline.ts';
import { OUT, formatOption, needsOut } from './options.ts';

function formatOf(format: string | undefined, out: string | undefined): string {
  if (format !== undefined) return format;
  // An --out file named .docx or .html is that format without saying so twice.
  if (out !== undefined && /\.docx$/i.test(out)) return 'docx';
  if (out !== undefined && /\.html?$/i.test(out)) return 'html';
  return 'md';
}

async function policyDocument(args: CommandArgs, lang: Lang, io: Io): Promise<number> {
  const out = args.option('out');
  const format = formatOf(args.option('format'), out);
  if (format === 'docx' && out === undefined) { io.err(usageError('doc', lang, needsOut(format))); return 2; }
  const compiled = readPolicy(args.positionals[0]!, io, lang);
  if (!compiled) return 2;
  // Only a policy without errors is published: the document must say what the pay computes.
  if (!compiled.ok || !compiled.checked) { reportCompileErrors(compiled, lang, io); return 1; }
  const doc = buildPolicyDocument(compiled.checked, lang);
  if (format === 'docx') {
    const bytes = policyDocDocx(doc);
    return writeOut(out!, (target) => writeFileSync(target, bytes), lang, io);
  }
  return emit(format === 'html' ? policyDocHtml(doc) : policyDocMarkdown(doc), out, lang, io);
}

export const docCommand: Command = {
  name: 'doc',
  summary: { zh: '生成制度文本（发给员工的制度文件）', en: 'the policy as the document HR publishes to employees' },
  description: {
    zh: '把策略写成发给员工的制度文本：名称、公司、版本、有效期、目的；职级与序列、每条晋升/降级/定级/转正规则；\n每张薪酬表、分段、星级标准、扣分加分表与奖项列为表格；每个工资项目与计算项写成文字公式。每条编号，\n带规则编号（A1…E4）与策略文件的行号。只由检查通过的策略生成，文本与薪酬计算同源。\nmd 默认输出到标准输出；html 为一个可打印的独立页面；docx 为 Word 文件，需 --out。',
    en: "writes the policy as the document HR publishes to employees: name, company, version, dates, purpose; the tiers,\ntracks and every promotion, demotion, placement and probation rule; every pay table, band, star threshold table,\ndeduction/bonus table and award as a table; every pay line and value as a formula in words. Each clause is\nnumbered with its rule id (A1…E4) and its policy file:line. Made only from a policy without errors, so the\ndocument and the pay agree. md prints to standard output; html is one printable page; docx is a Word file and\nneeds --out.",
  },
  positionals: { min: 1, max: 1, name: { zh: '策略文件', en: 'policy file' } },
  options: [
    formatOption(['md', 'html', 'docx'], { zh: '输出格式（默认 md；--out 以 .docx 或 .html 结尾时为该格式）', en: 'output format (default md; docx or html for an --out file so named)' }),
    OUT,
  ],
  run: policyDocument,
};
