/**
 * The Bolt app, configured for Socket Mode or HTTP mode, with every listener registered.
 * Thin on purpose: the behaviour lives in listeners/ and, below them, in `Replies`.
 * Nothing here starts anything; src/main.ts calls `app.start()`.
 */
import { App, type AppOptions, HTTPReceiver, type Receiver } from '@slack/bolt';
import type { Replies } from '../bot/types.ts';
import type { SlackConnectionConfig } from '../config.ts';
import { createBoltLogger, type Logger } from '../log.ts';
import { createInFlight } from './in-flight.ts';
import { type ListenerDeps, registerListeners } from './listeners/index.ts';
// reliability: request guards and the Web API policy (issue 15).
import { guardHttpReceiver, normalizeRequestBody } from './request-guard.ts';
import { webApiClientOptions } from './web-api-policy.ts';

/** Bolt's HTTPReceiver path; the Request URL in the app settings ends with it. */
export const SLACK_EVENTS_PATH = '/slack/events';

/**
 * Largest request body HTTP mode accepts (Bolt's default is 4 MB). A `block_actions` payload
 * carries a copy of a non-ephemeral message — at most 50 blocks of ≤ 3,000 chars, well under
 * this; anything larger is not from Slack and is refused with 413 before being parsed.
 */
export const HTTP_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * How long `app.stop()` waits for replies still being delivered after the receiver stopped
 * (a mention's `chat.postMessage`, a click's `respond()`); under a container's usual 10 s
 * grace period between SIGTERM and SIGKILL.
 */
export const STOP_DRAIN_TIMEOUT_MS = 8_000;

export interface SlackAppOptions {
  /** `config.slack` once narrowed away from console mode. */
  slack: SlackConnectionConfig;
  replies: Replies;
  /** The root logger; Bolt gets an adapter over a child of it. */
  logger: Logger;
  /** Replaces the Socket Mode / HTTP receiver; tests drive the app with `app.processEvent`. */
  receiverOverride?: Receiver;
  /**
   * Merged over `{ slackApiUrl }` for the Web API client. Tests pass
   * `{ retryConfig: { retries: 0 } }`, or a failing fake is retried for half an hour.
   */
  clientOptions?: AppOptions['clientOptions'];
  /**
   * HTTP mode: send the response only after listeners finish. Off in production (Slack wants
   * events acked at once); on in tests, where it makes responses deterministic.
   */
  processBeforeResponse?: boolean;
  /** With both ids given, Bolt never calls `auth.test` (tests; a known installation). */
  botId?: string;
  botUserId?: string;
  /** Default `HTTP_BODY_LIMIT_BYTES`. */
  httpBodyLimitBytes?: number;
  /** Tuning for the listeners (ack deadline, mention de-duplication). */
  listeners?: Omit<ListenerDeps, 'replies' | 'logger'>;
}

/** Builds the app, registers every listener and the error backstop. Does not start it. */
export function createSlackApp(options: SlackAppOptions): App {
  const { slack, replies, logger } = options;
  const boltLogger = createBoltLogger(logger);
  const common: AppOptions = {
    token: slack.botToken,
    botId: options.botId,
    botUserId: options.botUserId,
    logger: boltLogger,
    // Bolt otherwise resets its logger to `info`, overriding LOG_LEVEL.
    logLevel: boltLogger.getLevel(),
    clientOptions: {
      ...webApiClientOptions(),
      ...(slack.apiUrl === undefined ? {} : { slackApiUrl: slack.apiUrl }),
      ...options.clientOptions,
    },
    // Bolt's conversation store is unused here and would grow without bound.
    convoStore: false,
  };

  let app: App;
  if (options.receiverOverride !== undefined) {
    app = new App({ ...common, receiver: options.receiverOverride });
  } else if (slack.mode === 'socket') {
    app = new App({
      ...common,
      socketMode: true,
      appToken: slack.appToken,
      // Bolt hands the Socket Mode client the very object it keeps as `clientOptions`, and that
      // client writes its own `retryConfig` (100 retries) into it when none is set — which every
      // listener's WebClient would then inherit. A copy keeps the two apart; the copy still
      // carries `slackApiUrl`, which `apps.connections.open` follows.
      installerOptions: { clientOptions: { ...common.clientOptions } },
    });
  } else {
    const receiver = new HTTPReceiver({
      signingSecret: slack.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      port: slack.port,
      processBeforeResponse: options.processBeforeResponse ?? false,
      logger: boltLogger,
      bodyLimit: options.httpBodyLimitBytes ?? HTTP_BODY_LIMIT_BYTES,
    });
    guardHttpReceiver(
      receiver,
      options.httpBodyLimitBytes ?? HTTP_BODY_LIMIT_BYTES,
      logger.child({ module: 'request-guard' }),
    );
    app = new App({ ...common, receiver });
  }

  const log = logger.child({ module: 'slack' });
  // Registered before the listeners, so `next()` spans each listener's whole run.
  const inFlight = createInFlight();
  app.use(({ next }) => inFlight.track(next()));
  app.use(normalizeRequestBody);
  const stopReceiver = app.stop.bind(app);
  // Stop taking requests first, then let answers already on their way arrive.
  app.stop = async (...args: unknown[]) => {
    const stopped = await stopReceiver(...args);
    if (!(await inFlight.drain(STOP_DRAIN_TIMEOUT_MS))) {
      log.warn({ timeoutMs: STOP_DRAIN_TIMEOUT_MS }, 'stopped with replies still in flight');
    }
    return stopped;
  };

  registerListeners(app, { ...options.listeners, replies, logger });

  // The backstop: listeners catch their own failures; whatever escapes (a failed ack, a bug)
  // is logged here and the process stays up.
  app.error(async (error) => {
    log.error({ err: error, code: error.code }, 'unhandled error in a Slack listener');
  });
  return app;
}
