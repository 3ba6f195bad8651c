/**
 * A digest run in its own process, for kill and concurrency tests: the real runDigest, store
 * (a file database), WebClient with the production Web API policy, and the exactly-once
 * claims, against the fake Web API. Writes one JSON line per event on stdout:
 * `{ event: 'start' }`, `{ event: 'posted', key, how }` per message, `{ event: 'done', outcome }`.
 *
 * Environment: DB, CATALOG (a catalog as JSON), FAKE_API, DAY, CHANNEL, PACE_MS.
 */
import { readFileSync } from 'node:fs';
import { WebClient } from '@slack/web-api';
import type { Catalog } from '../../src/catalog/types.ts';
import { createWebClientPoster, runDigest } from '../../src/digest/run.ts';
import { createPostOnce } from '../../src/slack/post-once.ts';
import { webApiClientOptions } from '../../src/slack/web-api-policy.ts';
import { openStore } from '../../src/store/store.ts';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`digest-child: ${name} is not set`);
  return value;
};
const line = (fields: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ t: Date.now(), ...fields })}\n`);

line({ event: 'start' });
const store = openStore(env('DB'));
const poster = createWebClientPoster(
  new WebClient('xoxb-test', {
    ...webApiClientOptions({ timeoutMs: 5_000 }),
    slackApiUrl: env('FAKE_API'),
    retryConfig: { retries: 0 },
  }),
);
const quiet = { debug() {}, info() {}, warn() {} };
const postOnce = createPostOnce({
  claims: store.claims,
  ...(poster.findMarked !== undefined && { find: poster.findMarked }),
  log: quiet,
});
const paceMs = Number(process.env.PACE_MS ?? 0);
const outcome = await runDigest({
  date: env('DAY'),
  catalog: JSON.parse(readFileSync(env('CATALOG'), 'utf8')) as Catalog,
  store,
  poster,
  channel: env('CHANNEL'),
  timeZone: 'UTC',
  pace: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, paceMs))),
  log: quiet,
  postOnce: async (key, place, post) => {
    const result = await postOnce(key, place, post);
    line({ event: 'posted', key, how: result.how });
    return result;
  },
});
store.close();
line({ event: 'done', outcome });
