/**
 * `/poster reminders` (in the console also `reminders --dry-run`): what the asker will be
 * reminded of — each coming session holding their saved posters, when its DM goes out
 * (REMINDER_LEAD before it) or that it went out, and the next DM exactly as it will be sent.
 * The sending itself is src/reminders/run.ts.
 */
import type { SlackMessage } from '../../blocks/message.ts';
import { renderNotice } from '../../blocks/paper.ts';
import { renderReminderSchedule, type ScheduledReminder } from '../../blocks/reminder.ts';
import { reminderKey } from '../../plan/reminders.ts';
import { groupBySession } from '../../plan/sessions.ts';
import type { BotContext, Feature } from '../feature.ts';
import type { Asker } from '../types.ts';

export function createRemindersFeature(context: BotContext): Feature {
  const { catalog, sessions, store, now, timeZone, reminderLeadMs } = context;
  const papers = new Map(catalog.papers.map((paper) => [paper.id, paper]));
  const dated = catalog.sessions.some((s) => s.start !== undefined);

  async function reminders(_intent: unknown, asker: Asker): Promise<SlackMessage> {
    if (!dated) {
      return renderNotice(
        'The schedule has no session times yet, so there is nothing to remind you of.',
      );
    }
    if (store === undefined || asker.teamId === undefined) {
      return renderNotice('Reminders need the bot’s database and your workspace; neither is here.');
    }
    const owner = { teamId: asker.teamId, userId: asker.userId };
    const saved = await store.plans.saved(owner);
    const grouped = groupBySession(
      saved.map((s) => s.paperId),
      { papers, sessions },
    );
    const at = now();
    const coming: ScheduledReminder[] = [];
    for (const planned of grouped.sessions) {
      if (planned.start <= at.getTime()) continue;
      const sent =
        (await store.claims.result(reminderKey(owner, planned.session.id))) !== undefined;
      coming.push({
        session: planned.session,
        start: new Date(planned.start),
        papers: planned.papers,
        remindAt: new Date(planned.start - reminderLeadMs),
        sent,
      });
    }
    return renderReminderSchedule({
      coming,
      on: await store.plans.remindersOn(owner),
      leadMinutes: Math.round(reminderLeadMs / 60_000),
      now: at,
      timeZone,
    });
  }

  return { name: 'reminders', command: { reminders } };
}
