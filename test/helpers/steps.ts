import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/accounts.js';
import type { TestContext } from './context.js';
import { TestClient, latestCode, solveCaptcha } from './client.js';
import { multipartBody, tinyPdf, tinyPng } from './multipart.js';

/**
 * The steps of the flows that many tests go through over HTTP, as a person would through the
 * pages: 注册 with an SMS code, 登录 with a captcha, 实名认证, 手机号修改, the 管理端 login.
 * Each `try…` step returns the answer as it is; the others check it succeeded.
 */

export { DEMO_PASSWORD };

/** A password that meets the policy (the demo accounts' is DEMO_PASSWORD). */
export const TEST_PASSWORD = 'Qiye#2026x';

let mobileSeq = 0;
/** A valid mobile no other call of this test file got (per-mobile limits stay apart). */
export function freshMobile(prefix = '139'): string {
  return `${prefix}${String(10_000_000 + ++mobileSeq * 7919).slice(-8)}`;
}

/** A request with a multipart/form-data body (fields first, then files, as a browser sends them). */
export function postMultipart(client: TestClient, url: string, fields: Record<string, string>, files: Parameters<typeof multipartBody>[1] = {}) {
  const form = multipartBody(fields, files);
  return client.request('POST', url, form.body, form.headers);
}

/** Small valid uploads: a PDF and PNGs (file problems have their own tests). */
export const uploads = {
  pdf: (name = 'a.pdf') => ({ name, content: tinyPdf, type: 'application/pdf' }),
  png: (name = 'b.png') => ({ name, content: tinyPng, type: 'image/png' }),
};

// ---- 注册 ------------------------------------------------------------------------------

/** 【获取验证码】 on 注册: the captcha solved, a code sent to `mobile`. */
export async function sendRegisterCode(ctx: TestContext, client: TestClient, mobile: string): Promise<LightMyRequestResponse> {
  return client.post('/api/uc/register/sms-code', { mobile, ...(await solveCaptcha(ctx, client)) });
}

/** 【注册】 with a code already sent. */
export function submitRegistration(client: TestClient, user: { loginName: string; mobile: string; smsCode: string; password?: string }) {
  const password = user.password ?? TEST_PASSWORD;
  return client.post('/api/uc/register', { loginName: user.loginName, mobile: user.mobile, smsCode: user.smsCode, password, confirmPassword: password, agree: true });
}

/**
 * 注册 through the routes: a code to the mobile (checked sent), 【注册】 (the answer returned),
 * then the clock moves on 13 minutes so that the next code to any mobile is not too frequent.
 */
export async function tryRegister(ctx: TestContext, client: TestClient, user: { loginName: string; mobile?: string; password?: string }) {
  const mobile = user.mobile ?? freshMobile();
  const password = user.password ?? TEST_PASSWORD;
  expect((await sendRegisterCode(ctx, client, mobile)).statusCode).toBe(200);
  const res = await submitRegistration(client, { loginName: user.loginName, mobile, smsCode: latestCode(ctx, mobile), password });
  ctx.clock.advance(13 * 60_000); // stays under the per-mobile limits of 1 a minute and 5 an hour
  return { res, mobile, password };
}

/** A new account registered through the routes; its browser is logged in to 统一登录系统. */
export async function registered(ctx: TestContext, user: { loginName: string; mobile?: string; password?: string }): Promise<TestClient> {
  const client = new TestClient(ctx.app);
  const { res } = await tryRegister(ctx, client, user);
  expect(res.statusCode, res.body).toBe(200);
  return client;
}

// ---- 登录 -------------------------------------------------------------------------------

/** 【登录】 at 统一登录系统 with a solved captcha. */
export async function tryLogin(ctx: TestContext, client: TestClient, identifier: string, password = DEMO_PASSWORD) {
  return client.post('/api/uc/login', { identifier, password, ...(await solveCaptcha(ctx, client)) });
}

/** 【登录】 at 统一登录系统, checked to succeed. */
export async function logIn(ctx: TestContext, client: TestClient, identifier: string, password = DEMO_PASSWORD) {
  const res = await tryLogin(ctx, client, identifier, password);
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

/** A new browser logged in to 统一登录系统 (a demo account by default password). */
export async function loggedIn(ctx: TestContext, identifier: string, password = DEMO_PASSWORD, options: ConstructorParameters<typeof TestClient>[1] = {}) {
  const client = new TestClient(ctx.app, options);
  await logIn(ctx, client, identifier, password);
  return client;
}

/** 管理端 【登录】 with a solved captcha (and a 动态口令 when given). */
export async function tryOperatorLogin(ctx: TestContext, client: TestClient, username: string, password = DEMO_PASSWORD, totpCode?: string) {
  return client.post('/api/admin/login', { username, password, ...(totpCode ? { totpCode } : {}), ...(await solveCaptcha(ctx, client)) });
}

/** A new browser logged in to the 管理端 as a demo operator. */
export async function loggedInOperator(ctx: TestContext, username: string): Promise<TestClient> {
  const client = new TestClient(ctx.app);
  expect((await tryOperatorLogin(ctx, client, username)).json()).toEqual({ step: 'done' });
  return client;
}

// ---- 忘记密码 ---------------------------------------------------------------------------

/** 【获取验证码】 on 忘记密码 (账号 + 绑定手机号 + captcha); the same answer whether or not they match. */
export async function sendForgotCode(ctx: TestContext, client: TestClient, identifier: string, mobile: string) {
  return client.post('/api/uc/forgot/code', { identifier, mobile, ...(await solveCaptcha(ctx, client)) });
}

// ---- 实名认证 ----------------------------------------------------------------------------

/** An enterprise as the registry (and src/server/seed/fixed-enterprises.ts) knows it. */
export interface RegistryEnterprise {
  name: string;
  uscc: string;
  legalRepName: string;
  legalRepIdNumber: string;
}

/** The 法人 实名认证 form (证件类型 居民身份证) filled in for an enterprise. */
function legalRealname(enterprise: RegistryEnterprise) {
  return { enterpriseName: enterprise.name, uscc: enterprise.uscc, legalRepName: enterprise.legalRepName, idType: 'resident_id', idNumber: enterprise.legalRepIdNumber };
}

/** 【提交认证】 as 法人 (checked against the registry at once). */
function tryVerifyLegal(client: TestClient, enterprise: RegistryEnterprise) {
  return client.post('/api/uc/realname/legal', legalRealname(enterprise));
}

/** 【提交认证】 as 法人, checked to succeed. */
export async function verifyLegal(client: TestClient, enterprise: RegistryEnterprise) {
  const res = await tryVerifyLegal(client, enterprise);
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

/** 【提交认证】 as 自然人, checked to succeed. */
export async function verifyNatural(client: TestClient, person: { name: string; idNumber: string }) {
  const res = await client.post('/api/uc/realname/natural', { name: person.name, idNumber: person.idNumber });
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

/** A 法人 whose representative has a 港澳居民来往内地通行证: no registry check, 人工核验 instead. */
export const HK_REPRESENTED = { enterpriseName: '深圳南山云图软件有限公司', uscc: '91440305MA5D6E7F6P', legalRepName: 'CHAN TAI MAN', idType: 'hk_macao', idNumber: 'H12345678' };

/**
 * 【提交认证】 as 法人 with another 证件类型 (人工核验): the form and its uploads (营业执照 and the
 * representative's 证件), checked to be filed; the stored request.
 */
export async function fileRealnameReview(
  ctx: TestContext,
  account: { client: TestClient; id: string },
  fields: Record<string, string> = HK_REPRESENTED,
  files: Parameters<typeof multipartBody>[1] = { businessLicense: uploads.pdf('l.pdf'), idDocument: uploads.png('p.png') },
) {
  const res = await postMultipart(account.client, '/api/uc/realname/legal-manual', fields, files);
  expect(res.statusCode, res.body).toBe(200);
  return ctx.deps.db.kysely.selectFrom('review_requests').selectAll().where('account_id', '=', account.id).executeTakeFirstOrThrow();
}

// ---- 手机号修改 --------------------------------------------------------------------------

/** 手机号修改 step 1 (账号 + 图形验证码): the flowToken. */
export async function startMobileChange(ctx: TestContext, client: TestClient, identifier: string): Promise<string> {
  const res = await client.post('/api/uc/mobile-change/start', { identifier, ...(await solveCaptcha(ctx, client)) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().flowToken as string;
}

/** 【获取验证码】 for the 新手机号 in step 2 of a flow: the code sent. */
export async function newMobileCode(ctx: TestContext, client: TestClient, flowToken: string, newMobile: string): Promise<string> {
  await client.post('/api/uc/mobile-change/new-mobile-code', { flowToken, newMobile, ...(await solveCaptcha(ctx, client)) });
  return latestCode(ctx, newMobile);
}

/** The uploads of a 法人 人工核验: 营业执照 and both sides of the 法定代表人身份证. */
export const legalReviewUploads = () => ({ businessLicense: uploads.pdf('l.pdf'), legalRepIdFront: uploads.png('f.png'), legalRepIdBack: uploads.png('b.png') });

/**
 * 手机号修改 by 【人工核验】 from step 1 to 【提交申请】: `fields` are the applicant's (account
 * type, names, ID numbers, enterprise, 说明). Returns the answer as it is.
 */
export async function tryFileManualMobileChange(
  ctx: TestContext,
  client: TestClient,
  request: { identifier: string; newMobile: string; fields: Record<string, string>; files?: Parameters<typeof multipartBody>[1] },
) {
  const flowToken = await startMobileChange(ctx, client, request.identifier);
  const smsCode = await newMobileCode(ctx, client, flowToken, request.newMobile);
  return postMultipart(client, '/api/uc/mobile-change/manual', { flowToken, newMobile: request.newMobile, smsCode, ...request.fields }, request.files ?? {});
}

/** As tryFileManualMobileChange, checked to succeed: the 受理编号 and the stored request. */
export async function fileManualMobileChange(ctx: TestContext, request: Parameters<typeof tryFileManualMobileChange>[2], client = new TestClient(ctx.app)) {
  const res = await tryFileManualMobileChange(ctx, client, request);
  expect(res.statusCode, res.body).toBe(200);
  const acceptanceNo = res.json().acceptanceNo as string;
  const stored = await ctx.deps.db.kysely.selectFrom('review_requests').selectAll().where('acceptance_no', '=', acceptanceNo).executeTakeFirstOrThrow();
  return { res, acceptanceNo, id: stored.id, regionCode: stored.region_code, newMobile: request.newMobile, client };
}
