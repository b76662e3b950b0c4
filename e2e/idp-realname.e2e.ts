import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser, axeProblems, realProblems, pickEnterprise, createAccount, newUser, signIn } from './helpers/browser.js';
import { chooseHkMacaoPermitByKeyboard, fillLegalRealname, legalClaimOf, registerThroughPages } from './helpers/steps.js';

/**
 * 实名认证 (/uc/center/realname): 法人 with the registry, USCC taken, 自然人 locked out of 法人,
 * 人工核验. Every test registers its own account and takes its own enterprise from the
 * generated registry (GET /__dev/registry/pick): no test depends on another or on the order.
 */

const env = useBrowser();

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** The same code with another check character: a check-digit error and nothing else. */
function withWrongCheck(code: string, charset: string): string {
  const last = code.at(-1)!;
  return code.slice(0, -1) + charset[(charset.indexOf(last) + 1) % charset.length];
}

/** 身份证号码 with its check character (GB 11643). */
function withIdCheck(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((acc, c, i) => acc + Number(c) * weights[i]!, 0);
  return body17 + '10X98765432'[sum % 11];
}

/** A 1×1 PNG and a minimal PDF: real content for the server's type sniffing. */
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** A new account (made through the API), logged in, on the 实名认证 page. */
async function newAccountOnRealnamePage(page: Page, context: BrowserContext) {
  const account = await createAccount({ prefix: 'rn' });
  await signIn(context, account.client);
  await page.goto(`${env.baseUrl}/uc/center/realname`);
  await page.getByRole('button', { name: '提交认证', exact: true }).waitFor();
}

describe('实名认证', () => {
  it('verifies a 法人 after format errors and a mismatch', async () => {
    const { page, context } = await openPage(env.browser());
    const enterprise = await pickEnterprise('valid');
    // 注册 through the pages, and 【立即认证】 to the 实名认证 page.
    await registerThroughPages(page, newUser('rn'));
    await page.getByRole('button', { name: '立即认证', exact: true }).click();
    await page.waitForURL(/\/uc\/center\/realname$/);
    await page.getByRole('button', { name: '提交认证', exact: true }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    // 证件类型 defaults to 居民身份证.
    await page.getByText('居民身份证', { exact: true }).waitFor();

    const right = legalClaimOf(enterprise);
    const submit = page.getByRole('button', { name: '提交认证', exact: true });

    await fillLegalRealname(page, { ...right, uscc: withWrongCheck(right.uscc, USCC_CHARSET) });
    await submit.click();
    await page.getByText('统一社会信用代码校验位错误', { exact: true }).waitFor();
    expect(await axeProblems(page)).toEqual([]);

    await page.getByLabel('统一社会信用代码', { exact: true }).fill(right.uscc);
    await page.getByLabel('证件号码', { exact: true }).fill(withWrongCheck(right.idNumber, '0123456789X'));
    await submit.click();
    await page.getByText('身份证号码校验位错误', { exact: true }).waitFor();
    await page.getByText('统一社会信用代码校验位错误', { exact: true }).waitFor({ state: 'detached' });

    // Well-formed, but not what the registry says.
    await page.getByLabel('证件号码', { exact: true }).fill(right.idNumber);
    await page.getByLabel('法定代表人姓名', { exact: true }).fill(`${right.legalRepName}明`);
    await submit.click();
    await page.getByText('认证信息与登记机关信息不一致，请核对后重试', { exact: true }).waitFor();

    await page.getByLabel('法定代表人姓名', { exact: true }).fill(right.legalRepName);
    await submit.click();
    await page.getByText('实名认证成功', { exact: true }).waitFor();
    await page.getByText('已实名认证', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: '提交认证', exact: true }).count()).toBe(0);

    await page.getByRole('link', { name: '用户中心', exact: true }).click();
    await page.getByText('已实名认证', { exact: true }).waitFor();
    await page.getByText(enterprise.name, { exact: true }).waitFor();
    await page.getByText(enterprise.uscc, { exact: true }).waitFor();
    expect(await page.getByText('未实名认证', { exact: true }).count()).toBe(0);
    expect(realProblems(page)).toEqual([]);
    await context.close();
  });

  it('says 统一社会信用代码已存在 with the seed\'s steps when another account holds the USCC', async () => {
    const { page, context } = await openPage(env.browser());
    const held = await pickEnterprise();
    await createAccount({ enterprise: held, prefix: 'holder' });
    await newAccountOnRealnamePage(page, context);
    await fillLegalRealname(page, legalClaimOf(held));
    await page.getByRole('button', { name: '提交认证', exact: true }).click();
    await page.getByText('统一社会信用代码已存在', { exact: true }).waitFor();
    await page.getByText(/尝试使用统一社会信用代码作为登录名进行/).waitFor();
    await page.getByText(/校验方式选择【人工核验】填写信息找回/).waitFor();
    await page.getByText('重新使用统一社会信用代码作为登录名进行登录即可。', { exact: true }).waitFor();
    expect(await page.getByRole('link', { name: '登录', exact: true }).getAttribute('href')).toBe('/uc/login');
    expect(await page.getByRole('link', { name: '忘记密码', exact: true }).getAttribute('href')).toBe('/uc/forgot-password');
    expect(await page.getByRole('link', { name: '手机号修改', exact: true }).getAttribute('href')).toBe('/uc/mobile-change');
    expect(await axeProblems(page)).toEqual([]);
    expect(realProblems(page)).toEqual([]);
    await context.close();
  });

  it('verifies a 自然人, who then cannot become 法人', async () => {
    const { page, context } = await openPage(env.browser());
    await newAccountOnRealnamePage(page, context);
    // An ID number of its own: born on a day of the 1990s taken from the clock.
    const now = Date.now();
    const birth = `199${now % 10}${String(1 + (Math.floor(now / 10) % 12)).padStart(2, '0')}${String(1 + (Math.floor(now / 120) % 28)).padStart(2, '0')}`;
    const idNumber = withIdCheck(`110101${birth}${String(Math.floor(now / 3360) % 1000).padStart(3, '0')}`);
    await page.getByRole('radio', { name: '自然人', exact: true }).check();
    await page.getByLabel('姓名', { exact: true }).fill('张三丰');
    await page.getByLabel('身份证号码', { exact: true }).fill(idNumber);
    await page.getByRole('button', { name: '提交认证', exact: true }).click();
    await page.getByText('实名认证成功', { exact: true }).waitFor();
    await page.getByText('已实名认证', { exact: true }).waitFor();

    await page.getByRole('radio', { name: '法人', exact: true }).check();
    await page.getByText('当前账号已实名认证为自然人，如需办理企业业务，请重新注册账号并完成法人实名认证', { exact: true }).waitFor();
    expect(await page.getByRole('link', { name: '注册', exact: true }).getAttribute('href')).toBe('/uc/register');
    expect(await page.getByLabel('统一社会信用代码', { exact: true }).count()).toBe(0);
    expect(await axeProblems(page)).toEqual([]);

    await page.getByRole('link', { name: '用户中心', exact: true }).click();
    await page.getByText('已实名认证', { exact: true }).waitFor();
    await page.getByText('张三丰', { exact: true }).waitFor();
    expect(realProblems(page)).toEqual([]);
    await context.close();
  });

  it('sends other 证件类型 to 人工核验 with the uploads checked in the browser', async () => {
    const { page, context } = await openPage(env.browser());
    const enterprise = await pickEnterprise();
    await newAccountOnRealnamePage(page, context);
    await fillLegalRealname(page, { ...legalClaimOf(enterprise), idNumber: 'H12345678' });
    // 证件类型 by keyboard: open the list, move to 港澳居民来往内地通行证, choose it.
    await chooseHkMacaoPermitByKeyboard(page);

    // Files that are not JPG/PNG/PDF, or too large, are refused before sending.
    await page.getByLabel('营业执照', { exact: true }).setInputFiles({ name: 'license.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await page.getByText('文件格式不支持，请上传JPG、PNG或PDF文件', { exact: true }).waitFor();
    await page.getByLabel('证件', { exact: true }).setInputFiles({ name: 'id.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(5 * 1024 * 1024 + 1, 0x20) });
    await page.getByText('文件大小不能超过5MB', { exact: true }).waitFor();
    expect(await axeProblems(page)).toEqual([]);

    await page.getByLabel('营业执照', { exact: true }).setInputFiles({ name: 'license.png', mimeType: 'image/png', buffer: TINY_PNG });
    await page.getByLabel('证件', { exact: true }).setInputFiles({ name: 'id.pdf', mimeType: 'application/pdf', buffer: TINY_PDF });
    await page.getByText('文件格式不支持，请上传JPG、PNG或PDF文件', { exact: true }).waitFor({ state: 'detached' });
    await page.getByText('文件大小不能超过5MB', { exact: true }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '提交认证', exact: true }).click();
    await page.getByText(/^已提交人工核验，受理编号：HY\d{14}$/).waitFor();
    await page.getByText('审核中', { exact: true }).waitFor();
    await page.getByRole('link', { name: '用户中心', exact: true }).click();
    await page.getByText('审核中', { exact: true }).waitFor();
    expect(realProblems(page)).toEqual([]);
    await context.close();
  });
});
