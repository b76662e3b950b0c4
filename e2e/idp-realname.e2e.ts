import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { devLatestCode, openPage, useBrowser, captchaAnswer, axeProblems, realProblems } from './helpers/browser.js';

/** 实名认证 (/uc/center/realname): 法人 with the registry, USCC taken, 自然人 locked out of 法人. */

const env = useBrowser();

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
let serial = 0;
function newUser() {
  serial += 1;
  const digits = String((Date.now() % 1e8) * 10 + serial).padStart(9, '0').slice(-9);
  return { loginName: `rn_${run}_${serial}`, mobile: `16${digits}`, password: 'Abcd@2025x' };
}

/** 身份证号码 with its check character (GB 11643). */
function withIdCheck(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((acc, c, i) => acc + Number(c) * weights[i]!, 0);
  return body17 + '10X98765432'[sum % 11];
}

/** 统一社会信用代码 with its check character (GB 32100). */
function withUsccCheck(body17: string): string {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...body17].reduce((acc, c, i) => acc + charset.indexOf(c) * weights[i]!, 0);
  return body17 + charset[(31 - (sum % 31)) % 31];
}

/** A 1×1 PNG and a minimal PDF: real content for the server's type sniffing. */
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');




/** 注册 a new user and take 【立即认证】 to the 实名认证 page. */
async function registerAndGoVerify(page: Page) {
  const user = newUser();
  await page.goto(`${env.baseUrl}/uc/register`);
  await page.getByLabel('登录名', { exact: true }).fill(user.loginName);
  await page.getByLabel('手机号', { exact: true }).fill(user.mobile);
  const captcha = await captchaAnswer(page);
  await page.getByLabel('图形验证码', { exact: true }).fill(captcha.answer);
  await page.getByRole('button', { name: '获取验证码', exact: true }).click();
  await page.getByRole('button', { name: /^重新获取（\d+s）$/ }).waitFor();
  await page.getByLabel('短信验证码', { exact: true }).fill(await devLatestCode(env.baseUrl, user.mobile));
  await page.getByLabel('密码', { exact: true }).fill(user.password);
  await page.getByLabel('确认密码', { exact: true }).fill(user.password);
  await page.getByLabel('我已阅读并同意《用户协议》和《隐私政策》').check();
  await page.getByRole('button', { name: '注册', exact: true }).click();
  await page.getByText('注册成功', { exact: true }).waitFor();
  await page.getByRole('button', { name: '立即认证', exact: true }).click();
  await page.waitForURL(/\/uc\/center\/realname$/);
  await page.getByRole('button', { name: '提交认证', exact: true }).waitFor();
  return user;
}

async function fillLegal(page: Page, values: { enterpriseName: string; uscc: string; legalRepName: string; idNumber: string }) {
  await page.getByRole('radio', { name: '法人', exact: true }).check();
  await page.getByLabel('企业名称', { exact: true }).fill(values.enterpriseName);
  await page.getByLabel('统一社会信用代码', { exact: true }).fill(values.uscc);
  await page.getByLabel('法定代表人姓名', { exact: true }).fill(values.legalRepName);
  await page.getByLabel('证件号码', { exact: true }).fill(values.idNumber);
}

describe('实名认证', () => {
  it('verifies a 法人 after format errors and a mismatch', async () => {
    const { page, context } = await openPage(env.browser());
    await registerAndGoVerify(page);
    expect(await axeProblems(page)).toEqual([]);
    // 证件类型 defaults to 居民身份证.
    await page.getByText('居民身份证', { exact: true }).waitFor();

    const right = { enterpriseName: '上海浦江精密机械有限公司', uscc: '91310115MA1K2L3M46', legalRepName: '李晓梅', idNumber: '31011519820917452X' };
    const submit = page.getByRole('button', { name: '提交认证', exact: true });

    await fillLegal(page, { ...right, uscc: '91310115MA1K2L3M47' });
    await submit.click();
    await page.getByText('统一社会信用代码校验位错误', { exact: true }).waitFor();
    expect(await axeProblems(page)).toEqual([]);

    await page.getByLabel('统一社会信用代码', { exact: true }).fill(right.uscc);
    await page.getByLabel('证件号码', { exact: true }).fill('310115198209174521');
    await submit.click();
    await page.getByText('身份证号码校验位错误', { exact: true }).waitFor();
    await page.getByText('统一社会信用代码校验位错误', { exact: true }).waitFor({ state: 'detached' });

    await page.getByLabel('证件号码', { exact: true }).fill(right.idNumber);
    await page.getByLabel('法定代表人姓名', { exact: true }).fill('李晓');
    await submit.click();
    await page.getByText('认证信息与登记机关信息不一致，请核对后重试', { exact: true }).waitFor();

    await page.getByLabel('法定代表人姓名', { exact: true }).fill(right.legalRepName);
    await submit.click();
    await page.getByText('实名认证成功', { exact: true }).waitFor();
    await page.getByText('已实名认证', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: '提交认证', exact: true }).count()).toBe(0);

    await page.getByRole('link', { name: '用户中心', exact: true }).click();
    await page.getByText('已实名认证', { exact: true }).waitFor();
    await page.getByText('上海浦江精密机械有限公司', { exact: true }).waitFor();
    await page.getByText('91310115MA1K2L3M46', { exact: true }).waitFor();
    expect(await page.getByText('未实名认证', { exact: true }).count()).toBe(0);
    expect(realProblems(page)).toEqual([]);
    await context.close();
  });

  it('says 统一社会信用代码已存在 with the seed\'s steps when another account holds the USCC', async () => {
    const { page, context } = await openPage(env.browser());
    await registerAndGoVerify(page);
    await fillLegal(page, { enterpriseName: '青岛海川智能装备有限公司', uscc: '91370212MA3B4C5D5C', legalRepName: '郑伟', idNumber: '37021219761011282X' });
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
    await registerAndGoVerify(page);
    await page.getByRole('radio', { name: '自然人', exact: true }).check();
    await page.getByLabel('姓名', { exact: true }).fill('张三丰');
    await page.getByLabel('身份证号码', { exact: true }).fill(withIdCheck('11010119900101123'));
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
    await registerAndGoVerify(page);
    await fillLegal(page, { enterpriseName: '深圳前海示例科技有限公司', uscc: withUsccCheck(`91440300MA5F${String(Date.now()).slice(-5)}`), legalRepName: '陈大文', idNumber: 'H12345678' });
    // 证件类型 by keyboard: open the list, move to 港澳居民来往内地通行证, choose it.
    await page.getByLabel('证件类型', { exact: true }).focus();
    await page.keyboard.press('ArrowDown');
    await page.getByTitle('港澳居民来往内地通行证').waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByText('该证件类型需人工核验', { exact: true }).waitFor();

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
