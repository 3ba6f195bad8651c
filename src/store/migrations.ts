import type Database from 'better-sqlite3';
import { CLAIMS_MIGRATION } from './claims.ts';
import { PLANS_MIGRATION } from './plans.ts';
import { STATS_MIGRATION } from './stats.ts';

/**
 * Schema migrations, in order. Migration `i` brings a database from `user_version` i to i + 1.
 * Append only: a shipped migration is never edited, because databases in the field already
 * ran it. Tables are STRICT so a wrong type is an error rather than silent coercion.
 */
export const MIGRATIONS: readonly string[] = [
  // v1: the daily digest. The primary keys are what makes posting exactly-once: one run per
  // (channel, local date), one thread message per (channel, date, chunk index).
  `
  CREATE TABLE digest_runs (
    channel      TEXT NOT NULL,
    date         TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    root_ts      TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('started', 'complete')),
    started_at   TEXT NOT NULL,
    completed_at TEXT,
    PRIMARY KEY (channel, date)
  ) STRICT;

  CREATE TABLE digest_posts (
    channel     TEXT NOT NULL,
    date        TEXT NOT NULL,
    chunk_index INTEGER NOT NULL CHECK (chunk_index >= 0),
    ts          TEXT NOT NULL,
    posted_at   TEXT NOT NULL,
    PRIMARY KEY (channel, date, chunk_index),
    FOREIGN KEY (channel, date) REFERENCES digest_runs (channel, date)
  ) STRICT;

  -- One row per paper shown in a "posters of the day" rotation.
  CREATE TABLE featured_papers (
    channel     TEXT NOT NULL,
    featured_on TEXT NOT NULL CHECK (featured_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    paper_id    TEXT NOT NULL,
    PRIMARY KEY (channel, featured_on, paper_id)
  ) STRICT;
  `,
  // v2: an early table for saved posters, never used: v4's plan_items replaced it (a plan
  // belongs to a user of a workspace). It stays because databases in the field ran it.
  `
  CREATE TABLE saved_posters (
    user_id  TEXT NOT NULL,
    paper_id TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (user_id, paper_id)
  ) STRICT;
  `,
  // v3: claims before posting and durable de-duplication keys (src/store/claims.ts).
  CLAIMS_MIGRATION,
  // v4: saved posters per workspace and user, and the reminder choice (src/store/plans.ts).
  PLANS_MIGRATION,
  // v5: usage aggregates for the organisers, no user ids (src/store/stats.ts).
  STATS_MIGRATION,
];

/** The schema version a fully migrated database has. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** A database cannot be opened: newer than this code, or a migration failed. */
export class StoreError extends Error {
  override name = 'StoreError';
}

/**
 * Brings `db` to `migrations.length`, one transaction per migration, so a crash leaves the
 * database at the last completed version. Each transaction is `BEGIN IMMEDIATE` and re-reads
 * `user_version` inside it, so two processes opening the same file cannot both migrate.
 * Returns the version the database was at before.
 */
export function migrate(db: Database.Database, migrations: readonly string[] = MIGRATIONS): number {
  const initial = userVersion(db);
  if (initial > migrations.length) {
    throw new StoreError(
      `store: database schema is v${initial}, newer than this poster-bot knows (v${migrations.length}); upgrade poster-bot`,
    );
  }
  for (const [index, sql] of migrations.entries()) {
    const apply = db.transaction(() => {
      if (userVersion(db) !== index) return;
      db.exec(sql);
      // PRAGMA takes no bound parameters; `index + 1` is an integer we computed.
      db.pragma(`user_version = ${index + 1}`);
    });
    try {
      apply.immediate();
    } catch (err) {
      throw new StoreError(`store: migration to v${index + 1} failed: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }
  return initial;
}

/** The schema version recorded in the database header. */
export function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
