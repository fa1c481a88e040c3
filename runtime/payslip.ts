// The monthly statement each employee receives (工资条): every pay line with its amount, how it is computed and the
// values it read that month, the total, the month's tier and star, any change of them, and the flags raised. Made
// from explain's trace, so a statement says exactly what the run computed, in the policy's own words.

import type { CheckedPolicy } from '../compiler/check/check.ts';
import type { RuleSet } from '../compiler/codegen/generate.ts';
import { type ExplainNode, explain } from './explain.ts';
import type { Population } from './population.ts';
import type { RunResult } from './run.ts';
import { outputColumns } from '../compiler/model/outputs.ts';

export interface Payslip {
  readonly employee: string;
  readonly name?: string;
  readonly team?: string;
  readonly month: string;
  readonly tier: string | null;
  readonly star: number | null;
  /** The policy's score and grade this month (its `outputs:`, or the default: compiler/model/outputs.ts). */
  readonly score?: { readonly name: string; readonly value: string };
  readonly grade?: { readonly name: string; readonly value: string };
  readonly lines: readonly PayslipLine[];
  /** Two-place decimal yuan, as the results print money. */
  readonly total: string;
  /** Flags raised this month, and changes of tier or star ("中级 → 高级"). */
  readonly flags: readonly string[];
  readonly changes: readonly string[];
  /** The policy does not cover the person this month (no pay line applies): why, instead of lines of zeros. */
  readonly notCovered?: string;
}

export interface PayslipLine {
  readonly name: string;
  readonly amount: string;
  /** The line's formula as the policy writes it (absent for a line with none to show). */
  readonly formula?: string;
  /** What the formula read this month: each name and its value (a table cell, an input, a value, a star…). */
  readonly reads: readonly { readonly label: string; readonly value: string }[];
}

/** The statements of month `m` for everyone present then (or only `employee`), in the data's order. */
export function payslips(checked: CheckedPolicy, ruleSet: RuleSet, pop: Population, result: RunResult, m: number, employee?: string): Payslip[] {
  const month = pop.months[m]!;
  const rows = new Map(result.rows.filter((r) => r.month === month).map((r) => [r.employee, r]));
  // An input read is shown by its label as HR wrote it (考核分), with the name the formula uses.
  const labels = new Map(checked.policy.inputs.filter((x) => x.label && x.label !== x.name).map((x) => [x.name, `${x.label} ${x.name}`]));
  const columns = outputColumns(checked.policy);
  const shown = (name: string | undefined, values: Readonly<Record<string, unknown>>) => {
    const v = name !== undefined ? values[name] : undefined;
    return name !== undefined && v !== undefined && v !== null ? { name, value: typeof v === 'number' ? String(Math.round(v * 1e6) / 1e6) : String(v) } : undefined;
  };
  const out: Payslip[] = [];
  pop.people.forEach((p, i) => {
    if (!pop.present[m]![i] || (employee !== undefined && p.id !== employee)) return;
    const row = rows.get(p.id);
    if (!row) return;
    const trace = explain(checked, ruleSet, pop, result, i, m);
    const lineOf = lineWith(labels);
    out.push({
      employee: p.id, ...(p.name !== undefined ? { name: p.name } : {}), ...(p.team !== undefined ? { team: p.team } : {}),
      month, tier: row.tier, star: row.star,
      ...(() => { const v = shown(columns.score, row.values); return v ? { score: v } : {}; })(),
      ...(() => { const v = shown(columns.grade, row.values); return v ? { grade: v } : {}; })(),
      lines: trace.notCovered ? [] : trace.children.map(lineOf),
      ...(trace.notCovered ? { notCovered: trace.children[0]?.formula ?? '' } : {}),
      total: row.pay.total,
      flags: row.flags,
      changes: row.changes.map((c) => `${c.kind === 'star' ? '★ ' : ''}${c.from || '—'} → ${c.to}`),
    });
  });
  return out;
}

function lineWith(labels: ReadonlyMap<string, string>): (n: ExplainNode) => PayslipLine {
  return (n) => ({
    name: n.label, amount: n.value, ...(n.formula ? { formula: n.formula } : {}),
    // The first level only: a statement says what the line read, not how each of those came about (explain does).
    reads: n.children.filter((c) => c.value !== '').map((c) => ({ label: labels.get(c.label) ?? c.label, value: c.value })),
  });
}

/** A statement as plain text (the terminal, a message). */
export function payslipText(s: Payslip, lang: 'zh' | 'en'): string {
  const zh = lang === 'zh';
  const head = [s.employee, s.name, s.team, s.month, s.tier, s.star !== null ? `${s.star}★` : undefined,
    s.score ? `${s.score.name} ${s.score.value}` : undefined, s.grade ? `${s.grade.name} ${s.grade.value}` : undefined].filter((x) => x).join('  ');
  const lines = s.lines.map((l) => `  ${l.name}  ${l.amount}${l.formula ? `  = ${l.formula}` : ''}${l.reads.length ? `  (${l.reads.map((r) => `${r.label} ${r.value}`).join('; ')})` : ''}`);
  if (s.notCovered !== undefined) return [head, `  ${zh ? '不适用本政策（各工资项的条件均不成立' : 'not covered by the policy (no pay line applies'}${s.notCovered ? `: ${s.notCovered}` : ''}${zh ? '）' : ')'}`].join('\n');
  return [
    head, ...lines, `  ${zh ? '应发合计' : 'total'}  ${s.total}`,
    ...(s.changes.length ? [`  ${zh ? '变动' : 'changes'}: ${s.changes.join('; ')}`] : []),
    ...(s.flags.length ? [`  ${zh ? '标记' : 'flags'}: ${s.flags.join('; ')}`] : []),
  ].join('\n');
}
