import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeProblems, createAccount, horizontalOverflow, openPage, pickEnterprise, realProblems, signIn, useBrowser } from './helpers/browser.js';
import { fillLogin } from './helpers/steps.js';

/** 企业信息管理 (issue 13): 【企业信息】 read view and edit form with 企业规模, 【认定情况】. */

const env = useBrowser();
const SHOTS = path.resolve('test-results/screenshots');

async function shot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `enterprise-${name}.png`), fullPage: true });
}

/** Platform login (统一登录系统 pages) that comes back to `returnTo`. */
async function logIn(page: Page, identifier: string, returnTo: string) {
  await page.goto(`${env.baseUrl}/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  await page.waitForURL(/\/uc\/login/);
  await fillLogin(page, identifier);
  await page.waitForURL(`${env.baseUrl}${returnTo}`);
}

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
/** An option of the open cascader menu (or of its search results) by its text. */
const cascaderOption = (page: Page, text: string | RegExp) => page.locator('.ant-cascader-dropdown:not(.ant-select-dropdown-hidden) .ant-cascader-menu-item').filter({ hasText: text }).first();

describe('企业信息管理 → 【企业信息】', () => {
  it('demo_incomplete: the header menu leads to 企业信息, which names what is missing; 【编辑】 → region by choosing, industry by typing → 【保存】 → complete with 企业规模', async () => {
    const { page, context } = await openPage(env.browser());
    await logIn(page, 'demo_incomplete', '/');

    // 【企业信息管理】 in the header, with 【企业信息】 and 【认定情况】.
    await page.getByRole('button', { name: /企业信息管理/ }).click();
    await page.getByRole('menuitem', { name: '认定情况' }).waitFor();
    await page.getByRole('menuitem', { name: '企业信息' }).click();
    await page.waitForURL(`${env.baseUrl}/enterprise`);
    await page.getByRole('heading', { name: '企业信息', exact: true }).waitFor();
    await page.getByText('企业信息尚未完善').waitFor();
    await page.getByText('请补充：注册地址、详细地址、所属行业、主营业务、从业人员（上年末）、上年度营业收入、上年度资产总额、联系人邮箱').waitFor();
    await page.locator('#main-content').getByText('武汉光谷激光技术有限公司').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await shot(page, 'view-incomplete-1366');

    // 【编辑】 at the bottom.
    await page.getByRole('button', { name: '编辑', exact: true }).click();
    await page.waitForURL(`${env.baseUrl}/enterprise/edit`);
    await page.getByRole('heading', { name: '编辑企业信息' }).waitFor();
    await page.getByRole('button', { name: '保存', exact: true }).waitFor();
    await page.getByRole('button', { name: '取消', exact: true }).waitFor();

    // 【保存】 with fields missing: the shared rules' messages next to the fields.
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('请选择注册地址所在省/市/区县').first().waitFor();
    await page.getByText('请选择所属行业').first().waitFor();
    await page.getByText('请输入联系人邮箱').waitFor();

    // 注册地址 by choosing 省 → 市 → 区县.
    await field(page, '注册地址').click();
    await cascaderOption(page, '湖北省').click();
    await cascaderOption(page, '武汉市').click();
    await cascaderOption(page, '洪山区').click();
    await field(page, '详细地址').fill('光谷大道77号');

    // 所属行业 by typing: the search offers 门类 / 大类 / 中类 paths.
    await field(page, '所属行业').click();
    await field(page, '所属行业').pressSequentially('电工机械专用设备');
    await cascaderOption(page, /356 电子和电工机械专用设备制造/).click();

    await field(page, '主营业务').fill('工业激光器及激光加工设备的研发、生产和销售');
    await field(page, '从业人员（上年末）').fill('86');
    await field(page, '上年度营业收入').fill('3200');
    await field(page, '上年度资产总额').fill('4100');
    await field(page, '联系人邮箱').fill('wugang@example.com');
    // Units are suffixes, not part of the labels; 企业规模 follows the figures as they are typed.
    await page.getByText('从业人员 86人，营业收入 3200万元').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await shot(page, 'edit-1366');

    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.waitForURL(`${env.baseUrl}/enterprise`);
    await page.getByText('企业信息已保存').waitFor();
    expect(await page.getByText('企业信息尚未完善').count()).toBe(0);
    await page.getByText('湖北省 / 武汉市 / 洪山区').waitFor();
    await page.getByText('C 制造业 / 35 专用设备制造业 / 356 电子和电工机械专用设备制造').waitFor();
    const size = page.locator('.ant-descriptions-row').filter({ has: page.getByText('企业规模', { exact: true }) });
    await size.getByText('小型', { exact: true }).waitFor();
    await size.getByText('（按“工业”划型标准，依据：从业人员 86人，营业收入 3200万元）').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await shot(page, 'view-complete-1366');
    expect(realProblems(page)).toEqual([]);
    await context.close();
  });

  it('【取消】 leaves the edit form without saving', async () => {
    const { page, context } = await openPage(env.browser());
    await logIn(page, 'demo_xjr', '/enterprise/edit');
    await field(page, '详细地址').fill('不会保存的地址');
    await page.getByRole('button', { name: '取消', exact: true }).click();
    await page.waitForURL(`${env.baseUrl}/enterprise`);
    await page.getByText('中关村软件园二期12号楼').waitFor();
    expect(await page.getByText('不会保存的地址').count()).toBe(0);
    await context.close();
  });

  it('looks finished at 360 px: no horizontal scrolling on 企业信息, its edit form and 认定情况', async () => {
    const { page, context } = await openPage(env.browser(), { viewport: { width: 360, height: 740 } });
    await logIn(page, 'demo_xjr', '/enterprise');
    await page.getByText('北京智芯微电子科技有限公司').first().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'view-360');
    await page.getByRole('button', { name: '编辑', exact: true }).click();
    await field(page, '注册地址').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'edit-360');
    await page.getByRole('link', { name: '认定情况', exact: true }).click();
    // Phones get one card per qualification with every column instead of the table.
    const card = page.getByRole('listitem').filter({ hasText: '专精特新“小巨人”企业' });
    await card.getByText('有效', { exact: true }).waitFor();
    for (const term of ['认定编号', '认定年度', '认定日期', '有效期至', '认定单位']) await card.getByText(term, { exact: true }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'qualifications-360');
    expect(realProblems(page)).toEqual([]);
    await context.close();
  });
});

describe('企业信息管理 → 【认定情况】', () => {
  it('demo_xjr: 专精特新“小巨人”企业 有效, with the columns of flows.md', async () => {
    const { page, context } = await openPage(env.browser());
    await logIn(page, 'demo_xjr', '/');
    await page.getByRole('button', { name: /企业信息管理/ }).click();
    await page.getByRole('menuitem', { name: '认定情况' }).click();
    await page.waitForURL(`${env.baseUrl}/enterprise/qualifications`);
    for (const column of ['资质类型', '认定编号', '认定年度', '认定日期', '有效期至', '状态', '认定单位']) await page.getByRole('columnheader', { name: column, exact: true }).waitFor();
    const row = page.getByRole('row').filter({ hasText: '专精特新“小巨人”企业' });
    await row.getByText('有效', { exact: true }).waitFor();
    await row.getByText('工业和信息化部').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await shot(page, 'qualifications-1366');
    await context.close();
  });

  it('an enterprise without qualifications sees how to apply', async () => {
    const { client } = await createAccount({ enterprise: await pickEnterprise('none'), prefix: 'ent' });
    const { page, context } = await openPage(env.browser());
    await signIn(context, client);
    await page.goto(`${env.baseUrl}/auth/login?returnTo=${encodeURIComponent('/enterprise/qualifications')}`);
    await page.waitForURL(`${env.baseUrl}/enterprise/qualifications`);
    await page.getByText('本企业暂无认定记录。').waitFor();
    await page.getByText('如何申请：').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    // Its 企业信息 starts from the registry's record: 注册地址 and 所属行业 pre-filled, nothing saved yet.
    await page.getByRole('link', { name: '企业信息', exact: true }).first().click();
    await page.getByText('以下部分信息已根据登记机关信息预先填写，请核对并补充后保存。').waitFor();
    await shot(page, 'qualifications-empty-then-prefilled-1366');
    await context.close();
  });
});
