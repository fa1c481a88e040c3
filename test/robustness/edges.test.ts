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
