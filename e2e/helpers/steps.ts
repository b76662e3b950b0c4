import type { Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { ApiClient, captchaAnswer, devLatestCode, newUser, type Enterprise, type NewUser } from './browser.js';

/**
 * The steps that many e2e tests take through the pages, as a person would: each finds fields
 * by their label and buttons by their name (flows.md "Exact labels"), so a step breaks where a
 * person would be lost. API shortcuts for setting up (createAccount, signIn, pickEnterprise)
 * stay in browser.ts.
 */

/** The password of every demo account and operator of the seed. */
export const DEMO_PASSWORD = 'Demo@2025';

const baseUrl = () => inject('baseUrl');

/** The texts of the messages sent to a mobile or e-mail (dev outbox), newest first. */
export async function outboxTexts(to: string): Promise<string[]> {
  const res = await fetch(`${baseUrl()}/__dev/outbox?to=${encodeURIComponent(to)}`);
  return ((await res.json()) as { text: string }[]).map((m) => m.text);
}

// ---- 图形验证码 and 短信验证码 ----------------------------------------------------------

/**
 * Types the answer of the captcha on the page into 图形验证码. `notId`: a captcha already used
 * (its answer is taken only once the page shows a new one). Returns the captcha's id.
 */
export async function fillCaptcha(page: Page, notId?: string | null): Promise<string> {
  const captcha = await captchaAnswer(page, notId);
  await page.getByLabel('图形验证码', { exact: true }).fill(captcha.answer);
  return captcha.id;
}

/**
 * 【获取验证码】 of a form with a 图形验证码: the button counts down "重新获取（60s）" disabled and a
 * new captcha shows. Returns the code sent to `to` (from the dev outbox).
 */
export async function requestSmsCode(page: Page, to: string): Promise<string> {
  const used = await fillCaptcha(page);
  await page.getByRole('button', { name: '获取验证码', exact: true }).click();
  const countdown = page.getByRole('button', { name: /^重新获取（\d+s）$/ });
  await countdown.waitFor();
  expect(await countdown.isDisabled()).toBe(true);
  await captchaAnswer(page, used);
  return devLatestCode(baseUrl(), to);
}

/** 图形验证码 → 【获取验证码】 → 短信验证码 filled in with the code sent to `to`. */
export async function fillSmsCode(page: Page, to: string): Promise<void> {
  const code = await requestSmsCode(page, to);
  await page.getByLabel('短信验证码', { exact: true }).fill(code);
}

// ---- 注册 ------------------------------------------------------------------------------

/** The 注册 form on its page, through to 注册成功 (【立即认证】 / 【暂不认证】 show then). */
export async function fillRegistration(page: Page, user: NewUser): Promise<void> {
  await page.getByLabel('登录名', { exact: true }).fill(user.loginName);
  await page.getByLabel('手机号', { exact: true }).fill(user.mobile);
  await fillSmsCode(page, user.mobile);
  await page.getByLabel('密码', { exact: true }).fill(user.password);
  await page.getByLabel('确认密码', { exact: true }).fill(user.password);
  await page.getByLabel('我已阅读并同意《用户协议》和《隐私政策》').check();
  await page.getByRole('button', { name: '注册', exact: true }).click();
  await page.getByText('注册成功', { exact: true }).waitFor();
}

/** 注册 from /uc/register (`from`: the page 【暂不认证】 goes back to). */
export async function registerThroughPages(page: Page, user: NewUser, from?: string): Promise<void> {
  await page.goto(`${baseUrl()}/uc/register${from ? `?from=${encodeURIComponent(from)}` : ''}`);
  await fillRegistration(page, user);
}

// ---- 登录 -------------------------------------------------------------------------------

/**
 * The 统一登录系统 login form on the page: 登录名或统一社会信用代码, 密码, 图形验证码, 【登录】.
 * `notCaptchaId`: the captcha a failed login used. Returns the id of the captcha used.
 */
export async function fillLogin(page: Page, identifier: string, password = DEMO_PASSWORD, notCaptchaId?: string | null): Promise<string> {
  await page.getByLabel('登录名或统一社会信用代码', { exact: true }).fill(identifier);
  await page.getByLabel('密码', { exact: true }).fill(password);
  const captchaId = await fillCaptcha(page, notCaptchaId);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  return captchaId;
}

/** 登录 at /uc/login?return_to=…, through to the page it returns to (the 用户中心 by default). */
export async function logInThroughPages(page: Page, identifier: string, options: { password?: string; returnTo?: string } = {}): Promise<void> {
  const returnTo = options.returnTo ?? '/uc/center';
  await page.goto(`${baseUrl()}/uc/login?return_to=${encodeURIComponent(returnTo)}`);
  await fillLogin(page, identifier, options.password);
  await page.waitForURL(`${baseUrl()}${returnTo}`);
}

/**
 * The 管理端 login form on the page: 账号, 密码, 图形验证码, 【登录】. `notCaptchaId`: the captcha
 * a failed login used. Returns the id of the captcha used.
 */
export async function fillOperatorLogin(page: Page, username: string, password = DEMO_PASSWORD, notCaptchaId?: string | null): Promise<string> {
  await page.getByLabel('账号', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  const captchaId = await fillCaptcha(page, notCaptchaId);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  return captchaId;
}

/** 管理端登录 as a demo operator, through to the 人工核验 queue. */
export async function logInAsOperator(page: Page, username: string): Promise<void> {
  await page.goto(`${baseUrl()}/admin/login`);
  await page.getByRole('heading', { name: '管理端登录' }).waitFor();
  await fillOperatorLogin(page, username);
  await page.waitForURL(/\/admin\/reviews$/);
  await page.getByRole('heading', { name: '人工核验', exact: true }).waitFor();
}

// ---- 实名认证 ----------------------------------------------------------------------------

/** What the 法人 实名认证 form asks, for a registry enterprise. */
export const legalClaimOf = (e: Enterprise) => ({ enterpriseName: e.name, uscc: e.uscc, legalRepName: e.legalRep, idNumber: e.legalRepIdNumber });

/** 【法人】 and its fields on the 实名认证 page (证件类型 left at 居民身份证); not submitted. */
export async function fillLegalRealname(page: Page, values: ReturnType<typeof legalClaimOf>): Promise<void> {
  await page.getByRole('radio', { name: '法人', exact: true }).check();
  await page.getByLabel('企业名称', { exact: true }).fill(values.enterpriseName);
  await page.getByLabel('统一社会信用代码', { exact: true }).fill(values.uscc);
  await page.getByLabel('法定代表人姓名', { exact: true }).fill(values.legalRepName);
  await page.getByLabel('证件号码', { exact: true }).fill(values.idNumber);
}

/** 【提交认证】 as 法人 of a registry enterprise, through to "实名认证成功". */
export async function verifyLegalThroughPages(page: Page, enterprise: Enterprise): Promise<void> {
  await fillLegalRealname(page, legalClaimOf(enterprise));
  await page.getByRole('button', { name: '提交认证', exact: true }).click();
  await page.getByText('实名认证成功', { exact: true }).waitFor();
}

/**
 * 证件类型 → 港澳居民来往内地通行证 by keyboard (the list opens on 居民身份证, the next option is
 * it), through to "该证件类型需人工核验" with the list closed. Each key waits for the option it
 * highlights: on a loaded machine a key pressed before the list shows is lost.
 */
export async function chooseHkMacaoPermitByKeyboard(page: Page): Promise<void> {
  const highlighted = page.locator('.ant-select-item-option-active');
  await page.getByLabel('证件类型', { exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  await highlighted.getByText('居民身份证', { exact: true }).waitFor();
  await page.keyboard.press('ArrowDown');
  await highlighted.getByText('港澳居民来往内地通行证', { exact: true }).waitFor();
  await page.keyboard.press('Enter');
  await page.getByText('该证件类型需人工核验', { exact: true }).waitFor();
  await page.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });
}

// ---- 忘记密码 and 手机号修改 ---------------------------------------------------------------

/** 忘记密码 from its page to "密码重置成功，请重新登录" and 【去登录】 (back on the login page). */
export async function resetPasswordThroughPages(page: Page, identifier: string, mobile: string, password: string): Promise<void> {
  await page.getByRole('heading', { name: '忘记密码', exact: true }).waitFor();
  await page.getByLabel('登录名或统一社会信用代码', { exact: true }).fill(identifier);
  await page.getByLabel('绑定手机号', { exact: true }).fill(mobile);
  const code = await requestSmsCode(page, mobile);
  await page.getByText('如账号与手机号匹配，验证码已发送至该手机', { exact: true }).waitFor();
  await page.getByLabel('短信验证码', { exact: true }).fill(code);
  await page.getByLabel('新密码', { exact: true }).fill(password);
  await page.getByLabel('确认新密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '重置密码', exact: true }).click();
  await page.getByText('密码重置成功，请重新登录', { exact: true }).waitFor();
  await page.getByRole('button', { name: '去登录', exact: true }).click();
  await page.waitForURL(/\/uc\/login$/);
}

/** 手机号修改 step 1 from the login page's link: 账号 + 图形验证码 → 【下一步】 (the 校验方式 show). */
export async function startMobileChangeThroughPages(page: Page, identifier: string): Promise<void> {
  await page.goto(`${baseUrl()}/uc/login`);
  await page.getByRole('link', { name: '手机号修改', exact: true }).click();
  await page.waitForURL(/\/uc\/mobile-change$/);
  await page.getByRole('heading', { name: '手机号修改', exact: true }).waitFor();
  await page.getByLabel('登录名或统一社会信用代码', { exact: true }).fill(identifier);
  await fillCaptcha(page);
  await page.getByRole('button', { name: '下一步', exact: true }).click();
  await page.getByRole('radiogroup', { name: '校验方式' }).waitFor();
}

const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/**
 * 手机号修改 → 【人工核验】 as 法人 through the API, as the IdP page sends it (step 1, the code
 * of a new mobile nobody else uses, the form with 营业执照 and both sides of the ID card): for
 * tests of the 管理端 queue. Returns the 受理编号 and the new mobile.
 */
export async function fileMobileChangeByApi(identifier: string, enterprise: Enterprise): Promise<{ acceptanceNo: string; newMobile: string }> {
  const client = new ApiClient(baseUrl());
  const newMobile = newUser().mobile;
  const { flowToken } = await client.json<{ flowToken: string }>('POST', '/api/uc/mobile-change/start', { identifier, ...(await client.captcha()) });
  await client.json('POST', '/api/uc/mobile-change/new-mobile-code', { flowToken, newMobile, ...(await client.captcha()) });
  const form = new FormData();
  const fields = {
    flowToken,
    accountType: 'legal',
    newMobile,
    smsCode: await devLatestCode(baseUrl(), newMobile),
    applicantName: enterprise.legalRep,
    applicantIdNumber: enterprise.legalRepIdNumber,
    enterpriseName: enterprise.name,
    uscc: enterprise.uscc,
    description: '原手机号已停用，申请改绑新手机号。',
  };
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('businessLicense', new Blob([TINY_PDF], { type: 'application/pdf' }), 'license.pdf');
  form.append('legalRepIdFront', new Blob([TINY_PNG], { type: 'image/png' }), 'front.png');
  form.append('legalRepIdBack', new Blob([TINY_PNG], { type: 'image/png' }), 'back.png');
  const { acceptanceNo } = await client.json<{ acceptanceNo: string }>('POST', '/api/uc/mobile-change/manual', form);
  expect(acceptanceNo).toMatch(/^HY\d{14}$/);
  return { acceptanceNo, newMobile };
}
