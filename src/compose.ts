/**
 * Wiring shared by the bot (src/main.ts) and the command line (bin/poster-bot.js): from a data
 * folder to a catalog, an index and the bot's replies. Reads files; opens no sockets.
 */

import { createReplies } from './bot/replies.ts';
import type { Replies } from './bot/types.ts';
import { type LoadOptions, loadCatalog } from './catalog/loader.ts';
import type { Catalog, DataProblem } from './catalog/types.ts';
import { CONFIG_DEFAULTS } from './config.ts';
import { type AuthorIndex, createAuthorIndex } from './search/author-index.ts';
import { createPaperIndex, type PaperIndex } from './search/paper-index.ts';

export interface Bot {
  catalog: Catalog;
  problems: DataProblem[];
  index: PaperIndex;
  authors: AuthorIndex;
  replies: Replies;
}

export interface BuildOptions extends LoadOptions {
  resultsPerPage?: number;
  /** Whose "today" `/poster today` means; default UTC. */
  timeZone?: string;
  now?: () => Date;
}

/** Loads every data file in `dataDir` and builds the index and replies over it. */
export function buildBot(dataDir: string, options: BuildOptions = {}): Bot {
  const { catalog, problems } = loadCatalog(dataDir, options);
  const index = createPaperIndex(catalog.papers);
  const authors = createAuthorIndex(catalog.papers);
  const replies = createReplies({
    index,
    authors,
    catalog,
    pageSize: options.resultsPerPage ?? CONFIG_DEFAULTS.resultsPerPage,
    ...(options.timeZone && { timeZone: options.timeZone }),
    ...(options.now && { now: options.now }),
  });
  return { catalog, problems, index, authors, replies };
}
