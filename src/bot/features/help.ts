/** Help: usage, with example searches and questions that are known to find posters. */
import { type HelpOptions, renderHelp } from '../../blocks/help.ts';
import type { SlackMessage } from '../../blocks/message.ts';
import type { Paper } from '../../catalog/types.ts';
import type { BotContext, Feature } from '../feature.ts';
import type { Asker, Surface } from '../types.ts';

/** Example searches shown in help: checked against the index so each one finds posters. */
const HELP_EXAMPLES = [
  'vision transformer',
  'graph neural networks',
  'reinforcement learning',
  'privacy',
  'diffusion',
];

export function createHelpFeature({ index, catalog }: BotContext): Feature {
  // The help text depends on the catalog and the audience only: made once per audience, on
  // first use (five searches and a pass over every author are not for each `/poster help`).
  const made = new Map<HelpAudience, SlackMessage>();
  let examples: { examples: string[]; questions: string[]; exampleAuthor?: string } | undefined;
  function help(_intent: unknown, asker: Asker): SlackMessage {
    const audience = audienceOf(asker.surface);
    const cached = made.get(audience);
    if (cached) return cached;
    if (!examples) {
      const found = HELP_EXAMPLES.filter((q) => index.search(q, { limit: 1 }).length > 0);
      examples = {
        examples: found,
        questions: exampleQuestions(found[0], index.all()),
        ...withAuthor(mostPublishedAuthor(index.all())),
      };
    }
    const message = renderHelp({
      ...examples,
      papers: index.size,
      sessions: catalog.sessions.length,
      dated: catalog.sessions.some((s) => s.start !== undefined),
      audience,
    });
    made.set(audience, message);
    return message;
  }

  return { name: 'help', command: { help }, mention: { help } };
}

/**
 * Two or three questions for the help, each answerable in this catalog: a topic wrapped as
 * people ask (from an example known to find posters), and the facets the data has.
 */
function exampleQuestions(topic: string | undefined, papers: readonly Paper[]): string[] {
  const questions: string[] = [];
  if (topic) questions.push(`@poster is anyone presenting work on ${topic}?`);
  if (papers.some((p) => p.decision === 'Oral')) questions.push('@poster what are the orals?');
  if (topic && papers.some((p) => p.decision === 'Spotlight')) {
    questions.push(`/poster spotlights on ${topic}`);
  } else if (papers.some((p) => p.codeUrls.length > 0)) {
    questions.push('/poster with code');
  }
  return questions;
}

type HelpAudience = NonNullable<HelpOptions['audience']>;

/** Who sees an answer on `surface`. */
function audienceOf(surface: Surface | undefined): HelpAudience {
  if (surface === 'dm') return 'dm';
  if (surface === 'thread' || surface === 'digest_thread') return 'public';
  return 'private';
}

function withAuthor(author: string | undefined): { exampleAuthor?: string } {
  return author === undefined ? {} : { exampleAuthor: author };
}

/** The author with the most papers (first in catalogue order on ties), for help examples. */
function mostPublishedAuthor(papers: readonly Paper[]): string | undefined {
  const counts = new Map<string, number>();
  for (const paper of papers) {
    for (const a of paper.authors) counts.set(a, (counts.get(a) ?? 0) + 1);
  }
  let best: [string, number] | undefined;
  for (const entry of counts) if (!best || entry[1] > best[1]) best = entry;
  return best?.[0];
}
