// Results as a file HR opens in Excel or WPS, made as bytes the same way in the CLI and in the playground's Web Worker:
// an .xlsx workbook of typed sheets (results.ts says how text becomes numbers and formats), or a CSV. Nothing here
// touches a file system: the CLI writes these bytes whole (cli/write-whole.ts), the page offers them as a download.

import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
// The universal entry (a Blob, no Node built-ins) runs in a browser, a Web Worker and Node alike.
import writeExcelFile from 'write-excel-file/universal';
import { type ResultCell, type ResultSheet, toCsv, toResultSheet } from './results.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv;charset=utf-8';

/** A table as the commands make it: a header row, then rows of text (money as 1234.50) or numbers. */
export interface NamedTable {
  /** The sheet's name in English (results, compare …); a Chinese workbook names it in Chinese (results.ts). */
  readonly name: string;
  readonly rows: readonly (readonly (string | number | null)[])[];
}

export type FileFormat = 'xlsx' | 'csv';

export interface MadeFile {
  readonly bytes: Uint8Array;
  readonly type: string;
  readonly extension: FileFormat;
}

/** Typed sheets as the bytes of an .xlsx workbook. */
export async function workbookBytes(sheets: readonly ResultSheet[]): Promise<Uint8Array> {
  const blob = await writeExcelFile(sheets.map((s) => {
    const headers = new Set(s.headerRows ?? [0]);
    const frozen = s.frozenRows ?? 1;
    return {
      sheet: s.name,
      ...(frozen > 0 ? { stickyRowsCount: frozen } : {}),
      ...(s.print ? { orientation: 'landscape' } : {}),
      columns: s.widths.map((width) => ({ width })),
      data: s.rows.map((r, i) => r.map((c) => cellOf(c, headers.has(i)))),
    };
  }) as never).toBlob();
  const bytes = new Uint8Array(await blob.arrayBuffer());
  return sheets.some((s) => s.print) ? fitToPageWidth(bytes, sheets.map((s) => !!s.print)) : bytes;
}

function cellOf(c: ResultCell, header: boolean): object | null {
  if (typeof c === 'string') return c === '' ? null : { value: c, type: String, ...(header ? { fontWeight: 'bold' } : {}) };
  return { value: c.number, type: Number, ...(c.format ? { format: c.format } : {}), ...(header ? { fontWeight: 'bold' } : {}) };
}

/**
 * The printed sheets scaled to one page wide (as many pages long as it takes): write-excel-file sets A4 landscape but
 * not the scaling, which is `<sheetPr><pageSetUpPr fitToPage="1"/>` (the first child of a worksheet) with
 * `fitToWidth="1" fitToHeight="0"` on `<pageSetup>` (ECMA-376 §18.3.1.63, §18.3.1.64).
 */
function fitToPageWidth(bytes: Uint8Array, printed: readonly boolean[]): Uint8Array {
  const files = unzipSync(bytes);
  printed.forEach((p, k) => {
    const path = `xl/worksheets/sheet${k + 1}.xml`;
    if (!p || !files[path]) return;
    const xml = strFromU8(files[path]);
    // A sheetPr of the library's own (none today) would need merging, not a second one: then the page stays unscaled.
    if (/<sheetPr\b/.test(xml) || !/<pageSetup\b/.test(xml)) return;
    files[path] = strToU8(xml
      .replace(/(<worksheet\b[^>]*>)/, '$1<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>')
      .replace(/<pageSetup\b/, '<pageSetup fitToWidth="1" fitToHeight="0"'));
  });
  return zipSync(files);
}

/** Tables as a results workbook (numbers typed, money #,##0.00, widths, header frozen, sheet names in `lang`). */
export function resultsWorkbook(tables: readonly NamedTable[], lang: 'zh' | 'en'): Promise<Uint8Array> {
  return workbookBytes(tables.map((t) => toResultSheet(t.name, t.rows, lang)));
}

/** Tables as a file to save: every table a sheet of a workbook, or the first table as CSV (BOM, formulas defused). */
export async function tablesFile(tables: readonly NamedTable[], format: FileFormat, lang: 'zh' | 'en'): Promise<MadeFile> {
  if (format === 'xlsx') return { bytes: await resultsWorkbook(tables, lang), type: XLSX_TYPE, extension: 'xlsx' };
  const [header = [], ...rows] = tables[0]?.rows ?? [];
  const text = (r: readonly (string | number | null)[]) => r.map((c) => (c === null ? '' : String(c)));
  return { bytes: strToU8(toCsv({ header: text(header), rows: rows.map(text) })), type: CSV_TYPE, extension: 'csv' };
}
