// YAML syntax errors at the line the author must change, with the fix, in Chinese and in English (issue 18).

import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.ts';
import { messageFor } from '../../compiler/diagnostics/diagnostic.ts';

const cases: { name: string; text: string; line: number; zh: string; en: string }[] = [
  { name: 'a dedented key', text: 'policy:\n  name: x\npay:\n  a: 1\n b: 2\n  c: 3\n', line: 5, zh: '改为 2 个空格', en: 'indent it by 2 spaces' },
  { name: 'a dedented section', text: 'policy:\n  name: x\n pay:\n  a: 1\n', line: 3, zh: '改为 0 个空格', en: 'indent it by 0 spaces' },
  { name: 'no space after a colon', text: 'policy:\n  name: x\npay:\n  a:1元\n  b: 2元\n', line: 4, zh: '冒号后缺少空格：写成“a: 1元”', en: "write 'a: 1元'" },
  { name: 'no space after a colon, key read on to the next line', text: 'policy:\n  name:x\n  other: 1\n', line: 2, zh: '写成“name: x”', en: "write 'name: x'" },
  { name: 'a line indented under a key that has a value', text: 'policy:\n  name: x\n    other: 1\n', line: 3, zh: '这一行缩进多了', en: 'indented too far' },
  { name: 'an unclosed quote', text: 'policy:\n  name: "x\n  b: 1\n', line: 2, zh: '引号 " 没有闭合', en: 'is not closed' },
  { name: 'a tab', text: 'policy:\n\tname: x\n', line: 2, zh: '改用空格', en: 'indent with spaces' },
];

describe('YAML syntax errors', () => {
  for (const c of cases) {
    it(`${c.name}: one L004 at line ${c.line}, with the fix in each language`, () => {
      const r = compile({ name: 'p.yaml', text: c.text });
      const errs = r.diagnostics.filter((d) => d.code === 'L004');
      expect(errs).toHaveLength(1);
      const d = errs[0]!;
      expect(c.text.slice(0, d.span.start).split('\n').length).toBe(c.line);
      expect(messageFor(d, 'zh')).toContain(c.zh);
      expect(messageFor(d, 'en')).toContain(c.en);
      expect(messageFor(d, 'en')).not.toMatch(/缩进|空格|冒号|引号/);
    });
  }
});
