import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPurgeJob } from '../../../src/server/jobs/purge-expired.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';

/**
 * Audit log kept ≥ 6 months (quality.md; 等保 2.0 安全审计): the scheduled purge removes expired
 * sessions, state and codes, never audit records, and the chain still verifies afterwards.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

describe('audit log retention', () => {
  it('a record survives the purge job 7 months later, and the chain verifies', async () => {
    const { seq } = await ctx.deps.audit.append({ actorType: 'operator', actorId: 'op-retention', action: 'retention.check', targetType: null, targetId: null, ip: null, details: {} });
    await ctx.deps.sessions.create('uc', 'acc-retention', {});
    const before = await ctx.deps.db.kysely.selectFrom('audit_log').select('seq').execute();
    ctx.clock.advance(213 * 24 * 60 * 60_000); // 7 months
    const purged = await createPurgeJob(ctx.deps)();
    expect(purged.sessions).toBeGreaterThanOrEqual(1); // the job did run and delete what expires
    const after = await ctx.deps.db.kysely.selectFrom('audit_log').select('seq').execute();
    expect(after.map((r) => r.seq)).toEqual(expect.arrayContaining(before.map((r) => r.seq)));
    expect(after.some((r) => r.seq === seq)).toBe(true);
    expect(await ctx.deps.audit.verify()).toMatchObject({ ok: true });
  });
});
