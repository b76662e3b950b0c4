import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import type { StateStore } from './state-store.js';

export type DbStateStore = StateStore & {
  /** Deletes rows whose expiry has passed; returns how many. For a periodic job. */
  purgeExpired(): Promise<number>;
};

/**
 * StateStore on the `state_entries` table (SQLite or PostgreSQL). Every expiry decision
 * compares `expires_at` (epoch ms) with the injected clock, never with the database's own
 * time, so tests move a FakeClock. Expired rows are invisible to every read and are
 * overwritten by the next set / increment; purgeExpired() removes the leftovers.
 *
 * close() does nothing: the Db belongs to the caller.
 */
export function createDbStateStore(db: Db, clock: Clock): DbStateStore {
  const k = db.kysely;
  const now = () => clock.now().getTime();

  return {
    async get(key) {
      const row = await k
        .selectFrom('state_entries')
        .select('value')
        .where('key', '=', key)
        .where('expires_at', '>', now())
        .executeTakeFirst();
      return row ? row.value : null;
    },

    async set(key, value, ttlMs) {
      const expiresAt = now() + checkTtl(ttlMs);
      await k
        .insertInto('state_entries')
        .values({ key, value, expires_at: expiresAt })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            value: (eb) => eb.ref('excluded.value'),
            expires_at: (eb) => eb.ref('excluded.expires_at'),
          }),
        )
        .execute();
    },

    async take(key) {
      // One DELETE … RETURNING: of concurrent callers only one gets the row back.
      const at = now();
      const row = await k
        .deleteFrom('state_entries')
        .where('key', '=', key)
        .returning(['value', 'expires_at'])
        .executeTakeFirst();
      if (!row || Number(row.expires_at) <= at) return null;
      return row.value;
    },

    async increment(key, ttlMs, by = 1) {
      if (!Number.isSafeInteger(by) || by <= 0) throw new RangeError(`by must be a positive integer (got ${by})`);
      // One upsert statement, atomic on both databases: a missing or expired row starts a
      // new window at `by` (the inserted `excluded` values); a live one counts up and keeps
      // its expiry, so later hits never extend the window.
      const at = now();
      const expiresAt = at + checkTtl(ttlMs);
      const row = await k
        .insertInto('state_entries')
        .values({ key, value: String(by), expires_at: expiresAt })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            value: sql<string>`CASE WHEN state_entries.expires_at <= ${at} THEN excluded.value
              ELSE CAST(CAST(state_entries.value AS bigint) + CAST(excluded.value AS bigint) AS text) END`,
            expires_at: sql<number>`CASE WHEN state_entries.expires_at <= ${at} THEN excluded.expires_at
              ELSE state_entries.expires_at END`,
          }),
        )
        .returning('value')
        .executeTakeFirstOrThrow();
      return Number(row.value);
    },

    async ttl(key) {
      const at = now();
      const row = await k
        .selectFrom('state_entries')
        .select('expires_at')
        .where('key', '=', key)
        .where('expires_at', '>', at)
        .executeTakeFirst();
      return row ? Number(row.expires_at) - at : 0;
    },

    async delete(key) {
      await k.deleteFrom('state_entries').where('key', '=', key).execute();
    },

    async close() {},

    async purgeExpired() {
      const result = await k.deleteFrom('state_entries').where('expires_at', '<=', now()).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

/** A ttl must be a positive, finite number of milliseconds; fractions round up. */
function checkTtl(ttlMs: number): number {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) throw new RangeError(`ttlMs must be a positive number of milliseconds (got ${ttlMs})`);
  return Math.ceil(ttlMs);
}
