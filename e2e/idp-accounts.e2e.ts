import { describe, expect, it } from 'vitest';
import { openPage, useBrowser, captchaAnswer, axeProblems, realProblems, horizontalOverflow, newUser } from './helpers/browser.js';
import { fillLogin, logInThroughPages, registerThroughPages } from './helpers/steps.js';

/** 统一登录系统 (/uc): 注册, 登录, 用户中心, 修改密码, 登录记录 — found by label and role only. */

const env = useBrowser();

describe('统一登录系统: 注册, 登录, 修改密码, 登录记录', () => {
  it('registers, logs out and in, changes the password and lists the logins', async () => {
    const { page, context } = await openPage(env.browser());
    const user = newUser();

    // 注册 from the platform home; 【暂不认证】 goes back there.
    await registerThroughPages(page, user, `${env.baseUrl}/`);
    await page.getByRole('button', { name: '立即认证', exact: true }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await page.getByRole('button', { name: '暂不认证', exact: true }).click();
    await page.waitForURL(`${env.baseUrl}/`);

    // 用户中心: 未实名认证, the 账号设置 links; 【退出登录】.
    await page.goto(`${env.baseUrl}/uc/center`);
    await page.getByText('未实名认证', { exact: true }).waitFor();
    for (const link of ['实名认证', '修改密码', '绑定邮箱', '修改手机号', '登录记录', '个人信息下载', '注销账号']) {
      await page.getByRole('link', { name: link, exact: true }).waitFor();
    }
    expect(await axeProblems(page)).toEqual([]);
    await page.getByRole('button', { name: '退出登录', exact: true }).click();
    await page.waitForURL(/\/uc\/login$/);

    // A wrong password: "账号或密码错误", and a new captcha.
    const used = await fillLogin(page, user.loginName, 'Wrong@2025x');
    await page.getByText('账号或密码错误', { exact: true }).waitFor();

    // 登录 by 登录名.
    await fillLogin(page, user.loginName, user.password, used);
    await page.waitForURL(/\/uc\/center$/);
    await page.getByText('未实名认证', { exact: true }).waitFor();

    // 修改密码.
    await page.getByRole('link', { name: '修改密码', exact: true }).click();
    await page.getByLabel('原密码', { exact: true }).fill(user.password);
    await page.getByLabel('新密码', { exact: true }).fill('Newp@ss2025');
    await page.getByLabel('确认新密码', { exact: true }).fill('Newp@ss2025');
    await page.getByRole('button', { name: '确定', exact: true }).click();
    await page.getByText('密码修改成功，其他设备上的登录已退出。', { exact: true }).waitFor();

    // Out, and in again with the new password, straight to 登录记录 (return_to).
    await page.getByRole('button', { name: '退出登录', exact: true }).click();
    await page.waitForURL(/\/uc\/login$/);
    await logInThroughPages(page, user.loginName, { password: 'Newp@ss2025', returnTo: '/uc/center/login-records' });
    await page.getByRole('columnheader', { name: '时间', exact: true }).waitFor();
    await page.getByRole('cell', { name: '成功', exact: true }).first().waitFor();
    // Header row + at least two logins (and the failed attempt).
    expect(await page.getByRole('row').count()).toBeGreaterThanOrEqual(1 + 2);
    await page.getByRole('cell', { name: '失败', exact: true }).first().waitFor();
    expect(await axeProblems(page)).toEqual([]);
    expect(realProblems(page)).toEqual([]);
    await context.close();
  });

  it('shows field errors next to the fields and the server message above the form', async () => {
    const { page, context } = await openPage(env.browser());
    await page.goto(`${env.baseUrl}/uc/login`);
    await page.getByText('自然人账户不可以用统一社会信用代码登录', { exact: true }).waitFor();
    await page.getByText('账号系统支持单位：12381-转9（其他业务）转6（公共服务）-人工服务', { exact: true }).waitFor();
    for (const link of ['注册', '忘记密码', '手机号修改']) await page.getByRole('link', { name: link, exact: true }).waitFor();

    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByText('请输入登录名或统一社会信用代码', { exact: true }).waitFor();
    await page.getByText('请输入密码', { exact: true }).waitFor();
    // Under the pointer (as after every click) 【登录】 keeps its contrast.
    await page.getByRole('button', { name: '登录', exact: true }).hover();
    expect(await axeProblems(page)).toEqual([]);

    // A wrong captcha answer: "图形验证码错误" next to the field, and a new image.
    await page.getByLabel('登录名或统一社会信用代码', { exact: true }).fill('nobody_here');
    await page.getByLabel('密码', { exact: true }).fill('Whatever@1');
    const captcha = await captchaAnswer(page);
    await page.getByLabel('图形验证码', { exact: true }).fill(`${captcha.answer}x`);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByText('图形验证码错误', { exact: true }).waitFor();
    await captchaAnswer(page, captcha.id);

    // An unknown account looks like a wrong password.
    await fillLogin(page, `nobody_${newUser().loginName}`, 'Whatever@1', captcha.id);
    await page.getByText('账号或密码错误', { exact: true }).waitFor();

    // 注册: client-side rules with the shared messages.
    await page.getByRole('link', { name: '注册', exact: true }).click();
    await page.getByLabel('登录名', { exact: true }).fill('1abc');
    await page.getByLabel('手机号', { exact: true }).fill('12345');
    await page.getByLabel('密码', { exact: true }).fill('password');
    await page.getByLabel('确认密码', { exact: true }).fill('different');
    await page.getByRole('button', { name: '注册', exact: true }).click();
    await page.getByText('登录名应为4-30位，以字母开头，只能包含字母、数字和下划线', { exact: true }).waitFor();
    await page.getByText('手机号格式错误', { exact: true }).waitFor();
    await page.getByText('两次输入的密码不一致', { exact: true }).waitFor();
    await page.getByText('请阅读并同意用户协议和隐私政策', { exact: true }).waitFor();
    await page.getByText(/^密码不符合要求：/).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    // 获取验证码 needs the captcha first.
    await page.getByLabel('手机号', { exact: true }).fill('13900000000');
    await page.getByRole('button', { name: '获取验证码', exact: true }).click();
    await page.getByText('请输入图形验证码', { exact: true }).waitFor();
    expect(realProblems(page)).toEqual([]);
    await context.close();
  });

  it('sends the 用户中心 to the login when nobody is logged in', async () => {
    const { page, context } = await openPage(env.browser());
    await page.goto(`${env.baseUrl}/uc/center/password`);
    await page.waitForURL(/\/uc\/login\?return_to=%2Fuc%2Fcenter%2Fpassword$/);
    await page.getByRole('button', { name: '登录', exact: true }).waitFor();
    await context.close();
  });

  it('ignores a return_to that leaves the site', async () => {
    const { page, context } = await openPage(env.browser());
    await page.goto(`${env.baseUrl}/uc/login?return_to=${encodeURIComponent('//evil.example/x')}`);
    await fillLogin(page, 'demo_bound');
    await page.waitForURL(/\/uc\/center$/);
    await page.getByText('已实名认证', { exact: true }).waitFor();
    await page.getByText('青岛海川智能装备有限公司', { exact: true }).waitFor();
    await context.close();
  });

  it('shows the 协议 pages and works on a phone-sized screen', async () => {
    const { page, context } = await openPage(env.browser(), { viewport: { width: 360, height: 740 } });
    await page.goto(`${env.baseUrl}/uc/agreement`);
    await page.getByRole('heading', { name: '《用户协议》' }).waitFor();
    await page.goto(`${env.baseUrl}/uc/privacy`);
    await page.getByRole('heading', { name: '《隐私政策》' }).waitFor();
    await page.getByText(/个人信息下载/).first().waitFor();
    for (const path of ['/uc/login', '/uc/register']) {
      await page.goto(`${env.baseUrl}${path}`);
      await page.getByAltText('图形验证码图片').waitFor();
      expect(await horizontalOverflow(page), path).toBeLessThanOrEqual(0);
    }
    await logInThroughPages(page, 'demo_person');
    await page.getByText('已实名认证', { exact: true }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    // The 账号设置 menu folds away on a phone.
    const toggle = page.getByRole('button', { name: '账号设置', exact: true });
    await toggle.click();
    await page.getByRole('link', { name: '登录记录', exact: true }).click();
    await page.waitForURL(/\/uc\/center\/login-records$/);
    await page.getByRole('columnheader', { name: '结果', exact: true }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(realProblems(page)).toEqual([]);
    await context.close();
  });
});
