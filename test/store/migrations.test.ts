import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MIGRATIONS,
  migrate,
  SCHEMA_VERSION,
  StoreError,
  userVersion,
} from '../../src/store/migrations.ts';
import { openStore } from '../../src/store/store.ts';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'poster-bot-migrations-'));
  path = join(dir, 'bot.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function versionOf(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return userVersion(db);
  } finally {
    db.close();
  }
}

describe('schema migrations', () => {
  it('has a v2 to migrate to, so the v1 → latest test below means something', () => {
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
  });

  it('brings a v1 database (as shipped before saved posters) to the latest, keeping its data', async () => {
    const v1 = new Database(path);
    migrate(v1, MIGRATIONS.slice(0, 1));
    v1.prepare(
      `INSERT INTO digest_runs (channel, date, root_ts, status, started_at)
       VALUES ('C1', '2020-04-28', 'root', 'started', '2020-04-28T08:00:00.000Z')`,
    ).run();
    v1.prepare(
      `INSERT INTO digest_posts (channel, date, chunk_index, ts, posted_at)
       VALUES ('C1', '2020-04-28', 0, 'm0', '2020-04-28T08:00:01.000Z')`,
    ).run();
    expect(userVersion(v1)).toBe(1);
    v1.close();

    const store = openStore(path);
    expect((await store.getDigestRun('C1', '2020-04-28'))?.rootTs).toBe('root');
    expect(await store.postedChunks('C1', '2020-04-28')).toEqual(new Set([0]));
    await store.close();
    expect(versionOf(path)).toBe(SCHEMA_VERSION);
  });

  it('re-opening a migrated database changes nothing', async () => {
    const first = openStore(path);
    await first.recordFeatured('C1', '2020-04-28', ['p1']);
    await first.close();
    for (let i = 0; i < 2; i++) {
      const again = openStore(path);
      expect(await again.featureCounts('C1', '2020-04-29')).toEqual(new Map([['p1', 1]]));
      await again.close();
    }
    expect(versionOf(path)).toBe(SCHEMA_VERSION);
  });

  it('reports the version it started from', () => {
    const db = new Database(':memory:');
    expect(migrate(db, MIGRATIONS.slice(0, 1))).toBe(0);
    expect(migrate(db)).toBe(1);
    expect(migrate(db)).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('refuses a database from a newer poster-bot instead of guessing', () => {
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openStore(path)).toThrow(StoreError);
    expect(() => openStore(path)).toThrow(
      `schema is v${SCHEMA_VERSION + 1}, newer than this poster-bot knows (v${SCHEMA_VERSION})`,
    );
    expect(versionOf(path)).toBe(SCHEMA_VERSION + 1);
  });

  it('rolls a failing migration back whole and stays at the previous version', () => {
    const db = new Database(':memory:');
    const broken = [
      ...MIGRATIONS.slice(0, 1),
      'CREATE TABLE half_done (x TEXT) STRICT; INSERT INTO no_such_table VALUES (1);',
    ];
    expect(() => migrate(db, broken)).toThrow(/migration to v2 failed: no such table/);
    expect(userVersion(db)).toBe(1);
    const halfDone = db
      .prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'")
      .pluck()
      .get();
    expect(halfDone).toBe(0);
    db.close();
  });
});
