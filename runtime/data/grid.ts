// Finds the table HR meant in a sheet or a CSV file, as exported rather than as the data model draws it: a title row
// (2026年1月考核表) above the header, a header on two rows (考勤 over 迟到次数 | 早退次数), rows with no value (trailing
// blank or comma-only lines), and a 合计/总计 row at the end. Each thing skipped or combined is said in a notice.

import { headerKey, type Table } from './load.ts';
import type { DataNotice } from './messages.ts';
import { clip } from './messages.ts';
import { STANDARD_COLUMNS, TABLES, type TableName } from './requirements.ts';

export interface GridRow {
  /** 1-based row (line) in the file. */
  readonly row: number;
  readonly cells: readonly string[];
}

export interface FoundTable {
  readonly table: Table;
  readonly notices: DataNotice[];
}

/** Every standard header and alias, by its key, with the table it belongs to (id and month belong to several). */
const KNOWN: ReadonlyMap<string, readonly TableName[]> = (() => {
  const m = new Map<string, TableName[]>();
  for (const t of TABLES) {
    for (const [name, aliases] of STANDARD_COLUMNS[t]) {
      for (const n of [name, ...aliases]) {
        const k = headerKey(n);
        const list = m.get(k) ?? [];
        if (!list.includes(t)) list.push(t);
        m.set(k, list);
      }
    }
  }
  return m;
})();

/** How many cells of a row are a standard header. */
function knownCount(cells: readonly string[]): number {
  let n = 0;
  for (const c of cells) if (c !== '' && KNOWN.has(headerKey(c))) n++;
  return n;
}

/** No cell with a value (a trailing blank line, a comma-only line ",,,,"). */
function isBlankRow(cells: readonly string[]): boolean {
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    if (c === '') continue;
    // A first character that is not a space settles it without trimming.
    if (c.charCodeAt(0) > 32 && c.charCodeAt(0) !== 0x3000 && c.charCodeAt(0) !== 0xa0) return false;
    if (c.trim() !== '') return false;
  }
  return true;
}

/** The words of a total row, after removing spaces (合　计). */
const TOTALS = new Set(['合计', '总计', '小计', '总合计', '共计', 'total', 'sum', 'subtotal', 'grandtotal']);

/** A total row: one of its first three cells says 合计/总计 (the usual last row of an exported table). */
function totalWord(cells: readonly string[]): string | undefined {
  for (let i = 0; i < cells.length && i < 3; i++) {
    const c = cells[i]!;
    // Most cells are an id, a name or a month: their first character is none a total word starts with.
    if (c === '' || c.length > 12) continue;
    const f = c.charCodeAt(0);
    if (f > 32 && f !== 0x3000 && f !== 0x5408 /* 合 */ && f !== 0x603b /* 总 */ && f !== 0x5c0f /* 小 */ && f !== 0x5171 /* 共 */ && (f | 32) !== 116 && (f | 32) !== 115 && f !== 0xff34 && f !== 0xff33) continue;
    const k = c.normalize('NFKC').replace(/\s+/g, '').replace(/[:：]$/, '').toLowerCase();
    if (TOTALS.has(k)) return c.trim();
  }
  return undefined;
}

/** Rows looked at for the header: a title and a blank line or two above it, not more. */
const HEADER_SEARCH = 10;

/**
 * The table in `rows`: its header (the first of the first rows with the most standard headers, at least two; else
 * the first row), a second header row combined with it, and its data rows without blank and total rows.
 */
export function findTable(file: string, sheet: string | undefined, rows: readonly GridRow[]): FoundTable {
  const notices: DataNotice[] = [];
  const say = (zh: string, en: string) => notices.push({ file, ...(sheet !== undefined ? { sheet } : {}), message: { zh, en } });
  // The first rows with a value, where the header is looked for; the rest are gone through once, below.
  const filled: GridRow[] = [];
  let scanned = 0;
  for (; scanned < rows.length && filled.length < HEADER_SEARCH; scanned++) if (!isBlankRow(rows[scanned]!.cells)) filled.push(rows[scanned]!);
  let at = 0;
  let best = 0;
  for (let i = 0; i < filled.length; i++) {
    const n = knownCount(filled[i]!.cells);
    if (n > best) { best = n; at = i; }
  }
  if (best < 2) at = 0;
  // The row with the most standard headers may be the lower of two (迟到次数 under a merged 考勤): start at the upper.
  if (at > 0 && secondHeader(filled[at - 1]!.cells, filled[at]!.cells)) at--;
  const headerRow = filled[at];
  if (!headerRow) return { table: { file, ...(sheet !== undefined ? { sheet } : {}), header: [], headerRow: rows[0]?.row ?? 1, rows: [] }, notices };
  if (at > 0) {
    const above = filled.slice(0, at).map((r) => `${r.row}`).join('、');
    const title = clip(filled[0]!.cells.find((c) => c.trim() !== '')!.trim(), 30);
    say(`第 ${above} 行（«${title}»）不是表头，已跳过；表头在第 ${headerRow.row} 行`,
      `row ${above.replace(/、/g, ', ')} («${title}») is not the header and was skipped; the header is row ${headerRow.row}`);
  }
  let header = [...headerRow.cells];
  let dataFrom = at + 1;
  // A second header row: it names columns the first leaves blank or names by a group (考勤 over 迟到次数).
  const next = filled[at + 1];
  if (next && secondHeader(header, next.cells)) {
    const width = Math.max(header.length, next.cells.length);
    header = Array.from({ length: width }, (_, i) => {
      const upper = header[i] ?? '';
      const lower = next.cells[i] ?? '';
      if (lower.trim() && KNOWN.has(headerKey(lower))) return lower;
      if (upper.trim() && KNOWN.has(headerKey(upper))) return upper;
      return lower.trim() ? (upper.trim() && upper !== lower ? `${upper.trim()}.${lower.trim()}` : lower) : upper;
    });
    dataFrom = at + 2;
    say(`表头占两行（第 ${headerRow.row}–${next.row} 行），已合并为一行`, `the header spans two rows (${headerRow.row}–${next.row}) and was read as one`);
  }
  const totals: { row: number; word: string }[] = [];
  // Rows after the header: most files have no blank or total row among them, and then they are taken as they are
  // (one copy, no test of each row twice).
  const from = dataFrom < filled.length ? rows.indexOf(filled[dataFrom]!, at) : scanned;
  let clean = true;
  for (let i = from; i < rows.length && clean; i++) {
    const cells = rows[i]!.cells;
    if (isBlankRow(cells) || totalWord(cells) !== undefined) clean = false;
  }
  let data: GridRow[];
  if (clean) data = rows.slice(from);
  else {
    data = [];
    for (let i = from; i < rows.length; i++) {
      const r = rows[i]!;
      if (isBlankRow(r.cells)) continue;
      const word = totalWord(r.cells);
      if (word !== undefined) totals.push({ row: r.row, word });
      else data.push(r);
    }
  }
  if (totals.length) {
    const shown = totals.slice(0, 5);
    const more = totals.length > shown.length ? ` … (${totals.length})` : '';
    say(`合计行不是数据，已跳过：${shown.map((t) => `第 ${t.row} 行（${clip(t.word, 12)}）`).join('、')}${more}`,
      `total rows are not data and were skipped: ${shown.map((t) => `row ${t.row} (${clip(t.word, 12)})`).join(', ')}${more}`);
  }
  return { table: { file, ...(sheet !== undefined ? { sheet } : {}), header, headerRow: headerRow.row, rows: data }, notices };
}

/**
 * Whether `lower` continues the header `upper`: it names columns under blank or group cells (迟到次数 under 考勤, an
 * item under its section) and leaves every standard header's cell blank or the same (a merged 工号 over both rows).
 * A data row has a value under some standard header (an id, a month), so it is never taken for a header; without
 * any standard header above, it must name two standard columns.
 */
function secondHeader(upper: readonly string[], lower: readonly string[]): boolean {
  // A title (one text, perhaps merged across the width) is not the upper row of a header.
  if (new Set(upper.filter((c) => c.trim() !== '')).size < 2) return false;
  let differs = 0;
  let adds = 0;
  let underKnown = false;
  let anyKnownAbove = false;
  for (let i = 0; i < Math.max(upper.length, lower.length); i++) {
    const u = upper[i] ?? '';
    const uKnown = u.trim() !== '' && KNOWN.has(headerKey(u));
    if (uKnown) anyKnownAbove = true;
    const c = lower[i] ?? '';
    if (!c.trim() || c === u) continue;
    differs++;
    if (uKnown) underKnown = true;
    else if (KNOWN.has(headerKey(c))) adds++;
  }
  if (anyKnownAbove) return differs > 0 && !underKnown;
  return adds >= 2;
}

/** Which table a sheet holds from its header alone (Sheet1 of a one-table workbook): the table whose own columns it
 * names most, with at least one beyond id and month; undefined when none does. */
export function tableOfHeader(header: readonly string[]): TableName | undefined {
  const score: Record<TableName, number> = { employees: 0, monthly: 0, events: 0 };
  for (const h of header) {
    const tables = h.trim() ? KNOWN.get(headerKey(h)) : undefined;
    if (tables && tables.length === 1) score[tables[0]!]++;
  }
  const best = TABLES.filter((t) => score[t] > 0).sort((a, b) => score[b] - score[a]);
  return best.length && (best.length === 1 || score[best[0]!] > score[best[1]!]) ? best[0] : undefined;
}
