import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeProblems, horizontalOverflow, openPage, realProblems, useBrowser } from './helpers/browser.js';
import { logInAsOperator } from './helpers/steps.js';

/**
 * 管理端 【工作台】, 【登记查询】 and 【系统设置】 over the demo registrations: admin sees the
 * charts, filters, opens a detail and exports; admin_sh sees 上海 only and not another
 * province's registration; admin changes the filing window (keeping it open today, then back).
 */

const env = useBrowser();
const menu = (page: Page) => page.getByRole('navigation', { name: '管理菜单' });
const rows = (page: Page) => page.locator('.ant-table-tbody .ant-table-row');

describe('【工作台】 【登记查询】 【系统设置】', () => {
  it('admin: 工作台 charts, 登记查询 filter, detail and 导出', async () => {
    const { page } = await openPage(env.browser());
    await logInAsOperator(page, 'admin');
    for (const name of ['工作台', '登记查询', '系统设置']) await menu(page).getByRole('link', { name }).waitFor();

    await menu(page).getByRole('link', { name: '工作台' }).click();
    await page.getByRole('heading', { name: '工作台', exact: true }).waitFor();
    await page.getByText('全国，数据年度').waitFor();
    // echarts draws SVG into every chart (lazy chunk).
    await expect.poll(() => page.locator('.dashboard-chart svg').count(), { timeout: 15_000 }).toBe(5);
    expect(Number((await page.locator('.ant-statistic', { hasText: '已登记企业' }).locator('.ant-statistic-content-value').textContent())?.replace(/,/g, ''))).toBeGreaterThan(0);
    await page.screenshot({ path: 'test-results/screenshots/admin-dashboard.png', fullPage: true });
    expect(await axeProblems(page)).toEqual([]);

    await menu(page).getByRole('link', { name: '登记查询' }).click();
    await page.getByRole('heading', { name: '登记查询', exact: true }).waitFor();
    await rows(page).first().waitFor();
    const totalText = async () => (await page.locator('.ant-pagination-total-text').textContent()) ?? '';
    const allTotal = Number((await totalText()).match(/\d+/)?.[0]);
    expect(allTotal).toBeGreaterThan(0);
    expect(await axeProblems(page)).toEqual([]);

    // Filter by 企业规模 = 小型: fewer rows, each 小型.
    await page.locator('.ant-form-item', { has: page.getByText('企业规模', { exact: true }) }).locator('.ant-select-selector').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '小型' }).click();
    await page.getByRole('button', { name: '查 询' }).or(page.getByRole('button', { name: '查询' })).first().click();
    await expect.poll(async () => Number((await totalText()).match(/\d+/)?.[0])).toBeLessThan(allTotal);
    for (const text of await rows(page).allTextContents()) expect(text).toContain('小型');
    await page.screenshot({ path: 'test-results/screenshots/admin-registrations.png', fullPage: true });

    // 【导出】 the filtered set: an XLSX whose rows are the 小型 ones, contacts masked.
    const shown = Number((await totalText()).match(/\d+/)?.[0]);
    await page.getByRole('button', { name: '导出', exact: true }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '导出登记数据' });
    await dialog.getByText(`${shown} 条登记`).waitFor();
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: '导出', exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^登记查询_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fs.readFileSync(await file.path()) as unknown as ArrayBuffer);
    expect(workbook.worksheets[0].rowCount).toBe(shown + 1);
    expect(workbook.worksheets[0].getColumn(6).values.slice(2)).toEqual(Array(shown).fill('小型'));
    // Detail of the first row.
    const first = rows(page).first();
    const name = (await first.locator('td').first().textContent())!.trim();
    await first.getByRole('link', { name: `查看：${name}` }).click();
    await page.waitForURL(/\/admin\/registrations\/[\w-]+$/);
    await page.getByRole('heading', { name, exact: true }).waitFor();
    await page.getByRole('heading', { name: '提交版本' }).waitFor();
    await page.getByRole('heading', { name: '创新积分' }).waitFor();
    expect(await page.getByText(/^\d{3}\*{4}\d{4}$/).count()).toBe(1);
    await page.screenshot({ path: 'test-results/screenshots/admin-registration-detail.png', fullPage: true });
    expect(await axeProblems(page)).toEqual([]);

    await page.getByRole('link', { name: '返回登记查询' }).click();
    await rows(page).first().waitFor();
    expect(realProblems(page)).toEqual([]);
  });

  it('admin_sh: 工作台 and 登记查询 of 上海 only; another province’s registration is not found', async () => {
    // An id of a registration outside 上海, as admin sees it.
    const admin = await openPage(env.browser());
    await logInAsOperator(admin.page, 'admin');
    const otherId = await admin.page.evaluate(async () => {
      const csrf = ((await (await fetch('/api/csrf')).json()) as { token: string }).token;
      const res = await fetch('/api/admin/registrations/search', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify({ filter: { region: '11' }, page: 1, pageSize: 1 }) });
      return ((await res.json()) as { items: { id: string }[] }).items[0]?.id ?? null;
    });
    expect(otherId).not.toBeNull();

    const { page } = await openPage(env.browser());
    await logInAsOperator(page, 'admin_sh');
    expect(await menu(page).getByRole('link', { name: '系统设置' }).count()).toBe(0);
    await menu(page).getByRole('link', { name: '工作台' }).click();
    await page.getByText('上海市，数据年度').waitFor();
    await page.getByRole('heading', { name: '各地市登记' }).waitFor();
    await menu(page).getByRole('link', { name: '登记查询' }).click();
    await page.getByRole('heading', { name: '登记查询', exact: true }).waitFor();
    await page.locator('.ant-pagination-total-text, .admin-empty').first().waitFor();
    for (const text of await rows(page).allTextContents()) expect(text).toContain('上海');

    await page.goto(`${env.baseUrl}/admin/registrations/${otherId}`);
    await page.getByText('您访问的页面或接口不存在').first().waitFor();

    // 360 px: no horizontal scrolling of the page.
    const phone = await openPage(env.browser(), { viewport: { width: 360, height: 740 } });
    await logInAsOperator(phone.page, 'admin_sh');
    await phone.page.goto(`${env.baseUrl}/admin/dashboard`);
    await phone.page.getByRole('heading', { name: '工作台', exact: true }).waitFor();
    await expect.poll(() => phone.page.locator('.dashboard-chart svg').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await horizontalOverflow(phone.page)).toBeLessThanOrEqual(0);
    await phone.page.screenshot({ path: 'test-results/screenshots/admin-dashboard-360.png', fullPage: true });
  });

  it('admin changes the filing window in 系统设置 (still open today) and sets it back', async () => {
    const { page } = await openPage(env.browser());
    await logInAsOperator(page, 'admin');
    await menu(page).getByRole('link', { name: '系统设置' }).click();
    await page.getByRole('heading', { name: '系统设置', exact: true }).waitFor();
    const closes = page.getByLabel('截止日期', { exact: true });
    await expect.poll(() => closes.inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const before = await closes.inputValue();
    // Another close date late in the same year keeps the window open today (other browser tests fill the form).
    const changed = before.endsWith('-12-31') ? `${before.slice(0, 4)}-12-30` : `${before.slice(0, 4)}-12-31`;
    await closes.fill(changed);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('填报时间已保存').waitFor();
    await page.reload();
    await expect.poll(() => page.getByLabel('截止日期', { exact: true }).inputValue()).toBe(changed);
    await page.screenshot({ path: 'test-results/screenshots/admin-settings.png', fullPage: true });
    expect(await axeProblems(page)).toEqual([]);

    await page.getByLabel('截止日期', { exact: true }).fill(before);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('填报时间已保存').waitFor();
  });
});
