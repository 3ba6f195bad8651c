/**
 * A reminder pass in its own process, for kill tests: the real runReminderPass, store (a file
 * database), WebClient with the production Web API policy and the exactly-once claims,
 * against the fake Web API. Speaks the lines of ./digest-child.ts: `{ event: 'start' }`,
 * `{ event: 'posted', key, how }` per DM, `{ event: 'done', outcome: { status } }`.
 *
 * Environment: DB, CATALOG (a catalog as JSON), FAKE_API, AT (the pass's instant).
 */
import { readFileSync } from 'node:fs';
import { WebClient } from '@slack/web-api';
import type { Catalog } from '../../src/catalog/types.ts';
import { DEFAULT_REMINDER_LEAD_MS } from '../../src/plan/reminders.ts';
import { createWebClientMessenger, runReminderPass } from '../../src/reminders/run.ts';
import { createPostOnce } from '../../src/slack/post-once.ts';
import { webApiClientOptions } from '../../src/slack/web-api-policy.ts';
import { openStore } from '../../src/store/store.ts';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`reminder-child: ${name} is not set`);
  return value;
};
const line = (fields: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ t: Date.now(), ...fields })}\n`);

line({ event: 'start' });
const store = openStore(env('DB'));
const messenger = createWebClientMessenger(
  new WebClient('xoxb-test', {
    ...webApiClientOptions({ timeoutMs: 5_000 }),
    slackApiUrl: env('FAKE_API'),
    retryConfig: { retries: 0 },
  }),
);
const quiet = { info() {}, warn() {} };
const postOnce = createPostOnce({
  claims: store.claims,
  ...(messenger.findMarked !== undefined && { find: messenger.findMarked }),
  log: quiet,
});
const outcome = await runReminderPass({
  catalog: JSON.parse(readFileSync(env('CATALOG'), 'utf8')) as Catalog,
  store,
  messenger,
  now: new Date(env('AT')),
  leadMs: DEFAULT_REMINDER_LEAD_MS,
  timeZone: 'UTC',
  log: quiet,
  postOnce: async (key, place, post) => {
    const result = await postOnce(key, place, post);
    line({ event: 'posted', key, how: result.how });
    return result;
  },
});
await store.close();
line({ event: 'done', outcome: { status: outcome.kind } });
