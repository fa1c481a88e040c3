// Runs the `tests:` examples written in a policy file and compares each expected value with the computed one.

import type { CompileResult } from '../compiler/compile.ts';
import { measure } from '../compiler/check/amounts.ts';
import type { Amount } from '../compiler/model/quantity.ts';
import type { TestCase } from '../compiler/model/policy.ts';
import type { Span } from '../compiler/source/source.ts';
import { type MonthCase, evaluateMonth } from './month.ts';
import { formatFen, toFen } from './money.ts';
import { outputColumns } from '../compiler/model/outputs.ts';

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
      ...(s.leavesThisMonth !== undefined ? { leavesThisMonth: s.leavesThisMonth } : {}),
      ...(s.hireDate !== undefined ? { hireDate: s.hireDate } : {}),
      ...(s.leaveDate !== undefined ? { leaveDate: s.leaveDate } : {}),
    },
    events: test.events.map((e) => ({ kind: e.kind.name, count: e.count, ...(e.amount !== undefined ? { amount: e.amount } : {}), ...(e.source ? { source: e.source } : {}) })),
  };
}

function checkTestEvents(policy: TestPolicy, test: TestCase): Difference[] {
  const out: Difference[] = [];
  for (const e of test.events) {
    const declared = policy.events.find((d) => d.name === e.kind.name);
    const item = policy.adjustments.flatMap((a) => a.items).find((i) => i.name === e.kind.name);
    const range = declared?.amount?.kind === 'range' ? declared.amount.r : item?.points?.kind === 'range' ? item.points.r : undefined;
    if (range) {
      const lo = measure(range.min).value;
      const hi = measure(range.max).value;
      if (e.amount === undefined || e.amount < lo || e.amount > hi) {
        out.push({ what: `${e.kind.name}.amount`, expected: `${range.text}`, actual: e.amount === undefined ? '(none)' : String(e.amount), span: e.kind.span });
      }
    }
    if ((declared?.noteRequired || item?.noteRequired) && !e.note) {
      out.push({ what: `${e.kind.name}.note`, expected: 'a note (说明)', actual: '(none)', span: e.kind.span });
    }
  }
  return out;
}

type TestPolicy = NonNullable<CompileResult['checked']>['policy'];

export function runPolicyTests(result: CompileResult): TestOutcome[] {
  const ruleSet = result.ruleSet;
  const policy = result.checked?.policy;
  if (!ruleSet || !policy) return [];
  return policy.tests.map((test): TestOutcome => {
    // Star and tier come from ratings over months; a single-month example cannot check them yet.
    if (test.expect.star !== undefined || test.expect.tier) {
      return { name: test.name, span: test.span, status: 'skip', differences: [], reason: 'expected star/tier need the month-by-month runtime' };
    }
    // The example's events must be valid data: a declared kind's amount within its range, a required note present.
    const eventProblems = checkTestEvents(policy, test);
    if (eventProblems.length) return { name: test.name, span: test.span, status: 'fail', differences: eventProblems };
    const out = evaluateMonth(ruleSet, caseOf(test));
    const gradeName = outputColumns(policy).grade;
    // A single month has no past months and no colleagues: a rule that reads them gives no value. The example is
    // skipped only when something it expects came out empty.
    const expectsEmpty = (test.expect.total !== undefined && out.pay.total === 'NaN') ||
      test.expect.pay.some((l) => out.pay.lines.find((x) => x.name === l.name)?.amount === 'NaN') ||
      test.expect.values.some((v) => out.values.get(v.name) === null) ||
      (test.expect.grade !== undefined && gradeName !== undefined && out.values.get(gradeName) === null);
    if (ruleSet.series.length > 0 && expectsEmpty) {
      return { name: test.name, span: test.span, status: 'skip', differences: [], reason: 'reads past months or other people: run it over data with ladder run' };
    }
    const diffs: Difference[] = [];
    // A line that could not be computed is shown with its cause, not as "NaN".
    const shown = (amount: string, line?: string) => {
      if (amount !== 'NaN') return amount;
      const p = out.problems.find((x) => line === undefined || x.line === line);
      return p ? `算不出 cannot be computed (${p.line}): ${p.zh} / ${p.en}` : amount;
    };
    if (test.expect.total) {
      const want = expectedMoney(test.expect.total);
      if (want !== undefined && want !== out.pay.total) diffs.push({ what: 'total', expected: want, actual: shown(out.pay.total), span: test.expect.total.kind === 'quantity' ? test.expect.total.q.span : test.span });
    }
    for (const line of test.expect.pay) {
      const want = expectedMoney(line.amount);
      const got = out.pay.lines.find((l) => l.name === line.name)?.amount ?? '(none)';
      if (want !== undefined && want !== got) diffs.push({ what: line.name, expected: want, actual: shown(got, line.name), span: line.span });
    }
    for (const v of test.expect.values) {
      const got = out.values.get(v.name);
      const same = typeof got === 'number' && typeof v.value === 'number' ? Math.abs(got - v.value) < 1e-9 : String(got) === String(v.value);
      if (!same) diffs.push({ what: v.name, expected: String(v.value), actual: String(got), span: v.span });
    }
    if (test.expect.grade) {
      const got = gradeName !== undefined ? out.values.get(gradeName) : undefined;
      if (String(got) !== test.expect.grade.name) diffs.push({ what: gradeName ?? 'grade', expected: test.expect.grade.name, actual: String(got), span: test.expect.grade.span });
    }
    if (test.expect.flags) {
      const want = test.expect.flags.map((f) => f.name).sort().join(', ');
      const got = [...out.flags].sort().join(', ');
      if (want !== got) diffs.push({ what: 'flags', expected: want || '(none)', actual: got || '(none)', span: test.span });
    }
    return { name: test.name, span: test.span, status: diffs.length ? 'fail' : 'pass', differences: diffs };
  });
}
