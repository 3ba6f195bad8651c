/**
 * End to end through Bolt's real HTTPReceiver on a loopback port: signed requests in, the
 * fake Web API and response_url out — everything Slack would see, nothing mocked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackApp, HTTP_BODY_LIMIT_BYTES } from '../../src/slack/app.ts';
import { createEchoReplies, echoMessage } from '../helpers/echo-replies.ts';
import { RESPONSE_URL_TARGET, startFakeSlackApi } from '../helpers/fake-slack-api.ts';
import { createLogCapture } from '../helpers/log-capture.ts';
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
  slashCommandFields,
} from '../helpers/slack-payloads.ts';
import {
  FORM_CONTENT_TYPE,
  formBody,
  JSON_CONTENT_TYPE,
  postRaw,
  postSigned,
  signSlackRequest,
} from '../helpers/slack-signing.ts';

let harness: HttpHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const POST = 'chat.postMessage';
const commandBody = (h: HttpHarness, text = 'diffusion') =>
  formBody(slashCommandFields(text, h.fake.responseUrl()));

describe('HTTP mode: /poster', () => {
  it.each([true, false])(
    'answers a signed command with the ack body (processBeforeResponse: %s)',
    async (processBeforeResponse) => {
      harness = await startHttpHarness({ app: { processBeforeResponse } });
      const response = await postSigned(
        harness.eventsUrl,
        commandBody(harness, 'diffusion &amp; score'),
        FORM_CONTENT_TYPE,
        SIGNING_SECRET,
      );
      expect(response.status).toBe(200);
      expect(JSON.parse(response.text)).toEqual({
        response_type: 'ephemeral',
        ...echoMessage('You asked: diffusion &amp; score'),
      });
      expect(harness.fake.callsTo('auth.test')).toEqual([]);
    },
  );

  const now = () => Math.floor(Date.now() / 1000);
  it.each([
    {
      name: 'a wrong signature',
      headers: (body: string) => signSlackRequest(body, 'another-secret'),
    },
    {
      name: 'a signature of another body',
      headers: (body: string) => signSlackRequest(`${body}&x=1`, SIGNING_SECRET),
    },
    { name: 'no signature at all', headers: () => ({}) },
    {
      name: 'a signature older than 5 minutes',
      headers: (body: string) => signSlackRequest(body, SIGNING_SECRET, now() - 5 * 60 - 10),
    },
  ])('refuses $name with 401 and never asks replies', async ({ headers }) => {
    harness = await startHttpHarness();
    const body = commandBody(harness);
    const response = await postRaw(harness.eventsUrl, body, FORM_CONTENT_TYPE, headers(body));
    expect(response.status).toBe(401);
    expect(harness.replies.calls).toEqual([]);
  });

  it('refuses a body over the size limit with 413 before reading it as Slack', async () => {
    harness = await startHttpHarness();
    const body = `${commandBody(harness)}&pad=${'x'.repeat(HTTP_BODY_LIMIT_BYTES)}`;
    const response = await postSigned(harness.eventsUrl, body, FORM_CONTENT_TYPE, SIGNING_SECRET);
    expect(response.status).toBe(413);
    expect(harness.replies.calls).toEqual([]);
  });

  it('answers Slack’s URL verification on /slack/events', async () => {
    harness = await startHttpHarness();
    const body = JSON.stringify({ token: 't', challenge: 'c-123', type: 'url_verification' });
    const response = await postSigned(harness.eventsUrl, body, JSON_CONTENT_TYPE, SIGNING_SECRET);
    expect(JSON.parse(response.text)).toEqual({ challenge: 'c-123' });
  });
});

describe('HTTP mode: button clicks', () => {
  it('replaces the clicked message through its response_url', async () => {
    harness = await startHttpHarness();
    const payload = blockActionsPayload(
      'results_next_page',
      'page=2',
      harness.fake.responseUrl('e2e'),
    );
    const response = await postInteraction(harness.eventsUrl, payload);
    expect(response.status).toBe(200);
    expect(harness.fake.callsTo(RESPONSE_URL_TARGET)).toEqual([
      expect.objectContaining({
        responseId: 'e2e',
        params: { replace_original: true, ...echoMessage('results_next_page: page=2') },
      }),
    ]);
  });
});

describe('HTTP mode: mentions', () => {
  const postEvent = (h: HttpHarness, body: unknown, headers: Record<string, string> = {}) =>
    postSigned(h.eventsUrl, JSON.stringify(body), JSON_CONTENT_TYPE, SIGNING_SECRET, headers);

  it('posts exactly one threaded reply, and nothing for a retry of the same event', async () => {
    harness = await startHttpHarness();
    const first = await postEvent(harness, appMentionBody({ eventId: 'EvA', ts: '10.1' }));
    const retry = await postEvent(harness, appMentionBody({ eventId: 'EvA', ts: '10.1' }), {
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(harness.fake.callsTo(POST).map((c) => c.params.thread_ts)).toEqual(['10.1']);
  });

  it('replies under the parent of a threaded mention', async () => {
    harness = await startHttpHarness();
    await postEvent(harness, appMentionBody({ ts: '20.2', threadTs: '20.0' }));
    expect(harness.fake.callsTo(POST).map((c) => c.params.thread_ts)).toEqual(['20.0']);
  });

  it('posts once when a retry arrives while the first answer is still on its way', async () => {
    harness = await startHttpHarness();
    harness.fake.script(POST, { kind: 'ok' }, { delayMs: 200, times: 1 });
    const body = appMentionBody({ eventId: 'EvSlow' });
    const first = postEvent(harness, body);
    await harness.fake.waitForCalls(POST, 1); // the first answer is being posted, slowly
    // With processBeforeResponse, each response comes after that request's listeners finished.
    await postEvent(harness, body, { 'x-slack-retry-num': '1' });
    await postEvent(harness, body, { 'x-slack-retry-num': '2' });
    expect((await first).status).toBe(200);
    expect(harness.fake.callsTo(POST)).toHaveLength(1);
    expect(harness.replies.calls).toHaveLength(1);
  });

  it('ignores a mention written by another bot', async () => {
    harness = await startHttpHarness();
    const response = await postEvent(harness, appMentionBody({ user: 'U0BOT2', botId: 'B0BOT2' }));
    expect(response.status).toBe(200);
    expect(harness.fake.requests).toEqual([]);
  });
});

describe('Socket Mode', () => {
  it('opens its connection with the app token, at SLACK_API_URL', async () => {
    const fake = await startFakeSlackApi();
    try {
      fake.script('apps.connections.open', { kind: 'slack_error', error: 'invalid_auth' });
      const app = createSlackApp({
        slack: {
          mode: 'socket',
          botToken: 'xoxb-1-2-3',
          appToken: 'xapp-1-A1-2-3',
          apiUrl: fake.apiUrl,
        },
        replies: createEchoReplies(),
        logger: createLogCapture().logger,
        botId: BOT_ID,
        botUserId: BOT_USER_ID,
      });
      await expect(app.start()).rejects.toThrow(/invalid_auth/);
      expect(fake.requests.map((r) => [r.target, r.authorization])).toEqual([
        ['apps.connections.open', 'Bearer xapp-1-A1-2-3'],
      ]);
    } finally {
      await fake.close();
    }
  });
});
