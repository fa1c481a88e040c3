// Fuzzing compile(): whatever bytes, strings or YAML documents it is given, it must return diagnostics and never
// throw, and never report an internal error (L099, which compile() uses for an exception it caught).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { compile, type CompileResult } from '../../compiler/compile.ts';

/** The seed of every property below that is not reseeded by test/setup.ts: the same cases on every run. */
const FUZZ_SEED = 20261202;

const EXAMPLE = readFileSync(fileURLToPath(new URL('../../policies/examples/star-pay.yaml', import.meta.url)), 'utf8');

const SECTIONS = [
  'policy', 'inputs', 'ladder', 'values', 'tables', 'score_sheets', 'deductions', 'bonuses', 'bands', 'stars',
  'promotions', 'demotions', 'placement', 'pay', 'awards', 'flags', 'tests',
] as const;

function compileSafely(input: Parameters<typeof compile>[0]): CompileResult {
  let result: CompileResult | undefined;
  expect(() => { result = compile(input); }).not.toThrow();
  return result!;
}

function expectNoInternalError(r: CompileResult): void {
  const internal = r.diagnostics.filter((d) => d.code === 'L099');
  expect(internal.map((d) => d.args)).toEqual([]);
  expect(Array.isArray(r.diagnostics)).toBe(true);
  if (!r.ok) expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
}

function outOfRange(r: CompileResult): string[] {
  const len = r.file.text.length;
  return r.diagnostics
    .filter((d) => !(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= len))
    .map((d) => `${d.code} ${d.span.start}-${d.span.end} (length ${len})`);
}

describe('random bytes and strings', () => {
  it('random byte arrays never throw and never report L099', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
      const r = compileSafely({ name: 'fuzz.yaml', bytes });
      expectNoInternalError(r);
    }), { numRuns: 400 });
  });

  it('random byte arrays that start like a policy never throw and never report L099', () => {
    const head = new TextEncoder().encode('policy:\n  name: x\npay:\n  a: ');
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), (tail) => {
      const bytes = new Uint8Array(head.length + tail.length);
      bytes.set(head);
      bytes.set(tail, head.length);
      expectNoInternalError(compileSafely({ name: 'fuzz.yaml', bytes }));
    }), { numRuns: 300 });
  });

  it('random strings (ASCII-ish, full Unicode, graphemes) never throw and never report L099', () => {
    const strings = fc.oneof(
      fc.string({ maxLength: 2000 }),
      fc.string({ unit: 'binary', maxLength: 2000 }),
      fc.string({ unit: 'grapheme', maxLength: 500 }),
      fc.string({ unit: fc.constantFrom(...'{}[]:,-?|>&*!%@`\'"#\n \t0123456789abc'.split('')), maxLength: 400 }),
    );
    fc.assert(fc.property(strings, (text) => {
      const r = compileSafely({ name: 'fuzz.yaml', text });
      expectNoInternalError(r);
      expect(outOfRange(r)).toEqual([]);
    }), { numRuns: 600 });
  });
});

describe('random YAML documents', () => {
  const anyValue = fc.oneof(
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 3, withBigInt: false, withMap: false, withSet: false, withTypedArray: false, withSparseArray: false }) },
    { weight: 2, arbitrary: fc.constantFrom('', '~', 'null', '1200元', '5%', '[0, 5]', '>= 90', 'score + 1', 'if a then 1元 else 0元', '「x」', '`y`', '()', '(((', '﹙１﹚') },
  );
  const sectionObject = fc.dictionary(fc.constantFrom(...SECTIONS), anyValue, { maxKeys: 8 });
  const nestedSectionObject = fc.dictionary(
    fc.constantFrom(...SECTIONS),
    fc.oneof(anyValue, fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(anyValue, fc.dictionary(fc.string({ maxLength: 6 }), anyValue, { maxKeys: 4 })), { maxKeys: 5 })),
    { maxKeys: 10 },
  );

  const toYaml = (v: unknown): string | undefined => {
    try {
      return stringify(v);
    } catch {
      return undefined; // values the yaml package itself cannot serialise are not the compiler's business
    }
  };

  it('stringified arbitrary JSON / JS values never throw and never report L099', () => {
    fc.assert(fc.property(anyValue, (v) => {
      const text = toYaml(v);
      if (text === undefined) return;
      expectNoInternalError(compileSafely({ name: 'fuzz.yaml', text }));
    }), { numRuns: 400 });
  });

  it('objects with the real section names and random nested values never throw and never report L099', () => {
    fc.assert(fc.property(fc.oneof(sectionObject, nestedSectionObject), (v) => {
      const text = toYaml(v);
      if (text === undefined) return;
      const r = compileSafely({ name: 'fuzz.yaml', text });
      expectNoInternalError(r);
      expect(outOfRange(r)).toEqual([]);
    }), { numRuns: 500 });
  });

  it('the example policy with one section replaced by a random value never throws and never reports L099', () => {
    const base = EXAMPLE;
    fc.assert(fc.property(fc.constantFrom(...SECTIONS), anyValue, (section, value) => {
      const piece = toYaml({ [section]: value });
      if (piece === undefined) return;
      // Drop the section from the example (if present) and append the random one.
      const lines = base.split('\n');
      const at = lines.findIndex((l) => l.startsWith(`${section}:`));
      let kept = lines;
      if (at >= 0) {
        let end = at + 1;
        while (end < lines.length && (lines[end]!.startsWith(' ') || lines[end]!.trim() === '')) end++;
        kept = [...lines.slice(0, at), ...lines.slice(end)];
      }
      const r = compileSafely({ name: 'fuzz.yaml', text: kept.join('\n') + '\n' + piece });
      expectNoInternalError(r);
      expect(outOfRange(r)).toEqual([]);
    }), { numRuns: 300 });
  });
});

describe('mutations of the example policy', () => {
  it('the unmutated example compiles cleanly (sanity check for the mutation tests)', () => {
    const r = compile({ name: 'star-pay.yaml', text: EXAMPLE });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.ok).toBe(true);
  });

  const lines = EXAMPLE.split('\n');
  const junk = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.string({ unit: 'binary', maxLength: 6 }),
    fc.constantFrom('{', '}', '[', ']', ':', '- ', '"', "'", '`', '「', '」', '\t', '\n', '  ', '&a ', '*a', '!!str ', '%', '#', '|', '>', '（', '）', '５', '\u2028', '\uFEFF', '\r'),
  );
  // Issue 20's finds: a number replaced by one of any size or precision (star levels [-1e12, 5] ran out of memory, a
  // 400-digit amount was an internal error), a word replaced by an Object.prototype name (period: constructor crashed).
  const numbers = [...EXAMPLE.matchAll(/\d+(?:\.\d+)?/g)].map((m) => [m.index, m.index + m[0].length] as const);
  const words = [...EXAMPLE.matchAll(/[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_\u4e00-\u9fff]*/g)].map((m) => [m.index, m.index + m[0].length] as const);
  const wideNumber = fc.oneof(
    fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 }).map(String),
    fc.constantFrom('-1e12', '1e12', '50000000', '-1', '1e400', '-1e400', '0.004999999', '1e-7', '2e21', '9007199254740993', '-0', '21', '20'),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
    fc.integer({ min: 20, max: 500 }).map((n) => '9'.repeat(n)),
    fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 })).map(([a, b]) => `${'1'.repeat(a)}.${'5'.repeat(b)}`),
  );
  const prototypeName = fc.constantFrom(...Object.getOwnPropertyNames(Object.prototype));
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('number' as const), at: fc.nat(numbers.length - 1), text: wideNumber }),
    fc.record({ kind: fc.constant('prototypeName' as const), at: fc.nat(words.length - 1), text: prototypeName }),
    fc.record({ kind: fc.constant('delete' as const), line: fc.nat(lines.length - 1) }),
    fc.record({ kind: fc.constant('duplicate' as const), line: fc.nat(lines.length - 1) }),
    fc.record({ kind: fc.constant('swap' as const), line: fc.nat(lines.length - 2) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(EXAMPLE.length), text: junk }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(EXAMPLE.length) }),
    fc.record({ kind: fc.constant('deleteRange' as const), at: fc.nat(EXAMPLE.length), n: fc.integer({ min: 1, max: 40 }) }),
  );
  type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

  function apply(text: string, m: Mutation): string {
    const ls = text.split('\n');
    switch (m.kind) {
      // Places in the unmutated example: after an earlier mutation they may be off, which only makes a stranger case.
      case 'number': case 'prototypeName': {
        const [start, end] = (m.kind === 'number' ? numbers : words)[m.at]!;
        return text.slice(0, Math.min(start, text.length)) + m.text + text.slice(Math.min(end, text.length));
      }
      case 'delete': { const l = Math.min(m.line, ls.length - 1); return [...ls.slice(0, l), ...ls.slice(l + 1)].join('\n'); }
      case 'duplicate': { const l = Math.min(m.line, ls.length - 1); return [...ls.slice(0, l + 1), ...ls.slice(l)].join('\n'); }
      case 'swap': {
        const l = Math.min(m.line, ls.length - 2);
        if (l < 0) return text;
        const c = [...ls];
        [c[l], c[l + 1]] = [c[l + 1]!, c[l]!];
        return c.join('\n');
      }
      case 'insert': { const at = Math.min(m.at, text.length); return text.slice(0, at) + m.text + text.slice(at); }
      case 'truncate': return text.slice(0, Math.min(m.at, text.length));
      case 'deleteRange': { const at = Math.min(m.at, text.length); return text.slice(0, at) + text.slice(at + m.n); }
    }
  }

  const mutated = fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) => ms.reduce(apply, EXAMPLE));

  // A fixed seed: `npm test` runs the same mutations every time (a failure prints its path for replay).
  it('never throw and never report L099', () => {
    fc.assert(fc.property(mutated, (text) => {
      expectNoInternalError(compileSafely({ name: 'star-pay.yaml', text }));
    }), { numRuns: 600, seed: FUZZ_SEED });
  });

  it('every diagnostic span lies within the file (known end-of-file L004 bug excepted)', () => {
    fc.assert(fc.property(mutated, (text) => {
      const r = compileSafely({ name: 'star-pay.yaml', text });
      expect(outOfRange(r)).toEqual([]);
    }), { numRuns: 600, seed: FUZZ_SEED + 1 });
  });

  it('numbers of any size or precision, and Object.prototype names as words: a diagnostic or a clean compile, promptly', () => {
    const only = fc.array(fc.oneof(mutation.filter((m) => m.kind === 'number' || m.kind === 'prototypeName')), { minLength: 1, maxLength: 3 })
      .map((ms) => ms.reduce(apply, EXAMPLE));
    fc.assert(fc.property(only, (text) => {
      const t0 = performance.now();
      const r = compileSafely({ name: 'star-pay.yaml', text });
      // An enumeration over a user's range (every star level from -1e12) shows as time long before memory runs out.
      expect(performance.now() - t0).toBeLessThan(3000);
      expectNoInternalError(r);
      expect(outOfRange(r)).toEqual([]);
    }), { numRuns: 400, seed: FUZZ_SEED + 2 });
  });

  it('the finds of issue 20 stay found: each is a diagnostic at its place', () => {
    const at = (from: string, to: string) => {
      expect(EXAMPLE).toContain(from);
      const r = compileSafely({ name: 'star-pay.yaml', text: EXAMPLE.replace(from, to) });
      expectNoInternalError(r);
      return r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
    };
    expect(at('levels: [0, 5]', 'levels: [-1000000000000, 5]')).toEqual(['L037']);
    expect(at('levels: [0, 5]', 'levels: [0, 50000000]')).toContain('L037');
    expect(at('200元', `${'9'.repeat(400)}元`)).toEqual(['L038']);
  });

  it('every span lies within the file for truncations at every offset (exhaustive)', () => {
    const bad: string[] = [];
    for (let at = 0; at <= EXAMPLE.length; at += 3) {
      const r = compile({ name: 'star-pay.yaml', text: EXAMPLE.slice(0, at) });
      expect(r.diagnostics.some((d) => d.code === 'L099')).toBe(false);
      for (const s of outOfRange(r)) bad.push(`truncated at ${at}: ${s}`);
    }
    expect(bad).toEqual([]);
  });

  it('the same policy with a known input type compiles without L099 (control for the crash below)', () => {
    const r = compile({ name: 'x.yaml', text: 'policy:\n  name: x\ninputs:\n  late: count\nvalues:\n  a: late\n' });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  // Was a bug (fixed): an input with an unknown type, read by any formula, crashes the checker.
  // Minimal input: `policy: {name: x}`, `inputs: {late: cnt}`, `values: {a: late}`. compile() reports L013 for `cnt`
  // (right) and also L099 "internal error: Cannot read properties of undefined (reading 'k')" (wrong); expected only
  // the L013 (and perhaps a type diagnostic for `a`). Found by inserting a NUL before `count` in the example policy.
  it('fixed: an input with an unknown type read by a formula gives L013 but no internal error', () => {
    const r = compile({ name: 'x.yaml', text: 'policy:\n  name: x\ninputs:\n  late: cnt\nvalues:\n  a: late\n' });
    expect(r.diagnostics.map((d) => d.code)).toContain('L013');
    expect(r.diagnostics.map((d) => d.code)).not.toContain('L099');
  });

  // Was a bug (fixed): a schema problem at the end of the file (a key with no value as the last thing) gets a span past the text.
  // Minimal input: `inputs:\n  late:` (15 characters): L013 with span 15–16. Expected a span inside the file, e.g. the
  // key `late` (10–14) or an empty span 15–15. Cause: compiler/schema/validate.ts valueSpan, `Math.max(r[1], r[0] + 1)`.
  it('fixed: a missing value at the end of the file has a span inside the file', () => {
    const r = compile({ name: 'eof.yaml', text: 'inputs:\n  late:' });
    expect(r.diagnostics.map((d) => d.code)).toContain('L013');
    expect(outOfRange(r)).toEqual([]);
  });

  // Was a bug (fixed): a YAML error at the end of the file gets a span one character past the end of the text.
  // Minimal input: the one-character file `[`. compile() reports L004 with span 1–2 although the text has length 1;
  // expected a span inside the file (e.g. 0–1 or 1–1). Cause: compiler/yaml/read.ts, `Math.max(end, start + 1)`.
  it('fixed: a YAML syntax error at the end of the file has a span inside the file', () => {
    const r = compile({ name: 'eof.yaml', text: '[' });
    expect(r.diagnostics.map((d) => d.code)).toContain('L004');
    expect(outOfRange(r)).toEqual([]);
  });
});
