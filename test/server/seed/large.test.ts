import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { generateLargeDemo, largeUsccBody, LARGE_SEED_ACTOR, type LargeDemoSummary } from '../../../src/server/seed/large.js';
import { parseDemoLargeArgs } from '../../../src/server/cli/demo-large.js';
import { unsealPayload } from '../../../src/server/platform/financing/sealed-payload.js';
import { registrationPayloadSchema, type RegistrationPayload } from '../../../src/shared/schemas/registration.js';
import { validateEnterpriseName, validateIdNumber, validateUscc } from '../../../src/shared/validators/index.js';
import { isDistrictCode } from '../../../src/shared/regions.js';
import { shanghaiDate } from '../../../src/server/clock.js';

const require = createRequire(import.meta.url);
const smallClasses = new Set((require('../../../src/shared/data/reference/gbt4754-2017.json') as { code: string; level: number }[]).filter((i) => i.level === 4).map((i) => i.code));

const N = 500;
let ctx: TestContext;
let summary: LargeDemoSummary;
let before: Set<string>;
beforeAll(async () => {
  ctx = await createTestContext();
  before = new Set((await ctx.deps.db.kysely.selectFrom('enterprise_registry').select('uscc').execute()).map((r) => r.uscc));
  summary = await generateLargeDemo(ctx.deps, { enterprises: N, seed: 5, batch: 120 });
}, 120_000);
afterAll(async () => ctx?.close());

describe('demo:large generator (issue 18)', () => {
  it(`writes ${N} registry enterprises with valid, unique USCCs across regions and GB/T 4754 小类, 法定代表人 encrypted`, async () => {
    const k = ctx.deps.db.kysely;
    const rows = (await k.selectFrom('enterprise_registry').selectAll().execute()).filter((r) => !before.has(r.uscc));
    expect(rows).toHaveLength(N);
    expect(summary.enterprises).toBe(N);
    expect(new Set(rows.map((r) => r.uscc)).size).toBe(N);
    for (const r of rows) {
      expect(validateUscc(r.uscc)).toEqual({ ok: true, value: r.uscc });
      expect(r.uscc.slice(2, 8)).toBe(r.division_code);
      expect(isDistrictCode(r.division_code)).toBe(true);
      expect(smallClasses.has(r.industry_code)).toBe(true);
      expect(validateEnterpriseName(r.name).ok).toBe(true);
      const idNumber = ctx.deps.pii.decrypt(r.legal_rep_id_enc);
      expect(validateIdNumber(idNumber, ctx.clock.now()).ok).toBe(true);
      expect(r.legal_rep_id_enc).not.toContain(idNumber);
      expect(r.legal_rep_id_hash).toBe(ctx.deps.pii.lookupHash(idNumber, 'id_number'));
      const name = ctx.deps.pii.decrypt(r.legal_rep_name_enc);
      expect(name).toMatch(/^\p{Script=Han}{2,3}$/u);
      expect(r.legal_rep_name_hash).toBe(ctx.deps.pii.lookupHash(name, 'legal_rep_name'));
    }
    expect(new Set(rows.map((r) => r.division_code.slice(0, 2))).size).toBeGreaterThanOrEqual(25);
    expect(new Set(rows.map((r) => r.industry_code.slice(0, 2))).size).toBeGreaterThanOrEqual(20);
  });

  it('qualifications valid today for about 70 %; a submitted, sealed, schema-valid version for most of them, each scored; consent for a share', async () => {
    const k = ctx.deps.db.kysely;
    const generated = (await k.selectFrom('enterprise_registry').select(['uscc', 'division_code', 'industry_code']).execute()).filter((r) => !before.has(r.uscc));
    const registry = new Map(generated.map((r) => [r.uscc, r]));
    const today = shanghaiDate(ctx.clock.now());
    const qualifications = (await k.selectFrom('qualifications').selectAll().execute()).filter((q) => registry.has(q.uscc));
    expect(qualifications).toHaveLength(summary.qualifications);
    expect(qualifications.length / N).toBeGreaterThan(0.6);
    expect(qualifications.length / N).toBeLessThan(0.8);
    expect(new Set(qualifications.map((q) => q.type))).toEqual(new Set(['kjx', 'cxx', 'zjtx', 'xjr']));
    for (const q of qualifications) {
      expect(q.status).toBe('active');
      expect(q.recognized_on <= today && q.valid_until >= today).toBe(true);
      expect(q.region_code).toBe(registry.get(q.uscc)!.division_code);
    }
    const qualified = new Set(qualifications.map((q) => q.uscc));

    const versions = (await k.selectFrom('registration_versions').selectAll().where('submitted_by', '=', LARGE_SEED_ACTOR).execute());
    expect(versions).toHaveLength(summary.submissions);
    expect(versions.length / qualifications.length).toBeGreaterThan(0.75);
    expect(new Set(versions.map((v) => v.acceptance_no)).size).toBe(versions.length);
    const registrations = new Map((await k.selectFrom('registrations').selectAll().execute()).map((r) => [r.id, r]));
    for (const v of versions) {
      expect(qualified.has(v.uscc)).toBe(true);
      expect(v.data_year).toBe(summary.dataYear);
      const registration = registrations.get(v.registration_id)!;
      expect(registration).toMatchObject({ uscc: v.uscc, status: 'submitted', latest_version: 1, data_year: summary.dataYear });
      // 联系人手机 is only inside the ciphertext.
      expect(v.payload).not.toMatch(/1\d{10}/);
      const payload = unsealPayload<RegistrationPayload>(v.payload, ctx.deps.pii);
      expect(registrationPayloadSchema.safeParse(payload).success).toBe(true);
      expect(payload.basic.districtCode).toBe(registry.get(v.uscc)!.division_code);
      expect(registry.get(v.uscc)!.industry_code.startsWith(payload.basic.industryCode)).toBe(true);
    }

    const scores = (await k.selectFrom('scores').selectAll().where('data_year', '=', summary.dataYear).execute()).filter((s) => registry.has(s.uscc));
    expect(scores).toHaveLength(versions.length);
    const versionIds = new Set(versions.map((v) => v.id));
    for (const s of scores) {
      expect(versionIds.has(s.version_id)).toBe(true);
      expect(s.peer_size).toBeGreaterThan(0);
      expect(s.run_id).not.toBeNull();
      expect(s.total_hundredths).toBeGreaterThanOrEqual(0);
    }
    // Plausible spread: not all the same total.
    expect(new Set(scores.map((s) => s.total_hundredths)).size).toBeGreaterThan(versions.length / 2);

    const consents = (await k.selectFrom('financing_consents').selectAll().where('account_id', '=', LARGE_SEED_ACTOR).execute());
    expect(consents).toHaveLength(summary.consents);
    expect(consents.length / versions.length).toBeGreaterThan(0.45);
    expect(consents.length / versions.length).toBeLessThan(0.75);
    for (const c of consents) expect(versions.some((v) => v.uscc === c.uscc)).toBe(true);
  });

  it('refuses the same seed twice; another seed adds disjoint enterprises', async () => {
    await expect(generateLargeDemo(ctx.deps, { enterprises: 10, seed: 5 })).rejects.toThrow(/seed 5/);
    const more = await generateLargeDemo(ctx.deps, { enterprises: 10, seed: 6, score: false });
    expect(more.enterprises).toBe(10);
    expect(new Set(Array.from({ length: 1000 }, (_, i) => largeUsccBody(5, i))).size).toBe(1000);
  });

  it('command-line options', () => {
    expect(parseDemoLargeArgs(['--enterprises', '1000000', '--seed', '3', '--no-score'])).toMatchObject({ enterprises: 1_000_000, seed: 3, score: false });
    expect(() => parseDemoLargeArgs(['--qualified', '2'])).toThrow();
    expect(() => parseDemoLargeArgs(['--enterprises', 'many'])).toThrow();
  });
});
