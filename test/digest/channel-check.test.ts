import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ConversationsClient, checkDigestChannel } from '../../src/digest/channel-check.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../helpers/fake-slack-api.ts';

const answering = (channel: Record<string, unknown>): ConversationsClient => ({
  conversations: { info: async () => ({ channel }) },
});

describe('checkDigestChannel, on what conversations.info says', () => {
  it.each([
    [
      { name: 'posters', is_member: true },
      { ok: true, name: 'posters' },
    ],
    [
      { name: 'posters', is_member: false },
      { ok: false, level: 'error', problem: 'the bot is not in #posters' },
    ],
    [
      { name: 'old', is_member: true, is_archived: true },
      { ok: false, problem: 'C1 is archived' },
    ],
  ])('%j → %j', async (channel, expected) => {
    expect(await checkDigestChannel(answering(channel), 'C1')).toMatchObject(expected);
  });
});

describe('checkDigestChannel through the Web API', () => {
  let fake: FakeSlackApi;
  beforeEach(async () => {
    fake = await startFakeSlackApi();
  });
  afterEach(() => fake.close());
  const client = () =>
    new webApi.WebClient('xoxb-test', {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
      logLevel: webApi.LogLevel.ERROR,
    });

  it('says "invite the bot" when the channel is not found', async () => {
    fake.script('conversations.info', { kind: 'slack_error', error: 'channel_not_found' });
    const check = await checkDigestChannel(client(), 'C0NOPE');
    expect(check).toMatchObject({ ok: false, level: 'error', problem: 'C0NOPE was not found' });
    expect(check.ok === false && check.hint).toMatch(/^invite the bot with \/invite @poster/);
    expect(fake.callsTo('conversations.info')[0]?.params).toMatchObject({ channel: 'C0NOPE' });
  });

  it('warns, without failing, when it may not look', async () => {
    fake.script('conversations.info', { kind: 'slack_error', error: 'missing_scope' });
    expect(await checkDigestChannel(client(), 'C1')).toMatchObject({
      ok: false,
      level: 'warn',
      hint: 'add the channels:read and groups:read scopes and reinstall the app',
    });
  });
});
