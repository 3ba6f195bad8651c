import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/loader.ts';
import type { Catalog, Session } from '../../src/catalog/types.ts';
import { BUNDLED_DATA_DIR } from '../../src/cli.ts';
import {
  createWebClientPoster,
  DIGEST_PACE_MS,
  DigestPostError,
  type DigestPoster,
  runDigest,
} from '../../src/digest/run.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { addDays } from '../../src/time.ts';
import { makePaper } from '../fixtures/papers.ts';

const CHANNEL = 'C0DIGEST';
const DAY = '2020-04-28';

const session = (id: string, start: string): Session => ({ id, name: `Session ${id}`, start });
/**
 * Two sessions on DAY (2 + 10 posters, one an oral: a highlights reply and one reply per
 * session) and one the next day.
 */
const CATALOG: Catalog = {
  sessions: [
    session('a', '2020-04-28T05:00:00Z'),
    session('b', '2020-04-28T12:00:00Z'),
    session('c', '2020-04-29T05:00:00Z'),
  ],
  papers: [
    makePaper({ id: 'a1', title: 'Poster a1', sessionIds: ['a'], decision: 'Oral' }),
    makePaper({ id: 'a2', title: 'Poster a2', sessionIds: ['a'] }),
    ...Array.from({ length: 10 }, (_, i) =>
      makePaper({ id: `b${i}`, title: `Poster b${i}`, sessionIds: ['b'] }),
    ),
    makePaper({ id: 'c1', title: 'Poster c1', sessionIds: ['c'] }),
  ],
};

interface Posted {
  channel: string;
  text: string;
  thread_ts?: string;
  ts: string;
}

/** An in-memory Slack: records posts, can fail the n-th call (1-based) once. */
function createRecordingPoster() {
  const posted: Posted[] = [];
  let failAt: { call: number; error: Error } | undefined;
  let calls = 0;
  const poster: DigestPoster = {
    async postMessage({ channel, text, thread_ts }) {
      calls += 1;
      if (failAt?.call === calls) throw failAt.error;
      const ts = `1700000000.${String(posted.length + 1).padStart(6, '0')}`;
      posted.push({ channel, text, ts, ...(thread_ts !== undefined && { thread_ts }) });
      return { ts };
    },
  };
  return {
    poster,
    posted,
    failOnCall(call: number, error: Error) {
      failAt = { call: calls + call, error };
    },
  };
}

const silentLog = { debug() {}, info() {} };

let store: Store;
afterEach(() => store?.close());

function setup(catalog: Catalog = CATALOG) {
  store = openStore(':memory:');
  const slack = createRecordingPoster();
  const pauses: number[] = [];
  const run = (date = DAY) =>
    runDigest({
      date,
      catalog,
      store,
      poster: slack.poster,
      channel: CHANNEL,
      timeZone: 'UTC',
      pace: async (ms) => {
        pauses.push(ms);
      },
      log: silentLog,
    });
  return { slack, pauses, run };
}

describe('runDigest', () => {
  it('posts the root, then each chunk in its thread about one per second, and records the run', async () => {
    const { slack, pauses, run } = setup();
    const outcome = await run();
    expect(slack.posted.map((p) => [p.text, p.thread_ts])).toEqual([
      ['Poster digest for Tuesday, April 28, 2020: 2 poster sessions today, 12 posters', undefined],
      ['Highlights: 1 poster', slack.posted[0]!.ts],
      ['Session a: 2 posters', slack.posted[0]!.ts],
      ['Session b: 10 posters', slack.posted[0]!.ts],
    ]);
    expect(pauses).toEqual([DIGEST_PACE_MS, DIGEST_PACE_MS, DIGEST_PACE_MS]);
    expect(outcome).toEqual({
      status: 'posted',
      rootTs: slack.posted[0]!.ts,
      chunks: 3,
      postedNow: 4,
    });
    expect((await store.getDigestRun(CHANNEL, DAY))?.status).toBe('complete');
  });

  it('posts nothing the second time the same day', async () => {
    const { slack, run } = setup();
    await run();
    expect(await run()).toEqual({ status: 'already-posted', rootTs: slack.posted[0]!.ts });
    expect(slack.posted).toHaveLength(4);
  });

  it('posts nothing and records nothing on a day without sessions', async () => {
    const { slack, run } = setup();
    expect(await run('2020-05-02')).toEqual({ status: 'nothing', reason: 'no-sessions-on-date' });
    expect(slack.posted).toEqual([]);
    expect(await store.getDigestRun(CHANNEL, '2020-05-02')).toBeUndefined();
  });

  it.each([
    ['the root message', 1, 0],
    ['the second thread chunk', 3, 2],
  ])(
    'after a failure on %s, the next run posts exactly what is missing, in the same thread',
    async (_, failingCall, postedBefore) => {
      const { slack, run } = setup();
      slack.failOnCall(failingCall, new Error('socket hang up'));
      await expect(run()).rejects.toThrow('socket hang up');
      expect(slack.posted).toHaveLength(postedBefore);
      expect((await store.getDigestRun(CHANNEL, DAY))?.status).not.toBe('complete');

      await run();
      const root = slack.posted[0]!;
      expect(slack.posted.map((p) => p.text)).toEqual([
        'Poster digest for Tuesday, April 28, 2020: 2 poster sessions today, 12 posters',
        'Highlights: 1 poster',
        'Session a: 2 posters',
        'Session b: 10 posters',
      ]);
      expect(slack.posted.slice(1).every((p) => p.thread_ts === root.ts)).toBe(true);
      expect((await store.getDigestRun(CHANNEL, DAY))?.status).toBe('complete');
    },
  );

  it('stops without completing when Slack refuses, and finishes once the bot is invited', async () => {
    const { slack, run } = setup();
    slack.failOnCall(2, new DigestPostError('not_in_channel', CHANNEL));
    await expect(run()).rejects.toThrow(/not_in_channel \(invite the bot/);
    expect((await store.getDigestRun(CHANNEL, DAY))?.status).toBe('started');
    await run();
    expect(slack.posted).toHaveLength(4);
  });

  it('features every seed poster once before repeating any ("posters of the day")', async () => {
    const seed = loadCatalog(BUNDLED_DATA_DIR).catalog;
    expect(seed.papers).toHaveLength(78);
    const { slack, run } = setup(seed);
    const days: string[][] = [];
    for (let day = 0; day < 17; day++) {
      const date = addDays('2024-01-01', day);
      await run(date);
      await run(date); // a restart the same day posts nothing and features nobody new
      days.push(await picksOn(date));
    }
    // 5 a day: 15 days of new posters, a 16th finishing the round with 3, then repeats.
    expect(days).toHaveLength(17);
    expect(days.every((picks) => picks.length === 5)).toBe(true);
    expect(new Set(days.slice(0, 15).flat()).size).toBe(75);
    expect(new Set(days.slice(0, 16).flat()).size).toBe(78);
    expect(slack.posted.filter((p) => p.thread_ts === undefined)).toHaveLength(17);
  });
});

/** The papers the ledger says were featured on `date` exactly. */
async function picksOn(date: string): Promise<string[]> {
  const before = await store.featureCounts(CHANNEL, date);
  const after = await store.featureCounts(CHANNEL, addDays(date, 1));
  return [...after].filter(([id, n]) => n > (before.get(id) ?? 0)).map(([id]) => id);
}

describe('createWebClientPoster', () => {
  const platformError = (error: string) =>
    Object.assign(new Error(`An API error occurred: ${error}`), {
      code: 'slack_webapi_platform_error',
      data: { ok: false, error },
    });

  it('sends the message in the thread without link previews and returns its ts', async () => {
    const calls: unknown[] = [];
    const poster = createWebClientPoster({
      chat: {
        postMessage: async (args) => {
          calls.push(args);
          return { ok: true, ts: '1.2' };
        },
      },
    });
    const result = await poster.postMessage({
      channel: CHANNEL,
      text: 't',
      blocks: [],
      thread_ts: '1.1',
    });
    expect(result).toEqual({ ts: '1.2' });
    expect(calls).toEqual([
      {
        channel: CHANNEL,
        text: 't',
        blocks: [],
        thread_ts: '1.1',
        unfurl_links: false,
        unfurl_media: false,
      },
    ]);
  });

  it.each([
    ['not_in_channel', /invite the bot/],
    // The issue: a private channel is invisible until the bot is invited.
    [
      'channel_not_found',
      /channel_not_found \(invite the bot with \/invite @poster, and check that DIGEST_CHANNEL is the channel id/,
    ],
    ['ratelimited', /ratelimited$/],
  ])(
    'turns Slack refusing with %s into a DigestPostError saying what to do',
    async (code, hint) => {
      const poster = createWebClientPoster({
        chat: {
          postMessage: async () => {
            throw platformError(code);
          },
        },
      });
      const error = await poster
        .postMessage({ channel: CHANNEL, text: 't', blocks: [] })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DigestPostError);
      expect(error).toMatchObject({ code, channel: CHANNEL, message: expect.stringMatching(hint) });
    },
  );

  it('lets network errors through unchanged', async () => {
    const network = new Error('ECONNREFUSED');
    const poster = createWebClientPoster({
      chat: {
        postMessage: async () => {
          throw network;
        },
      },
    });
    await expect(poster.postMessage({ channel: CHANNEL, text: 't', blocks: [] })).rejects.toBe(
      network,
    );
  });
});
