/**
 * Plans: the posters each person saved, per workspace, and whether they want reminders.
 *
 * A person is a workspace and a user id (`PlanOwner`): the same user id in two workspaces is
 * two plans. Every method returns a Promise, like the rest of the store, so a networked
 * database can implement it; the SQLite work is synchronous and each write is one statement
 * or one transaction, so a click never leaves half a change.
 */
import type Database from 'better-sqlite3';

/** Migration (appended to MIGRATIONS in ./migrations.ts): saved posters and reminder choice. */
export const PLANS_MIGRATION = `
  CREATE TABLE plan_items (
    team_id  TEXT NOT NULL,
    user_id  TEXT NOT NULL,
    paper_id TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (team_id, user_id, paper_id)
  ) STRICT;
  CREATE INDEX plan_items_paper ON plan_items (paper_id);

  CREATE TABLE plan_settings (
    team_id   TEXT NOT NULL,
    user_id   TEXT NOT NULL,
    reminders INTEGER NOT NULL CHECK (reminders IN (0, 1)),
    PRIMARY KEY (team_id, user_id)
  ) STRICT;
`;

/** Whose plan: a user of a workspace. */
export interface PlanOwner {
  teamId: string;
  userId: string;
}

export interface SavedPoster {
  paperId: string;
  /** ISO 8601 instant of the save. */
  savedAt: string;
}

/** The saved posters of one person among a set of papers (see {@link PlanStore.plannersOf}). */
export interface PlannerPapers {
  owner: PlanOwner;
  paperIds: string[];
}

export interface PlanStore {
  /** Saves `paperId` unless it is saved, un-saves it if it is; resolves to "saved now". */
  toggle(owner: PlanOwner, paperId: string): Promise<boolean>;
  /** Saves `paperId` (saving twice is harmless; the first time is kept). */
  save(owner: PlanOwner, paperId: string): Promise<void>;
  /** Removes `paperId` from the plan (removing what is not there is harmless). */
  remove(owner: PlanOwner, paperId: string): Promise<void>;
  /** The person's saved posters, oldest save first. */
  saved(owner: PlanOwner): Promise<SavedPoster[]>;
  /** Which of `paperIds` the person saved (for drawing Save / Saved on cards). */
  savedAmong(owner: PlanOwner, paperIds: readonly string[]): Promise<Set<string>>;
  /** Everyone who saved any of `paperIds`, each with those of them they saved. */
  plannersOf(paperIds: readonly string[]): Promise<PlannerPapers[]>;
  /** How many people saved each of `paperIds` (papers nobody saved are left out). */
  saveCounts(paperIds: readonly string[]): Promise<Map<string, number>>;
  /** Whether the person wants reminders: on unless they switched them off. */
  remindersOn(owner: PlanOwner): Promise<boolean>;
  setReminders(owner: PlanOwner, on: boolean): Promise<void>;
}

/** SQLite caps bound parameters (32,766 since 3.32); lists are queried in slices well under it. */
const SLICE = 500;

export function createPlanStore(db: Database.Database, now: () => Date): PlanStore {
  const sql = {
    has: db
      .prepare<[string, string, string], number>(
        'SELECT 1 FROM plan_items WHERE team_id = ? AND user_id = ? AND paper_id = ?',
      )
      .pluck(),
    insert: db.prepare<[string, string, string, string]>(
      `INSERT INTO plan_items (team_id, user_id, paper_id, saved_at) VALUES (?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    ),
    delete: db.prepare<[string, string, string]>(
      'DELETE FROM plan_items WHERE team_id = ? AND user_id = ? AND paper_id = ?',
    ),
    saved: db.prepare<[string, string], { paper_id: string; saved_at: string }>(
      `SELECT paper_id, saved_at FROM plan_items WHERE team_id = ? AND user_id = ?
       ORDER BY saved_at, rowid`,
    ),
    reminders: db
      .prepare<[string, string], number>(
        'SELECT reminders FROM plan_settings WHERE team_id = ? AND user_id = ?',
      )
      .pluck(),
    setReminders: db.prepare<[string, string, number]>(
      `INSERT INTO plan_settings (team_id, user_id, reminders) VALUES (?, ?, ?)
       ON CONFLICT (team_id, user_id) DO UPDATE SET reminders = excluded.reminders`,
    ),
  };

  /** Runs `query` over `ids` in slices of bound parameters, concatenating the rows. */
  function inSlices<Row>(ids: readonly string[], query: (placeholders: string) => string) {
    const rows: Row[] = [];
    const unique = [...new Set(ids)];
    for (let start = 0; start < unique.length; start += SLICE) {
      const slice = unique.slice(start, start + SLICE);
      const statement = db.prepare<string[], Row>(query(slice.map(() => '?').join(', ')));
      rows.push(...statement.all(...slice));
    }
    return rows;
  }

  const toggle = db.transaction((owner: PlanOwner, paperId: string): boolean => {
    const { teamId, userId } = checked(owner);
    if (sql.delete.run(teamId, userId, paperId).changes > 0) return false;
    sql.insert.run(teamId, userId, paperId, now().toISOString());
    return true;
  });

  return {
    toggle: async (owner, paperId) => toggle.immediate(owner, paperId),
    save: async (owner, paperId) => {
      const { teamId, userId } = checked(owner);
      sql.insert.run(teamId, userId, paperId, now().toISOString());
    },
    remove: async (owner, paperId) => {
      const { teamId, userId } = checked(owner);
      sql.delete.run(teamId, userId, paperId);
    },
    saved: async (owner) => {
      const { teamId, userId } = checked(owner);
      return sql.saved
        .all(teamId, userId)
        .map((row) => ({ paperId: row.paper_id, savedAt: row.saved_at }));
    },
    savedAmong: async (owner, paperIds) => {
      const { teamId, userId } = checked(owner);
      if (paperIds.length === 0) return new Set();
      return new Set(paperIds.filter((id) => sql.has.get(teamId, userId, id) !== undefined));
    },
    plannersOf: async (paperIds) => {
      const rows = inSlices<{ team_id: string; user_id: string; paper_id: string }>(
        paperIds,
        (list) =>
          `SELECT team_id, user_id, paper_id FROM plan_items WHERE paper_id IN (${list})
           ORDER BY team_id, user_id, saved_at, rowid`,
      );
      const byOwner = new Map<string, PlannerPapers>();
      for (const row of rows) {
        const key = `${row.team_id}\u0000${row.user_id}`;
        let entry = byOwner.get(key);
        if (!entry) {
          entry = { owner: { teamId: row.team_id, userId: row.user_id }, paperIds: [] };
          byOwner.set(key, entry);
        }
        entry.paperIds.push(row.paper_id);
      }
      return [...byOwner.values()];
    },
    saveCounts: async (paperIds) => {
      const rows = inSlices<{ paper_id: string; n: number }>(
        paperIds,
        (list) =>
          `SELECT paper_id, COUNT(*) AS n FROM plan_items WHERE paper_id IN (${list})
           GROUP BY paper_id`,
      );
      return new Map(rows.map((row) => [row.paper_id, row.n]));
    },
    remindersOn: async (owner) => {
      const { teamId, userId } = checked(owner);
      return (sql.reminders.get(teamId, userId) ?? 1) === 1;
    },
    setReminders: async (owner, on) => {
      const { teamId, userId } = checked(owner);
      sql.setReminders.run(teamId, userId, on ? 1 : 0);
    },
  };
}

/** An owner with an empty id is a bug upstream (a payload without a team or user): refuse it. */
function checked(owner: PlanOwner): PlanOwner {
  if (!owner.teamId || !owner.userId) {
    throw new TypeError(`store: a plan needs a team and a user, got ${JSON.stringify(owner)}`);
  }
  return owner;
}
