/**
 * Property-based tests of the bot's answers over the real seed: whatever a user types or a
 * tampered button carries, every reply is a message Slack accepts (no limit broken, fallback
 * text present) and echoes nothing that would ping or link (no `<!…>`, `<@…>`, `<#…>` from
 * input). The one control sequence allowed is the sharer's own mention on a Share.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/ids.ts';
import type { SlackMessage } from '../../src/blocks/message.ts';
import { encodeRequest } from '../../src/bot/results-request.ts';
import { type Asker, type Replies, replyMessage } from '../../src/bot/types.ts';
import { buildBot } from '../../src/compose.ts';
import { allText, controlSequences, slackLimitViolations } from '../helpers/slack-limits.ts';
import { hostileText, LONG_INPUTS, PROPERTY_PARAMS } from './hostile-input.ts';

const ASKER: Asker = { userId: 'U0ASKER01' };
const BOT_MENTION = '<@U0BOT0001>';

/** What a user would notice about a broken reply: Slack refusing it, or a stray ping. */
function problemsOf(message: SlackMessage, allowed: readonly string[] = []): string[] {
  const pings = controlSequences(allText(message)).filter((seq) => !allowed.includes(seq));
  return [...slackLimitViolations(message), ...pings.map((seq) => `unescaped ${seq}`)];
}

let replies: Replies;
let paperIds: string[];
beforeAll(() => {
  const bot = buildBot('data');
  replies = bot.replies;
  paperIds = bot.catalog.papers.map((p) => p.id);
});

describe('/poster answers to hostile text', () => {
  it('are valid, escaped messages', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText(), async (text) => {
        const reply = await replies.command(text, ASKER);
        expect(problemsOf(replyMessage(reply))).toEqual([]);
      }),
      PROPERTY_PARAMS,
    );
  });

  it.each(LONG_INPUTS)('are valid, escaped messages for $name', async ({ text }) => {
    for (const command of [text, `author ${text}`, `by:${text}`]) {
      expect(problemsOf(replyMessage(await replies.command(command, ASKER)))).toEqual([]);
    }
  });
});

describe('@mention answers to hostile text', () => {
  it('are valid, escaped messages', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText(), async (text) => {
        expect(problemsOf(await replies.mention(`${BOT_MENTION} ${text}`, ASKER))).toEqual([]);
      }),
      PROPERTY_PARAMS,
    );
  });

  it.each(LONG_INPUTS)('are valid, escaped messages for $name', async ({ text }) => {
    for (const mention of [text, `papers by ${text}`, `${text} papers by ${text}`]) {
      const message = await replies.mention(`${BOT_MENTION} ${mention}`, ASKER);
      expect(problemsOf(message)).toEqual([]);
    }
  });
});

describe('button clicks with tampered values', () => {
  const actionId = fc.oneof(
    fc.constantFrom(...Object.values(ACTION_IDS)),
    fc.constantFrom(...Object.values(ACTION_IDS)).map((id) => `${id}_${'9'.repeat(3)}`),
    fc.constantFrom('results_', 'paper_', 'search_', 'author_', 'schedule_unknown'),
  );
  /** Values a client could send: junk, well-formed requests for hostile queries, real ids. */
  const value = () =>
    fc.oneof(
      hostileText(2_000),
      fc
        .record({
          kind: fc.constantFrom('search', 'author', 'person'),
          text: hostileText(),
          page: fc.oneof(fc.nat(5), fc.constant(Number.MAX_SAFE_INTEGER)),
        })
        .map(({ kind, text, page }) =>
          kind === 'search'
            ? encodeRequest({ kind, query: text, page })
            : kind === 'author'
              ? encodeRequest({ kind, name: text, page })
              : encodeRequest({ kind, key: text, page }),
        ),
      fc.constantFrom('{"k":"s","q":"robot","p":-1}', '{"k":"n","q":"later","p":0}', 'null', '[]'),
      fc.nat(200).map((i) => paperIds[i % paperIds.length] ?? ''),
    );

  it('are answered with valid, escaped messages', async () => {
    await fc.assert(
      fc.asyncProperty(actionId, value(), async (id, raw) => {
        const reply = await replies.action(id, raw, ASKER);
        // A Share names the sharer on purpose; nothing else may ping anyone.
        const allowed = reply.kind === 'in_channel' ? [`<@${ASKER.userId}>`] : [];
        expect(problemsOf(replyMessage(reply), allowed)).toEqual([]);
      }),
      PROPERTY_PARAMS,
    );
  });

  it('shares name the sharer, and only the sharer', async () => {
    for (const id of paperIds) {
      const reply = await replies.action(ACTION_IDS.paperShare, id, ASKER);
      expect(reply.kind).toBe('in_channel');
      expect(controlSequences(allText(replyMessage(reply)))).toContain(`<@${ASKER.userId}>`);
      expect(problemsOf(replyMessage(reply), [`<@${ASKER.userId}>`])).toEqual([]);
    }
  });
});
