/**
 * A poster link pasted in a conversation (or typed in the composer): Slack sends `link_shared`
 * for links on the app's `unfurl_domains`, and `chat.unfurl` attaches a card to each link that
 * names a paper of the catalog. Links to nothing we know are left alone: no call at all when
 * none resolves. Unfurling the same link again replaces the card, so a retried event is
 * harmless. https://api.slack.com/reference/messaging/link-unfurling
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { decodeSlackText } from '../../../blocks/escape.ts';
import type { LinkReplies } from '../../../bot/types.ts';
import type { Logger } from '../../../log.ts';
import { logSlackFailure } from '../../errors.ts';
import { teamOf } from '../../team.ts';

type LinkSharedArgs = SlackEventMiddlewareArgs<'link_shared'> & AllMiddlewareArgs;

export interface LinkSharedDeps {
  links: LinkReplies;
  log: Logger;
}

export function createLinkShared({ links, log }: LinkSharedDeps) {
  return async ({ event, body, client }: LinkSharedArgs): Promise<void> => {
    const urls = event.links.map((link) => link.url);
    const sharer = { userId: event.user, ...teamOf(body), surface: 'thread' as const };
    let cards: Awaited<ReturnType<LinkReplies['unfurl']>>;
    try {
      // Resolved on the decoded link, keyed by the link exactly as Slack sent it.
      const decoded = new Map(urls.map((url) => [decodeSlackText(url), url]));
      cards = new Map(
        [...(await links.unfurl([...decoded.keys()], sharer))].map(([url, card]) => [
          decoded.get(url)!,
          card,
        ]),
      );
    } catch (error) {
      log.error({ err: error, links: urls.length }, 'could not resolve shared links');
      return;
    }
    if (cards.size === 0) return;
    // The composer's preview has no message yet: it is addressed by unfurl_id and source.
    const unfurls = Object.fromEntries(cards);
    try {
      if (event.source === 'composer' && event.unfurl_id !== undefined) {
        await client.chat.unfurl({ unfurl_id: event.unfurl_id, source: 'composer', unfurls });
      } else {
        await client.chat.unfurl({ channel: event.channel, ts: event.message_ts, unfurls });
      }
      log.info({ links: urls.length, unfurled: cards.size }, 'poster links unfurled');
    } catch (error) {
      logSlackFailure(log, error, { links: urls.length }, 'could not unfurl poster links');
    }
  };
}
