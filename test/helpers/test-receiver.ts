/**
 * A Bolt receiver that delivers bodies straight to `app.processEvent` — the pattern of Bolt's
 * own test suite — so listener tests run the real App, middleware and listeners, minus HTTP.
 */
import type { App, Receiver } from '@slack/bolt';

export interface Delivery {
  /** Whether `ack()` was called (Bolt calls it itself for Events API events). */
  acked: boolean;
  /** What `ack()` was called with: a slash command's answer. */
  ackBody: unknown;
}

export interface TestReceiver extends Receiver {
  /** Delivers one request body and resolves when every listener has finished. */
  deliver(body: Record<string, unknown>, options?: { retryNum?: number }): Promise<Delivery>;
}

export interface TestReceiverOptions {
  /** Makes every `ack()` reject with this error (a dropped socket, say). */
  ackError?: Error;
}

export function createTestReceiver({ ackError }: TestReceiverOptions = {}): TestReceiver {
  let app: App | undefined;
  return {
    init(bolt: App) {
      app = bolt;
    },
    start: async () => undefined,
    stop: async () => undefined,
    async deliver(body, { retryNum } = {}) {
      if (app === undefined) throw new Error('test receiver: not attached to an App');
      const delivery: Delivery = { acked: false, ackBody: undefined };
      await app.processEvent({
        body,
        retryNum,
        ack: async (response?: unknown) => {
          if (ackError !== undefined) throw ackError;
          delivery.acked = true;
          delivery.ackBody = response;
        },
      });
      return delivery;
    },
  };
}
