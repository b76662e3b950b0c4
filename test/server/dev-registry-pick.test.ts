import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProductionTestContext, createTestContext, type TestContext } from '../helpers/context.js';
import { newLoggedInAccount } from '../helpers/accounts.js';
import { verifyLegal } from '../helpers/steps.js';
import { shanghaiDate } from '../../src/server/clock.js';
import { fixedEnterprises } from '../../src/server/seed/fixed-enterprises.js';
import type { PickedEnterprise } from '../../src/shared/schemas/dev.js';

/** GET /__dev/registry/pick (spec README, "Development outbox"). */

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

async function pick(c: TestContext, qualification?: string): Promise<{ status: number; body: PickedEnterprise }> {
  const res = await c.app.inject(`/__dev/registry/pick${qualification ? `?qualification=${qualification}` : ''}`);
  return { status: res.statusCode, body: res.json() };
}

const qualificationsOf = (c: TestContext, uscc: string) => c.deps.db.kysely.selectFrom('qualifications').selectAll().where('uscc', '=', uscc).execute();

describe('GET /__dev/registry/pick', () => {
  it('gives a generated enterprise whose data passes the registry check, of the asked qualification', async () => {
    const today = shanghaiDate(ctx.clock.now());
    const fixed = new Set(fixedEnterprises.map((e) => e.uscc));

    const none = await pick(ctx, 'none');
    expect(none.status).toBe(200);
    expect(Object.keys(none.body).sort()).toEqual(['legalRep', 'legalRepIdNumber', 'name', 'qualification', 'uscc']);
    expect(none.body.qualification).toBe('none');
    expect(await qualificationsOf(ctx, none.body.uscc)).toEqual([]);

    const valid = await pick(ctx, 'valid');
    expect(valid.body.qualification).toBe('valid');
    expect((await qualificationsOf(ctx, valid.body.uscc)).some((q) => q.status === 'active' && q.valid_until >= today)).toBe(true);

    const expired = await pick(ctx, 'kjx-expired');
    expect(expired.status).toBe(200);
    expect(expired.body.qualification).toBe('kjx-expired');
    const kjx = await qualificationsOf(ctx, expired.body.uscc);
    expect(kjx.some((q) => q.type === 'kjx' && q.valid_until < today)).toBe(true);
    expect(kjx.some((q) => q.valid_until >= today)).toBe(false);

    for (const e of [none.body, valid.body, expired.body]) {
      expect(fixed.has(e.uscc)).toBe(false);
      expect(await ctx.deps.enterpriseRegistry.verify({ name: e.name, uscc: e.uscc, legalRepName: e.legalRep, legalRepIdNumber: e.legalRepIdNumber })).toBe(true);
    }
    // Without a qualification: one without any.
    const plain = await pick(ctx);
    expect(plain.body.qualification).toBe('none');
    expect(await qualificationsOf(ctx, plain.body.uscc)).toEqual([]);
  });

  it('never gives the same enterprise twice, even to concurrent callers', async () => {
    const picks = await Promise.all(Array.from({ length: 12 }, () => pick(ctx, 'valid')));
    const more = [...picks, await pick(ctx, 'valid'), await pick(ctx, 'valid')];
    expect(more.every((p) => p.status === 200)).toBe(true);
    expect(new Set(more.map((p) => p.body.uscc)).size).toBe(more.length);
  });

  it('skips an enterprise an account holds: 实名认证 with a pick works, and that enterprise is not picked again', async () => {
    // Two servers on copies of one database pick the same enterprises in the same order.
    const other = await createTestContext();
    try {
      const first = (await pick(other, 'none')).body;
      const second = (await pick(other, 'none')).body;

      const fresh = await createTestContext();
      try {
        const { client } = await newLoggedInAccount(fresh);
        await verifyLegal(client, { name: first.name, uscc: first.uscc, legalRepName: first.legalRep, legalRepIdNumber: first.legalRepIdNumber });
        expect((await pick(fresh, 'none')).body.uscc).toBe(second.uscc);
      } finally {
        await fresh.close();
      }
    } finally {
      await other.close();
    }
  });

  it('refuses an unknown qualification in the error model', async () => {
    const res = await ctx.app.inject('/__dev/registry/pick?qualification=gold');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('GET /__dev/registry/pick in production', () => {
  let prod: TestContext;
  beforeAll(async () => {
    prod = await createProductionTestContext();
  });
  afterAll(async () => prod?.close());

  it('does not exist', async () => {
    const res = await prod.app.inject({ url: '/__dev/registry/pick?qualification=none', headers: { host: 'tidu.example.gov.cn' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});
