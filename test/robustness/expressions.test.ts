// Round trip of the expression language: random well-formed trees are printed, parsed and printed again; the texts
// and the trees (ignoring ids and offsets) must agree. Full-width spellings must parse to the half-width tree.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BinaryOp, Expr, Interval, Unit } from '../../compiler/expr/ast.ts';
import { isIdentifierText } from '../../compiler/expr/lexer.ts';
import { parseExpression } from '../../compiler/expr/parse.ts';
import { printExpression } from '../../compiler/expr/print.ts';
import { DiagnosticBag } from '../../compiler/diagnostics/diagnostic.ts';
import { span } from '../../compiler/source/source.ts';
import { syntheticSource } from '../../compiler/yaml/nodes.ts';

// ---------------------------------------------------------------------------------------------------------------
// Helpers

/** Drops what depends on where a node was written: ids and offsets. */
function normalise(e: unknown): unknown {
  if (Array.isArray(e)) return e.map(normalise);
  if (e === null || typeof e !== 'object') return e;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) {
    if (k === 'id' || k === 'start' || k === 'end' || k === 'nameStart' || k === 'calleeEnd') continue;
    out[k] = normalise(v);
  }
  return out;
}

function parse(text: string): { tree?: Expr; codes: string[] } {
  const bag = new DiagnosticBag();
  const parsed = parseExpression(syntheticSource(text, span('expr', 0, text.length)), bag);
  return { tree: parsed?.tree, codes: bag.items.map((d) => `${d.code} ${JSON.stringify(d.args)}`) };
}

function parseOk(text: string): Expr {
  const r = parse(text);
  expect(r.codes, `parsing ${JSON.stringify(text)}`).toEqual([]);
  expect(r.tree, `parsing ${JSON.stringify(text)}`).toBeDefined();
  return r.tree!;
}

// The expression text is NFKC-normalised (and a few characters mapped) before lexing, so generated names and strings
// stay within characters that normalisation leaves alone.
const MAPPED_BY_NORMALISER = new Set(['\u2212', '\u2013', '\u3000', '\u00b7', '\u3002']);
function stable(s: string): boolean {
  if (s.normalize('NFKC') !== s) return false;
  for (const ch of s) if (ch.normalize('NFKC') !== ch || MAPPED_BY_NORMALISER.has(ch)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Arbitraries

const UNITS: Unit[] = ['yuan', 'percent', 'permille', 'months', 'years', 'quarters', 'days', 'points', 'times', 'stars', 'people'];
const BINARY_OPS: BinaryOp[] = ['+', '-', '*', '/', '=', '!=', '<', '<=', '>', '>=', 'and', 'or'];

const FIXED_NAMES = [
  'score', 'post_wage', '_x', 'x1', 'iff', 'inside', 'notes', 'orange', 'android', 'thenceforth', 'elsewhere', 'trueish',
  '星级绩效', '岗位工资', '全勤', '考核分', '且慢', '或许', '非常', '真实', '假期', '属于我', '如果说', '元宝', '分数', '次数', '个月数',
  // need quoting
  'if', 'then', 'else', 'elif', 'and', 'or', 'not', 'in', 'true', 'false', 'inf', '∞', '如果', '那么', '否则', '且', '或', '非', '属于', '真', '假',
  'a b', '3x', 'x-y', 'a.b', '工资(税前)', '奖金%', '2024年度', 'x+y', "it's", 'a"b', 'back\\slash', '「inner', 'close」bracket', 'x`y', '$', '{}', '#1',
];

const nameText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FIXED_NAMES) },
  {
    weight: 1,
    arbitrary: fc.string({ unit: fc.constantFrom(...'abcxyz_019 -+*/.,()[]「`"\'%张王星级绩效工资元分'.split('')), minLength: 1, maxLength: 8 })
      .filter((s) => s.trim() === s && s.length > 0 && !(s.includes('`') && s.includes('」')) && stable(s)),
  },
  {
    weight: 1,
    arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 })
      .filter((s) => s.trim() === s && s.length > 0 && !/[\n\r`」\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(s) && stable(s)),
  },
);

const stringValue = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.constantFrom('', 'A', '优秀', 'a"b', "it's", 'back\\slash', 'tab\there', 'line\nbreak', '\\n', '「x」', '`y`', 'x\u2028y', '100%'),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
).filter((s) => stable(s) && !/[\r\p{Zl}\p{Zp}]/u.test(s.replace(/\u2028/g, '')));

const numberValue = fc.oneof(
  fc.nat({ max: 1_000_000 }),
  fc.nat({ max: 1_000_000 }).map((n) => n / 100),
  fc.nat({ max: 100_000 }).map((n) => n / 1000),
  fc.constantFrom(0, 1, 0.5, 85, 1200, 2147483648, 9007199254740991),
);

let nextId = 0;
const node = <E extends Expr>(e: Omit<E, 'id' | 'start' | 'end'> & Partial<Pick<E, 'start' | 'end'>>): E => ({ id: nextId++, start: 0, end: 0, ...e }) as unknown as E;

const nameNode = nameText.map((name) => node<Extract<Expr, { kind: 'name' }>>({ kind: 'name', name, quoted: !isIdentifierText(name) }));

const { expr } = fc.letrec<{ expr: Expr; leaf: Expr; interval: Interval }>((tie) => ({
  leaf: fc.oneof(
    fc.record({ value: numberValue, unit: fc.option(fc.constantFrom(...UNITS), { nil: null }) }).map(({ value, unit }) => node<Expr>({ kind: 'number', value, unit } as never)),
    stringValue.map((value) => node<Expr>({ kind: 'string', value } as never)),
    fc.boolean().map((value) => node<Expr>({ kind: 'bool', value } as never)),
    nameNode,
  ),
  interval: fc.record({
    lo: fc.option(tie('expr'), { nil: null, freq: 3 }),
    hi: fc.option(tie('expr'), { nil: null, freq: 3 }),
    loClosed: fc.boolean(),
    hiClosed: fc.boolean(),
  }).map((r) => node<Interval>({ kind: 'interval', ...r })),
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.record({ object: tie('expr'), name: nameText }).map((r) => node<Expr>({ kind: 'member', ...r, nameStart: 0 } as never)),
    fc.record({ object: tie('expr'), key: tie('expr') }).map((r) => node<Expr>({ kind: 'index', ...r } as never)),
    fc.record({ callee: nameText, args: fc.array(tie('expr'), { maxLength: 3 }) }).map((r) => node<Expr>({ kind: 'call', ...r, calleeEnd: 0 } as never)),
    fc.record({ op: fc.constantFrom('-' as const, 'not' as const), operand: tie('expr') }).map((r) => node<Expr>({ kind: 'unary', ...r } as never)),
    // A percent of a bare unit-less number is excluded here: see the BUG test below.
    tie('expr').filter((e) => !(e.kind === 'number' && e.unit === null)).map((operand) => node<Expr>({ kind: 'percentOf', operand } as never)),
    fc.record({ op: fc.constantFrom(...BINARY_OPS), left: tie('expr'), right: tie('expr') }).map((r) => node<Expr>({ kind: 'binary', ...r } as never)),
    fc.record({ value: tie('expr'), range: tie('interval') }).map((r) => node<Expr>({ kind: 'in', ...r } as never)),
    tie('interval'),
    fc.record({ cond: tie('expr'), then: tie('expr'), else: tie('expr') }).map((r) => node<Expr>({ kind: 'if', ...r } as never)),
  ),
}));

// ---------------------------------------------------------------------------------------------------------------

const FULL_WIDTH: Record<string, string> = {
  '(': '（', ')': '）', ',': '，', '%': '％', '+': '＋', '-': '－', '>': '＞', '<': '＜', '=': '＝',
  ...Object.fromEntries('0123456789'.split('').map((d) => [d, String.fromCharCode(0xff10 + Number(d))])),
};

describe('print → parse → print', () => {
  it('random trees print, re-parse to the same tree and print to the same text', () => {
    fc.assert(fc.property(expr, (tree) => {
      const text1 = printExpression(tree);
      const parsed = parseOk(text1);
      const text2 = printExpression(parsed);
      expect(text2).toBe(text1);
      expect(normalise(parsed)).toEqual(normalise(tree));
    }), { numRuns: 5000 });
  });

  it('parsed offsets lie within the text and children lie within their parents', () => {
    fc.assert(fc.property(expr, (tree) => {
      const text = printExpression(tree);
      const parsed = parseOk(text);
      const walk = (e: Expr, lo: number, hi: number): void => {
        expect(e.start).toBeGreaterThanOrEqual(lo);
        expect(e.end).toBeLessThanOrEqual(hi);
        expect(e.start).toBeLessThanOrEqual(e.end);
        const kids: (Expr | null)[] = e.kind === 'member' ? [e.object] : e.kind === 'index' ? [e.object, e.key] : e.kind === 'call' ? [...e.args]
          : e.kind === 'unary' || e.kind === 'percentOf' ? [e.operand] : e.kind === 'binary' ? [e.left, e.right]
            : e.kind === 'interval' ? [e.lo, e.hi] : e.kind === 'in' ? [e.value, e.range] : e.kind === 'if' ? [e.cond, e.then, e.else] : [];
        for (const k of kids) if (k) walk(k, e.start, e.end);
      };
      walk(parsed, 0, text.length);
    }), { numRuns: 500 });
  });

  it('full-width digits, brackets, commas, %, +, -, >, <, = parse to the same tree as the half-width text', () => {
    fc.assert(fc.property(expr, fc.double({ min: 0, max: 1, noNaN: true }), (tree, share) => {
      const text = printExpression(tree);
      // Convert a random share of the convertible characters (all of them when share is 1), outside string
      // literals: a string keeps the text its author typed, full-width or not.
      const widen = (pick: () => boolean) => {
        let quote: string | undefined;
        let escaped = false;
        let nameClose: string | undefined; // inside 「…」 or `…` a quotation mark is part of the name
        return [...text].map((ch) => {
          if (quote) {
            if (escaped) escaped = false;
            else if (ch === '\\') escaped = true;
            else if (ch === quote) quote = undefined;
            return ch;
          }
          if (nameClose) { if (ch === nameClose) nameClose = undefined; }
          else if (ch === '「') nameClose = '」';
          else if (ch === '`') nameClose = '`';
          else if (ch === '"' || ch === "'") { quote = ch; return ch; }
          return FULL_WIDTH[ch] && pick() ? FULL_WIDTH[ch] : ch;
        }).join('');
      };
      let i = 0;
      const wide = widen(() => (i++ * 0.618) % 1 < share);
      const allWide = widen(() => true);
      const half = normalise(parseOk(text));
      expect(normalise(parseOk(wide))).toEqual(half);
      expect(normalise(parseOk(allWide))).toEqual(half);
    }), { numRuns: Number(process.env.FC_RUNS ?? 1000) });
  });

  it('hand-picked full-width spellings', () => {
    const same = (a: string, b: string) => expect(normalise(parseOk(a))).toEqual(normalise(parseOk(b)));
    same('（１＋２）＊３', '(1 + 2) * 3');
    same('score％ ＞＝ ８５％', 'score% >= 85%');
    same('x ＜＞ ５', 'x != 5');
    same('max（a，b，１２００元）', 'max(a, b, 1200元)');
    same('x in ［０，１００）', 'x in [0, 100)');
    same('－５', '-5');
    same('x in (－∞，５]', 'x in (-∞, 5]');
  });

  it('unbounded interval edges, grouping parentheses and negative literals parse as documented', () => {
    const t = parseOk('x in (-∞, 5]');
    expect(t.kind === 'in' && t.range.lo === null && t.range.hi !== null && !t.range.loClosed && t.range.hiClosed).toBe(true);
    const u = parseOk('x in [3, ∞)');
    expect(u.kind === 'in' && u.range.hi === null && u.range.loClosed && !u.range.hiClosed).toBe(true);
    expect(normalise(parseOk('((((a))))'))).toEqual(normalise(parseOk('a')));
    const neg = parseOk('-5');
    expect(neg.kind).toBe('unary');
    expect(neg.kind === 'unary' && neg.operand.kind === 'number' && neg.operand.value === 5).toBe(true);
  });

  it('printing numbers keeps their value for doubles in [1e-6, 1e15] and 0', () => {
    const doubles = fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e15, noNaN: true, noDefaultInfinity: true }));
    fc.assert(fc.property(doubles, (value) => {
      const tree = node<Expr>({ kind: 'number', value, unit: null } as never);
      const parsed = parseOk(printExpression(tree));
      expect(parsed.kind === 'number' && parsed.value).toBe(value === 0 ? 0 : value);
    }), { numRuns: Number(process.env.FC_RUNS ?? 1000) });
  });

  // Was a bug (fixed): printNumber is lossy outside roughly [1e-20, 1e21): a literal with 22 digits, `1000000000000000000000`,
  // parses to 1e21 and prints as `1e+21`, which the lexer reads as `1`, a name `e`, `+`, `21`; a literal
  // `0.0000000000000000000000001` (1e-25) prints as `0`. Expected: print → parse gives back the same value.
  // (No real policy has such numbers; the printer is used for diagnostics and band keys.)
  it('fixed: a 22-digit integer literal survives print → parse', () => {
    const tree = parseOk('1000000000000000000000');
    expect(printExpression(tree)).toBe('1000000000000000000000');
    expect(normalise(parseOk(printExpression(tree)))).toEqual(normalise(tree));
  });

  it('fixed: a literal smaller than 1e-20 survives print → parse', () => {
    const tree = parseOk('0.0000000000000000000000001');
    expect(normalise(parseOk(printExpression(tree)))).toEqual(normalise(tree));
  });

  // Was a bug (fixed): the printer writes a percent-of applied to a bare number as `5%`, which the lexer reads as the number 5 with
  // the unit percent, a different tree. Minimal input: parse `(5)%` → percentOf(number 5, unit null); print → `5%`;
  // parse again → number(5, unit percent). Expected the printer to keep the tree, e.g. by printing `(5)%`.
  it('fixed: percent-of a unit-less number literal survives print → parse', () => {
    const tree = parseOk('(5)%');
    expect(tree.kind).toBe('percentOf');
    const again = parseOk(printExpression(tree));
    expect(normalise(again)).toEqual(normalise(tree));
  });
});
