import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { devLatestCode, openPage, useBrowser, axeProblems, realProblems, horizontalOverflow, createAccount, pickEnterprise, signIn, newUser } from './helpers/browser.js';
import { fillCaptcha, fillLogin, fillSmsCode, logInAsOperator, outboxTexts, requestSmsCode, resetPasswordThroughPages, startMobileChangeThroughPages } from './helpers/steps.js';

/**
 * 忘记密码, 手机号修改 (【邮箱核验】 / 【人工核验】 and its approval in the 管理端) and 核验进度查询,
 * through the pages, found by label and role only. Every test that changes an account makes
 * its own (through the API) with an enterprise of its own from the generated registry: no
 * demo account changes, and no test depends on another or on the order.
 */

const env = useBrowser();

/** Small files for the uploads (the server sniffs the content, not the name). */
const files = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-recovery-e2e-'));
afterAll(() => fs.rmSync(files, { recursive: true, force: true }));
function tempFile(name: string, content: Buffer): string {
  const file = path.join(files, name);
  fs.writeFileSync(file, content);
  return file;
}
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** A mobile number nobody else uses. */
const newMobile = () => newUser().mobile;

describe('忘记密码', () => {
  it('resets the password with the code sent to the bound mobile', async () => {
    const { page, context } = await openPage(env.browser());
    const enterprise = await pickEnterprise();
    const account = await createAccount({ enterprise, prefix: 'fp' });
    await page.goto(`${env.baseUrl}/uc/login`);
    await page.getByRole('link', { name: '忘记密码', exact: true }).click();
    await page.waitForURL(/\/uc\/forgot-password$/);
    await page.getByRole('heading', { name: '忘记密码', exact: true }).waitFor();
    await page.getByText('账号系统支持单位：12381-转9（其他业务）转6（公共服务）-人工服务', { exact: true }).waitFor();

    // Client-side checks with the shared messages.
    await page.getByRole('button', { name: '重置密码', exact: true }).click();
    await page.getByText('请输入登录名或统一社会信用代码', { exact: true }).waitFor();
    await page.getByText('请输入绑定手机号', { exact: true }).waitFor();
    await page.getByText('请输入短信验证码', { exact: true }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await page.getByRole('button', { name: '获取验证码', exact: true }).click();
    await page.getByText('请输入图形验证码', { exact: true }).waitFor();

    await page.getByLabel('登录名或统一社会信用代码', { exact: true }).fill(account.loginName);
    await page.getByLabel('绑定手机号', { exact: true }).fill(account.mobile);
    const code = await requestSmsCode(page, account.mobile);
    await page.getByText('如账号与手机号匹配，验证码已发送至该手机', { exact: true }).waitFor();
    await page.getByLabel('新密码', { exact: true }).fill('Reset#2025a');
    await page.getByLabel('确认新密码', { exact: true }).fill('Reset#2025b');
    await page.getByRole('button', { name: '重置密码', exact: true }).click();
    await page.getByText('两次输入的密码不一致', { exact: true }).waitFor();

    // A wrong code: the server's message next to the field.
    await page.getByLabel('确认新密码', { exact: true }).fill('Reset#2025a');
    await page.getByLabel('短信验证码', { exact: true }).fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: '重置密码', exact: true }).click();
    await page.getByText('短信验证码错误或已过期', { exact: true }).waitFor();
    expect(await axeProblems(page)).toEqual([]);

    await page.getByLabel('短信验证码', { exact: true }).fill(code);
    await page.getByRole('button', { name: '重置密码', exact: true }).click();
    await page.getByText('密码重置成功，请重新登录', { exact: true }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await page.getByRole('button', { name: '去登录', exact: true }).click();
    await page.waitForURL(/\/uc\/login$/);

    // The old password no longer works; the new one does.
    const refused = await fillLogin(page, account.loginName, account.password);
    await page.getByText('账号或密码错误', { exact: true }).waitFor();
    await fillLogin(page, account.loginName, 'Reset#2025a', refused);
    await page.waitForURL(/\/uc\/center$/);
    await page.getByText(enterprise.name, { exact: true }).waitFor();
    expect(realProblems(page)).toEqual([]);
    await context.close();
  });

  it('takes the previous page away at once while the next one loads, so nothing typed lands in the wrong form', async () => {
    const { page, context } = await openPage(env.browser());
    // The next page's code arrives only when the test lets it.
    const held: (() => void)[] = [];
    await page.route(/\/assets\/(ForgotPasswordPage|PasswordPage)-[\w-]+\.js$/, (route) => {
      held.push(() => void route.continue());
    });
    const loading = page.getByRole('status').filter({ hasText: '正在加载' });

    await page.goto(`${env.baseUrl}/uc/login`);
    await page.getByLabel('登录名或统一社会信用代码', { exact: true }).fill('typed_on_login');
    await page.getByRole('link', { name: '忘记密码', exact: true }).click();
    await loading.waitFor();
    // No login form to type into or submit while 忘记密码 loads (React keeps it hidden).
    expect(await page.getByRole('button', { name: '登录', exact: true }).count()).toBe(0);
    expect(await page.getByRole('textbox', { name: '登录名或统一社会信用代码', exact: true }).count()).toBe(0);
    await page.keyboard.type('typed_while_loading');
    await page.keyboard.press('Enter');
    await expect.poll(() => held.length).toBe(1);
    held.shift()!();
    await page.getByRole('heading', { name: '忘记密码', exact: true }).waitFor();
    expect(await page.getByLabel('登录名或统一社会信用代码', { exact: true }).inputValue()).toBe('');

    // In the 用户中心 the menu stays and the page beside it gives way.
    const account = await createAccount({ prefix: 'nav' });
    await signIn(context, account.client);
    await page.goto(`${env.baseUrl}/uc/center`);
    await page.getByText('未实名认证', { exact: true }).waitFor();
    await page.getByRole('link', { name: '修改密码', exact: true }).click();
    await loading.waitFor();
    expect(await page.getByText('未实名认证', { exact: true }).isVisible()).toBe(false);
    await page.getByRole('link', { name: '登录记录', exact: true }).waitFor();
    await expect.poll(() => held.length).toBe(1);
    held.shift()!();
    await page.getByLabel('原密码', { exact: true }).waitFor();
    expect(realProblems(page)).toEqual([]);
    await context.close();
  });
});

describe('手机号修改', () => {
  it('【邮箱核验】 changes the mobile at once', async () => {
    const { page, context } = await openPage(env.browser());
    const user = newUser('mc');
    const email = `${user.loginName}@example.com`;
    const account = await createAccount({ email, prefix: 'mc' });
    const mobile = newMobile();
    await startMobileChangeThroughPages(page, account.loginName);
    await page.getByText('账号系统支持单位：12381-转9（其他业务）转6（公共服务）-人工服务', { exact: true }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await page.getByRole('radio', { name: '邮箱核验', exact: true }).check();

    await page.getByRole('button', { name: '发送邮箱验证码', exact: true }).click();
    await page.getByText('如该账号已绑定邮箱，验证码已发送至绑定邮箱', { exact: true }).waitFor();
    const countdown = page.getByRole('button', { name: /^重新发送（\d+s）$/ });
    await countdown.waitFor();
    expect(await countdown.isDisabled()).toBe(true);
    // The address is never shown.
    expect(await page.getByText(/@example\.com/).count()).toBe(0);

    // A reload keeps the step and the 校验方式.
    await page.reload();
    await page.getByRole('radio', { name: '邮箱核验', exact: true }).waitFor();
    expect(await page.getByRole('radio', { name: '邮箱核验', exact: true }).isChecked()).toBe(true);
    for (const label of ['邮箱验证码', '新手机号', '图形验证码', '短信验证码']) await page.getByLabel(label, { exact: true }).waitFor();

    await page.getByLabel('邮箱验证码', { exact: true }).fill(await devLatestCode(env.baseUrl, email));
    await page.getByLabel('新手机号', { exact: true }).fill(mobile);
    await fillSmsCode(page, mobile);
    expect(await axeProblems(page)).toEqual([]);
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.getByText('手机号修改成功。如需重新设置密码，请使用【忘记密码】。', { exact: true }).waitFor();
    expect(await axeProblems(page)).toEqual([]);

    expect((await outboxTexts(mobile)).some((text) => text.includes('您的手机号修改申请已通过'))).toBe(true);
    expect((await outboxTexts(account.mobile)).some((text) => text.includes('通过邮箱核验修改了绑定手机号'))).toBe(true);
    // The seed's next step: 【忘记密码】.
    await page.getByRole('button', { name: '忘记密码', exact: true }).click();
    await page.waitForURL(/\/uc\/forgot-password$/);
    await page.getByRole('heading', { name: '忘记密码', exact: true }).waitFor();
    expect(realProblems(page)).toEqual([]);
    await context.close();
  });

  it('【人工核验】 approved in the 管理端, then 忘记密码 with the new mobile and login by USCC', async () => {
    const { page, context } = await openPage(env.browser());
    const enterprise = await pickEnterprise('valid');
    await createAccount({ enterprise, prefix: 'mm' });
    const mobile = newMobile();
    await startMobileChangeThroughPages(page, enterprise.uscc);
    await page.getByRole('radio', { name: '人工核验', exact: true }).check();
    await page.getByRole('radiogroup', { name: '账号类型' }).waitFor();
    expect(await page.getByRole('radio', { name: '法人', exact: true }).isChecked()).toBe(true);
    // Step 1 was by USCC: it is filled in.
    expect(await page.getByLabel('统一社会信用代码', { exact: true }).inputValue()).toBe(enterprise.uscc);

    // The template downloads.
    const template = page.getByRole('link', { name: '下载授权委托书模板', exact: true });
    const res = await page.request.get(`${env.baseUrl}${await template.getAttribute('href')}`);
    expect(res.ok()).toBe(true);
    expect(res.headers()['content-disposition']).toContain('attachment');

    // Uploads are checked in the browser: type and size.
    await page.getByRole('button', { name: '提交申请', exact: true }).click();
    await page.getByText('请上传营业执照', { exact: true }).waitFor();
    await page.getByText('请输入申请人姓名', { exact: true }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await page.getByLabel('营业执照', { exact: true }).setInputFiles(tempFile('license.txt', Buffer.from('not a picture')));
    await page.getByText('文件格式不支持，请上传JPG、PNG或PDF文件', { exact: true }).waitFor();
    await page.getByLabel('法定代表人身份证正面', { exact: true }).setInputFiles(tempFile('big.pdf', Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024, 0x20)])));
    await page.getByText('文件大小不能超过5MB', { exact: true }).waitFor();

    await page.getByLabel('新手机号', { exact: true }).fill(mobile);
    await fillSmsCode(page, mobile);
    await page.getByLabel('申请人姓名', { exact: true }).fill(enterprise.legalRep);
    await page.getByLabel('申请人身份证号码', { exact: true }).fill(enterprise.legalRepIdNumber);
    await page.getByLabel('企业名称', { exact: true }).fill(enterprise.name);
    await page.getByLabel('营业执照', { exact: true }).setInputFiles(tempFile('license.pdf', PDF));
    await page.getByLabel('法定代表人身份证正面', { exact: true }).setInputFiles(tempFile('front.png', PNG));
    await page.getByLabel('法定代表人身份证反面', { exact: true }).setInputFiles(tempFile('back.png', PNG));
    await page.getByLabel('说明', { exact: true }).fill('原绑定手机号已停用，法定代表人本人申请改绑。');
    // Every field error is gone once the files are fine.
    await expect.poll(() => page.locator('.ant-form-item-explain-error').count()).toBe(0);
    await page.getByRole('button', { name: '提交申请', exact: true }).click();

    const message = page.getByText(/^申请已提交，受理编号：HY\d{14}；审核结果将以短信形式发送至新手机号$/);
    await message.waitFor();
    const acceptanceNo = /HY\d{14}/.exec(await message.innerText())![0];
    await page.getByText(acceptanceNo, { exact: true }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    expect(realProblems(page)).toEqual([]);

    // 核验进度查询, filled in from the success page: 待审核.
    await page.getByRole('link', { name: '核验进度查询', exact: true }).click();
    await page.waitForURL(/\/uc\/mobile-change\/status$/);
    await page.getByRole('heading', { name: '核验进度查询', exact: true }).waitFor();
    expect(await page.getByLabel('受理编号', { exact: true }).inputValue()).toBe(acceptanceNo);
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.getByText('待审核', { exact: true }).waitFor();

    // The 部级 operator approves it.
    const admin = await openPage(env.browser());
    await logInAsOperator(admin.page, 'admin');
    const row = admin.page.getByRole('row').filter({ hasText: acceptanceNo });
    await row.getByRole('link', { name: '查看', exact: true }).click();
    await admin.page.getByRole('heading', { name: '人工核验详情' }).waitFor();
    await admin.page.getByRole('button', { name: '通过', exact: true }).click();
    await admin.page.getByRole('dialog').getByRole('button', { name: '确定', exact: true }).click();
    await admin.page.getByText(`已通过申请 ${acceptanceNo}`).waitFor();
    await admin.context.close();
    expect((await outboxTexts(mobile)).some((text) => text.includes('您的手机号修改申请已通过'))).toBe(true);

    // 核验进度查询 again: 已通过.
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.getByText('已通过', { exact: true }).waitFor();
    expect(await axeProblems(page)).toEqual([]);

    // The seed's 步骤二 → 步骤三: 忘记密码 with the new mobile, then login by USCC.
    await page.getByRole('link', { name: '忘记密码', exact: true }).click();
    await page.waitForURL(/\/uc\/forgot-password$/);
    await resetPasswordThroughPages(page, enterprise.uscc, mobile, 'Mm#Reset2025');
    await fillLogin(page, enterprise.uscc, 'Mm#Reset2025');
    await page.waitForURL(/\/uc\/center$/);
    await page.getByText(enterprise.name, { exact: true }).waitFor();
    expect(realProblems(page)).toEqual([]);
    await context.close();
  });

  it('goes back to step 1 when the flow expired, and fits a 360 px phone', async () => {
    const { page, context } = await openPage(env.browser(), { viewport: { width: 360, height: 740 } });
    await page.goto(`${env.baseUrl}/uc/forgot-password`);
    await page.getByRole('heading', { name: '忘记密码', exact: true }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // A flow the server does not know (or forgot after 15 minutes): "操作已超时，请重新开始".
    await page.goto(`${env.baseUrl}/uc/mobile-change`);
    await page.getByRole('heading', { name: '手机号修改', exact: true }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.evaluate(
      `sessionStorage.setItem('uc.mobileChange.flow', JSON.stringify({ flowToken: 'x'.repeat(32), identifier: 'demo_bound', startedAt: Date.now(), method: 'email' }))`,
    );
    await page.reload();
    await page.getByRole('button', { name: '发送邮箱验证码', exact: true }).click();
    await page.getByText('操作已超时，请重新开始', { exact: true }).waitFor();
    await page.getByRole('button', { name: '下一步', exact: true }).waitFor();

    // 15 minutes after step 1 the page goes back by itself.
    await page.evaluate(
      `sessionStorage.setItem('uc.mobileChange.flow', JSON.stringify({ flowToken: 'x'.repeat(32), identifier: 'demo_bound', startedAt: Date.now() - 16 * 60000, method: 'manual' }))`,
    );
    await page.reload();
    await page.getByText('操作已超时，请重新开始', { exact: true }).waitFor();
    expect(await page.getByRole('radiogroup', { name: '校验方式' }).count()).toBe(0);

    // 人工核验 on the phone.
    await page.getByLabel('登录名或统一社会信用代码', { exact: true }).fill('someone_unknown');
    await fillCaptcha(page);
    await page.getByRole('button', { name: '下一步', exact: true }).click();
    await page.getByRole('radio', { name: '人工核验', exact: true }).check();
    await page.getByRole('button', { name: '提交申请', exact: true }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    // 自然人: no enterprise fields.
    await page.getByRole('radio', { name: '自然人', exact: true }).check();
    expect(await page.getByLabel('企业名称', { exact: true }).count()).toBe(0);
    expect(await axeProblems(page)).toEqual([]);

    await page.goto(`${env.baseUrl}/uc/mobile-change/status`);
    await page.getByLabel('受理编号', { exact: true }).fill('HY20250101000000');
    await page.getByLabel('新手机号', { exact: true }).fill('13912345678');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.getByText('未查询到申请记录', { exact: true }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await axeProblems(page)).toEqual([]);
    expect(realProblems(page)).toEqual([]);
    await context.close();
  });
});
