import { describe, expect, it } from 'vitest';
import {
  cleanAuthors,
  cleanPersonName,
  conferenceFromName,
  conferenceKey,
  quote,
  slugify,
  splitList,
  titleKey,
} from '../../src/catalog/text.ts';

describe('titleKey', () => {
  // Pairs that must join: the same title as the session page and the OpenReview list spell it.
  it.each([
    ['$\\beta$-Intact-VAE: Identifying', 'β-Intact-VAE: identifying'],
    ['$\\beta$-Intact-VAE', 'beta intact VAE'],
    ['LEARNING GUARANTEES FOR GRAPH', 'Learning Guarantees for Graph'],
    ['Résumé of Ångström', 'Resume of Angstrom'],
    ['Know Thyself:  Transferable\nPolicies', 'Know thyself - transferable policies'],
    ['Eﬃcient \\emph{Sharpness}-aware', 'Efficient Sharpness aware'],
  ])('%j joins %j', (a, b) => {
    expect(titleKey(a)).toBe(titleKey(b));
  });

  it.each([
    ['Graph Transformers', 'Graph Transformer'],
    ['C-Planning', 'D-Planning'],
  ])('%j does not join %j', (a, b) => {
    expect(titleKey(a)).not.toBe(titleKey(b));
  });
});

describe('slugify', () => {
  it.each([
    [
      '$\\beta$-Intact-VAE: Identifying Causal Effects',
      'beta-intact-vae-identifying-causal-effects',
    ],
    ['How to Robustify Black-Box ML Models?', 'how-to-robustify-black-box-ml-models'],
    ['Poster Session 9', 'poster-session-9'],
    ['F8Net: Fixed-Point 8-bit', 'f8net-fixed-point-8-bit'],
    ['?!', ''],
  ])('%j → %j', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });
});

describe('conference names', () => {
  it.each([
    ['iclr2020', 'ICLR 2020'],
    ['iclr2022-poster-session-9', 'ICLR 2022'],
    ['emnlp_2020', 'EMNLP 2020'],
    ['NeurIPS-2023', 'NeurIPS 2023'],
    ['virtual_conferences_2020', undefined],
    ['poster-session-1', undefined],
    ['iclr20201', undefined],
  ])('conferenceFromName(%j) → %j', (name, conference) => {
    expect(conferenceFromName(name)).toBe(conference);
  });

  it.each([
    ['ICLR 2020', 'iclr2020'],
    ['ACL 2020', 'acl2020'],
    ['EMNLP 2020', 'emnlp2020'],
  ])('conferenceKey(%j) → %j', (name, key) => {
    expect(conferenceKey(name)).toBe(key);
  });
});

describe('author names', () => {
  it.each([
    ["Hui Xue'", 'Hui Xue'],
    ['X.Y. Han', 'X.Y. Han'],
    ['fengwei yu', 'fengwei yu'],
    ['LIU YONG', 'LIU YONG'],
    ["Michael O'Neil", "Michael O'Neil"],
    ['  Jane Doe* ', 'Jane Doe'],
    ['Paul Erd\\H{o}s', 'Paul Erdős'],
  ])('cleanPersonName(%j) → %j', (raw, name) => {
    expect(cleanPersonName(raw)).toBe(name);
  });

  it('keeps author order, drops empty names and repeats of the same person', () => {
    const listed = ['Zhiyuan Liu', 'Yixin Cao', '', 'Zhiyuan Liu', 'Tat-Seng Chua', "Yixin Cao'"];
    expect(cleanAuthors(listed)).toEqual(['Zhiyuan Liu', 'Yixin Cao', 'Tat-Seng Chua']);
  });
});

describe('splitList', () => {
  it.each([
    [
      'visual foresight; dynamics models;  ; planning',
      ';',
      ['visual foresight', 'dynamics models', 'planning'],
    ],
    ['Nitin Rathi|Kaushik Roy|', '|', ['Nitin Rathi', 'Kaushik Roy']],
    ['', '|', []],
    [undefined, '|', []],
  ])('splitList(%j, %j) → %j', (raw, separator, items) => {
    expect(splitList(raw, separator)).toEqual(items);
  });
});

describe('quote', () => {
  it('quotes short values whole and cuts long ones', () => {
    expect(quote('Poster  Session\n9')).toBe('"Poster Session 9"');
    const long = quote('x'.repeat(10_000));
    expect(long.length).toBeLessThanOrEqual(62);
    expect(long.endsWith('…"')).toBe(true);
  });
});
