// Unit hints are fixes that check (issue 19): the suggestion of L043 and of L040 on a number written in the wrong unit,
// put in place of the span it is reported at, gives a policy that compiles without that error.

import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.ts';

const policy = (formula: string) => `policy: { name: 单位提示 }
inputs:
  考核分: points
  满意度: percent
  底薪: money
  迟到: count
pay:
  奖金: if ${formula} then 100元 else 0元
  其他: 底薪 * 0% + 考核分 * 0元 + 满意度 * 0元 + 迟到 * 0元
`;

function applyHint(text: string, code: string): { fixed: string; suggestion: string } {
  const r = compile({ name: 'hint.yaml', text });
  const d = r.diagnostics.find((x) => x.code === code);
  expect(d, `${code} in ${text}`).toBeDefined();
  expect(d!.suggestion, `${code} has a suggestion`).toBeDefined();
  return { fixed: text.slice(0, d!.span.start) + d!.suggestion! + text.slice(d!.span.end), suggestion: d!.suggestion! };
}

describe('unit hints that check', () => {
  const cases: [formula: string, code: string, fix: string][] = [
    ['考核分 >= 75%', 'L040', '75分'],
    ['75% <= 考核分', 'L040', '75分'],
    ['满意度 >= 95', 'L043', '95%'],
    ['满意度 >= 0.95', 'L043', '95%'],
    ['迟到 > 2%', 'L040', '2次'],
    ['底薪 > 3000分', 'L040', '3000元'],
    ['考核分 >= 75分 and 满意度 < 80', 'L043', '80%'],
  ];
  for (const [formula, code, fix] of cases) {
    it(`${formula}: ${code} proposes ${fix}, which checks`, () => {
      const { fixed, suggestion } = applyHint(policy(formula), code);
      expect(suggestion).toBe(fix);
      const again = compile({ name: 'fixed.yaml', text: fixed });
      expect(again.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([]);
    });
  }
});
