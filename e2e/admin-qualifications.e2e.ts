import { describe, expect, it } from 'vitest';
import { axeProblems, horizontalOverflow, openPage, pickEnterprise, realProblems, useBrowser } from './helpers/browser.js';
import { logInAsOperator } from './helpers/steps.js';

/**
 * 管理端 【资质管理】: 部级 admin imports a small CSV (one good row for an enterprise picked from
 * the registry, one row with a wrong name), sees the preview with the row error and the
 * progress to 导入完成, then revokes the new qualification with a reason.
 */

const env = useBrowser();

const HEADER = '统一社会信用代码,企业名称,认定编号,认定年度/批次,认定日期,有效期至,认定单位';

describe('【资质管理】', () => {
  it('imports a CSV through preview and 确认导入, shows the row error, and revokes with a reason', async () => {
    const good = await pickEnterprise('none');
    const other = await pickEnterprise('none');
    const certNo = `CX-E2E-${good.uscc.slice(-6)}`;
    const csv = [HEADER, `${good.uscc},${good.name},${certNo},2026年第一批,2026-03-15,2029-03-14,某省中小企业主管部门`, `${other.uscc},名称不对有限公司,CX-E2E-X,2026年第一批,2026-03-15,2029-03-14,某省中小企业主管部门`].join('\r\n');

    const { page } = await openPage(env.browser());
    await logInAsOperator(page, 'admin');
    await page.getByRole('navigation', { name: '管理菜单' }).getByRole('link', { name: '资质管理' }).click();
    await page.waitForURL(/\/admin\/qualifications$/);
    await page.getByRole('heading', { name: '资质管理', exact: true }).waitFor();
    await page.locator('.ant-table-tbody .ant-table-row').first().waitFor();
    expect(await axeProblems(page)).toEqual([]);

    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.waitForURL(/\/admin\/qualifications\/import$/);
    await page.getByRole('heading', { name: '导入资质', exact: true }).waitFor();
    await page.locator('.ant-radio-button-wrapper', { hasText: '创新型中小企业' }).click();
    await page.getByRole('link', { name: '下载CSV模板' }).waitFor();
    await page.locator('input[type=file]').setInputFiles({ name: '创新型中小企业.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: '上传并校验' }).click();
    await page.waitForURL(/\/admin\/qualifications\/import\/[\w-]+$/);

    // The preview: counts, the first rows, the row error with its row number, column and reason.
    await page.getByRole('button', { name: '确认导入' }).waitFor();
    const stats = page.getByRole('list', { name: '校验结果' });
    await expect.poll(() => stats.textContent()).toContain('共 2 行');
    expect(await stats.textContent()).toContain('错误 1 行');
    const errorRow = page.locator('.ant-table-row').filter({ hasText: '企业名称与登记机关登记的名称不一致' });
    await errorRow.waitFor();
    expect(await errorRow.textContent()).toContain('3企业名称');
    await page.getByRole('link', { name: '下载错误报告' }).waitFor();
    await page.screenshot({ path: 'test-results/screenshots/qualification-import-preview.png', fullPage: true });
    expect(await axeProblems(page)).toEqual([]);

    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByText('导入完成', { exact: true }).waitFor();
    expect(await page.getByText('新增 1 条，更新 0 条，无变化 0 条；错误 1 行未导入').count()).toBe(1);

    // The list: find it by USCC (sent in the request body), 【撤销】 with a reason.
    await page.getByRole('button', { name: '返回资质管理' }).click();
    await page.waitForURL(/\/admin\/qualifications$/);
    await page.getByLabel('关键词').fill(good.uscc);
    await page.getByRole('button', { name: '查询' }).click();
    const row = page.locator('.ant-table-tbody .ant-table-row').filter({ hasText: certNo });
    await row.waitFor();
    expect(page.url()).not.toContain(good.uscc);
    expect(await row.textContent()).toContain('有效');
    await row.getByRole('button', { name: /撤销/ }).click();
    const dialog = page.getByRole('dialog', { name: '撤销资质' });
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.getByText('请填写撤销原因').waitFor();
    await dialog.getByLabel('撤销原因').fill('企业申请材料存在虚假内容');
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row.textContent()).toContain('已撤销');
    expect(await row.textContent()).toContain('企业申请材料存在虚假内容');
    await page.screenshot({ path: 'test-results/screenshots/qualification-list.png', fullPage: true });
    expect(realProblems(page)).toEqual([]);
  });

  it('works at 360 px', async () => {
    const { page } = await openPage(env.browser(), { viewport: { width: 360, height: 740 } });
    await logInAsOperator(page, 'admin_sh');
    await page.goto(`${env.baseUrl}/admin/qualifications`);
    await page.getByRole('heading', { name: '资质管理', exact: true }).waitFor();
    await page.locator('.ant-table-tbody .ant-table-row').first().waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await page.screenshot({ path: 'test-results/screenshots/qualification-list-360.png', fullPage: true });
    await page.goto(`${env.baseUrl}/admin/qualifications/import`);
    // 省级: no 小巨人 template (部级 only).
    await page.getByRole('heading', { name: '导入资质', exact: true }).waitFor();
    await page.locator('.ant-radio-button-wrapper', { hasText: '创新型中小企业' }).waitFor();
    expect(await page.locator('.ant-radio-button-wrapper', { hasText: '专精特新“小巨人”企业' }).count()).toBe(0);
    expect(await horizontalOverflow(page)).toBe(0);
    await page.screenshot({ path: 'test-results/screenshots/qualification-import-360.png', fullPage: true });
  });
});
