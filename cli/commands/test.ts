// `ladder test`: the `tests:` examples written in policy files, with the values that differ and their lines.

import type { Command, Io } from '../args.ts';
import type { Lang } from '../../compiler/diagnostics/catalogue.ts';
import { renderDiagnostic } from '../../compiler/diagnostics/render.ts';
import { positionOf } from '../../compiler/source/source.ts';
import { runPolicyTests } from '../../runtime/policy-tests.ts';
import { expandPolicies, readPolicy } from '../pipeline.ts';

function test(paths: readonly string[], lang: Lang, io: Io): number {
  const files = expandPolicies(paths);
  let failed = 0;
  let passed = 0;
  let skipped = 0;
  let ioFailed = false;
  for (const path of files) {
    const result = readPolicy(path, io, lang);
    if (!result) { ioFailed = true; continue; }
    if (!result.ok) {
      const files = new Map([[result.file.name, result.file]]);
      for (const d of result.diagnostics.filter((x) => x.severity === 'error')) io.out(renderDiagnostic(d, files, { lang }));
      failed++;
      continue;
    }
    for (const t of runPolicyTests(result)) {
      const at = positionOf(result.file, t.span.start);
      if (t.status === 'pass') { passed++; io.out(`✓ ${path}:${at.line} ${t.name}`); continue; }
      if (t.status === 'skip') { skipped++; io.out(`- ${path}:${at.line} ${t.name} (${lang === 'zh' ? '跳过：需要多月或全员数据' : 'skipped'}: ${t.reason})`); continue; }
      failed++;
      io.out(`✗ ${path}:${at.line} ${t.name}`);
      for (const d of t.differences) {
        const p = positionOf(result.file, d.span.start);
        io.out(lang === 'zh'
          ? `    ${d.what}：期望 ${d.expected}，实际 ${d.actual}（第 ${p.line} 行）`
          : `    ${d.what}: expected ${d.expected}, got ${d.actual} (line ${p.line})`);
      }
    }
  }
  io.out(lang === 'zh' ? `通过 ${passed}，失败 ${failed}，跳过 ${skipped}` : `${passed} passed, ${failed} failed, ${skipped} skipped`);
  if (ioFailed) return 2;
  return failed ? 1 : 0;
}

export const testCommand: Command = {
  name: 'test',
  summary: { zh: '运行策略文件中的 tests: 示例', en: 'run the tests: examples written in policy files' },
  description: {
    zh: '运行每个策略文件的 tests: 示例，列出与期望不同的值及其所在行；有失败时退出码为 1。\n读取往月（avg(score, 上季度)）或其他人（rank、名额、评奖）的示例记为跳过——请用 ladder run 在数据上运行。',
    en: 'run the tests: examples of each policy file and show the values that differ, with their lines; exit 1 on a failure.\nAn example that reads past months (avg(score, 上季度)) or other people (rank, quotas, awards) is skipped: run it over data.',
  },
  positionals: { min: 1, max: Infinity, name: { zh: '策略文件或目录', en: 'policy file or folder' } },
  options: [],
  run: (args, lang, io) => test(args.positionals, lang, io),
};
