// 工资条 as HR prints and cuts them from Excel: one block per person — the header row repeated, that person's amounts
// as numbers, a blank row to cut along — with 应发 (the positive lines), 扣款 (the negative ones) and 实发 (what is
// paid, the run's total). Sums are taken in integer fen from the statements' two-decimal amounts, never in floats.

import type { Payslip } from './payslip.ts';
import { MONEY_FORMAT, type ResultCell, type ResultSheet, columnWidths } from './results.ts';
import { workbookBytes } from './workbook.ts';

/** A statement's sums in fen: gross (应发, the positive lines), deductions (扣款, the negative lines as a positive
 * amount) and net (实发 = gross − deductions); NaN when an amount is not money text. */
export interface PayslipSums {
  readonly gross: number;
  readonly deductions: number;
  readonly net: number;
}

const HEAD = {
  zh: { id: '工号', name: '姓名', month: '月份', gross: '应发', deductions: '扣款', net: '实发', sheet: '工资条' },
  en: { id: 'id', name: 'name', month: 'month', gross: 'gross pay', deductions: 'deductions', net: 'net pay', sheet: 'payslips' },
} as const;

/** "2000.00", "-12.5", "300" (yuan written with at most two decimals) as integer fen, exactly; NaN for other text. */
export function fenOfAmount(amount: string): number {
  const m = /^(-)?(\d{1,13})(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!m) return NaN;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}

export function payslipSums(slip: Payslip): PayslipSums {
  let gross = 0;
  let deductions = 0;
  for (const l of slip.lines) {
    const fen = fenOfAmount(l.amount);
    if (fen > 0) gross += fen;
    else if (fen < 0) deductions -= fen;
    else if (Number.isNaN(fen)) return { gross: NaN, deductions: NaN, net: NaN };
  }
  return { gross, deductions, net: gross - deductions };
}

/**
 * The statements as one sheet of strips: for each person the header (工号, 姓名, 月份, every pay line by the policy's
 * label, 应发, 扣款, 实发), the amounts (each line as the run computed it, so a deduction shows negative), a blank row.
 * Printed A4 landscape, one page wide; nothing frozen, as every block has its own header.
 */
export function payslipSheet(all: readonly Payslip[], lang: 'zh' | 'en'): ResultSheet {
  const head = HEAD[lang];
  // Someone the policy does not cover that month gets no strip (not a strip of zeros).
  const slips = all.filter((s) => s.notCovered === undefined);
  const lines = [...new Set(slips.flatMap((s) => s.lines.map((l) => l.name)))];
  const header = [head.id, head.name, head.month, ...lines, head.gross, head.deductions, head.net];
  const money = (fen: number): ResultCell => (Number.isFinite(fen) ? { number: fen / 100, format: MONEY_FORMAT } : '—');
  const rows: ResultCell[][] = [];
  const headerRows: number[] = [];
  // Widths from the text as shown: the header and each amount with its separators.
  const shown: (string | number)[][] = [header];
  slips.forEach((s, k) => {
    if (k > 0) rows.push([]);
    headerRows.push(rows.length);
    rows.push(header);
    const amounts = new Map(s.lines.map((l) => [l.name, fenOfAmount(l.amount)]));
    const sums = payslipSums(s);
    const values = [...lines.map((n) => amounts.get(n)), sums.gross, sums.deductions, sums.net];
    rows.push([s.employee, s.name ?? '', s.month, ...values.map((fen) => (fen === undefined ? '' : money(fen)))]);
    shown.push([s.employee, s.name ?? '', s.month, ...values.map((fen) => (fen === undefined || !Number.isFinite(fen) ? '' : (fen / 100).toFixed(2)))]);
  });
  return { name: head.sheet, rows, widths: columnWidths(shown).map((w) => Math.min(w, 24)), headerRows, frozenRows: 0, print: true };
}

/** The statements as the bytes of an .xlsx workbook (what `ladder payslip --format xlsx` writes and the page saves). */
export function payslipsWorkbook(slips: readonly Payslip[], lang: 'zh' | 'en'): Promise<Uint8Array> {
  return workbookBytes([payslipSheet(slips, lang)]);
}
