// A policy's own event kinds (its violations) sit apart from the shared events table, in `violations/<policy>.csv`
// beside the data (the bundled sample, `ladder gen`): for a run of that policy they are appended under the shared
// table's header. The CLI and the playground do this the same way.

import { type DataSources, type Table, headerKey, isTable } from './load.ts';
import { STANDARD_COLUMNS } from './requirements.ts';

/** A policy's name without folder and extension: the name of its violations file. */
export function policyBase(name: string): string {
  return (name.split(/[\\/]/).pop() ?? name).replace(/\.ya?ml$/i, '');
}

/** Past any row number a spreadsheet has: appended rows are told apart from the base file's by it. */
const APPENDED_ROWS = 10_000_000;

/** An events column's standard name, whether written as `kind`, `类别` or ` KIND `. */
function eventColumn(header: string): string {
  const key = headerKey(header);
  const std = STANDARD_COLUMNS.events.find(([name, aliases]) => name === key || aliases.some((a) => headerKey(a) === key));
  return std ? std[0] : key;
}

/** Rows of `extra` under `base`'s header (columns matched as the loader matches them); a problem in one of them
 * names `extra`'s file and row. */
export function appendRows(base: Table, extra: Table): Table {
  const baseColumns = base.header.map(eventColumn);
  const at = extra.header.map((h) => baseColumns.indexOf(eventColumn(h)));
  const rows = extra.rows.map((r) => {
    const cells = base.header.map(() => '');
    at.forEach((k, j) => { if (k >= 0) cells[k] = r.cells[j] ?? ''; });
    return { row: APPENDED_ROWS + r.row, cells };
  });
  return { ...base, rows: [...base.rows, ...rows], appended: { file: extra.file, offset: APPENDED_ROWS } };
}

/** The shared events with a policy's own appended (or its own alone when there are no shared ones). */
export function withPolicyEvents(sources: DataSources, own: Table | undefined): DataSources {
  if (!own) return sources;
  const shared = sources.events;
  const events = shared && isTable(shared) ? appendRows(shared, own) : shared ?? own;
  return { ...sources, events };
}
