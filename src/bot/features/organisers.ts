/**
 * The organisers' usage report (issue 14): `/poster stats`, their section of the Home tab,
 * and "Download CSV" into their DM. Only user ids in ORGANISERS see it: anyone else asking
 * `/poster stats` gets a search for "stats", and a click on the button a polite refusal.
 */
import type { KnownBlock } from '@slack/types';
import { ACTION_IDS } from '../../blocks/ids.ts';
import type { SlackMessage } from '../../blocks/message.ts';
import { renderOrganiserReport } from '../../blocks/organiser-report.ts';
import { renderNotice } from '../../blocks/paper.ts';
import { isLocalDate, localDate } from '../../time.ts';
import type { BotContext, Feature } from '../feature.ts';
import { buildStatsReport, reportCsv, type StatsReport } from '../stats-report.ts';
import type { Asker, Reply } from '../types.ts';
import type { SearchFeature } from './search.ts';

export interface OrganisersFeature extends Feature {
  /**
   * The organisers' section of the Home tab for `userId`, in at most `budget` blocks;
   * undefined for anyone who is not an organiser (or without a store).
   */
  section(userId: string, budget?: number): Promise<KnownBlock[] | undefined>;
}

/** Blocks of the report in a `/poster stats` answer (a message holds 50). */
const MESSAGE_BUDGET = 20;

export const NOT_AN_ORGANISER =
  'Sorry, the usage report is only for the organisers of this conference.';

export function createOrganisersFeature(
  context: BotContext & { search: Pick<SearchFeature, 'asked'> },
): OrganisersFeature {
  const { store, catalog, index, search } = context;
  const isOrganiser = (userId: string) => context.organisers?.has(userId) === true;
  const today = () => localDate(context.now(), context.timeZone);

  function report(since?: string): Promise<StatsReport> | undefined {
    if (!store) return undefined;
    return buildStatsReport(
      { stats: store.stats, plans: store.plans, catalog, index },
      { today: today(), ...(since && { since }) },
    );
  }

  async function stats(asker: Asker): Promise<SlackMessage> {
    if (!isOrganiser(asker.userId)) return search.asked(asker, 'stats');
    const made = report();
    if (!made) return renderNotice('No usage report: this bot runs without a database.');
    const blocks = renderOrganiserReport(await made, MESSAGE_BUDGET);
    return { text: 'Usage report for organisers', blocks };
  }

  async function downloadCsv(value: string, asker: Asker): Promise<Reply> {
    if (!isOrganiser(asker.userId)) {
      return { kind: 'ephemeral', message: renderNotice(NOT_AN_ORGANISER) };
    }
    // The button's value is the report's first day, or empty for every day; it comes back
    // from the client, so anything else means every day.
    const since = isLocalDate(value) ? value : undefined;
    const made = report(since);
    if (!made) {
      return {
        kind: 'ephemeral',
        message: renderNotice('No usage report: this bot runs without a database.'),
      };
    }
    const day = today();
    return {
      kind: 'file',
      file: {
        filename: `poster-bot-report-${day}.csv`,
        title: `poster-bot usage report, ${since ? `${since} to ` : 'to '}${day}`,
        content: reportCsv(await made),
      },
      message: renderNotice('The usage report is on its way to your direct messages, as CSV.'),
    };
  }

  return {
    name: 'organisers',
    section: async (userId, budget) => {
      if (!isOrganiser(userId)) return undefined;
      const made = report();
      return made && renderOrganiserReport(await made, budget);
    },
    command: { stats: (_intent, asker) => stats(asker) },
    actions: { [ACTION_IDS.organiserCsv]: downloadCsv },
  };
}
