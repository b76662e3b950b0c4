import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeProblems, horizontalOverflow, openPage, realProblems, useBrowser } from './helpers/browser.js';
import { fillLogin, fillOperatorLogin } from './helpers/steps.js';

const env = useBrowser();
const SHOTS = path.resolve('test-results/screenshots');
const XJR = '北京智芯微电子科技有限公司';

async function shot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `institution-${name}.png`), fullPage: true });
}

const label = (page: Page, text: string) => page.getByLabel(text, { exact: true });
const level = (page: Page, group: string, choice: string) => page.getByRole('radiogroup', { name: group }).getByRole('radio', { name: choice, exact: true }).check();

/** demo_xjr: 【去登记】 → 登录 → 提示事项 with the consent box ticked → the form → 【提交】. */
async function submitWithConsent(page: Page) {
  await page.goto(`${env.baseUrl}/`);
  await page.getByRole('button', { name: '去登记', exact: true }).click();
  await page.waitForURL(/\/uc\/login/);
  await fillLogin(page, 'demo_xjr');
  await page.waitForURL(`${env.baseUrl}/financing`);
  await page.getByRole('heading', { name: '提示事项' }).waitFor();
  const consent = page.getByRole('checkbox', { name: '同意将本企业登记信息推送至合作金融机构' });
  if (!(await consent.isChecked())) await consent.check();
  await page.getByRole('button', { name: '关闭', exact: true }).click({ timeout: 15_000 });
  await page.waitForURL(/\/financing\/form$/);
  await page.getByRole('heading', { name: '①企业基本情况' }).waitFor();
  const modify = page.getByRole('button', { name: '修改', exact: true });
  if (await modify.isVisible()) await modify.click();
  await label(page, '上年度研发费用总额').waitFor();
  const values: Record<string, string> = {
    '从业人员（上年末）': '120',
    '从业人员（前年末）': '100',
    上年度营业收入: '8000',
    前年营业收入: '6400',
    上年度资产总额: '9000',
    上年度净利润: '500',
    上年度纳税总额: '300',
    上年度研发费用总额: '800',
    研发人员数: '30',
    有效发明专利数: '5',
    其他有效知识产权数: '12',
    '上年度高新技术产品（服务）收入': '5000',
    上年度技术合同成交额: '0',
    主导或参与制定的标准数: '1',
    近三年股权融资总额: '1500',
  };
  for (const [name, value] of Object.entries(values)) await label(page, name).fill(value);
  await level(page, '最高级别研发机构', '省级');
  await level(page, '近三年最高科技奖励', '无');
  await level(page, '企业承担科技计划项目', '市级');
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await page.getByText('提交成功', { exact: true }).waitFor();
}

describe('金融机构端 ↔ 融资对接', () => {
  it('demo_xjr submits with consent; bank_demo finds it and records 已授信 500 万元; demo_xjr sees it on 【融资对接】; after 【撤回授权】 bank_demo cannot open it', async () => {
    const enterprise = await openPage(env.browser());
    await submitWithConsent(enterprise.page);

    // bank_demo: 登录 → 【企业名单】 (地区 北京市) → the detail.
    const bank = await openPage(env.browser());
    const page = bank.page;
    await page.goto(`${env.baseUrl}/institution/`);
    await page.getByRole('heading', { name: '金融机构端登录' }).waitFor();
    await fillOperatorLogin(page, 'bank_demo');
    await page.waitForURL(/\/institution\/enterprises$/);
    await page.getByRole('heading', { name: '企业名单', exact: true }).waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.getByRole('button', { name: /导出/ }).count()).toBe(0);
    await page.getByLabel('地区', { exact: true }).click();
    await page.locator('.ant-select-item-option', { hasText: '北京市' }).first().click();
    await page.getByRole('button', { name: /查\s?询/ }).click();
    const row = page.getByRole('button', { name: XJR, exact: true });
    await row.waitFor({ timeout: 15_000 });
    await shot(page, 'list-1366');
    expect(await axeProblems(page)).toEqual([]);
    await row.click();
    await page.getByRole('heading', { name: XJR }).waitFor();
    // Masked until 【查看联系方式】.
    await page.getByText(/^1\d{2}\*{4}\d{4}$/).first().waitFor();
    await page.getByRole('button', { name: '查看联系方式', exact: true }).click();
    await page.getByText(/^1\d{10}$/).first().waitFor();
    // 【登记对接】 已授信 500 万元.
    await page.getByRole('button', { name: '登记对接', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '登记对接' });
    await dialog.getByText('已授信', { exact: true }).click();
    await dialog.getByLabel('授信金额', { exact: true }).fill('500');
    await dialog.getByLabel('年利率', { exact: true }).fill('3.6');
    await dialog.getByLabel('期限', { exact: true }).fill('12');
    await dialog.getByRole('button', { name: /确\s?定/ }).click();
    await page.getByText('已授信 500 万元，年利率 3.6%，期限 12 个月').waitFor();
    await shot(page, 'detail-1366');
    expect(await axeProblems(page)).toEqual([]);

    // demo_xjr: 【融资对接】 from the header shows the bank, the outcome and the views.
    const ep = enterprise.page;
    await ep.getByRole('link', { name: '融资对接', exact: true }).click();
    await ep.getByRole('heading', { name: '融资对接', exact: true }).waitFor();
    await ep.getByText('授信 500 万元，年利率 3.6%，期限 12 个月').waitFor();
    await ep.getByText('京华银行股份有限公司').first().waitFor();
    await ep.getByText('查看联系方式').first().waitFor();
    await shot(ep, 'matchmaking-1366');
    expect(await axeProblems(ep)).toEqual([]);
    // 【撤回授权】 with a confirmation.
    await ep.getByRole('button', { name: '撤回授权', exact: true }).click();
    await ep.getByRole('dialog', { name: '撤回授权' }).getByRole('button', { name: '确定撤回' }).click();
    await ep.getByText('未授权', { exact: true }).waitFor();
    await ep.setViewportSize({ width: 360, height: 780 });
    expect(await horizontalOverflow(ep)).toBeLessThanOrEqual(0);
    await shot(ep, 'matchmaking-360');

    // bank_demo: the detail is gone at once; its own 对接 entry stays in 【对接记录】.
    await page.reload();
    await page.getByText('该企业不在您的服务范围内，或已撤回授权。').waitFor();
    expect(await page.getByRole('button', { name: '查看联系方式' }).count()).toBe(0);
    await page.getByRole('link', { name: '对接记录', exact: true }).click();
    await page.getByText(XJR).first().waitFor();
    await page.getByText('已授信 500 万元，年利率 3.6%，期限 12 个月').first().waitFor();
    await shot(page, 'records-1366');
    expect(realProblems(ep)).toEqual([]);
    await enterprise.context.close();
    await bank.context.close();
  }, 150_000);
});
