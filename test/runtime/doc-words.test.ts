// Expressions in plain words for the published policy document: one expression, its Chinese and its English.

import { describe, expect, it } from 'vitest';
import { DiagnosticBag } from '../../compiler/diagnostics/diagnostic.ts';
import { parseExpression } from '../../compiler/expr/parse.ts';
import { syntheticSource } from '../../compiler/yaml/nodes.ts';
import { ExpressionWords } from '../../runtime/doc/words.ts';
import { compileText, policyWith } from '../helpers.ts';

// Inputs with labels: the document names them by their labels.
const policy = compileText(policyWith('inputs:\n  score: { type: number, label: 考核分 }\n  late: { type: count, label: 迟到次数 }\n')).checked!.policy;

function words(text: string, lang: 'zh' | 'en', asCondition = false): string {
  const parsed = parseExpression(syntheticSource(text, { file: 'x', start: 0, end: 0 }), new DiagnosticBag());
  const w = new ExpressionWords(policy, lang);
  return asCondition ? w.condition(parsed!.tree) : w.expr(parsed!.tree);
}

describe('an expression in words', () => {
  it.each([
    ['星级绩效[star] * score%', '星级绩效[星级] × 考核分%', '星级绩效[star] × 考核分%'],
    ['if late = 0 then 200元 else 0元', '若 迟到次数 = 0 则 200元，否则 0元', 'if 迟到次数 = 0 then 200 yuan, otherwise 0 yuan'],
    ['a >= 90 and not b', 'a ≥ 90 且 非 b', 'a ≥ 90 and not b'],
    ['(a + b) / 2 != c', '(a + b) ÷ 2 ≠ c', '(a + b) ÷ 2 ≠ c'],
    ['x in [80, 91)', 'x ∈ [80, 91)', 'x ∈ [80, 91)'],
    ['count(违纪, 3个月) >= 1', '近3个月违纪的次数 ≥ 1', 'the number of times of 违纪 in the last 3 months ≥ 1'],
    ['avg(score, 上季度)', '上季度考核分的平均值', 'the average of 考核分 over the previous full quarter'],
    ['prev(score, 3)', '3个月前的考核分', '考核分 3 months earlier'],
    ['rank(score, team) <= 3', '考核分在本组的名次 ≤ 3', 'the rank of 考核分 in the team (grouped by team) ≤ 3'],
    ['streak(score < 60) >= 3', '连续「考核分 < 60」的月数 ≥ 3', 'the months in a row with (考核分 < 60) ≥ 3'],
    ['tenure >= 3个月', '入职满3个月', 'employed at least 3 months'],
    ['months_in_tier >= 1年', '任本职级满1年', 'in the tier at least 1 year'],
    ['clamp(x, 0元, 300元)', '限定(x，0元，300元)', 'clamp(x, 0 yuan, 300 yuan)'],
  ])('%s', (text, zh, en) => {
    expect(words(text, 'zh')).toBe(zh);
    expect(words(text, 'en')).toBe(en);
  });

  it('writes a condition\'s top-level and/or as clauses', () => {
    expect(words('a and b and (c or d)', 'zh', true)).toBe('a，且b，且(c 或 d)');
    expect(words('a and b and (c or d)', 'en', true)).toBe('a, and b, and (c or d)');
    expect(words('a or b and c', 'zh', true)).toBe('a，或b 且 c');
  });
});
