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
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import { ACTION_IDS } from '../../../blocks/ids.ts';
import type { Replies, Reply } from '../../../bot/types.ts';
import type { Logger } from '../../../log.ts';
import { logSlackFailure, SORRY_MESSAGE } from '../../errors.ts';
import { toActionResponse } from '../../responses.ts';
import { showView } from '../../views.ts';

/**
 * The action id prefixes of our features (STYLE.md: snake_case with a feature prefix), taken
 * from the ids in src/blocks/ids.ts: a new button is an entry there and in its feature's
 * `actions`, never a new registration here.
 */
export const POSTER_ACTION_ID = new RegExp(
  `^(${[...new Set(Object.values(ACTION_IDS).map((id) => id.split('_')[0]))].join('|')})_`,
);

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
}

export function createPosterAction({ replies, log }: PosterActionDeps) {
  return async ({
    action,
    body,
    ack,
    respond,
    client,
  }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const actionId = action.action_id;
    const userId = body.user.id;
    if (!body.response_url) {
      // Clicks on a Home tab or in a modal have no response_url; we render neither.
      log.warn({ actionId, userId }, 'button click without response_url ignored');
      return;
    }

    let reply: Reply;
    try {
      reply = await replies.action(actionId, actionValue(action), { userId, surface: 'command' });
    } catch (error) {
      log.error({ err: error, actionId, userId }, 'could not answer a button click');
      reply = { kind: 'ephemeral', message: SORRY_MESSAGE };
    }
    try {
      if (reply.kind === 'view') {
        await showView(client, reply.view, { userId, triggerId: body.trigger_id });
      } else {
        await respond(toActionResponse(reply));
      }
    } catch (error) {
      logSlackFailure(log, error, { actionId, userId }, 'could not deliver the answer to a click');
    }
  };
}
