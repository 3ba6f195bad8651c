/**
 * "Similar" end to end: the real bot over the seed behind Bolt's HTTP receiver, a click on a
 * card's Similar button signed like Slack's, the answer read where Slack would get it (the
 * click's response_url). Once on a private /poster answer, once on a card the bot posted in
 * a thread (a mention's answer).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/ids.ts';
import type { SlackMessage } from '../../src/blocks/message.ts';
import type { Replies } from '../../src/bot/types.ts';
import { buildBot } from '../../src/compose.ts';
import { RESPONSE_URL_TARGET } from '../helpers/fake-slack-api.ts';
import {
  type HttpHarness,
  postInteraction,
  postSlashCommand,
  SIGNING_SECRET,
  startHttpHarness,
} from '../helpers/slack-harness.ts';
import { allText, slackLimitViolations } from '../helpers/slack-limits.ts';
import {
  appMentionBody,
  BOT_USER_ID,
  blockActionsPayload,
  CHANNEL_ID,
  slashCommandFields,
} from '../helpers/slack-payloads.ts';
import { JSON_CONTENT_TYPE, postSigned } from '../helpers/slack-signing.ts';

const THREAD_TS = '1700000300.000001';

let harness: HttpHarness<Replies>;
beforeAll(async () => {
  harness = await startHttpHarness({ replies: buildBot('data').replies });
});
afterAll(() => harness.close());

/** The Similar buttons of a message, in order. */
function similarButtons(message: SlackMessage): { value: string }[] {
  return message.blocks.flatMap((b) =>
    b.type === 'actions'
      ? (b.elements.filter((e) => 'action_id' in e && e.action_id === ACTION_IDS.similarShow) as {
          value: string;
        }[])
      : [],
  );
}

/** Posts a signed click and returns what reached its response_url. */
async function click(payload: Record<string, unknown>, responseId: string) {
  const response = await postInteraction(harness.eventsUrl, payload);
  expect(response.status).toBe(200);
  const posted = harness.fake
    .callsTo(RESPONSE_URL_TARGET)
    .filter((r) => r.responseId === responseId);
  expect(posted).toHaveLength(1);
  const params = posted[0]!.params as unknown as SlackMessage & Record<string, unknown>;
  expect(slackLimitViolations(params)).toEqual([]);
  return params;
}

describe('Similar through Slack', () => {
  it('answers a click on a private /poster card privately: five posters, then the authors', async () => {
    const response = await postSlashCommand(
      harness.eventsUrl,
      slashCommandFields('BEiT', harness.fake.responseUrl()),
    );
    const results = JSON.parse(response.text) as SlackMessage;
    const buttons = similarButtons(results);
    expect(buttons.length).toBeGreaterThan(0);
    const answer = await click(
      blockActionsPayload(
        ACTION_IDS.similarShow,
        buttons[0]!.value,
        harness.fake.responseUrl('similar-private'),
      ),
      'similar-private',
    );
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.replace_original).toBe(false);
    expect(answer.text).toBe(
      '5 posters similar to ‘BEiT: BERT Pre-Training of Image Transformers’',
    );
    const text = allText(answer);
    expect(text).toContain('EViT: Expediting Vision Transformers');
    expect(text).toContain('Shared terms:');
    expect(text).toContain('More by these authors');
    // Each poster offers its own Similar (a walk through the neighbourhood); never the
    // paper asked about.
    const next = answer.blocks.flatMap((b) =>
      b.type === 'section' && b.accessory && 'value' in b.accessory ? [b.accessory.value] : [],
    );
    expect(next).toHaveLength(5);
    expect(next).not.toContain(buttons[0]!.value);
  });

  it('answers a click on a card the bot posted in a thread, to the one who clicked', async () => {
    const before = harness.fake.callsTo('chat.postMessage').length;
    await postSigned(
      harness.eventsUrl,
      JSON.stringify(
        appMentionBody({
          eventId: 'EvSIMILAR1',
          text: `<@${BOT_USER_ID}> papers by Cho-Jui Hsieh`,
          ts: '1700000300.000200',
          threadTs: THREAD_TS,
        }),
      ),
      JSON_CONTENT_TYPE,
      SIGNING_SECRET,
    );
    const [post] = harness.fake.callsTo('chat.postMessage').slice(before);
    const thread = post!.params as unknown as SlackMessage & { thread_ts: string };
    expect(thread.thread_ts).toBe(THREAD_TS);
    const buttons = similarButtons(thread);
    expect(buttons).toHaveLength(4);
    // A click on a public message in a thread: not ephemeral, and Slack says which thread.
    const base = blockActionsPayload(
      ACTION_IDS.similarShow,
      buttons[1]!.value,
      harness.fake.responseUrl('similar-thread'),
    );
    const payload = {
      ...base,
      container: {
        type: 'message',
        message_ts: '1700000300.000300',
        channel_id: CHANNEL_ID,
        is_ephemeral: false,
        thread_ts: THREAD_TS,
      },
      message: { ...thread, type: 'message', ts: '1700000300.000300', thread_ts: THREAD_TS },
    };
    const posted = harness.fake.callsTo('chat.postEphemeral').length;
    const response = await postInteraction(harness.eventsUrl, payload);
    expect(response.status).toBe(200);
    // Privately to the one who clicked, in the thread of the card (chat.postEphemeral).
    const calls = harness.fake.callsTo('chat.postEphemeral').slice(posted);
    expect(calls).toHaveLength(1);
    const answer = calls[0]!.params as unknown as SlackMessage & Record<string, unknown>;
    expect(slackLimitViolations(answer)).toEqual([]);
    expect(answer.channel).toBe(CHANNEL_ID);
    expect(answer.thread_ts).toBe(THREAD_TS);
    expect(answer.user).toBe((base.user as { id: string }).id);
    expect(answer.text).toMatch(/^5 posters similar to ‘/);
    // The four posters of the same person: the other three are "more by these authors".
    const byAuthors = answer.blocks.find((b) => b.block_id === 'similar_by_authors');
    const lines = allText({ text: '', blocks: byAuthors ? [byAuthors] : [] });
    expect(lines.match(/^• /gm)).toHaveLength(3);
    expect(lines).toContain('Cho-Jui Hsieh');
  });

  it('tells the clicker when the poster is gone', async () => {
    const answer = await click(
      blockActionsPayload(
        ACTION_IDS.similarShow,
        'no-such-paper',
        harness.fake.responseUrl('gone'),
      ),
      'gone',
    );
    expect(answer.text).toBe('That poster is no longer in the catalog.');
  });
});
