/**
 * The organisers' usage report as Block Kit, for their section of the Home tab: what
 * attendees search for, what found nothing (with the nearest thing the catalog has), what
 * they save, and a button to download it all as CSV into their DM. Pure: the report is
 * built elsewhere (src/bot/stats-report.ts) and handed in.
 */
import type { KnownBlock } from '@slack/types';
import { button } from './button.ts';
import { escapeMrkdwn, truncate } from './escape.ts';
import { ACTION_IDS } from './ids.ts';
import { SLACK_LIMITS } from './limits.ts';

/** Traffic of one day. */
export interface ReportDay {
  day: string;
  queries: number;
  foundNothing: number;
  clicks: number;
  reminders: number;
  digests: number;
}

/** Everything the report says; the CLI prints it, the Home tab renders it, CSV exports it. */
export interface StatsReport {
  /** First day counted (inclusive), or undefined for every day kept. */
  since?: string;
  /** The day the report was made (local). */
  today: string;
  /** Fewest different people for a query to be listed. */
  minPeople: number;
  topQueries: { query: string; asked: number; people: number; results: number }[];
  /** Searches that found nothing, with the nearest query that finds something. */
  zeroResults: {
    query: string;
    asked: number;
    people: number;
    nearest?: string;
    /** Posters it finds today (up to 100), when it finds some since (an alias, new data). */
    findsNow?: number;
  }[];
  /** Queries left out because fewer than `minPeople` people asked them. */
  withheld: number;
  /** Lines to add to `aliases.csv`, for zero-result words that abbreviate a catalog phrase. */
  aliasSuggestions: { query: string; means: string }[];
  clicks: { kind: string; n: number }[];
  savedPosters: { id: string; title: string; saves: number }[];
  savedSessions: { id: string; name: string; saves: number }[];
  days: ReportDay[];
}

/** Rows per list in the Home tab; the CSV has them all. */
const ROWS_SHOWN = 5;

/**
 * The report as blocks, at most `budget` of them (the Home tab shares its 100 with other
 * sections). Lists are cut to fit; the CSV button is always the last block.
 */
export function renderOrganiserReport(report: StatsReport, budget = 12): KnownBlock[] {
  if (budget < 3) return [];
  const period = report.since ? `since ${report.since}` : 'all days kept';
  const totals = report.days.reduce(
    (sum, d) => ({
      queries: sum.queries + d.queries,
      nothing: sum.nothing + d.foundNothing,
      clicks: sum.clicks + d.clicks,
    }),
    { queries: 0, nothing: 0, clicks: 0 },
  );
  const head: KnownBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: 'For organisers: what attendees look for' },
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: clip(
            `${period}, to ${report.today} · ${totals.queries} searches, ${totals.nothing} found nothing, ${totals.clicks} clicks · a query shows once ${report.minPeople} different people asked it (${report.withheld} not shown)`,
          ),
        },
      ],
    },
  ];
  const sections: string[] = [
    list(
      '*Top searches*',
      report.topQueries.map((q) => `‘${escapeMrkdwn(q.query)}’ ×${q.asked} · ${q.results} found`),
    ),
    list(
      '*Found nothing*',
      report.zeroResults.map(
        (q) =>
          `‘${escapeMrkdwn(q.query)}’ ×${q.asked}${q.findsNow ? ` · finds ${q.findsNow} now` : q.nearest ? ` · nearest: ‘${escapeMrkdwn(q.nearest)}’` : ''}`,
      ),
    ),
    list(
      '*Most saved posters*',
      report.savedPosters.map((p) => `${escapeMrkdwn(p.title)} · ${p.saves}`),
    ),
    list(
      '*Most saved sessions*',
      report.savedSessions.map((s) => `${escapeMrkdwn(s.name)} · ${s.saves}`),
    ),
  ];
  if (report.aliasSuggestions.length > 0) {
    sections.push(
      list(
        '*Suggested lines for aliases.csv*',
        report.aliasSuggestions.map((a) => `\`${escapeMrkdwn(`${a.query},${a.means}`)}\``),
      ),
    );
  }
  const room = budget - head.length - 1;
  const body: KnownBlock[] = sections
    .slice(0, room)
    .map((text) => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text) } }));
  const actions: KnownBlock = {
    type: 'actions',
    block_id: 'organiser_report',
    elements: [button('Download CSV', ACTION_IDS.organiserCsv, report.since ?? '')],
  };
  return [...head, ...body, actions];
}

function list(title: string, rows: readonly string[]): string {
  if (rows.length === 0) return `${title}\nnone yet`;
  return [title, ...rows.slice(0, ROWS_SHOWN).map((row, i) => `${i + 1}. ${row}`)].join('\n');
}

function clip(text: string): string {
  return truncate(text, SLACK_LIMITS.sectionText);
}
