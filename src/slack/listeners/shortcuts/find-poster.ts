/**
 * The global shortcut "Find a poster": opens the search form. A `trigger_id` is good for
 * 3 seconds, so the shortcut is acked first and the form, which needs no search, is opened
 * at once. https://api.slack.com/interactivity/shortcuts
 */
import type { AllMiddlewareArgs, GlobalShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { LinkReplies } from '../../../bot/types.ts';
import type { Logger } from '../../../log.ts';
import { logSlackFailure } from '../../errors.ts';
import { teamOf } from '../../team.ts';
import { modalView } from '../../views.ts';

type ShortcutArgs = SlackShortcutMiddlewareArgs<GlobalShortcut> & AllMiddlewareArgs;

export interface FindPosterDeps {
  links: LinkReplies;
  log: Logger;
}

export function createFindPosterShortcut({ links, log }: FindPosterDeps) {
  return async ({ shortcut, ack, client }: ShortcutArgs): Promise<void> => {
    await ack();
    const userId = shortcut.user.id;
    try {
      const asker = { userId, ...teamOf(shortcut), surface: 'modal' as const };
      const view = modalView(await links.searchForm({ kind: 'open' }, asker));
      await client.views.open({ trigger_id: shortcut.trigger_id, view });
    } catch (error) {
      logSlackFailure(log, error, { userId }, 'could not open the search form');
    }
  };
}
