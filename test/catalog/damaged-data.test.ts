/**
 * Data a bad day brings (issue 15): files in other encodings, a quote left open in a CSV, the
 * same paper in two formats under two ids, a symbolic link loop, and one file with a hundred
 * thousand bad lines. Each is loaded or reported by name, never silently garbled or repeated.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCsv } from '../../src/catalog/csv.ts';
import { decodeDataFile } from '../../src/catalog/encoding.ts';
import { loadCatalog } from '../../src/catalog/loader.ts';
import { summarizeProblems } from '../../src/catalog/problems.ts';
import { formatProblem } from '../../src/catalog/types.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'damaged-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const line = (uid: string, title: string, author: string) =>
  JSON.stringify({ conference: 'ICLR 2020', uid, title, authors: [author], abstract: 'A.' });

const utf16 = (text: string, endian: 'le' | 'be', bom: boolean) => {
  const le = Buffer.from(text, 'utf16le');
  const body = endian === 'le' ? le : Buffer.from(le).swap16();
  const mark = endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return bom ? Buffer.concat([Buffer.from(mark), body]) : body;
};

describe('encodings', () => {
  const text = `${line('1', 'Learning with François', 'François Fleuret')}\n`;
  it.each([
    { name: 'UTF-8', bytes: Buffer.from(text, 'utf8'), encoding: 'utf-8', warned: false },
    {
      name: 'UTF-8 with BOM',
      bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
      encoding: 'utf-8 with BOM',
      warned: false,
    },
    {
      name: 'UTF-16LE with BOM',
      bytes: utf16(text, 'le', true),
      encoding: 'utf-16le',
      warned: true,
    },
    {
      name: 'UTF-16BE with BOM',
      bytes: utf16(text, 'be', true),
      encoding: 'utf-16be',
      warned: true,
    },
    {
      name: 'UTF-16LE without BOM',
      bytes: utf16(text, 'le', false),
      encoding: 'utf-16le',
      warned: true,
    },
    { name: 'Latin-1', bytes: Buffer.from(text, 'latin1'), encoding: 'windows-1252', warned: true },
  ])('$name: "François" loads intact; conversions are named', ({ bytes, encoding, warned }) => {
    writeFileSync(join(dir, 'papers.jsonl'), bytes);
    const { catalog, problems } = loadCatalog(dir);
    expect(catalog.papers.map((p) => p.authors)).toEqual([['François Fleuret']]);
    expect(decodeDataFile(bytes).encoding).toBe(encoding);
    const notes = problems.filter((p) => /UTF-16|Windows-1252/.test(p.message));
    expect(notes).toHaveLength(warned ? 1 : 0);
    if (warned)
      expect(notes[0]?.message).toContain(encoding.toUpperCase().replace('WINDOWS', 'Windows'));
  });
});

describe('a quote left open in a CSV', () => {
  it('is reported on the line where it opened, and the row it ran over is not glued into a title', () => {
    const csv = [
      'title,openreview_id,decision,openreview_url,virtual_site_url,keywords',
      '"Unterminated title,abc,Accept,https://o/a,https://v/a,kw',
      'Next paper",def,Accept,https://o/d,https://v/d,kw2',
      'Third paper,ghi,Accept,https://o/g,https://v/g,kw3',
    ].join('\n');
    const table = readCsv(csv, 'x.openreview.csv', ['title'], ['title']);
    expect(table.problems.map(formatProblem)).toEqual([
      'x.openreview.csv:2: error: the quoted title opened on this line runs to line 3 (a missing closing quote?); lines 2–3 skipped',
    ]);
    expect(table.rows.map((r) => r.cells.title)).toEqual(['Third paper']);
  });

  it('a broken closing quote loses only its own row: the next one is read again', () => {
    const csv = [
      'session,start',
      '"Poster 1" x,2020-01-01T00:00:00Z',
      'Poster 2,2020-01-02T00:00:00Z',
    ].join('\n');
    const table = readCsv(csv, 'schedule.csv', ['session'], ['session']);
    expect(table.problems.map((p) => p.line)).toEqual([2]);
    expect(table.rows.map((r) => r.cells.session)).toEqual(['Poster 2']);
  });
});

describe('the same paper from two sources', () => {
  it('under two ids, with the same title: merged, with one warning naming both files', () => {
    writeFileSync(join(dir, 'a.jsonl'), `${line('1', 'Deep Equilibrium Models', 'Shaojie Bai')}\n`);
    mkdirSync(join(dir, 'other'));
    writeFileSync(
      join(dir, 'other', 'b.jsonl'),
      `${JSON.stringify({ conference: 'NeurIPS 2019', uid: '77', title: 'Deep equilibrium models!', authors: ['Shaojie Bai'], abstract: '', keywords: ['implicit'] })}\n`,
    );
    const { catalog, problems } = loadCatalog(dir);
    expect(catalog.papers).toHaveLength(1);
    expect(catalog.papers[0]?.keywords).toEqual(['implicit']);
    expect(problems.map(formatProblem)).toEqual([
      `${join(dir, 'other', 'b.jsonl')}: warning: 1 paper also in ${join(dir, 'a.jsonl')} under another id, same title (first: neurips2019:77 = iclr2020:1); merged, ${join(dir, 'a.jsonl')} wins`,
    ]);
  });
});

describe('a symbolic link loop', () => {
  it('is followed once: each file read once, the loop named', () => {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'p.jsonl'), `${line('1', 'Only once', 'A B')}\n`);
    symlinkSync(dir, join(dir, 'sub', 'up')); // sub/up → the data folder itself
    const { catalog, problems, files } = loadCatalog(dir);
    expect(catalog.papers).toHaveLength(1);
    expect(files).toEqual([join(dir, 'sub', 'p.jsonl')]);
    expect(problems.map(formatProblem)).toEqual([
      `${join(dir, 'sub', 'up')}: warning: same folder as ${dir} (a symbolic link loop or a second link); read once`,
    ]);
  });
});

describe('100,000 bad lines', () => {
  it('are all kept for check-data, and summarised for the log: 5 lines and one count', () => {
    const good = line('1', 'Fine', 'A B');
    writeFileSync(join(dir, 'bad.jsonl'), `${good}\n${'{broken\n'.repeat(100_000)}`);
    const { problems } = loadCatalog(dir);
    expect(problems).toHaveLength(100_000);
    const { shown, more } = summarizeProblems(problems);
    expect(shown.map((p) => p.line)).toEqual([2, 3, 4, 5, 6]);
    expect(more).toEqual([{ file: join(dir, 'bad.jsonl'), count: 99_995 }]);
  }, 20_000);
});
