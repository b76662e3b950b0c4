import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { TestClient, latestCode } from '../../helpers/client.js';
import { multipartBody } from '../../helpers/multipart.js';
import { fileManualMobileChange, legalReviewUploads, newMobileCode, sendForgotCode, startMobileChange, tryLogin } from '../../helpers/steps.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const outbox = (to: string) => ctx.deps.outbox!.list(to);

describe('忘记密码', () => {
  it('sends a code only to the bound mobile, with the same answer for every case', async () => {
    const client = new TestClient(ctx.app);
    const cases = [
      { identifier: 'demo_incomplete', mobile: '13800000002', delivered: true },
      { identifier: 'demo_incomplete', mobile: '13911112222', delivered: false },
      { identifier: 'no_such_user', mobile: '13911113333', delivered: false },
      { identifier: '91420111MA4W5X6Y7W', mobile: '13800000002', delivered: true },
    ];
    const bodies = [];
    for (const c of cases) {
      ctx.clock.advance(61_000);
      const before = outbox(c.mobile).length;
      const res = await sendForgotCode(ctx, client, c.identifier, c.mobile);
      expect(res.statusCode).toBe(200);
      bodies.push(res.json());
      expect(outbox(c.mobile).length - before).toBe(c.delivered ? 1 : 0);
    }
    for (const body of bodies) expect(body).toEqual({ ok: true, message: '如账号与手机号匹配，验证码已发送至该手机' });
  });

  it('resets the password, ends every session and tells the mobile', async () => {
    const other = new TestClient(ctx.app);
    expect((await tryLogin(ctx, other, 'demo_incomplete')).statusCode).toBe(200);
    const client = new TestClient(ctx.app);
    ctx.clock.advance(61_000);
    await sendForgotCode(ctx, client, 'demo_incomplete', '13800000002');
    const code = latestCode(ctx, '13800000002');
    const mismatch = await client.post('/api/uc/forgot/reset', { identifier: 'demo_incomplete', mobile: '13800000002', smsCode: code, newPassword: 'Neu#Start2026', confirmPassword: 'Neu#Start2027' });
    expect(mismatch.json().fieldErrors.confirmPassword).toBe('两次输入的密码不一致');
    const res = await client.post('/api/uc/forgot/reset', { identifier: 'demo_incomplete', mobile: '13800000002', smsCode: code, newPassword: 'Neu#Start2026', confirmPassword: 'Neu#Start2026' });
    expect(res.json()).toEqual({ ok: true, message: '密码重置成功，请重新登录' });
    expect((await other.get('/api/uc/me')).json().loggedIn).toBe(false);
    expect(outbox('13800000002')[0].text).toContain('重置了登录密码');
    expect((await tryLogin(ctx, new TestClient(ctx.app), 'demo_incomplete', 'Neu#Start2026')).statusCode).toBe(200);
  });

  it('refuses a code of one mobile used for an account bound to another', async () => {
    // an attacker gets a code for their own mobile through their own account…
    const client = new TestClient(ctx.app);
    ctx.clock.advance(61_000);
    await sendForgotCode(ctx, client, 'demo_person', '13800000009');
    const code = latestCode(ctx, '13800000009');
    // …and tries it on somebody else's account
    const res = await client.post('/api/uc/forgot/reset', { identifier: 'demo_bound', mobile: '13800000009', smsCode: code, newPassword: 'Stolen#Pass9', confirmPassword: 'Stolen#Pass9' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fieldErrors.smsCode).toBe('短信验证码错误或已过期');
  });
});

describe('手机号修改 by 邮箱核验', () => {
  it('changes the mobile at once with the e-mail code and a code on the new mobile', async () => {
    const client = new TestClient(ctx.app);
    const flowToken = await startMobileChange(ctx, client, 'demo_bound');
    const sent = await client.post('/api/uc/mobile-change/email-code', { flowToken });
    expect(sent.json()).toEqual({ ok: true, message: '如该账号已绑定邮箱，验证码已发送至绑定邮箱' });
    const emailCode = latestCode(ctx, 'demo_bound@example.com');
    const smsCode = await newMobileCode(ctx, client, flowToken, '13655556666');
    const res = await client.post('/api/uc/mobile-change/email', { flowToken, emailCode, newMobile: '13655556666', smsCode });
    expect(res.statusCode).toBe(200);
    expect(outbox('13655556666')[0].text).toContain('您的手机号修改申请已通过');
    expect(outbox('13800000003')[0].text).toContain('修改了绑定手机号');
    // the new mobile now serves 忘记密码
    ctx.clock.advance(61_000);
    await sendForgotCode(ctx, client, 'demo_bound', '13655556666');
    expect(outbox('13655556666')[0].code).toMatch(/^\d{6}$/);
  });

  it('behaves the same for unknown accounts and accounts without e-mail, sending nothing', async () => {
    const client = new TestClient(ctx.app);
    const before = ctx.deps.outbox!.list().length;
    const answers = [];
    for (const identifier of ['nobody_at_all', 'demo_person']) {
      const flowToken = await startMobileChange(ctx, client, identifier);
      answers.push((await client.post('/api/uc/mobile-change/email-code', { flowToken })).json());
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(ctx.deps.outbox!.list().length).toBe(before);
  });
});

describe('手机号修改 by 人工核验', () => {
  it('accepts a request with uploads, reports its status, and accepts unknown accounts the same way', async () => {
    const client = new TestClient(ctx.app);
    const results = [];
    for (const [identifier, newMobile] of [['demo_xjr', '13577778888'], ['ghost_user', '13577779999']]) {
      const fields = { accountType: 'legal', applicantName: '王建国', applicantIdNumber: '110108197805122317', enterpriseName: '北京智芯微电子科技有限公司', uscc: '91110108MA01A1B215', description: '原手机号已停用' };
      const { res } = await fileManualMobileChange(ctx, { identifier, newMobile, fields, files: legalReviewUploads() }, client);
      results.push(res.json());
    }
    for (const r of results) expect(r.message).toMatch(/^申请已提交，受理编号：HY\d{14}；审核结果将以短信形式发送至新手机号$/);
    const status = await client.post('/api/uc/mobile-change/status', { acceptanceNo: results[0].acceptanceNo, newMobile: '13577778888' });
    expect(status.json()).toMatchObject({ found: true, status: 'pending', statusLabel: '待审核' });
    const wrongMobile = await client.post('/api/uc/mobile-change/status', { acceptanceNo: results[0].acceptanceNo, newMobile: '13577779999' });
    expect(wrongMobile.json()).toEqual({ found: false, message: '未查询到申请记录' });
    const stored = await ctx.deps.db.kysely.selectFrom('review_requests').selectAll().where('acceptance_no', '=', results[0].acceptanceNo).executeTakeFirstOrThrow();
    expect(stored.region_code).toBe('110108');
    expect(stored.payload_enc).not.toContain('110108197805122317');
  });

  it('requires the uploads for 法人 and refuses files that are not JPG, PNG or PDF', async () => {
    const client = new TestClient(ctx.app);
    const flowToken = await startMobileChange(ctx, client, 'demo_xjr');
    const form = multipartBody(
      { flowToken, accountType: 'legal', newMobile: '13511112222', smsCode: '123456', applicantName: '王建国', applicantIdNumber: '110108197805122317', enterpriseName: '北京智芯微电子科技有限公司', uscc: '91110108MA01A1B215' },
      { businessLicense: { name: 'x.pdf', content: Buffer.from('<html>'), type: 'application/pdf' } },
    );
    const res = await client.request('POST', '/api/uc/mobile-change/manual', form.body, form.headers);
    expect(res.statusCode).toBe(400);
    expect(res.json().fieldErrors.businessLicense).toBe('文件格式不支持，请上传JPG、PNG或PDF文件');
    // every problem in one answer: the missing uploads and a bad text field too
    expect(res.json().fieldErrors.legalRepIdFront).toBe('请上传文件');
    const badName = multipartBody({ flowToken, accountType: 'legal', newMobile: '13511112222', smsCode: '123456', applicantName: 'x', applicantIdNumber: '110108197805122317' }, { businessLicense: { name: 'x.pdf', content: Buffer.from('<html>'), type: 'application/pdf' } });
    const both = (await client.request('POST', '/api/uc/mobile-change/manual', badName.body, badName.headers)).json();
    expect(both.fieldErrors.applicantName).toBeTruthy();
    expect(both.fieldErrors.businessLicense).toBe('文件格式不支持，请上传JPG、PNG或PDF文件');
  });

  it('offers the 授权委托书 template', async () => {
    const res = await new TestClient(ctx.app).get('/api/uc/mobile-change/authorization-template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    expect(res.body.startsWith('{\\rtf1')).toBe(true);
  });
});
