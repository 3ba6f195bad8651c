import type { KnownBlock } from '@slack/types';
import { button } from './button.ts';
import { escapeMrkdwn } from './escape.ts';
import { ACTION_IDS } from './ids.ts';
import type { SlackMessage } from './message.ts';

/** Example searches offered as one-click buttons under the help text. */
export interface HelpOptions {
  /** Searches that find something in the loaded catalog. */
  examples: readonly string[];
  /** A person in the catalog, for the author example. */
  exampleAuthor?: string;
  /** How many papers and sessions are loaded, for one line of context. */
  papers: number;
  sessions: number;
  /** Whether sessions have times (enables now / next / today). */
  dated: boolean;
  /** Two or three questions asked the way people ask them, each answered in this catalog. */
  questions?: readonly string[];
  /** Who will see the help: the asker alone (default), the asker in a DM, or a thread. */
  audience?: 'private' | 'dm' | 'public';
}

/** The last line of help, true for where it is shown. */
const VISIBILITY_NOTE = {
  private: 'Results are only visible to you until you press Share.',
  dm: 'Answers here are only visible to you.',
  public: 'Answers to a mention are posted in its thread for everyone; `/poster` answers only you.',
} as const;

/** Usage of `/poster` and of @mentions, with examples from the loaded data. */
export function renderHelp(options: HelpOptions): SlackMessage {
  const author = escapeMrkdwn(options.exampleAuthor ?? 'Cho-Jui Hsieh');
  const lines = [
    '*Find posters with `/poster`*',
    '• `/poster <keywords>` — posters about a topic, e.g. `/poster vision transformer`',
    `• \`/poster author <name>\` or \`/poster by:<name>\` — a person's posters, e.g. \`/poster by:${author}\``,
    ...(options.dated
      ? [
          '• `/poster now` · `/poster next` · `/poster today` — sessions on now, next, or today',
          '• `/poster reminders` — the DMs I will send you before sessions holding posters you saved',
        ]
      : []),
    '• *Save* on a card keeps it in your plan: see it in my *Home* tab or with `/poster plan`',
    '• `/poster help` — this message',
    '• Paste a poster or OpenReview link: I add its card. From the shortcuts menu: *Find a poster* (a search form); on a message: *Find posters about this*',
    '',
    `*Or mention me in a channel*, and I answer in the thread: \`@poster papers by ${author}\`, \`@poster who works on diffusion?\``,
    ...(options.questions && options.questions.length > 0
      ? [
          `Ask as you would ask a person: ${options.questions
            .slice(0, 3)
            .map((q) => `\`${escapeMrkdwn(q)}\``)
            .join(' · ')}`,
        ]
      : []),
  ];
  const blocks: KnownBlock[] = [
    { type: 'section', block_id: 'help_usage', text: { type: 'mrkdwn', text: lines.join('\n') } },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `${options.papers} posters in ${options.sessions} session${options.sessions === 1 ? '' : 's'}. ${VISIBILITY_NOTE[options.audience ?? 'private']}`,
        },
      ],
    },
  ];
  const examples = options.examples.slice(0, 5);
  if (examples.length > 0) {
    blocks.push({
      type: 'actions',
      block_id: 'help_examples',
      elements: examples.map((example, i) =>
        button(`Try: ${example}`, `${ACTION_IDS.searchSuggestion}_${i}`, example),
      ),
    });
  }
  return {
    text: 'How to use /poster: /poster <keywords>, /poster author <name>, /poster help',
    blocks,
  };
}
