/**
 * The two ways tests drive the real Slack app (src/slack/app.ts) against the fake Web API:
 * through a test receiver (`app.processEvent`), or through Bolt's real HTTPReceiver on an
 * ephemeral loopback port with signed requests.
 */
import type { AddressInfo } from 'node:net';
import type { App } from '@slack/bolt';
import type { Replies } from '../../src/bot/types.ts';
import type { HttpModeConfig } from '../../src/config.ts';
import { createSlackApp, SLACK_EVENTS_PATH, type SlackAppOptions } from '../../src/slack/app.ts';
import { createEchoReplies, type EchoReplies } from './echo-replies.ts';
import { type FakeSlackApi, startFakeSlackApi } from './fake-slack-api.ts';
import { createLogCapture, type LogCapture } from './log-capture.ts';
import { BOT_ID, BOT_USER_ID } from './slack-payloads.ts';
import {
  FORM_CONTENT_TYPE,
  formBody,
  type HttpResult,
  interactionBody,
  postSigned,
} from './slack-signing.ts';
import {
  createTestReceiver,
  type TestReceiver,
  type TestReceiverOptions,
} from './test-receiver.ts';

export const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
export const BOT_TOKEN = 'xoxb-1111-2222-testtokenvalue';

/** A slash command's fields posted to `url` as Slack does: form-encoded, signed. */
export function postSlashCommand(url: string, fields: Record<string, string>): Promise<HttpResult> {
  return postSigned(url, formBody(fields), FORM_CONTENT_TYPE, SIGNING_SECRET);
}

/** A click (or any interactivity payload) posted to `url` as Slack does: form-encoded, signed. */
export function postInteraction(url: string, payload: unknown): Promise<HttpResult> {
  return postSigned(url, interactionBody(payload), FORM_CONTENT_TYPE, SIGNING_SECRET);
}

/** The app's replies: the echo double by default, or the real ones (`buildBot(...).replies`). */
export interface HarnessOptions<R extends Replies = EchoReplies> {
  replies?: R;
  app?: Partial<Omit<SlackAppOptions, 'slack' | 'replies' | 'logger'>>;
}

interface Common<R extends Replies> {
  app: App;
  fake: FakeSlackApi;
  replies: R;
  logs: LogCapture;
  close(): Promise<void>;
}

async function build<R extends Replies>(
  options: HarnessOptions<R>,
  extra: Partial<SlackAppOptions>,
): Promise<Omit<Common<R>, 'close'>> {
  const fake = await startFakeSlackApi();
  const replies = options.replies ?? (createEchoReplies() as unknown as R);
  const logs = createLogCapture();
  const slack: HttpModeConfig = {
    mode: 'http',
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    port: 0,
    apiUrl: fake.apiUrl,
  };
  const app = createSlackApp({
    slack,
    replies,
    logger: logs.logger,
    botId: BOT_ID,
    botUserId: BOT_USER_ID,
    clientOptions: { retryConfig: { retries: 0 } },
    ...extra,
    ...options.app,
  });
  return { app, fake, replies, logs };
}

export interface ListenerHarness extends Common<EchoReplies> {
  receiver: TestReceiver;
}

export async function startListenerHarness(
  options: HarnessOptions & { receiver?: TestReceiverOptions } = {},
): Promise<ListenerHarness> {
  const receiver = createTestReceiver(options.receiver);
  const parts = await build(options, { receiverOverride: receiver });
  return { ...parts, receiver, close: () => parts.fake.close() };
}

export interface HttpHarness<R extends Replies = EchoReplies> extends Common<R> {
  /** `http://127.0.0.1:<port>/slack/events` */
  eventsUrl: string;
}

/** Deterministic by default (`processBeforeResponse: true`); pass `false` to test production's. */
export async function startHttpHarness<R extends Replies = EchoReplies>(
  options: HarnessOptions<R> = {},
): Promise<HttpHarness<R>> {
  const parts = await build(options, { processBeforeResponse: true });
  const server = await parts.app.start({ port: 0, host: '127.0.0.1' });
  const { port } = server.address() as AddressInfo;
  return {
    ...parts,
    eventsUrl: `http://127.0.0.1:${port}${SLACK_EVENTS_PATH}`,
    async close() {
      await parts.app.stop();
      await parts.fake.close();
    },
  };
}
