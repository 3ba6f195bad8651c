import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonLines } from '../../src/catalog/json-lines.ts';
import { SHARED_DATA } from '../helpers/shared-data.ts';

const JSONL = join(SHARED_DATA, 'virtual_conferences_2020.jsonl');

describe('parseJsonLines on the 2020 virtual conferences', () => {
  const result = parseJsonLines(readFileSync(JSONL, 'utf8'), 'virtual_conferences_2020.jsonl');
  const { papers, sessions } = result;
  const perConference = (items: readonly { conference?: string }[]) =>
    Object.fromEntries(
      ['ICLR 2020', 'ACL 2020', 'EMNLP 2020'].map((c) => [
        c,
        items.filter((i) => i.conference === c).length,
      ]),
    );

  it('reads 2,765 papers with 2,765 unique ids, without a problem', () => {
    expect(result.problems).toEqual([]);
    expect(papers).toHaveLength(2765);
    expect(new Set(papers.map((p) => p.id)).size).toBe(2765);
    expect(perConference(papers)).toEqual({
      'ICLR 2020': 687,
      'ACL 2020': 821,
      'EMNLP 2020': 1257,
    });
  });

  it('keeps apart papers whose uid is shared by ACL 2020 and EMNLP 2020', () => {
    const uidsOf = (prefix: string) =>
      new Set(papers.filter((p) => p.id.startsWith(prefix)).map((p) => p.id.slice(prefix.length)));
    const acl = uidsOf('acl2020:');
    const shared = [...uidsOf('emnlp2020:')].filter((uid) => acl.has(uid));
    expect(shared).toHaveLength(150);
  });

  it('de-duplicates sessions per conference by name and start', () => {
    expect(perConference(sessions)).toEqual({ 'ICLR 2020': 20, 'ACL 2020': 30, 'EMNLP 2020': 115 });
    expect(new Set(sessions.map((s) => s.id)).size).toBe(sessions.length);
    expect(papers.filter((p) => p.sessionIds.length === 0)).toHaveLength(490);
    // ACL sessions have no end.
    expect(sessions.find((s) => s.id === 'acl2020:session-1a')).toEqual({
      id: 'acl2020:session-1a',
      name: 'Session 1A',
      start: '2020-07-06T05:00:00.000Z',
      conference: 'ACL 2020',
    });
  });

  it('cleans the known blemishes: LaTeX, newlines, ligatures, repeated authors', () => {
    const text = papers.map((p) => `${p.title} ${p.abstract}`);
    expect(text.filter((t) => /[\n\r\uFB00-\uFB06]/.test(t))).toEqual([]);
    expect(text.filter((t) => /\\(emph|textit|url|citep)\b/.test(t))).toEqual([]);
    expect(papers.find((p) => p.id === 'emnlp2020:main.1787')?.authors).toEqual([
      'Zhiyuan Liu',
      'Yixin Cao',
      'Liangming Pan',
      'Juanzi Li',
      'Tat-Seng Chua',
    ]);
    expect(papers.filter((p) => new Set(p.authors).size !== p.authors.length)).toEqual([]);
  });

  it('links OpenReview as the forum and other URLs as the paper', () => {
    expect(papers.find((p) => p.id === 'iclr2020:B1xSperKvH')).toMatchObject({
      forumUrl: 'https://openreview.net/forum?id=B1xSperKvH',
      sessionIds: ['iclr2020:mon-session-4', 'iclr2020:mon-session-5'],
    });
    const acl = papers.find((p) => p.conference === 'ACL 2020' && p.paperUrl !== undefined);
    expect(acl?.paperUrl).toMatch(/^https:\/\/www\.aclweb\.org\/anthology\//);
    expect(acl?.forumUrl).toBeUndefined();
  });
});

describe('parseJsonLines on bad lines', () => {
  const good = JSON.stringify({
    conference: 'ACL 2020',
    uid: 'main.1',
    title: 'Good',
    authors: ['A'],
  });

  it.each([
    ['broken JSON', '{"conference": "ACL 2020", "uid": ', 'not valid JSON'],
    ['an array', '[1, 2]', 'expected a JSON object per line'],
    [
      'no uid',
      JSON.stringify({ conference: 'ACL 2020', title: 'T' }),
      'record has no uid; paper skipped',
    ],
    [
      'no title and no conference',
      JSON.stringify({ uid: 'x' }),
      'record has no conference, title; paper skipped',
    ],
    ['a repeated id', good, 'paper acl2020:main.1 already read at line 1; skipped'],
  ])('reports %s as an error at its line and loads the others', (_name, line, message) => {
    const result = parseJsonLines(
      `${good}\n\n${line}\n${good.replace('main.1', 'main.2')}`,
      'f.jsonl',
    );
    expect(result.papers.map((p) => p.id)).toEqual(['acl2020:main.1', 'acl2020:main.2']);
    expect(result.problems).toEqual([
      { file: 'f.jsonl', line: 3, severity: 'error', message: expect.stringContaining(message) },
    ]);
  });

  it.each([
    ['authors that are not a list', { authors: 'A, B' }, 'authors is not a list; ignored'],
    ['a url that is not a URL', { url: 'anthology/2020.acl-main.1' }, 'is not an http(s) URL'],
    [
      'a session without a name',
      { sessions: [{ start: '2020-07-06T05:00:00+00:00' }] },
      'a session has no name',
    ],
    [
      'a session time without offset',
      { sessions: [{ name: 'S', start: '2020-07-06T05:00:00' }] },
      'session "S": start',
    ],
  ])('warns about %s and keeps the paper', (_name, fields, message) => {
    const record = { conference: 'ACL 2020', uid: 'main.1', title: 'Kept', ...fields };
    const result = parseJsonLines(JSON.stringify(record), 'f.jsonl');
    expect(result.papers.map((p) => p.title)).toEqual(['Kept']);
    expect(result.problems).toEqual([
      { file: 'f.jsonl', line: 1, severity: 'warning', message: expect.stringContaining(message) },
    ]);
  });

  it('accepts numeric uids and takes the conference from the options when records lack it', () => {
    const result = parseJsonLines('{"uid": 42, "title": "T"}', 'f.jsonl', {
      conference: 'NAACL 2021',
    });
    expect(result.papers[0]).toMatchObject({ id: 'naacl2021:42', conference: 'NAACL 2021' });
  });
});

describe('an empty JSON lines file', () => {
  it('is reported, naming the file', () => {
    const { papers, problems } = parseJsonLines('\n\n', 'virtual.jsonl');
    expect(papers).toEqual([]);
    expect(problems).toEqual([
      {
        file: 'virtual.jsonl',
        severity: 'warning',
        message: 'file is empty; expected one JSON object per line',
      },
    ]);
  });
});
