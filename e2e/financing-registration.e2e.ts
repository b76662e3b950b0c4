import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeProblems, createAccount, horizontalOverflow, openPage, pickEnterprise, realProblems, signIn, useBrowser } from './helpers/browser.js';
import { fillLogin } from './helpers/steps.js';

const env = useBrowser();
const SHOTS = path.resolve('test-results/screenshots');

async function shot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `financing-${name}.png`), fullPage: true });
}

/** 首页 → 【去登记】 → 登录 (not logged in) → back at 融资服务专区. */
async function enterThroughHome(page: Page, identifier: string) {
  await page.goto(`${env.baseUrl}/`);
  await page.getByRole('button', { name: '去登记', exact: true }).click();
  await page.waitForURL(/\/uc\/login/);
  await fillLogin(page, identifier);
  await page.waitForURL(`${env.baseUrl}/financing`);
}

/** 【提示事项】 → wait for 【关闭】 → the form. */
async function passNotice(page: Page) {
  await page.getByRole('heading', { name: '提示事项' }).waitFor();
  await page.getByRole('button', { name: /^关闭（\d+s）$/ }).waitFor();
  await page.getByRole('button', { name: '关闭', exact: true }).click({ timeout: 15_000 });
  await page.waitForURL(/\/financing\/form$/);
  await page.getByRole('heading', { name: '①企业基本情况' }).waitFor();
}

const label = (page: Page, text: string) => page.getByLabel(text, { exact: true });
const level = (page: Page, group: string, choice: string) => page.getByRole('radiogroup', { name: group }).getByRole('radio', { name: choice, exact: true }).check();

/** ① (what 企业信息 did not pre-fill), ② and a little of ③. */
async function fillForm(page: Page) {
  const basic: Record<string, string> = {
    '从业人员（上年末）': '120',
    '从业人员（前年末）': '100',
    上年度营业收入: '8000',
    前年营业收入: '6400',
    上年度资产总额: '9000',
    上年度净利润: '-120.5',
    上年度纳税总额: '300',
  };
  for (const [name, value] of Object.entries(basic)) await label(page, name).fill(value);
  const indicators: Record<string, string> = {
    上年度研发费用总额: '800',
    研发人员数: '30',
    有效发明专利数: '5',
    其他有效知识产权数: '12',
    '上年度高新技术产品（服务）收入': '5000',
    上年度技术合同成交额: '0',
    主导或参与制定的标准数: '1',
    近三年股权融资总额: '1500',
  };
  for (const [name, value] of Object.entries(indicators)) await label(page, name).fill(value);
  await level(page, '最高级别研发机构', '省级');
  await level(page, '近三年最高科技奖励', '无');
  await level(page, '企业承担科技计划项目', '市级');
  await label(page, '高新技术企业证书编号').fill('GR202311001234');
}

describe('融资服务专区 → 【去登记】', () => {
  it('demo_xjr: 提示事项 counts down to 【关闭】, fills ①②③, saves a draft that a reload keeps, submits, prints the 回执, and 【修改】 makes a new version', async () => {
    const { page, context } = await openPage(env.browser());
    await enterThroughHome(page, 'demo_xjr');

    // 提示事项: the consent checkbox and 【关闭】 disabled as "关闭（10s）" … then enabled.
    await page.getByRole('heading', { name: '提示事项' }).waitFor();
    await page.getByRole('checkbox', { name: '同意将本企业登记信息推送至合作金融机构' }).waitFor();
    const countdown = page.getByRole('button', { name: /^关闭（\d+s）$/ });
    await countdown.waitFor();
    expect(await countdown.isDisabled()).toBe(true);
    expect(await countdown.textContent()).toMatch(/^关闭（(10|9)s）$/);
    expect(await axeProblems(page)).toEqual([]);
    await shot(page, 'notice-1366');
    const close = page.getByRole('button', { name: '关闭', exact: true });
    await close.waitFor({ timeout: 15_000 });
    expect(await close.isEnabled()).toBe(true);
    await close.click();
    await page.waitForURL(/\/financing\/form$/);

    // The form: read-only header, the three sections, computed ratios.
    await page.getByRole('heading', { name: '①企业基本情况' }).waitFor();
    await page.getByRole('heading', { name: '②企业创新积分核心指标' }).waitFor();
    await page.getByRole('heading', { name: '③选择填写指标' }).waitFor();
    await page.getByText('北京智芯微电子科技有限公司').first().waitFor();
    await page.getByText('91110108MA01A1B215').first().waitFor();

    // A version may exist already (seed data): 【修改】 opens a draft from it.
    const modifyFirst = page.getByRole('button', { name: '修改', exact: true });
    if (await modifyFirst.isVisible()) await modifyFirst.click();
    await label(page, '上年度研发费用总额').waitFor();

    await fillForm(page);
    // Live ratios: 研发投入强度 = 800 / 8000 = 10.00%, 研发人员占从业人员比重 = 30 / 120 = 25.00%.
    await page.getByText('10.00%', { exact: true }).first().waitFor();
    await page.getByText('25.00%', { exact: true }).first().waitFor();
    // 研发人员数 over 从业人员 is an error next to the field.
    await label(page, '研发人员数').fill('500');
    await label(page, '研发人员数').blur();
    await page.getByText('研发人员数不能超过从业人员（上年末）').waitFor();
    await label(page, '研发人员数').fill('30');
    await label(page, '研发人员数').blur();
    await page.getByText('研发人员数不能超过从业人员（上年末）').waitFor({ state: 'detached' });

    await page.getByRole('button', { name: '保存草稿', exact: true }).click();
    await page.getByText('草稿已保存').first().waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await shot(page, 'form-1366');

    // A reload keeps what was saved, and typing the autosave has not sent yet (local copy).
    // (A reload is no new entry: this session has read the notice, the form shows at once.)
    await page.reload();
    await page.getByRole('heading', { name: '①企业基本情况' }).waitFor();
    expect(await label(page, '上年度研发费用总额').inputValue()).toBe('800');
    expect(await label(page, '从业人员（前年末）').inputValue()).toBe('100');
    await label(page, '上年度技术合同成交额').fill('66.5');
    await page.reload();
    await page.getByRole('heading', { name: '①企业基本情况' }).waitFor();
    await expect.poll(() => label(page, '上年度技术合同成交额').inputValue()).toBe('66.5');

    // 【提交】 (a double click stores one version) → "提交成功", 已提交.
    const rows = page.locator('.registration-versions__table tbody tr');
    await page.getByRole('heading', { name: '版本记录' }).waitFor();
    await page.locator('.registration-versions .query-state').waitFor({ state: 'detached' });
    const versionsBefore = await rows.count();
    const submit = page.getByRole('button', { name: '提交', exact: true });
    await submit.dblclick();
    await page.getByText('提交成功', { exact: true }).waitFor();
    await page.getByText('已提交', { exact: true }).first().waitFor();
    const acceptanceNo = (await page.locator('.ant-alert-success strong').first().textContent())!;
    expect(acceptanceNo).toMatch(/^[A-Z]{2}\d{14}$/);
    await shot(page, 'submitted-1366');
    await expect.poll(() => rows.filter({ hasText: acceptanceNo }).count()).toBe(1);
    const versionsAfterSubmit = await rows.count();
    expect(versionsAfterSubmit).toBe(versionsBefore + 1);

    // 【查看创新积分】: the 创新积分（自评） page explains the provisional score (charts drawn, a text table beside them).
    await page.getByRole('button', { name: '查看创新积分', exact: true }).click();
    await page.getByRole('heading', { name: '创新积分（自评）', level: 1 }).waitFor();
    await page.getByText('发展阶段', { exact: true }).first().waitFor();
    await page.getByText('对比组', { exact: true }).first().waitFor();
    await page.getByText('提升建议', { exact: true }).waitFor();
    await expect.poll(() => page.locator('.score-chart svg').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.score-page table').count()).toBeGreaterThanOrEqual(2);
    await shot(page, 'score-1366');
    expect(await axeProblems(page)).toEqual([]);
    await page.goBack();
    await page.getByRole('heading', { name: '①企业基本情况' }).waitFor();

    // 【打印回执】: the 登记回执 with the 受理编号 and the submitted data.
    await page.getByRole('button', { name: '打印回执', exact: true }).click();
    await page.waitForURL(/\/financing\/receipt\//);
    // (The URL changes before the form leaves: wait for the 回执 itself.)
    await page.getByRole('heading', { name: /登记回执/ }).waitFor();
    await page.getByText(acceptanceNo, { exact: true }).waitFor();
    await page.getByText('GR202311001234').waitFor();
    await page.getByText('10.00%').first().waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '打印', exact: true }).isVisible()).toBe(false);
    await shot(page, 'receipt-print');
    await page.emulateMedia({ media: 'screen' });
    expect(await axeProblems(page)).toEqual([]);

    // 【修改】 in the window: a draft from the latest version; 提交 makes the next version.
    await page.getByRole('button', { name: '返回登记表', exact: true }).click();
    await page.getByRole('heading', { name: '①企业基本情况' }).waitFor();
    await page.getByRole('button', { name: '修改', exact: true }).click();
    await label(page, '主导或参与制定的标准数').fill('2');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.getByText('提交成功', { exact: true }).waitFor();
    await expect.poll(() => rows.count()).toBe(versionsAfterSubmit + 1);
    expect(realProblems(page)).toEqual([]);
    await context.close();
  }, 150_000);

  it('a save over a newer revision (another tab) says "数据已被他人修改，请刷新后重试" and keeps the typed data in the browser', async () => {
    const { page, context } = await openPage(env.browser());
    await enterThroughHome(page, 'demo_bound');
    await passNotice(page);
    const other = await context.newPage();
    await other.goto(`${env.baseUrl}/financing/form`);
    await other.getByRole('heading', { name: '①企业基本情况' }).waitFor();

    await label(page, '上年度技术合同成交额').fill('11');
    await page.getByRole('button', { name: '保存草稿', exact: true }).click();
    await page.getByText('草稿已保存').first().waitFor();

    await label(other, '上年度技术合同成交额').fill('22');
    await other.getByRole('button', { name: '保存草稿', exact: true }).click();
    await other.getByText(/数据已被他人修改，请刷新后重试/).first().waitFor();
    expect(await label(other, '上年度技术合同成交额').inputValue()).toBe('22');

    // After a reload the stored draft shows, and the typing kept in the browser is offered.
    await other.reload();
    await other.getByRole('heading', { name: '①企业基本情况' }).waitFor();
    await expect.poll(() => label(other, '上年度技术合同成交额').inputValue()).toBe('11');
    await other.getByRole('button', { name: '恢复这些内容', exact: true }).click();
    expect(await label(other, '上年度技术合同成交额').inputValue()).toBe('22');
    await other.getByText(/草稿已自动保存/).waitFor({ timeout: 10_000 });
    await context.close();
  }, 90_000);

  it('works on a 360 px phone: the notice and the form without horizontal scrolling', async () => {
    const { page, context } = await openPage(env.browser(), { viewport: { width: 360, height: 740 } });
    await enterThroughHome(page, 'demo_xjr');
    await page.getByRole('heading', { name: '提示事项' }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'notice-360');
    await passNotice(page);
    await label(page, '上年度研发费用总额').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'form-360');
    await context.close();
  });

  it('a 自然人 gets "融资服务专区仅面向已完成实名认证的企业法人账户"', async () => {
    const { page, context } = await openPage(env.browser());
    await enterThroughHome(page, 'demo_person');
    await page.getByRole('dialog').getByText('融资服务专区仅面向已完成实名认证的企业法人账户').waitFor();
    await page.getByRole('button', { name: '确定', exact: true }).click();
    await page.waitForURL(`${env.baseUrl}/`);
    await context.close();
  });

  it('an enterprise with incomplete 企业信息 gets "请先完善企业基本信息" and 【确定】 leads to 企业信息 edit', async () => {
    // A fresh qualified enterprise (nothing saved in 企业信息 yet), not demo_incomplete: another
    // file completes demo_incomplete's 企业信息, and files share one server in any order.
    const { client } = await createAccount({ enterprise: await pickEnterprise('valid'), prefix: 'finx' });
    const { page, context } = await openPage(env.browser());
    await signIn(context, client);
    await page.goto(`${env.baseUrl}/auth/login?returnTo=/financing`);
    await page.waitForURL(`${env.baseUrl}/financing`);
    await page.getByRole('dialog').getByText('请先完善企业基本信息').waitFor();
    await page.getByRole('button', { name: '确定', exact: true }).click();
    await page.waitForURL(/\/enterprise\/edit$/);
    await context.close();
  });

  for (const qualification of ['none', 'kjx-expired'] as const) {
    it(`an enterprise without a valid qualification (${qualification}) gets "此项功能未对当前账号企业开放" with 【认定情况】`, async () => {
      const enterprise = await pickEnterprise(qualification);
      const { client } = await createAccount({ enterprise, prefix: 'fin' });
      const { page, context } = await openPage(env.browser());
      await signIn(context, client);
      await page.goto(`${env.baseUrl}/auth/login?returnTo=/financing`);
      await page.waitForURL(`${env.baseUrl}/financing`);
      const dialog = page.getByRole('dialog');
      await dialog.getByText('此项功能未对当前账号企业开放').waitFor();
      await dialog.getByText(/若为科技型中小企业/).waitFor();
      await dialog.getByRole('link', { name: '认定情况', exact: true }).waitFor();
      expect(await axeProblems(page)).toEqual([]);
      await context.close();
    });
  }
});
