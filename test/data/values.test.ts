// Cell values: exact fen for money, percents by declared format, dates and months, counts, booleans, enums.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  excelSerialToDate, parseBoolean, parseCount, parseDate, parseEnum, parseInteger, parseMoney, parseMonth, parseNumber, parsePercent,
  plainCount, plainDate, plainInteger, plainMoney, plainMonth, plainNumber, plainPercent,
} from '../../runtime/data/values.ts';

const value = <T>(r: { ok: boolean; value?: T; code?: string }) => (r.ok ? r.value : r.code);

describe('parseMoney → fen, exactly', () => {
  it.each([
    ['1,234.50', 123450], ['1234.5', 123450], ['¥1234.50', 123450], ['￥1,234', 123400], ['1234元', 123400],
    ['0.29', 29], ['0.07', 7], ['1.1', 110], ['19.99', 1999], ['4.35', 435], ['1005.10', 100510],
    ['-12.3', -1230], ['¥-5', -500], ['-¥5', -500], ['１２３４．５', 123450], ['  88  ', 8800], ['1.500', 150],
    ['12345678901.23', 1234567890123],
  ])('%s → %d', (text, fen) => expect(value(parseMoney(text))).toBe(fen));
  it.each(['1.234', 'abc', '', '1,23', '12,34.5', '1e3', '¥', '--5', '1.2.3'])('refuses %s', (text) => {
    expect(value(parseMoney(text))).toBe('D003');
  });
});

describe('parsePercent → fraction', () => {
  it.each([
    ['98%', undefined, 0.98], ['98', undefined, 0.98], ['0.98', undefined, 0.98], ['100%', undefined, 1], ['0', undefined, 0],
    ['1', undefined, 1], ['1', '98', 0.01], ['1', '0.98', 1], ['0.5', '98', 0.005], ['98', '98', 0.98], ['0.98', '0.98', 0.98],
    ['98%', '0.98', 0.98], ['12.5%', undefined, 0.125], ['９８％', undefined, 0.98], ['0.1%', undefined, 0.001],
  ] as const)('%s (format %s) → %d', (text, format, fraction) => expect(value(parsePercent(text, format))).toBe(fraction));
  it('reports over 100% and below 0% as D005', () => {
    expect(value(parsePercent('120%'))).toBe('D005');
    expect(value(parsePercent('101', '98'))).toBe('D005');
    expect(value(parsePercent('98', '0.98'))).toBe('D005');
    expect(value(parsePercent('-1%'))).toBe('D005');
  });
  it('refuses text', () => expect(value(parsePercent('高'))).toBe('D003'));
});

describe('dates and months', () => {
  it.each([
    ['2026-01-05', '2026-01-05'], ['2026/1/5', '2026-01-05'], ['2026年1月5日', '2026-01-05'], ['２０２６-０１-０５', '2026-01-05'],
    ['2024-02-29', '2024-02-29'], ['2024.3.15', '2024-03-15'], ['20240315', '2024-03-15'], ['2024-03-15 00:00:00', '2024-03-15'],
    ['2026/1/1 0:00', '2026-01-01'],
  ])('date %s → %s', (text, iso) => expect(value(parseDate(text))).toBe(iso));
  it.each(['2025-02-29', '2026-13-01', '2026-01-32', '05/01/2026', '45962', '', '20241315', '2024-03-15 24:00'])('refuses date %s', (text) => {
    expect(value(parseDate(text))).toBe('D003');
  });
  it('reads Excel day numbers only where asked (a workbook)', () => {
    expect(value(parseDate('45962', { serial: true }))).toBe('2025-11-01');
    expect(excelSerialToDate(1)).toBe('1900-01-01');
    expect(excelSerialToDate(61)).toBe('1900-03-01');
    expect(excelSerialToDate(45658)).toBe('2025-01-01');
    expect(excelSerialToDate(46027)).toBe('2026-01-05');
  });
  it.each([['2026-01', '2026-01'], ['2026/1', '2026-01'], ['2026年3月', '2026-03'], ['2026-03-01', '2026-03'], ['202601', '2026-01'],
    ['2026.01', '2026-01'], ['2026.12', '2026-12'], ['2026/1/1 0:00', '2026-01']])('month %s → %s', (text, m) => {
    expect(value(parseMonth(text))).toBe(m);
  });
  it.each(['2026-13', 'Jan 2026', '2026-03-15', '202613', '', '46023'])('refuses month %s with D004', (text) => {
    expect(value(parseMonth(text))).toBe('D004');
  });
  it('reads a month as a day number in a workbook, and refuses 2026.1 (2026.10 as a number is stored so)', () => {
    expect(value(parseMonth('46023', { serial: true }))).toBe('2026-01');
    expect(value(parseMonth('46037', { serial: true }))).toBe('D004');
    expect(parseMonth('2026.1')).toEqual({ ok: false, code: 'D004', suggestion: '2026-01 / 2026-10' });
  });
});

describe('numbers, counts, booleans, enums', () => {
  it('reads numbers and integers', () => {
    expect(value(parseNumber('92.5'))).toBe(92.5);
    expect(value(parseNumber('-0.1'))).toBe(-0.1);
    expect(value(parseNumber('1,200'))).toBe(1200);
    expect(value(parseNumber('九十'))).toBe('D003');
    expect(value(parseInteger('3'))).toBe(3);
    expect(value(parseInteger('3.0'))).toBe(3);
    expect(value(parseInteger('3.5'))).toBe('D003');
  });
  it('refuses a negative count with D006', () => {
    expect(value(parseCount('0'))).toBe(0);
    expect(value(parseCount('-1'))).toBe('D006');
  });
  it.each([['true', true], ['是', true], ['1', true], ['Y', true], ['false', false], ['否', false], ['0', false], ['n', false]])('boolean %s', (t, b) => {
    expect(value(parseBoolean(t))).toBe(b);
  });
  it('reads an enum by its declared values, with a suggestion when close', () => {
    expect(value(parseEnum(' 本科 ', ['大专', '本科']))).toBe('本科');
    const r = parseEnum('本料', ['大专', '本科'], () => '本科');
    expect(r).toEqual({ ok: false, code: 'D007', suggestion: '本科' });
  });
});

describe('plain cells read without allocating give what the general readers give', () => {
  // Cells near the plain forms: digits, signs, points, separators, %, ¥, spaces, full-width digits, dates and months.
  const cell = fc.oneof(
    fc.stringMatching(/^-?[0-9]{0,17}(\.[0-9]{0,4})?%?$/),
    fc.stringMatching(/^[-+ .,%¥0-9０-９]{0,10}$/),
    fc.stringMatching(/^(1[89]|2[0-9]|30)[0-9]{2}-[0-9]{1,2}(-[0-9]{1,2})?$/),
  );
  const agrees = (plain: (t: string) => number | string | undefined, general: (t: string) => { ok: boolean; value?: unknown }) =>
    fc.assert(fc.property(cell, (t) => {
      const p = plain(t);
      if (p === undefined || (typeof p === 'number' && Number.isNaN(p))) return;
      const g = general(t);
      expect(g.ok).toBe(true);
      expect(Object.is(g.value, p)).toBe(true);
    }), { numRuns: 3000 });
  it('numbers, integers, counts', () => {
    agrees(plainNumber, parseNumber);
    agrees(plainInteger, parseInteger);
    agrees(plainCount, parseCount);
  });
  it('money in fen', () => agrees(plainMoney, parseMoney));
  it('percents, with and without a declared format', () => {
    agrees(plainPercent, parsePercent);
    agrees((t) => plainPercent(t, '98'), (t) => parsePercent(t, '98'));
    agrees((t) => plainPercent(t, '0.98'), (t) => parsePercent(t, '0.98'));
  });
  it('dates and months', () => {
    agrees(plainDate, parseDate);
    agrees(plainMonth, parseMonth);
  });
  it('reads the common spellings directly', () => {
    expect([plainNumber('92.5'), plainInteger('3.0'), plainCount('-1'), plainMoney('1234.50'), plainMoney('1.234'), plainPercent('98%'), plainDate('2026-01-05'), plainMonth('2026-03')])
      .toEqual([92.5, 3, NaN, 123450, NaN, 0.98, '2026-01-05', '2026-03']);
  });
});
