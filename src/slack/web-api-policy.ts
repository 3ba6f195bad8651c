/**
 * How every Web API call behaves when Slack is slow, limited or failing: one slow or limited
 * call never stalls the others, and an answer that would arrive half an hour late is dropped.
 *
 * - **A timeout on every request** (@slack/web-api has none by default: 100 calls that never
 *   answer fill its 100 slots and every later reply waits for good).
 * - **Retries bounded in time**: a 500 is retried twice within `maxRetryTime`, not ten times
 *   over ~30 minutes (the client's default), after which the answer is no longer useful.
 * - **A cap on `Retry-After`**: the client pauses its whole queue for as long as a 429 asks;
 *   `Retry-After: 3600` on one mention would silence every user and the digest for an hour.
 *   A 429 asking more than `maxRetryAfterMs` is handed to the client as Slack's own
 *   `ratelimited` error instead: not retried, no pause, logged by the caller as rate-limited
 *   with the `retryAfter` Slack asked for.
 */
import type { WebClientOptions } from '@slack/web-api';

/** Production defaults; tests override single fields through `clientOptions`. */
export const WEB_API_POLICY = {
  /** Per HTTP request; Slack answers in well under a second when healthy. */
  timeoutMs: 10_000,
  /** Longest `Retry-After` a call waits for; longer ones fail at once. */
  maxRetryAfterMs: 20_000,
  /** 500s and network errors: two more tries, all within this long. */
  retries: 2,
  maxRetryTimeMs: 30_000,
} as const;

export interface WebApiPolicyOptions {
  timeoutMs?: number;
  maxRetryAfterMs?: number;
  /** The fetch to wrap; `globalThis.fetch` by default. */
  fetch?: typeof globalThis.fetch;
}

/** Seconds from a `Retry-After` header (integer seconds, as Slack sends), or undefined. */
export function retryAfterSeconds(header: string | null): number | undefined {
  if (header === null || !/^\s*\d+\s*$/.test(header)) return undefined;
  return Number.parseInt(header, 10);
}

/**
 * A fetch for the WebClient that turns a 429 with a `Retry-After` beyond `maxRetryAfterMs`
 * into HTTP 200 `{ ok: false, error: 'ratelimited' }` with the header kept (the client copies
 * it into `response_metadata.retryAfter`), so the client neither pauses nor retries.
 */
export function createCappedRetryAfterFetch(
  maxRetryAfterMs: number,
  fetch: typeof globalThis.fetch = globalThis.fetch,
): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (response.status !== 429) return response;
    const seconds = retryAfterSeconds(response.headers.get('retry-after'));
    if (seconds === undefined || seconds * 1000 <= maxRetryAfterMs) return response;
    await response.body?.cancel();
    return new Response(JSON.stringify({ ok: false, error: 'ratelimited' }), {
      status: 200,
      headers: { 'content-type': 'application/json', 'retry-after': String(seconds) },
    });
  };
}

/** The WebClient options of the policy; merge a caller's options over them. */
export function webApiClientOptions(options: WebApiPolicyOptions = {}): WebClientOptions {
  return {
    timeout: options.timeoutMs ?? WEB_API_POLICY.timeoutMs,
    fetch: createCappedRetryAfterFetch(
      options.maxRetryAfterMs ?? WEB_API_POLICY.maxRetryAfterMs,
      options.fetch,
    ),
    retryConfig: {
      retries: WEB_API_POLICY.retries,
      factor: 2,
      minTimeout: 1_000,
      maxTimeout: 5_000,
      maxRetryTime: WEB_API_POLICY.maxRetryTimeMs,
    },
  };
}
