/**
 * Every reply kind × every surface, end to end through Bolt's HTTP receiver with the real
 * replies over the seed: where each answer goes (response_url, chat.postEphemeral,
 * chat.postMessage; with or without thread_ts), and that no click ever replaces a public
 * message. Payloads are shaped as Slack sends them (../shared/SLACK.md).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/ids.ts';
import { encodeRequest } from '../../src/bot/results-request.ts';
import type { Replies } from '../../src/bot/types.ts';
import { buildBot } from '../../src/compose.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { RESPONSE_URL_TARGET, type RecordedRequest } from '../helpers/fake-slack-api.ts';
import {
  type HttpHarness,
  postInteraction,
  SIGNING_SECRET,
  startHttpHarness,
} from '../helpers/slack-harness.ts';
import {
  appMentionBody,
  BOT_ID,
  BOT_USER_ID,
  blockActionsPayload,
  TEAM_ID,
  USER_ID,
} from '../helpers/slack-payloads.ts';
import { JSON_CONTENT_TYPE, postSigned } from '../helpers/slack-signing.ts';

let harness: HttpHarness<Replies>;
let store: Store;
let paperId: string;
let personKey: string;
beforeAll(async () => {
  // As src/main.ts builds it: with a store, so cards carry Save.
  store = openStore(':memory:');
  const bot = buildBot('data', { store });
  paperId = bot.catalog.papers[0]!.id;
  const match = bot.authors.find('Cho-Jui Hsieh');
  personKey = match.kind === 'people' ? match.people[0]!.key : '';
  harness = await startHttpHarness({ replies: bot.replies });
});
afterAll(async () => {
  await harness.close();
  await store.close();
});

const CHANNEL = 'C0CHAN001';
const DM = 'D0DIRECT1';
const THREAD = '1700000100.000001';
const MESSAGE_TS = '1700000200.000100';

type Surface = 'private answer' | 'public thread' | 'DM' | 'digest thread';

/** A click as Slack sends it from a message on `surface`. */
function clickOn(surface: Surface, actionId: string, value: string, responseId: string) {
  const payload = blockActionsPayload(actionId, value, harness.fake.responseUrl(responseId));
  if (surface === 'private answer') return payload;
  const channel = surface === 'DM' ? DM : CHANNEL;
  // A non-ephemeral message comes with its copy, and its thread when it is in one.
  const inThread = surface !== 'DM';
  const blockId = surface === 'digest thread' ? 'digest_card_0_actions' : 'card_0_actions';
  return {
    ...payload,
    container: {
      type: 'message',
      message_ts: MESSAGE_TS,
      channel_id: channel,
      is_ephemeral: false,
      ...(inThread && { thread_ts: THREAD }),
    },
    channel: { id: channel, name: surface === 'DM' ? 'directmessage' : 'posters' },
    message: {
      type: 'message',
      user: BOT_USER_ID,
      bot_id: BOT_ID,
      ts: MESSAGE_TS,
      ...(inThread && { thread_ts: THREAD }),
      text: 'an answer',
      blocks: [{ type: 'actions', block_id: blockId, elements: [] }],
    },
  };
}

/** What the bot sent after one click: to the response_url, or through the Web API. */
async function click(surface: Surface, actionId: string, value: string) {
  const id = `r${Math.random().toString(36).slice(2)}`;
  const before = harness.fake.requests.length;
  const response = await postInteraction(harness.eventsUrl, clickOn(surface, actionId, value, id));
  expect(response.status).toBe(200);
  const sent = harness.fake.requests.slice(before);
  expect(sent).toHaveLength(1); // one answer, one place
  return sent[0]!;
}

const where = (request: RecordedRequest) => ({
  target: request.target,
  channel: request.params.channel,
  user: request.params.user,
  thread_ts: request.params.thread_ts,
  response_type: request.params.response_type,
  replace_original: request.params.replace_original,
});

const next = () => encodeRequest({ kind: 'search', query: 'learning', page: 1 });
const person = () => personKey;

/** Every reply kind a click can get: replace (paging, suggestion, person), ephemeral, share. */
const KINDS = [
  ['page (replace)', ACTION_IDS.resultsNext, next],
  ['suggestion (replace)', `${ACTION_IDS.searchSuggestion}_0`, () => 'diffusion'],
  ['person pick (replace)', `${ACTION_IDS.authorPick}_0`, person],
  ['abstract (ephemeral)', ACTION_IDS.paperAbstract, () => paperId],
  ['share (in_channel)', ACTION_IDS.paperShare, () => paperId],
] as const;

describe('a click on a private answer (ephemeral, from /poster)', () => {
  it.each(KINDS)('%s goes back through the response_url', async (kind, actionId, value) => {
    const sent = where(await click('private answer', actionId, value()));
    expect(sent.target).toBe(RESPONSE_URL_TARGET);
    expect(sent.thread_ts).toBeUndefined();
    if (kind.endsWith('(replace)')) expect(sent.replace_original).toBe(true);
    else {
      expect(sent.replace_original).toBe(false);
      expect(sent.response_type).toBe(kind.endsWith('(in_channel)') ? 'in_channel' : 'ephemeral');
    }
  });
});

describe('a click in a DM (only the user and the bot see it)', () => {
  it.each(KINDS)('%s goes back through the response_url', async (kind, actionId, value) => {
    const sent = where(await click('DM', actionId, value()));
    expect(sent.target).toBe(RESPONSE_URL_TARGET);
    expect(sent.replace_original).toBe(kind.endsWith('(replace)'));
  });
});

describe.each<Surface>(['public thread', 'digest thread'])('a click in a %s', (surface) => {
  it.each(KINDS.filter(([kind]) => !kind.endsWith('(in_channel)')))(
    '%s answers the clicker alone, in the same thread, replacing nothing',
    async (_, actionId, value) => {
      const sent = where(await click(surface, actionId, value()));
      expect(sent).toEqual({
        target: 'chat.postEphemeral',
        channel: CHANNEL,
        user: USER_ID,
        thread_ts: THREAD,
        response_type: undefined,
        replace_original: undefined,
      });
    },
  );

  it('share (in_channel) posts in the same thread, replacing nothing', async () => {
    const sent = where(await click(surface, ACTION_IDS.paperShare, paperId));
    expect(sent).toMatchObject({
      target: RESPONSE_URL_TARGET,
      response_type: 'in_channel',
      replace_original: false,
      thread_ts: THREAD,
    });
  });
});

describe.each<Surface>(['public thread', 'digest thread', 'DM'])(
  'Save on a card in a %s',
  (surface) => {
    it('saves for the clicker alone, tells them privately, and republishes their Home tab', async () => {
      const owner = { teamId: TEAM_ID, userId: USER_ID };
      const saved = async () => (await store.plans.saved(owner)).map((s) => s.paperId);
      await store.plans.remove(owner, paperId);
      const before = harness.fake.requests.length;
      const id = `save${Math.random().toString(36).slice(2)}`;
      const payload = clickOn(surface, ACTION_IDS.planToggle, paperId, id);
      expect((await postInteraction(harness.eventsUrl, payload)).status).toBe(200);
      await harness.fake.waitForCalls('views.publish', 1);
      expect(await saved()).toEqual([paperId]);
      const sent = harness.fake.requests.slice(before);
      const answer = sent.filter((r) => r.target !== 'views.publish').map(where);
      // One private note, where the click was; the message clicked on is never replaced.
      expect(answer).toEqual([
        surface === 'DM'
          ? expect.objectContaining({
              target: RESPONSE_URL_TARGET,
              response_type: 'ephemeral',
              replace_original: false,
            })
          : {
              target: 'chat.postEphemeral',
              channel: CHANNEL,
              user: USER_ID,
              thread_ts: THREAD,
              response_type: undefined,
              replace_original: undefined,
            },
      ]);
      expect(String(sent.find((r) => r.target !== 'views.publish')?.params.text)).toMatch(
        /^:white_check_mark: Saved “/,
      );
      const published = sent.filter((r) => r.target === 'views.publish');
      expect(published.map((r) => r.params.user_id)).toEqual([USER_ID]);
    });
  },
);

describe('when the answer to a click cannot be delivered', () => {
  afterEach(() => harness.fake.script(RESPONSE_URL_TARGET, { kind: 'ok' }, { times: 0 }));

  it('tells the clicker privately instead of only logging it', async () => {
    harness.fake.script(RESPONSE_URL_TARGET, { kind: 'http_status', status: 404 }, { times: 1 });
    const before = harness.fake.requests.length;
    const response = await postInteraction(
      harness.eventsUrl,
      clickOn('public thread', ACTION_IDS.paperShare, paperId, 'dead'),
    );
    expect(response.status).toBe(200);
    const sent = harness.fake.requests.slice(before).map(where);
    // The response_url just failed, so the apology takes the other route: to the clicker
    // alone, in the same thread.
    expect(sent.map((s) => s.target)).toEqual([RESPONSE_URL_TARGET, 'chat.postEphemeral']);
    const sorry = harness.fake.requests.at(-1)!.params;
    expect(sorry).toMatchObject({ thread_ts: THREAD });
    expect(String(sorry.text)).toContain('couldn’t post that here');
  });
});

describe('when the bot may not post ephemerally in the thread', () => {
  it('still answers the clicker alone, through the response_url, replacing nothing', async () => {
    harness.fake.script(
      'chat.postEphemeral',
      { kind: 'slack_error', error: 'not_in_channel' },
      {
        times: 1,
      },
    );
    const before = harness.fake.requests.length;
    await postInteraction(
      harness.eventsUrl,
      clickOn('public thread', ACTION_IDS.resultsNext, next(), 'fallback'),
    );
    const sent = harness.fake.requests.slice(before).map(where);
    expect(sent.map((s) => s.target)).toEqual(['chat.postEphemeral', RESPONSE_URL_TARGET]);
    expect(sent[1]).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(harness.fake.requests.at(-1)!.params.text)).toMatch(/^Posters 6–10 of/);
  });
});

/** An Events API `message` event in the bot's DM. */
function directMessage(eventId: string, event: Record<string, unknown>) {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    api_app_id: 'A0APP0001',
    type: 'event_callback',
    event_id: eventId,
    event_time: 1_700_000_300,
    event: {
      type: 'message',
      channel: DM,
      channel_type: 'im',
      user: USER_ID,
      text: 'papers by Cho-Jui Hsieh',
      ts: '1700000300.000100',
      event_ts: '1700000300.000100',
      ...event,
    },
    authorizations: [{ team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true }],
  };
}

async function sendEvent(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const before = harness.fake.callsTo('chat.postMessage').length;
  const response = await postSigned(
    harness.eventsUrl,
    JSON.stringify(body),
    JSON_CONTENT_TYPE,
    SIGNING_SECRET,
    headers,
  );
  expect(response.status).toBe(200);
  return harness.fake.callsTo('chat.postMessage').slice(before);
}

describe('messages and mentions', () => {
  it('answers a mention publicly in its thread', async () => {
    const posted = await sendEvent(
      appMentionBody({
        eventId: 'EvSURF0001',
        text: `<@${BOT_USER_ID}> papers by Cho-Jui Hsieh`,
        threadTs: THREAD,
      }),
    );
    expect(posted.map((p) => [p.params.channel, p.params.thread_ts])).toEqual([[CHANNEL, THREAD]]);
    expect(posted[0]!.params.text).toBe('4 posters by Cho-Jui Hsieh');
  });

  it('answers a DM in the DM, once, even when Slack retries it', async () => {
    const posted = await sendEvent(directMessage('EvDM00001', {}));
    expect(posted.map((p) => [p.params.channel, p.params.thread_ts])).toEqual([[DM, undefined]]);
    expect(posted[0]!.params.text).toBe('4 posters by Cho-Jui Hsieh');
    const retried = await sendEvent(directMessage('EvDM00001', {}), {
      'X-Slack-Retry-Num': '1',
      'X-Slack-Retry-Reason': 'http_timeout',
    });
    expect(retried).toEqual([]);
  });

  it('answers a DM written in a thread in that thread', async () => {
    const posted = await sendEvent(directMessage('EvDM00002', { thread_ts: THREAD }));
    expect(posted.map((p) => [p.params.channel, p.params.thread_ts])).toEqual([[DM, THREAD]]);
  });

  it.each([
    ['an edit', { subtype: 'message_changed' }],
    ['a bot', { bot_id: 'B0OTHER01' }],
    ['the bot itself', { user: BOT_USER_ID }],
    ['a channel message (not a DM)', { channel: CHANNEL, channel_type: 'channel' }],
  ])('ignores %s', async (_, event) => {
    expect(await sendEvent(directMessage(`EvIGN${Math.random()}`, event))).toEqual([]);
  });

  it('never edits a public message: no chat.update, no public replace, in this whole file', () => {
    expect(harness.fake.callsTo('chat.update')).toEqual([]);
  });
});
