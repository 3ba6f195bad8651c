import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/catalog/csv.ts';

describe('readCsv', () => {
  it('numbers rows by the line they start on, across quoted newlines, blank lines and CRLF', () => {
    const text = 'A,b\r\n1,"multi\nline"\r\n\r\n3,ok\n4,"x\ny\nz"\n8,last';
    const table = readCsv(text, 'f.csv', ['a']);
    expect(table.problems).toEqual([]);
    expect(table.columns).toEqual(['a', 'b']);
    expect(table.rows.map((row) => [row.line, row.cells.a])).toEqual([
      [2, '1'],
      [5, '3'],
      [6, '4'],
      [9, '8'],
    ]);
    expect(table.rows[0]?.cells.b).toBe('multi\nline');
  });

  it('reads a byte-order mark as nothing', () => {
    expect(readCsv('\uFEFFtitle\nx', 'f.csv', ['title']).rows).toEqual([
      { line: 2, cells: { title: 'x' } },
    ]);
  });

  it.each([
    [
      'a quote inside an unquoted field',
      'a,b\n1,ok\nsay "hi",x\n3,ok\n',
      3,
      'broken quoting',
      ['1', '3'],
    ],
    [
      'a stray quote after a quoted field',
      'a,b\n1,ok\n"say "hi"",x\n3,ok\n',
      3,
      'broken quoting',
      ['1', '3'],
    ],
    ['too many fields', 'a,b\n1,ok\n2,x,y\n3,ok\n', 3, 'expected 2 fields, found 3', ['1', '3']],
    ['an unclosed quote', 'a,b\n1,ok\n2,"open\n3,ok\n', 3, 'never closed', ['1', '3']],
  ])('reports %s with its line and keeps the other rows', (_name, text, line, message, kept) => {
    const table = readCsv(text, 'f.csv', ['a', 'b']);
    expect(table.problems).toEqual([
      { file: 'f.csv', line, severity: 'error', message: expect.stringContaining(message) },
    ]);
    expect(table.rows.map((row) => row.cells.a)).toEqual(kept);
  });

  it('skips the whole file when a required column is missing', () => {
    const table = readCsv('title,id\nx,1\n', 'f.csv', ['title', 'uid', 'session']);
    expect(table.rows).toEqual([]);
    expect(table.problems).toEqual([
      {
        file: 'f.csv',
        line: 1,
        severity: 'error',
        message: 'missing columns uid, session (found: title, id); file skipped',
      },
    ]);
  });
});
