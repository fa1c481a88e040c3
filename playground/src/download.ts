// Files the page saves for HR: results, diff, compare and sweep tables as Excel or CSV, and the 工资条 workbook. The
// worker makes the bytes (runtime/workbook.ts, the CLI's writers); the page only names the file and hands it over.

import type { FileFormat } from '../../runtime/workbook.ts';
import { h } from './dom.ts';
import { t } from './i18n.ts';
import type { Lang } from './protocol.ts';

/** Bytes saved by the browser under `filename` (nothing goes to a server). */
export function saveFile(bytes: BlobPart, type: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = h('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The pair of buttons that download a table: Excel (a typed workbook) and CSV. Test ids `<id>-xlsx`, `<id>-csv`. */
export function downloadButtons(lang: Lang, id: string, pick: (format: FileFormat) => void): HTMLElement {
  return h('span', { class: 'downloads' },
    h('button', { 'data-testid': `${id}-xlsx`, title: t(lang, 'downloadXlsxHint'), onclick: () => pick('xlsx') }, t(lang, 'downloadXlsx')),
    h('button', { 'data-testid': `${id}-csv`, title: t(lang, 'downloadCsvHint'), onclick: () => pick('csv') }, t(lang, 'downloadCsv')));
}
