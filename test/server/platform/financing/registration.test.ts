import crypto from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../helpers/context.js';
import { TestClient, latestCode, solveCaptcha } from '../../../helpers/client.js';
import { operatorSessionData } from '../../../helpers/sessions.js';
import { TEST_EPOCH } from '../../../helpers/template.js';
import { financingRepo, type FinancingRepo } from '../../../../src/server/db/repos/financing.js';
import { DEMO_PASSWORD } from '../../../../src/server/seed/accounts.js';
import { FINANCING_ROUTES, GATE_MESSAGES, receiptUrl, attachmentUrl } from '../../../../src/shared/schemas/registration.js';
import { KJX, KJX_EXPIRED, UNQUALIFIED, XJR, XJR_INCOMPLETE, ZJTX, completeProfile, platformClient, readNotice, validPayload } from './helpers.js';

let ctx: TestContext;
let repo: FinancingRepo;

beforeAll(async () => {
  ctx = await createTestContext();
  repo = financingRepo(ctx.deps.db);
});
afterAll(async () => ctx?.close());
beforeEach(async () => {
  // Every test starts at the template's instant with no registration, consent or window row.
  ctx.clock.set(TEST_EPOCH);
  const k = ctx.deps.db.kysely;
  await k.deleteFrom('registration_versions').execute();
  await k.deleteFrom('registrations').execute();
  await k.deleteFrom('financing_consent_events').execute();
  await k.deleteFrom('financing_consents').execute();
  await k.deleteFrom('filing_window').execute();
  await k.deleteFrom('financing_notices').where('version', '>', 1).execute();
  for (const uscc of [XJR, ZJTX, KJX]) await completeProfile(ctx, uscc);
});

/** The newest audit record's seq (records of earlier tests stay). */
async function lastAuditSeq(): Promise<number> {
  const row = await ctx.deps.db.kysely.selectFrom('audit_log').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/** Fetches the CSRF token before concurrent posts (each would otherwise fetch its own and overwrite the other's cookie). */
async function warmCsrf(client: TestClient) {
  await client.post(FINANCING_ROUTES.consent, {});
}

const errorOf = (res: { statusCode: number; json(): { code: string; message: string; fieldErrors: Record<string, string> } }) => ({ status: res.statusCode, ...res.json() });

describe('【去登记】 gate (flows.md order)', () => {
  it('anonymous callers get 401 on every route', async () => {
    const client = new TestClient(ctx.app);
    for (const url of [FINANCING_ROUTES.gate, FINANCING_ROUTES.notice, FINANCING_ROUTES.form, FINANCING_ROUTES.versions, receiptUrl('x'), attachmentUrl('x')]) {
      const res = await client.get(url);
      expect(res.statusCode, url).toBe(401);
      expect(res.json().message).toBe('请先登录');
    }
    for (const url of [FINANCING_ROUTES.consent, FINANCING_ROUTES.draft, FINANCING_ROUTES.autosave, FINANCING_ROUTES.submit, FINANCING_ROUTES.modify]) {
      expect((await client.post(url, { revision: 0 })).statusCode, url).toBe(401);
    }
  });

  it('a 自然人 gets the 自然人 dialog, and no data route lets it in', async () => {
    const client = await platformClient(ctx, null);
    expect((await client.get(FINANCING_ROUTES.gate)).json()).toEqual({ step: 'natural', message: '融资服务专区仅面向已完成实名认证的企业法人账户' });
    for (const url of [FINANCING_ROUTES.notice, FINANCING_ROUTES.form, FINANCING_ROUTES.versions]) {
      const res = await client.get(url);
      expect(res.statusCode, url).toBe(403);
      expect(res.body).not.toContain('values');
    }
    expect((await client.post(FINANCING_ROUTES.draft, { revision: 0 })).statusCode).toBe(403);
  });

  it('no valid qualification (none, 科技型 expired, revoked, not yet valid) → "此项功能未对当前账号企业开放"', async () => {
    for (const uscc of [UNQUALIFIED, KJX_EXPIRED]) {
      const client = await platformClient(ctx, uscc);
      expect((await client.get(FINANCING_ROUTES.gate)).json(), uscc).toEqual({ step: 'not-eligible', message: GATE_MESSAGES.notEligible });
      const res = await client.get(FINANCING_ROUTES.notice);
      expect(errorOf(res)).toMatchObject({ status: 403, code: 'FINANCING_NOT_OPEN', message: '此项功能未对当前账号企业开放' });
      expect((await client.post(FINANCING_ROUTES.draft, { revision: 0 })).json().code).toBe('FINANCING_NOT_OPEN');
    }
    const k = ctx.deps.db.kysely;
    const original = await k.selectFrom('qualifications').selectAll().where('uscc', '=', ZJTX).execute();
    try {
      const client = await platformClient(ctx, ZJTX);
      expect((await client.get(FINANCING_ROUTES.gate)).json().step).toBe('notice');
      await k.updateTable('qualifications').set({ status: 'revoked' }).where('uscc', '=', ZJTX).execute();
      expect((await client.get(FINANCING_ROUTES.gate)).json().step).toBe('not-eligible');
      await k.updateTable('qualifications').set({ status: 'active', recognized_on: '2026-11-26' }).where('uscc', '=', ZJTX).execute();
      expect((await client.get(FINANCING_ROUTES.gate)).json().step).toBe('not-eligible');
      // Valid from the 认定日期 on (Shanghai date): 2026-11-26 00:00 is 2026-11-25T16:00Z.
      ctx.clock.set('2026-11-25T16:00:00.000Z');
      const later = await platformClient(ctx, ZJTX);
      expect((await later.get(FINANCING_ROUTES.gate)).json().step).toBe('notice');
    } finally {
      for (const q of original) await k.updateTable('qualifications').set({ status: q.status, recognized_on: q.recognized_on }).where('id', '=', q.id).execute();
    }
  });

  it('企业信息 incomplete → "请先完善企业基本信息" (after the 自然人 and qualification checks)', async () => {
    const client = await platformClient(ctx, XJR_INCOMPLETE);
    expect((await client.get(FINANCING_ROUTES.gate)).json()).toEqual({ step: 'incomplete', message: '请先完善企业基本信息' });
    for (const url of [FINANCING_ROUTES.notice, FINANCING_ROUTES.form]) {
      expect(errorOf(await client.get(url)), url).toMatchObject({ status: 409, code: 'FINANCING_PROFILE_INCOMPLETE', message: '请先完善企业基本信息' });
    }
    // Not qualified and incomplete: the qualification dialog comes first.
    expect((await (await platformClient(ctx, UNQUALIFIED)).get(FINANCING_ROUTES.gate)).json().step).toBe('not-eligible');
    // Completed: on to the notice.
    await completeProfile(ctx, XJR_INCOMPLETE);
    try {
      expect((await client.get(FINANCING_ROUTES.gate)).json().step).toBe('notice');
    } finally {
      await ctx.deps.db.kysely.deleteFrom('enterprise_profiles').where('uscc', '=', XJR_INCOMPLETE).execute();
    }
  });

  it('科技型 入库 valid today, 小巨人 and 专精特新 → the notice', async () => {
    for (const uscc of [KJX, XJR, ZJTX]) {
      const client = await platformClient(ctx, uscc);
      expect((await client.get(FINANCING_ROUTES.gate)).json(), uscc).toEqual({ step: 'notice', message: null });
    }
  });

  it('科技型 valid until 12-31: the last day counts, the next day does not', async () => {
    const validUntil = (await ctx.deps.db.kysely.selectFrom('qualifications').select('valid_until').where('uscc', '=', KJX).executeTakeFirstOrThrow()).valid_until;
    expect(validUntil).toBe('2026-12-31');
    ctx.clock.set('2026-12-31T15:59:59.000Z'); // 23:59:59 in Shanghai
    expect((await (await platformClient(ctx, KJX)).get(FINANCING_ROUTES.gate)).json().step).toBe('notice');
    ctx.clock.set('2026-12-31T16:00:00.000Z'); // 2027-01-01 00:00
    expect((await (await platformClient(ctx, KJX)).get(FINANCING_ROUTES.gate)).json().step).toBe('not-eligible');
  });
});

describe('提示事项', () => {
  it('shows the versioned text naming what a bank sees, and records when this session opened it', async () => {
    const client = await platformClient(ctx, XJR);
    const first = (await client.get(FINANCING_ROUTES.notice)).json();
    expect(first.version).toBe(1);
    expect(first.body).toContain('联系人和联系人手机');
    expect(first.body).toContain('真实');
    expect(first.consentLabel).toBe('同意将本企业登记信息推送至合作金融机构');
    expect(first.openedAt).toBe(new Date(TEST_EPOCH).toISOString());
    expect(first.readyAt).toBe(new Date(Date.parse(TEST_EPOCH) + 10_000).toISOString());
    ctx.clock.advance(3000);
    // Opening it again keeps the first opening.
    expect((await client.get(FINANCING_ROUTES.notice)).json().openedAt).toBe(first.openedAt);
    expect((await client.get(FINANCING_ROUTES.form)).json().noticeReadyAt).toBe(first.readyAt);
  });

  it('saves before 10 s of reading are refused with "请阅读提示事项后再填报"; at 10 s they pass', async () => {
    const client = await platformClient(ctx, XJR);
    expect(errorOf(await client.post(FINANCING_ROUTES.draft, { revision: 0 }))).toMatchObject({ status: 409, code: 'FINANCING_NOTICE_UNREAD', message: '请阅读提示事项后再填报' });
    expect((await client.get(FINANCING_ROUTES.form)).json().noticeReadyAt).toBeNull();
    await client.get(FINANCING_ROUTES.notice);
    ctx.clock.advance(9_999);
    for (const url of [FINANCING_ROUTES.draft, FINANCING_ROUTES.autosave]) expect((await client.post(url, { revision: 0 })).json().code).toBe('FINANCING_NOTICE_UNREAD');
    expect((await client.post(FINANCING_ROUTES.submit, { revision: 0, ...validPayload() })).json().code).toBe('FINANCING_NOTICE_UNREAD');
    ctx.clock.advance(1);
    expect((await client.post(FINANCING_ROUTES.autosave, { revision: 0 })).statusCode).toBe(200);
    // The timer belongs to the session: another session of the same enterprise has not read it.
    const other = await platformClient(ctx, XJR);
    expect((await other.post(FINANCING_ROUTES.draft, { revision: 1 })).json().code).toBe('FINANCING_NOTICE_UNREAD');
  });
});

describe('consent (the enterprise’s, an event only on a change)', () => {
  // A second between answers, so that the events' times order them.
  const consent = (client: TestClient, consented: boolean, noticeVersion = 1) => {
    ctx.clock.advance(1000);
    return client.post(FINANCING_ROUTES.consent, { consented, noticeVersion });
  };

  it('records changes only, audited, and re-asks after a notice version that changes the data use', async () => {
    const client = await platformClient(ctx, XJR);
    expect((await client.get(FINANCING_ROUTES.notice)).json().consent).toEqual({ consented: false, askAgain: false, noticeVersion: null, changedAt: null });
    expect((await consent(client, false)).json().consented).toBe(false);
    expect(await repo.consentEvents(XJR)).toHaveLength(0);

    const given = await consent(client, true);
    expect(given.statusCode).toBe(200);
    expect(given.json()).toMatchObject({ consented: true, askAgain: false, noticeVersion: 1 });
    await consent(client, true);
    // Another account of the same enterprise sees the enterprise's state.
    const colleague = await platformClient(ctx, XJR);
    expect((await colleague.get(FINANCING_ROUTES.notice)).json().consent.consented).toBe(true);
    await consent(colleague, true);
    expect(await repo.consentEvents(XJR)).toHaveLength(1);
    expect(await repo.hasConsent(XJR)).toBe(true);
    expect(await repo.consentingEnterprises()).toEqual([XJR]);

    await consent(client, false);
    await consent(client, false);
    const events = await repo.consentEvents(XJR);
    expect(events.map((e) => e.consented)).toEqual([1, 0]);
    expect(events[0]).toMatchObject({ notice_version: 1, at: expect.stringMatching(/^2026-11-25T02:00:\d\d\.000Z$/) });
    expect(await repo.hasConsent(XJR)).toBe(false);
    const audits = await ctx.deps.db.kysely.selectFrom('audit_log').select('action').where('target_id', '=', XJR).where('action', 'like', 'financing.consent%').execute();
    expect(audits.map((a) => a.action)).toEqual(['financing.consent.given', 'financing.consent.withdrawn']);

    // Consent again, then a new text that does not change the data use: it stands.
    await consent(client, true);
    await repo.publishNotice({ title: '提示事项', body: '措辞调整', changesDataUse: false, by: null, at: TEST_EPOCH });
    expect((await client.get(FINANCING_ROUTES.notice)).json()).toMatchObject({ version: 2, consent: { consented: true, askAgain: false } });
    expect(await repo.hasConsent(XJR)).toBe(true);
    // Answering with the old version is refused: read the new one first.
    expect(errorOf(await consent(client, true, 1))).toMatchObject({ status: 409, code: 'FINANCING_NOTICE_OUTDATED' });

    // A new data use: the box starts unchecked, the banks lose access until consent is given again.
    await repo.publishNotice({ title: '提示事项', body: '新增推送内容', changesDataUse: true, by: null, at: TEST_EPOCH });
    const asked = (await client.get(FINANCING_ROUTES.notice)).json();
    expect(asked).toMatchObject({ version: 3, consent: { consented: false, askAgain: true, noticeVersion: 1 } });
    expect(await repo.hasConsent(XJR)).toBe(false);
    expect(await repo.consentingEnterprises()).toEqual([]);
    const before = (await repo.consentEvents(XJR)).length;
    expect((await consent(client, true, 3)).json()).toMatchObject({ consented: true, askAgain: false, noticeVersion: 3 });
    expect(await repo.consentEvents(XJR)).toHaveLength(before + 1);
    expect(await repo.hasConsent(XJR)).toBe(true);
  });

  it('two first answers at once (two accounts of one enterprise): one consent row, one event', async () => {
    const a = await platformClient(ctx, XJR);
    const b = await platformClient(ctx, XJR);
    await Promise.all([warmCsrf(a), warmCsrf(b)]);
    const answers = await Promise.all([a, b].map((client) => client.post(FINANCING_ROUTES.consent, { consented: true, noticeVersion: 1 })));
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(answers.map((r) => r.json().consented)).toEqual([true, true]);
    expect(await repo.consentEvents(XJR)).toHaveLength(1);
  });

  it('a refusal after a data-use change clears the re-ask (recorded once)', async () => {
    const client = await platformClient(ctx, XJR);
    await consent(client, true);
    await repo.publishNotice({ title: '提示事项', body: '新增推送内容', changesDataUse: true, by: null, at: TEST_EPOCH });
    ctx.clock.advance(1000);
    await consent(client, false, 2);
    await consent(client, false, 2);
    expect((await repo.consentEvents(XJR)).map((e) => [e.consented, e.notice_version])).toEqual([
      [1, 1],
      [0, 2],
    ]);
    expect((await client.get(FINANCING_ROUTES.notice)).json().consent).toMatchObject({ consented: false, askAgain: false });
  });
});

describe('filing window (Asia/Shanghai dates, both ends inclusive)', () => {
  it('defaults to open all year for last year’s data', async () => {
    const client = await platformClient(ctx, XJR);
    expect((await client.get(FINANCING_ROUTES.form)).json().window).toEqual({ dataYear: 2025, opensOn: '2026-01-01', closesOn: '2026-12-31', open: true });
  });

  it('opens at 00:00 of the open date and closes after 23:59:59 of the close date; drafts and versions stay readable', async () => {
    await repo.setFilingWindow({ dataYear: 2025, opensOn: '2026-11-26', closesOn: '2026-11-30', by: null, at: TEST_EPOCH });
    const at = async (instant: string) => {
      ctx.clock.set(new Date(Date.parse(instant) - 10_000));
      const client = await platformClient(ctx, XJR);
      await readNotice(ctx, client);
      expect(ctx.clock.now().toISOString()).toBe(instant);
      return client;
    };
    let client = await at('2026-11-25T15:59:59.000Z'); // 11-25 23:59:59
    expect(errorOf(await client.post(FINANCING_ROUTES.draft, { revision: 0 }))).toMatchObject({ status: 409, code: 'FILING_CLOSED', message: '当前不在填报时间内' });
    expect((await client.get(FINANCING_ROUTES.form)).json()).toMatchObject({ editable: false, window: { open: false } });

    client = await at('2026-11-25T16:00:00.000Z'); // 11-26 00:00
    const saved = await client.post(FINANCING_ROUTES.draft, { revision: 0, basic: { contactName: '张丽华' } });
    expect(saved.statusCode).toBe(200);

    client = await at('2026-11-30T15:59:59.000Z'); // 11-30 23:59:59
    const submitted = await client.post(FINANCING_ROUTES.submit, { revision: 1, ...validPayload() });
    expect(submitted.statusCode, submitted.body).toBe(200);

    client = await at('2026-11-30T16:00:00.000Z'); // 12-01 00:00
    expect((await client.post(FINANCING_ROUTES.modify, { revision: 2 })).json().code).toBe('FILING_CLOSED');
    expect((await client.post(FINANCING_ROUTES.submit, { revision: 2, ...validPayload() })).json().code).toBe('FILING_CLOSED');
    const form = (await client.get(FINANCING_ROUTES.form)).json();
    expect(form).toMatchObject({ status: 'submitted', editable: false, canModify: false, source: 'version', window: { open: false } });
    expect(form.values.basic.contactMobile).toBe('13912345678');
    expect((await client.get(FINANCING_ROUTES.versions)).json().versions).toHaveLength(1);
  });
});

describe('drafts and optimistic locking', () => {
  it('saves what was typed (even unfinished), with a revision; a stale revision gets "数据已被他人修改，请刷新后重试"', async () => {
    const client = await platformClient(ctx, XJR);
    await readNotice(ctx, client);
    const form0 = (await client.get(FINANCING_ROUTES.form)).json();
    expect(form0).toMatchObject({ status: 'none', statusLabel: '未填报', revision: 0, source: 'prefill', editable: true, enterprise: { name: '北京智芯微电子科技有限公司', uscc: XJR } });
    expect(form0.qualifications).toEqual([expect.objectContaining({ type: 'xjr', label: '专精特新“小巨人”企业' })]);
    expect(form0.values.basic).toMatchObject({ industryCode: '397', districtCode: '110108', establishedOn: '2012-06-18' });

    const first = await client.post(FINANCING_ROUTES.autosave, { revision: 0, basic: { revenue: '12,3', contactName: '张丽华', contactMobile: '139123' }, indicators: { rdStaff: '3' } });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ revision: 1, message: '草稿已保存' });
    const second = await client.post(FINANCING_ROUTES.draft, { revision: 1, basic: { revenue: '100', contactName: '张丽华', contactMobile: '13912345678' }, indicators: { rdExpense: '300' } });
    expect(second.json()).toMatchObject({ revision: 2, warnings: { 'indicators.rdExpense': '研发费用总额超过上年度营业收入，请确认填写无误' } });

    // Another tab still holding revision 1.
    const stale = await client.post(FINANCING_ROUTES.autosave, { revision: 1, basic: { revenue: '1' } });
    expect(errorOf(stale)).toMatchObject({ status: 409, code: 'REVISION_CONFLICT', message: '数据已被他人修改，请刷新后重试' });
    // A second first save (another tab that loaded before any draft existed).
    expect((await client.post(FINANCING_ROUTES.draft, { revision: 0 })).json().code).toBe('REVISION_CONFLICT');

    const form = (await client.get(FINANCING_ROUTES.form)).json();
    expect(form).toMatchObject({ status: 'draft', statusLabel: '草稿', revision: 2, source: 'draft', draftSavedAt: expect.any(String) });
    expect(form.values.basic).toMatchObject({ revenue: '100', contactName: '张丽华', contactMobile: '13912345678' });

    // 联系人 and 联系人手机 never clear in the database.
    const row = await ctx.deps.db.kysely.selectFrom('registrations').select('draft').where('uscc', '=', XJR).executeTakeFirstOrThrow();
    expect(row.draft).not.toContain('13912345678');
    expect(row.draft).not.toContain('张丽华');
  });

  it('concurrent autosaves of one revision: exactly one wins', async () => {
    const client = await platformClient(ctx, XJR);
    await readNotice(ctx, client);
    await client.post(FINANCING_ROUTES.draft, { revision: 0 });
    const results = await Promise.all([1, 2, 3].map((n) => client.post(FINANCING_ROUTES.autosave, { revision: 1, basic: { employees: n } })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    // Two first saves at once (nothing stored yet): the unique key lets one in.
    const other = await platformClient(ctx, ZJTX);
    await readNotice(ctx, other);
    await warmCsrf(other);
    const firstSaves = await Promise.all([1, 2].map((n) => other.post(FINANCING_ROUTES.autosave, { revision: 0, basic: { employees: n } })));
    expect(firstSaves.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await ctx.deps.db.kysely.selectFrom('registrations').select('id').where('uscc', '=', ZJTX).execute()).toHaveLength(1);
  });
});

describe('【提交】, versions, 【修改】, 回执', () => {
  it('refuses an incomplete or inconsistent registration with Chinese messages on the fields', async () => {
    const client = await platformClient(ctx, XJR);
    await readNotice(ctx, client);
    const bad = validPayload({ basic: { employees: 10, revenue: '100', contactMobile: '1234', establishedOn: '2026-12-01' }, indicators: { rdStaff: 11, hiTechRevenue: '100.01', rdInstitution: 'galactic' } });
    const res = await client.post(FINANCING_ROUTES.submit, { revision: 0, ...bad });
    expect(res.statusCode).toBe(400);
    const { fieldErrors } = res.json();
    expect(fieldErrors).toMatchObject({
      'indicators.rdStaff': '研发人员数不能超过从业人员（上年末）',
      'indicators.hiTechRevenue': '高新技术产品（服务）收入不能超过上年度营业收入',
      'basic.contactMobile': expect.stringMatching(/[\u4e00-\u9fa5]/),
      'indicators.rdInstitution': expect.stringMatching(/[\u4e00-\u9fa5]/),
    });
    for (const message of Object.values(fieldErrors)) expect(message).toMatch(/[\u4e00-\u9fa5]/);
    // 成立日期 after today: checked by the server.
    const future = await client.post(FINANCING_ROUTES.submit, { revision: 0, ...validPayload({ basic: { establishedOn: '2026-12-01' } }) });
    expect(future.json().fieldErrors).toEqual({ 'basic.establishedOn': '成立日期不能晚于今天' });
    // ③ empty never blocks; 研发费用 > 营业收入 is a warning, not an error.
    const ok = await client.post(FINANCING_ROUTES.submit, { revision: 0, ...validPayload({ basic: { revenue: '100' }, indicators: { rdExpense: '500', hiTechRevenue: '0' }, optional: { financing: {}, honours: [], attachments: [] } }) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().warnings).toEqual({ 'indicators.rdExpense': '研发费用总额超过上年度营业收入，请确认填写无误' });
    // 营业收入 0 (pre-revenue): no warning.
    expect((await client.post(FINANCING_ROUTES.modify, { revision: 1 })).statusCode).toBe(200);
    const zero = await client.post(FINANCING_ROUTES.submit, { revision: 2, ...validPayload({ basic: { revenue: '0' }, indicators: { rdExpense: '500', hiTechRevenue: '0' } }) });
    expect(zero.json().warnings).toEqual({});
  });

  it('submits a version with a 受理编号, then 【修改】 makes version 2; versions and receipts; audited; PII encrypted', async () => {
    const auditFrom = await lastAuditSeq();
    const client = await platformClient(ctx, XJR);
    await readNotice(ctx, client);
    await client.post(FINANCING_ROUTES.draft, { revision: 0, basic: { contactName: '张丽华' } });
    const submitted = await client.post(FINANCING_ROUTES.submit, { revision: 1, ...validPayload() });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const answer = submitted.json();
    expect(answer).toMatchObject({ message: '提交成功', revision: 2, version: { version: 1, acceptanceNo: expect.stringMatching(/^DJ20261125\d{6}$/) } });
    // The provisional score when scoring is wired (PlatformSeams.scoreSubmission), else null: test/server/platform/financing/scoring-seam.test.ts.
    expect(answer.score === null || typeof answer.score.total === 'number').toBe(true);

    let form = (await client.get(FINANCING_ROUTES.form)).json();
    expect(form).toMatchObject({ status: 'submitted', statusLabel: '已提交', revision: 2, source: 'version', editable: false, canModify: true, latestVersion: answer.version });
    // Submitted: no draft to save into until 【修改】.
    expect((await client.post(FINANCING_ROUTES.autosave, { revision: 2 })).json().code).toBe('REVISION_CONFLICT');
    // A submit without 【修改】 does not make a version either.
    expect((await client.post(FINANCING_ROUTES.submit, { revision: 2, ...validPayload() })).json().code).toBe('REVISION_CONFLICT');

    const modified = await client.post(FINANCING_ROUTES.modify, { revision: 2 });
    expect(modified.statusCode, modified.body).toBe(200);
    expect(modified.json()).toMatchObject({ status: 'draft', revision: 3, source: 'draft', editable: true, canModify: false });
    expect(modified.json().values.basic.contactMobile).toBe('13912345678');
    // A second click of 【修改】 answers the same state.
    expect((await client.post(FINANCING_ROUTES.modify, { revision: 2 })).json().revision).toBe(3);

    ctx.clock.advance(60_000);
    const second = await client.post(FINANCING_ROUTES.submit, { revision: 3, ...validPayload({ basic: { employees: 130, contactMobile: '13700001111' } }) });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().version.version).toBe(2);
    expect(second.json().version.acceptanceNo).not.toBe(answer.version.acceptanceNo);

    const versions = (await client.get(FINANCING_ROUTES.versions)).json();
    expect(versions.dataYear).toBe(2025);
    expect(versions.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    // Version 1 is unchanged (immutable).
    const receipt1 = (await client.get(receiptUrl(answer.version.id))).json();
    expect(receipt1).toMatchObject({ acceptanceNo: answer.version.acceptanceNo, version: 1, dataYear: 2025, enterprise: { name: '北京智芯微电子科技有限公司', uscc: XJR } });
    expect(receipt1.payload.basic).toMatchObject({ employees: 120, contactMobile: '13912345678', revenue: '8600.5' });
    expect(receipt1.qualifications[0].type).toBe('xjr');
    const receipt2 = (await client.get(receiptUrl(second.json().version.id))).json();
    expect(receipt2.payload.basic).toMatchObject({ employees: 130, contactMobile: '13700001111' });

    form = (await client.get(FINANCING_ROUTES.form)).json();
    expect(form.latestVersion.version).toBe(2);

    // ① went back to 企业信息.
    const profile = await ctx.deps.db.kysely.selectFrom('enterprise_profiles').selectAll().where('uscc', '=', XJR).executeTakeFirstOrThrow();
    expect(profile).toMatchObject({ employees: 130, revenue: '8600.5', industry_code: '397' });
    expect(ctx.deps.pii.decrypt(profile.contact_mobile_enc!)).toBe('13700001111');

    const stored = await ctx.deps.db.kysely.selectFrom('registration_versions').select(['payload']).where('uscc', '=', XJR).execute();
    for (const v of stored) {
      expect(v.payload).not.toMatch(/13912345678|13700001111|张丽华/);
    }
    const actions = await ctx.deps.db.kysely.selectFrom('audit_log').select(['action', 'actor_type']).where('seq', '>', auditFrom).where('action', 'like', 'financing.%').where('action', 'not like', 'financing.consent%').orderBy('seq').execute();
    expect(actions.map((a) => a.action)).toEqual(['financing.submit', 'financing.modify', 'financing.resubmit']);
  });

  it('a double submit of one revision stores one version (concurrent); a different payload on the same revision is a conflict', async () => {
    const auditFrom = await lastAuditSeq();
    const client = await platformClient(ctx, XJR);
    await readNotice(ctx, client);
    await warmCsrf(client);
    // From nothing stored (revision 0).
    const twice = await Promise.all([0, 1].map(() => client.post(FINANCING_ROUTES.submit, { revision: 0, ...validPayload() })));
    expect(twice.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(twice[0].json().version).toEqual(twice[1].json().version);
    expect(await ctx.deps.db.kysely.selectFrom('registration_versions').select('id').execute()).toHaveLength(1);

    // From a draft after 【修改】 (revision 3), three at once.
    await client.post(FINANCING_ROUTES.modify, { revision: 1 });
    const thrice = await Promise.all([0, 1, 2].map(() => client.post(FINANCING_ROUTES.submit, { revision: 2, ...validPayload({ basic: { employees: 150 } }) })));
    expect(thrice.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(new Set(thrice.map((r) => r.json().version.id)).size).toBe(1);
    expect(await ctx.deps.db.kysely.selectFrom('registration_versions').select('id').execute()).toHaveLength(2);

    await client.post(FINANCING_ROUTES.modify, { revision: 3 });
    const differing = await Promise.all([151, 152].map((employees) => client.post(FINANCING_ROUTES.submit, { revision: 4, ...validPayload({ basic: { employees } }) })));
    expect(differing.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await ctx.deps.db.kysely.selectFrom('registration_versions').select('id').execute()).toHaveLength(3);
    const audits = await ctx.deps.db.kysely.selectFrom('audit_log').select('action').where('seq', '>', auditFrom).where('action', 'in', ['financing.submit', 'financing.resubmit']).execute();
    expect(audits).toHaveLength(3);
  });
});

describe('object-level authorisation', () => {
  it('another enterprise, a 自然人, an operator and anonymous callers get no version, receipt or attachment of XJR', async () => {
    const owner = await platformClient(ctx, XJR);
    await readNotice(ctx, owner);
    const pdf = Buffer.from('%PDF-1.4\n%test\n');
    const boundary = '----financing';
    const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="../资质证明.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), pdf, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const upload = await owner.request('POST', FINANCING_ROUTES.attachments, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(upload.statusCode, upload.body).toBe(200);
    const file = upload.json();
    expect(file).toMatchObject({ name: '资质证明.pdf', kind: 'pdf', size: pdf.length });
    const submitted = await owner.post(FINANCING_ROUTES.submit, { revision: 0, ...validPayload({ optional: { attachments: [file.id] } }) });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const versionId = submitted.json().version.id;
    expect((await owner.get(receiptUrl(versionId))).json().attachmentFiles).toEqual([file]);
    const download = await owner.get(attachmentUrl(file.id));
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(pdf)).toBe(true);

    const other = await platformClient(ctx, ZJTX);
    await readNotice(ctx, other);
    for (const url of [receiptUrl(versionId), attachmentUrl(file.id)]) {
      const res = await other.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('13912345678');
    }
    const otherForm = (await other.get(FINANCING_ROUTES.form)).json();
    expect(otherForm).toMatchObject({ status: 'none', enterprise: { uscc: ZJTX }, latestVersion: null });
    expect((await other.get(FINANCING_ROUTES.versions)).json().versions).toEqual([]);
    // Another enterprise cannot submit XJR's attachment as its own.
    const borrowed = await other.post(FINANCING_ROUTES.submit, { revision: 0, ...validPayload({ optional: { attachments: [file.id] } }) });
    expect(borrowed.json().fieldErrors).toEqual({ 'optional.attachments': '附件不存在，请重新上传' });

    const natural = await platformClient(ctx, null);
    expect((await natural.get(receiptUrl(versionId))).statusCode).toBe(403);
    expect((await natural.get(attachmentUrl(file.id))).statusCode).toBe(403);

    const operator = new TestClient(ctx.app);
    operator.cookies.set('adm_sid', await ctx.deps.sessions.create('admin', crypto.randomUUID(), operatorSessionData()));
    const anonymous = new TestClient(ctx.app);
    for (const client of [operator, anonymous]) {
      for (const url of [receiptUrl(versionId), attachmentUrl(file.id), FINANCING_ROUTES.form, FINANCING_ROUTES.versions]) {
        const res = await client.get(url);
        expect(res.statusCode, url).toBe(401);
        expect(res.body).not.toContain(XJR);
      }
    }
  });

  it('uploads: only JPG/PNG/PDF by content, ≤ 5 MB', async () => {
    const client = await platformClient(ctx, XJR);
    const send = (content: Buffer, name = 'a.pdf') => {
      const boundary = '----b';
      const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`), content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
      return client.request('POST', FINANCING_ROUTES.attachments, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    };
    expect((await send(Buffer.from('<script>alert(1)</script>'))).json()).toMatchObject({ code: 'UPLOAD_TYPE', message: '文件格式不支持，请上传JPG、PNG或PDF文件' });
    expect((await send(Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(5 * 1024 * 1024)]))).json().code).toBe('UPLOAD_TOO_LARGE');
    expect((await client.post(FINANCING_ROUTES.attachments, {})).json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('注销账号 while a registration is open (the IdP’s openRegistrationOf seam)', () => {
  it('is refused through the real 注销账号 route while a draft exists in an open window, allowed once the window closed', async () => {
    const account = await ctx.deps.db.kysely.selectFrom('accounts').select('id').where('login_name', '=', 'demo_xjr').executeTakeFirstOrThrow();
    const enterprise = await platformClient(ctx, XJR, account.id);
    await readNotice(ctx, enterprise);
    expect((await enterprise.post(FINANCING_ROUTES.draft, { revision: 0 })).statusCode).toBe(200);

    const uc = new TestClient(ctx.app);
    uc.cookies.set('uc_sid', await ctx.deps.sessions.create('uc', account.id, {}));
    const close = async () => {
      expect((await uc.post('/api/uc/account/close/code', await solveCaptcha(ctx, uc))).statusCode).toBe(200);
      return uc.post('/api/uc/account/close', { password: DEMO_PASSWORD, smsCode: latestCode(ctx, '13800000001') });
    };
    const refused = await close();
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'ACCOUNT_CLOSE_REFUSED', message: '注销失败：本企业有填报期内的创新积分登记，请在填报期结束后再注销' });
    expect((await ctx.deps.db.kysely.selectFrom('accounts').select('status').where('id', '=', account.id).executeTakeFirstOrThrow()).status).toBe('active');

    // The window closed yesterday (Shanghai): 注销 goes through.
    await repo.setFilingWindow({ dataYear: 2025, opensOn: '2026-01-01', closesOn: '2026-11-24', by: null, at: TEST_EPOCH });
    ctx.clock.advance(61_000); // the SMS resend interval
    const allowed = await close();
    expect(allowed.statusCode, allowed.body).toBe(200);
    await ctx.deps.db.kysely.updateTable('accounts').set({ status: 'active', verified_uscc: XJR, disabled_at: null }).where('id', '=', account.id).execute();
  });
});

describe('garbage in, Chinese 4xx out (never a 500)', () => {
  it('answers junk bodies with 400 and Chinese messages', async () => {
    const client = await platformClient(ctx, XJR);
    await readNotice(ctx, client);
    const junk: unknown[] = [
      [],
      'x',
      123,
      null,
      { revision: -1 },
      { revision: 1e20 },
      { revision: '0' },
      { revision: 0, basic: 'x' },
      { revision: 0, basic: { employees: { a: 1 } } },
      { revision: 0, basic: { revenue: 'x'.repeat(10_000) } },
      { revision: 0, indicators: { rdInstitution: 'galactic' } },
      { revision: 0, optional: { attachments: Array(10).fill('a') } },
      { revision: 0, optional: { financing: { methods: ['loan'] } } },
      { revision: 0, basic: { industryCode: '\u0000' }, indicators: [], optional: null },
      { revision: 0, __proto__: { admin: true }, constructor: { prototype: {} } },
    ];
    for (const body of junk) {
      for (const url of [FINANCING_ROUTES.draft, FINANCING_ROUTES.autosave, FINANCING_ROUTES.submit, FINANCING_ROUTES.modify, FINANCING_ROUTES.consent]) {
        const res = await client.request('POST', url, JSON.stringify(body), { 'content-type': 'application/json' });
        expect(res.statusCode, `${url} ${JSON.stringify(body)}: ${res.body}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, `${url} ${JSON.stringify(body)}: ${res.body}`).toBeLessThan(500);
        expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
      }
    }
    for (const id of ['%00', 'x'.repeat(300), '../../etc/passwd', "' or 1=1 --"]) {
      const res = await client.get(`${FINANCING_ROUTES.versions}/${encodeURIComponent(id)}/receipt`);
      expect(res.statusCode, id).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, id).toBeLessThan(500);
    }
  });
});
