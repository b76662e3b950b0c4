import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { createPurgeJob } from '../../../src/server/jobs/purge-expired.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

describe('purge job', () => {
  it('removes expired sessions, state and codes and keeps live ones', async () => {
    await ctx.deps.sessions.create('uc', 'acc-idle', {});
    await ctx.deps.sessions.create('uc', 'acc-old', {});
    await ctx.deps.store.set('short', 'x', 1000);
    ctx.clock.advance(31 * 60_000);
    const purge = createPurgeJob(ctx.deps);
    const first = await purge();
    expect(first.sessions).toBeGreaterThanOrEqual(2);
    expect(first.stateEntries).toBeGreaterThanOrEqual(1);
    const fresh = await ctx.deps.sessions.create('uc', 'acc-new', {});
    expect((await purge()).sessions).toBe(0);
    expect(await ctx.deps.sessions.read('uc', fresh)).not.toBeNull();
  });
});
