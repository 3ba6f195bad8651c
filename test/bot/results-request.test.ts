import { describe, expect, it } from 'vitest';
import { MAX_QUERY_LENGTH } from '../../src/bot/intent.ts';
import {
  decodeRequest,
  encodeRequest,
  type ResultsRequest,
} from '../../src/bot/results-request.ts';

describe('results requests in Prev / Next values', () => {
  const requests: ResultsRequest[] = [
    { kind: 'search', query: 'graph networks', page: 0 },
    { kind: 'search', query: 'gnn', page: 3, facets: { decisions: ['Oral'], code: true } },
    { kind: 'author', name: 'Yoshua Bengio', page: 1 },
    { kind: 'author', name: 'Li', page: 0, facets: { award: true } },
    { kind: 'posters', facets: { decisions: ['Spotlight'] }, page: 2 },
    { kind: 'posters', facets: { session: '3', when: { day: 'today', part: 'morning' } }, page: 0 },
    { kind: 'person', key: 'yoshua-bengio', page: 4 },
    { kind: 'sessions', which: 'now', page: 0 },
    { kind: 'sessions', which: 'next', page: 1 },
    { kind: 'sessions', which: 'today', page: 2 },
    { kind: 'topic_author', query: 'diffusion', name: 'Yi Tay', page: 1 },
    {
      kind: 'topic_author',
      query: 'diffusion',
      name: 'Yi Tay',
      page: 0,
      facets: { when: { day: 'tomorrow' } },
    },
  ];

  it.each(requests.map((r) => [JSON.stringify(r), r] as const))('%s comes back as sent', (_, r) => {
    expect(decodeRequest(encodeRequest(r))).toEqual(r);
  });

  it('drops empty facets rather than carrying them', () => {
    expect(encodeRequest({ kind: 'search', query: 'x', page: 0, facets: {} })).toBe(
      '{"k":"s","q":"x","p":0}',
    );
    expect(decodeRequest('{"k":"s","q":"x","p":0,"f":""}')).toEqual({
      kind: 'search',
      query: 'x',
      page: 0,
    });
  });

  it('cuts every text it carries to the longest query', () => {
    const long = 'y'.repeat(MAX_QUERY_LENGTH + 50);
    const cut = 'y'.repeat(MAX_QUERY_LENGTH);
    const cases: [ResultsRequest, ResultsRequest][] = [
      [
        { kind: 'search', query: long, page: 0 },
        { kind: 'search', query: cut, page: 0 },
      ],
      [
        { kind: 'author', name: long, page: 0 },
        { kind: 'author', name: cut, page: 0 },
      ],
      [
        { kind: 'person', key: long, page: 0 },
        { kind: 'person', key: cut, page: 0 },
      ],
      [
        { kind: 'topic_author', query: long, name: long, page: 0 },
        { kind: 'topic_author', query: cut, name: cut, page: 0 },
      ],
    ];
    for (const [sent, received] of cases) {
      expect(decodeRequest(encodeRequest(sent))).toEqual(received);
    }
    // A value made by hand is cut the same way.
    expect(decodeRequest(JSON.stringify({ k: 't', q: long, n: long, p: 0 }))).toEqual({
      kind: 'topic_author',
      query: cut,
      name: cut,
      page: 0,
    });
    expect(decodeRequest(JSON.stringify({ k: 'a', q: long, p: 0 }))).toEqual({
      kind: 'author',
      name: cut,
      page: 0,
    });
  });

  it.each([
    'not json',
    'null',
    '42',
    '"text"',
    '{"k":"s","p":0}',
    '{"k":"s","q":7,"p":0}',
    '{"k":"s","q":"x"}',
    '{"k":"s","q":"x","p":"1"}',
    '{"k":"s","q":"x","p":1.5}',
    '{"k":"s","q":"x","p":-1}',
    '{"k":"s","q":"x","p":0,"f":"zz"}',
    '{"k":"s","q":"x","p":0,"f":3}',
    '{"k":"f","q":"","p":0}',
    '{"k":"f","q":"","p":0,"f":""}',
    '{"k":"t","q":"x","p":0}',
    '{"k":"t","q":"x","n":5,"p":0}',
    '{"k":"n","q":"yesterday","p":0}',
    '{"k":"x","q":"x","p":0}',
  ])('refuses the tampered value %s', (value) => {
    expect(decodeRequest(value)).toBeUndefined();
  });

  it('accepts the first page', () => {
    expect(decodeRequest('{"k":"p","q":"key","p":0}')).toEqual({
      kind: 'person',
      key: 'key',
      page: 0,
    });
  });
});
