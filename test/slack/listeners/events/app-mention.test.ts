import { afterEach, describe, expect, it } from 'vitest';
import { SORRY_MESSAGE } from '../../../../src/slack/errors.ts';
import { shouldAnswerMention } from '../../../../src/slack/listeners/events/app-mention.ts';
import { echoMessage, FAIL_WORD } from '../../../helpers/echo-replies.ts';
import { PINO_LEVEL } from '../../../helpers/log-capture.ts';
import {
  BOT_TOKEN,
  type ListenerHarness,
  startListenerHarness,
} from '../../../helpers/slack-harness.ts';
import {
  appMentionBody,
  BOT_USER_ID,
  CHANNEL_ID,
  TEAM_ID,
  USER_ID,
} from '../../../helpers/slack-payloads.ts';

let harness: ListenerHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start() {
  harness = await startListenerHarness();
  return harness;
}

const POST = 'chat.postMessage';

describe('app_mention', () => {
  it('answers once, in a thread under the mention, with the decoded text asked', async () => {
    const { receiver, replies, fake } = await start();
    await receiver.deliver(appMentionBody({ ts: '1700000100.000100' }));

    const asked = `<@${BOT_USER_ID}> diffusion & score`;
    expect(replies.calls).toEqual([
      {
        surface: 'mention',
        input: [asked],
        asker: { userId: USER_ID, teamId: TEAM_ID, surface: 'thread' },
      },
    ]);
    const message = echoMessage(`You mentioned me: &lt;@${BOT_USER_ID}&gt; diffusion &amp; score`);
    expect(fake.callsTo(POST)).toEqual([
      expect.objectContaining({
        authorization: `Bearer ${BOT_TOKEN}`,
        params: {
          team_id: TEAM_ID,
          channel: CHANNEL_ID,
          thread_ts: '1700000100.000100',
          text: message.text,
          blocks: message.blocks,
          unfurl_links: 'false',
          unfurl_media: 'false',
        },
      }),
    ]);
  });

  it('answers a mention inside a thread in that thread', async () => {
    const { receiver, fake } = await start();
    await receiver.deliver(
      appMentionBody({ ts: '1700000200.000100', threadTs: '1700000001.000001' }),
    );
    expect(fake.callsTo(POST).map((c) => c.params.thread_ts)).toEqual(['1700000001.000001']);
  });

  it('drops a retry of an event already answered', async () => {
    const { receiver, replies, fake } = await start();
    await receiver.deliver(appMentionBody({ eventId: 'Ev1' }));
    await receiver.deliver(appMentionBody({ eventId: 'Ev1' }), { retryNum: 1 });
    expect(replies.calls).toHaveLength(1);
    expect(fake.callsTo(POST)).toHaveLength(1);
  });

  it('drops a retry that arrives while the first delivery is still being answered', async () => {
    const { receiver, fake } = await start();
    fake.script(POST, { kind: 'ok' }, { delayMs: 150, times: 1 });
    await Promise.all([
      receiver.deliver(appMentionBody({ eventId: 'Ev1' })),
      new Promise((resolve) => setTimeout(resolve, 20)).then(() =>
        receiver.deliver(appMentionBody({ eventId: 'Ev1' }), { retryNum: 1 }),
      ),
    ]);
    expect(fake.callsTo(POST)).toHaveLength(1);
  });

  it('answers distinct events, even for the same text', async () => {
    const { receiver, fake } = await start();
    await receiver.deliver(appMentionBody({ eventId: 'Ev1', ts: '1.1' }));
    await receiver.deliver(appMentionBody({ eventId: 'Ev2', ts: '2.2' }));
    expect(fake.callsTo(POST).map((c) => c.params.thread_ts)).toEqual(['1.1', '2.2']);
  });

  it('ignores mentions written by bots', async () => {
    const { receiver, replies, fake } = await start();
    await receiver.deliver(appMentionBody({ user: 'U0OTHERBOT', botId: 'B0OTHER' }));
    expect(replies.calls).toEqual([]);
    expect(fake.requests).toEqual([]);
  });

  it('posts the friendly message in the thread when replies fail', async () => {
    const { receiver, fake } = await start();
    await receiver.deliver(appMentionBody({ text: `<@${BOT_USER_ID}> ${FAIL_WORD}`, ts: '5.5' }));
    expect(fake.callsTo(POST).map((c) => c.params)).toEqual([
      expect.objectContaining({
        thread_ts: '5.5',
        text: SORRY_MESSAGE.text,
        blocks: SORRY_MESSAGE.blocks,
      }),
    ]);
  });

  it.each([
    {
      answer: { kind: 'slack_error', error: 'not_in_channel' },
      level: PINO_LEVEL.warn,
      fields: { slackFailure: 'platform', slackError: 'not_in_channel' },
    },
    {
      answer: { kind: 'slack_error', error: 'channel_not_found' },
      level: PINO_LEVEL.warn,
      fields: { slackFailure: 'platform', slackError: 'channel_not_found' },
    },
    {
      answer: { kind: 'rate_limited', retryAfterSeconds: 0 },
      level: PINO_LEVEL.warn,
      fields: { slackFailure: 'rate_limited', retryAfterSeconds: 0 },
    },
    {
      answer: { kind: 'http_status', status: 500 },
      level: PINO_LEVEL.error,
      fields: { slackFailure: 'http', status: 500 },
    },
  ] as const)(
    'logs a failed post ($answer.kind $answer.error) by class and keeps answering',
    async ({ answer, level, fields }) => {
      const { receiver, fake, logs } = await start();
      fake.script(POST, answer, { times: 1 });
      await receiver.deliver(appMentionBody({ eventId: 'Ev1' }));
      await receiver.deliver(appMentionBody({ eventId: 'Ev2' }));

      expect(logs.entries()).toContainEqual(
        expect.objectContaining({
          level,
          module: 'app-mention',
          msg: 'could not reply to a mention',
          eventId: 'Ev1',
          channel: CHANNEL_ID,
          ...fields,
        }),
      );
      expect(fake.callsTo(POST)).toHaveLength(2);
    },
  );

  it("keeps Bolt's debug lines when the logger is at debug (LOG_LEVEL is not reset)", async () => {
    const { receiver, logs } = await start();
    await receiver.deliver(appMentionBody());
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({ module: 'bolt', level: PINO_LEVEL.debug }),
    );
  });
});

describe('shouldAnswerMention', () => {
  it.each([
    { name: 'a person', event: { user: USER_ID }, expected: true },
    { name: 'another bot', event: { user: 'U2', bot_id: 'B2' }, expected: false },
    { name: 'a bot_message', event: { subtype: 'bot_message' }, expected: false },
    { name: 'ourselves', event: { user: BOT_USER_ID }, expected: false },
    { name: 'nobody', event: {}, expected: false },
  ])('$name → $expected', ({ event, expected }) => {
    expect(shouldAnswerMention(event, BOT_USER_ID)).toBe(expected);
  });
});
