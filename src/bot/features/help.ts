/** Help: usage, with example searches that are known to find posters. */
import { renderHelp } from '../../blocks/help.ts';
import type { SlackMessage } from '../../blocks/message.ts';
import type { Paper } from '../../catalog/types.ts';
import type { BotContext, Feature } from '../feature.ts';

/** Example searches shown in help: checked against the index so each one finds posters. */
const HELP_EXAMPLES = [
  'vision transformer',
  'graph neural networks',
  'reinforcement learning',
  'privacy',
  'diffusion',
];

export function createHelpFeature({ index, catalog }: BotContext): Feature {
  // The help text depends on the catalog only: made once, on first use (five searches and a
  // pass over every author are not for each `/poster help`).
  let helpMessage: SlackMessage | undefined;
  function help(): SlackMessage {
    if (helpMessage) return helpMessage;
    const examples = HELP_EXAMPLES.filter((q) => index.search(q, { limit: 1 }).length > 0);
    const exampleAuthor = mostPublishedAuthor(index.all());
    helpMessage = renderHelp({
      examples,
      ...(exampleAuthor && { exampleAuthor }),
      papers: index.size,
      sessions: catalog.sessions.length,
      dated: catalog.sessions.some((s) => s.start !== undefined),
    });
    return helpMessage;
  }

  return { name: 'help', command: { help }, mention: { help } };
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
