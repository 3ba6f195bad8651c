/**
 * "Export to calendar" (the Home tab's button, `plan_export_ics`): the asker's plan as
 * `my-plan.ics`, a `file` reply the Slack listener uploads into their DM and the console saves.
 * With nothing saved, or no times to put in a calendar, a private notice says so instead.
 */
import { ACTION_IDS } from '../../blocks/ids.ts';
import { renderNotice } from '../../blocks/paper.ts';
import { buildPlanCalendar, PLAN_CALENDAR_FILENAME } from '../../plan/calendar.ts';
import type { BotContext, Feature } from '../feature.ts';
import type { Asker, Reply } from '../types.ts';

export const CALENDAR_NOTICES = {
  noStore: 'Saving posters needs the bot’s database, and this bot runs without one.',
  noTeam: 'I can’t tell which workspace you are in, so I can’t find your plan.',
  empty:
    'Your plan is empty: press Save on a poster, then export again to get it in your calendar.',
  undated: (n: number) =>
    `Your ${n === 1 ? 'saved poster has' : `${n} saved posters have`} no session times yet ` +
    '(the schedule has none), so there is nothing to put in a calendar.',
} as const;

export function createCalendarFeature({ catalog, sessions, store, now }: BotContext): Feature {
  const papers = new Map(catalog.papers.map((paper) => [paper.id, paper]));

  async function exportPlan(_value: string, asker: Asker): Promise<Reply> {
    if (store === undefined) return notice(CALENDAR_NOTICES.noStore);
    if (asker.teamId === undefined) return notice(CALENDAR_NOTICES.noTeam);
    const owner = { teamId: asker.teamId, userId: asker.userId };
    const saved = await store.plans.saved(owner);
    const calendar = buildPlanCalendar({
      owner,
      paperIds: saved.map((s) => s.paperId),
      lookup: { papers, sessions },
      now: now(),
    });
    if (calendar.kind === 'empty') return notice(CALENDAR_NOTICES.empty);
    if (calendar.kind === 'undated') return notice(CALENDAR_NOTICES.undated(calendar.posters));
    const events = calendar.events === 1 ? '1 session' : `${calendar.events} sessions`;
    const left =
      calendar.undated > 0
        ? ` (${calendar.undated} saved poster${calendar.undated === 1 ? '' : 's'} without a time left out)`
        : '';
    return {
      kind: 'file',
      file: { filename: PLAN_CALENDAR_FILENAME, title: 'My posters', content: calendar.ics },
      message: renderNotice(
        `Your calendar is in ${PLAN_CALENDAR_FILENAME}: ${events} with ${calendar.posters} ` +
          `saved poster${calendar.posters === 1 ? '' : 's'}${left}. Open it to add them to your calendar.`,
      ),
    };
  }

  return { name: 'calendar', actions: { [ACTION_IDS.planExportIcs]: exportPlan } };
}

function notice(text: string): Reply {
  return { kind: 'ephemeral', message: renderNotice(text) };
}
