/**
 * A bounded, in-memory record of recently seen keys, to answer each Slack event once.
 *
 * Slack retries an event it believes failed (no 200 within 3 s, `X-Slack-Retry-Num`), so a
 * handler that posts must be idempotent. Limits, written down: entries expire after `ttlMs`
 * (Slack's retries come within minutes); at most `maxEntries` are kept, oldest dropped first;
 * memory only, so a restart forgets — a retry arriving just after a restart is answered again.
 */

export interface RecentKeys {
  /**
   * Marks `key` as seen. True the first time within the TTL, false for a repeat. Marking
   * happens at once, so a retry arriving while the first delivery is still being answered
   * is recognised too.
   */
  markFirst(key: string): boolean;
  /** Keys currently remembered. */
  readonly size: number;
}

export interface RecentKeysOptions {
  /** How long a key is remembered; default 10 minutes. */
  ttlMs?: number;
  /** Upper bound on remembered keys; default 10,000. */
  maxEntries?: number;
  /** Clock in ms; injected by tests. */
  now?: () => number;
}

export const RECENT_KEYS_DEFAULTS = { ttlMs: 10 * 60_000, maxEntries: 10_000 } as const;

export function createRecentKeys({
  ttlMs = RECENT_KEYS_DEFAULTS.ttlMs,
  maxEntries = RECENT_KEYS_DEFAULTS.maxEntries,
  now = Date.now,
}: RecentKeysOptions = {}): RecentKeys {
  // A Map iterates in insertion order; with one TTL for all, that is also expiry order.
  const expiries = new Map<string, number>();

  const dropExpired = (time: number) => {
    for (const [key, expiresAt] of expiries) {
      if (expiresAt > time) break;
      expiries.delete(key);
    }
  };

  return {
    markFirst(key) {
      const time = now();
      dropExpired(time);
      if (expiries.has(key)) return false;
      expiries.set(key, time + ttlMs);
      if (expiries.size > maxEntries) {
        const oldest = expiries.keys().next();
        if (!oldest.done) expiries.delete(oldest.value);
      }
      return true;
    },
    get size() {
      return expiries.size;
    },
  };
}
