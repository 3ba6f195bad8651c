/**
 * `postOnce` with a real WebClient on the fake Web API and an in-memory store: what happens
 * after a refusal, a timeout that landed anyway, and a look-up that has to page.
 */
import { LogLevel, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ClaimHeldError,
  createPostOnce,
  createSlackFinder,
  isLocalOwnerGone,
  type PostOnce,
  processOwner,
} from '../../src/slack/post-once.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../helpers/fake-slack-api.ts';

const quiet = { info() {}, warn() {} };
let fake: FakeSlackApi;
let store: Store;
let client: WebClient;
beforeEach(async () => {
  fake = await startFakeSlackApi();
  store = openStore(':memory:');
  client = new WebClient('xoxb-test', {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    timeout: 1_000,
    logLevel: LogLevel.ERROR,
  });
});
afterEach(async () => {
  store.close();
  await fake.close();
});

const poster =
  (channel: string, thread_ts?: string) =>
  async (metadata: unknown): Promise<{ ts: string }> => {
    const answer = await client.chat.postMessage({
      channel,
      text: 'hello',
      ...(thread_ts !== undefined && { thread_ts }),
      metadata: metadata as never,
    });
    return { ts: answer.ts as string };
  };

function postOnceAs(owner: string): PostOnce {
  return createPostOnce({
    claims: store.claims,
    find: createSlackFinder(client),
    owner,
    isOwnerGone: () => false,
    log: quiet,
  });
}

describe('postOnce', () => {
  it('posts once with a marker; a second call returns the recorded ts', async () => {
    const postOnce = postOnceAs('A');
    const first = await postOnce('k1', { channel: 'C1' }, poster('C1'));
    const again = await postOnce('k1', { channel: 'C1' }, poster('C1'));
    expect(first.how).toBe('posted');
    expect(again).toEqual({ ts: first.ts, how: 'recorded' });
    expect(fake.messages.map((m) => m.metadata)).toEqual([
      { event_type: 'poster_bot_post', event_payload: { key: 'k1' } },
    ]);
  });

  it('another owner holding the claim: ClaimHeldError, nothing posted', async () => {
    await store.claims.claim('k1', 'B', { leaseMs: 60_000 });
    await expect(postOnceAs('A')('k1', { channel: 'C1' }, poster('C1'))).rejects.toThrow(
      ClaimHeldError,
    );
    expect(fake.messages).toEqual([]);
  });

  it('a refusal (not_in_channel) gives the claim up: a later try posts', async () => {
    const postOnce = postOnceAs('A');
    fake.script('chat.postMessage', { kind: 'slack_error', error: 'not_in_channel' }, { times: 1 });
    await expect(postOnce('k1', { channel: 'C1' }, poster('C1'))).rejects.toThrow(/not_in_channel/);
    expect(await postOnceAs('B')('k1', { channel: 'C1' }, poster('C1'))).toMatchObject({
      how: 'posted',
    });
    expect(fake.messages).toHaveLength(1);
  });

  it('a timeout after Slack took the message: the retry finds it instead of posting', async () => {
    const postOnce = postOnceAs('A');
    fake.script('chat.postMessage', { kind: 'ok' }, { delayMs: 2_500, times: 1 });
    await expect(postOnce('k1', { channel: 'C1' }, poster('C1'))).rejects.toThrow();
    const retry = await postOnce('k1', { channel: 'C1' }, poster('C1'));
    expect(retry).toEqual({ ts: fake.messages[0]?.ts, how: 'found' });
    expect(fake.messages).toHaveLength(1);
  });

  it('the look-up pages through a thread (the fake answers 50 a page)', async () => {
    const root = await client.chat.postMessage({ channel: 'C1', text: 'root' });
    for (let i = 0; i < 70; i += 1) {
      await client.chat.postMessage({ channel: 'C1', thread_ts: root.ts as string, text: `r${i}` });
    }
    await poster(
      'C1',
      root.ts as string,
    )({ event_type: 'poster_bot_post', event_payload: { key: 'late' } });
    const find = createSlackFinder(client);
    expect(await find({ channel: 'C1', thread_ts: root.ts as string }, 'late')).toBe(
      fake.messages.at(-1)?.ts,
    );
    expect(await find({ channel: 'C1', thread_ts: root.ts as string }, 'other')).toBeUndefined();
  });
});

describe('isLocalOwnerGone', () => {
  it('this process is alive; a pid that does not exist is gone; other hosts are not judged', () => {
    expect(isLocalOwnerGone(processOwner())).toBe(false);
    const [host] = processOwner().split('/');
    expect(isLocalOwnerGone(`${host}/${process.pid}/othernonce`)).toBe(true);
    expect(isLocalOwnerGone(`${host}/4194302/x`)).toBe(true);
    expect(isLocalOwnerGone('elsewhere.example/1/x')).toBe(false);
  });
});
