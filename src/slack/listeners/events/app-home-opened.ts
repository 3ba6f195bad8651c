/**
 * `app_home_opened`: someone opened the bot's Home tab; publish their plan there
 * (`views.publish`). The Messages tab sends the same event with `tab: 'messages'`: nothing to
 * do then. https://api.slack.com/events/app_home_opened
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Replies } from '../../../bot/types.ts';
import type { Logger } from '../../../log.ts';
import { logSlackFailure } from '../../errors.ts';
import { teamOf } from '../../team.ts';
import { showView } from '../../views.ts';

export interface AppHomeOpenedDeps {
  replies: Replies;
  log: Logger;
}

export function createAppHomeOpened({ replies, log }: AppHomeOpenedDeps) {
  return async ({
    event,
    body,
    client,
  }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home' || !replies.home) return;
    const userId = event.user;
    let view: Awaited<ReturnType<NonNullable<Replies['home']>>>;
    try {
      view = await replies.home({ userId, ...teamOf(body), surface: 'home' });
    } catch (error) {
      log.error({ err: error, userId }, 'could not build the Home tab');
      return;
    }
    try {
      await showView(client, view, { userId });
    } catch (error) {
      logSlackFailure(log, error, { userId }, 'could not publish the Home tab');
    }
  };
}
