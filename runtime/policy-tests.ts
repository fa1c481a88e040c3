// Runs the `tests:` examples written in a policy file and compares each expected value with the computed one.

import type { CompileResult } from '../compiler/compile.ts';
import { measure } from '../compiler/check/amounts.ts';
import type { Amount } from '../compiler/model/quantity.ts';
import type { TestCase } from '../compiler/model/policy.ts';
import type { Span } from '../compiler/source/source.ts';
import { type MonthCase, evaluateMonth } from './month.ts';
import { formatFen, toFen } from './money.ts';

export interface Difference {
  readonly what: string;
  readonly expected: string;
  readonly actual: string;
  readonly span: Span;
}

export interface TestOutcome {
  readonly name: string;
  readonly span: Span;
  readonly status: 'pass' | 'fail' | 'skip';
  readonly differences: readonly Difference[];
  readonly reason?: string;
}

function expectedMoney(a: Amount): string | undefined {
  return a.kind === 'quantity' ? formatFen(toFen(measure(a.q).value)) : undefined;
}

function caseOf(test: TestCase): MonthCase {
  // A null-prototype record: an input may be named __proto__ or constructor.
  const inputs: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const i of test.inputs) inputs[i.name] = i.value;
  const s = test.state;
  return {
    ...(test.month ? { month: test.month } : {}),
    inputs,
    state: {
      ...(s.tier ? { tier: s.tier.name } : {}),
      ...(s.track ? { track: s.track.name } : {}),
      ...(s.star !== undefined ? { star: s.star } : {}),
      ...(s.tenure !== undefined ? { tenure: s.tenure } : {}),
      ...(s.monthsInTier !== undefined ? { monthsInTier: s.monthsInTier } : {}),
      ...(s.regular !== undefined ? { regular: s.regular } : {}),
    },
    events: test.events.map((e) => ({ kind: e.kind.name, count: e.count, ...(e.amount !== undefined ? { amount: e.amount } : {}), ...(e.source ? { source: e.source } : {}) })),
  };
}

export function runPolicyTests(result: CompileResult): TestOutcome[] {
  const ruleSet = result.ruleSet;
  const policy = result.checked?.policy;
  if (!ruleSet || !policy) return [];
  return policy.tests.map((test): TestOutcome => {
    // Star and tier come from ratings over months; a single-month example cannot check them yet.
    if (test.expect.star !== undefined || test.expect.tier) {
      return { name: test.name, span: test.span, status: 'skip', differences: [], reason: 'expected star/tier need the month-by-month runtime' };
    }
    const out = evaluateMonth(ruleSet, caseOf(test));
    // A single month has no past months and no colleagues: a rule that reads them gives no value yet.
    if (ruleSet.series.length > 0 && (out.pay.total === 'NaN' || [...out.values.values()].some((v) => v === null))) {
      return { name: test.name, span: test.span, status: 'skip', differences: [], reason: 'reads past months or other people: run it over data with ladder run' };
    }
    const diffs: Difference[] = [];
    if (test.expect.total) {
      const want = expectedMoney(test.expect.total);
      if (want !== undefined && want !== out.pay.total) diffs.push({ what: 'total', expected: want, actual: out.pay.total, span: test.expect.total.kind === 'quantity' ? test.expect.total.q.span : test.span });
    }
    for (const line of test.expect.pay) {
      const want = expectedMoney(line.amount);
      const got = out.pay.lines.find((l) => l.name === line.name)?.amount ?? '(none)';
      if (want !== undefined && want !== got) diffs.push({ what: line.name, expected: want, actual: got, span: line.span });
    }
    for (const v of test.expect.values) {
      const got = out.values.get(v.name);
      const same = typeof got === 'number' && typeof v.value === 'number' ? Math.abs(got - v.value) < 1e-9 : String(got) === String(v.value);
      if (!same) diffs.push({ what: v.name, expected: String(v.value), actual: String(got), span: v.span });
    }
    if (test.expect.grade) {
      const band = policy.bands[0];
      const got = band ? out.values.get(band.name) : undefined;
      if (String(got) !== test.expect.grade.name) diffs.push({ what: band?.name ?? 'grade', expected: test.expect.grade.name, actual: String(got), span: test.expect.grade.span });
    }
    if (test.expect.flags) {
      const want = test.expect.flags.map((f) => f.name).sort().join(', ');
      const got = [...out.flags].sort().join(', ');
      if (want !== got) diffs.push({ what: 'flags', expected: want || '(none)', actual: got || '(none)', span: test.span });
    }
    return { name: test.name, span: test.span, status: diffs.length ? 'fail' : 'pass', differences: diffs };
  });
}
