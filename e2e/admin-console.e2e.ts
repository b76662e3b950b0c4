import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeProblems, horizontalOverflow, openPage, pageProblems, useBrowser } from './helpers/browser.js';
import { logInAsOperator } from './helpers/steps.js';

/**
 * 管理端 【账号管理】, 【内容管理】 and 【审计日志】 as the demo 部级 operator `admin` (a 审计员):
 * each test makes its own account and content, named by a suffix of its own.
 */

const env = useBrowser();
const suffix = Date.now().toString(36).slice(-5);

const menu = (page: Page) => page.getByRole('navigation', { name: '管理菜单' });

/** Picks an option of an antd Select by typing part of its label (the select is searchable). */
async function choose(page: Page, label: string, typed: string, option: string) {
  // The shown value covers the input: click the select itself, then type (searchable ones filter).
  await page.locator('.ant-form-item', { has: page.getByLabel(label, { exact: true }) }).locator('.ant-select-selector').click();
  await page.keyboard.type(typed);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option }).first().click();
}

/** Clicks 【确定】 of the open confirmation dialog. */
async function confirmDialog(page: Page, title: string) {
  const dialog = page.getByRole('dialog').filter({ hasText: title });
  await dialog.getByRole('button', { name: '确定' }).click();
  await dialog.waitFor({ state: 'detached' });
}

const tableRow = (page: Page, text: string) => page.locator('.ant-table-tbody tr', { hasText: text });

describe('管理端 【账号管理】 【内容管理】 【审计日志】', () => {
  it('admin creates a 市级 operator and disables it, publishes a 通知公告 that the platform home shows, and finds both in 审计日志', async () => {
    const { page, context } = await openPage(env.browser());
    await logInAsOperator(page, 'admin');
    for (const name of ['人工核验', '账号管理', '审计日志', '内容管理']) await menu(page).getByRole('link', { name }).waitFor();

    // 【账号管理】 → 【新建账号】: a 市级 account of 上海.
    await menu(page).getByRole('link', { name: '账号管理' }).click();
    await page.getByRole('heading', { name: '账号管理', exact: true }).waitFor();
    await tableRow(page, 'admin_sh').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    const username = `e2e_city_${suffix}`;
    await page.getByRole('button', { name: '新建账号' }).click();
    const form = page.getByRole('dialog').filter({ hasText: '新建账号' });
    await form.getByLabel('账号', { exact: true }).fill(username);
    await form.getByLabel('名称', { exact: true }).fill('上海市辖区管理员');
    await choose(page, '角色', '市级', '市级');
    await choose(page, '省份', '上海', '上海市');
    await choose(page, '城市', '市辖区', '上海市（市辖区）');
    await form.getByRole('button', { name: '创建' }).click();
    const created = page.getByRole('dialog').filter({ hasText: '账号已创建' });
    await created.getByText('初始密码只显示这一次').waitFor();
    const password = (await created.locator('.operator-password code').textContent())!;
    expect(password).toMatch(/^\S{16}$/);
    await created.getByRole('button', { name: '我已记录' }).click();
    const row = tableRow(page, username);
    await row.getByText('正常').waitFor();
    await expect.poll(() => row.textContent()).toContain('上海市（市辖区）');

    await row.getByRole('button', { name: `停用：${username}` }).click();
    await confirmDialog(page, `确定停用账号“${username}”吗？`);
    await row.getByText('已停用').waitFor();
    await row.getByRole('button', { name: `启用：${username}` }).waitFor();

    // 【内容管理】 → 【发布通知公告】, shown on the platform home at once.
    await menu(page).getByRole('link', { name: '内容管理' }).click();
    await page.getByRole('heading', { name: '内容管理', exact: true }).waitFor();
    await page.getByRole('tab', { name: '通知公告' }).click();
    const title = `关于端到端测试的通知${suffix}`;
    await page.getByRole('button', { name: '发布通知公告' }).click();
    const editor = page.getByRole('dialog').filter({ hasText: '发布通知公告' });
    await editor.getByLabel('标题', { exact: true }).fill(title);
    await editor.getByLabel('正文', { exact: true }).fill('第一段内容。\n\n第二段内容。');
    await editor.getByRole('button', { name: '发布' }).click();
    await tableRow(page, title).waitFor();
    expect(await axeProblems(page)).toEqual([]);

    const home = await context.newPage();
    await home.goto(`${env.baseUrl}/`);
    await home.getByRole('region', { name: '通知公告' }).getByRole('link', { name: title }).waitFor();
    await home.close();

    // 【审计日志】: the chain is intact and the actions are there.
    await menu(page).getByRole('link', { name: '审计日志' }).click();
    await page.getByRole('heading', { name: '审计日志', exact: true }).waitFor();
    await page.getByText(/哈希链校验通过：共 \d+ 条记录/).waitFor();
    await page.getByLabel('操作对象', { exact: true }).fill(username);
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await tableRow(page, '停用管理端账号').waitFor();
    await tableRow(page, '新建管理端账号').first().waitFor();
    expect(await tableRow(page, '停用管理端账号').textContent()).toContain('部级管理员（admin）');
    await page.getByLabel('操作对象', { exact: true }).fill('');
    await choose(page, '操作', '新建内容', '新建内容');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await tableRow(page, title).waitFor();
    expect(await axeProblems(page)).toEqual([]);

    // 【导出】 downloads an XLSX.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出', exact: true }).click();
    expect((await download).suggestedFilename()).toMatch(/^审计日志_\d{12}\.xlsx$/);
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it('gives the 上海 省级 operator 账号管理 of its 市级 accounts only, without 审计日志 and 内容管理; works at 360 px', async () => {
    const { page, context } = await openPage(env.browser(), { viewport: { width: 360, height: 740 } });
    await logInAsOperator(page, 'admin_sh');
    await menu(page).getByRole('link', { name: '账号管理' }).waitFor();
    expect(await menu(page).getByRole('link', { name: '审计日志' }).count()).toBe(0);
    expect(await menu(page).getByRole('link', { name: '内容管理' }).count()).toBe(0);
    await menu(page).getByRole('link', { name: '账号管理' }).click();
    await page.getByRole('heading', { name: '账号管理', exact: true }).waitFor();
    await page.getByText('管理上海市的市级管理端账号').waitFor();
    // The page holds two tables (管理端账号 and 金融机构账号): the first is the operators'.
    await page.locator('.ant-table-tbody').first().waitFor();
    expect(await tableRow(page, 'admin').count()).toBe(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: '新建账号' }).click();
    const form = page.getByRole('dialog').filter({ hasText: '新建账号' });
    await form.getByLabel('城市', { exact: true }).waitFor();
    // Its own province, shown and not to be chosen.
    await form.getByText('上海市', { exact: true }).waitFor();
    expect(await form.getByLabel('省份', { exact: true }).count()).toBe(0);
    expect(await axeProblems(page)).toEqual([]);

    // Typed URLs of 部级 pages answer with the server's refusal, not a page of data.
    await page.goto(`${env.baseUrl}/admin/audit`);
    await page.getByRole('alert').filter({ hasText: '仅审计员可以查看审计日志' }).first().waitFor();
    await context.close();
  });
});
