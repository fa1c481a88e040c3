// Issue 20, "bounded, exact and honest at the edges": each case here failed before its fix (an enumeration that ran
// out of memory, an internal error, a silently wrong amount) and now gets a proper diagnostic at its own place.

import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.ts';
import { positionOf } from '../../compiler/source/source.ts';

/** Each error as `code line:col`, for the assertions below. */
function codesAt(text: string): string[] {
  const r = compile({ name: 'edge.yaml', text });
  return r.diagnostics.filter((d) => d.severity === 'error').map((d) => { const p = positionOf(r.file, d.span.start); return `${d.code} ${p.line}:${p.column}`; });
}

const starPolicy = (levels: string, key = 'star') => `policy:
  name: x
inputs:
  score: number
stars:
  levels: ${levels}
tables:
  t: { by: star, unit: money, rows: { 0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 5 } }
pay:
  a: t[${key}]
`;

describe('star levels are bounded (0–20)', () => {
  it('a huge negative lowest level is L037 at the value, at once (it enumerated every level and ran out of memory)', () => {
    const t0 = performance.now();
    expect(codesAt(starPolicy('[-1e12, 5]'))).toEqual(['L037 6:12']);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
  it('a huge highest level is L037 at the value; the tables are checked against the bounded levels', () => {
    const t0 = performance.now();
    const codes = codesAt(starPolicy('[0, 50000000]'));
    expect(codes[0]).toBe('L037 6:15');
    expect(codes.filter((c) => !c.startsWith('L037') && !c.startsWith('L086'))).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
  it('a negative level is L037; 0 and 20 are allowed', () => {
    expect(codesAt(starPolicy('[-1, 5]'))).toEqual(['L037 6:12']);
    expect(codesAt(starPolicy('[0, 5]'))).toEqual([]);
    expect(codesAt(starPolicy('[0, 21]'))[0]).toBe('L037 6:15');
    expect(codesAt(starPolicy('[0, 20]')).every((c) => c.startsWith('L086'))).toBe(true);
  });
  it('levels written the wrong way round are L037 at the highest', () => {
    expect(codesAt(starPolicy('[5, 0]'))).toEqual(['L037 6:15']);
  });
  it('a star outside the levels written as a table key is L036 at the star', () => {
    expect(codesAt(starPolicy('[0, 5]', 'if score < 60 then -1星 else star'))).toEqual(['L036 10:27']);
    expect(codesAt(starPolicy('[0, 5]', 'if score < 60 then 6星 else 2星'))).toEqual(['L036 10:27']);
    expect(codesAt(starPolicy('[0, 5]', 'if score < 60 then 0星 else 5星'))).toEqual([]);
  });
});

describe('numbers as written have a range and a precision by unit (L038 at the number)', () => {
  const pay = (formula: string) => `policy:\n  name: x\ninputs:\n  score: number\npay:\n  a: ${formula}\n`;
  it('a money literal of 400 digits is L038 at its place, not an internal error at 1:1', () => {
    expect(codesAt(pay(`${'9'.repeat(400)}元`))).toEqual(['L038 6:6']);
    expect(codesAt(pay(`score * 0元 + ${'1'.repeat(400)}元`))).toEqual(['L038 6:19']);
  });
  it('money finer than the fen, or above 100,000,000 yuan, is L038; at the limits it is not', () => {
    expect(codesAt(pay('0.004999999元'))).toEqual(['L038 6:6']);
    expect(codesAt(pay('0.001元'))).toEqual(['L038 6:6']);
    expect(codesAt(pay('100000000.01元'))).toEqual(['L038 6:6']);
    expect(codesAt(pay('100000000元'))).toEqual([]);
    expect(codesAt(pay('-100000000元'))).toEqual([]);
    expect(codesAt(pay('0.01元'))).toEqual([]);
  });
  it('percent to two places, permille to one, other numbers to four', () => {
    expect(codesAt(pay('1000元 * 12.345%'))).toEqual(['L038 6:14']);
    expect(codesAt(pay('1000元 * 12.34%'))).toEqual([]);
    expect(codesAt(pay('1000元 * 1.25‰'))).toEqual(['L038 6:14']);
    expect(codesAt(pay('10元 * (score - 60.12345)'))).toEqual(['L038 6:21']);
    expect(codesAt(pay('10元 * (score - 60.1234)'))).toEqual([]);
    expect(codesAt(pay(`10元 * (score - 1${'0'.repeat(10)})`))).toEqual(['L038 6:21']);
  });
  it('amounts in tables and fields: a money table row finer than the fen, a huge bare number', () => {
    const table = (row: string) => `policy:\n  name: x\ninputs:\n  grade: { type: enum, values: [A, B] }\ntables:\n  t: { by: grade, unit: money, rows: { A: ${row}, B: 0 } }\npay:\n  a: t[grade]\n`;
    expect(codesAt(table('0.004999999'))).toEqual(['L038 6:43']);
    expect(codesAt(table('1e400'))).not.toContain('L099 1:1');
    expect(codesAt(table('1200.5'))).toEqual([]);
    expect(codesAt(table('"1200.505元"'))).toEqual(['L038 6:43']);
  });
});

describe('money fields take money limits for a bare number too', () => {
  it('an award amount, a pay line maximum and a test total finer than the fen are L038', () => {
    const text = `policy:\n  name: x\ninputs:\n  score: number\npay:\n  a: { formula: score * 1元, max: 100.005 }\nawards:\n  最佳: { amount: 200.001, among: score > 0, by: score, top: 1, period: month }\ntests:\n  - name: t\n    inputs: { score: 1 }\n    expect: { total: 1.001 }\n`;
    expect(codesAt(text)).toEqual(['L038 6:34', 'L038 8:17', 'L038 12:22']);
  });
});

describe('numbers YAML reads as infinite', () => {
  it('1e400 or .inf in any numeric field is L038 at the number (after_months: 1e400 reached codegen as Infinity, L099)', () => {
    const text = `policy:\n  name: x\ninputs:\n  grade: { type: enum, values: [A, B] }\nstars:\n  levels: [0, 1e400]\ntables:\n  t: { by: grade, unit: money, rows: { A: 1e400, B: .inf } }\npay:\n  a:\n    formula: t[grade]\n    after_months: 1e400\n`;
    expect(codesAt(text)).toEqual(['L038 6:15', 'L038 8:43', 'L038 8:53', 'L038 12:19']);
  });
});
