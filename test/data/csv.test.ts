// The CSV reader: RFC 4180 quoting, line endings, BOM, source rows, and an unterminated quote.

import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../runtime/data/csv.ts';

describe('parseCsv', () => {
  it('reads header and rows with their line numbers', () => {
    const r = parseCsv('id,name\nE1,张三\nE2,李四\n');
    expect(r.header).toEqual(['id', 'name']);
    expect(r.rows).toEqual([{ row: 2, cells: ['E1', '张三'] }, { row: 3, cells: ['E2', '李四'] }]);
  });
  it('drops a BOM and accepts CRLF, LF and a missing final newline', () => {
    const r = parseCsv('\uFEFFa,b\r\n1,2\n3,4');
    expect(r.header).toEqual(['a', 'b']);
    expect(r.rows.map((x) => x.cells)).toEqual([['1', '2'], ['3', '4']]);
  });
  it('reads quoted fields with "" escapes, commas and line breaks; the next row keeps its line', () => {
    const r = parseCsv('a,b\n"x,1","say ""hi"""\n"two\nlines",z\nlast,row\n');
    expect(r.rows).toEqual([
      { row: 2, cells: ['x,1', 'say "hi"'] },
      { row: 3, cells: ['two\nlines', 'z'] },
      { row: 5, cells: ['last', 'row'] },
    ]);
  });
  it('keeps empty fields, including a trailing one', () => {
    expect(parseCsv('a,b,c\n,,\n1,,\n').rows.map((x) => x.cells)).toEqual([['', '', ''], ['1', '', '']]);
  });
  it('skips blank lines but counts them', () => {
    expect(parseCsv('a\n\n1\n\n2\n').rows).toEqual([{ row: 3, cells: ['1'] }, { row: 5, cells: ['2'] }]);
  });
  it('reports an unterminated quote with the line it opened on, and keeps the rows before it', () => {
    const r = parseCsv('a,b\n1,2\n3,"open\nstill open\n');
    expect(r.unterminatedQuoteRow).toBe(3);
    expect(r.rows).toEqual([{ row: 2, cells: ['1', '2'] }]);
  });
  it('is lenient like Excel with a stray quote inside an unquoted field', () => {
    expect(parseCsv('a\n5"寸\n').rows[0]!.cells).toEqual(['5"寸']);
  });
  it('reads an empty input as no header and no rows', () => {
    expect(parseCsv('')).toEqual({ header: [], headerRow: 1, rows: [] });
  });
});
