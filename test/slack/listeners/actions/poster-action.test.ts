import type { BlockElementAction } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { SORRY_MESSAGE } from '../../../../src/slack/errors.ts';
import {
  actionValue,
  POSTER_ACTION_ID,
} from '../../../../src/slack/listeners/actions/poster-action.ts';
import { createEchoReplies, echoMessage, FAIL_WORD } from '../../../helpers/echo-replies.ts';
import { RESPONSE_URL_TARGET } from '../../../helpers/fake-slack-api.ts';
import { PINO_LEVEL } from '../../../helpers/log-capture.ts';
import { type ListenerHarness, startListenerHarness } from '../../../helpers/slack-harness.ts';
import { blockActionsPayload, TEAM_ID, USER_ID } from '../../../helpers/slack-payloads.ts';

let harness: ListenerHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('button clicks', () => {
  it.each([
    {
      actionId: 'results_next_page',
      expected: { replace_original: true },
    },
    {
      actionId: 'paper_abstract',
      expected: { response_type: 'ephemeral', replace_original: false },
    },
    {
      actionId: 'paper_share',
      expected: { response_type: 'in_channel', replace_original: false },
    },
  ])(
    '$actionId: acked, asked with its value, answered via response_url',
    async ({ actionId, expected }) => {
      harness = await startListenerHarness();
      const { receiver, replies, fake } = harness;
      const value = '{"q":"diffusion & score","page":2}';
      const delivery = await receiver.deliver(
        blockActionsPayload(actionId, value, fake.responseUrl('click')),
      );
      expect(delivery.acked).toBe(true);
      expect(replies.calls).toEqual([
        {
          surface: 'action',
          input: [actionId, value],
          asker: { userId: USER_ID, teamId: TEAM_ID, surface: 'command' },
        },
      ]);
      expect(fake.callsTo(RESPONSE_URL_TARGET)).toEqual([
        expect.objectContaining({
          responseId: 'click',
          params: { ...expected, ...echoMessage(`${actionId}: ${value.replace('&', '&amp;')}`) },
        }),
      ]);
    },
  );

  it('leaves buttons of other features alone', async () => {
    harness = await startListenerHarness();
    const { receiver, replies, fake } = harness;
    await receiver.deliver(blockActionsPayload('survey_vote', '1', fake.responseUrl()));
    expect(replies.calls).toEqual([]);
    expect(fake.requests).toEqual([]);
  });

  it('answers a failed reply with a friendly new ephemeral message, keeping the original', async () => {
    harness = await startListenerHarness();
    const { receiver, fake, logs } = harness;
    await receiver.deliver(blockActionsPayload('results_next_page', FAIL_WORD, fake.responseUrl()));
    expect(fake.callsTo(RESPONSE_URL_TARGET).map((r) => r.params)).toEqual([
      { response_type: 'ephemeral', replace_original: false, ...SORRY_MESSAGE },
    ]);
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({
        level: PINO_LEVEL.error,
        actionId: 'results_next_page',
        err: expect.anything(),
      }),
    );
  });

  it('logs an expired response_url as a warning and carries on', async () => {
    harness = await startListenerHarness();
    const { receiver, fake, logs } = harness;
    fake.script(RESPONSE_URL_TARGET, { kind: 'http_status', status: 404 });
    await receiver.deliver(blockActionsPayload('paper_abstract', 'p1', fake.responseUrl()));
    const entries = logs.entries();
    expect(entries).toContainEqual(
      expect.objectContaining({
        level: PINO_LEVEL.warn,
        slackFailure: 'response_url',
        status: 404,
      }),
    );
    expect(entries.filter((e) => e.msg === 'unhandled error in a Slack listener')).toEqual([]);
  });
});

describe('POSTER_ACTION_ID', () => {
  it.each([
    ['results_next_page', true],
    ['paper_share', true],
    ['search_did_you_mean', true],
    ['author_papers', true],
    ['schedule_session', false],
    ['paper', false],
    ['my_results_next', false],
  ])('%s → %s', (id, matches) => {
    expect(POSTER_ACTION_ID.test(id)).toBe(matches);
  });
});

describe('actionValue', () => {
  const base = { action_id: 'a', block_id: 'b', action_ts: '1' };
  it.each([
    [
      'a button',
      { ...base, type: 'button', value: 'v1', text: { type: 'plain_text', text: 'Go' } },
      'v1',
    ],
    [
      'a button without value',
      { ...base, type: 'button', text: { type: 'plain_text', text: 'Go' } },
      '',
    ],
    [
      'a static select',
      {
        ...base,
        type: 'static_select',
        selected_option: { text: { type: 'plain_text', text: 'S9' }, value: 's9' },
      },
      's9',
    ],
    [
      'an overflow menu',
      {
        ...base,
        type: 'overflow',
        selected_option: { text: { type: 'plain_text', text: 'Share' }, value: 'share' },
      },
      'share',
    ],
  ])('%s', (_name, action, expected) => {
    expect(actionValue(action as BlockElementAction)).toBe(expected);
  });
});

describe('a view reply', () => {
  it('publishes a Home tab view for the clicker through views.publish', async () => {
    const echo = createEchoReplies();
    const blocks = [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'home' } }];
    harness = await startListenerHarness({
      replies: {
        ...echo,
        calls: echo.calls,
        action: () => ({ kind: 'view', view: { type: 'home', blocks } }),
      },
    });
    const { receiver, fake } = harness;
    await receiver.deliver(blockActionsPayload('results_next_page', '1', fake.responseUrl()));
    const published = fake.callsTo('views.publish').map((r) => r.params);
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ user_id: USER_ID });
    // Form-encoded, as the Web API client sends it: the view travels as JSON.
    expect(JSON.parse(String(published[0]?.view))).toEqual({ type: 'home', blocks });
    expect(fake.callsTo(RESPONSE_URL_TARGET)).toEqual([]);
  });
});
