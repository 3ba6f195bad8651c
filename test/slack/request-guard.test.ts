/**
 * Poisoned requests, end to end through Bolt's real HTTPReceiver: correctly signed bodies
 * that are not what Slack sends are answered or refused, and the process keeps answering.
 * Before the guard, `payload=null` and a JSON `null` ended the process (an unhandled
 * rejection inside Bolt), and `text` sent twice threw before the command was acked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dropLoneSurrogates, isAcceptableBody } from '../../src/slack/request-guard.ts';
import { echoMessage } from '../helpers/echo-replies.ts';
import {
  type HttpHarness,
  postSlashCommand,
  SIGNING_SECRET,
  startHttpHarness,
} from '../helpers/slack-harness.ts';
import { appMentionBody, slashCommandFields } from '../helpers/slack-payloads.ts';
import {
  FORM_CONTENT_TYPE,
  formBody,
  JSON_CONTENT_TYPE,
  postSigned,
} from '../helpers/slack-signing.ts';

let harness: HttpHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Any unhandled rejection during a test is the crash the guard prevents. */
function watchRejections() {
  const seen: unknown[] = [];
  const onRejection = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', onRejection);
  return { seen, stop: () => process.off('unhandledRejection', onRejection) };
}

async function expectStillAnswering(h: HttpHarness): Promise<void> {
  const body = formBody(slashCommandFields('still there', h.fake.responseUrl()));
  const response = await postSigned(h.eventsUrl, body, FORM_CONTENT_TYPE, SIGNING_SECRET);
  expect(response.status).toBe(200);
  expect(JSON.parse(response.text)).toMatchObject(echoMessage('You asked: still there'));
}

describe('correctly signed bodies that are not objects', () => {
  it.each([
    { name: 'payload=null', body: 'payload=null', type: FORM_CONTENT_TYPE },
    { name: 'payload=42', body: 'payload=42', type: FORM_CONTENT_TYPE },
    { name: 'payload="x"', body: 'payload=%22x%22', type: FORM_CONTENT_TYPE },
    { name: 'JSON null', body: 'null', type: JSON_CONTENT_TYPE },
    { name: 'JSON array', body: '[1,2]', type: JSON_CONTENT_TYPE },
    { name: 'JSON number', body: '7', type: JSON_CONTENT_TYPE },
  ])('$name: refused with 400, no crash, next request answered', async ({ body, type }) => {
    const rejections = watchRejections();
    try {
      harness = await startHttpHarness();
      const response = await postSigned(harness.eventsUrl, body, type, SIGNING_SECRET);
      expect(response.status).toBe(400);
      await expectStillAnswering(harness);
      expect(rejections.seen).toEqual([]);
    } finally {
      rejections.stop();
    }
  });

  it('an unsigned null body is still a 400 (nothing reaches a listener)', async () => {
    harness = await startHttpHarness();
    const response = await postSigned(harness.eventsUrl, 'null', JSON_CONTENT_TYPE, 'wrong');
    expect(response.status).toBe(400);
    expect(harness.replies.calls).toEqual([]);
  });

  it('isAcceptableBody: objects and unparsable bodies (Bolt answers those) pass', () => {
    expect(isAcceptableBody('{"type":"event_callback"}', JSON_CONTENT_TYPE)).toBe(true);
    expect(isAcceptableBody('command=%2Fposter&text=x', FORM_CONTENT_TYPE)).toBe(true);
    expect(isAcceptableBody('{broken', JSON_CONTENT_TYPE)).toBe(true);
    expect(isAcceptableBody('null', JSON_CONTENT_TYPE)).toBe(false);
    expect(isAcceptableBody('payload=null', FORM_CONTENT_TYPE)).toBe(false);
  });
});

describe('fields Slack sends once, or always', () => {
  it('a command with `text` twice is acked with the answer to the first', async () => {
    harness = await startHttpHarness();
    const fields = slashCommandFields('first', harness.fake.responseUrl());
    const body = `${formBody(fields)}&text=second`;
    const response = await postSigned(harness.eventsUrl, body, FORM_CONTENT_TYPE, SIGNING_SECRET);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toMatchObject(echoMessage('You asked: first'));
  });

  it('a command without `text` at all is answered as an empty command', async () => {
    harness = await startHttpHarness();
    const { text: _text, ...fields } = slashCommandFields('', harness.fake.responseUrl());
    const response = await postSlashCommand(harness.eventsUrl, fields);
    expect(JSON.parse(response.text)).toMatchObject(echoMessage('You asked: '));
  });

  it('a mention without text is answered in its thread, not with "Sorry"', async () => {
    harness = await startHttpHarness();
    const body = appMentionBody({ eventId: 'EvNoText' }) as { event: Record<string, unknown> };
    delete body.event.text;
    await postSigned(harness.eventsUrl, JSON.stringify(body), JSON_CONTENT_TYPE, SIGNING_SECRET);
    const posts = await harness.fake.waitForCalls('chat.postMessage', 1);
    expect(posts.map((p) => p.params.text)).toEqual(['You mentioned me: ']);
  });

  it('lone surrogates typed by a user never reach the notification text', async () => {
    harness = await startHttpHarness();
    const text = '<@U0BOT0001> caf\uD800e \uDFFF😀';
    const body = appMentionBody({ eventId: 'EvSurrogate', text });
    await postSigned(harness.eventsUrl, JSON.stringify(body), JSON_CONTENT_TYPE, SIGNING_SECRET);
    const [post] = await harness.fake.waitForCalls('chat.postMessage', 1);
    expect(post?.params.text).toBe('You mentioned me: &lt;@U0BOT0001&gt; cafe 😀');
    expect(String(post?.params.text)).not.toContain('\uFFFD');
  });
});

describe('dropLoneSurrogates', () => {
  it.each([
    ['plain', 'plain'],
    ['😀 pair kept', '😀 pair kept'],
    ['a\uD800b', 'ab'],
    ['a\uDC00b', 'ab'],
    ['\uD83D', ''],
    ['\uDE00\uD83D', ''],
    ['x\uD83D\uDE00\uD83D', 'x😀'],
  ])('%j → %j', (input, expected) => {
    expect(dropLoneSurrogates(input)).toBe(expected);
  });
});
