/** What is on: `/poster now | next | today` and "@poster what's on now?". */
import type { SlackMessage } from '../../blocks/message.ts';
import { renderNotice } from '../../blocks/paper.ts';
import type { ResultItem } from '../../blocks/results.ts';
import { formatInstant } from '../../blocks/time.ts';
import { type SessionWindow, selectSessions } from '../../catalog/session-window.ts';
import type { BotContext, Feature } from '../feature.ts';
import { type Found, listed } from '../pages.ts';

const WINDOW_LABELS = { now: 'running now', next: 'starting next', today: 'today' } as const;

export function createSessionsFeature({ catalog, now, timeZone, pages }: BotContext): Feature {
  const dated = catalog.sessions.some((s) => s.start !== undefined);

  /** The posters of the sessions on now / next / today, session by session. */
  function sessionsFound(which: SessionWindow): Found {
    const found = selectSessions(catalog, now(), which, timeZone);
    const seen = new Set<string>();
    const items: ResultItem[] = [];
    for (const { papers } of found) {
      for (const paper of papers) {
        if (!seen.has(paper.id)) items.push({ paper });
        seen.add(paper.id);
      }
    }
    const names = found.map(({ session }) =>
      session.start
        ? `${session.name} (${formatInstant(new Date(session.start), timeZone)})`
        : session.name,
    );
    return listed(
      `in the session${found.length === 1 ? '' : 's'} ${WINDOW_LABELS[which]}`,
      items,
      names.length > 0 ? names.join(' · ') : undefined,
    );
  }

  /** `/poster now|next|today` when nothing matches: say why, and what comes next. */
  function noSessions(which: SessionWindow): SlackMessage {
    if (!dated) {
      return renderNotice(
        'The schedule has no session times yet, so I can’t tell what is on when. Try `/poster <keywords>`.',
      );
    }
    const next = selectSessions(catalog, now(), 'next', timeZone)[0]?.session;
    const when = next?.start
      ? ` Next up: ${next.name}, ${formatInstant(new Date(next.start), timeZone)}.`
      : ' There are no more sessions in the schedule.';
    const what = {
      now: 'No poster session is running now.',
      next: '',
      today: 'No poster sessions today.',
    }[which];
    return renderNotice(`${what}${when}`.trim());
  }

  function schedule({ which }: { which: SessionWindow }): SlackMessage {
    return pages.show({ kind: 'sessions', which, page: 0 }) ?? noSessions(which);
  }

  return {
    name: 'sessions',
    command: { schedule },
    mention: { schedule },
    finds: { sessions: ({ which }) => sessionsFound(which) },
  };
}
