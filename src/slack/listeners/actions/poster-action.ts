/**
 * Button clicks (and menu choices) on the bot's messages: paging, abstracts, sharing, author
 * and schedule look-ups. Every result message is ephemeral, so the click carries no copy of
 * it: all the next step needs travels in the element's `value`, and the answer goes back
 * through the click's `response_url`.
 */
import type {
  AllMiddlewareArgs,
  BlockAction,
  BlockElementAction,
  RespondArguments,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import type { Replies } from '../../../bot/types.ts';
import type { Logger } from '../../../log.ts';
import { type DurableKeys, isShareAction, SHARE_DEDUPE_TTL_MS, shareKey } from '../../dedupe.ts';
import { logSlackFailure, SORRY_MESSAGE } from '../../errors.ts';
import { toActionResponse } from '../../responses.ts';

/**
 * The action id prefixes of our features (STYLE.md: snake_case with a feature prefix). The
 * ids themselves are defined with the renderers in src/blocks/ids.ts; matching by prefix
 * keeps a new button from needing a new registration here.
 */
export const POSTER_ACTION_ID = /^(results_|paper_|search_|author_|schedule_)/;

/** The string a clicked element carries: a button's `value`, a menu's selected option. */
export function actionValue(action: BlockElementAction): string {
  if ('value' in action && typeof action.value === 'string') return action.value;
  if ('selected_option' in action && action.selected_option)
    return action.selected_option.value ?? '';
  return '';
}

export interface PosterActionDeps {
  replies: Replies;
  log: Logger;
  /** Drops a repeated Share (double click, replayed request); see src/slack/dedupe.ts. */
  durableKeys?: DurableKeys | undefined;
}

export function createPosterAction({ replies, log, durableKeys }: PosterActionDeps) {
  return async ({
    action,
    body,
    ack,
    respond,
  }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const actionId = action.action_id;
    const userId = body.user.id;
    if (!body.response_url) {
      // Clicks on a Home tab or in a modal have no response_url; we render neither.
      log.warn({ actionId, userId }, 'button click without response_url ignored');
      return;
    }
    // reliability (issue 15): a Share posts into the channel; count it once.
    if (durableKeys !== undefined && isShareAction(actionId)) {
      const where = body.channel?.id ?? body.container?.channel_id ?? '';
      const key = shareKey(userId, where, actionValue(action));
      if (!(await durableKeys.markFirst(key, SHARE_DEDUPE_TTL_MS))) {
        log.info({ actionId, userId }, 'repeated Share dropped');
        return;
      }
    }

    let response: RespondArguments;
    try {
      response = toActionResponse(await replies.action(actionId, actionValue(action), { userId }));
    } catch (error) {
      log.error({ err: error, actionId, userId }, 'could not answer a button click');
      response = { response_type: 'ephemeral', replace_original: false, ...SORRY_MESSAGE };
    }
    try {
      await respond(response);
    } catch (error) {
      logSlackFailure(log, error, { actionId, userId }, 'could not deliver the answer to a click');
    }
  };
}
