/**
 * Claims and de-duplication keys: what makes a post exactly-once across processes and crashes.
 *
 * A **claim** is taken in the database *before* a message is posted and completed with the
 * message's `ts` right after. Two processes on one database race for the claim inside one
 * `BEGIN IMMEDIATE` transaction, so only one posts; a claim whose owner died (its lease ran
 * out, or its process is gone) is taken over, and the new owner first asks Slack whether the
 * message landed (see src/slack/post-once.ts). Nothing here depends on SQLite beyond
 * "a transaction sees the row or inserts it", so the same protocol works on a networked
 * database (a conditional insert/update there).
 *
 * A **de-duplication key** is a fact "this was already done" with an expiry: a replayed
 * Share click, a mention Slack delivers again after a restart.
 *
 * Every method returns a Promise, like the store is moving to; the work itself is synchronous
 * (better-sqlite3) and so cannot interleave with another step of the same process.
 */
import type Database from 'better-sqlite3';

/** Migration (appended to MIGRATIONS in ./migrations.ts): the claims and dedupe tables. */
export const CLAIMS_MIGRATION = `
  CREATE TABLE post_claims (
    key            TEXT PRIMARY KEY,
    owner          TEXT NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('claimed', 'done')),
    result         TEXT,
    claimed_at     TEXT NOT NULL,
    lease_until_ms INTEGER NOT NULL,
    takeovers      INTEGER NOT NULL DEFAULT 0
  ) STRICT;

  CREATE TABLE dedupe_keys (
    key           TEXT PRIMARY KEY,
    expires_at_ms INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX dedupe_keys_expiry ON dedupe_keys (expires_at_ms);
`;

/** What taking a claim found. */
export type ClaimResult =
  /** Done before (by anyone): `result` is what was recorded, e.g. the message `ts`. */
  | { status: 'done'; result: string }
  /**
   * Ours now. `takenOver`: an earlier owner had claimed it and is gone (crashed or killed),
   * so the message may already be in Slack; look before posting.
   */
  | { status: 'acquired'; takenOver: boolean; previousOwner?: string }
  /** Another owner holds it and may be posting right now. */
  | { status: 'held'; owner: string; leaseUntilMs: number };

export interface ClaimOptions {
  /** How long the claim protects the post; past it another owner may take it over. */
  leaseMs: number;
  /** True when `owner` certainly no longer runs (same host, process gone): take over at once. */
  isOwnerGone?: (owner: string) => boolean;
}

export interface ClaimStore {
  /** Takes `key` for `owner`, unless it is done or held by a live owner. */
  claim(key: string, owner: string, options: ClaimOptions): Promise<ClaimResult>;
  /** Records the outcome (e.g. the `ts`) and marks the claim done; only its owner may. */
  complete(key: string, owner: string, result: string): Promise<void>;
  /** Gives the claim up (the post failed before Slack took it); only its owner may. */
  release(key: string, owner: string): Promise<void>;
  /** The recorded outcome of a done claim. */
  result(key: string): Promise<string | undefined>;
  /**
   * Records `key` for `ttlMs`. True the first time (or after it expired), false while it is
   * remembered: the caller then drops the repeat.
   */
  markFirst(key: string, ttlMs: number): Promise<boolean>;
}

/** A claim was done by someone else while we held it: a bug or a clock far off; never hidden. */
export class ClaimConflictError extends Error {
  override readonly name = 'ClaimConflictError';
}

interface ClaimRow {
  owner: string;
  state: 'claimed' | 'done';
  result: string | null;
  lease_until_ms: number;
}

/** Expired keys deleted per `markFirst`, so the table stays small without a timer. */
const PRUNE_BATCH = 100;

export function createClaimStore(db: Database.Database, now: () => Date): ClaimStore {
  const sql = {
    get: db.prepare<[string], ClaimRow>(
      'SELECT owner, state, result, lease_until_ms FROM post_claims WHERE key = ?',
    ),
    insert: db.prepare<[string, string, string, number]>(
      `INSERT INTO post_claims (key, owner, state, claimed_at, lease_until_ms)
       VALUES (?, ?, 'claimed', ?, ?)`,
    ),
    takeOver: db.prepare<[string, string, number, string]>(
      `UPDATE post_claims SET owner = ?, claimed_at = ?, lease_until_ms = ?,
       takeovers = takeovers + 1 WHERE key = ? AND state = 'claimed'`,
    ),
    complete: db.prepare<[string, string, string]>(
      `UPDATE post_claims SET state = 'done', result = ? WHERE key = ? AND owner = ?
       AND state = 'claimed'`,
    ),
    release: db.prepare<[string, string]>(
      `DELETE FROM post_claims WHERE key = ? AND owner = ? AND state = 'claimed'`,
    ),
    dropExpiredKey: db.prepare<[string, number]>(
      'DELETE FROM dedupe_keys WHERE key = ? AND expires_at_ms <= ?',
    ),
    insertKey: db.prepare<[string, number]>(
      'INSERT INTO dedupe_keys (key, expires_at_ms) VALUES (?, ?) ON CONFLICT DO NOTHING',
    ),
    prune: db.prepare<[number]>(
      `DELETE FROM dedupe_keys WHERE rowid IN
       (SELECT rowid FROM dedupe_keys WHERE expires_at_ms <= ? LIMIT ${PRUNE_BATCH})`,
    ),
  };

  const claim = db.transaction((key: string, owner: string, options: ClaimOptions): ClaimResult => {
    const time = now();
    const leaseUntil = time.getTime() + options.leaseMs;
    const row = sql.get.get(key);
    if (row === undefined) {
      sql.insert.run(key, owner, time.toISOString(), leaseUntil);
      return { status: 'acquired', takenOver: false };
    }
    if (row.state === 'done') return { status: 'done', result: row.result ?? '' };
    if (row.owner === owner) return { status: 'acquired', takenOver: false };
    const expired = row.lease_until_ms <= time.getTime();
    if (!expired && !options.isOwnerGone?.(row.owner)) {
      return { status: 'held', owner: row.owner, leaseUntilMs: row.lease_until_ms };
    }
    sql.takeOver.run(owner, time.toISOString(), leaseUntil, key);
    return { status: 'acquired', takenOver: true, previousOwner: row.owner };
  });

  const complete = db.transaction((key: string, owner: string, result: string) => {
    if (sql.complete.run(result, key, owner).changes === 1) return;
    const row = sql.get.get(key);
    if (row?.state === 'done' && row.result === result) return; // repeated call
    throw new ClaimConflictError(
      `store: claim ${key} is ${row === undefined ? 'gone' : `${row.state} by ${row.owner}`}, ` +
        `not held by ${owner}; its post ${result} may be a duplicate`,
    );
  });

  const markFirst = db.transaction((key: string, ttlMs: number): boolean => {
    const time = now().getTime();
    sql.prune.run(time);
    sql.dropExpiredKey.run(key, time);
    return sql.insertKey.run(key, time + ttlMs).changes > 0;
  });

  return {
    // `.immediate`: take the write lock first, so two processes cannot both read "no row".
    claim: async (key, owner, options) => claim.immediate(key, owner, options),
    complete: async (key, owner, result) => complete.immediate(key, owner, result),
    release: async (key, owner) => {
      sql.release.run(key, owner);
    },
    result: async (key) => {
      const row = sql.get.get(key);
      return row?.state === 'done' ? (row.result ?? undefined) : undefined;
    },
    markFirst: async (key, ttlMs) => markFirst.immediate(key, ttlMs),
  };
}
