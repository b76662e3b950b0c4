import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { preparedQuery } from '../../../src/server/db/index.js';

/** Hot SELECTs compiled once and run with each call's values (db/index.ts), on the test's database. */

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

describe('preparedQuery', () => {
  it('answers like the kysely query it was built from, for each call’s values', async () => {
    const { db } = ctx.deps;
    const byLoginName = preparedQuery(db, (name: string) => db.kysely.selectFrom('accounts').select(['id', 'login_name', 'status']).where('login_name', '=', name), 1);
    for (const name of ['demo_xjr', 'demo_person', 'nobody-here']) {
      const expected = await db.kysely.selectFrom('accounts').select(['id', 'login_name', 'status']).where('login_name', '=', name).execute();
      expect(await byLoginName(name)).toEqual(expected);
    }
    expect(await byLoginName('nobody-here')).toEqual([]);
  });

  it('keeps the constants of the query and maps arguments to their places, whatever the order', async () => {
    const { db } = ctx.deps;
    const q = preparedQuery(
      db,
      (status: 'active' | 'disabled', name: string) =>
        db.kysely.selectFrom('accounts').select(['login_name']).where('realname_status', '=', 'verified').where('login_name', '=', name).where('status', '=', status),
      2,
    );
    expect(await q('active', 'demo_xjr')).toEqual([{ login_name: 'demo_xjr' }]);
    expect(await q('disabled', 'demo_xjr')).toEqual([]);
  });

  it('sees rows committed after it was made, and many calls at once', async () => {
    const { db } = ctx.deps;
    const bySession = preparedQuery(db, (idHash: string) => db.kysely.selectFrom('sessions').select(['id_hash', 'realm']).where('id_hash', '=', idHash), 1);
    const ids = Array.from({ length: 20 }, (_, i) => `prepared-query-test-${i}`);
    expect(await bySession(ids[0])).toEqual([]);
    await db.kysely
      .insertInto('sessions')
      .values(ids.map((id) => ({ id_hash: id, realm: 'uc', account_id: 'a', data: '{}', created_at: '2026-01-01T00:00:00.000Z', last_seen_at: 0, absolute_expires_at: 0, ip: null, user_agent: null })))
      .execute();
    const rows = await Promise.all(ids.map((id) => bySession(id)));
    expect(rows).toEqual(ids.map((id) => [{ id_hash: id, realm: 'uc' }]));
  });

  it('does not see another caller’s uncommitted transaction', async () => {
    const { db } = ctx.deps;
    const bySession = preparedQuery(db, (idHash: string) => db.kysely.selectFrom('sessions').select(['id_hash']).where('id_hash', '=', idHash), 1);
    let seenInside: unknown;
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await trx.insertInto('sessions').values({ id_hash: 'uncommitted', realm: 'uc', account_id: 'a', data: '{}', created_at: '2026-01-01T00:00:00.000Z', last_seen_at: 0, absolute_expires_at: 0, ip: null, user_agent: null }).execute();
        seenInside = await bySession('uncommitted');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(seenInside).toEqual([]);
    expect(await bySession('uncommitted')).toEqual([]);
  });

  it('refuses a build that leaves an argument unused', () => {
    const { db } = ctx.deps;
    expect(() => preparedQuery(db, (_unused: string) => db.kysely.selectFrom('accounts').select(['id']).where('status', '=', 'active'), 1)).toThrow(/argument 0/);
  });
});
