/**
 * Faults of the Slack side, end to end through Bolt's real HTTPReceiver: the Web API rate
 * limits, fails, refuses, never answers, or is not there at all; a response_url breaks. Each
 * fault is logged by class, retried where the client's policy allows, answered with the
 * friendly message where a user is waiting, and the app answers the next request as usual.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SORRY_MESSAGE } from '../../src/slack/errors.ts';
import { echoMessage, FAIL_WORD } from '../helpers/echo-replies.ts';
import { type FakeAnswer, RESPONSE_URL_TARGET } from '../helpers/fake-slack-api.ts';
import { PINO_LEVEL } from '../helpers/log-capture.ts';
import {
  BOT_TOKEN,
  type HarnessOptions,
  type HttpHarness,
  postInteraction,
  SIGNING_SECRET,
  startHttpHarness,
} from '../helpers/slack-harness.ts';
import {
  appMentionBody,
  blockActionsPayload,
  slashCommandFields,
} from '../helpers/slack-payloads.ts';
import {
  FORM_CONTENT_TYPE,
  formBody,
  JSON_CONTENT_TYPE,
  postSigned,
} from '../helpers/slack-signing.ts';

const POST = 'chat.postMessage';
/** Short enough to keep the file fast, long enough for loopback. */
const CLIENT_TIMEOUT_MS = 300;

let harness: HttpHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(options: HarnessOptions = {}): Promise<HttpHarness> {
  harness = await startHttpHarness(options);
  return harness;
}

function mention(h: HttpHarness, eventId: string, text = '<@U0BOT0001> robots') {
  const body = JSON.stringify(appMentionBody({ eventId, text, ts: `${eventId.length}.1` }));
  return postSigned(h.eventsUrl, body, JSON_CONTENT_TYPE, SIGNING_SECRET);
}

function click(h: HttpHarness, responseUrl: string) {
  const payload = blockActionsPayload('results_next_page', 'page=2', responseUrl);
  return postInteraction(h.eventsUrl, payload);
}

/** The app is still up and answering: a /poster right after the fault gets its answer. */
async function expectStillAnswering(h: HttpHarness): Promise<void> {
  const body = formBody(slashCommandFields('after the fault', h.fake.responseUrl()));
  const response = await postSigned(h.eventsUrl, body, FORM_CONTENT_TYPE, SIGNING_SECRET);
  expect(response.status).toBe(200);
  expect(JSON.parse(response.text)).toMatchObject(echoMessage('You asked: after the fault'));
}

/** A loopback URL nothing listens on: a server bound to port 0, then closed. */
async function closedPortUrl(): Promise<string> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/api/`;
}

describe('a mention whose reply cannot be posted', () => {
  it.each([
    {
      name: 'not_in_channel',
      answer: { kind: 'slack_error', error: 'not_in_channel' },
      level: PINO_LEVEL.warn,
      fields: { slackFailure: 'platform', slackError: 'not_in_channel' },
    },
    {
      name: 'channel_not_found',
      answer: { kind: 'slack_error', error: 'channel_not_found' },
      level: PINO_LEVEL.warn,
      fields: { slackFailure: 'platform', slackError: 'channel_not_found' },
    },
    {
      name: 'HTTP 500',
      answer: { kind: 'http_status', status: 500 },
      level: PINO_LEVEL.error,
      fields: { slackFailure: 'http', status: 500 },
    },
    {
      // The client waits out Retry-After even with no retries left: 0 keeps the test fast.
      name: '429 with no retries left',
      answer: { kind: 'rate_limited', retryAfterSeconds: 0 },
      level: PINO_LEVEL.warn,
      fields: { slackFailure: 'rate_limited', retryAfterSeconds: 0 },
    },
  ] satisfies { name: string; answer: FakeAnswer; level: number; fields: object }[])(
    '$name: logged by class (no user to tell), and the app keeps answering',
    async ({ answer, level, fields }) => {
      const h = await start();
      h.fake.script(POST, answer, { times: 1 });
      expect((await mention(h, 'EvFault')).status).toBe(200);
      expect(h.logs.entries()).toContainEqual(
        expect.objectContaining({ level, msg: 'could not reply to a mention', ...fields }),
      );
      await mention(h, 'EvNext');
      expect(h.fake.callsTo(POST).map((c) => c.params.text)).toEqual([
        'You mentioned me: &lt;@U0BOT0001&gt; robots',
        'You mentioned me: &lt;@U0BOT0001&gt; robots',
      ]);
      await expectStillAnswering(h);
    },
  );

  it('429 with Retry-After: waits as told, retries, and posts once', async () => {
    const h = await start({
      app: { clientOptions: { retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 10 } } },
    });
    h.fake.script(POST, { kind: 'rate_limited', retryAfterSeconds: 1 }, { times: 1 });
    const started = performance.now();
    await mention(h, 'EvLimited');
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(h.fake.callsTo(POST)).toHaveLength(2);
    expect(h.logs.entries().filter((e) => e.level >= PINO_LEVEL.error)).toEqual([]);
    await expectStillAnswering(h);
  });

  it('an API that never answers: the client times out, it is logged as a network failure', async () => {
    const h = await start({
      app: { clientOptions: { retryConfig: { retries: 0 }, timeout: CLIENT_TIMEOUT_MS } },
    });
    h.fake.script(POST, { kind: 'ok' }, { delayMs: 10_000, times: 1 });
    const started = performance.now();
    await mention(h, 'EvSilent');
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(h.logs.entries()).toContainEqual(
      expect.objectContaining({
        level: PINO_LEVEL.error,
        msg: 'could not reply to a mention',
        slackFailure: 'network',
      }),
    );
    await expectStillAnswering(h);
  });

  it('an API that is not there (closed port): logged as a network failure', async () => {
    const h = await start({
      app: {
        clientOptions: { slackApiUrl: await closedPortUrl(), retryConfig: { retries: 0 } },
      },
    });
    await mention(h, 'EvNowhere');
    expect(h.logs.entries()).toContainEqual(
      expect.objectContaining({ msg: 'could not reply to a mention', slackFailure: 'network' }),
    );
    await expectStillAnswering(h);
  });

  it('when answering fails too, the thread gets the friendly message', async () => {
    const h = await start();
    await mention(h, 'EvBroken', `<@U0BOT0001> ${FAIL_WORD}`);
    expect(h.fake.callsTo(POST).map((c) => c.params.text)).toEqual([SORRY_MESSAGE.text]);
    expect(h.logs.entries()).toContainEqual(
      expect.objectContaining({ level: PINO_LEVEL.error, msg: 'could not answer a mention' }),
    );
  });
});

describe('a button click whose answer cannot be delivered', () => {
  it.each([
    { name: 'HTTP 500', answer: { kind: 'http_status', status: 500 } },
    { name: 'HTTP 404 (expired)', answer: { kind: 'http_status', status: 404 } },
  ] satisfies { name: string; answer: FakeAnswer }[])(
    'response_url answers $name: logged, and the app keeps answering',
    async ({ answer }) => {
      const h = await start();
      h.fake.script(RESPONSE_URL_TARGET, answer, { times: 1 });
      expect((await click(h, h.fake.responseUrl('gone'))).status).toBe(200);
      expect(h.logs.entries()).toContainEqual(
        expect.objectContaining({ msg: 'could not deliver the answer to a click' }),
      );
      await expectStillAnswering(h);
    },
  );

  it('response_url on a closed port: logged, and the app keeps answering', async () => {
    const h = await start();
    expect((await click(h, `${await closedPortUrl()}response/x`)).status).toBe(200);
    expect(h.logs.entries()).toContainEqual(
      expect.objectContaining({ msg: 'could not deliver the answer to a click' }),
    );
    await expectStillAnswering(h);
  });
});

describe('a /poster whose answer fails', () => {
  it('gets the friendly message in the ack, the error goes to the log', async () => {
    const h = await start();
    const body = formBody(slashCommandFields(FAIL_WORD, h.fake.responseUrl()));
    const response = await postSigned(h.eventsUrl, body, FORM_CONTENT_TYPE, SIGNING_SECRET);
    expect(JSON.parse(response.text)).toMatchObject({
      response_type: 'ephemeral',
      text: SORRY_MESSAGE.text,
    });
    expect(h.logs.text()).not.toContain(BOT_TOKEN);
    expect(h.logs.entries()).toContainEqual(
      expect.objectContaining({ level: PINO_LEVEL.error, msg: 'could not answer /poster' }),
    );
    await expectStillAnswering(h);
  });
});
