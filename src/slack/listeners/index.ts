/**
 * Every Slack listener, registered in one place, each built from a factory that closes over
 * its dependencies (no module-level app, nothing to mock).
 */
import type { App } from '@slack/bolt';
import { FORM_IDS, SHORTCUT_IDS } from '../../blocks/ids.ts';
import type { LinkReplies, Replies } from '../../bot/types.ts';
import type { Logger } from '../../log.ts';
import type { DurableKeys } from '../dedupe.ts';
import type { RecentKeys } from '../recent-keys.ts';
import { createPosterAction, POSTER_ACTION_ID } from './actions/poster-action.ts';
import { createSearchFormPage, SEARCH_FORM_PAGE_ID } from './actions/search-form-page.ts';
import { createPosterCommand, POSTER_COMMAND } from './commands/poster-command.ts';
import { createAppHomeOpened } from './events/app-home-opened.ts';
import { createAppMention } from './events/app-mention.ts';
import { createDirectMessage } from './events/direct-message.ts';
import { createLinkShared } from './events/link-shared.ts';
import { createAboutMessageShortcut } from './shortcuts/about-message.ts';
import { createFindPosterShortcut } from './shortcuts/find-poster.ts';
import { createSearchFormSubmit } from './views/search-form-submit.ts';

export interface ListenerDeps {
  replies: Replies;
  /** The root logger; each listener takes a child named after it. */
  logger: Logger;
  /** See `COMMAND_ACK_DEADLINE_MS`. */
  commandAckDeadlineMs?: number;
  /** See `createRecentKeys`. */
  recentMentions?: RecentKeys;
  /** See `createRecentKeys`. */
  recentDirectMessages?: RecentKeys;
  /** Durable de-duplication of Share clicks and mentions (the store's claims; issue 15). */
  durableKeys?: DurableKeys;
  /** Unfurls, the shortcuts and the search form (issue 13); without them, not registered. */
  links?: LinkReplies;
}

export function registerListeners(app: App, deps: ListenerDeps): void {
  const { replies, logger } = deps;
  app.command(
    POSTER_COMMAND,
    createPosterCommand({
      replies,
      log: logger.child({ module: 'poster-command' }),
      ackDeadlineMs: deps.commandAckDeadlineMs,
    }),
  );
  app.action(
    { type: 'block_actions', action_id: POSTER_ACTION_ID },
    createPosterAction({
      replies,
      links: deps.links,
      log: logger.child({ module: 'poster-action' }),
      durableKeys: deps.durableKeys,
    }),
  );
  app.event(
    'app_mention',
    createAppMention({
      replies,
      log: logger.child({ module: 'app-mention' }),
      recentEvents: deps.recentMentions,
      durableKeys: deps.durableKeys,
    }),
  );
  app.event(
    'app_home_opened',
    createAppHomeOpened({ replies, log: logger.child({ module: 'app-home-opened' }) }),
  );
  app.event(
    'message',
    createDirectMessage({
      replies,
      log: logger.child({ module: 'direct-message' }),
      recentEvents: deps.recentDirectMessages,
      durableKeys: deps.durableKeys,
    }),
  );
  if (deps.links) registerLinkListeners(app, deps.links, logger);
}

/** Unfurls, the two shortcuts and the search form (issue 13). */
function registerLinkListeners(app: App, links: LinkReplies, logger: Logger): void {
  app.event(
    'link_shared',
    createLinkShared({ links, log: logger.child({ module: 'link-shared' }) }),
  );
  app.shortcut(
    { type: 'message_action', callback_id: SHORTCUT_IDS.aboutMessage },
    createAboutMessageShortcut({ links, log: logger.child({ module: 'about-message' }) }),
  );
  app.shortcut(
    { type: 'shortcut', callback_id: SHORTCUT_IDS.findPoster },
    createFindPosterShortcut({ links, log: logger.child({ module: 'find-poster' }) }),
  );
  app.view(
    { type: 'view_submission', callback_id: FORM_IDS.view },
    createSearchFormSubmit({ links, log: logger.child({ module: 'search-form' }) }),
  );
  app.action(
    { type: 'block_actions', action_id: SEARCH_FORM_PAGE_ID },
    createSearchFormPage({ links, log: logger.child({ module: 'search-form' }) }),
  );
}
