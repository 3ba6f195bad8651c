/**
 * What a feature of the bot is: the intents it answers, the buttons it handles and the
 * result lists it can page through. `createReplies` (./replies.ts) merges the features'
 * tables and routes every command, mention and click to the one feature that owns it.
 *
 * Adding a button is one entry in the owning feature's `actions`; adding a feature is one
 * module under ./features/ and one line in `createReplies`.
 */
import type { SlackMessage } from '../blocks/message.ts';
import type { Catalog, Session } from '../catalog/types.ts';
import type { AuthorIndex } from '../search/author-index.ts';
import type { PaperIndex } from '../search/paper-index.ts';
import type { SimilarIndex } from '../similar/similar-index.ts';
import type { Store } from '../store/store.ts';
import type { CommandIntent, Intent } from './intent.ts';
import type { Found, Pages } from './pages.ts';
import type { ResultsRequest } from './results-request.ts';
import type { StatsRecorder } from './stats-recorder.ts';
import type { Asker, Reply } from './types.ts';

type Awaitable<T> = T | Promise<T>;

/** Answers one kind of intent with the message to show. */
type IntentHandler<I> = (intent: I, asker: Asker) => Awaitable<SlackMessage>;

/** A handler per intent kind, for the kinds a feature owns. */
export type IntentHandlers<I extends { kind: string }> = {
  [K in I['kind']]?: IntentHandler<Extract<I, { kind: K }>>;
};

/** Answers a click on a button (or a menu choice): the element's `value` and who clicked. */
export type ActionHandler = (value: string, asker: Asker) => Awaitable<Reply>;

/** Resolves a results request of one kind to everything it finds, for paging. */
export type FindHandlers = {
  [K in ResultsRequest['kind']]?: (request: Extract<ResultsRequest, { kind: K }>) => Found;
};

export interface Feature {
  /** For error messages: `search`, `people`, … */
  readonly name: string;
  /** `/poster …` intents this feature answers. */
  readonly command?: IntentHandlers<CommandIntent>;
  /** Mention (and DM) intents this feature answers. */
  readonly mention?: IntentHandlers<Intent>;
  /**
   * Button handlers keyed by action id (src/blocks/ids.ts). Ids that carry an index
   * (`search_suggestion_2`) route to the entry without it (`search_suggestion`).
   */
  readonly actions?: Readonly<Record<string, ActionHandler>>;
  /** The results requests (see ./results-request.ts) this feature resolves. */
  readonly finds?: FindHandlers;
}

/** What every feature is built from: the domain, the settings, and the shared pager. */
export interface BotContext {
  index: PaperIndex;
  authors: AuthorIndex;
  catalog: Catalog;
  /** Neighbours and more by the same people (src/similar/). */
  similar: SimilarIndex;
  /** Sessions by id, for the session line of every card. */
  sessions: ReadonlyMap<string, Session>;
  /** Cards per page (RESULTS_PER_PAGE). */
  pageSize: number;
  /** The clock, for `/poster now|next|today`. */
  now: () => Date;
  /** Whose "today" `/poster today` means (DIGEST_TIMEZONE). */
  timeZone: string;
  pages: Pages;
  /** Persistence (src/store), when the entry point opened one. */
  store?: Store;
  /** Counts searches and clicks for the organisers' report; only where people ask (Slack). */
  stats?: StatsRecorder;
  /** User ids of the organisers (ORGANISERS): they see the usage report. */
  organisers?: ReadonlySet<string>;
  /** REMINDER_LEAD in milliseconds: how long before a session its reminders go out. */
  reminderLeadMs: number;
}
