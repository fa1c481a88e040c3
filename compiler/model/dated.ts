// Dated parameters over time: a table's rows as written, then after each dated change (rows not listed in a change
// keep their value); a value's amount, then each change. What codegen builds one literal per version from, and what
// explain reads a month with.

import type { TableDecl, TableRow, ValueChange, ValueDecl } from './policy.ts';

/** A plain YYYY-MM month (01–12). */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface TableVersion {
  /** The month this version starts (undefined: the rows as written, before any change). */
  readonly from?: string;
  readonly rows: readonly TableRow[];
}

/** The rows as written, then each well-formed change applied in month order. */
export function tableVersions(table: TableDecl): TableVersion[] {
  const versions: TableVersion[] = [{ rows: table.rows }];
  const changes = table.changes.filter((c) => MONTH.test(c.month.name)).sort((a, b) => (a.month.name < b.month.name ? -1 : a.month.name > b.month.name ? 1 : 0));
  for (const change of changes) {
    const before = versions[versions.length - 1]!.rows;
    const rows = before.map((r) => change.rows.find((c) => c.key.name === r.key.name) ?? r);
    for (const c of change.rows) if (!rows.some((r) => r.key.name === c.key.name)) rows.push(c);
    versions.push({ from: change.month.name, rows });
  }
  return versions;
}

/** The rows in force in `month` (YYYY-MM). */
export function tableRowsAt(table: TableDecl, month: string): readonly TableRow[] {
  let rows = table.rows;
  for (const v of tableVersions(table)) if (v.from === undefined || v.from <= month) rows = v.rows;
  return rows;
}

/**
 * The row a key reads among `rows` (a table's rows in force), as the run reads it: the row of that key; for a table by
 * number, a key above the top row reads the top row with cap_at_top, and a key without a row reads `otherwise`.
 * `text` is what explain shows ('—' for no row).
 */
export function tableRowFor(table: TableDecl, rows: readonly TableRow[], key: string): { readonly row?: TableRow; readonly text: string } {
  const quantity = (r: TableRow | undefined) => (r?.value.kind === 'quantity' ? r.value.q.text : undefined);
  const own = rows.find((r) => r.key.name === key);
  if (own || (table.by.name !== 'number' && table.by.name !== '数值')) return own ? { row: own, text: quantity(own) ?? '—' } : { text: '—' };
  const keys = [...table.rows, ...table.changes.flatMap((c) => c.rows)].map((r) => Number(r.key.name)).filter(Number.isInteger);
  const top = String(Math.max(...keys));
  const capped = table.capAtTop && Number(key) > Number(top) ? rows.find((r) => r.key.name === top) : undefined;
  if (capped) return { row: capped, text: quantity(capped) ?? '—' };
  return { text: table.otherwise?.kind === 'quantity' ? `${table.otherwise.q.text} (otherwise)` : '—' };
}

/** A value's well-formed changes in month order. */
export function valueChanges(value: ValueDecl): ValueChange[] {
  return value.changes.filter((c) => MONTH.test(c.month.name)).sort((a, b) => (a.month.name < b.month.name ? -1 : a.month.name > b.month.name ? 1 : 0));
}

/** The change of a value in force in `month` (undefined: the amount as written). */
export function valueChangeAt(value: ValueDecl, month: string): ValueChange | undefined {
  let at: ValueChange | undefined;
  for (const c of valueChanges(value)) if (c.month.name <= month) at = c;
  return at;
}
