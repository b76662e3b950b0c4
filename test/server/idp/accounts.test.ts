import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { TestClient, latestCode, solveCaptcha } from '../../helpers/client.js';
import { freshMobile, sendRegisterCode, submitRegistration, tryLogin, tryRegister } from '../../helpers/steps.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

describe('注册', () => {
  it('registers with an SMS code and logs the new account in', async () => {
    const client = new TestClient(ctx.app);
    const { res, mobile } = await tryRegister(ctx, client, { loginName: 'zhang_san01' });
    expect(res.statusCode).toBe(200);
    const me = (await client.get('/api/uc/me')).json();
    expect(me).toMatchObject({ loggedIn: true, loginName: 'zhang_san01', realnameStatus: 'unverified', userType: null });
    expect(me.mobileMasked).toBe(`${mobile.slice(0, 3)}****${mobile.slice(7)}`);
    // stored encrypted: the mobile never appears in clear in the table
    const row = await ctx.deps.db.kysely.selectFrom('accounts').selectAll().where('login_name', '=', 'zhang_san01').executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(mobile);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('says 登录名已存在 for a taken name, whatever its case', async () => {
    const { res } = await tryRegister(ctx, new TestClient(ctx.app), { loginName: 'DEMO_XJR' });
    expect(res.statusCode).toBe(409);
    expect(res.json().fieldErrors.loginName).toBe('登录名已存在');
  });

  it('proves the SMS code before saying whether a 登录名 is taken', async () => {
    const client = new TestClient(ctx.app);
    const mobile = freshMobile();
    await sendRegisterCode(ctx, client, mobile);
    const attempt = (loginName: string, smsCode: string) =>
      submitRegistration(client, { loginName, mobile, smsCode });
    const strip = (r: Awaited<ReturnType<typeof attempt>>) => ({ status: r.statusCode, ...r.json(), requestId: '' });
    const wrongTaken = await attempt('demo_xjr', '000000');
    const wrongFree = await attempt('nobody_has_this', '000000');
    expect(strip(wrongTaken)).toEqual(strip(wrongFree));
    expect(wrongTaken.json()).toMatchObject({ code: 'SMS_CODE_INVALID', fieldErrors: { smsCode: '短信验证码错误或已过期' } });

    // With the right code the name is judged, and the code stays good for a corrected name.
    const code = latestCode(ctx, mobile);
    const taken = await attempt('demo_xjr', code);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().fieldErrors).toEqual({ loginName: '登录名已存在' });
    expect((await attempt('corrected_name', code)).statusCode).toBe(200);
    expect((await attempt('second_try_name', code)).json().code).toBe('SMS_CODE_INVALID');
    ctx.clock.advance(13 * 60_000);
  });

  it('answers 登录名已存在 at most 5 times for one code (its tries), wrong codes included', async () => {
    const client = new TestClient(ctx.app);
    const mobile = freshMobile();
    await sendRegisterCode(ctx, client, mobile);
    const code = latestCode(ctx, mobile);
    const attempt = (loginName: string, smsCode: string) =>
      submitRegistration(client, { loginName, mobile, smsCode });
    expect((await attempt('demo_xjr', '000000')).json().code).toBe('SMS_CODE_INVALID');
    for (const name of ['demo_person', 'demo_bound', 'demo_incomplete', 'demo_xjr']) expect((await attempt(name, code)).json().code).toBe('LOGIN_NAME_TAKEN');
    const spent = await attempt('free_after_five', code);
    expect(spent.json()).toMatchObject({ code: 'SMS_CODE_INVALID', fieldErrors: { smsCode: '短信验证码错误或已过期' } });
    ctx.clock.advance(13 * 60_000);
  });

  it('refuses a wrong SMS code, mismatched passwords, a weak password and a missing agreement', async () => {
    const client = new TestClient(ctx.app);
    const mobile = freshMobile();
    await sendRegisterCode(ctx, client, mobile);
    const base = { loginName: 'li_si_02', mobile, smsCode: '000000', password: 'Qiye#2026x', confirmPassword: 'Qiye#2026x', agree: true };
    const wrongCode = await client.post('/api/uc/register', base);
    expect(wrongCode.json().fieldErrors.smsCode).toBe('短信验证码错误或已过期');

    const mismatch = await client.post('/api/uc/register', { ...base, confirmPassword: 'Other#2026x' });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().fieldErrors.confirmPassword).toBe('两次输入的密码不一致');

    const weak = await client.post('/api/uc/register', { ...base, password: 'abcdefgh', confirmPassword: 'abcdefgh' });
    expect(weak.json().fieldErrors.password).toMatch(/^密码不符合要求：/);

    const sameAsName = await client.post('/api/uc/register', { ...base, password: 'Li_si_02', confirmPassword: 'Li_si_02' });
    expect(sameAsName.json().fieldErrors.password).toContain('不能与登录名相同');

    const noAgreement = await client.post('/api/uc/register', { ...base, agree: false });
    expect(noAgreement.json().fieldErrors.agree).toBe('请阅读并同意用户协议和隐私政策');

    const usccShaped = await client.post('/api/uc/register', { ...base, loginName: '91310115MA1K2L3M46' });
    expect(usccShaped.json().fieldErrors.loginName).toBe('登录名不能使用统一社会信用代码或手机号的格式');
  });

  it('binds at most 5 accounts to one mobile', async () => {
    const mobile = freshMobile();
    for (let i = 0; i < 5; i++) {
      const { res } = await tryRegister(ctx, new TestClient(ctx.app), { loginName: `limit_user_${i}`, mobile });
      expect(res.statusCode).toBe(200);
    }
    const client = new TestClient(ctx.app);
    const res = await sendRegisterCode(ctx, client, mobile);
    expect(res.statusCode).toBe(409);
    expect(res.json().fieldErrors.mobile).toBe('该手机号绑定账号已达上限');
  });
});

describe('登录', () => {
  it('logs in by 登录名 and by USCC, with a new session id each time', async () => {
    const client = new TestClient(ctx.app);
    expect((await tryLogin(ctx, client, 'demo_xjr')).statusCode).toBe(200);
    const first = client.cookies.get('uc_sid');
    expect((await client.get('/api/uc/me')).json()).toMatchObject({ loggedIn: true, enterpriseName: '北京智芯微电子科技有限公司', uscc: '91110108MA01A1B215' });
    expect((await tryLogin(ctx, client, '91110108ma01a1b215')).statusCode).toBe(200);
    expect(client.cookies.get('uc_sid')).not.toBe(first);
    const stale = new TestClient(ctx.app);
    stale.cookies.set('uc_sid', first!);
    expect((await stale.get('/api/uc/me')).json()).toEqual({ loggedIn: false });
  });

  it('gives 自然人 no USCC login', async () => {
    const client = new TestClient(ctx.app);
    expect((await tryLogin(ctx, client, 'demo_person')).statusCode).toBe(200);
    expect((await client.get('/api/uc/me')).json()).toMatchObject({ userType: 'natural', personName: '刘洋', idNumberMasked: '1101**********7723' });
  });

  it('answers unknown accounts and wrong passwords identically', async () => {
    const unknown = await tryLogin(ctx, new TestClient(ctx.app), 'nobody_here');
    const wrong = await tryLogin(ctx, new TestClient(ctx.app), 'demo_bound', 'Wrong@2025');
    const unknownUscc = await tryLogin(ctx, new TestClient(ctx.app), '91310115MA1K2L3M46');
    for (const res of [unknown, wrong, unknownUscc]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('LOGIN_FAILED');
      expect(res.json().message).toBe('账号或密码错误');
    }
    const strip = (r: typeof unknown) => ({ ...r.json(), requestId: '' });
    expect(strip(unknown)).toEqual(strip(wrong));
    expect(strip(unknownUscc)).toEqual(strip(wrong));
  });

  it('refuses a wrong captcha before looking at the password', async () => {
    const client = new TestClient(ctx.app);
    await client.get('/api/captcha');
    const res = await client.post('/api/uc/login', { identifier: 'demo_xjr', password: 'Demo@2025', captchaId: 'x', captchaAnswer: 'abcd' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fieldErrors.captchaAnswer).toBe('图形验证码错误');
  });

  it('locks an identifier for 30 minutes after 5 failures, known or unknown alike', async () => {
    for (const identifier of ['demo_incomplete', 'ghost_account']) {
      const client = new TestClient(ctx.app);
      for (let i = 0; i < 5; i++) expect((await tryLogin(ctx, client, identifier, 'Bad#pass1')).json().code).toBe('LOGIN_FAILED');
      const locked = await tryLogin(ctx, client, identifier);
      expect(locked.statusCode).toBe(429);
      expect(locked.json().message).toBe('登录失败次数过多，请30分钟后再试或通过【忘记密码】重置密码');
    }
    ctx.clock.advance(29 * 60_000);
    expect((await tryLogin(ctx, new TestClient(ctx.app), 'demo_incomplete')).statusCode).toBe(429);
    ctx.clock.advance(2 * 60_000);
    expect((await tryLogin(ctx, new TestClient(ctx.app), 'demo_incomplete')).statusCode).toBe(200);
  });

  it('writes logins, failures and lockouts to the audit log and the 登录记录', async () => {
    const leaving = new TestClient(ctx.app);
    await tryLogin(ctx, leaving, 'demo_person');
    await leaving.post('/api/uc/logout');
    const actions = (await ctx.deps.audit.list({ limit: 500 })).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['login.success', 'login.failure', 'login.lockout', 'login.locked', 'account.register', 'logout']));
    const client = new TestClient(ctx.app, { userAgent: 'Mozilla/5.0 Chrome/120.0 Safari/537.36' });
    await tryLogin(ctx, client, 'demo_incomplete');
    const records = (await client.get('/api/uc/account/login-records')).json().records;
    expect(records[0]).toMatchObject({ result: 'success', browser: 'Chrome', ip: '127.0.0.1' });
    expect(records.map((r: { result: string }) => r.result)).toEqual(expect.arrayContaining(['failure', 'locked']));
    expect((await ctx.deps.audit.verify()).ok).toBe(true);
  });
});

describe('账号设置', () => {
  it('requires a login', async () => {
    const res = await new TestClient(ctx.app).get('/api/uc/account/login-records');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('修改密码 asks the old password, ends the other sessions and notifies the mobile', async () => {
    const { mobile, password } = await tryRegister(ctx, new TestClient(ctx.app), { loginName: 'pwd_changer' });
    const here = new TestClient(ctx.app);
    const elsewhere = new TestClient(ctx.app);
    await tryLogin(ctx, here, 'pwd_changer', password);
    await tryLogin(ctx, elsewhere, 'pwd_changer', password);
    const wrong = await here.post('/api/uc/account/password', { oldPassword: 'nope', newPassword: 'Neue#Pass88', confirmPassword: 'Neue#Pass88' });
    expect(wrong.json().fieldErrors.oldPassword).toBe('原密码错误');
    const okRes = await here.post('/api/uc/account/password', { oldPassword: password, newPassword: 'Neue#Pass88', confirmPassword: 'Neue#Pass88' });
    expect(okRes.statusCode).toBe(200);
    expect((await here.get('/api/uc/me')).json().loggedIn).toBe(true);
    expect((await elsewhere.get('/api/uc/me')).json().loggedIn).toBe(false);
    expect(ctx.deps.outbox!.list(mobile)[0].text).toContain('修改了登录密码');
    expect((await tryLogin(ctx, new TestClient(ctx.app), 'pwd_changer', 'Neue#Pass88')).statusCode).toBe(200);
  });

  it('绑定邮箱 with a code sent to the new address', async () => {
    const client = new TestClient(ctx.app);
    const { mobile, password } = await tryRegister(ctx, client, { loginName: 'mail_binder' });
    await tryLogin(ctx, client, 'mail_binder', password);
    await client.post('/api/uc/account/email/code', { email: 'Mail.Binder@Example.com' });
    const wrong = await client.post('/api/uc/account/email', { email: 'mail.binder@example.com', emailCode: '000000' });
    expect(wrong.json().fieldErrors.emailCode).toBe('邮箱验证码错误或已过期');
    const code = latestCode(ctx, 'mail.binder@example.com');
    expect((await client.post('/api/uc/account/email', { email: 'mail.binder@example.com', emailCode: code })).statusCode).toBe(200);
    expect((await client.get('/api/uc/me')).json().emailMasked).toBe('m***@example.com');
    expect(ctx.deps.outbox!.list(mobile)[0].text).toContain('绑定了新的邮箱');
  });

  it('修改手机号 needs the current password and a code on the new mobile', async () => {
    const client = new TestClient(ctx.app);
    const { mobile, password } = await tryRegister(ctx, client, { loginName: 'mobile_mover' });
    await tryLogin(ctx, client, 'mobile_mover', password);
    const newMobile = freshMobile();
    await client.post('/api/uc/account/mobile/code', { newMobile, ...(await solveCaptcha(ctx, client)) });
    const badPassword = await client.post('/api/uc/account/mobile', { currentPassword: 'x', newMobile, smsCode: latestCode(ctx, newMobile) });
    expect(badPassword.json().fieldErrors.currentPassword).toBe('密码错误');
    const res = await client.post('/api/uc/account/mobile', { currentPassword: password, newMobile, smsCode: latestCode(ctx, newMobile) });
    expect(res.statusCode).toBe(200);
    expect((await client.get('/api/uc/me')).json().mobileMasked).toBe(`${newMobile.slice(0, 3)}****${newMobile.slice(7)}`);
    expect(ctx.deps.outbox!.list(mobile)[0].text).toContain('修改了绑定手机号');
    expect(ctx.deps.outbox!.list(newMobile)[0].text).toContain('已成功绑定本手机号');
  });

  it('个人信息下载 gives the owner their own data', async () => {
    const client = new TestClient(ctx.app);
    await tryLogin(ctx, client, 'demo_bound');
    const res = await client.get('/api/uc/account/export');
    expect(res.headers['content-disposition']).toContain('attachment');
    const data = JSON.parse(res.body);
    expect(data.账号信息).toMatchObject({ 登录名: 'demo_bound', 手机号: '138****0003', 邮箱: 'd***@example.com' });
    expect(data.实名认证信息).toMatchObject({ 企业名称: '青岛海川智能装备有限公司', 证件号码: '3702**********282X' });
  });

  it('注销账号 with password and SMS code disables the account at once', async () => {
    const client = new TestClient(ctx.app);
    const { mobile, password } = await tryRegister(ctx, client, { loginName: 'leaving_user' });
    await tryLogin(ctx, client, 'leaving_user', password);
    await client.post('/api/uc/account/close/code', await solveCaptcha(ctx, client));
    const res = await client.post('/api/uc/account/close', { password, smsCode: latestCode(ctx, mobile) });
    expect(res.statusCode).toBe(200);
    expect((await client.get('/api/uc/me')).json().loggedIn).toBe(false);
    expect((await tryLogin(ctx, new TestClient(ctx.app), 'leaving_user', password)).json().code).toBe('LOGIN_FAILED');
  });
});
