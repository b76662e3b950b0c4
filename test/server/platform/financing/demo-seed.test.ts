import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../helpers/context.js';
import { TEST_EPOCH } from '../../../helpers/template.js';
import { seedDemoRegistrations } from '../../../../src/server/seed/registrations.js';
import { fixedEnterprises } from '../../../../src/server/seed/fixed-enterprises.js';
import { unsealPayload } from '../../../../src/server/platform/financing/sealed-payload.js';
import { registrationPayloadSchema } from '../../../../src/shared/schemas/registration.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  const k = ctx.deps.db.kysely;
  for (const table of ['registration_versions', 'registrations', 'financing_consent_events', 'financing_consents'] as const) await k.deleteFrom(table).execute();
});
afterAll(async () => ctx?.close());

describe('demo registrations (spec README demo data)', () => {
  it('~200 generated qualified enterprises submitted over the last 60 days, valid, personal data sealed, about 60 % consenting; none of the fixed ones; once', async () => {
    const n = await seedDemoRegistrations(ctx.deps);
    expect(n).toBeGreaterThanOrEqual(150);
    expect(n).toBeLessThanOrEqual(200);
    const k = ctx.deps.db.kysely;
    const versions = await k.selectFrom('registration_versions').selectAll().execute();
    expect(versions).toHaveLength(n);
    const fixed = new Set(fixedEnterprises.map((e) => e.uscc));
    const epoch = Date.parse(TEST_EPOCH);
    expect(new Set(versions.map((v) => v.acceptance_no)).size).toBe(n);
    for (const v of versions) {
      expect(fixed.has(v.uscc)).toBe(false);
      expect(v.acceptance_no).toMatch(/^DJ\d{8}\d{6}$/);
      expect(v.data_year).toBe(2025);
      expect(epoch - Date.parse(v.submitted_at)).toBeGreaterThanOrEqual(0);
      expect(epoch - Date.parse(v.submitted_at)).toBeLessThan(60 * 86400_000);
      expect(v.payload).not.toMatch(/1\d{10}/);
      expect(registrationPayloadSchema.safeParse(unsealPayload(v.payload, ctx.deps.pii)).success).toBe(true);
    }
    expect(new Set(versions.map((v) => JSON.parse(v.payload).basic.districtCode.slice(0, 2))).size).toBeGreaterThan(10);
    const consents = await k.selectFrom('financing_consents').selectAll().execute();
    expect(consents.length / n).toBeGreaterThan(0.4);
    expect(consents.length / n).toBeLessThan(0.8);
    expect(await seedDemoRegistrations(ctx.deps)).toBe(0);
  });
});
