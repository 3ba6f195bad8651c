/**
 * My plan (issue 12): Save / Saved on every card, the Home tab that lists what a person saved,
 * Remove, reminders on / off, and how many people saved a poster (from five up).
 *
 * A plan belongs to a workspace and a user ({@link PlanOwner}); it lives in the store, so
 * without a store (the CLI's `ask`, some tests) cards carry no Save button at all.
 */
import type { KnownBlock } from '@slack/types';
import { type HomeInput, type HomePoster, renderHome } from '../../blocks/home.ts';
import { ACTION_IDS } from '../../blocks/ids.ts';
import type { SlackMessage } from '../../blocks/message.ts';
import { renderNotice } from '../../blocks/paper.ts';
import {
  type CardMarks,
  decodeToggle,
  personaliseCards,
  renderSaveConfirmation,
  savablePaperIds,
} from '../../blocks/plan.ts';
import { selectSessions, startMs } from '../../catalog/session-window.ts';
import type { Catalog, Paper, Session } from '../../catalog/types.ts';
import type { PlanOwner, PlanStore } from '../../store/plans.ts';
import type { BotContext, Feature } from '../feature.ts';
import type { Asker, BotView, Reply, Surface } from '../types.ts';

/**
 * The buttons whose answer a Save may redraw in place: they only show posters. A value from
 * the client naming anything else (Share posts to the channel) is not run.
 */
const REDRAWABLE: ReadonlySet<string> = new Set([
  ACTION_IDS.resultsNext,
  ACTION_IDS.resultsPrev,
  ACTION_IDS.paperAbstract,
  ACTION_IDS.similarShow,
]);

export interface PlanFeatureDeps extends BotContext {
  /** Runs another feature's button (not personalised): how a Save redraws its message. */
  redraw(actionId: string, value: string, asker: Asker): Reply | Promise<Reply>;
  /** Another section of the asker's Home tab below the plan (the organisers' report). */
  homeSection?(asker: Asker): Promise<KnownBlock[] | undefined>;
}

export interface PlanFeature extends Feature {
  /** The asker's Home tab, at `page` of their plan. */
  home(asker: Asker, page?: number): Promise<BotView>;
  /**
   * What the cards of a message shown to `asker` on `surface` should say: Saved for what
   * they saved (private surfaces only), the popular ones' counts. Synchronous without a store.
   */
  marks(paperIds: readonly string[], asker: Asker): CardMarks | Promise<CardMarks>;
}

const NO_MARKS: CardMarks = { canSave: false, saved: new Set(), saveCounts: new Map() };

export function createPlanFeature(deps: PlanFeatureDeps): PlanFeature {
  const { index, catalog, sessions, now, timeZone, store, redraw } = deps;
  const dated = catalog.sessions.some((s) => s.start !== undefined);
  const plans = store?.plans;

  async function home(asker: Asker, page = 0): Promise<BotView> {
    const owner = ownerOf(asker);
    const input =
      plans && owner
        ? await homeInput({
            plans,
            owner,
            page,
            catalog,
            sessions,
            now: now(),
            timeZone,
            dated,
            index,
          })
        : emptyInput(catalog, now(), timeZone, dated);
    const extra = await deps.homeSection?.(asker);
    const rendered = renderHome(extra ? { ...input, extra } : input);
    return { type: 'home', title: rendered.text, blocks: rendered.blocks };
  }

  /** Runs `change` on the asker's plan, or says why it cannot be done here. */
  async function withPlan(
    asker: Asker,
    change: (plans: PlanStore, owner: PlanOwner) => Promise<Reply>,
  ): Promise<Reply> {
    const owner = ownerOf(asker);
    if (!plans || !owner) {
      return { kind: 'ephemeral', message: renderNotice('Saving posters is not available here.') };
    }
    return change(plans, owner);
  }

  async function toggle(value: string, asker: Asker): Promise<Reply> {
    const toggle = decodeToggle(value);
    const paper = toggle && index.get(toggle.paperId);
    if (!toggle || !paper) return gone();
    return withPlan(asker, async (plans, owner) => {
      const saved = await plans.toggle(owner, paper.id);
      const view = await home(asker);
      const confirmation = renderSaveConfirmation(paper, saved);
      // The Undo of a confirmation rewrites that (private) confirmation.
      if (toggle.confirmation) return { kind: 'replace', message: confirmation, home: view };
      const redrawn =
        isPrivate(asker.surface) && toggle.redraw && REDRAWABLE.has(toggle.redraw.actionId)
          ? await redraw(toggle.redraw.actionId, toggle.redraw.value, asker)
          : undefined;
      if (redrawn && (redrawn.kind === 'replace' || redrawn.kind === 'ephemeral')) {
        return { kind: 'replace', message: redrawn.message, home: view };
      }
      // A public message never changes for one reader: the clicker alone hears of it.
      return { kind: 'ephemeral', message: confirmation, home: view };
    });
  }

  const showHome = async (asker: Asker, page: number): Promise<Reply> => ({
    kind: 'view',
    view: await home(asker, page),
  });

  return {
    name: 'plan',
    home,
    command: {
      plan: async (_intent, asker) => {
        const view = await home(asker);
        return planSummary(view.title ?? '');
      },
    },
    actions: {
      [ACTION_IDS.planToggle]: toggle,
      // `<page>|<paper id>`: the page stays where the person was.
      [ACTION_IDS.planRemove]: (value, asker) => {
        const match = /^(\d{1,4})\|(.+)$/s.exec(value);
        if (!match) return gone();
        return withPlan(asker, async (plans, owner) => {
          await plans.remove(owner, match[2]!);
          return showHome(asker, Number(match[1]));
        });
      },
      [ACTION_IDS.planRemindersToggle]: (value, asker) => {
        if (value !== 'on' && value !== 'off') return gone();
        return withPlan(asker, async (plans, owner) => {
          await plans.setReminders(owner, value === 'on');
          return showHome(asker, 0);
        });
      },
      [ACTION_IDS.planHomePage]: (value, asker) =>
        /^\d{1,4}$/.test(value) ? showHome(asker, Number(value)) : gone(),
    },
    marks(paperIds, asker) {
      if (!plans) return NO_MARKS;
      const owner = ownerOf(asker);
      return (async () => ({
        canSave: owner !== undefined,
        saved:
          owner && isPrivate(asker.surface) ? await plans.savedAmong(owner, paperIds) : new Set(),
        saveCounts: await plans.saveCounts(paperIds),
      }))();
    },
  };
}

/** Cards of a message personalised for who sees it (see {@link PlanFeature.marks}). */
export function personalise(
  plan: PlanFeature,
  message: SlackMessage,
  asker: Asker,
): SlackMessage | Promise<SlackMessage> {
  const ids = savablePaperIds(message.blocks);
  if (ids.length === 0) return message;
  const marks = plan.marks(ids, asker);
  return marks instanceof Promise
    ? marks.then((m) => personaliseCards(message, m))
    : personaliseCards(message, marks);
}

/** Whether only the asker sees where the answer goes: a private answer, their DM, a view. */
function isPrivate(surface: Surface | undefined): boolean {
  return (
    surface === undefined ||
    surface === 'command' ||
    surface === 'dm' ||
    surface === 'home' ||
    surface === 'modal'
  );
}

function ownerOf(asker: Asker): PlanOwner | undefined {
  return asker.teamId ? { teamId: asker.teamId, userId: asker.userId } : undefined;
}

function gone(): Reply {
  return { kind: 'ephemeral', message: renderNotice('That poster is no longer in the catalog.') };
}

/** `/poster plan` in Slack: the plan in one line, and where to see it whole. */
function planSummary(summary: string): SlackMessage {
  return renderNotice(
    `${summary} Open my Home tab (click my name, then Home) to see it by day and session, remove posters and set reminders.`,
  );
}

// --- from the store to the renderer ------------------------------------------------------

/** What a plan needs read, for {@link homeInput} (the feature and the CLI alike). */
export interface PlanSource {
  plans: Pick<PlanStore, 'saved' | 'remindersOn'>;
  owner: PlanOwner;
  index: { get(id: string): Paper | undefined };
  catalog: Catalog;
  sessions: ReadonlyMap<string, Session>;
  now: Date;
  timeZone: string;
  dated: boolean;
  page?: number;
}

/**
 * The saved posters, each under every session it is shown in, and the person's settings.
 * A poster shown twice is listed twice: reminders and the calendar cover both showings
 * (src/plan/sessions.ts), so the Home tab does too.
 */
export async function homeInput(source: PlanSource): Promise<HomeInput> {
  const { plans, owner, index, sessions, now, timeZone, dated } = source;
  const saved = await plans.saved(owner);
  const posters: HomePoster[] = [];
  let missing = 0;
  for (const { paperId } of saved) {
    const paper = index.get(paperId);
    if (paper) posters.push(...showings(paper, sessions));
    else missing++;
  }
  const empty = posters.length === 0 ? emptyInput(source.catalog, now, timeZone, dated) : undefined;
  return {
    ...(empty ?? { posters, now, timeZone, dated }),
    posters,
    missing,
    remindersOn: await plans.remindersOn(owner),
    page: source.page ?? 0,
  };
}

/** The Home tab of someone with nothing saved: what is on now and next. */
function emptyInput(catalog: Catalog, now: Date, timeZone: string, dated: boolean): HomeInput {
  const count = (which: 'now' | 'next') =>
    selectSessions(catalog, now, which, timeZone).map(({ session, papers }) => ({
      session,
      posters: papers.length,
    }));
  return {
    posters: [],
    now,
    timeZone,
    dated,
    remindersOn: true,
    ...(dated && { onNow: count('now'), upNext: count('next') }),
  };
}

/**
 * Where the plan lists a paper: under each of its dated sessions (the ones reminders and the
 * calendar use), else under its first undated one, else under no session.
 */
function showings(paper: Paper, sessions: ReadonlyMap<string, Session>): HomePoster[] {
  const known = paper.sessionIds
    .map((id) => sessions.get(id))
    .filter((s): s is Session => s !== undefined);
  const timed = known.filter((session) => startMs(session) !== undefined);
  if (timed.length > 0) return timed.map((session) => ({ paper, session }));
  return [known[0] ? { paper, session: known[0] } : { paper }];
}
