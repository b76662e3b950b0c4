import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { TestClient, latestCode, solveCaptcha } from '../../helpers/client.js';
import { DEMO_PASSWORD, fileManualMobileChange, fileRealnameReview, freshMobile, legalReviewUploads, loggedInOperator, tryLogin, tryOperatorLogin } from '../../helpers/steps.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const operator = (username: string) => loggedInOperator(ctx, username);

/** A 法人 手机号修改 by 人工核验, the applicant typing `enterprise` and its representative. */
const fileMobileChange = (identifier: string, enterprise: { name: string; uscc: string; rep: string; id: string }) =>
  fileManualMobileChange(ctx, {
    identifier,
    newMobile: freshMobile('152'),
    fields: { accountType: 'legal', applicantName: enterprise.rep, applicantIdNumber: enterprise.id, enterpriseName: enterprise.name, uscc: enterprise.uscc },
    files: legalReviewUploads(),
  });

const beijing = { name: '北京智芯微电子科技有限公司', uscc: '91110108MA01A1B215', rep: '王建国', id: '110108197805122317' };

describe('管理端 login', () => {
  it('asks password and captcha, and says 账号或密码错误 for both unknown and wrong', async () => {
    const client = new TestClient(ctx.app);
    const wrong = await tryOperatorLogin(ctx, client, 'admin', 'nope');
    const unknown = await tryOperatorLogin(ctx, client, 'nobody', 'nope');
    expect(wrong.json().message).toBe('账号或密码错误');
    expect({ ...unknown.json(), requestId: '' }).toEqual({ ...wrong.json(), requestId: '' });
    expect((await (await operator('admin_sh')).get('/api/admin/me')).json()).toMatchObject({ loggedIn: true, role: 'province', roleLabel: '省级', regionCode: '31' });
  });

  it('asks the 动态口令 of an operator who enrolled one', async () => {
    const { authenticator } = await import('otplib');
    const secret = authenticator.generateSecret();
    const op = await ctx.deps.db.kysely.selectFrom('operators').select('id').where('username', '=', 'admin_sh').executeTakeFirstOrThrow();
    await ctx.deps.db.kysely.updateTable('operators').set({ totp_secret_enc: ctx.deps.pii.encrypt(secret), totp_enrolled: 1 }).where('id', '=', op.id).execute();
    const client = new TestClient(ctx.app);
    const missing = await tryOperatorLogin(ctx, client, 'admin_sh');
    expect(missing.json().fieldErrors.totpCode).toBe('请输入动态口令');
    const code = authenticator.clone({ epoch: ctx.clock.now().getTime() }).generate(secret);
    const ok = await tryOperatorLogin(ctx, client, 'admin_sh', DEMO_PASSWORD, code);
    expect(ok.json()).toEqual({ step: 'done' });
    await ctx.deps.db.kysely.updateTable('operators').set({ totp_secret_enc: null, totp_enrolled: 0 }).where('id', '=', op.id).execute();
  });
});

describe('【人工核验】', () => {
  it('keeps a 北京 request out of a 上海 operator\'s queue, detail and files', async () => {
    const request = await fileMobileChange('demo_xjr', beijing);
    const sh = await operator('admin_sh');
    const list = (await sh.get('/api/admin/reviews?status=pending')).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(request.id);
    expect((await sh.get(`/api/admin/reviews/${request.id}`)).statusCode).toBe(404);
    expect((await sh.get(`/api/admin/reviews/${request.id}/files/businessLicense`)).statusCode).toBe(404);
    expect((await sh.post(`/api/admin/reviews/${request.id}/approve`)).statusCode).toBe(404);
  });

  it('lets the 部级 operator view, approve once, and notifies both mobiles', async () => {
    const request = await fileMobileChange('demo_xjr', beijing);
    const admin = await operator('admin');
    const other = await operator('admin');
    const detail = (await admin.get(`/api/admin/reviews/${request.id}`)).json();
    expect(detail).toMatchObject({ kind: 'mobile_change', account: { loginName: 'demo_xjr' } });
    expect(detail.files).toEqual(['businessLicense', 'legalRepIdFront', 'legalRepIdBack']);
    const file = await admin.get(`/api/admin/reviews/${request.id}/files/businessLicense`);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const [a, b] = await Promise.all([admin.post(`/api/admin/reviews/${request.id}/approve`), other.post(`/api/admin/reviews/${request.id}/approve`)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json().message).toBe('该申请已由其他审核人员处理');
    expect(ctx.deps.outbox!.list(request.newMobile)[0].text).toContain('您的手机号修改申请已通过');
    expect(ctx.deps.outbox!.list('13800000001')[0].text).toContain('修改了绑定手机号');
    const actions = (await ctx.deps.audit.list({ targetId: request.id, limit: 20 })).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['review.view', 'review.file_view', 'review.approve']));
  });

  it('then lets 忘记密码 work with the new mobile (the seed\'s 步骤二 → 步骤三)', async () => {
    const mobile = ctx.deps.outbox!.list().find((m) => m.text.includes('您的手机号修改申请已通过') && m.text.includes('demo_xjr'))!.to;
    const client = new TestClient(ctx.app);
    ctx.clock.advance(61_000);
    await client.post('/api/uc/forgot/code', { identifier: '91110108MA01A1B215', mobile, ...(await solveCaptcha(ctx, client)) });
    const res = await client.post('/api/uc/forgot/reset', { identifier: '91110108MA01A1B215', mobile, smsCode: latestCode(ctx, mobile), newPassword: 'Back#Again2026', confirmPassword: 'Back#Again2026' });
    expect(res.statusCode).toBe(200);
    const login = await tryLogin(ctx, client, '91110108MA01A1B215', 'Back#Again2026');
    expect(login.statusCode).toBe(200);
  });

  it('requires a reason to reject and sends it to the new mobile', async () => {
    const request = await fileMobileChange('demo_bound', { name: '青岛海川智能装备有限公司', uscc: '91370212MA3B4C5D5C', rep: '郑伟', id: '37021219761011282X' });
    const admin = await operator('admin');
    expect((await admin.post(`/api/admin/reviews/${request.id}/reject`, { reason: '' })).json().fieldErrors.reason).toBe('请填写驳回原因');
    expect((await admin.post(`/api/admin/reviews/${request.id}/reject`, { reason: '营业执照不清晰' })).statusCode).toBe(200);
    expect(ctx.deps.outbox!.list(request.newMobile)[0].text).toContain('原因：营业执照不清晰');
    const status = (await new TestClient(ctx.app).post('/api/uc/mobile-change/status', { acceptanceNo: request.acceptanceNo, newMobile: request.newMobile })).json();
    expect(status).toMatchObject({ status: 'rejected', statusLabel: '已驳回', rejectReason: '营业执照不清晰' });
  });

  it('refuses to approve a request that matched no account', async () => {
    const request = await fileMobileChange('someone_unknown', beijing);
    const admin = await operator('admin');
    const res = await admin.post(`/api/admin/reviews/${request.id}/approve`);
    expect(res.json()).toMatchObject({ code: 'REVIEW_NO_ACCOUNT', message: '该申请未匹配到账号，请驳回并说明原因' });
  });

  it('verifies a 实名认证 request as 法人 on 通过', async () => {
    const { newLoggedInAccount } = await import('../../helpers/accounts.js');
    const account = await newLoggedInAccount(ctx);
    const { client } = account;
    const request = await fileRealnameReview(ctx, account);
    const admin = await operator('admin');
    expect((await admin.post(`/api/admin/reviews/${request.id}/approve`)).statusCode).toBe(200);
    expect((await client.get('/api/uc/me')).json()).toMatchObject({ realnameStatus: 'verified', userType: 'legal', uscc: '91440305MA5D6E7F6P' });
  });
});

describe('【人工核验】 detail: the applicant beside the account, masked until 【查看】', () => {
  const qingdao = { name: '青岛海川智能装备有限公司', uscc: '91370212MA3B4C5D5C', rep: '郑伟', id: '37021219761011282X' };
  const row = (detail: { comparison: { field: string }[] }, field: string) => detail.comparison.find((r) => r.field === field);

  it('compares with the account\'s verified record, masks ID numbers and mobiles, and sends no-store', async () => {
    const request = await fileMobileChange('demo_xjr', beijing);
    const admin = await operator('admin');
    const res = await admin.get(`/api/admin/reviews/${request.id}`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).not.toContain('110108197805122317');
    expect(res.body).not.toContain(request.newMobile);
    expect(res.body).not.toContain('王建国');
    const detail = res.json();
    expect(detail.applicant).toContainEqual({ field: 'newMobile', value: `${request.newMobile.slice(0, 3)}****${request.newMobile.slice(-4)}`, revealable: true });
    expect(detail.comparison).toEqual([
      { field: 'accountType', applicant: 'legal', account: 'legal', result: 'same', revealable: { applicant: false, account: false } },
      { field: 'enterpriseName', applicant: beijing.name, account: beijing.name, result: 'same', revealable: { applicant: false, account: false } },
      { field: 'uscc', applicant: beijing.uscc, account: beijing.uscc, result: 'same', revealable: { applicant: false, account: false } },
      { field: 'legalRepName', applicant: '王**', account: '王**', result: 'same', revealable: { applicant: true, account: true } },
      { field: 'legalRepIdNumber', applicant: '1101**********2317', account: '1101**********2317', result: 'same', revealable: { applicant: true, account: true } },
    ]);
  });

  it('flags every field where the applicant differs from the account (ID number, name, USCC, 法定代表人)', async () => {
    const request = await fileMobileChange('demo_xjr', qingdao);
    const detail = (await (await operator('admin')).get(`/api/admin/reviews/${request.id}`)).json();
    for (const field of ['enterpriseName', 'uscc', 'legalRepName', 'legalRepIdNumber']) expect(row(detail, field)).toMatchObject({ result: 'different' });
    expect(row(detail, 'accountType')).toMatchObject({ result: 'same' });
  });

  it('compares a 自然人 account with its verified name and ID number', async () => {
    const client = new TestClient(ctx.app);
    const newMobile = '15300009999';
    const { id } = await fileManualMobileChange(ctx, { identifier: 'demo_person', newMobile, fields: { accountType: 'natural', applicantName: '刘洋', applicantIdNumber: '110101199003077723' } }, client);
    const detail = (await (await operator('admin')).get(`/api/admin/reviews/${id}`)).json();
    expect(detail.comparison).toEqual([
      expect.objectContaining({ field: 'accountType', result: 'same' }),
      expect.objectContaining({ field: 'personName', applicant: '刘*', account: '刘*', result: 'same' }),
      expect.objectContaining({ field: 'personIdNumber', applicant: '1101**********7723', account: '1101**********7723', result: 'same' }),
    ]);
  });

  it('says there is nothing to compare with for a request that matched no account', async () => {
    const request = await fileMobileChange('someone_else_unknown', beijing);
    const detail = (await (await operator('admin')).get(`/api/admin/reviews/${request.id}`)).json();
    expect(detail.account).toBeNull();
    expect(detail.comparison.map((r: { result: string }) => r.result)).toEqual(['missing', 'missing', 'missing', 'missing', 'missing']);
    expect(JSON.stringify(detail)).not.toContain('110108197805122317');
  });

  it('reveals one full value on 【查看】, audited, never cached; out of region it is 404', async () => {
    const request = await fileMobileChange('demo_xjr', beijing);
    const admin = await operator('admin');
    const res = await admin.post(`/api/admin/reviews/${request.id}/reveal`, { side: 'applicant', field: 'legalRepIdNumber' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual({ value: '110108197805122317' });
    expect((await admin.post(`/api/admin/reviews/${request.id}/reveal`, { side: 'applicant', field: 'newMobile' })).json()).toEqual({ value: request.newMobile });
    expect((await admin.post(`/api/admin/reviews/${request.id}/reveal`, { side: 'account', field: 'legalRepIdNumber' })).json()).toEqual({ value: '110108197805122317' });
    expect((await admin.post(`/api/admin/reviews/${request.id}/reveal`, { side: 'account', field: 'legalRepName' })).json()).toEqual({ value: '王建国' });

    const adminId = (await ctx.deps.db.kysely.selectFrom('operators').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
    const reveals = (await ctx.deps.audit.list({ targetId: request.id, limit: 20 })).filter((r) => r.action === 'review.reveal');
    expect(reveals).toHaveLength(4);
    expect(reveals).toContainEqual(expect.objectContaining({ actorType: 'operator', actorId: adminId, targetType: 'review_request', targetId: request.id, details: { side: 'applicant', field: 'legalRepIdNumber' } }));

    // Only masked values can be revealed, and only in the operator's region.
    expect((await admin.post(`/api/admin/reviews/${request.id}/reveal`, { side: 'applicant', field: 'uscc' })).statusCode).toBe(404);
    const sh = await operator('admin_sh');
    expect((await sh.post(`/api/admin/reviews/${request.id}/reveal`, { side: 'applicant', field: 'legalRepIdNumber' })).statusCode).toBe(404);
    expect((await ctx.deps.audit.list({ targetId: request.id, limit: 20 })).filter((r) => r.action === 'review.reveal')).toHaveLength(4);
  });
});
