import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeProblems, horizontalOverflow, newUser, openPage, pickEnterprise, realProblems, useBrowser } from './helpers/browser.js';
import { chooseHkMacaoPermitByKeyboard, fillRegistration, logInThroughPages, startMobileChangeThroughPages, verifyLegalThroughPages } from './helpers/steps.js';

/**
 * The way between the apps (issue 12 §3): 注册成功 → the platform with a notice, the 用户中心
 * links, 实名认证成功 → the platform logged in in one click, the platform and portal headers,
 * 个人信息下载 in Chinese, 登录记录 on a phone, uploads refused when chosen.
 */

const env = useBrowser();

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const TYPE_MESSAGE = '文件格式不支持，请上传JPG、PNG或PDF文件';
const SIZE_MESSAGE = '文件大小不能超过5MB';

/** 【注册】 in the header of the page at `startUrl`, through to 注册成功. */
async function registerFrom(page: Page, startUrl: string) {
  const user = newUser('ba');
  await page.goto(startUrl);
  await page.getByRole('button', { name: '注册', exact: true }).click();
  await page.waitForURL(/\/uc\/register\?from=/);
  await fillRegistration(page, user);
  return user;
}

const header = (page: Page) => page.getByRole('banner');

describe('between the platform, the portal and 统一登录系统', () => {
  it('注册 → 【暂不认证】 → notice on the platform; 实名认证成功 → 【进入梯度培育平台】 logged in; header 【用户中心】 【退出】', async () => {
    const { page, context } = await openPage(env.browser());
    // A registry enterprise of its own (GET /__dev/registry/pick).
    const enterprise = await pickEnterprise('valid');
    await registerFrom(page, `${env.baseUrl}/`);
    await page.getByText('您已成功注册并登录', { exact: true }).waitFor();

    // 【暂不认证】: back on the platform home, which says what to do; nothing about the account in the address.
    await page.getByRole('button', { name: '暂不认证', exact: true }).click();
    const notice = page.getByRole('status').filter({ hasText: '您已注册并登录统一登录系统；完成【实名认证】后即可办理融资服务专区业务' });
    await notice.waitFor();
    expect(page.url()).toBe(`${env.baseUrl}/`);
    expect(await notice.getByRole('link', { name: '实名认证', exact: true }).getAttribute('href')).toBe('/uc/center/realname');
    expect(await notice.getByRole('link', { name: '用户中心', exact: true }).getAttribute('href')).toBe('/uc/center');
    // No platform session without 实名认证 (flows.md): the header still offers 【登录】.
    await header(page).getByRole('button', { name: '登录', exact: true }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    // A reload does not repeat it.
    await page.reload();
    await header(page).getByRole('button', { name: '登录', exact: true }).waitFor();
    expect(await page.getByText('您已注册并登录统一登录系统', { exact: false }).count()).toBe(0);

    // 用户中心: links to the portal and to the platform home; no platform button before 实名认证.
    await page.goto(`${env.baseUrl}/uc/center`);
    await page.getByText('未实名认证', { exact: true }).waitFor();
    const apps = page.getByRole('navigation', { name: '相关系统' });
    expect(await apps.getByRole('link', { name: '政务服务门户', exact: true }).getAttribute('href')).toBe('/portal');
    expect(await apps.getByRole('link', { name: '优质中小企业梯度培育平台', exact: true }).getAttribute('href')).toBe('/');
    expect(await page.getByRole('button', { name: '进入梯度培育平台', exact: true }).count()).toBe(0);

    // 实名认证 as 法人, then one click to the platform, logged in.
    await page.getByRole('link', { name: '实名认证', exact: true }).click();
    await verifyLegalThroughPages(page, enterprise);
    expect(await axeProblems(page)).toEqual([]);
    await page.getByRole('button', { name: '进入梯度培育平台', exact: true }).click();
    await page.waitForURL(`${env.baseUrl}/`);
    await header(page).getByText(enterprise.name, { exact: true }).waitFor();
    expect(await header(page).getByRole('button', { name: '登录', exact: true }).count()).toBe(0);
    await header(page).getByRole('button', { name: '退出', exact: true }).waitFor();
    expect(await axeProblems(page)).toEqual([]);

    // The header's 【用户中心】; after a reload the 用户中心 still leads into the platform.
    await header(page).getByRole('link', { name: '用户中心', exact: true }).click();
    await page.waitForURL(/\/uc\/center$/);
    await page.reload();
    await page.getByText('已实名认证', { exact: true }).waitFor();
    expect(await apps.getByRole('link', { name: '优质中小企业梯度培育平台', exact: true }).getAttribute('href')).toBe('/auth/login?returnTo=/');
    await page.getByRole('button', { name: '进入梯度培育平台', exact: true }).click();
    await page.waitForURL(`${env.baseUrl}/`);
    await header(page).getByText(enterprise.name, { exact: true }).waitFor();

    // The portal shows the 企业名称 too.
    await page.goto(`${env.baseUrl}/portal`);
    await header(page).getByText(enterprise.name, { exact: true }).waitFor();

    // 【退出】 on the platform ends both sessions.
    await page.goto(`${env.baseUrl}/`);
    await header(page).getByRole('button', { name: '退出', exact: true }).click();
    await page.waitForURL(`${env.baseUrl}/`);
    await header(page).getByRole('button', { name: '登录', exact: true }).waitFor();
    expect((await page.evaluate<{ loggedIn: boolean }>("fetch('/api/uc/me').then(r => r.json())")).loggedIn).toBe(false);
    expect(realProblems(page)).toEqual([]);
    await context.close();
  });

  it('the portal shows who is logged in (登录名 before 实名认证, the name of a 自然人) and 【退出】', async () => {
    const { page, context } = await openPage(env.browser());
    // Registered from the portal: 【暂不认证】 goes back there, with no platform notice.
    const user = await registerFrom(page, `${env.baseUrl}/portal`);
    await page.getByRole('button', { name: '暂不认证', exact: true }).click();
    await page.waitForURL(`${env.baseUrl}/portal`);
    await header(page).getByText(user.loginName, { exact: true }).waitFor();
    expect(await page.getByText('您已注册并登录统一登录系统', { exact: false }).count()).toBe(0);
    await header(page).getByRole('button', { name: '退出', exact: true }).click();
    await header(page).getByRole('button', { name: '登录', exact: true }).waitFor();
    expect((await page.evaluate<{ loggedIn: boolean }>("fetch('/api/uc/me').then(r => r.json())")).loggedIn).toBe(false);

    await logInThroughPages(page, 'demo_person', { returnTo: '/portal' });
    await header(page).getByText('刘洋', { exact: true }).waitFor();
    expect(await header(page).getByRole('link', { name: '用户中心', exact: true }).getAttribute('href')).toBe('/uc/center');
    expect(await axeProblems(page)).toEqual([]);
    await header(page).getByRole('button', { name: '退出', exact: true }).click();
    await header(page).getByRole('button', { name: '注册', exact: true }).waitFor();
    expect(await header(page).getByText('刘洋', { exact: true }).count()).toBe(0);
    expect(realProblems(page)).toEqual([]);
    await context.close();
  });

  it('个人信息下载 gives a file with Chinese field names and readable values', async () => {
    const { page, context } = await openPage(env.browser());
    await logInThroughPages(page, 'demo_person', { returnTo: '/uc/center/export' });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载个人信息', exact: true }).click()]);
    expect(download.suggestedFilename()).toBe('个人信息.json');
    const data = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    expect(data.账号信息).toMatchObject({ 登录名: 'demo_person', 手机号: '138****0009' });
    expect(data.实名认证信息).toMatchObject({ 实名状态: '已实名认证', 用户类型: '自然人', 姓名: '刘洋', 证件号码: '1101**********7723' });
    expect(data.登录记录[0]).toMatchObject({ 结果: '成功', 时间: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/) });
    await context.close();
  });

  it('登录记录 fits a 360 px screen: each login is a card with every column readable', async () => {
    const { page, context } = await openPage(env.browser(), { viewport: { width: 360, height: 740 } });
    await logInThroughPages(page, 'demo_person', { returnTo: '/uc/center/login-records' });
    await page.getByRole('columnheader', { name: '结果', exact: true }).waitFor({ state: 'attached' });
    const firstRow = page.getByRole('row').nth(1);
    await firstRow.getByRole('cell', { name: '成功', exact: true }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    for (const cell of await firstRow.getByRole('cell').all()) {
      const box = (await cell.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(360);
    }
    // Every value says which column it is.
    for (const label of ['时间', 'IP', '浏览器', '结果']) await firstRow.getByText(label, { exact: true }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    expect(realProblems(page)).toEqual([]);
    await context.close();
  });

  it('refuses a file that is not JPG/PNG/PDF (by its content) or over 5 MB when it is chosen, next to the field', async () => {
    const { page, context } = await openPage(env.browser());
    await registerFrom(page, `${env.baseUrl}/`);
    await page.getByRole('button', { name: '立即认证', exact: true }).click();
    await chooseHkMacaoPermitByKeyboard(page);

    const field = (label: string) => page.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) });
    const license = field('营业执照');
    // Named and typed as a PNG, but it is text: refused, and not listed.
    await page.getByLabel('营业执照', { exact: true }).setInputFiles({ name: 'license.png', mimeType: 'image/png', buffer: Buffer.from('not really a picture') });
    await license.getByText(TYPE_MESSAGE, { exact: true }).waitFor();
    expect(await license.getByText('license.png').count()).toBe(0);
    // A good file, then a wrong one in its place: the field shows the refusal only.
    await page.getByLabel('营业执照', { exact: true }).setInputFiles({ name: 'license-ok.png', mimeType: 'image/png', buffer: PNG });
    await license.getByText('license-ok.png').waitFor();
    await license.getByText(TYPE_MESSAGE, { exact: true }).waitFor({ state: 'detached' });
    await page.getByLabel('营业执照', { exact: true }).setInputFiles({ name: 'big.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5 * 1024 * 1024, 0x20)]) });
    await license.getByText(SIZE_MESSAGE, { exact: true }).waitFor();
    await license.getByText('license-ok.png').waitFor({ state: 'detached' });
    expect(await axeProblems(page)).toEqual([]);
    await context.close();
  });

  it('refuses a renamed file in the 人工核验 form when it is chosen', async () => {
    const { page, context } = await openPage(env.browser());
    await startMobileChangeThroughPages(page, 'demo_bound');
    await page.getByRole('radio', { name: '人工核验', exact: true }).check();
    const front = page.locator('.ant-form-item').filter({ has: page.getByLabel('法定代表人身份证正面', { exact: true }) });
    await page.getByLabel('法定代表人身份证正面', { exact: true }).setInputFiles({ name: 'front.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('GIF89a not a jpeg') });
    await front.getByText(TYPE_MESSAGE, { exact: true }).waitFor();
    await page.getByLabel('法定代表人身份证正面', { exact: true }).setInputFiles({ name: 'front.png', mimeType: 'image/png', buffer: PNG });
    await front.getByText('front.png').waitFor();
    await front.getByText(TYPE_MESSAGE, { exact: true }).waitFor({ state: 'detached' });
    expect(realProblems(page)).toEqual([]);
    await context.close();
  });
});
