import Database from 'better-sqlite3';
import { type ClaimStore, createClaimStore } from './claims.ts';
import { migrate, StoreError } from './migrations.ts';
import { createPlanStore, type PlanStore } from './plans.ts';
import { createStatsStore, type StatsStore } from './stats.ts';

export { StoreError } from './migrations.ts';

/** The ledger entry of one day's digest in one channel. */
export interface DigestRun {
  channel: string;
  /** The digest's local date, `YYYY-MM-DD` in the digest time zone. */
  date: string;
  /** `ts` of the top-level message; the thread chunks reply to it. */
  rootTs: string;
  /** `started` once the top-level message is out; `complete` once every chunk is. */
  status: 'started' | 'complete';
  /** ISO 8601 instants. */
  startedAt: string;
  completedAt?: string;
}

/**
 * Everything poster-bot persists, behind one small interface so callers never see SQL.
 *
 * The digest ledger makes posting exactly-once per (channel, date): a run records the root
 * message right after posting it, then each thread chunk right after posting that chunk, so a
 * restart (or a crash half way) knows what is left. Every write is its own transaction and is
 * idempotent when repeated with the same values; a *different* value for an existing key
 * means something posted twice, and throws {@link StoreError} rather than hiding it.
 *
 * Methods return promises, so a networked database can implement the interface without
 * touching its callers. The embedded default, SQLite through better-sqlite3
 * ({@link openStore}), does each call's work synchronously (a write is a few microseconds)
 * inside its transaction, so two calls never interleave half way.
 */
export interface Store {
  /** The ledger entry of `date`'s digest in `channel`, if one was begun. */
  getDigestRun(channel: string, date: string): Promise<DigestRun | undefined>;
  /** Records that the top-level digest message `rootTs` was posted. */
  beginDigestRun(channel: string, date: string, rootTs: string): Promise<DigestRun>;
  /** Records that thread chunk `index` (0-based) was posted as message `ts`. */
  recordDigestChunk(channel: string, date: string, index: number, ts: string): Promise<void>;
  /** Indices of the thread chunks already posted for that run (empty if none or no run). */
  postedChunks(channel: string, date: string): Promise<Set<number>>;
  /** Marks the run complete; a later run the same day then has nothing to do. */
  completeDigestRun(channel: string, date: string): Promise<DigestRun>;
  /**
   * How many times each paper was featured in `channel`'s "posters of the day" on dates
   * strictly before `date`. Counting (rather than a set) lets the rotation start a new round
   * without bookkeeping; "before `date`" keeps that day's selection stable when a crashed
   * run is resumed after its papers were already recorded.
   */
  featureCounts(channel: string, date: string): Promise<Map<string, number>>;
  /** Records the papers featured on `date` (repeating a call is harmless). */
  recordFeatured(channel: string, date: string, paperIds: readonly string[]): Promise<void>;
  /** Closes the database; the store must not be used afterwards. */
  close(): Promise<void>;
  /** Claims before posting and durable de-duplication (src/store/claims.ts; issue 15). */
  readonly claims: ClaimStore;
  /** Saved posters and reminder choices, per workspace and user (src/store/plans.ts). */
  readonly plans: PlanStore;
  /** Usage aggregates for the organisers' report, no user ids (src/store/stats.ts). */
  readonly stats: StatsStore;
}

export interface StoreOptions {
  /** Clock for the `*_at` columns; injected so tests are deterministic. */
  now?: () => Date;
  /** How long a write waits for another connection's lock before failing, in ms. */
  busyTimeoutMs?: number;
}

interface DigestRunRow {
  channel: string;
  date: string;
  root_ts: string;
  status: 'started' | 'complete';
  started_at: string;
  completed_at: string | null;
}

/**
 * Opens (creating if needed) the SQLite database at `path`, or a private in-memory one for
 * `':memory:'`, and migrates it to the current schema. The parent directory must exist:
 * creating directories is the composition root's job.
 *
 * Durability: WAL with `synchronous = NORMAL`. A commit is in the WAL file (written to the OS)
 * before the call returns, so a killed process (`kill -9`, OOM, crash) loses nothing that
 * was committed; only an OS crash or power loss can lose the last few commits, and never
 * corrupts the file. For the ledger that worst case is one repeated digest message, which
 * does not justify an fsync per post (FULL).
 */
export function openStore(path: string, options: StoreOptions = {}): Store {
  const db = openDatabase(path, options.busyTimeoutMs ?? 5000);
  const now = options.now ?? (() => new Date());
  return createSqliteStore(db, prepareStatements(db), now);
}

/** The database with its pragmas set and its schema migrated; closed again on failure. */
function openDatabase(path: string, busyTimeoutMs: number): Database.Database {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

type Statements = ReturnType<typeof prepareStatements>;

/** Every statement the store runs, prepared once. */
function prepareStatements(db: Database.Database) {
  return {
    getRun: db.prepare<[string, string], DigestRunRow>(
      'SELECT * FROM digest_runs WHERE channel = ? AND date = ?',
    ),
    insertRun: db.prepare<[string, string, string, string]>(
      `INSERT INTO digest_runs (channel, date, root_ts, status, started_at)
       VALUES (?, ?, ?, 'started', ?)`,
    ),
    completeRun: db.prepare<[string, string, string]>(
      `UPDATE digest_runs SET status = 'complete', completed_at = ?
       WHERE channel = ? AND date = ? AND status = 'started'`,
    ),
    getChunkTs: db
      .prepare<[string, string, number], string>(
        'SELECT ts FROM digest_posts WHERE channel = ? AND date = ? AND chunk_index = ?',
      )
      .pluck(),
    insertChunk: db.prepare<[string, string, number, string, string]>(
      `INSERT INTO digest_posts (channel, date, chunk_index, ts, posted_at)
       VALUES (?, ?, ?, ?, ?)`,
    ),
    chunkIndices: db
      .prepare<[string, string], number>(
        'SELECT chunk_index FROM digest_posts WHERE channel = ? AND date = ?',
      )
      .pluck(),
    featureCounts: db
      .prepare<[string, string], [string, number]>(
        `SELECT paper_id, COUNT(*) FROM featured_papers
         WHERE channel = ? AND featured_on < ? GROUP BY paper_id`,
      )
      .raw(),
    insertFeatured: db.prepare<[string, string, string]>(
      // ON CONFLICT, not OR IGNORE: the latter would also skip rows failing a CHECK.
      `INSERT INTO featured_papers (channel, featured_on, paper_id) VALUES (?, ?, ?)
       ON CONFLICT DO NOTHING`,
    ),
  };
}

/** The {@link Store} over prepared statements; `now` stamps the `*_at` columns. */
function createSqliteStore(db: Database.Database, sql: Statements, now: () => Date): Store {
  const stamp = () => now().toISOString();
  const getDigestRun = (channel: string, date: string): DigestRun | undefined => {
    const row = sql.getRun.get(channel, date);
    return row && toDigestRun(row);
  };

  const beginDigestRun = db.transaction((channel: string, date: string, rootTs: string) => {
    const existing = getDigestRun(channel, date);
    if (!existing) {
      sql.insertRun.run(channel, date, rootTs, stamp());
      return getDigestRun(channel, date)!;
    }
    if (existing.rootTs !== rootTs) {
      throw new StoreError(
        `store: digest ${channel} ${date} already has root message ${existing.rootTs}, not ${rootTs}`,
      );
    }
    return existing;
  });

  const recordDigestChunk = db.transaction(
    (channel: string, date: string, index: number, ts: string) => {
      const existing = sql.getChunkTs.get(channel, date, index);
      if (existing === ts) return;
      if (existing !== undefined) {
        throw new StoreError(
          `store: digest ${channel} ${date} chunk ${index} was already posted as ${existing}, not ${ts}`,
        );
      }
      if (!sql.getRun.get(channel, date)) {
        throw new StoreError(`store: digest ${channel} ${date} has no run; begin it first`);
      }
      sql.insertChunk.run(channel, date, index, ts, stamp());
    },
  );

  const completeDigestRun = db.transaction((channel: string, date: string) => {
    sql.completeRun.run(stamp(), channel, date);
    const run = getDigestRun(channel, date);
    if (!run) throw new StoreError(`store: digest ${channel} ${date} has no run to complete`);
    return run;
  });

  const recordFeatured = db.transaction(
    (channel: string, date: string, paperIds: readonly string[]) => {
      for (const id of paperIds) sql.insertFeatured.run(channel, date, id);
    },
  );

  // `async`: a synchronous throw (a StoreError) becomes a rejection, as a remote store's would.
  return {
    getDigestRun: async (channel, date) => getDigestRun(channel, date),
    beginDigestRun: async (channel, date, rootTs) => beginDigestRun(channel, date, rootTs),
    recordDigestChunk: async (channel, date, index, ts) => {
      if (!Number.isInteger(index) || index < 0) {
        throw new StoreError(`store: chunk index must be a non-negative integer, got ${index}`);
      }
      recordDigestChunk(channel, date, index, ts);
    },
    postedChunks: async (channel, date) => new Set(sql.chunkIndices.all(channel, date)),
    completeDigestRun: async (channel, date) => completeDigestRun(channel, date),
    featureCounts: async (channel, date) => new Map(sql.featureCounts.all(channel, date)),
    recordFeatured: async (channel, date, paperIds) => recordFeatured(channel, date, paperIds),
    close: async () => {
      db.close();
    },
    claims: createClaimStore(db, now),
    plans: createPlanStore(db, now),
    stats: createStatsStore(db),
  };
}

function toDigestRun(row: DigestRunRow): DigestRun {
  const run: DigestRun = {
    channel: row.channel,
    date: row.date,
    rootTs: row.root_ts,
    status: row.status,
    startedAt: row.started_at,
  };
  if (row.completed_at !== null) run.completedAt = row.completed_at;
  return run;
}
