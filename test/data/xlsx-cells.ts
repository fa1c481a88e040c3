// What a written workbook's cells are, below what Excel shows: each cell's type (number or text), its number format,
// and the sheet's frozen rows and print setup, read from the package's XML (runtime/data/xlsx.ts reads values only).

import { strFromU8, unzipSync } from 'fflate';

export interface CellFacts {
  readonly type: 'number' | 'text';
  readonly format: string;
  readonly bold: boolean;
}

export interface SheetFacts {
  readonly cells: ReadonlyMap<string, CellFacts>;
  /** Rows frozen at the top (0: none). */
  readonly frozenRows: number;
  readonly xml: string;
}

/** Excel's built-in number formats that write-excel-file or Excel may refer to by id. */
const BUILT_IN: Readonly<Record<number, string>> = { 0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 49: '@' };

export function sheetFacts(bytes: Uint8Array, sheet = 1): SheetFacts {
  const files = unzipSync(bytes);
  const styles = strFromU8(files['xl/styles.xml']!);
  const formats = new Map<number, string>(Object.entries(BUILT_IN).map(([k, v]) => [Number(k), v]));
  for (const m of styles.matchAll(/<numFmt [^>]*numFmtId="(\d+)"[^>]*formatCode="([^"]*)"/g)) formats.set(Number(m[1]), m[2]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
  const bolds = [...(/<fonts[^>]*>([\s\S]*?)<\/fonts>/.exec(styles)?.[1] ?? '').matchAll(/<font\b[^>]*?(?:\/>|>([\s\S]*?)<\/font>)/g)].map((m) => /<b\b/.test(m[1] ?? ''));
  const xfs = [...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').matchAll(/<xf\b([^>]*)/g)].map((m) => ({
    format: formats.get(Number(/numFmtId="(\d+)"/.exec(m[1]!)?.[1] ?? 0)) ?? '?',
    bold: bolds[Number(/fontId="(\d+)"/.exec(m[1]!)?.[1] ?? 0)] ?? false,
  }));
  const xml = strFromU8(files[`xl/worksheets/sheet${sheet}.xml`]!);
  const cells = new Map<string, CellFacts>();
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>)/g)) {
    const attrs = m[2]!;
    const xf = xfs[Number(/\bs="(\d+)"/.exec(attrs)?.[1] ?? 0)] ?? { format: 'General', bold: false };
    const t = /\bt="(\w+)"/.exec(attrs)?.[1];
    cells.set(m[1]!, { type: t === 's' || t === 'inlineStr' || t === 'str' ? 'text' : 'number', format: xf.format, bold: xf.bold });
  }
  const pane = /<pane [^>]*ySplit="(\d+)"[^>]*state="frozen"/.exec(xml);
  return { cells, frozenRows: pane ? Number(pane[1]) : 0, xml };
}
