// An RFC 4180 CSV reader for HR exports: BOM, CRLF or LF, quoted fields with "" escapes and line breaks.
// Each record keeps the line it starts on, so a problem points at the line an editor shows (and, when no
// field spans lines, at the spreadsheet row). It never throws: an unterminated quote is returned as an error.

import { findTable, type FoundTable } from './grid.ts';
import type { Table } from './load.ts';

export interface CsvRecord {
  /** 1-based line where the record starts. */
  readonly row: number;
  readonly cells: string[];
}

export interface CsvResult {
  readonly header: string[];
  /** 1-based line of the header. */
  readonly headerRow: number;
  readonly rows: CsvRecord[];
  /** An opening quote never closed: the line it opened on. Records before it are still returned. */
  readonly unterminatedQuoteRow?: number;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Reads CSV text. Blank lines are skipped (their numbers still count). Lenient where Excel is: a quote
 * inside an unquoted field is kept as text, and text after a closing quote is appended to the field.
 */
export function parseCsv(input: string, delimiter = delimiterOf(input)): CsvResult {
  const COMMA = delimiter.charCodeAt(0);
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const n = text.length;
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  let unterminated: number | undefined;

  while (i < n) {
    const start = line;
    const cells: string[] = [];
    // One record.
    for (;;) {
      if (i < n && text.charCodeAt(i) === QUOTE) {
        // Quoted field: scan to the closing quote, joining "" pairs.
        const open = line;
        let value = '';
        let from = ++i;
        let closed = false;
        while (i < n) {
          const q = text.indexOf('"', i);
          if (q < 0) { i = n; break; }
          for (let k = text.indexOf('\n', i); k >= 0 && k < q; k = text.indexOf('\n', k + 1)) line++;
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(from, q + 1);
            i = from = q + 2;
            continue;
          }
          value += text.slice(from, q);
          i = q + 1;
          closed = true;
          break;
        }
        if (!closed) {
          unterminated = open;
          break;
        }
        // Anything up to the next delimiter is kept (Excel does the same).
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === LF || c === CR) break;
          j++;
        }
        if (j > i) value += text.slice(i, j);
        i = j;
        cells.push(value);
      } else {
        // Unquoted field: up to the next comma or line break.
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === LF || c === CR) break;
          j++;
        }
        cells.push(text.slice(i, j));
        i = j;
      }
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === COMMA) { i++; if (i >= n) { cells.push(''); break; } continue; }
      // End of record: CRLF, LF or a lone CR.
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    if (unterminated !== undefined) break;
    if (!(cells.length === 1 && cells[0] === '')) records.push({ row: start, cells });
  }

  const first = records.shift();
  const result = { header: first?.cells ?? [], headerRow: first?.row ?? 1, rows: records };
  return unterminated === undefined ? result : { ...result, unterminatedQuoteRow: unterminated };
}

/** Comma, or tab when the first line has more tabs than commas: Excel's "Unicode 文本" and "文本文件(制表符分隔)" exports. */
export function delimiterOf(text: string): ',' | '\t' {
  const end = text.indexOf('\n');
  const first = end < 0 ? text : text.slice(0, end);
  let tabs = 0;
  let commas = 0;
  for (let i = 0; i < first.length; i++) {
    const c = first.charCodeAt(i);
    if (c === 9) tabs++;
    else if (c === 44) commas++;
  }
  return tabs > commas ? '\t' : ',';
}

/** A CSV file as the table HR meant (findTable: title rows, a two-row header, blank and total rows), with what was
 * skipped or combined; an unterminated quote travels with the table and is reported by the loader. */
export function readCsvTable(file: string, text: string): FoundTable {
  const csv = parseCsv(text);
  const found = findTable(file, undefined, csv.header.length ? [{ row: csv.headerRow, cells: csv.header }, ...csv.rows] : []);
  const table = found.table;
  return {
    table: csv.unterminatedQuoteRow !== undefined ? { ...table, unterminatedQuoteRow: csv.unterminatedQuoteRow } : table,
    notices: found.notices,
  };
}

/** A CSV file as a table for the loader (readCsvTable without its notices). */
export function tableFromCsv(file: string, text: string): Table {
  return readCsvTable(file, text).table;
}
