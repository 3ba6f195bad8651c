/**
 * ◂ Prev / Next ▸ inside the search form: the modal is updated in place (`views.update` by
 * `view_id`, with its `hash` so that an update racing another one is refused rather than
 * overwriting it). The page shown is of what was submitted (kept in `private_metadata`), not
 * of fields edited since. https://api.slack.com/surfaces/modals#updating_apis
 */
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { FORM_IDS } from '../../../blocks/ids.ts';
import type { LinkReplies } from '../../../bot/types.ts';
import type { Logger } from '../../../log.ts';
import { logSlackFailure } from '../../errors.ts';
import { teamOf } from '../../team.ts';
import { modalView } from '../../views.ts';
import { actionValue } from './poster-action.ts';

/** The form's paging buttons. */
export const SEARCH_FORM_PAGE_ID = new RegExp(`^(?:${FORM_IDS.prev}|${FORM_IDS.next})$`);

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

export interface SearchFormPageDeps {
  links: LinkReplies;
  log: Logger;
}

export function createSearchFormPage({ links, log }: SearchFormPageDeps) {
  return async ({ action, body, ack, client }: ActionArgs): Promise<void> => {
    await ack();
    const view = body.view;
    const userId = body.user.id;
    const page = Number(actionValue(action));
    if (view === undefined || !Number.isInteger(page) || page < 0 || page > 10_000) {
      log.warn({ userId }, 'form page click without a view or a page; ignored');
      return;
    }
    try {
      const asker = { userId, ...teamOf(body), surface: 'modal' as const };
      const request = { kind: 'page' as const, metadata: view.private_metadata, page };
      const next = await links.searchForm(request, asker);
      await client.views.update({ view_id: view.id, hash: view.hash, view: modalView(next) });
    } catch (error) {
      logSlackFailure(log, error, { userId, page }, 'could not show another page of the form');
    }
  };
}
