// The published policy document as a Word file (.docx): a minimal OOXML package made here with fflate — the
// content types, the package and document relationships, core properties (title, language), styles (title, two
// heading levels, a table grid) and document.xml with headings, numbered clause paragraphs (each with its policy
// file:line) and tables.

import { strToU8, zipSync } from 'fflate';
import type { DocBlock, PolicyDocument } from './build.ts';
import { docWords } from './catalogue.ts';
import { sectionNumber } from './markdown.ts';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export function policyDocDocx(doc: PolicyDocument): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(CONTENT_TYPES),
    '_rels/.rels': strToU8(PACKAGE_RELS),
    'docProps/core.xml': strToU8(coreXml(doc)),
    'word/_rels/document.xml.rels': strToU8(DOCUMENT_RELS),
    'word/styles.xml': strToU8(stylesXml(doc.lang)),
    'word/document.xml': strToU8(documentXml(doc)),
  };
  // A fixed time: the same policy gives the same bytes.
  return zipSync(files, { level: 6, mtime: new Date(Date.UTC(2026, 0, 1)) });
}

/** The body of the document: exported for tests that read it without unzipping. */
export function documentXml(doc: PolicyDocument): string {
  const w = docWords(doc.lang);
  const body: string[] = [para(doc.title, 'Title')];
  if (doc.meta.length) body.push(para(doc.meta.map((m) => `${m.label}${w.colon}${m.value}`).join('    '), 'Meta'));
  if (doc.purpose.length) {
    body.push(para(w.purpose, 'Heading1'));
    for (const p of doc.purpose) body.push(para(p));
  }
  for (const s of doc.sections) {
    body.push(para(sectionNumber(s.number, doc.lang) + s.title, 'Heading1'));
    for (const b of s.blocks) body.push(...block(b, doc));
  }
  body.push(para(doc.footer, 'Meta'));
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body.join('')}` +
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1300" w:bottom="1440" w:left="1300" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>';
}

function block(b: DocBlock, doc: PolicyDocument): string[] {
  const w = docWords(doc.lang);
  const ref = (line: number) => line ? [run(doc.lang === 'zh' ? `（${w.lineRef(doc.file, line)}）` : ` (${w.lineRef(doc.file, line)})`, { grey: true })] : [];
  const lead = (x: { number: string; ruleId?: string }) => [run(`${x.number} `, { bold: true }), ...(x.ruleId ? [run(`[${x.ruleId}] `, { grey: true })] : [])];
  switch (b.kind) {
    case 'heading': return [para(b.text, 'Heading2')];
    case 'paragraph': return [para(b.text)];
    case 'clause': return [paraRuns([...lead(b), run(b.text), ...ref(b.source.line)])];
    case 'table':
      return [
        paraRuns([...lead(b), run(b.title, { bold: true }), ...ref(b.source.line)], undefined, true),
        table(b.columns, b.rows),
        ...b.notes.map((n) => para(n)),
      ];
  }
}

/** The width between the margins of an A4 page (twips). */
const TEXT_WIDTH = 11906 - 2 * 1300;

function table(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const width = Math.floor(TEXT_WIDTH / Math.max(1, columns.length));
  const cell = (text: string, header: boolean) =>
    `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${header ? '<w:shd w:val="clear" w:color="auto" w:fill="F2F4F7"/>' : ''}</w:tcPr>${paraRuns([run(text, { bold: header })], 'TableText')}</w:tc>`;
  const row = (cells: readonly string[], header: boolean) =>
    `<w:tr>${header ? '<w:trPr><w:tblHeader/></w:trPr>' : ''}${columns.map((_, i) => cell(cells[i] ?? '', header)).join('')}</w:tr>`;
  return `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:tblLook w:val="04A0"/></w:tblPr>` +
    `<w:tblGrid>${columns.map(() => `<w:gridCol w:w="${width}"/>`).join('')}</w:tblGrid>${row(columns, true)}${rows.map((r) => row(r, false)).join('')}</w:tbl>`;
}

function para(text: string, style?: string): string {
  return paraRuns([run(text)], style);
}

function paraRuns(runs: readonly string[], style?: string, keepNext = false): string {
  const pPr = style || keepNext ? `<w:pPr>${style ? `<w:pStyle w:val="${style}"/>` : ''}${keepNext ? '<w:keepNext/>' : ''}</w:pPr>` : '';
  return `<w:p>${pPr}${runs.join('')}</w:p>`;
}

function run(text: string, opts: { bold?: boolean; grey?: boolean } = {}): string {
  const rPr = opts.bold || opts.grey ? `<w:rPr>${opts.bold ? '<w:b/>' : ''}${opts.grey ? '<w:color w:val="777777"/><w:sz w:val="18"/>' : ''}</w:rPr>` : '';
  return `<w:r>${rPr}<w:t xml:space="preserve">${xmlText(text)}</w:t></w:r>`;
}

/** Text as XML character data: markup characters escaped, characters XML 1.0 does not allow dropped. */
export function xmlText(s: string): string {
  return s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`;

const PACKAGE_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;

/** The file's properties Word shows: its title (the policy's name), Ladder as its author, its language. */
function coreXml(doc: PolicyDocument): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:title>${xmlText(doc.title)}</dc:title><dc:creator>Ladder</dc:creator><dc:language>${doc.lang === 'zh' ? 'zh-CN' : 'en-US'}</dc:language></cp:coreProperties>`;
}

const DOCUMENT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;

const FONTS = '<w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="SimSun" w:cs="Calibri"/>';
const stylesXml = (lang: 'zh' | 'en') => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${W}"><w:docDefaults><w:rPrDefault><w:rPr>${FONTS}<w:sz w:val="22"/><w:lang w:val="${lang === 'zh' ? 'zh-CN' : 'en-US'}" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="100" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
  `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>` +
  `<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:spacing w:after="200"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:sz w:val="36"/></w:rPr></w:style>` +
  `<w:style w:type="paragraph" w:styleId="Meta"><w:name w:val="Meta"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:color w:val="555555"/><w:sz w:val="20"/></w:rPr></w:style>` +
  `<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>` +
  `<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/></w:rPr></w:style>` +
  `<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="20"/></w:rPr></w:style>` +
  `<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="999999"/><w:left w:val="single" w:sz="4" w:space="0" w:color="999999"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="999999"/><w:right w:val="single" w:sz="4" w:space="0" w:color="999999"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="999999"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="999999"/></w:tblBorders><w:tblCellMar><w:left w:w="100" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
  `</w:styles>`;
