/**
 * Usage statistics for the organisers (issue 14): aggregates per day, never a log of events.
 *
 * What is stored, per local day:
 * - per normalised query: how often it was asked, how often it found nothing, how many
 *   results its latest ask found, and how many different people asked it;
 * - per button kind (an action id without its index): how many clicks;
 * - how many reminders and digests were sent.
 *
 * What is not stored: who asked what. A user id never reaches a table. Distinct askers are
 * counted through a keyed hash: HMAC-SHA256(secret of the day, user id + query), kept as a set
 * per (day, query) so the same person asking twice counts once. The secret is the only key
 * (one row of `stats_key`), made at random for each day; when the day changes, every earlier
 * day's hashes are folded into a plain count and deleted together with the old secret, so
 * after that nobody, not even someone holding the database, can tell whose they were. While
 * the day lasts, someone holding the database *and* guessing a user id and a query could test
 * the guess against that day's hashes; that is the residual risk, bounded to one day.
 *
 * Because each day has its own secret, the same person on two days cannot be recognised as
 * one: a query's "people" over several days is the most on any one day (a lower bound), and a
 * query is reported only when that reaches the threshold (3): two people asking ten times
 * each, on as many days as they like, are never reported.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';

/** Migration (appended to MIGRATIONS in ./migrations.ts): the usage aggregates. */
export const STATS_MIGRATION = `
  CREATE TABLE stats_queries (
    day           TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    query         TEXT NOT NULL CHECK (length(query) BETWEEN 1 AND 200),
    asked         INTEGER NOT NULL CHECK (asked >= 1),
    found_nothing INTEGER NOT NULL CHECK (found_nothing >= 0),
    results       INTEGER NOT NULL CHECK (results >= 0),
    -- Distinct askers of a finished day, folded in from stats_askers when its secret is dropped.
    askers        INTEGER NOT NULL DEFAULT 0 CHECK (askers >= 0),
    PRIMARY KEY (day, query)
  ) STRICT;

  -- Keyed hashes of (user, query) for the current day only: distinct askers without who.
  CREATE TABLE stats_askers (
    day   TEXT NOT NULL,
    query TEXT NOT NULL,
    asker BLOB NOT NULL,
    PRIMARY KEY (day, query, asker)
  ) STRICT, WITHOUT ROWID;

  -- The one secret: the HMAC key of the current day, replaced at random each day.
  CREATE TABLE stats_key (
    only   INTEGER PRIMARY KEY CHECK (only = 1),
    day    TEXT NOT NULL,
    secret BLOB NOT NULL
  ) STRICT;

  CREATE TABLE stats_clicks (
    day  TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 255),
    n    INTEGER NOT NULL CHECK (n >= 1),
    PRIMARY KEY (day, kind)
  ) STRICT;

  CREATE TABLE stats_sent (
    day  TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    kind TEXT NOT NULL CHECK (kind IN ('reminder', 'digest')),
    n    INTEGER NOT NULL CHECK (n >= 0),
    PRIMARY KEY (day, kind)
  ) STRICT;
`;

/** Longest query kept (normalised); longer ones are cut, as a query that long is not a topic. */
export const MAX_QUERY_LENGTH = 200;

/** What the bot sends on its own, counted per day. */
export type SentKind = 'reminder' | 'digest';

/** One ask of a search, as the store records it (the user id only enters the keyed hash). */
export interface QueryRecord {
  /** The local day, `YYYY-MM-DD`. */
  day: string;
  /** The normalised query (the search's own folding), 1–200 characters. */
  query: string;
  /** How many posters it found. */
  results: number;
  /** Who asked: hashed with the day's secret, never stored. */
  userId: string;
}

/** A query over the period read. */
export interface QueryStat {
  query: string;
  /** Times asked. */
  asked: number;
  /** Times it found nothing. */
  foundNothing: number;
  /** Results of its latest ask. */
  results: number;
  /** Different people who asked it: the most on any one day (see the module comment). */
  people: number;
}

export interface DayTraffic {
  day: string;
  queries: number;
  foundNothing: number;
  clicks: number;
  reminders: number;
  digests: number;
}

export interface StatsData {
  /** Queries asked by at least `minPeople` people, most asked first. */
  queries: QueryStat[];
  /** Distinct queries left out because fewer people asked them. */
  withheld: number;
  /** Clicks per button kind over the period, most first. */
  clicks: { kind: string; n: number }[];
  /** Traffic per day, oldest first. */
  days: DayTraffic[];
}

export interface StatsReadOptions {
  /** First day read (inclusive); every day when undefined. */
  since?: string;
  /** The current local day: every earlier day's hashes are folded into counts first. */
  today: string;
  /** Fewest different people for a query to be shown. */
  minPeople: number;
}

export interface StatsStore {
  recordQuery(record: QueryRecord): Promise<void>;
  /** One click on a button of kind `kind` (an action id without its index). */
  recordClick(day: string, kind: string): Promise<void>;
  /** `n` reminders or digest messages sent. */
  recordSent(day: string, kind: SentKind, n: number): Promise<void>;
  read(options: StatsReadOptions): Promise<StatsData>;
}

interface QueryDayRow {
  day: string;
  query: string;
  asked: number;
  found_nothing: number;
  results: number;
  people: number;
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

export function createStatsStore(db: Database.Database): StatsStore {
  const sql = {
    key: db.prepare<[], { day: string; secret: Buffer }>('SELECT day, secret FROM stats_key'),
    setKey: db.prepare<[string, Buffer]>(
      `INSERT INTO stats_key (only, day, secret) VALUES (1, ?, ?)
       ON CONFLICT (only) DO UPDATE SET day = excluded.day, secret = excluded.secret`,
    ),
    foldAskers: db.prepare<[string]>(
      `UPDATE stats_queries SET askers = askers + (
         SELECT COUNT(*) FROM stats_askers a
         WHERE a.day = stats_queries.day AND a.query = stats_queries.query)
       WHERE day < ?`,
    ),
    dropAskers: db.prepare<[string]>('DELETE FROM stats_askers WHERE day < ?'),
    upsertQuery: db.prepare<[{ day: string; query: string; nothing: number; results: number }]>(
      `INSERT INTO stats_queries (day, query, asked, found_nothing, results)
       VALUES (@day, @query, 1, @nothing, @results)
       ON CONFLICT (day, query) DO UPDATE SET
         asked = asked + 1, found_nothing = found_nothing + @nothing, results = @results`,
    ),
    addAsker: db.prepare<[string, string, Buffer]>(
      'INSERT INTO stats_askers (day, query, asker) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    click: db.prepare<[string, string]>(
      `INSERT INTO stats_clicks (day, kind, n) VALUES (?, ?, 1)
       ON CONFLICT (day, kind) DO UPDATE SET n = n + 1`,
    ),
    sent: db.prepare<[{ day: string; kind: string; n: number }]>(
      `INSERT INTO stats_sent (day, kind, n) VALUES (@day, @kind, @n)
       ON CONFLICT (day, kind) DO UPDATE SET n = n + @n`,
    ),
    queryDays: db.prepare<[string], QueryDayRow>(
      `SELECT day, query, asked, found_nothing, results, askers + (
         SELECT COUNT(*) FROM stats_askers a WHERE a.day = q.day AND a.query = q.query) AS people
       FROM stats_queries q WHERE day >= ? ORDER BY day, query`,
    ),
    clicks: db.prepare<[string], { kind: string; n: number }>(
      `SELECT kind, SUM(n) AS n FROM stats_clicks WHERE day >= ?
       GROUP BY kind ORDER BY n DESC, kind`,
    ),
    clicksPerDay: db.prepare<[string], { day: string; n: number }>(
      'SELECT day, SUM(n) AS n FROM stats_clicks WHERE day >= ? GROUP BY day',
    ),
    sentPerDay: db.prepare<[string], { day: string; kind: SentKind; n: number }>(
      'SELECT day, kind, n FROM stats_sent WHERE day >= ?',
    ),
  };

  /**
   * Forgets who asked on days before `today`: their hashes become counts, and the secret
   * that made them is replaced. Idempotent; runs before any write or read of a new day.
   */
  const forgetBefore = (today: string) => {
    // Hashes exist only for the secret's day: nothing to forget while it is still that day
    // (so a search costs no scan of the days before).
    const key = sql.key.get();
    if (!key || key.day >= today) return;
    sql.foldAskers.run(today);
    sql.dropAskers.run(today);
    sql.setKey.run(today, randomBytes(32));
  };

  /** The current secret, made for `day` when there is none yet or it is older. */
  const secretFor = (day: string): { day: string; secret: Buffer } => {
    forgetBefore(day);
    const key = sql.key.get();
    if (key) return key;
    const secret = randomBytes(32);
    sql.setKey.run(day, secret);
    return { day, secret };
  };

  const recordQuery = db.transaction((record: QueryRecord) => {
    // A late record for a day already forgotten counts towards the current day.
    const { day, secret } = secretFor(record.day);
    const query = record.query.slice(0, MAX_QUERY_LENGTH);
    const results = Math.max(0, Math.trunc(record.results));
    sql.upsertQuery.run({ day, query, nothing: results === 0 ? 1 : 0, results });
    const asker = createHmac('sha256', secret)
      .update(record.userId)
      .update('\u0000')
      .update(query)
      .digest()
      .subarray(0, 16);
    sql.addAsker.run(day, query, asker);
  });

  const read = db.transaction((options: StatsReadOptions): StatsData => {
    forgetBefore(options.today);
    const since = options.since ?? '0000-00-00';
    const byQuery = new Map<string, QueryStat>();
    const days = new Map<string, DayTraffic>();
    const dayOf = (day: string) => {
      let traffic = days.get(day);
      if (!traffic) {
        traffic = { day, queries: 0, foundNothing: 0, clicks: 0, reminders: 0, digests: 0 };
        days.set(day, traffic);
      }
      return traffic;
    };
    for (const row of sql.queryDays.all(since)) {
      const traffic = dayOf(row.day);
      traffic.queries += row.asked;
      traffic.foundNothing += row.found_nothing;
      const stat = byQuery.get(row.query);
      if (!stat) {
        byQuery.set(row.query, {
          query: row.query,
          asked: row.asked,
          foundNothing: row.found_nothing,
          results: row.results,
          people: row.people,
        });
        continue;
      }
      stat.asked += row.asked;
      stat.foundNothing += row.found_nothing;
      stat.results = row.results; // rows come oldest day first: the last one is the latest
      stat.people = Math.max(stat.people, row.people);
    }
    for (const row of sql.clicksPerDay.all(since)) dayOf(row.day).clicks += row.n;
    for (const row of sql.sentPerDay.all(since)) {
      if (row.kind === 'reminder') dayOf(row.day).reminders += row.n;
      else dayOf(row.day).digests += row.n;
    }
    const all = [...byQuery.values()];
    const shown = all
      .filter((stat) => stat.people >= options.minPeople)
      .sort((a, b) => b.asked - a.asked || b.people - a.people || a.query.localeCompare(b.query));
    return {
      queries: shown,
      withheld: all.length - shown.length,
      clicks: sql.clicks.all(since),
      days: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
    };
  });

  return {
    recordQuery: async (record) => {
      checkDay(record.day);
      if (record.query === '') throw new TypeError('store: stats need a non-empty query');
      if (record.userId === '') throw new TypeError('store: stats need who asked, to count people');
      recordQuery.immediate(record);
    },
    recordClick: async (day, kind) => {
      checkDay(day);
      sql.click.run(day, kind.slice(0, 255));
    },
    recordSent: async (day, kind, n) => {
      checkDay(day);
      if (!Number.isInteger(n) || n < 0) {
        throw new TypeError(`store: a count of messages sent must be a whole number, got ${n}`);
      }
      sql.sent.run({ day, kind, n });
    },
    read: async (options) => {
      checkDay(options.today);
      if (options.since !== undefined) checkDay(options.since);
      return read.immediate(options);
    },
  };
}

function checkDay(day: string): void {
  if (!DAY_RE.test(day)) throw new TypeError(`store: a day is YYYY-MM-DD, got ${day}`);
}
