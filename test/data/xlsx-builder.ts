// Builds .xlsx workbooks byte by byte for the tests, the way Excel and WPS save them and unlike write-excel-file:
// numbers stored as the 17 digits Excel writes, number formats by style (percent, dates, a month), merged ranges,
// shared strings, optional namespace prefixes (x:c, as the OpenXML SDK writes). A second writer, so that a test of
// the reader does not only read what our own writer makes.

import { zipSync, strToU8 } from 'fflate';

/** A cell: text (a shared string), a number (its text stored as is, so '0.94999999999999996' stays 17 digits), with an
 * optional number format code; a formula's cached value; or an error. */
export type BuiltCell =
  | string
  | number
  | null
  | { readonly n: string | number; readonly format?: string }
  | { readonly error: string }
  | { readonly inline: string };

export interface BuiltSheet {
  readonly name: string;
  /** Row by row from row 1 (or from `firstRow`). */
  readonly rows: readonly (readonly BuiltCell[])[];
  readonly firstRow?: number;
  readonly merges?: readonly string[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function columnName(c: number): string {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The workbook's bytes. `prefix` writes the sheet's elements as x:row, x:c … (the OpenXML SDK's style). */
export function buildXlsx(sheets: readonly BuiltSheet[], options: { readonly prefix?: boolean; readonly date1904?: boolean } = {}): Uint8Array {
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const formats: string[] = [];
  const styleOf = (format: string | undefined): number => {
    if (format === undefined) return 0;
    let i = formats.indexOf(format);
    if (i < 0) { formats.push(format); i = formats.length - 1; }
    return i + 1;
  };
  const x = options.prefix ? 'x:' : '';
  const sheetXml = sheets.map((sheet) => {
    const rows = sheet.rows.map((cells, i) => {
      const r = (sheet.firstRow ?? 1) + i;
      const cs = cells.map((cell, k) => {
        const ref = `${columnName(k + 1)}${r}`;
        if (cell === null || cell === '') return '';
        if (typeof cell === 'string') {
          let si = stringIndex.get(cell);
          if (si === undefined) { si = strings.length; strings.push(cell); stringIndex.set(cell, si); }
          return `<${x}c r="${ref}" t="s"><${x}v>${si}</${x}v></${x}c>`;
        }
        if (typeof cell === 'number') return `<${x}c r="${ref}"><${x}v>${cell}</${x}v></${x}c>`;
        if ('error' in cell) return `<${x}c r="${ref}" t="e"><${x}f>1/0</${x}f><${x}v>${esc(cell.error)}</${x}v></${x}c>`;
        if ('inline' in cell) return `<${x}c r="${ref}" t="inlineStr"><${x}is><${x}t>${esc(cell.inline)}</${x}t></${x}is></${x}c>`;
        const s = styleOf(cell.format);
        return `<${x}c r="${ref}"${s ? ` s="${s}"` : ''}><${x}v>${cell.n}</${x}v></${x}c>`;
      }).join('');
      return `<${x}row r="${r}">${cs}</${x}row>`;
    }).join('');
    const merges = sheet.merges?.length ? `<${x}mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<${x}mergeCell ref="${m}"/>`).join('')}</${x}mergeCells>` : '';
    const ns = options.prefix ? 'xmlns:x' : 'xmlns';
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${x}worksheet ${ns}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><${x}sheetData>${rows}</${x}sheetData>${merges}</${x}worksheet>`;
  });
  const numFmts = formats.map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${esc(f)}"/>`).join('');
  const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${formats.length ? `<numFmts count="${formats.length}">${numFmts}</numFmts>` : ''}<cellXfs count="${formats.length + 1}"><xf numFmtId="0"/>${formats.map((_, i) => `<xf numFmtId="${164 + i}" applyNumberFormat="1"/>`).join('')}</cellXfs></styleSheet>`;
  const shared = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('')}</sst>`;
  const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${options.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>${sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`;
  const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  const workbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => rel(`rId${i + 1}`, 'worksheet', `worksheets/sheet${i + 1}.xml`)).join('')}${rel(`rId${sheets.length + 1}`, 'styles', 'styles.xml')}${rel(`rId${sheets.length + 2}`, 'sharedStrings', 'sharedStrings.xml')}</Relationships>`;
  const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1', 'officeDocument', 'xl/workbook.xml')}</Relationships>`;
  const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(contentTypes),
    '_rels/.rels': strToU8(rootRels),
    'xl/workbook.xml': strToU8(workbook),
    'xl/_rels/workbook.xml.rels': strToU8(workbookRels),
    'xl/styles.xml': strToU8(styles),
    'xl/sharedStrings.xml': strToU8(shared),
  };
  sheetXml.forEach((xml, i) => { files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(xml); });
  return zipSync(files);
}
