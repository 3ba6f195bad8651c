/**
 * The app under load, in its own process: `poster` is our Bolt app in HTTP mode (real
 * replies (src/compose.ts) over the corpus in DIR), `minimal` a Bolt app with the same receiver that acks an
 * empty reply. Both point their Web API client at API_URL. Prints `listening PORT`.
 *
 * Usage: node --import tsx bench/slack-server.ts poster|minimal DIR API_URL SECRET
 */
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver } from '@slack/bolt';
import { buildBot } from '../src/compose.ts';
import { createLogger } from '../src/log.ts';
import { createSlackApp, SLACK_EVENTS_PATH } from '../src/slack/app.ts';

const [kind = 'poster', dir = 'data', apiUrl = '', signingSecret = 'secret'] =
  process.argv.slice(2);
const botToken = 'xoxb-bench';
const logger = createLogger({ level: 'error', pretty: false });
const ids = { botId: 'BBENCH', botUserId: 'UBENCH' };

let app: App;
if (kind === 'minimal') {
  const receiver = new HTTPReceiver({ signingSecret, endpoints: SLACK_EVENTS_PATH, port: 0 });
  app = new App({ token: botToken, receiver, ...ids, clientOptions: { slackApiUrl: apiUrl } });
  app.command('/poster', async ({ ack }) => {
    await ack();
  });
} else {
  const { replies } = buildBot(dir, { resultsPerPage: 5 });
  app = createSlackApp({
    slack: { mode: 'http', botToken, signingSecret, port: 0, apiUrl },
    replies,
    logger,
    ...ids,
    clientOptions: { retryConfig: { retries: 0 } },
  });
}
const server = (await app.start({ port: 0, host: '127.0.0.1' })) as unknown as {
  address(): AddressInfo;
};
process.stdout.write(`listening ${server.address().port}\n`);
