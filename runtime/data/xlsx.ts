// Reads an .xlsx workbook into grids of cell text as Excel shows them: number formats honoured (a percent cell is a
// percent, a date cell a date, whatever its stored number), doubles rounded to the 15 significant digits Excel
// displays (0.94999999999999996 is 0.95), and merged ranges filled from their first cell (a 组别 merged per team).
// Our own reader over fflate's unzip: read-excel-file exposes neither number formats nor merged ranges (issue 15).
// No Node imports: the playground reads an uploaded workbook with it too.

import { unzipSync } from 'fflate';
import { excelSerialToDate } from './values.ts';

/** One sheet as read: rows of cell text (1-based row numbers, gaps kept as missing rows), and what was merged. */
export interface SheetGrid {
  readonly name: string;
  /** rows[i] is sheet row i + 1; a row with no cell is undefined. */
  readonly rows: readonly (readonly string[] | undefined)[];
  /** Merged ranges that were filled from their first cell, as written (A2:A5). */
  readonly merged: readonly MergedRange[];
}

export interface MergedRange {
  readonly ref: string;
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

export interface Workbook {
  readonly sheetNames: readonly string[];
  /** Reads one sheet by name (parsed on demand: a workbook may hold sheets nobody asked for). */
  sheet(name: string): SheetGrid;
}

/** Why a workbook cannot be read, for the D020 message. */
export class WorkbookError extends Error {
  /** `old`: an Excel 97–2003 (OLE) file, or an encrypted one (also OLE): saving it as .xlsx is the remedy. */
  constructor(readonly zh: string, readonly en: string, readonly kind: 'old' | 'broken' = 'broken') {
    super(en);
  }
}

/** The most a workbook may unpack to: a zip bomb is refused before it is inflated. */
export const MAX_UNZIPPED_BYTES = 512 * 1024 * 1024;

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

/** Opens a workbook; throws WorkbookError for a file that is not one (an old .xls, an encrypted file, a broken zip). */
export function openWorkbook(bytes: Uint8Array): Workbook {
  if (OLE_MAGIC.every((b, i) => bytes[i] === b)) {
    throw new WorkbookError('旧版 .xls 或加密的工作簿', 'an old .xls or an encrypted workbook', 'old');
  }
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new WorkbookError('不是 .xlsx 工作簿（不是 zip 文件）', 'not an .xlsx workbook (not a zip file)');
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (!/\.(xml|rels)$/i.test(f.name)) return false;
        total += f.originalSize;
        if (total > MAX_UNZIPPED_BYTES) throw new WorkbookError(`解压后超过 ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB`, `it unpacks to more than ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB`);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof WorkbookError) throw e;
    throw new WorkbookError(`zip 文件已损坏（${String((e as Error)?.message ?? e)}）`, `the zip file is broken (${String((e as Error)?.message ?? e)})`);
  }
  const utf8 = new TextDecoder('utf-8');
  const text = (path: string): string | undefined => {
    const key = Object.keys(files).find((k) => k.toLowerCase() === path.toLowerCase());
    return key === undefined ? undefined : utf8.decode(files[key]!);
  };
  const workbookPath = relTargets(text('_rels/.rels') ?? '', '').find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const workbookXml = text(workbookPath);
  if (workbookXml === undefined) throw new WorkbookError('工作簿中没有 workbook.xml', 'the workbook has no workbook.xml');
  const dir = workbookPath.includes('/') ? workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1) : '';
  const rels = relTargets(text(`${dir}_rels/${workbookPath.slice(dir.length)}.rels`) ?? '', dir);
  const byType = (suffix: string) => rels.find((r) => r.type.endsWith(suffix))?.target;
  const shared = sharedStrings(text(byType('/sharedStrings') ?? `${dir}sharedStrings.xml`) ?? '');
  const styles = cellStyles(text(byType('/styles') ?? `${dir}styles.xml`) ?? '');
  const date1904 = /<(?:[\w.-]+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](?:1|true)["']/.test(workbookXml);
  const sheets: { name: string; path: string | undefined }[] = [];
  for (const m of workbookXml.matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*)>/g)) {
    const name = unescapeXml(attr(m[1]!, 'name') ?? '');
    const id = /\b(?:[\w.-]+:)?id\s*=\s*"([^"]*)"/.exec(m[1]!)?.[1];
    sheets.push({ name, path: rels.find((r) => r.id === id)?.target });
  }
  return {
    sheetNames: sheets.map((s) => s.name),
    sheet(name) {
      const s = sheets.find((x) => x.name === name);
      const xml = s?.path === undefined ? undefined : text(s.path);
      if (xml === undefined) throw new WorkbookError(`工作表 ${name} 无法读取`, `the sheet ${name} cannot be read`);
      return readSheet(name, xml, shared, styles, date1904);
    },
  };
}

// ── Package parts ───────────────────────────────────────────────────────────────────────────────────────────

const attrPatterns = new Map<string, RegExp>();

function attr(attrs: string, name: string): string | undefined {
  let re = attrPatterns.get(name);
  if (!re) attrPatterns.set(name, (re = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const m = re.exec(attrs);
  return m ? m[1] ?? m[2] : undefined;
}

/** A relationships part: each target resolved against the folder of the part it belongs to. */
function relTargets(xml: string, dir: string): { id: string; type: string; target: string }[] {
  return [...xml.matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)].map((m) => {
    const target = attr(m[1]!, 'Target') ?? '';
    return { id: attr(m[1]!, 'Id') ?? '', type: attr(m[1]!, 'Type') ?? '', target: resolvePath(dir, target) };
  });
}

function resolvePath(dir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : dir + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML entities, then OOXML's _xHHHH_ escapes (a control character or a literal _x…_). */
function unescapeXml(s: string): string {
  if (s.includes('&')) {
    s = s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, e: string) => {
      if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
      return ENTITIES[e] ?? all;
    });
  }
  return s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
}

/** The text of a string item (<si> or <is>): its <t> runs, without phonetic runs (<rPh>). */
function stringItemText(xml: string): string {
  const body = xml.includes('rPh') ? xml.replace(/<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g, '') : xml;
  let out = '';
  for (const m of body.matchAll(/<(?:[\w.-]+:)?t(?:\s[^>]*)?>([^<]*)<\/(?:[\w.-]+:)?t>/g)) out += m[1];
  return unescapeXml(out);
}

function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?si>)/g)) out.push(m[1] === undefined ? '' : stringItemText(m[1]));
  return out;
}

// ── Number formats ──────────────────────────────────────────────────────────────────────────────────────────

/** How a cell's number is shown: as a number, a percent, a date (with or without a time), a month, or as text (@). */
export type NumberKind = 'number' | 'percent' | 'date' | 'datetime' | 'month' | 'text';

/** Excel's built-in formats by id (ECMA-376 18.8.30), with the ids zh-CN Excel shows as dates (27–36, 50–58). */
function builtinKind(id: number): NumberKind {
  if (id === 9 || id === 10) return 'percent';
  if (id === 49) return 'text';
  if ([17, 27, 36, 50, 52, 57].includes(id)) return 'month';
  if ([14, 15, 16, 28, 29, 30, 31, 51, 53, 54, 58].includes(id)) return 'date';
  if ((id >= 18 && id <= 22) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) || id === 55 || id === 56) return 'datetime';
  return 'number';
}

/** A format code's kind: quoted text, escapes, colours and locales removed first (`[$-804]yyyy"年"m"月"` is a month). */
export function formatKind(code: string): NumberKind {
  const section = code.split(';')[0]!;
  const bare = section.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[(?![hms]+\])[^\]]*\]/gi, '').replace(/_.|\*./g, '');
  if (bare.trim() === '@') return 'text';
  if (bare.includes('%')) return 'percent';
  if (/[yd]/i.test(bare) || /[hs]/i.test(bare) || /\[[hms]+\]/i.test(bare)) {
    const hasDay = /d/i.test(bare);
    const hasTime = /[hs]/i.test(bare);
    if (!hasDay && /y/i.test(bare) && !hasTime) return 'month';
    return hasTime ? 'datetime' : 'date';
  }
  return 'number';
}

/** Each cell style (an xf of cellXfs, by index) as the kind of number it shows. */
function cellStyles(xml: string): NumberKind[] {
  const custom = new Map<number, NumberKind>();
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?numFmt\b([^>]*)>/g)) {
    const id = Number(attr(m[1]!, 'numFmtId'));
    custom.set(id, formatKind(unescapeXml(attr(m[1]!, 'formatCode') ?? '')));
  }
  const xfs = /<(?:[\w.-]+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  return [...xfs.matchAll(/<(?:[\w.-]+:)?xf\b([^>]*)>/g)].map((m) => {
    const id = Number(attr(m[1]!, 'numFmtId') ?? 0);
    return custom.get(id) ?? builtinKind(id);
  });
}

// ── Numbers as Excel shows them ─────────────────────────────────────────────────────────────────────────────

/**
 * A stored double as Excel displays it: rounded to 15 significant digits (Excel writes 0.95 as 0.94999999999999996
 * and 21911.6 as 21911.599999999999, but shows and computes with 15), as plain decimal text without an exponent.
 */
export function excelNumberText(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const rounded = Number(x.toPrecision(15));
  const s = String(rounded);
  return s.includes('e') ? expandExponent(rounded) : s;
}

/** 1.5e-7 → 0.00000015; 1.2e+21 → 1200000000000000000000. */
function expandExponent(x: number): string {
  const [mantissa, exp] = x.toExponential().split('e') as [string, string];
  const e = Number(exp);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  let out: string;
  if (e < 0) out = `0.${'0'.repeat(-e - 1)}${digits}`;
  else out = digits.length > e + 1 ? `${digits.slice(0, e + 1)}.${digits.slice(e + 1)}` : digits + '0'.repeat(e + 1 - digits.length);
  return negative ? `-${out}` : out;
}

const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

/** A number cell's text by its format: 1.5 in a percent cell is 150%; 46037 in a date cell is 2026-01-15. */
export function formattedNumber(raw: string, kind: NumberKind, date1904: boolean): string {
  // Most cells: a plain number of at most 15 digits is already what Excel shows.
  if (kind === 'number' && raw.length <= 15 && PLAIN_NUMBER.test(raw)) return raw;
  const x = Number(raw);
  if (raw.trim() === '' || Number.isNaN(x)) return raw;
  switch (kind) {
    case 'percent': return `${excelNumberText(Number(excelNumberText(x)) * 100)}%`;
    case 'date': case 'datetime': case 'month': {
      const serial = date1904 ? x + 1462 : x;
      const day = Math.floor(serial + 1e-9);
      const date = excelSerialToDate(day);
      if (date === undefined) return excelNumberText(x);
      if (kind === 'month') return date.slice(0, 7);
      const seconds = Math.round((serial - day) * 86_400);
      if (kind === 'date' || seconds === 0 || seconds >= 86_400) return date;
      const p = (n: number) => String(n).padStart(2, '0');
      return `${date} ${p(Math.floor(seconds / 3600))}:${p(Math.floor(seconds / 60) % 60)}:${p(seconds % 60)}`;
    }
    default: return excelNumberText(x);
  }
}

// ── Sheets ──────────────────────────────────────────────────────────────────────────────────────────────────

/** "AB12" → [12, 28] (1-based row and column); [0, 0] when it is no reference. */
function cellAddress(ref: string): [row: number, column: number] {
  let column = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) column = column * 26 + c - 64;
    else if (c >= 97 && c <= 122) column = column * 26 + c - 96;
    else break;
  }
  const row = Number(ref.slice(i));
  return [Number.isInteger(row) ? row : 0, column];
}

/** The most rows and columns a sheet may span: a stray cell at XFD1048576 must not allocate a grid that size. */
const MAX_COLUMNS = 16_384;

const CELL_OR_ROW = /<(?:[\w.-]+:)?(row|c)\b([^>]*?)(\/?)>/g;
const CELL_END = /<\/(?:[\w.-]+:)?c>/g;
const VALUE = /<(?:[\w.-]+:)?v(?:\s[^>]*)?>([^<]*)<\/(?:[\w.-]+:)?v>/;
const INLINE = /<(?:[\w.-]+:)?is\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?is>/;

function readSheet(name: string, xml: string, shared: readonly string[], styles: readonly NumberKind[], date1904: boolean): SheetGrid {
  const rows: string[][] = [];
  const dataStart = xml.search(/<(?:[\w.-]+:)?sheetData\b/);
  const close = xml.lastIndexOf('sheetData>');
  const dataEnd = close < 0 ? -1 : xml.lastIndexOf('<', close);
  let rowNumber = 0;
  let column = 0;
  let cells: string[] | undefined;
  CELL_OR_ROW.lastIndex = Math.max(dataStart, 0);
  const end = dataEnd < 0 ? xml.length : dataEnd;
  for (let m = CELL_OR_ROW.exec(xml); m && m.index < end; m = CELL_OR_ROW.exec(xml)) {
    const attrs = m[2]!;
    if (m[1] === 'row') {
      const r = attr(attrs, 'r');
      rowNumber = r === undefined ? rowNumber + 1 : Number(r);
      column = 0;
      cells = undefined;
      continue;
    }
    const ref = attr(attrs, 'r');
    const [refRow, refColumn] = ref === undefined ? [0, 0] : cellAddress(ref);
    column = refColumn || column + 1;
    const row = refRow || rowNumber || 1;
    let inner = '';
    if (m[3] !== '/') {
      CELL_END.lastIndex = CELL_OR_ROW.lastIndex;
      const close = CELL_END.exec(xml);
      const stop = close ? close.index : xml.length;
      inner = xml.slice(CELL_OR_ROW.lastIndex, stop);
      CELL_OR_ROW.lastIndex = close ? CELL_END.lastIndex : xml.length;
    }
    const value = cellText(attr(attrs, 't'), attr(attrs, 's'), inner, shared, styles, date1904);
    if (value === '' || column > MAX_COLUMNS) continue;
    if (!cells || row !== rowNumber) {
      rowNumber = row;
      cells = rows[row - 1] ??= [];
    }
    while (cells.length < column - 1) cells.push('');
    cells[column - 1] = value;
  }
  for (let i = 0; i < rows.length; i++) if (rows[i]) for (let k = 0; k < rows[i]!.length; k++) rows[i]![k] ??= '';
  // Merged ranges come after the cells: only that part is searched.
  const merged = fillMerged(dataEnd < 0 ? '' : xml.slice(dataEnd), rows);
  return { name, rows, merged };
}

function cellText(t: string | undefined, s: string | undefined, inner: string, shared: readonly string[], styles: readonly NumberKind[], date1904: boolean): string {
  switch (t) {
    case 's': {
      const v = VALUE.exec(inner)?.[1];
      return v === undefined ? '' : shared[Number(v)] ?? '';
    }
    case 'inlineStr': {
      const is = INLINE.exec(inner)?.[1];
      return is === undefined ? '' : stringItemText(is);
    }
    case 'str': return unescapeXml(VALUE.exec(inner)?.[1] ?? '');
    case 'b': { const v = VALUE.exec(inner)?.[1]; return v === undefined ? '' : v === '1' ? 'TRUE' : 'FALSE'; }
    // An error (#DIV/0!, #N/A) stays what Excel shows: a typed column refuses it rather than reading a blank.
    case 'e': return unescapeXml(VALUE.exec(inner)?.[1] ?? '');
    case 'd': { const v = VALUE.exec(inner)?.[1]; return v === undefined ? '' : v.trim().replace('T', ' ').replace(/(?: 00:00:00(?:\.0+)?)?Z?$/, ''); }
    default: {
      const v = VALUE.exec(inner)?.[1];
      if (v === undefined) return '';
      const kind = s === undefined ? 'number' : styles[Number(s)] ?? 'number';
      return formattedNumber(v, kind, date1904);
    }
  }
}

/** Fills each merged range from its first (top-left) cell; the ranges filled, in sheet order. */
function fillMerged(xml: string, rows: string[][]): MergedRange[] {
  const out: MergedRange[] = [];
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?mergeCell\b([^>]*)>/g)) {
    const ref = attr(m[1]!, 'ref');
    if (!ref || !ref.includes(':')) continue;
    const [a, b] = ref.split(':') as [string, string];
    const [r1, c1] = cellAddress(a);
    const [r2, c2] = cellAddress(b);
    if (!r1 || !c1 || !r2 || !c2 || c2 > MAX_COLUMNS) continue;
    const top = Math.min(r1, r2), bottom = Math.max(r1, r2), left = Math.min(c1, c2), right = Math.max(c1, c2);
    const value = rows[top - 1]?.[left - 1] ?? '';
    if (value === '') continue;
    // Beyond the last row with a cell there is nothing to fill (a column merged down to row 1048576).
    const last = Math.min(bottom, rows.length);
    for (let r = top; r <= last; r++) {
      // A row with no cell of its own stays empty: a merge drawn past the table's end makes no rows.
      const cells = rows[r - 1];
      if (!cells) continue;
      while (cells.length < right) cells.push('');
      for (let c = left; c <= right; c++) cells[c - 1] = value;
    }
    out.push({ ref, top, bottom: last, left, right });
  }
  return out.sort((x, y) => x.top - y.top || x.left - y.left);
}
