import { describe, expect, it } from 'vitest';
import { axeProblems, openPage, pageProblems, useBrowser } from './helpers/browser.js';

const env = useBrowser();

describe('platform home (首页)', () => {
  it('shows 融资服务专区 with 去登记, the policy lists and the footer', async () => {
    const { page, context } = await openPage(env.browser());
    await page.goto(`${env.baseUrl}/`);
    await page.getByRole('heading', { name: '融资服务专区' }).waitFor();
    await page.getByRole('button', { name: '去登记', exact: true }).waitFor();
    await page.getByText('政策文件', { exact: true }).first().waitFor();
    await page.getByText('通知公告', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: '登录', exact: true }).waitFor();
    await page.getByRole('button', { name: '注册', exact: true }).waitFor();
    await page.getByText('创新积分数据登记工作的通知').first().waitFor();
    await page.getByRole('link', { name: '填报指引' }).first().waitFor();
    expect(pageProblems(page)).toEqual([]);
    expect(await axeProblems(page)).toEqual([]);
    await context.close();
  });

  it('sends 去登记 to the login when nobody is logged in', async () => {
    const { page, context } = await openPage(env.browser());
    await page.goto(`${env.baseUrl}/`);
    await page.getByRole('button', { name: '去登记', exact: true }).click();
    await page.waitForURL(/\/uc|\/auth\/login/);
    await context.close();
  });

  it('renders on a phone-sized screen without horizontal scrolling', async () => {
    const { page, context } = await openPage(env.browser(), { viewport: { width: 360, height: 740 } });
    await page.goto(`${env.baseUrl}/`);
    await page.getByRole('button', { name: '去登记', exact: true }).waitFor();
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});

describe('填报指引', () => {
  it('explains the steps in our own words with the support line', async () => {
    const { page, context } = await openPage(env.browser());
    await page.goto(`${env.baseUrl}/guide`);
    await page.getByText('12381-转9（其他业务）转6（公共服务）-人工服务').first().waitFor();
    await page.getByRole('button', { name: '下载填报指引', exact: true }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await context.close();
  });
});

describe('政务服务门户', () => {
  it('leads from 中小企业服务专区 to 优质中小企业梯度培育 and 在线办理', async () => {
    const { page, context } = await openPage(env.browser());
    await page.goto(`${env.baseUrl}/portal`);
    await page.getByText('中小企业服务专区', { exact: true }).first().click();
    await page.getByText('优质中小企业梯度培育', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: '在线办理', exact: true }).waitFor();
    expect(pageProblems(page)).toEqual([]);
    expect(await axeProblems(page)).toEqual([]);
    await context.close();
  });
});
