/**
 * Wiring shared by the bot (src/main.ts) and the command line (bin/poster-bot.js): from a data
 * folder to a catalog, an index and the bot's replies, and the one store every entry point
 * opens the same way. Reads files; opens no sockets.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import { createReplies } from './bot/replies.ts';
import type { StatsRecorder } from './bot/stats-recorder.ts';
import type { LinkReplies, Replies } from './bot/types.ts';
import { CatalogError, type LoadOptions, loadCatalog } from './catalog/loader.ts';
import type { Catalog, DataProblem } from './catalog/types.ts';
import { CONFIG_DEFAULTS } from './config.ts';
import { type AuthorIndex, buildAuthorIndexData, openAuthorIndex } from './search/author-index.ts';
import { loadSnapshot, type Snapshot } from './search/index-cache.ts';
import { buildPaperIndexData, openPaperIndex, type PaperIndex } from './search/paper-index.ts';
import { buildSimilarData, type SimilarData, type SimilarOptions } from './similar/build.ts';
import { openSimilarIndex, type SimilarIndex } from './similar/similar-index.ts';
import { packSimilar, unpackSimilar } from './similar/snapshot.ts';
import { openStore, type Store } from './store/store.ts';

export interface Bot {
  catalog: Catalog;
  problems: DataProblem[];
  index: PaperIndex;
  authors: AuthorIndex;
  /** Similar posters and more by the same people (src/similar/). */
  similar: SimilarIndex;
  replies: Replies & LinkReplies;
  /** What the replies count usage with, for the other senders (the digest) to count too. */
  stats?: StatsRecorder;
}

export interface BuildOptions extends LoadOptions {
  resultsPerPage?: number;
  /** Whose "today" `/poster today` means; default UTC. */
  timeZone?: string;
  now?: () => Date;
  /**
   * Folder for start-up snapshots of the catalog and indexes (see search/index-cache.ts), e.g.
   * `var/cache`; without it every start loads and indexes the data afresh.
   */
  cacheDir?: string;
  /** Told why a snapshot was rebuilt or not stored (one line each). */
  onCacheNotice?: (message: string) => void;
  /** How neighbours are computed (src/similar/build.ts); the defaults were measured. */
  similar?: Partial<SimilarOptions>;
  /** The store, for the features that keep something per user. */
  store?: Store;
  /** Counts searches and clicks for the organisers' report; only where people ask (Slack). */
  stats?: StatsRecorder;
  /** User ids of the organisers (ORGANISERS), who see the usage report. */
  organisers?: ReadonlySet<string>;
  /** REMINDER_LEAD in milliseconds, for `/poster reminders`; default 15 minutes. */
  reminderLeadMs?: number;
}

/**
 * The snapshot, or a plain load when the cache cannot even be keyed: hashing reads every data
 * file, and one unreadable file (or a missing folder) must not stop a start that the loader
 * alone would survive — it reports that file and loads the rest (issue 15).
 */
function fromSnapshot(
  dataDir: string,
  cacheDir: string,
  options: BuildOptions,
  build: () => Snapshot,
): Snapshot {
  const notice = options.onCacheNotice ?? (() => {});
  let built: Snapshot | undefined;
  const buildOnce = () => {
    built = build();
    return built;
  };
  try {
    return loadSnapshot(dataDir, { dir: cacheDir, onNotice: notice }, buildOnce).snapshot;
  } catch (error) {
    if (error instanceof CatalogError || built !== undefined) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    notice(`start-up snapshot skipped: cannot read the data files to key it (${code})`);
    return build();
  }
}

/**
 * Loads every data file in `dataDir` and builds the index and replies over it; with
 * `cacheDir`, from a snapshot of an earlier start with the same data when there is one.
 */
export function buildBot(dataDir: string, options: BuildOptions = {}): Bot {
  const build = (): Snapshot => {
    const { catalog, problems } = loadCatalog(dataDir, options);
    return {
      catalog,
      problems,
      index: buildPaperIndexData(catalog.papers),
      authors: buildAuthorIndexData(catalog.papers),
      extras: { similar: packSimilar(buildSimilarData(catalog.papers, options.similar)) },
    };
  };
  const {
    catalog,
    problems,
    index: indexData,
    authors: authorData,
    extras,
  } = options.cacheDir === undefined
    ? build()
    : fromSnapshot(dataDir, options.cacheDir, options, build);
  const index = openPaperIndex(catalog.papers, indexData, {
    ...(catalog.aliases && { aliases: catalog.aliases }),
  });
  const authors = openAuthorIndex(catalog.papers, authorData);
  const similar = openSimilarIndex(
    catalog.papers,
    similarData(extras.similar, catalog.papers, options),
    authors,
  );
  const replies = createReplies({
    index,
    authors,
    catalog,
    similar,
    pageSize: options.resultsPerPage ?? CONFIG_DEFAULTS.resultsPerPage,
    ...(options.timeZone && { timeZone: options.timeZone }),
    ...(options.now && { now: options.now }),
    ...(options.store && { store: options.store }),
    ...(options.stats && { stats: options.stats }),
    ...(options.organisers && { organisers: options.organisers }),
    ...(options.reminderLeadMs !== undefined && { reminderLeadMs: options.reminderLeadMs }),
  });
  return {
    catalog,
    problems,
    index,
    authors,
    similar,
    replies,
    ...(options.stats && { stats: options.stats }),
  };
}

/**
 * Opens the store at `path` (DATABASE_PATH) for the bot, the console and the CLI alike. With
 * `create`, its folder and the database are created as needed; without, a missing database
 * gives `undefined`, so a dry run never leaves a file behind.
 */
export function openStoreAt(path: string, { create }: { create: boolean }): Store | undefined {
  if (path !== ':memory:') {
    if (!create && !existsSync(path)) return undefined;
    mkdirSync(dirname(path), { recursive: true });
  }
  return openStore(path);
}

/**
 * The neighbours a snapshot holds, or built afresh when it holds none that fit (a snapshot
 * from other code is never read, so this is for a damaged one).
 */
function similarData(
  stored: unknown,
  papers: Catalog['papers'],
  options: BuildOptions,
): SimilarData {
  try {
    return unpackSimilar(stored, papers.length);
  } catch (error) {
    options.onCacheNotice?.(`startup cache: ${(error as Error).message}; neighbours rebuilt`);
    return buildSimilarData(papers, options.similar);
  }
}
