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
