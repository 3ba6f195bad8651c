import { ACTION_IDS } from '../../src/blocks/ids.ts';
import type { SlackMessage } from '../../src/blocks/message.ts';
import type { Replies, Reply } from '../../src/bot/types.ts';
import type { QuestionRow } from '../fixtures/questions.ts';
import { allText } from './slack-limits.ts';

/** The ids of the posters a message shows as cards, in order (from their Abstract buttons). */
export function postersShown(message: SlackMessage): string[] {
  const ids: string[] = [];
  for (const block of message.blocks) {
    if (block.type !== 'actions') continue;
    for (const element of block.elements) {
      if (element.type === 'button' && element.action_id === ACTION_IDS.paperAbstract) {
        ids.push(element.value ?? '');
      }
    }
  }
  return ids;
}

/** How many posters the answer says it found: "3 posters …", "Posters 1–5 of 12 …"; else 0. */
export function postersCounted(message: SlackMessage): number {
  const shown = postersShown(message).length;
  const of = /Posters \d+–\d+ of (\d+)/.exec(message.text)?.[1];
  if (of) return Number(of);
  const count = /^(\d+) posters?\b/.exec(message.text)?.[1];
  return count ? Number(count) : shown;
}

/** Asks the question the way the row says (an @mention or `/poster` text). */
export async function ask(replies: Replies, row: QuestionRow): Promise<SlackMessage> {
  const asker = { userId: 'U_TABLE' };
  if (row.via === 'mention') return replies.mention(`<@UBOT> ${row.ask}`, asker);
  return messageOf(await replies.command(row.ask, asker));
}

/** The message of a reply (a command or a click never answers with a view). */
export function messageOf(reply: Reply): SlackMessage {
  if (reply.kind === 'view') throw new Error('question-judge: a view, not a message');
  return reply.message;
}

/**
 * Why an answer to a row is wrong, or undefined when it is right. Besides the row's own
 * expectations, no answer may end in a "Did you mean:" with nothing to pick.
 */
export function judgeAnswer(row: QuestionRow, message: SlackMessage): string | undefined {
  const shown = postersShown(message);
  const text = allText(message);
  if (/Did you mean:\s*$/m.test(text) && !hasChoices(message)) {
    return 'ends in an empty "Did you mean:"';
  }
  if (row.first) {
    const lead = shown.slice(0, row.first.length);
    const missing = row.first.filter((id) => !lead.includes(id));
    if (lead.length < row.first.length || missing.length > 0) {
      return `first ${row.first.length} should be ${row.first.join(', ')}; got ${lead.join(', ') || 'none'}`;
    }
  }
  if (row.top && !(shown[0] !== undefined && row.top.includes(shown[0]))) {
    return `first should be one of ${row.top.join(', ')}; got ${shown[0] ?? 'none'}`;
  }
  if (row.within) {
    const stray = shown.filter((id) => !row.within?.includes(id));
    if (shown.length === 0) return 'no posters shown';
    if (stray.length > 0) return `posters outside the expected set: ${stray.join(', ')}`;
  }
  if (row.total !== undefined && postersCounted(message) !== row.total) {
    return `should count ${row.total} posters; says ${postersCounted(message)} (${message.text})`;
  }
  if (row.echo !== undefined && !message.text.includes(`‘${row.echo}’`)) {
    return `heading should echo ‘${row.echo}’: ${message.text}`;
  }
  if (row.says && !row.says.test(text)) return `should say ${row.says}: ${message.text}`;
  return undefined;
}

function hasChoices(message: SlackMessage): boolean {
  return message.blocks.some(
    (b) => b.block_id === 'people_choices' || b.block_id === 'no_results_suggestions',
  );
}
