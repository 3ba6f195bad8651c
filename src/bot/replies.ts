/**
 * The bot's answers, shared by the Slack listeners, the local console and the CLI:
 * everything up to the rendering is this one code path. Each feature (./features/) owns its
 * intents, buttons and result lists; this module only routes to them.
 */

import { HOME_LIMITS } from '../blocks/home.ts';
import type { SlackMessage } from '../blocks/message.ts';
import { renderNotice } from '../blocks/paper.ts';
import type { Catalog } from '../catalog/types.ts';
import { DEFAULT_REMINDER_LEAD_MS } from '../plan/reminders.ts';
import type { AuthorIndex } from '../search/author-index.ts';
import type { PaperIndex } from '../search/paper-index.ts';
import { buildSimilarData } from '../similar/build.ts';
import { openSimilarIndex, type SimilarIndex } from '../similar/similar-index.ts';
import type { Store } from '../store/store.ts';
import type { ActionHandler, BotContext, Feature } from './feature.ts';
import { createCalendarFeature } from './features/calendar.ts';
import { createHelpFeature } from './features/help.ts';
import { createLinksFeature, type LinksFeature } from './features/links.ts';
import { createOrganisersFeature } from './features/organisers.ts';
import { createPagingFeature } from './features/paging.ts';
import { createPaperActionsFeature } from './features/paper-actions.ts';
import { createPeopleFeature } from './features/people.ts';
import { createPlanFeature, type PlanFeature, personalise } from './features/plan.ts';
import { createRemindersFeature } from './features/reminders.ts';
import { createSearchFeature } from './features/search.ts';
import { createSessionsFeature } from './features/sessions.ts';
import { createSimilarFeature } from './features/similar.ts';
import type { CommandIntent, Intent } from './intent.ts';
import { createPages, type Found } from './pages.ts';
import { readCommand, readMention } from './question.ts';
import type { ResultsRequest } from './results-request.ts';
import type { StatsRecorder } from './stats-recorder.ts';
import type { Asker, LinkReplies, Replies, Reply } from './types.ts';

export interface RepliesDeps {
  index: PaperIndex;
  authors: AuthorIndex;
  catalog: Catalog;
  /** Cards per page (RESULTS_PER_PAGE). */
  pageSize: number;
  /** The clock, for `/poster now|next|today`. */
  now?: () => Date;
  /** Whose "today" `/poster today` means (DIGEST_TIMEZONE). */
  timeZone?: string;
  /** The store, for features that keep something per user (saved posters: features/plan.ts). */
  store?: Store;
  /** REMINDER_LEAD in milliseconds; default 15 minutes. */
  reminderLeadMs?: number;
  /**
   * Neighbours built with the catalogue (src/compose.ts passes the snapshot's); without
   * them, built on the first "Similar" click.
   */
  similar?: SimilarIndex;
  /** Counts searches and clicks for the organisers' report (src/bot/stats-recorder.ts). */
  stats?: StatsRecorder;
  /** User ids of the organisers (ORGANISERS), who see the usage report. */
  organisers?: ReadonlySet<string>;
}

/** Builds every feature over the same domain and shared pager; the plan and links apart. */
function createFeatures(deps: RepliesDeps): {
  features: Feature[];
  plan: PlanFeature;
  links: LinksFeature;
  /** Every feature's buttons, by action id. */
  actions: Routes<ActionHandler>;
} {
  let finds: Routes<(request: ResultsRequest) => Found> = new Map();
  let actions: Routes<ActionHandler> = new Map();
  const sessions = new Map(deps.catalog.sessions.map((s) => [s.id, s]));
  const context: BotContext = {
    ...deps,
    sessions,
    similar: deps.similar ?? similarOnFirstUse(deps),
    now: deps.now ?? (() => new Date()),
    timeZone: deps.timeZone ?? 'UTC',
    reminderLeadMs: deps.reminderLeadMs ?? DEFAULT_REMINDER_LEAD_MS,
    pages: createPages({
      pageSize: deps.pageSize,
      sessions,
      find: (request) => route(finds, request.kind, 'results')(request),
    }),
  };
  const search = createSearchFeature(context);
  const organisers = createOrganisersFeature({ ...context, search });
  const plan = createPlanFeature({
    ...context,
    redraw: (actionId, value, asker) => routeAction(actions, actionId)(value, asker),
    homeSection: (asker) => organisers.section(asker.userId, HOME_LIMITS.extraBlocks),
  });
  const links = createLinksFeature(context, search);
  const features = [
    createHelpFeature(context),
    search,
    organisers,
    createPeopleFeature({ ...context, search }),
    createSessionsFeature(context),
    createPaperActionsFeature(context),
    createSimilarFeature(context),
    createPagingFeature(context),
    plan,
    createCalendarFeature(context),
    createRemindersFeature(context),
    links,
  ];
  finds = merge(features, (f) => f.finds as Record<string, (r: ResultsRequest) => Found>);
  actions = merge(features, (f) => f.actions);
  return { features, plan, links, actions };
}

/** Neighbours of the catalogue, built when first asked for (see {@link RepliesDeps.similar}). */
function similarOnFirstUse({ catalog, authors }: RepliesDeps): SimilarIndex {
  let built: SimilarIndex | undefined;
  const get = () => {
    built ??= openSimilarIndex(catalog.papers, buildSimilarData(catalog.papers), authors);
    return built;
  };
  return {
    get stored() {
      return get().stored;
    },
    find: (idOrTitle) => get().find(idOrTitle),
    similarTo: (paperId, limit) => get().similarTo(paperId, limit),
    moreByAuthors: (paperId, limit) => get().moreByAuthors(paperId, limit),
  };
}

export function createReplies(deps: RepliesDeps): Replies & LinkReplies {
  const { features, plan, links, actions } = createFeatures(deps);
  const commands = merge(features, (f) => f.command as IntentTable<CommandIntent>);
  const mentions = merge(features, (f) => f.mention as IntentTable<Intent>);
  // Lets the question reader tell a name from a topic ("papers from yi tay"); a near miss
  // ("learning by doing" ~ Li Dong) is not a name the catalog knows.
  const people = { knowsName: (name: string) => deps.authors.find(name).kind === 'people' };

  return {
    command(text, asker) {
      // links (issue 13): no words while sessions are dated opens the search form.
      const form = text.trim() === '' ? links.emptyCommand(asker) : undefined;
      if (form) return { kind: 'view', view: form };
      const intent = readCommand(text, people);
      const where = on(asker, 'command');
      const message = route(commands, intent.kind, 'command')(intent, where);
      // Synchronous when the feature is and there is no store to read (the CLI and the
      // snapshot test rely on it).
      return then(
        then(message, (m) => personalise(plan, m, where)),
        (m): Reply => ({ kind: 'ephemeral', message: m }),
      );
    },
    action(actionId, value, asker) {
      const where = on(asker, 'command');
      const kind = actions.has(actionId) ? actionId : withoutIndex(actionId);
      // Only buttons the bot has: an id made up by a client never becomes a row.
      if (actions.has(kind)) deps.stats?.click(kind);
      return then(routeAction(actions, actionId)(value, where), (reply) =>
        'message' in reply
          ? then(personalise(plan, reply.message, seenOn(reply, where)), (message) => ({
              ...reply,
              message,
            }))
          : reply,
      );
    },
    mention(text, asker) {
      const intent = readMention(text, people);
      const where = on(asker, 'thread');
      return then(route(mentions, intent.kind, 'mention')(intent, where), (m) =>
        personalise(plan, m, where),
      );
    },
    home: (asker) => plan.home(on(asker, 'home')),
    // An unfurl is public: Save for everyone (none without a store), not the sharer's choice.
    async unfurl(urls, sharer) {
      const cards = new Map<string, { blocks: SlackMessage['blocks'] }>();
      const everyone: Asker = { ...sharer, surface: 'thread' };
      for (const [url, card] of links.unfurl(urls)) {
        const shown = await personalise(plan, { text: url, blocks: card.blocks }, everyone);
        cards.set(url, { blocks: shown.blocks });
      }
      return cards;
    },
    // Both answers are seen by the asker alone: their cards say what they saved.
    aboutMessage: (text, asker) =>
      personalise(plan, links.aboutMessage(text, asker), { ...asker, surface: 'command' }),
    searchForm: (request, asker) => {
      const view = links.searchForm(request, asker);
      return then(
        personalise(plan, { text: '', blocks: view.blocks }, { ...asker, surface: 'modal' }),
        ({ blocks }) => ({ ...view, blocks }),
      );
    },
    emptyCommand: (asker) => links.emptyCommand(asker),
  };
}

/**
 * Who will see an answer to a click, for marking its cards: a Share is posted for everyone
 * (never "Saved" for the sharer's choice); any other message answer reaches the clicker alone,
 * even under a public message.
 */
function seenOn(reply: Reply, where: Asker): Asker {
  if (reply.kind === 'in_channel') return { ...where, surface: 'thread' };
  const shownAlone = where.surface === 'thread' || where.surface === 'digest_thread';
  return shownAlone ? { ...where, surface: 'command' } : where;
}

/** `f(value)`, synchronously when `value` is not a promise. */
function then<T, U>(value: T | Promise<T>, f: (t: T) => U | Promise<U>): U | Promise<U> {
  return value instanceof Promise ? value.then(f) : f(value);
}

/** The button handler for `actionId`, or one saying the button is unknown. */
function routeAction(actions: Routes<ActionHandler>, actionId: string): ActionHandler {
  return (
    actions.get(actionId) ??
    actions.get(withoutIndex(actionId)) ??
    (() => ({ kind: 'ephemeral', message: renderNotice('Sorry, I don’t know that button.') }))
  );
}

type Routes<T> = ReadonlyMap<string, T>;
type IntentTable<I> = Record<
  string,
  (intent: I, asker: Asker) => SlackMessage | Promise<SlackMessage>
>;

/** Every feature's entries of one table, in one map; two features claiming a key is a bug. */
function merge<T>(
  features: readonly Feature[],
  table: (feature: Feature) => Readonly<Record<string, T>> | undefined,
): Map<string, T> {
  const merged = new Map<string, T>();
  for (const feature of features) {
    for (const [key, entry] of Object.entries(table(feature) ?? {})) {
      if (merged.has(key)) throw new Error(`replies: ${key} is claimed twice (${feature.name})`);
      merged.set(key, entry);
    }
  }
  return merged;
}

function route<T>(routes: Routes<T>, key: string, what: string): T {
  const entry = routes.get(key);
  if (entry === undefined) throw new Error(`replies: no feature answers ${what} ${key}`);
  return entry;
}

/** `search_suggestion_2` → `search_suggestion`: buttons repeated in a message carry an index. */
function withoutIndex(actionId: string): string {
  return actionId.replace(/_\d+$/, '');
}

function on(asker: Asker, surface: NonNullable<Asker['surface']>): Asker {
  return { ...asker, surface: asker.surface ?? surface };
}
