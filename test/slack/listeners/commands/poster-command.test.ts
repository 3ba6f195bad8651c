import { afterEach, describe, expect, it } from 'vitest';
import { SORRY_MESSAGE } from '../../../../src/slack/errors.ts';
import {
  createEchoReplies,
  type EchoReplies,
  echoMessage,
  FAIL_WORD,
} from '../../../helpers/echo-replies.ts';
import { RESPONSE_URL_TARGET } from '../../../helpers/fake-slack-api.ts';
import { PINO_LEVEL } from '../../../helpers/log-capture.ts';
import { type ListenerHarness, startListenerHarness } from '../../../helpers/slack-harness.ts';
import { slashCommandFields, TEAM_ID, USER_ID } from '../../../helpers/slack-payloads.ts';

let harness: ListenerHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(options: Parameters<typeof startListenerHarness>[0] = {}) {
  harness = await startListenerHarness(options);
  return harness;
}

describe('/poster', () => {
  it.each([
    {
      name: 'decodes Slack escaping before asking, answers privately in the ack',
      sent: 'diffusion &amp; &lt;score&gt;',
      asked: 'diffusion & <score>',
      ack: {
        response_type: 'ephemeral',
        ...echoMessage('You asked: diffusion &amp; &lt;score&gt;'),
      },
    },
    {
      name: 'an echoed <!channel> stays inert',
      sent: '&lt;!channel&gt;',
      asked: '<!channel>',
      ack: { response_type: 'ephemeral', ...echoMessage('You asked: &lt;!channel&gt;') },
    },
    {
      name: 'an in_channel reply is visible to the channel',
      sent: 'share 42',
      asked: 'share 42',
      ack: { response_type: 'in_channel', ...echoMessage('You asked: share 42') },
    },
    {
      name: 'empty text reaches replies as empty (help)',
      sent: '',
      asked: '',
      ack: { response_type: 'ephemeral', ...echoMessage('You asked: ') },
    },
  ])('$name', async ({ sent, asked, ack }) => {
    const { receiver, replies, fake } = await start();
    const delivery = await receiver.deliver(slashCommandFields(sent, fake.responseUrl()));
    expect(replies.calls).toEqual([
      {
        surface: 'command',
        input: [asked],
        asker: { userId: USER_ID, teamId: TEAM_ID, surface: 'command' },
      },
    ]);
    expect(delivery).toEqual({ acked: true, ackBody: ack });
    expect(fake.requests).toEqual([]);
  });

  it('answers with a friendly ephemeral message when replies fail, and logs the error', async () => {
    const { receiver, fake, logs } = await start();
    const delivery = await receiver.deliver(slashCommandFields(FAIL_WORD, fake.responseUrl()));
    expect(delivery.ackBody).toEqual({ response_type: 'ephemeral', ...SORRY_MESSAGE });
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({
        level: PINO_LEVEL.error,
        module: 'poster-command',
        userId: USER_ID,
        err: expect.objectContaining({ message: 'echo replies: asked to fail' }),
      }),
    );
  });

  it('acks in time when replies are slow, then answers through response_url', async () => {
    const { receiver, fake } = await start({
      replies: createEchoReplies({ delayMs: 80 }),
      app: { listeners: { commandAckDeadlineMs: 10 } },
    });
    const delivery = await receiver.deliver(slashCommandFields('slow', fake.responseUrl('late')));
    expect(delivery).toEqual({ acked: true, ackBody: undefined });
    expect(fake.callsTo(RESPONSE_URL_TARGET)).toEqual([
      expect.objectContaining({
        responseId: 'late',
        params: { response_type: 'ephemeral', ...echoMessage('You asked: slow') },
      }),
    ]);
  });

  it('sends the friendly message through response_url when slow replies then fail', async () => {
    const { receiver, fake } = await start({
      replies: createEchoReplies({ delayMs: 40 }),
      app: { listeners: { commandAckDeadlineMs: 5 } },
    });
    await receiver.deliver(slashCommandFields(FAIL_WORD, fake.responseUrl()));
    expect(fake.callsTo(RESPONSE_URL_TARGET).map((r) => r.params)).toEqual([
      { response_type: 'ephemeral', ...SORRY_MESSAGE },
    ]);
  });

  it('leaves a failed ack to the app.error backstop, which logs it', async () => {
    const { receiver, fake, logs } = await start({
      receiver: { ackError: new Error('socket closed') },
    });
    await receiver.deliver(slashCommandFields('x', fake.responseUrl()));
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({
        level: PINO_LEVEL.error,
        module: 'slack',
        msg: 'unhandled error in a Slack listener',
        err: expect.objectContaining({ message: 'socket closed' }),
      }),
    );
  });
});

describe('/poster when the search blocks the thread', () => {
  /** Replies whose search is synchronous and slow, as a real one on a busy process is. */
  const blockingReplies = (ms: number): EchoReplies => {
    const echo = createEchoReplies();
    return {
      ...echo,
      calls: echo.calls,
      command: (text, asker) => {
        const until = Date.now() + ms;
        while (Date.now() < until) {
          // busy: nothing else on the event loop runs meanwhile
        }
        return echo.command(text, asker);
      },
    };
  };

  it('acks a command queued behind a blocking search empty, in time, and answers it late', async () => {
    const { receiver, fake } = await start({
      replies: blockingReplies(150),
      app: { listeners: { commandAckDeadlineMs: 50 } },
    });
    // Two commands arrive together; the first one's search holds the thread for 150 ms.
    const [first, second] = await Promise.all([
      receiver.deliver(slashCommandFields('one', fake.responseUrl('one'))),
      receiver.deliver(slashCommandFields('two', fake.responseUrl('two'))),
    ]);
    expect(first?.acked).toBe(true);
    // The second was due before its search could start: acked empty, answered via response_url.
    expect(second).toEqual({ acked: true, ackBody: undefined });
    expect(fake.callsTo(RESPONSE_URL_TARGET)).toContainEqual(
      expect.objectContaining({
        responseId: 'two',
        params: { response_type: 'ephemeral', ...echoMessage('You asked: two') },
      }),
    );
  });
});
