/**
 * From a pasted link to its paper: each way a link can name a paper, the variations people
 * paste (scheme, case, www, trailing slash, tracking parameters), and what must resolve to
 * nothing. Papers are shaped like the seed (OpenReview ids and the ICLR virtual site), the
 * Mini-Conf data (`iclr2020:<uid>`) and the JSON lines (ACL Anthology links).
 */
import { describe, expect, it } from 'vitest';
import { createLinkResolver, normaliseUrl, openReviewId } from '../../src/catalog/links.ts';
import { makePaper } from '../fixtures/papers.ts';

const SEED = makePaper({
  id: 'o0ehFykKVtr',
  title: 'Know Thyself',
  forumUrl: 'https://openreview.net/forum?id=o0ehFykKVtr',
  posterUrl: 'https://iclr.cc/virtual/2022/poster/6041',
});
const MINI_CONF = makePaper({
  id: 'iclr2020:B1xSperKvH',
  title: 'Spiking',
  conference: 'ICLR 2020',
});
const ACL = makePaper({
  id: 'acl2020:main.8',
  title: 'An ACL paper',
  conference: 'ACL 2020',
  paperUrl: 'https://www.aclweb.org/anthology/2020.acl-main.8.pdf',
});
const EMNLP = makePaper({
  id: 'emnlp2020:main.8',
  title: 'An EMNLP paper',
  conference: 'EMNLP 2020',
  paperUrl: 'https://www.aclweb.org/anthology/2020.emnlp-main.8',
});
const EMNLP_ONLY = makePaper({
  id: 'emnlp2020:main.1004',
  title: 'Only',
  conference: 'EMNLP 2020',
});
const resolver = createLinkResolver([SEED, MINI_CONF, ACL, EMNLP, EMNLP_ONLY]);

describe('normaliseUrl', () => {
  it.each([
    ['https://iclr.cc/virtual/2022/poster/6041', 'iclr.cc/virtual/2022/poster/6041'],
    ['HTTP://WWW.ICLR.CC/virtual/2022/poster/6041/', 'iclr.cc/virtual/2022/poster/6041'],
    [
      'https://iclr.cc/virtual/2022/poster/6041?utm_source=twitter&fbclid=x#top',
      'iclr.cc/virtual/2022/poster/6041',
    ],
    ['https://openreview.net/forum?noteId=b&id=a', 'openreview.net/forum?id=a&noteId=b'],
    ['https://aclweb.org/anthology/2020.acl-main.8.pdf', 'aclweb.org/anthology/2020.acl-main.8'],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseUrl(raw)).toBe(expected);
  });

  it.each(['mailto:a@b.c', 'javascript:alert(1)', 'iclr.cc/virtual', '', 'https://'])(
    'is undefined for %j',
    (raw) => expect(normaliseUrl(raw)).toBeUndefined(),
  );
});

describe('openReviewId', () => {
  it.each([
    ['https://openreview.net/forum?id=o0ehFykKVtr', 'o0ehFykKVtr'],
    ['https://openreview.net/pdf?id=W9G_ImpHlQd', 'W9G_ImpHlQd'],
    ['http://www.openreview.net/forum/?id=abc-1&noteId=xyz', 'abc-1'],
  ])('%s → %s', (raw, expected) => expect(openReviewId(raw)).toBe(expected));

  it.each([
    'https://openreview.net/group?id=ICLR.cc/2022/Conference',
    'https://openreview.net/forum',
    'https://openreview.net/forum?id=<script>',
    'https://notopenreview.net/forum?id=abc',
  ])('is undefined for %s', (raw) => expect(openReviewId(raw)).toBeUndefined());
});

describe('createLinkResolver', () => {
  it.each([
    ['an OpenReview forum', 'https://openreview.net/forum?id=o0ehFykKVtr', SEED],
    ['its PDF', 'https://openreview.net/pdf?id=o0ehFykKVtr', SEED],
    ['a comment in its forum', 'https://openreview.net/forum?id=o0ehFykKVtr&noteId=zzz', SEED],
    ['the poster page', 'https://iclr.cc/virtual/2022/poster/6041', SEED],
    [
      'the poster page, as shared',
      'http://www.iclr.cc/virtual/2022/poster/6041/?utm_medium=x',
      SEED,
    ],
    [
      'an ICLR Mini-Conf uid on OpenReview',
      'https://openreview.net/forum?id=B1xSperKvH',
      MINI_CONF,
    ],
    ['a Mini-Conf poster page', 'https://iclr.cc/virtual_2020/poster_B1xSperKvH.html', MINI_CONF],
    [
      'an Anthology page for a PDF in the data',
      'https://www.aclweb.org/anthology/2020.acl-main.8',
      ACL,
    ],
    [
      'an Anthology PDF for a page in the data',
      'https://aclweb.org/anthology/2020.emnlp-main.8.pdf',
      EMNLP,
    ],
    [
      'a Mini-Conf page whose uid is one paper',
      'https://virtual.2020.emnlp.org/paper_main.1004.html',
      EMNLP_ONLY,
    ],
  ])('resolves %s', (_, url, paper) => {
    expect(resolver.resolve(url)?.id).toBe(paper.id);
  });

  it.each([
    ['a paper the catalog does not hold', 'https://openreview.net/forum?id=notInTheCatalog'],
    ['another poster of the site', 'https://iclr.cc/virtual/2022/poster/9999'],
    ['a page of the site that is no poster', 'https://iclr.cc/virtual/2022/index.html'],
    ['another site', 'https://example.com/virtual/2022/poster/6041'],
    // main.8 is an ACL paper and an EMNLP paper: the page name alone cannot tell which.
    ['an ambiguous Mini-Conf uid', 'https://virtual.acl2020.org/paper_main.8.html'],
    ['a malformed page name', 'https://x.org/paper_%E0.html'],
    ['no URL at all', 'not a link'],
  ])('leaves alone %s', (_, url) => {
    expect(resolver.resolve(url)).toBeUndefined();
  });

  it('does not take an EMNLP uid for an OpenReview id', () => {
    expect(resolver.resolve('https://openreview.net/forum?id=main.1004')).toBeUndefined();
  });

  it('names the domains of the links, most common first, at most five', () => {
    // Two links each on aclweb.org and openreview.net (a forum, an ICLR uid): a tie, broken
    // alphabetically; one on iclr.cc.
    expect(resolver.domains()).toEqual(['aclweb.org', 'openreview.net', 'iclr.cc']);
    const many = createLinkResolver(
      ['a.org', 'b.org', 'c.org', 'd.org', 'e.org', 'f.org', 'f.org'].map((host, i) =>
        makePaper({ id: `p${i}`, title: `P${i}`, posterUrl: `https://${host}/p/${i}` }),
      ),
    );
    expect(many.domains()).toEqual(['f.org', 'a.org', 'b.org', 'c.org', 'd.org']);
  });
});
