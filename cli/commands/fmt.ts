// `ladder fmt`: policy files rewritten in place in the canonical layout (compiler/format/format.ts), each written
// whole or not at all; with --check nothing is written and the files that would change are listed.

import { readFileSync, writeFileSync } from 'node:fs';
import type { Command, Io } from '../args.ts';
import type { Lang } from '../../compiler/diagnostics/catalogue.ts';
import { renderDiagnostic } from '../../compiler/diagnostics/render.ts';
import { formatPolicy } from '../../compiler/format/format.ts';
import { createSourceFile } from '../../compiler/source/source.ts';
import { cannotWrite } from '../output.ts';
import { expandPolicies } from '../pipeline.ts';
import { writeWhole } from '../write-whole.ts';

async function fmt(paths: readonly string[], check: boolean, lang: Lang, io: Io): Promise<number> {
  const zh = lang === 'zh';
  const files = expandPolicies(paths);
  let ioFailed = false;
  let broken = 0;
  const unformatted: string[] = [];
  for (const path of files) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code ?? e;
      io.err(zh ? `无法读取文件 ${path}：${why}` : `cannot read ${path}: ${why}`);
      ioFailed = true;
      continue;
    }
    const result = formatPolicy(path, text);
    if (!result.ok) {
      // Not well-formed YAML: said where, and the file is left as it is.
      const source = new Map([[path, createSourceFile(path, text.replace(/^\uFEFF/, ''))]]);
      for (const d of result.diagnostics) io.err(renderDiagnostic(d, source, { lang }));
      io.err(zh ? `${path}：YAML 有错误，未格式化` : `${path}: not formatted: the YAML has errors`);
      broken++;
      continue;
    }
    if (!result.changed) continue;
    unformatted.push(path);
    if (check) { io.out(path); continue; }
    try {
      await writeWhole(path, (target) => writeFileSync(target, result.text));
      io.out(zh ? `已格式化 ${path}` : `formatted ${path}`);
    } catch (e) {
      cannotWrite(path, e, lang, io);
      ioFailed = true;
    }
  }
  if (check && unformatted.length) {
    io.err(zh
      ? `${unformatted.length} 个文件未按规范格式书写（ladder fmt 可改写）`
      : `${unformatted.length} file(s) not formatted (ladder fmt rewrites them)`);
  }
  if (ioFailed) return 2;
  return broken || (check && unformatted.length) ? 1 : 0;
}

export const fmtCommand: Command = {
  name: 'fmt',
  summary: { zh: '按规范格式改写策略文件', en: 'rewrite policy files in the canonical layout' },
  description: {
    zh: '按规范格式改写策略文件（或目录中的全部策略文件）：各节按参考手册的顺序排列，缩进两格，注释全部保留，\n取值不变；每个文件完整写入，否则保持原样。YAML 有语法错误的文件不改写（报告错误，退出码 1）。\n--check 不写入任何文件，列出需要改写的文件，有则退出码为 1。',
    en: 'rewrite policy files (or every policy file in a folder) in the canonical layout: sections in the order of the\nreference, 2-space indentation, every comment kept, no value changed; each file is written whole or left as it was.\nA file with YAML syntax errors is not rewritten (the errors are reported, exit 1).\nWith --check nothing is written: the files that would change are listed, and the exit code is 1 if there are any.',
  },
  positionals: { min: 1, max: Infinity, name: { zh: '策略文件或目录', en: 'policy file or folder' } },
  options: [{ name: 'check', help: { zh: '只检查：列出需要改写的文件，不写入', en: 'only check: list the files that would change, write nothing' } }],
  run: (args, lang, io) => fmt(args.positionals, args.flag('check'), lang, io),
};
