/**
 * The real bot end to end: the seed catalog and the real replies behind Bolt's HTTP receiver
 * on a loopback port, signed requests in, a fake Slack Web API and response_url out. What a
 * user in Slack would see for `/poster`, its buttons, and @mentions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { allText, controlSequences, slackLimitViolations } from '../helpers/slack-limits.ts';
import {
  appMentionBody,
  BOT_USER_ID,
  blockActionsPayload,
  CHANNEL_ID,
  slashCommandFields,
} from '../helpers/slack-payloads.ts';
import { JSON_CONTENT_TYPE, postSigned } from '../helpers/slack-signing.ts';

let harness: HttpHarness<Replies>;
beforeAll(async () => {
  harness = await startHttpHarness({ replies: buildBot('data').replies });
});
afterAll(() => harness.close());

/** `/poster <text>` as Slack sends it (text escaped), answered in the ack body. */
async function poster(text: string): Promise<SlackMessage & { response_type: string }> {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const response = await postSlashCommand(
    harness.eventsUrl,
    slashCommandFields(escaped, harness.fake.responseUrl()),
  );
  expect(response.status).toBe(200);
  const message = JSON.parse(response.text);
  expect(slackLimitViolations(message)).toEqual([]);
  return message;
}

/** Clicks a button of `message` and returns what reached the response_url. */
async function click(message: SlackMessage, actionId: string, index = 0) {
  const buttons = message.blocks.flatMap((b) =>
    b.type === 'actions'
      ? b.elements.filter((e) => 'action_id' in e && e.action_id === actionId)
      : [],
  );
  const button = buttons[index] as { value: string } | undefined;
  expect(button, `a ${actionId} button`).toBeDefined();
  const id = `click-${Math.random().toString(36).slice(2)}`;
  const payload = blockActionsPayload(actionId, button!.value, harness.fake.responseUrl(id));
  const response = await postInteraction(harness.eventsUrl, payload);
  expect(response.status).toBe(200);
  const [posted] = harness.fake.callsTo(RESPONSE_URL_TARGET).filter((r) => r.responseId === id);
  expect(posted).toBeDefined();
  const params = posted!.params as unknown as SlackMessage & Record<string, unknown>;
  expect(slackLimitViolations(params)).toEqual([]);
  return params;
}

describe('/poster through Slack', () => {
  it('answers a keyword only to the asker, best posters first', async () => {
    const message = await poster('vision transformer');
    expect(message.response_type).toBe('ephemeral');
    expect(message.text).toBe('5 posters for ‘vision transformer’');
    for (const title of ['EViT', 'RelViT', 'Patch-Fool', 'BEiT'])
      expect(allText(message)).toContain(title);
  });

  it('pages with Next ▸ and ◂ Prev, replacing the message in place', async () => {
    const first = await poster('learning');
    expect(first.text).toMatch(/^Posters 1–5 of \d+ for ‘learning’$/);
    const second = await click(first, 'results_next_page');
    expect(second.replace_original).toBe(true);
    expect(second.text).toMatch(/^Posters 6–10 of \d+ for ‘learning’$/);
    const back = await click(second, 'results_prev_page');
    expect(back.text).toBe(first.text);
  });

  it('shows the full abstract to the asker, and shares a card with the channel', async () => {
    const results = await poster('neural collapse');
    const abstract = await click(results, 'paper_show_abstract');
    expect(abstract.response_type).toBe('ephemeral');
    expect(abstract.replace_original).toBe(false);
    expect(allText(abstract)).toContain('Neural Collapse Under MSE Loss');
    const shared = await click(results, 'paper_share');
    expect(shared.response_type).toBe('in_channel');
    expect(allText(shared)).toContain('shared a poster');
  });

  it('shows help for /poster alone', async () => {
    expect(allText(await poster(''))).toContain('/poster author <name>');
  });

  it('says when nothing matches, echoing the query as text, and offers corrections', async () => {
    const none = await poster('<!channel> grahp');
    expect(controlSequences(allText(none))).toEqual([]);
    expect(none.text).toContain('&lt;!channel&gt;');
    const mention = await poster('<@U123> zzqqxx');
    expect(controlSequences(allText(mention))).toEqual([]);
  });

  it('finds a person by author search and picks among namesakes', async () => {
    expect((await poster('author Cho-Jui Hsieh')).text).toBe('4 posters by Cho-Jui Hsieh');
    const pick = await poster('by:li');
    expect(pick.text).toMatch(/^\d+ people match ‘li’$/);
    const chosen = await click(pick, 'author_pick_0');
    expect(chosen.text).toMatch(/^1 poster by /);
  });
});

describe('@mentions through Slack', () => {
  async function mention(text: string, eventId: string, extra: Record<string, string> = {}) {
    const response = await postSigned(
      harness.eventsUrl,
      JSON.stringify(
        appMentionBody({
          eventId,
          text: `<@${BOT_USER_ID}> ${text}`,
          ts: '1700000200.000100',
          threadTs: '1700000100.000001',
        }),
      ),
      JSON_CONTENT_TYPE,
      SIGNING_SECRET,
      extra,
    );
    expect(response.status).toBe(200);
  }

  it('answers once, in the thread, with the right papers — retries included', async () => {
    const before = harness.fake.callsTo('chat.postMessage').length;
    await mention('papers by Cho-Jui Hsieh', 'EvE2E0001');
    await mention('papers by Cho-Jui Hsieh', 'EvE2E0001', {
      'X-Slack-Retry-Num': '1',
      'X-Slack-Retry-Reason': 'http_timeout',
    });
    const posts = harness.fake.callsTo('chat.postMessage').slice(before);
    expect(posts).toHaveLength(1);
    const params = posts[0]!.params as unknown as SlackMessage & Record<string, unknown>;
    expect(params.channel).toBe(CHANNEL_ID);
    expect(params.thread_ts).toBe('1700000100.000001');
    expect(params.text).toBe('4 posters by Cho-Jui Hsieh');
    expect(slackLimitViolations(params)).toEqual([]);
  });

  it('offers the person for a misspelt name', async () => {
    const before = harness.fake.callsTo('chat.postMessage').length;
    await mention('hsiej', 'EvE2E0002');
    const [post] = harness.fake.callsTo('chat.postMessage').slice(before);
    expect(allText(post!.params as unknown as SlackMessage)).toContain(
      'Did you mean *Cho-Jui Hsieh*?',
    );
  });
});
