// Hostile names and strings: prototype keys, quotes, comment markers, template syntax, line separators and code
// injection attempts used as every kind of name a policy has. The compiled rule set must compute exactly the same
// numbers as with harmless names, must not run or be broken by the text, and must carry it only as escaped literals.

import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { compile, type CompileResult } from '../../compiler/compile.ts';
import type { Expr } from '../../compiler/expr/ast.ts';
import { printExpression, printName } from '../../compiler/expr/print.ts';
import { evaluateMonth } from '../../runtime/month.ts';
import { runPolicyTests } from '../../runtime/policy-tests.ts';

const HOSTILE: readonly string[] = [
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf',
  '"', "'", '\\', '*/', '/*', '`', '${process.exit(1)}', '"); globalThis.pwned = 1; ("', "'); globalThis.pwned = 1; ('",
  '`; globalThis.pwned = 1; `', '\n', '\u2028', '\u2029', '</script>', '<!--', '\\u0022', '\\"', '\r\n', '\0',
];

const ROLES = ['input', 'enumValue', 'event', 'track', 'tier', 'value', 'string', 'table', 'enumTable', 'band', 'bandValue', 'sheet', 'section', 'item', 'pay', 'test', 'policy'] as const;
type Role = (typeof ROLES)[number];

/** The policy's names: harmless ones, with `hostile` used for the roles asked for. */
function namesFor(hostile: string, roles: ReadonlySet<Role>): Record<Role, string> {
  const safe: Record<Role, string> = {
    input: '岗位工资', enumValue: 'A', event: '表扬', track: '客服', tier: '高级', value: '双倍', string: '说明', table: '职级表',
    enumTable: '等级表', band: '分档', bandValue: '低', sheet: '考核表', section: '态度', item: '礼貌', pay: '基本工资', test: '示例', policy: '策略',
  };
  const out = { ...safe };
  for (const r of roles) out[r] = r === 'tier' || r === 'bandValue' || r === 'enumValue' ? hostile : `${safe[r]}${hostile}尾`;
  return out;
}

interface Built {
  readonly text: string;
  readonly names: Record<Role, string>;
  readonly monthInputs: Record<string, unknown>;
}

function build(names: Record<Role, string>): Built {
  const q = printName;
  const str = printExpression({ kind: 'string', value: names.string, id: 0, start: 0, end: 0 } as Expr);
  const doc = {
    policy: { name: names.policy },
    inputs: {
      [names.input]: { type: 'money', label: names.input },
      分数: { type: 'number' },
      等级: { type: 'enum', values: [names.enumValue, 'B'] },
    },
    events: { [names.event]: { label: names.event } },
    ladder: { tracks: { [names.track]: ['初级', names.tier] } },
    values: {
      [names.value]: `${q(names.input)} * 2`,
      [`${names.value}文本`]: str,
      // A dated value (its amounts are literals in the generated code, found by index, never by name).
      [`${names.value}线`]: { formula: '0元', changes: { '2026-01': '0元' } },
    },
    tables: {
      // Dated rows keyed by the (hostile) tier: the same amounts from the test's month, so the totals do not move.
      [names.table]: { by: 'tier', unit: 'money', rows: { 初级: 100, [names.tier]: 200 }, changes: { '2026-01': { [names.tier]: 200 } } },
      [names.enumTable]: { by: '等级', unit: 'money', rows: { [names.enumValue]: 7, B: 3 } },
    },
    bands: { [names.band]: { of: '分数', bands: [{ range: '(-∞, 60)', value: names.bandValue }, { range: '[60, ∞)', value: '高' }] } },
    score_sheets: { [names.sheet]: { sections: { [names.section]: { weight: '100%', items: { [names.item]: 100 } } } } },
    pay: {
      [names.pay]: `${q(names.value)} + ${q(names.table)}[tier] + ${q(names.enumTable)}[等级] + ${q(`${names.value}线`)}`,
      奖励: `count(${q(names.event)}) * 1元`,
      评分: `${q(names.sheet)} * 1元`,
    },
    tests: [{
      name: names.test,
      state: { tier: names.tier },
      inputs: { [names.input]: 1000, 分数: 50, 等级: names.enumValue },
      events: [{ kind: names.event, count: 3 }],
      expect: { total: 2210, pay: { [names.pay]: 2207, 奖励: 3, 评分: 0 } },
    }],
  };
  return {
    text: stringify(doc),
    names,
    monthInputs: { [names.input]: 1000, 分数: 50, 等级: names.enumValue, [`${names.section}.${names.item}`]: 8 },
  };
}

/**
 * Hostile text that cannot be (or need not be accepted as) a name: nothing but spaces/line breaks once trimmed, when
 * used bare as a tier, enum value or band value; or containing a line break where a formula must reference the name
 * (a quoted name `「…」` cannot span lines); or a band value containing a digit. For these only "ordinary diagnostics, no crash, no pollution" is required.
 */
function questionable(hostile: string, roles: ReadonlySet<Role>): boolean {
  const blank = hostile.trim() === '';
  const referenced: Role[] = ['input', 'event', 'value', 'table', 'enumTable', 'sheet'];
  const lineBreak = /[\n\r]/.test(hostile) && referenced.some((r) => roles.has(r));
  const bareRole = (['tier', 'bandValue', 'enumValue'] as Role[]).some((r) => roles.has(r));
  // A band value with a digit in it is read as a (malformed) amount and reported as L015, by design.
  const digitBandValue = /\d/.test(hostile) && roles.has('bandValue');
  return (blank && bareRole) || lineBreak || digitBandValue;
}

const protoNamesBefore = Object.getOwnPropertyNames(Object.prototype).sort();
const protoDescriptorsBefore = Object.getOwnPropertyNames(Object.prototype).map((k) => [k, Object.getOwnPropertyDescriptor(Object.prototype, k)!.value]);

function expectNoPollution(): void {
  expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoNamesBefore);
  for (const [k, v] of protoDescriptorsBefore) expect(Object.getOwnPropertyDescriptor(Object.prototype, k as string)!.value).toBe(v);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
}

/** The generated code with every JSON string literal removed, and the literals themselves. */
function splitSource(source: string): { code: string; literals: string[] } {
  const literals: string[] = [];
  const code = source.replace(/"(?:[^"\\\n\u2028\u2029]|\\.)*"/g, (m) => { literals.push(m); return '0'; });
  return { code, literals };
}

function expectSafeSource(r: CompileResult, hostile: string): void {
  // The stages, and the rerun slices made from the same lines when a star or tier moves.
  expectSafeText(r.ruleSet!.source, hostile);
  expectSafeText(r.ruleSet!.reruns.source, hostile);
}

function expectSafeText(source: string, hostile: string): void {
  expect(() => new Function(source)).not.toThrow();
  expect(source).not.toMatch(/[\u2028\u2029]/);
  const { code, literals } = splitSource(source);
  // Every literal is valid JSON, i.e. the hostile text was escaped, not spliced.
  for (const l of literals) expect(() => JSON.parse(l)).not.toThrow();
  // Outside literals, the code is ours: no quote characters, comment markers or policy text left.
  expect(code).not.toMatch(/['`]|\/\*|\*\/|\/\/|<\/script|<!--/);
  if (hostile.trim() !== '' && hostile !== '\\') {
    const harmless = /^[\w$]+$/.test(hostile) ? new RegExp(`(?<![\\w$])${hostile.replace(/\$/g, '\\$')}(?![\\w$])`) : undefined;
    if (harmless) expect(code).not.toMatch(harmless);
    else expect(code.includes(hostile)).toBe(false);
  }
  // Where the policy text reached the code, it is there as a JSON-escaped literal.
  const appears = literals.map((l) => JSON.parse(l) as string).some((s) => s.includes(hostile));
  if (appears) expect(literals.some((l) => l.includes(JSON.stringify(hostile).slice(1, -1).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')))).toBe(true);
}

function expectExactResults(built: Built, r: CompileResult): void {
  const { names } = built;
  const res = evaluateMonth(r.ruleSet!, {
    inputs: built.monthInputs,
    state: { tier: names.tier },
    events: [{ kind: names.event }, { kind: names.event, count: 2 }, { kind: '__proto__' }, { kind: 'constructor' }],
  });
  expect(res.pay.lines).toEqual([
    { name: names.pay, amount: '2207.00' },
    { name: '奖励', amount: '3.00' },
    { name: '评分', amount: '8.00' },
  ]);
  expect(res.pay.total).toBe('2218.00');
  expect(res.values.get(names.value)).toBe(2000);
  expect(res.values.get(`${names.value}文本`)).toBe(names.string);
  expect(res.values.get(names.band)).toBe(names.bandValue);
  expect(res.values.get(names.sheet)).toBe(8);
  // The policy's own tests run too, and pass.
  const tests = runPolicyTests(r);
  expect(tests.map((t) => [t.name, t.status])).toEqual([[names.test, 'pass']]);
}

describe('hostile names and strings', () => {
  it('the harmless policy compiles and computes the expected month (control)', () => {
    const built = build(namesFor('', new Set()));
    const r = compile({ name: 'safe.yaml', text: built.text });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expectExactResults(built, r);
    expectSafeSource(r, '岗位工资');
  });

  for (const hostile of HOSTILE) {
    describe(`hostile text ${JSON.stringify(hostile)}`, () => {
      const cases: [string, Set<Role>][] = [
        ...ROLES.map((role): [string, Set<Role>] => [role, new Set([role])]),
        ['every role at once', new Set(ROLES)],
      ];
      for (const [label, roles] of cases) {
        it(`as ${label}`, () => {
          const built = build(namesFor(hostile, roles));
          let r: CompileResult | undefined;
          expect(() => { r = compile({ name: 'hostile.yaml', text: built.text }); }).not.toThrow();
          expectNoPollution();
          const codes = r!.diagnostics.map((d) => `${d.code} ${JSON.stringify(d.args)}`);
          expect(codes.filter((c) => c.startsWith('L099'))).toEqual([]);
          if (questionable(hostile, roles)) return;
          expect(r!.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${JSON.stringify(d.args)}`)).toEqual([]);
          expect(r!.ok).toBe(true);
          expectSafeSource(r!, hostile);
          expectExactResults(built, r!);
          expectNoPollution();
        });
      }
    });
  }

  it('string literals with hostile text inside formulas come out unchanged', () => {
    for (const hostile of HOSTILE) {
      const lit = printExpression({ kind: 'string', value: `x${hostile}y`, id: 0, start: 0, end: 0 } as Expr);
      const text = stringify({ policy: { name: 's' }, values: { s: lit } });
      const r = compile({ name: 's.yaml', text });
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const res = evaluateMonth(r.ruleSet!, { inputs: {}, state: {}, events: [] });
      expect(res.values.get('s'), JSON.stringify(hostile)).toBe(`x${hostile.replace(/\r\n/g, '\r\n')}y`);
      expectSafeSource(r, hostile);
    }
    expectNoPollution();
  });
});

// Was a bug found while writing these tests (fixed): comparing an enum with one of its values does not type-check in any
// spelling. Minimal input: `inputs: {grade: {type: enum, values: [A, B]}}`, `flags: {f: {when: "grade = A"}}` →
// L030 unknown name 'A'; `A = grade` → L030 as well; `grade = "A"` → L040 (enum vs text). Expected `grade = A` to
// compile (the checker's own comment gives `grade = A` as the example). Cause: compiler/check/formulas.ts binary():
// the side that is a bare unknown name is checked without the other side's type as a hint.
describe('enum comparisons', () => {
  it('fixed: `grade = A` compiles when A is a value of the enum input grade', () => {
    const text = 'policy:\n  name: x\ninputs:\n  grade: { type: enum, values: [A, B] }\nflags:\n  f: { when: "grade = A" }\n';
    const r = compile({ name: 'enum.yaml', text });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
