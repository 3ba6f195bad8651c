/**
 * The search form ("Find a poster", issue 13) as modal blocks: a search box and the filters
 * the catalog can fill, then — once submitted — a page of cards with ◂ Prev / Next ▸.
 * Within a modal's limits by construction: ≤ 5 inputs, a heading and a note, at most
 * `MAX_CARDS_PER_MESSAGE` cards of ≤ 4 blocks and 3 blocks of paging: under 50 of the 100
 * blocks a view may hold. https://api.slack.com/reference/surfaces/views
 */
import type { KnownBlock, PlainTextOption } from '@slack/types';
import type { Paper, Session } from '../catalog/types.ts';
import type { SnippetPart } from '../search/snippet.ts';
import { button } from './button.ts';
import { renderCard } from './card.ts';
import { escapeMrkdwn, truncate } from './escape.ts';
import { FORM_IDS } from './ids.ts';
import { SLACK_LIMITS } from './limits.ts';
import { MAX_CARDS_PER_MESSAGE } from './results.ts';

/** One choice of a filter: what the menu shows and the value it sends back (≤ 75 chars). */
export interface FormChoice {
  label: string;
  value: string;
}

/**
 * The filters the catalog can fill; a filter it cannot fill is left out (no session menu
 * for a catalog without sessions, no day menu when no session is dated, no "has code" when
 * no paper links code).
 */
export interface FormOptions {
  sessions: FormChoice[];
  days: FormChoice[];
  /** Award and decisions: `award`, `Oral`, `Spotlight`, `Poster`, those the catalog has. */
  kinds: FormChoice[];
  code: boolean;
}

/** What was filled in. Every field comes back from the client: readFormInput (src/bot/search-form.ts) checks it. */
export interface FormInput {
  query: string;
  session?: string;
  /** A local date, `YYYY-MM-DD`, in the bot's time zone. */
  day?: string;
  /** `award` or a decision. */
  kind?: string;
  code?: true;
}

/** What the form shows under its inputs. */
export type FormResults =
  /** Not submitted yet. */
  | { kind: 'empty' }
  /** A line instead of results: nothing asked, nothing found. */
  | { kind: 'notice'; text: string }
  | {
      kind: 'page';
      heading: string;
      note?: string;
      items: readonly { paper: Paper; snippet?: readonly SnippetPart[] }[];
      page: number;
      pages: number;
    };

export interface SearchFormView {
  options: FormOptions;
  input: FormInput;
  results: FormResults;
  sessions: ReadonlyMap<string, Session>;
}

/** A modal's blocks: the inputs (with what was filled in), then the results. */
export function renderSearchForm(form: SearchFormView): KnownBlock[] {
  const blocks = [...renderInputs(form.options, form.input), ...renderFormResults(form)];
  return blocks.slice(0, 100);
}

function option(choice: FormChoice): PlainTextOption {
  return {
    text: { type: 'plain_text', text: truncate(choice.label, SLACK_LIMITS.optionText) },
    value: choice.value.slice(0, SLACK_LIMITS.optionValue),
  };
}

function select(
  blockId: string,
  label: string,
  placeholder: string,
  choices: readonly FormChoice[],
  chosen: string | undefined,
): KnownBlock {
  const options = choices.slice(0, SLACK_LIMITS.selectOptions).map(option);
  const initial = options.find((o) => o.value === chosen);
  return {
    type: 'input',
    block_id: blockId,
    optional: true,
    label: { type: 'plain_text', text: label },
    element: {
      type: 'static_select',
      action_id: blockId,
      placeholder: { type: 'plain_text', text: placeholder },
      options,
      ...(initial && { initial_option: initial }),
    },
  };
}

/** The search box and each filter the catalog can fill; block and action ids are FORM_IDS. */
function renderInputs(options: FormOptions, input: FormInput): KnownBlock[] {
  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: FORM_IDS.query,
      optional: true,
      label: { type: 'plain_text', text: 'Words' },
      element: {
        type: 'plain_text_input',
        action_id: FORM_IDS.query,
        max_length: 200,
        placeholder: { type: 'plain_text', text: 'e.g. vision transformer, Yi Tay' },
        ...(input.query !== '' && { initial_value: input.query }),
      },
    },
  ];
  if (options.sessions.length > 0) {
    blocks.push(
      select(FORM_IDS.session, 'Session', 'Any session', options.sessions, input.session),
    );
  }
  if (options.days.length > 0) {
    blocks.push(select(FORM_IDS.day, 'Day', 'Any day', options.days, input.day));
  }
  if (options.kinds.length > 0) {
    blocks.push(select(FORM_IDS.kind, 'Award or decision', 'Any', options.kinds, input.kind));
  }
  if (options.code) {
    const has = { text: { type: 'plain_text' as const, text: 'Has code' }, value: 'code' };
    blocks.push({
      type: 'input',
      block_id: FORM_IDS.code,
      optional: true,
      label: { type: 'plain_text', text: 'Code' },
      element: {
        type: 'checkboxes',
        action_id: FORM_IDS.code,
        options: [has],
        ...(input.code && { initial_options: [has] }),
      },
    });
  }
  return blocks;
}

function renderFormResults({ results, sessions }: SearchFormView): KnownBlock[] {
  if (results.kind === 'empty') return [];
  if (results.kind === 'notice') {
    return [
      { type: 'divider' },
      { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(results.text) } },
    ];
  }
  // Block ids change with the page: Slack may keep a block's state across an update.
  const tag = `_p${results.page + 1}`;
  const blocks: KnownBlock[] = [
    { type: 'divider' },
    {
      type: 'section',
      block_id: `form_heading${tag}`,
      text: { type: 'mrkdwn', text: `*${escapeMrkdwn(truncate(results.heading, 300))}*` },
    },
  ];
  if (results.note) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: escapeMrkdwn(truncate(results.note, 500)) }],
    });
  }
  results.items.slice(0, MAX_CARDS_PER_MESSAGE).forEach((item, i) => {
    blocks.push(
      ...renderCard(item.paper, {
        sessions,
        blockPrefix: `form_card_${i}${tag}`,
        // No Share: a modal belongs to no conversation.
        buttons: { abstract: true, share: false, similar: true },
        ...(item.snippet && { snippet: item.snippet }),
      }),
    );
  });
  if (results.pages > 1) {
    const nav = [];
    if (results.page > 0) nav.push(button('◂ Prev', FORM_IDS.prev, String(results.page - 1)));
    if (results.page < results.pages - 1) {
      nav.push(button('Next ▸', FORM_IDS.next, String(results.page + 1)));
    }
    blocks.push(
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `Page ${results.page + 1} of ${results.pages}` }],
      },
      { type: 'actions', block_id: `form_nav${tag}`, elements: nav },
    );
  }
  return blocks;
}
