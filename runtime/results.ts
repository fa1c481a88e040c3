// Results as HR reads them: the JSON shape of `ladder run --format json`, CSV, and a terminal table whose columns
// line up with Chinese text (two columns per character).

import { displayWidth } from '../compiler/source/width.ts';
import type { ResultRow, RunResult } from './run.ts';

export interface ResultJsonRow {
  readonly employee: string;
  readonly month: string;
  readonly tier: string | null;
  readonly track: string | null;
  readonly star: number | null;
  readonly score: number | string | boolean | null;
  readonly grade: number | string | boolean | null;
  readonly pay: ResultRow['pay'];
  readonly events: readonly { readonly kind: string; readonly name: string }[];
  readonly values: ResultRow['values'];
}

/** The score and grade of a row: a value named score/考核分 (or the score sheet), and the first band table. */
export interface ResultShape {
  readonly scoreName?: string;
  readonly gradeName?: string;
}

export function toJsonRows(result: RunResult, shape: ResultShape): ResultJsonRow[] {
  return result.rows.map((r) => ({
    employee: r.employee, month: r.month, tier: r.tier, track: r.track, star: r.star,
    score: shape.scoreName ? r.values[shape.scoreName] ?? null : null,
    grade: shape.gradeName ? r.values[shape.gradeName] ?? null : null,
    pay: r.pay,
    events: r.flags.map((name) => ({ kind: 'flag', name })),
    values: r.values,
  }));
}

/** Header and cells of the tabular formats. */
export function toTable(result: RunResult, shape: ResultShape): { header: string[]; rows: string[][] } {
  const lines = result.rows[0]?.pay.lines.map((l) => l.name) ?? [];
  const header = ['工号 id', '姓名 name', '月份 month', '职级 tier', '星级 star', ...(shape.scoreName ? [shape.scoreName] : []), ...(shape.gradeName ? [shape.gradeName] : []), ...lines, '合计 total', '标记 flags'];
  const rows = result.rows.map((r) => [
    r.employee, r.name ?? '', r.month, r.tier ?? '', r.star === null ? '' : String(r.star),
    ...(shape.scoreName ? [cell(r.values[shape.scoreName])] : []),
    ...(shape.gradeName ? [cell(r.values[shape.gradeName])] : []),
    ...r.pay.lines.map((l) => l.amount), r.pay.total, r.flags.join(' '),
  ]);
  return { header, rows };
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(Math.round(v * 1e6) / 1e6);
  return String(v);
}

export function toCsv(table: { header: string[]; rows: string[][] }): string {
  const q = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return [table.header, ...table.rows].map((r) => r.map(q).join(',')).join('\r\n') + '\r\n';
}

export function toTerminalTable(table: { header: string[]; rows: string[][] }): string {
  const widths = table.header.map((h, c) => Math.max(displayWidth(h), ...table.rows.map((r) => displayWidth(r[c] ?? ''))));
  const numeric = table.header.map((_, c) => table.rows.length > 0 && table.rows.every((r) => /^-?[\d.]*$/.test(r[c] ?? '')));
  const fmt = (r: string[]) => r.map((s, c) => {
    const pad = ' '.repeat(widths[c]! - displayWidth(s));
    return numeric[c] ? pad + s : s + pad;
  }).join('  ').trimEnd();
  return [fmt(table.header), widths.map((w) => '─'.repeat(w)).join('  '), ...table.rows.map(fmt)].join('\n');
}
