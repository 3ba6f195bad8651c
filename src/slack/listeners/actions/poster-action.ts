/**
 * Button clicks (and menu choices) on the bot's messages: paging, abstracts, sharing, people.
 * A click on an ephemeral message carries no copy of it: all the next step needs travels in
 * the element's `value`. Where the answer goes depends on the clicked message (see
 * ../../click-delivery.ts): a public message is never rewritten by one reader's click.
 */
import type {
  AllMiddlewareArgs,
  BlockAction,
  BlockElementAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import { ACTION_IDS, FORM_IDS } from '../../../blocks/ids.ts';
import type { SlackMessage } from '../../../blocks/message.ts';
import type { BotView, LinkReplies, Replies, Reply } from '../../../bot/types.ts';
import type { Logger } from '../../../log.ts';
import { type ClickBody, type ClickPlace, deliveryOf, placeOfClick } from '../../click-delivery.ts';
import {
  type DurableKeys,
  isFirstDurably,
  isShareAction,
  SHARE_DEDUPE_TTL_MS,
  shareKey,
} from '../../dedupe.ts';
import { logSlackFailure, SORRY_MESSAGE } from '../../errors.ts';
import { openDm, uploadFileToDm } from '../../file-upload.ts';
import { teamOf } from '../../team.ts';
import { modalView, showView } from '../../views.ts';

/** Whether a click comes from the bot's Home tab (`container.type` `view`, a `home` view). */
function isHomeClick(body: BlockAction): boolean {
  return body.container?.type === 'view' && body.view?.type === 'home';
}

/**
 * The action id prefixes of our features (STYLE.md: snake_case with a feature prefix), taken
 * from the ids in src/blocks/ids.ts: a new button is an entry there and in its feature's
 * `actions`, never a new registration here.
 */
export const POSTER_ACTION_ID = new RegExp(
  `^(${[...new Set(Object.values(ACTION_IDS).map((id) => id.split('_')[0]))].join('|')})_`,
);

/** Shown when the answer to a click could not be delivered where it belonged. */
const UNDELIVERED_MESSAGE: SlackMessage = {
  text: 'Sorry, I couldn’t post that here (I may not be allowed to post in this conversation). Try /poster instead.',
  blocks: [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: 'Sorry, I couldn’t post that here (I may not be allowed to post in this conversation). Try `/poster` instead.',
      },
    },
  ],
};

/** The string a clicked element carries: a button's `value`, a menu's selected option. */
export function actionValue(action: BlockElementAction): string {
  if ('value' in action && typeof action.value === 'string') return action.value;
  if ('selected_option' in action && action.selected_option)
    return action.selected_option.value ?? '';
  return '';
}

export interface PosterActionDeps {
  replies: Replies;
  /** The search form, shown again after a Save in it (issue 13); absent without links. */
  links?: LinkReplies | undefined;
  log: Logger;
  /** Drops a repeated Share (double click, replayed request); see src/slack/dedupe.ts. */
  durableKeys?: DurableKeys | undefined;
}

/** Shown when a file (the calendar) could not be put into the clicker's DM. */
const FILE_FAILED_MESSAGE: SlackMessage = {
  text: 'Sorry, I couldn’t send you the file. Please try again in a minute.',
  blocks: [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: 'Sorry, I couldn’t send you the file. Please try again in a minute.',
      },
    },
  ],
};

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

export function createPosterAction({ replies, links, log, durableKeys }: PosterActionDeps) {
  /** Sends `reply` where `place` says; false (logged) when Slack refused it. */
  const deliver = async (args: ActionArgs, reply: Reply, place: ClickPlace): Promise<boolean> => {
    const { body, client, respond } = args;
    const userId = body.user.id;
    const actionId = args.action.action_id;
    try {
      if (reply.kind === 'view') {
        await showView(client, reply.view, { userId, triggerId: body.trigger_id });
        return true;
      }
      if (place.surface === 'home') {
        // A Home tab click has no message to answer under: a private answer goes to the DM.
        await client.chat.postMessage({
          channel: await openDm(client, userId),
          text: reply.message.text,
          blocks: reply.message.blocks,
        });
        return true;
      }
      const delivery = deliveryOf(reply, place);
      if (delivery.via === 'respond') await respond(delivery.response);
      else {
        await client.chat.postEphemeral({
          channel: delivery.channel,
          user: userId,
          ...(delivery.threadTs !== undefined && { thread_ts: delivery.threadTs }),
          text: delivery.message.text,
          blocks: delivery.message.blocks,
        });
      }
      return true;
    } catch (error) {
      logSlackFailure(log, error, { actionId, userId }, 'could not deliver the answer to a click');
      return false;
    }
  };

  /** After a change to the clicker's plan: their Home tab, published again (logged if not). */
  const republishHome = async ({ client, body }: ActionArgs, reply: Reply): Promise<void> => {
    if (!reply.home) return;
    try {
      await showView(client, reply.home, { userId: body.user.id });
    } catch (error) {
      logSlackFailure(log, error, { userId: body.user.id }, 'could not republish the Home tab');
    }
  };

  /**
   * A card's button clicked in a modal (the search form, or a poster opened on top of it).
   * A new answer (an abstract, similar posters) is pushed as a modal on top (`views.push`,
   * within the click's 3 s trigger), so closing it returns to the results; Slack stacks at
   * most three views, past that the push is refused and logged. A Save changes the view it
   * was clicked in instead (`views.update`): the form shows its page again, a poster on top
   * its redrawn card, each button now saying Saved.
   */
  const answerInModal = async (args: ActionArgs, team: { teamId?: string }): Promise<void> => {
    const { action, body, client } = args;
    const userId = body.user.id;
    const actionId = action.action_id;
    const shown = body.view;
    if (shown === undefined) return;
    const asker = { userId, ...team, surface: 'modal' as const };
    try {
      const reply = await replies.action(actionId, actionValue(action), asker);
      const update = (view: BotView) =>
        client.views.update({ view_id: shown.id, hash: shown.hash, view: modalView(view) });
      if (links && shown.callback_id === FORM_IDS.view && actionId === ACTION_IDS.planToggle) {
        const metadata = shown.private_metadata ?? '';
        await update(await links.searchForm({ kind: 'refresh', metadata }, asker));
      } else if (reply.kind === 'view') {
        await client.views.push({ trigger_id: body.trigger_id, view: modalView(reply.view) });
      } else {
        const view = { type: 'modal' as const, title: 'Poster', blocks: reply.message.blocks };
        if (reply.kind === 'replace') await update(view);
        else await client.views.push({ trigger_id: body.trigger_id, view: modalView(view) });
      }
      // After the view: the trigger_id a push needs is good for 3 s only.
      await republishHome(args, reply);
    } catch (error) {
      logSlackFailure(log, error, { actionId, userId }, 'could not answer a click in a modal');
    }
  };

  return async (args: ActionArgs): Promise<void> => {
    const { action, body, ack } = args;
    await ack();
    const actionId = action.action_id;
    const userId = body.user.id;
    const team = teamOf(body as Parameters<typeof teamOf>[0]);
    const onHome = !body.response_url && !body.container?.channel_id && isHomeClick(body);
    if (!body.response_url && !body.container?.channel_id && !onHome) {
      // A card's button in the search form (issue 13) answers in a modal on top.
      if (body.view?.type === 'modal') {
        await answerInModal(args, team);
        return;
      }
      log.warn({ actionId, userId }, 'button click outside a message ignored');
      return;
    }
    const place: ClickPlace = onHome ? { surface: 'home' } : placeOfClick(body as ClickBody);
    // A Share posts into the conversation: a double click or a replayed request counts once.
    if (isShareAction(actionId)) {
      const key = shareKey(userId, place.channel ?? '', actionValue(action), place.threadTs);
      if (!(await isFirstDurably(durableKeys, key, SHARE_DEDUPE_TTL_MS, log))) {
        log.info({ actionId, userId }, 'repeated Share dropped');
        return;
      }
    }
    let reply: Reply;
    try {
      reply = await replies.action(actionId, actionValue(action), {
        userId,
        ...team,
        surface: place.surface,
      });
    } catch (error) {
      log.error({ err: error, actionId, userId }, 'could not answer a button click');
      reply = { kind: 'ephemeral', message: SORRY_MESSAGE };
    }
    // reminders: a file goes into the clicker's DM first, then its confirmation where they
    // clicked (on the Home tab the confirmation travels with the file).
    if (reply.kind === 'file') {
      try {
        await uploadFileToDm(args.client, userId, reply.file, {
          ...(place.surface === 'home' && { comment: reply.message.text }),
        });
        if (place.surface === 'home') return;
        reply = { kind: 'ephemeral', message: reply.message };
      } catch (error) {
        logSlackFailure(log, error, { actionId, userId }, 'could not upload a file');
        reply = { kind: 'ephemeral', message: FILE_FAILED_MESSAGE };
      }
    }
    const delivered = await deliver(args, reply, place);
    await republishHome(args, reply);
    if (delivered || place.surface === 'home') return;
    const isPrivate = place.surface === 'command' || place.surface === 'dm';
    if (!isPrivate && (reply.kind === 'replace' || reply.kind === 'ephemeral')) {
      // chat.postEphemeral was refused (the bot is not in that conversation, say): the
      // response_url still reaches the clicker alone, if outside the thread. Never `replace`.
      const privately: Reply = { kind: 'ephemeral', message: reply.message };
      if (await deliver(args, privately, { ...place, surface: 'command' })) return;
    }
    // Tell the user rather than leave the click unanswered, privately, by the other route:
    // the Web API when the response_url failed (a dead or used-up url; a public Share goes
    // through it too), else the url.
    const sorry: Reply = { kind: 'ephemeral', message: UNDELIVERED_MESSAGE };
    const failedViaUrl = reply.kind === 'view' || deliveryOf(reply, place).via === 'respond';
    const other: ClickPlace = failedViaUrl
      ? { ...place, surface: 'thread' }
      : { ...place, surface: 'command' };
    if (other.channel !== undefined) await deliver(args, sorry, other);
  };
}
