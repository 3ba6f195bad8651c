/**
 * Posters found from outside `/poster` (issue 13): a pasted poster link becomes its card
 * (unfurl), any message can be searched ("Find posters about this"), and a search form
 * ("Find a poster") filters by session, day, award or decision and code.
 */
import { FORM_IDS } from '../../blocks/ids.ts';
import type { SlackMessage } from '../../blocks/message.ts';
import { renderNotice } from '../../blocks/paper.ts';
import { MAX_CARDS_PER_MESSAGE } from '../../blocks/results.ts';
import { type FormInput, type FormResults, renderSearchForm } from '../../blocks/search-form.ts';
import { renderUnfurl } from '../../blocks/unfurl.ts';
import { createLinkResolver } from '../../catalog/links.ts';
import type { BotContext, Feature } from '../feature.ts';
import { messageQuery } from '../message-query.ts';
import { hitItem } from '../pages.ts';
import {
  decodeFormInput,
  decodeFormPage,
  describeFilters,
  encodeFormInput,
  type FormRequest,
  formFilter,
  formOptions,
  isFilled,
  readFormInput,
} from '../search-form.ts';
import type { Asker, BotView } from '../types.ts';
import type { SearchFeature } from './search.ts';

/** The modal's title (≤ 24 characters) and its submit button. */
export const FORM_TITLE = 'Find a poster';
const FORM_SUBMIT = 'Search';

export interface LinksFeature extends Feature {
  /** Cards for the links that name a paper of the catalog, keyed by the link as given. */
  unfurl(urls: readonly string[]): Map<string, { blocks: SlackMessage['blocks'] }>;
  /** "Find posters about this": the posters a message's text (decoded) is about. */
  aboutMessage(text: string, asker: Asker): SlackMessage;
  /** The search form: blank, as submitted, or a page of its results, for `asker`. */
  searchForm(request: FormRequest, asker: Asker): BotView;
  /** The search form while sessions are dated, for `/poster` with no words. */
  emptyCommand(asker: Asker): BotView | undefined;
}

export function createLinksFeature(context: BotContext, search: SearchFeature): LinksFeature {
  const { catalog, sessions, timeZone, index } = context;
  const resolver = createLinkResolver(catalog.papers);
  const options = formOptions(catalog, timeZone);
  const pageSize = Math.min(context.pageSize, MAX_CARDS_PER_MESSAGE);

  /** What was filled in, checked against the form's own choices. */
  function formInputOf(request: FormRequest): FormInput {
    if (request.kind === 'submit') return readFormInput(request.values, options);
    if (request.kind === 'page' || request.kind === 'refresh') {
      return decodeFormInput(request.metadata, options);
    }
    return { query: '' };
  }

  /** What the form shows for `input` at `page`, and how many posters it found in all. */
  function results(input: FormInput, page: number): { shown: FormResults; total: number } {
    if (!isFilled(input)) {
      const text = 'Type a few words or choose a filter, then Search.';
      return { shown: { kind: 'notice', text }, total: 0 };
    }
    const filter = formFilter(input, catalog, timeZone);
    const items =
      input.query === ''
        ? index
            .all()
            .filter(filter)
            .map((paper) => ({ paper }))
        : index.search(input.query, { filter }).map(hitItem);
    const filters = describeFilters(input, options);
    const asked = [input.query && `‘${input.query}’`, filters].filter(Boolean).join(', ');
    if (items.length === 0) {
      return { shown: { kind: 'notice', text: `No posters for ${asked}.` }, total: 0 };
    }
    const pages = Math.ceil(items.length / pageSize);
    const shown = Math.min(Math.max(0, page), pages - 1);
    const first = shown * pageSize;
    const onPage = items.slice(first, first + pageSize);
    const heading =
      pages === 1
        ? `${items.length} ${items.length === 1 ? 'poster' : 'posters'} for ${asked}`
        : `Posters ${first + 1}–${first + onPage.length} of ${items.length} for ${asked}`;
    return {
      shown: { kind: 'page', heading, items: onPage, page: shown, pages },
      total: items.length,
    };
  }

  function pageOf(request: FormRequest): number {
    if (request.kind === 'page') return request.page;
    return request.kind === 'refresh' ? decodeFormPage(request.metadata) : 0;
  }

  function searchForm(request: FormRequest, asker: Asker): BotView {
    const input = formInputOf(request);
    const found = request.kind === 'open' ? undefined : results(input, pageOf(request));
    const shown = found?.shown;
    // Words searched from the form count like any other search (filters alone are not a
    // search to report); its pages and redraws do not count again.
    if (request.kind === 'submit' && input.query !== '' && found) {
      context.stats?.query(asker.userId, input.query, found.total);
    }
    return {
      type: 'modal',
      title: FORM_TITLE,
      submit: FORM_SUBMIT,
      callbackId: FORM_IDS.view,
      privateMetadata: encodeFormInput(input, shown?.kind === 'page' ? shown.page : 0),
      blocks: renderSearchForm({ options, input, sessions, results: shown ?? { kind: 'empty' } }),
    };
  }

  return {
    name: 'links',
    unfurl(urls) {
      const cards = new Map<string, { blocks: SlackMessage['blocks'] }>();
      for (const url of urls) {
        const paper = resolver.resolve(url);
        if (paper && !cards.has(url)) cards.set(url, renderUnfurl(paper, sessions, timeZone));
      }
      return cards;
    },
    aboutMessage(text, asker) {
      const asked = messageQuery(text);
      if (asked.kind === 'empty') {
        return renderNotice(
          `${asked.reason} Try the shortcut on a message that names a topic, or /poster <keywords>.`,
        );
      }
      return search.asked(asker, asked.query);
    },
    searchForm,
    emptyCommand(asker) {
      const dated = catalog.sessions.some((s) => s.start !== undefined);
      return dated ? searchForm({ kind: 'open' }, asker) : undefined;
    },
  };
}
