import { describe, expect, it } from 'vitest';
import { DiagnosticBag } from '../../compiler/diagnostics/diagnostic.ts';
import { parseExpression } from '../../compiler/expr/parse.ts';
import { printExpression } from '../../compiler/expr/print.ts';
import { syntheticSource } from '../../compiler/yaml/nodes.ts';
import { codesAt, compileText, policyWith } from '../helpers.ts';

function parse(text: string) {
  const bag = new DiagnosticBag();
  const r = parseExpression(syntheticSource(text, { file: 'x', start: 0, end: 0 }), bag);
  return { tree: r?.tree, codes: bag.items.map((d) => d.code) };
}

describe('literals with units', () => {
  it.each([
    ['1200元', 1200, 'yuan'], ['¥1200.5', 1200.5, 'yuan'], ['0.3%', 0.3, 'percent'], ['3个月', 3, 'months'],
    ['3 months', 3, 'months'], ['2年', 2, 'years'], ['5分', 5, 'points'], ['3次', 3, 'times'], ['4星', 4, 'stars'],
    ['4★', 4, 'stars'], ['１２００元', 1200, 'yuan'], ['80', 80, null],
  ])('%s', (text, value, unit) => {
    const { tree } = parse(text);
    expect(tree).toMatchObject({ kind: 'number', value, unit });
  });
  it('an English unit word must end at a word boundary', () => {
    expect(parse('3 monthsx').codes).toEqual(['L020']);
  });
});

describe('operators and precedence', () => {
  it.each([
    ['1 + 2 * 3', '1 + 2 * 3'],
    ['(1 + 2) * 3', '(1 + 2) * 3'],
    ['a - (b - c)', 'a - (b - c)'],
    ['not a and b', 'not a and b'],
    ['not (a and b)', 'not (a and b)'],
    ['如果 全勤 那么 200元 否则 0元', 'if 全勤 then 200元 else 0元'],
    ['if a then 1 elif b then 2 else 3', 'if a then 1 else if b then 2 else 3'],
    ['score ≥ 90 且 满意度 ≠ 100%', 'score >= 90 and 满意度 != 100%'],
    ['（score － 80）× 10元', '(score - 80) * 10元'],
    ['(score − 80) ÷ 2', '(score - 80) / 2'],
    ['score in [80, 90)', 'score in [80, 90)'],
    ['x in (-∞, 60]', 'x in (-∞, 60]'],
    ['x in [90, )', 'x in [90, ∞)'],
    ['星级绩效[star] * score%', '星级绩效[star] * score%'],
    ['praise.company', 'praise.company'],
    ['「工艺算料，沟通能力」 + 1', '「工艺算料,沟通能力」 + 1'],
    ['`a b` * 2', '「a b」 * 2'],
  ])('%s prints as %s', (text, printed) => {
    const { tree, codes } = parse(text);
    expect(codes).toEqual([]);
    expect(printExpression(tree!)).toBe(printed);
  });

  it.each([['a +', 'L020'], ['x $ y', 'L021'], ['()', 'L020'], ['', 'L023'], ['('.repeat(60) + '1' + ')'.repeat(60), 'L022'], ['a < b < c', 'L020']])(
    '%s is an error %s', (text, code) => {
      expect(parse(text).codes).toEqual([code]);
    });
});

describe('positions survive normalisation', () => {
  it('points at the original column after full-width characters', () => {
    const r = compileText(policyWith('inputs:\n  score: number\npay:\n  绩效: （１２００元 × score％） + 满意\n'));
    // 满意 starts at column 26 of line 6 in the original text, counting each full-width character as one.
    expect(codesAt(r)).toEqual(['L030 6:26']);
  });
  it('points into quoted and block scalars', () => {
    const r = compileText(policyWith('pay:\n  a: "1元 + 未知"\n  b: |\n    1元 +\n    未知二\n'));
    expect(codesAt(r)).toEqual(['L030 4:12', 'L030 7:5']);
  });
});

describe('types and units', () => {
  const decl = 'inputs:\n  post_wage: money\n  score: number\n  satisfaction: percent\n  late: count\n  exam: points\n';
  it.each([
    ['post_wage + score%', ['L040']],
    ['post_wage * score%', []],
    ['post_wage * post_wage', ['L040']],
    ['(exam - 80分) * 10元', []],
    ['if satisfaction >= 95 then 1元 else 0元', ['L043']],
    ['if satisfaction >= 95% then 1元 else 0元', []],
    ['if late then 1元 else 0元', ['L041']],
    ['if late > 0 then 1元 else 5%', ['L040']],
    ['late + exam', ['L040']],
    ['min(post_wage, 1500元)', []],
    ['min(post_wage, 15%)', ['L040']],
    ['avg(post_wage, 上季度)', []],
    ['avg(post_wage, 3个月)', []],
    ['avg(post_wage, 3)', ['L042']],
    ['clamp((score - 80) * 10元, -300元, 300元)', []],
    ['if count(旷工) > 0 then 0元 else 200元', ['L035']],
    ['if count(reprimand, 12个月) = 0 then 100元 else 0元', []],
    ['if top(score, 10%) then 200元 else 0元', []],
    ['if rank(score, team) <= 3 then 200元 else 0元', []],
    ['if streak(score < 60) >= 3 then 0元 else 1元', []],
    ['round(post_wage * 1.5, 0)', []],
    ['floor(post_wage)', []],
    ['score', ['L084']],
  ])('%s', (formula, codes) => {
    const r = compileText(policyWith(`${decl}pay:\n  x: "${formula}"\n`));
    expect(r.diagnostics.filter((d) => d.code !== 'L091').map((d) => d.code)).toEqual(codes);
  });
});
