import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { decodeSlackText } from '../../src/blocks/escape.ts';
import { ACTION_IDS, FORM_IDS } from '../../src/blocks/ids.ts';
import { SLACK_LIMITS } from '../../src/blocks/limits.ts';
import { MAX_CARDS_PER_MESSAGE } from '../../src/blocks/results.ts';
import {
  type FormOptions,
  type FormResults,
  renderSearchForm,
  type SearchFormView,
} from '../../src/blocks/search-form.ts';
import { makePaper, SESSION_9 } from '../fixtures/papers.ts';
import { allText, controlSequences, slackLimitViolations } from '../helpers/slack-limits.ts';

const sessions = new Map([[SESSION_9.id, SESSION_9]]);
const NO_FILTERS: FormOptions = { sessions: [], days: [], kinds: [], code: false };
const ALL_FILTERS: FormOptions = {
  sessions: [
    { label: 'Poster Session 9', value: SESSION_9.id },
    { label: 'Poster Session 10', value: 'iclr-2022-poster-session-10' },
  ],
  days: [
    { label: 'Mon, Apr 25', value: '2022-04-25' },
    { label: 'Tue, Apr 26', value: '2022-04-26' },
  ],
  kinds: [
    { label: 'Award', value: 'award' },
    { label: 'Oral', value: 'Oral' },
  ],
  code: true,
};

function form(overrides: Partial<SearchFormView>): KnownBlock[] {
  return renderSearchForm({
    options: NO_FILTERS,
    input: { query: '' },
    results: { kind: 'empty' },
    sessions,
    ...overrides,
  });
}

/** The input block whose element sends `actionId`. */
function input(blocks: KnownBlock[], actionId: string) {
  const block = blocks.find((b) => b.type === 'input' && b.element.action_id === actionId);
  if (block?.type !== 'input') throw new Error(`no input ${actionId}`);
  return block;
}

const plain = (text: string) => ({ type: 'plain_text', text });
const options = (choices: FormOptions['sessions']) =>
  choices.map((c) => ({ text: plain(c.label), value: c.value }));

/** Buttons of the blocks, as `action_id value`. */
function buttons(blocks: KnownBlock[]): string[] {
  return blocks.flatMap((b) =>
    b.type === 'actions'
      ? b.elements.map((e) => `${e.action_id} ${'value' in e ? e.value : ''}`)
      : [],
  );
}

const asMessage = (blocks: KnownBlock[]) => ({ text: 'form', blocks });

describe('renderSearchForm: the inputs', () => {
  it('shows a words box and a menu or box for each filter the catalog can fill', () => {
    const blocks = form({ options: ALL_FILTERS });
    expect(blocks).toEqual([
      {
        type: 'input',
        block_id: FORM_IDS.query,
        optional: true,
        label: plain('Words'),
        element: {
          type: 'plain_text_input',
          action_id: FORM_IDS.query,
          max_length: 200,
          placeholder: plain('e.g. vision transformer, Yi Tay'),
        },
      },
      {
        type: 'input',
        block_id: FORM_IDS.session,
        optional: true,
        label: plain('Session'),
        element: {
          type: 'static_select',
          action_id: FORM_IDS.session,
          placeholder: plain('Any session'),
          options: options(ALL_FILTERS.sessions),
        },
      },
      {
        type: 'input',
        block_id: FORM_IDS.day,
        optional: true,
        label: plain('Day'),
        element: {
          type: 'static_select',
          action_id: FORM_IDS.day,
          placeholder: plain('Any day'),
          options: options(ALL_FILTERS.days),
        },
      },
      {
        type: 'input',
        block_id: FORM_IDS.kind,
        optional: true,
        label: plain('Award or decision'),
        element: {
          type: 'static_select',
          action_id: FORM_IDS.kind,
          placeholder: plain('Any'),
          options: options(ALL_FILTERS.kinds),
        },
      },
      {
        type: 'input',
        block_id: FORM_IDS.code,
        optional: true,
        label: plain('Code'),
        element: {
          type: 'checkboxes',
          action_id: FORM_IDS.code,
          options: [{ text: plain('Has code'), value: 'code' }],
        },
      },
    ]);
  });

  it('leaves out each filter the catalog cannot fill', () => {
    expect(form({}).map((b) => b.block_id)).toEqual([FORM_IDS.query]);
    for (const only of [
      { ...NO_FILTERS, sessions: ALL_FILTERS.sessions },
      { ...NO_FILTERS, days: ALL_FILTERS.days },
      { ...NO_FILTERS, kinds: ALL_FILTERS.kinds },
      { ...NO_FILTERS, code: true },
    ]) {
      const ids = form({ options: only }).map((b) => b.block_id);
      expect(ids).toHaveLength(2);
      expect(ids[0]).toBe(FORM_IDS.query);
    }
    expect(form({ options: { ...NO_FILTERS, days: ALL_FILTERS.days } })[1]?.block_id).toBe(
      FORM_IDS.day,
    );
    expect(form({ options: { ...NO_FILTERS, kinds: ALL_FILTERS.kinds } })[1]?.block_id).toBe(
      FORM_IDS.kind,
    );
  });

  it('keeps what was filled in when the form is drawn again', () => {
    const blocks = form({
      options: ALL_FILTERS,
      input: {
        query: 'vision transformer',
        session: 'iclr-2022-poster-session-10',
        day: '2022-04-26',
        kind: 'Oral',
        code: true,
      },
    });
    expect(input(blocks, FORM_IDS.query).element).toMatchObject({
      initial_value: 'vision transformer',
    });
    expect(input(blocks, FORM_IDS.session).element).toMatchObject({
      initial_option: { text: plain('Poster Session 10'), value: 'iclr-2022-poster-session-10' },
    });
    expect(input(blocks, FORM_IDS.day).element).toMatchObject({
      initial_option: { text: plain('Tue, Apr 26'), value: '2022-04-26' },
    });
    expect(input(blocks, FORM_IDS.kind).element).toMatchObject({
      initial_option: { text: plain('Oral'), value: 'Oral' },
    });
    expect(input(blocks, FORM_IDS.code).element).toMatchObject({
      initial_options: [{ text: plain('Has code'), value: 'code' }],
    });
  });

  it('preselects nothing when nothing, or a value no longer offered, was filled in', () => {
    const blank = form({ options: ALL_FILTERS });
    const stale = form({
      options: ALL_FILTERS,
      input: { query: '', session: 'gone', day: '1999-01-01', kind: 'Poster' },
    });
    for (const blocks of [blank, stale]) {
      for (const id of [FORM_IDS.query, FORM_IDS.session, FORM_IDS.day, FORM_IDS.kind]) {
        const element = input(blocks, id).element;
        expect(element).not.toHaveProperty('initial_value');
        expect(element).not.toHaveProperty('initial_option');
      }
      expect(input(blocks, FORM_IDS.code).element).not.toHaveProperty('initial_options');
    }
  });

  it('cuts a menu to 100 options of at most 75 characters each', () => {
    const many = Array.from({ length: 130 }, (_, i) => ({
      label: `Session ${i} ${'long name '.repeat(10)}`,
      value: `s${i}-${'x'.repeat(100)}`,
    }));
    const menu = input(
      form({ options: { ...NO_FILTERS, sessions: many }, input: { query: '' } }),
      FORM_IDS.session,
    ).element;
    if (menu.type !== 'static_select') throw new Error(menu.type);
    expect(menu.options).toHaveLength(SLACK_LIMITS.selectOptions);
    for (const o of menu.options ?? []) {
      expect(o.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.optionText);
      expect(o.text.text).toMatch(/^Session \d+ long name.*…$/);
      expect(o.value).toHaveLength(SLACK_LIMITS.optionValue);
    }
    expect(menu.options?.[0]?.value).toBe(many[0]?.value.slice(0, SLACK_LIMITS.optionValue));
  });
});

describe('renderSearchForm: the results', () => {
  const paper = (i: number) =>
    makePaper({ id: `p${i}`, title: `Poster ${i}`, sessionIds: [SESSION_9.id] });
  const page = (over: Partial<Extract<FormResults, { kind: 'page' }>>): FormResults => ({
    kind: 'page',
    heading: '3 posters about vision',
    items: [{ paper: paper(0) }],
    page: 0,
    pages: 1,
    ...over,
  });

  it('shows nothing under the inputs before the form is submitted', () => {
    expect(form({ results: { kind: 'empty' } })).toHaveLength(1);
  });

  it('shows a notice instead of results, escaped', () => {
    const blocks = form({
      results: { kind: 'notice', text: 'Nothing found for <!channel> & *me*' },
    });
    expect(blocks.slice(1)).toEqual([
      { type: 'divider' },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: 'Nothing found for &lt;!channel&gt; &amp; ∗me∗' },
      },
    ]);
  });

  it('shows the heading in bold, the note, then a card per poster without Share', () => {
    const blocks = form({
      results: page({
        heading: 'Posters about <!here>',
        note: 'Also searched: *ViT* & friends',
        items: [
          { paper: paper(0), snippet: [{ text: 'matched words', match: true }] },
          { paper: paper(1) },
        ],
      }),
    });
    expect(blocks.slice(1, 4)).toEqual([
      { type: 'divider' },
      {
        type: 'section',
        block_id: 'form_heading_p1',
        text: { type: 'mrkdwn', text: '*Posters about &lt;!here&gt;*' },
      },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: 'Also searched: ∗ViT∗ &amp; friends' }],
      },
    ]);
    const cardText = blocks.filter(
      (b) => b.type === 'section' && b.block_id?.startsWith('form_card'),
    );
    expect(cardText.map((b) => b.block_id)).toEqual(['form_card_0_p1_text', 'form_card_1_p1_text']);
    expect(allText(asMessage(blocks))).toContain('*Poster 0*\nAda Lovelace');
    expect(allText(asMessage(blocks))).toContain('_*matched words*_');
    expect(allText(asMessage(blocks))).not.toContain('_Poster 1');
    expect(buttons(blocks).filter((b) => !b.startsWith(ACTION_IDS.planToggle))).toEqual([
      `${ACTION_IDS.paperAbstract} p0`,
      `${ACTION_IDS.similarShow} p0`,
      `${ACTION_IDS.paperAbstract} p1`,
      `${ACTION_IDS.similarShow} p1`,
    ]);
    expect(allText(asMessage(blocks))).not.toContain('Page ');
  });

  it('has no note line when there is no note', () => {
    const blocks = form({ results: page({}) });
    expect(blocks[3]?.type).not.toBe('context');
    expect(blocks.filter((b) => b.type === 'context')).toHaveLength(0);
  });

  it('shows at most a page of cards, however many items come in', () => {
    const items = Array.from({ length: MAX_CARDS_PER_MESSAGE + 4 }, (_, i) => ({
      paper: paper(i),
    }));
    const blocks = form({ results: page({ items }) });
    const abstracts = buttons(blocks).filter((b) => b.startsWith(ACTION_IDS.paperAbstract));
    expect(abstracts).toHaveLength(MAX_CARDS_PER_MESSAGE);
  });

  it('pages with Next on the first page, both on a middle page, Prev on the last', () => {
    const nav = (p: number) => {
      const blocks = form({ results: page({ page: p, pages: 3 }) });
      return {
        line: blocks.at(-2),
        nav: blocks.at(-1),
        heading: blocks.find((b) => b.block_id?.startsWith('form_heading'))?.block_id,
      };
    };
    expect(nav(0)).toEqual({
      line: { type: 'context', elements: [{ type: 'mrkdwn', text: 'Page 1 of 3' }] },
      nav: {
        type: 'actions',
        block_id: 'form_nav_p1',
        elements: [{ type: 'button', text: plain('Next ▸'), action_id: FORM_IDS.next, value: '1' }],
      },
      heading: 'form_heading_p1',
    });
    expect(nav(1)).toEqual({
      line: { type: 'context', elements: [{ type: 'mrkdwn', text: 'Page 2 of 3' }] },
      nav: {
        type: 'actions',
        block_id: 'form_nav_p2',
        elements: [
          { type: 'button', text: plain('◂ Prev'), action_id: FORM_IDS.prev, value: '0' },
          { type: 'button', text: plain('Next ▸'), action_id: FORM_IDS.next, value: '2' },
        ],
      },
      heading: 'form_heading_p2',
    });
    expect(nav(2)).toEqual({
      line: { type: 'context', elements: [{ type: 'mrkdwn', text: 'Page 3 of 3' }] },
      nav: {
        type: 'actions',
        block_id: 'form_nav_p3',
        elements: [{ type: 'button', text: plain('◂ Prev'), action_id: FORM_IDS.prev, value: '1' }],
      },
      heading: 'form_heading_p3',
    });
  });

  it('shows no paging for a single page', () => {
    const blocks = form({ results: page({ pages: 1 }) });
    expect(buttons(blocks).some((b) => b.startsWith('form_'))).toBe(false);
    expect(blocks.at(-1)?.block_id).toBe('form_card_0_p1_actions');
  });

  it('keeps a form of the longest data inside every Slack limit, escaped', () => {
    const long = 'Title <!channel> & *bold* '.repeat(40);
    const blocks = form({
      options: ALL_FILTERS,
      input: { query: 'q', code: true },
      results: page({
        heading: long,
        note: long,
        items: Array.from({ length: 20 }, (_, i) => ({ paper: paper(i) })),
        page: 1,
        pages: 5,
      }),
    });
    expect(slackLimitViolations(asMessage(blocks))).toEqual([]);
    expect(controlSequences(allText(asMessage(blocks)))).toEqual([]);
    // Cut before escaping: the reader sees at most 300 characters of heading, 500 of note.
    const heading = blocks.find((b) => b.block_id === 'form_heading_p2');
    const headingText = heading?.type === 'section' ? (heading.text?.text ?? '') : '';
    expect(headingText).toMatch(/^\*Title .*…\*$/);
    expect(decodeSlackText(headingText).length).toBeLessThanOrEqual(300 + 2);
    const noteBlock = blocks[blocks.indexOf(heading as KnownBlock) + 1];
    const noteText =
      noteBlock?.type === 'context' && noteBlock.elements[0]?.type === 'mrkdwn'
        ? noteBlock.elements[0].text
        : '';
    expect(noteText).toMatch(/^Title .*…$/);
    expect(decodeSlackText(noteText).length).toBeLessThanOrEqual(500);
  });
});
