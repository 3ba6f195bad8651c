/**
 * Save / Saved on poster cards, and how a card shows who saved it. Pure: the bot layer reads
 * the store (which posters the viewer saved, how many people saved each) and hands the
 * answers to {@link personaliseCards}, which rewrites the Save buttons of a rendered message.
 *
 * Every card renderer draws a plain Save button ({@link saveButton}); the personalisation is
 * one pass over the finished message, so results, mention answers, the abstract view and
 * similar posters all get it without each renderer reading the store.
 */
import type { ActionsBlock, Button, ContextBlock, KnownBlock } from '@slack/types';
import type { Paper } from '../catalog/types.ts';
import { button } from './button.ts';
import { escapeMrkdwn, truncate } from './escape.ts';
import { ACTION_IDS } from './ids.ts';
import { SLACK_LIMITS } from './limits.ts';
import type { SlackMessage } from './message.ts';

/** Fewer savers than this are never shown: a count of 1 or 2 would say who saved it. */
export const POPULARITY_MIN_SAVERS = 5;

/**
 * What a Save button's value says: the paper, and — on a private card — how to redraw the
 * message it sits on (a click on an ephemeral message carries no copy of it, SLACK.md), as
 * the action id and value of the button that drew it (`results_next_page` + the request).
 * `confirmation` marks the Undo of a "Saved … to your plan" note, which is redrawn in place.
 */
export interface ToggleValue {
  paperId: string;
  redraw?: { actionId: string; value: string };
  confirmation?: boolean;
}

/**
 * A bare paper id when nothing else travels (public cards: the digest, a mention answer);
 * otherwise JSON. Paper ids never start with `{"p":` (OpenReview ids, `<conference>:<uid>`,
 * title slugs), so the two cannot be confused.
 */
export function encodeToggle(value: ToggleValue): string {
  if (!value.redraw && !value.confirmation) return value.paperId;
  const encoded = JSON.stringify({
    p: value.paperId,
    ...(value.redraw && { a: value.redraw.actionId, v: value.redraw.value }),
    ...(value.confirmation && { c: 1 }),
  });
  // A value cut by Slack's limit would not parse: then the paper id alone, still a Save.
  return encoded.length <= SLACK_LIMITS.buttonValue ? encoded : value.paperId;
}

/** Reads a Save button's value; undefined for anything malformed (it comes from the client). */
export function decodeToggle(value: string): ToggleValue | undefined {
  if (!value.startsWith('{"p":')) return value.trim() === '' ? undefined : { paperId: value };
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    return undefined;
  }
  const { p, a, v, c } = raw as Record<string, unknown>;
  if (typeof p !== 'string' || p === '') return undefined;
  const redraw = typeof a === 'string' && typeof v === 'string' ? { actionId: a, value: v } : null;
  return { paperId: p, ...(redraw && { redraw }), ...(c === 1 && { confirmation: true }) };
}

/** The Save button of a card, drawn unsaved: {@link personaliseCards} turns it to Saved. */
export function saveButton(paper: Paper, redraw?: ToggleValue['redraw']): Button {
  return button(
    'Save',
    ACTION_IDS.planToggle,
    encodeToggle({ paperId: paper.id, ...(redraw && { redraw }) }),
    `Save ${paper.title} to your plan`,
  );
}

/** What {@link personaliseCards} needs to know about the posters on a message. */
export interface CardMarks {
  /** False when nothing can be saved (no store): the Save buttons are taken off. */
  canSave: boolean;
  /** Posters the viewer saved; shown only on private messages (pass an empty set otherwise). */
  saved: ReadonlySet<string>;
  /** How many people saved each poster; shown from {@link POPULARITY_MIN_SAVERS} up. */
  saveCounts: ReadonlyMap<string, number>;
}

/** The paper ids of the Save buttons in a message, in order, each once. */
export function savablePaperIds(blocks: readonly KnownBlock[]): string[] {
  const ids = new Set<string>();
  for (const block of blocks) {
    for (const element of block.type === 'actions' ? block.elements : []) {
      const id = toggledPaper(element);
      if (id !== undefined) ids.add(id);
    }
  }
  return [...ids];
}

/**
 * The message with each Save button showing the viewer's state ("Saved ✓", primary) and, for
 * a poster saved by at least {@link POPULARITY_MIN_SAVERS} people, "🔥 12 saves" beside its
 * links. The count joins the card's context line when there is one, else takes its place:
 * a card never has more blocks than a card with links, so a message stays within its limits.
 */
export function personaliseCards(message: SlackMessage, marks: CardMarks): SlackMessage {
  const blocks: KnownBlock[] = [];
  for (const block of message.blocks) {
    if (block.type !== 'actions' || !block.elements.some((e) => toggledPaper(e) !== undefined)) {
      blocks.push(block);
      continue;
    }
    const elements = marks.canSave
      ? block.elements.map((e) => markSaved(e, marks.saved))
      : block.elements.filter((e) => toggledPaper(e) === undefined);
    const paperId = block.elements.map(toggledPaper).find((id) => id !== undefined);
    const saves = paperId === undefined ? 0 : (marks.saveCounts.get(paperId) ?? 0);
    if (marks.canSave && saves >= POPULARITY_MIN_SAVERS) addPopularity(blocks, saves, block);
    if (elements.length > 0) blocks.push({ ...block, elements } as ActionsBlock);
  }
  return { ...message, blocks };
}

/** "🔥 12 saves": joins the context line just above the card's buttons, or stands there. */
function addPopularity(blocks: KnownBlock[], saves: number, actions: ActionsBlock): void {
  const element = { type: 'mrkdwn' as const, text: `:fire: ${saves} saves` };
  const previous = blocks.at(-1);
  if (previous?.type === 'context' && previous.elements.length < SLACK_LIMITS.contextElements) {
    blocks[blocks.length - 1] = { ...previous, elements: [...previous.elements, element] };
    return;
  }
  const context: ContextBlock = { type: 'context', elements: [element] };
  if (actions.block_id) context.block_id = `${actions.block_id}_saves`;
  blocks.push(context);
}

type ActionElement = ActionsBlock['elements'][number];

function toggledPaper(element: ActionElement): string | undefined {
  if (element.type !== 'button' || element.action_id !== ACTION_IDS.planToggle) return undefined;
  return decodeToggle(element.value ?? '')?.paperId;
}

function markSaved(element: ActionElement, saved: ReadonlySet<string>): ActionElement {
  const id = toggledPaper(element);
  if (id === undefined || !saved.has(id) || element.type !== 'button') return element;
  return {
    ...element,
    text: { type: 'plain_text', text: 'Saved ✓' },
    style: 'primary',
    ...(element.accessibility_label && {
      accessibility_label: element.accessibility_label.replace(/^Save /, 'Saved: '),
    }),
  };
}

/**
 * The private note after a Save on a public message (which never changes for one reader):
 * "Saved “Title” to your plan" with Undo, or "Removed …" with Save again. Its button redraws
 * the note in place.
 */
export function renderSaveConfirmation(paper: Paper, saved: boolean): SlackMessage {
  const title = escapeMrkdwn(truncate(paper.title, 200));
  const text = saved
    ? `:white_check_mark: Saved “${title}” to your plan. It is in my Home tab.`
    : `Removed “${title}” from your plan.`;
  return {
    text,
    blocks: [
      {
        type: 'section',
        block_id: 'plan_confirmation',
        text: { type: 'mrkdwn', text },
        accessory: button(
          saved ? 'Undo' : 'Save again',
          ACTION_IDS.planToggle,
          encodeToggle({ paperId: paper.id, confirmation: true }),
        ),
      },
    ],
  };
}
