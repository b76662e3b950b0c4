import { describe, expect, it } from 'vitest';
import { newUser, openPage, pageProblems, useBrowser } from './helpers/browser.js';
import { fillLogin, registerThroughPages } from './helpers/steps.js';

const env = useBrowser();

describe('single sign-on between the platform, the portal and 统一登录系统', () => {
  it('logs in by USCC from the platform 【登录】 and shows the 企业名称; 【退出】 ends both sessions', async () => {
    const { page, context } = await openPage(env.browser());
    await page.goto(`${env.baseUrl}/`);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(/\/uc\/login/);
    await fillLogin(page, '91110108MA01A1B215');
    await page.waitForURL(`${env.baseUrl}/`);
    await page.getByText('北京智芯微电子科技有限公司').first().waitFor();

    await page.getByRole('button', { name: '退出', exact: true }).click();
    await page.waitForURL(`${env.baseUrl}/`);
    await page.getByRole('button', { name: '登录', exact: true }).waitFor();
    const platformMe = await page.evaluate<{ loggedIn: boolean }>("fetch('/api/platform/me').then(r => r.json())");
    const ucMe = await page.evaluate<{ loggedIn: boolean }>("fetch('/api/uc/me').then(r => r.json())");
    expect(platformMe.loggedIn).toBe(false);
    expect(ucMe.loggedIn).toBe(false);
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it('opens the platform already logged in from the portal 【在线办理】', async () => {
    const { page, context } = await openPage(env.browser());
    await page.goto(`${env.baseUrl}/portal`);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(/\/uc\/login/);
    await fillLogin(page, 'demo_bound');
    await page.waitForURL(/\/portal/);
    await page.getByText('青岛海川智能装备有限公司').first().waitFor();
    await page.getByText('中小企业服务专区', { exact: true }).first().click();
    await page.getByRole('button', { name: '在线办理', exact: true }).click();
    await page.waitForURL(`${env.baseUrl}/`);
    await page.getByText('青岛海川智能装备有限公司').first().waitFor();
    expect(await page.getByRole('button', { name: '登录', exact: true }).count()).toBe(0);
    await context.close();
  });

  it('sends an account without 实名认证 to the 用户中心 showing 【未实名认证】', async () => {
    const { page, context } = await openPage(env.browser());
    // register through the real pages
    await registerThroughPages(page, newUser('sso'));
    await page.getByRole('button', { name: '暂不认证', exact: true }).click();
    // then 【登录】 on the platform: the IdP session exists, the platform refuses a session
    await page.goto(`${env.baseUrl}/auth/login?returnTo=/`);
    await page.waitForURL(/\/uc\/center/);
    await page.getByText('未实名认证', { exact: true }).first().waitFor();
    const platformMe = await page.evaluate<{ loggedIn: boolean }>("fetch('/api/platform/me').then(r => r.json())");
    expect(platformMe.loggedIn).toBe(false);
    await context.close();
  });
});
