import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import type { Database } from '../../../src/server/db/schema.js';
import {
  AUDIT_GENESIS_HASH,
  auditRecordHash,
  createAuditLog,
  isSecretKey,
  scrubAuditDetails,
  type AuditEntry,
  type AuditLog,
} from '../../../src/server/security/audit.js';
import { runAuditVerify } from '../../../src/server/cli/audit-verify.js';

let ctx: TestContext;
let db: Kysely<Database>;
let audit: AuditLog;

beforeAll(async () => {
  ctx = await createTestContext();
  db = ctx.deps.db.kysely;
  audit = createAuditLog(ctx.deps.db, ctx.clock);
});
afterAll(async () => {
  await ctx?.close();
});
// Every test starts from an empty log (the tamper tests break the chain on purpose).
beforeEach(async () => {
  await db.deleteFrom('audit_log').execute();
  await db.updateTable('audit_head').set({ seq: 0, hash: AUDIT_GENESIS_HASH }).where('id', '=', 1).execute();
});

const entry = (i: number): AuditEntry => ({
  actorType: 'account',
  actorId: `acc-${i}`,
  action: i % 2 ? 'login.success' : 'login.failure',
  targetType: 'account',
  targetId: `acc-${i}`,
  ip: '203.0.113.7',
  details: { attempt: i, method: 'password' },
});

async function appendMany(n: number) {
  const out = [];
  for (let i = 1; i <= n; i++) {
    out.push(await audit.append(entry(i)));
    ctx.clock.advance(1000);
  }
  return out;
}

async function rows() {
  return db.selectFrom('audit_log').selectAll().orderBy('seq', 'asc').execute();
}

async function head() {
  const h = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { seq: Number(h.seq), hash: h.hash };
}

/** The hash a record with these columns should have (to forge "consistent" records). */
function hashOf(r: Awaited<ReturnType<typeof rows>>[number]): string {
  return auditRecordHash({
    seq: Number(r.seq),
    at: r.at,
    actorType: r.actor_type,
    actorId: r.actor_id,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    ip: r.ip,
    details: r.details,
    prevHash: r.prev_hash,
  });
}

describe('append builds a hash chain', () => {
  it('numbers records from 1, links each to the previous hash and moves the head', async () => {
    const t0 = ctx.clock.now().toISOString();
    const appended = await appendMany(3);
    expect(appended.map((a) => a.seq)).toEqual([1, 2, 3]);
    const all = await rows();
    expect(all.map((r) => Number(r.seq))).toEqual([1, 2, 3]);
    expect(all[0].prev_hash).toBe(AUDIT_GENESIS_HASH);
    expect(all[1].prev_hash).toBe(all[0].hash);
    expect(all[2].prev_hash).toBe(all[1].hash);
    for (const [i, r] of all.entries()) {
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(r.hash).toBe(appended[i].hash);
      expect(r.hash).toBe(hashOf(r));
    }
    expect(all[0].at).toBe(t0);
    expect(all[0]).toMatchObject({ actor_type: 'account', actor_id: 'acc-1', action: 'login.success', target_type: 'account', target_id: 'acc-1', ip: '203.0.113.7' });
    // Canonical details: keys sorted.
    expect(all[0].details).toBe('{"attempt":1,"method":"password"}');
    expect(await head()).toEqual({ seq: 3, hash: all[2].hash });
  });

  it('stores absent optional fields as null and empty details as {}', async () => {
    await audit.append({ actorType: 'system', action: 'jobs.cleanup' });
    const [r] = await rows();
    expect(r).toMatchObject({ actor_id: null, target_type: null, target_id: null, ip: null, details: '{}' });
    expect(await audit.verify()).toEqual({ ok: true, count: 1 });
  });

  it('sorts nested detail keys canonically', async () => {
    await audit.append({ actorType: 'operator', actorId: 'op-1', action: 'qualification.revoke', details: { z: 1, a: { y: [{ d: 1, c: 2 }], b: true } } });
    const [r] = await rows();
    expect(r.details).toBe('{"a":{"b":true,"y":[{"c":2,"d":1}]},"z":1}');
  });
});

describe('verify', () => {
  it('accepts an empty log and an intact chain', async () => {
    expect(await audit.verify()).toEqual({ ok: true, count: 0 });
    await appendMany(7);
    expect(await audit.verify()).toEqual({ ok: true, count: 7 });
  });

  it('walks in pages and still catches tampering on a page boundary', async () => {
    await appendMany(10);
    const paged = createAuditLog(ctx.deps.db, ctx.clock, { verifyPageSize: 3 });
    expect(await paged.verify()).toEqual({ ok: true, count: 10 });
    await db.updateTable('audit_log').set({ action: 'login.success.x' }).where('seq', '=', 7).execute();
    expect(await paged.verify()).toEqual({ ok: false, count: 6, firstBadSeq: 7, reason: 'hash-mismatch' });
  });

  const columns = {
    at: '2020-01-01T00:00:00.000Z',
    actor_type: 'operator',
    actor_id: 'acc-999',
    action: 'login.success.forged',
    target_type: 'enterprise',
    target_id: 'other',
    ip: '198.51.100.1',
    details: '{"attempt":3,"method":"sms"}',
    prev_hash: 'f'.repeat(64),
    hash: 'e'.repeat(64),
  } as const;
  for (const [column, value] of Object.entries(columns)) {
    it(`detects a changed ${column}`, async () => {
      await appendMany(5);
      await db.updateTable('audit_log').set({ [column]: value }).where('seq', '=', 3).execute();
      expect(await audit.verify()).toEqual({ ok: false, count: 2, firstBadSeq: 3, reason: 'hash-mismatch' });
    });
  }

  it('detects a column changed to null', async () => {
    await appendMany(5);
    await db.updateTable('audit_log').set({ ip: null }).where('seq', '=', 4).execute();
    expect(await audit.verify()).toMatchObject({ ok: false, firstBadSeq: 4, reason: 'hash-mismatch' });
  });

  it('detects a changed seq (renumbered record)', async () => {
    await appendMany(5);
    await db.updateTable('audit_log').set({ seq: 99 }).where('seq', '=', 5).execute();
    await db.updateTable('audit_head').set({ seq: 99 }).where('id', '=', 1).execute();
    expect(await audit.verify()).toEqual({ ok: false, count: 4, firstBadSeq: 5, reason: 'gap' });
  });

  it('detects a changed record whose own hash was recomputed (broken link to the next)', async () => {
    await appendMany(5);
    const r = (await rows())[2];
    const forged = { ...r, action: 'login.forged' };
    await db.updateTable('audit_log').set({ action: forged.action, hash: hashOf(forged) }).where('seq', '=', 3).execute();
    expect(await audit.verify()).toEqual({ ok: false, count: 3, firstBadSeq: 4, reason: 'broken-link' });
  });

  it('detects a changed last record with a recomputed hash through the head', async () => {
    await appendMany(5);
    const r = (await rows())[4];
    const forged = { ...r, details: '{}' };
    await db.updateTable('audit_log').set({ details: '{}', hash: hashOf(forged) }).where('seq', '=', 5).execute();
    expect(await audit.verify()).toEqual({ ok: false, count: 5, firstBadSeq: 5, reason: 'head-mismatch' });
  });

  it('detects a removed record in the middle', async () => {
    await appendMany(5);
    await db.deleteFrom('audit_log').where('seq', '=', 3).execute();
    expect(await audit.verify()).toEqual({ ok: false, count: 2, firstBadSeq: 3, reason: 'gap' });
  });

  it('detects a removed first record', async () => {
    await appendMany(3);
    await db.deleteFrom('audit_log').where('seq', '=', 1).execute();
    expect(await audit.verify()).toEqual({ ok: false, count: 0, firstBadSeq: 1, reason: 'gap' });
  });

  it('detects a removed middle record even when later records were renumbered and re-hashed', async () => {
    await appendMany(5);
    await db.deleteFrom('audit_log').where('seq', '=', 3).execute();
    // Close the gap: renumber 4→3 and 5→4 with recomputed own hashes, and fix the head.
    for (const r of (await rows()).filter((x) => Number(x.seq) > 3)) {
      const moved = { ...r, seq: Number(r.seq) - 1 };
      await db.updateTable('audit_log').set({ seq: moved.seq, hash: hashOf(moved) }).where('seq', '=', Number(r.seq)).execute();
    }
    const last = (await rows()).at(-1)!;
    await db.updateTable('audit_head').set({ seq: 4, hash: last.hash }).where('id', '=', 1).execute();
    expect(await audit.verify()).toEqual({ ok: false, count: 2, firstBadSeq: 3, reason: 'broken-link' });
  });

  it('detects a removed last record through the head', async () => {
    await appendMany(5);
    await db.deleteFrom('audit_log').where('seq', '=', 5).execute();
    expect(await audit.verify()).toEqual({ ok: false, count: 4, firstBadSeq: 5, reason: 'head-mismatch' });
  });

  it('detects all records removed through the head', async () => {
    await appendMany(2);
    await db.deleteFrom('audit_log').execute();
    expect(await audit.verify()).toEqual({ ok: false, count: 0, firstBadSeq: 1, reason: 'head-mismatch' });
  });

  it('detects a record appended without moving the head', async () => {
    await appendMany(3);
    const last = (await rows())[2];
    const extra = { ...last, seq: 4, prev_hash: last.hash, action: 'forged' };
    await db.insertInto('audit_log').values({ ...extra, hash: hashOf(extra) }).execute();
    expect(await audit.verify()).toEqual({ ok: false, count: 4, firstBadSeq: 4, reason: 'head-mismatch' });
  });

  it('detects a tampered head hash', async () => {
    await appendMany(3);
    await db.updateTable('audit_head').set({ hash: 'a'.repeat(64) }).where('id', '=', 1).execute();
    expect(await audit.verify()).toEqual({ ok: false, count: 3, firstBadSeq: 3, reason: 'head-mismatch' });
  });

  it('detects two records swapped (reordered)', async () => {
    await appendMany(5);
    await db.updateTable('audit_log').set({ seq: -1 }).where('seq', '=', 2).execute();
    await db.updateTable('audit_log').set({ seq: 2 }).where('seq', '=', 3).execute();
    await db.updateTable('audit_log').set({ seq: 3 }).where('seq', '=', -1).execute();
    expect(await audit.verify()).toEqual({ ok: false, count: 1, firstBadSeq: 2, reason: 'hash-mismatch' });
  });

  it('detects two records swapped even with recomputed own hashes', async () => {
    await appendMany(5);
    const [, r2, r3] = await rows();
    const new2 = { ...r3, seq: 2 };
    const new3 = { ...r2, seq: 3 };
    await db.deleteFrom('audit_log').where('seq', 'in', [2, 3]).execute();
    await db.insertInto('audit_log').values([{ ...new2, hash: hashOf(new2) }, { ...new3, hash: hashOf(new3) }]).execute();
    expect(await audit.verify()).toEqual({ ok: false, count: 1, firstBadSeq: 2, reason: 'broken-link' });
  });
});

describe('details scrub', () => {
  it('masks ID numbers, mobile numbers and e-mail addresses, also nested and inside text', () => {
    expect(
      scrubAuditDetails({
        idNumber: '110101199003077723',
        idLower: '11010119900307772x',
        mobile: '13800000001',
        mobileAsNumber: 13800000001,
        email: 'demo@example.com',
        note: 'user 13900000002 / 110101199003077723 / a.b@x.cn failed',
        nested: { list: ['13800000001', { email: 'zhang@corp.cn' }], ok: true, n: 3 },
        plain: 'login via sms',
        uuid: '0f8fad5b-d9cb-469f-a165-70867728950e',
        longDigits: '1380000000123',
        at: new Date('2026-11-25T02:00:00.000Z'),
      }),
    ).toEqual({
      idNumber: '1101**********7723',
      idLower: '1101**********772x',
      mobile: '138****0001',
      mobileAsNumber: '138****0001',
      email: 'd***@example.com',
      note: 'user 139****0002 / 1101**********7723 / a***@x.cn failed',
      nested: { list: ['138****0001', { email: 'z***@corp.cn' }], ok: true, n: 3 },
      plain: 'login via sms',
      uuid: '0f8fad5b-d9cb-469f-a165-70867728950e',
      longDigits: '1380000000123',
      at: '2026-11-25T02:00:00.000Z',
    });
  });

  it('drops keys naming passwords, codes, secrets and tokens, at every level', () => {
    expect(
      scrubAuditDetails({
        password: 'x',
        newPassword: 'x',
        password_hash: 'x',
        code: '123456',
        smsCode: '123456',
        verify_code: '123456',
        captcha: 'abcd',
        secret: 's',
        clientSecret: 's',
        accessToken: 't',
        refresh_token: 't',
        totp: '123456',
        otp: '1',
        pin: '1',
        nested: { Token: 't', keep: 1, deeper: [{ passwd: 'x', also: 'kept' }] },
        reason: 'bad-password',
        errorCode: 'E_LOCKED',
        divisionCode: '110101',
        footprint: 'kept',
        shipping: 'kept',
      }),
    ).toEqual({
      nested: { keep: 1, deeper: [{ also: 'kept' }] },
      reason: 'bad-password',
      errorCode: 'E_LOCKED',
      divisionCode: '110101',
      footprint: 'kept',
      shipping: 'kept',
    });
    expect(isSecretKey('SMS-CODE')).toBe(true);
    expect(isSecretKey('apiKey')).toBe(true);
    expect(isSecretKey('method')).toBe(false);
  });

  it('append stores only scrubbed details', async () => {
    await audit.append({
      actorType: 'anonymous',
      action: 'login.failure',
      ip: '203.0.113.9',
      details: { username: '13800000001', password: 'hunter2hunter2', idNumber: '110101199003077723', email: 'demo@example.com', reason: 'bad-password' },
    });
    const [r] = await rows();
    expect(JSON.parse(r.details)).toEqual({ username: '138****0001', idNumber: '1101**********7723', email: 'd***@example.com', reason: 'bad-password' });
    expect(r.details).not.toContain('hunter2');
    expect(r.details).not.toContain('13800000001');
    expect(r.details).not.toContain('110101199003077723');
    expect(await audit.verify()).toEqual({ ok: true, count: 1 });
    const [listed] = await audit.list({ limit: 1 });
    expect(listed.details).toEqual({ username: '138****0001', idNumber: '1101**********7723', email: 'd***@example.com', reason: 'bad-password' });
  });
});

describe('transactions and concurrency', () => {
  it('an append inside a transaction that rolls back leaves no record and the head unchanged', async () => {
    await appendMany(2);
    const before = await head();
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('state_entries').values({ key: 'audit-test', value: 'v', expires_at: 0 }).execute();
        const r = await audit.append(entry(3), trx);
        expect(r.seq).toBe(3);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await head()).toEqual(before);
    expect((await rows()).length).toBe(2);
    expect(await db.selectFrom('state_entries').select('key').where('key', '=', 'audit-test').executeTakeFirst()).toBeUndefined();
    // The next append continues the chain where it was.
    expect((await audit.append(entry(4))).seq).toBe(3);
    expect(await audit.verify()).toEqual({ ok: true, count: 3 });
  });

  it('an append inside a committed transaction commits with the change', async () => {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('state_entries').values({ key: 'audit-test-2', value: 'v', expires_at: 0 }).execute();
      await audit.append(entry(1), trx);
    });
    expect((await rows()).length).toBe(1);
    expect(await db.selectFrom('state_entries').select('key').where('key', '=', 'audit-test-2').executeTakeFirst()).toBeDefined();
    expect(await audit.verify()).toEqual({ ok: true, count: 1 });
  });

  it('50 concurrent appends give seq 1..50 and an unbroken chain', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => audit.append(entry(i + 1))));
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const all = await rows();
    expect(all.map((r) => Number(r.seq))).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    for (let i = 1; i < all.length; i++) expect(all[i].prev_hash).toBe(all[i - 1].hash);
    expect(await head()).toEqual({ seq: 50, hash: all[49].hash });
    expect(await audit.verify()).toEqual({ ok: true, count: 50 });
  });

  it('verify running alongside appends does not report a false head mismatch', async () => {
    await appendMany(5);
    const paged = createAuditLog(ctx.deps.db, ctx.clock, { verifyPageSize: 2 });
    const [verified] = await Promise.all([paged.verify(), ...Array.from({ length: 20 }, (_, i) => audit.append(entry(i)))]);
    expect(verified.ok).toBe(true);
    expect(await audit.verify()).toEqual({ ok: true, count: 25 });
  });
});

describe('list', () => {
  it('returns newest first with filters and seq paging', async () => {
    await appendMany(6); // odd i: login.success, even: login.failure; one second apart
    await audit.append({ actorType: 'operator', actorId: 'op-1', action: 'qualification.revoke', targetType: 'qualification', targetId: 'q-9' });
    const all = await audit.list({ limit: 100 });
    expect(all.map((r) => r.seq)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(all[0]).toMatchObject({ actorType: 'operator', actorId: 'op-1', action: 'qualification.revoke', targetType: 'qualification', targetId: 'q-9', details: {} });

    expect((await audit.list({ limit: 2 })).map((r) => r.seq)).toEqual([7, 6]);
    expect((await audit.list({ limit: 2, beforeSeq: 6 })).map((r) => r.seq)).toEqual([5, 4]);
    expect((await audit.list({ action: 'login.failure', limit: 10 })).map((r) => r.seq)).toEqual([6, 4, 2]);
    expect((await audit.list({ actorType: 'account', actorId: 'acc-3', limit: 10 })).map((r) => r.seq)).toEqual([3]);
    expect((await audit.list({ targetType: 'qualification', targetId: 'q-9', limit: 10 })).map((r) => r.seq)).toEqual([7]);
    expect((await audit.list({ actorType: 'operator', limit: 10 })).map((r) => r.seq)).toEqual([7]);

    const at = all.slice().reverse().map((r) => r.at); // at[0] is seq 1
    expect((await audit.list({ from: at[1], to: at[4], limit: 10 })).map((r) => r.seq)).toEqual([4, 3, 2]);
    expect(await audit.list({ limit: 0 })).toHaveLength(1);
  });
});

describe('audit:verify CLI', () => {
  it('exits 0 on an intact log and 1 after tampering', async () => {
    await appendMany(4);
    expect(await runAuditVerify(ctx.config.databaseUrl)).toEqual({ exitCode: 0, line: '审计日志校验通过：4 条记录 / Audit log verified: 4 records' });
    await db.updateTable('audit_log').set({ ip: '10.0.0.1' }).where('seq', '=', 2).execute();
    expect(await runAuditVerify(ctx.config.databaseUrl)).toEqual({
      exitCode: 1,
      line: '审计日志校验失败：第 2 条记录 (hash-mismatch) / Audit log verification failed at record 2 (hash-mismatch)',
    });
  });

  it('exits 1 after the last record was removed', async () => {
    await appendMany(4);
    await db.deleteFrom('audit_log').where('seq', '=', 4).execute();
    const result = await runAuditVerify(ctx.config.databaseUrl);
    expect(result.exitCode).toBe(1);
    expect(result.line).toContain('审计日志校验失败：第 4 条记录 (head-mismatch)');
  });
});
