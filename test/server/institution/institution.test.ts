import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { TestClient, solveCaptcha } from '../../helpers/client.js';
import { platformSessionData } from '../../helpers/sessions.js';
import { financingRepo } from '../../../src/server/db/repos/financing.js';
import { institutionRepo } from '../../../src/server/db/repos/institutions.js';
import { INSTITUTION_ROUTES } from '../../../src/shared/schemas/institution.js';

let ctx: TestContext;
let bankUserId: string;
let enterpriseAccountId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  bankUserId = (await ctx.deps.db.kysely.selectFrom('institution_users').select('id').where('username', '=', 'bank_demo').executeTakeFirstOrThrow()).id;
  enterpriseAccountId = (await ctx.deps.db.kysely.selectFrom('accounts').select('id').where('login_name', '=', 'demo_xjr').executeTakeFirstOrThrow()).id;
});
afterAll(async () => ctx?.close());

async function bank(): Promise<TestClient> {
  const client = new TestClient(ctx.app);
  client.cookies.set('inst_sid', await ctx.deps.sessions.create('institution', bankUserId, { role: 'province', regionCode: '', name: '京华银行客户经理' }));
  return client;
}

/** Consenting scored enterprises by region (registry division code). */
async function consenting(inRegion: boolean) {
  const rows = await ctx.deps.db.kysely
    .selectFrom('scores as s')
    .innerJoin('financing_consents as c', 'c.uscc', 's.uscc')
    .innerJoin('enterprise_registry as r', 'r.uscc', 's.uscc')
    .select(['s.uscc', 'r.division_code', 'c.consented'])
    .execute();
  return rows.filter((r) => r.consented === 1 && /^(11|31)/.test(r.division_code) === inRegion);
}

describe('金融机构端', () => {
  it('bank_demo logs in with password and captcha (demo, no TOTP in test)', async () => {
    const client = new TestClient(ctx.app);
    const res = await client.post('/api/institution/login', { username: 'bank_demo', password: 'Demo@2025', ...(await solveCaptcha(ctx, client)) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ step: 'done' });
    const profile = await client.get(INSTITUTION_ROUTES.profile);
    expect(profile.json()).toMatchObject({ institution: '京华银行股份有限公司', regions: ['11', '31'] });
    // An institution session is no 管理端 session.
    expect((await client.get('/api/admin/operators')).statusCode).toBe(401);
  });

  it('企业名单: consenting submitted enterprises in the regions only, by score, paged, with 融资需求', async () => {
    const client = await bank();
    const res = await client.post(INSTITUTION_ROUTES.list, { current: 1, pageSize: 10 });
    expect(res.statusCode, res.body).toBe(200);
    const { data, total } = res.json() as { data: { uscc: string; regionCode: string; score: string; financing: { amount: string | null } }[]; total: number };
    expect(total).toBe((await consenting(true)).length);
    expect(total).toBeGreaterThan(10);
    expect(data).toHaveLength(10);
    for (const row of data) expect(row.regionCode).toMatch(/^(11|31)/);
    const scores = data.map((r) => Number(r.score));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const asc = (await client.post(INSTITUTION_ROUTES.list, { sort: 'score_asc', pageSize: 5 })).json() as { data: { score: string }[] };
    expect(Number(asc.data[0].score)).toBeLessThanOrEqual(Number(data.at(-1)!.score));
    // Filters: region, 融资需求 amount, nonsense region of another province → nothing.
    const sh = (await client.post(INSTITUTION_ROUTES.list, { region: '31' })).json() as { data: { regionCode: string }[] };
    for (const row of sh.data) expect(row.regionCode).toMatch(/^31/);
    const withNeed = (await client.post(INSTITUTION_ROUTES.list, { amountMin: 500, pageSize: 100 })).json() as { data: { financing: { amount: string | null } }[]; total: number };
    expect(withNeed.total).toBeGreaterThan(0);
    for (const row of withNeed.data) expect(Number(row.financing.amount)).toBeGreaterThanOrEqual(500);
    expect((await client.post(INSTITUTION_ROUTES.list, { region: '44' })).json()).toMatchObject({ total: 0, data: [] });
    const bad = await client.post(INSTITUTION_ROUTES.list, { scoreMin: 'abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('detail masks personal data, is audited and shown to the enterprise; 【查看联系方式】 reveals and is audited', async () => {
    const client = await bank();
    const [target] = await consenting(true);
    const res = await client.post(INSTITUTION_ROUTES.detail, { uscc: target.uscc });
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json();
    expect(detail.contactMobile).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(detail.contactName).toContain('*');
    expect(detail.score).toBeTruthy();
    const contact = (await client.post(INSTITUTION_ROUTES.contact, { uscc: target.uscc })).json();
    expect(contact.contactMobile).toMatch(/^1\d{10}$/);
    const audits = await ctx.deps.db.kysely.selectFrom('audit_log').select(['action', 'actor_type']).where('target_id', '=', target.uscc).execute();
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['institution.enterprise_view', 'institution.contact_reveal']));
    const views = await institutionRepo(ctx.deps.db).activityOf(target.uscc);
    expect(views.views.map((v) => v.kind).sort()).toEqual(['contact', 'detail']);
  });

  it('another region, a non-consenting enterprise, unknown: 404 and no data', async () => {
    const client = await bank();
    const [outside] = await consenting(false);
    expect(outside).toBeDefined();
    for (const route of [INSTITUTION_ROUTES.detail, INSTITUTION_ROUTES.contact, INSTITUTION_ROUTES.timeline]) {
      const res = await client.post(route, { uscc: outside.uscc });
      expect(res.statusCode, route).toBe(404);
      expect(res.body).not.toContain(outside.uscc);
    }
    expect((await client.post(INSTITUTION_ROUTES.record, { uscc: outside.uscc, outcome: 'contacted' })).statusCode).toBe(404);
    const nonConsenting = await ctx.deps.db.kysely
      .selectFrom('scores as s')
      .innerJoin('enterprise_registry as r', 'r.uscc', 's.uscc')
      .leftJoin('financing_consents as c', 'c.uscc', 's.uscc')
      .select('s.uscc')
      .where('c.uscc', 'is', null)
      .where('r.division_code', 'like', '11%')
      .executeTakeFirstOrThrow();
    expect((await client.post(INSTITUTION_ROUTES.detail, { uscc: nonConsenting.uscc })).statusCode).toBe(404);
    // A session of a disabled user is refused.
    await ctx.deps.db.kysely.updateTable('institution_users').set({ status: 'disabled' }).where('id', '=', bankUserId).execute();
    expect((await client.post(INSTITUTION_ROUTES.list, {})).statusCode).toBe(401);
    await ctx.deps.db.kysely.updateTable('institution_users').set({ status: 'active' }).where('id', '=', bankUserId).execute();
  });

  it('【登记对接】 已授信 500 万元; the enterprise sees it; 【撤回授权】 removes access at once, own entries stay', async () => {
    const client = await bank();
    const uscc = '91110108MA01A1B215';
    // demo_xjr consents and has a submitted, scored version for the test (the service writes the same rows at 提交).
    const [target] = await consenting(true);
    const k = ctx.deps.db.kysely;
    const version = await k.selectFrom('registration_versions').selectAll().where('uscc', '=', target.uscc).executeTakeFirstOrThrow();
    const score = await k.selectFrom('scores').selectAll().where('uscc', '=', target.uscc).executeTakeFirstOrThrow();
    const registration = await k.selectFrom('registrations').selectAll().where('id', '=', version.registration_id).executeTakeFirstOrThrow();
    await k.insertInto('registrations').values({ ...registration, id: 'reg-xjr', uscc }).execute();
    await k.insertInto('registration_versions').values({ ...version, id: 'ver-xjr', registration_id: 'reg-xjr', uscc, acceptance_no: 'DJTEST000001' }).execute();
    await k.insertInto('scores').values({ ...score, id: 'score-xjr', uscc, registration_id: 'reg-xjr', version_id: 'ver-xjr' }).execute();
    const notice = await financingRepo(ctx.deps.db).currentNotice();
    await financingRepo(ctx.deps.db).setConsent({ uscc, consented: true, noticeVersion: notice.version, accountId: enterpriseAccountId, at: ctx.clock.now().toISOString() });

    expect((await client.post(INSTITUTION_ROUTES.record, { uscc, outcome: 'granted', amount: '500', rate: '3.6', termMonths: 12 })).statusCode).toBe(200);
    expect((await client.post(INSTITUTION_ROUTES.record, { uscc, outcome: 'granted', amount: '-1', rate: '3.6', termMonths: 12 })).statusCode).toBe(400);
    expect((await client.post(INSTITUTION_ROUTES.record, { uscc, outcome: 'rejected', reason: '' })).statusCode).toBe(400);

    const enterprise = new TestClient(ctx.app);
    enterprise.cookies.set('pf_sid', await ctx.deps.sessions.create('platform', enterpriseAccountId, platformSessionData(ctx.deps.pii)));
    const activity = (await enterprise.get(INSTITUTION_ROUTES.mine)).json();
    expect(activity.consented).toBe(true);
    expect(activity.records[0]).toMatchObject({ institution: '京华银行股份有限公司', outcome: 'granted', amount: '500', rate: '3.6', termMonths: 12 });

    const withdrawn = await enterprise.post(INSTITUTION_ROUTES.withdraw, {});
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json().consented).toBe(false);
    expect((await client.post(INSTITUTION_ROUTES.detail, { uscc })).statusCode).toBe(404);
    expect((await client.post(INSTITUTION_ROUTES.contact, { uscc })).statusCode).toBe(404);
    expect((await client.post(INSTITUTION_ROUTES.record, { uscc, outcome: 'contacted' })).statusCode).toBe(404);
    const list = (await client.post(INSTITUTION_ROUTES.list, { pageSize: 100, region: '11' })).json() as { data: { uscc: string }[] };
    expect(list.data.map((r) => r.uscc)).not.toContain(uscc);
    const timeline = (await client.post(INSTITUTION_ROUTES.timeline, { uscc })).json();
    expect(timeline.entries).toHaveLength(1);
    expect(JSON.stringify(timeline)).not.toMatch(/contact/i);
    // History stays in the audit log.
    const audit = await k.selectFrom('audit_log').select('action').where('target_id', '=', uscc).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['institution.matchmaking_record', 'financing.consent_withdrawn']));

    const stats = await institutionRepo(ctx.deps.db).matchmakingStats({ regionPrefix: null });
    expect(stats.total.grantedCount).toBeGreaterThanOrEqual(2);
    expect(stats.byInstitution[0]).toMatchObject({ name: '京华银行股份有限公司' });
    expect((await institutionRepo(ctx.deps.db).matchmakingStats({ regionPrefix: '44' })).total).toEqual({ contacted: 0, grantedCount: 0, grantedWan: '0.00' });
  });

  it('enterprise routes need a verified 法人; institution routes need an institution session', async () => {
    const anonymous = new TestClient(ctx.app);
    expect((await anonymous.get(INSTITUTION_ROUTES.mine)).statusCode).toBe(401);
    expect((await anonymous.post(INSTITUTION_ROUTES.list, {})).statusCode).toBe(401);
    const natural = new TestClient(ctx.app);
    natural.cookies.set('pf_sid', await ctx.deps.sessions.create('platform', enterpriseAccountId, platformSessionData(ctx.deps.pii, { userType: 'natural', uscc: null })));
    expect((await natural.post(INSTITUTION_ROUTES.withdraw, {})).statusCode).toBe(403);
    expect((await natural.post(INSTITUTION_ROUTES.list, {})).statusCode).toBe(401);
  });
});
