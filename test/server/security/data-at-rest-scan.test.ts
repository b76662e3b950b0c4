import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { TestClient, latestCode, solveCaptcha } from '../../helpers/client.js';
import { multipartBody, tinyPdf, tinyPng } from '../../helpers/multipart.js';
import { fixedEnterprises } from '../../../src/server/seed/fixed-enterprises.js';
import { makeIdNumber } from '../../../src/shared/validators/index.js';
import { foundIn, platformLogin, storedBytes } from './personal-data-helpers.js';

/**
 * The data-protection check (quality.md, "Personal data at rest"): after the demo seed and the
 * flows that store personal data, the database (SQLite: the file and its WAL, byte for byte;
 * PostgreSQL: every row as text) holds no ID number, mobile, e-mail or person's name in clear.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const PASSWORD = 'Qiye#2026x';
const person = { name: '慕容秋水', idNumber: makeIdNumber('11010119880512301'), mobile: '13766660001', email: 'murong.qiushui@example.com' };
const legal = { loginName: 'scan_legal', mobile: '13766660002', ...fixedEnterprises.find((e) => e.uscc === '91310115MA1K2L3M46')! };
const applicant = { name: '东方既白', idNumber: makeIdNumber('44030519920304551'), newMobile: '13766660003' };
const manualRealname = { legalRepName: '欧阳青云', idNumber: 'H87654321' };

async function register(loginName: string, mobile: string) {
  const client = new TestClient(ctx.app);
  expect((await client.post('/api/uc/register/sms-code', { mobile, ...(await solveCaptcha(ctx, client)) })).statusCode).toBe(200);
  const res = await client.post('/api/uc/register', { loginName, mobile, smsCode: latestCode(ctx, mobile), password: PASSWORD, confirmPassword: PASSWORD, agree: true });
  expect(res.statusCode, res.body).toBe(200);
  ctx.clock.advance(13 * 60_000);
  return client;
}

describe('personal data at rest', () => {
  it('after seed, registration, 实名认证, 绑定邮箱, 人工核验 uploads and a platform login: nothing in clear', async () => {
    // 注册 + 实名认证 (自然人) + 绑定邮箱, then the platform through single sign-on
    const natural = await register('scan_person', person.mobile);
    expect((await natural.post('/api/uc/realname/natural', { name: person.name, idNumber: person.idNumber })).statusCode).toBe(200);
    expect((await natural.post('/api/uc/account/email/code', { email: person.email })).statusCode).toBe(200);
    expect((await natural.post('/api/uc/account/email', { email: person.email, emailCode: latestCode(ctx, person.email) })).statusCode).toBe(200);
    await platformLogin(ctx, new TestClient(ctx.app), 'scan_person', PASSWORD);

    // 注册 + 实名认证 (法人, registry check)
    const enterprise = await register(legal.loginName, legal.mobile);
    const verified = await enterprise.post('/api/uc/realname/legal', { enterpriseName: legal.name, uscc: legal.uscc, legalRepName: legal.legalRepName, idType: 'resident_id', idNumber: legal.legalRepIdNumber });
    expect(verified.statusCode, verified.body).toBe(200);

    // 实名认证 with another 证件类型 → 人工核验 with uploads
    const other = await register('scan_manual', '13766660004');
    const realnameForm = multipartBody(
      { enterpriseName: '深圳南山云图软件有限公司', uscc: '91440305MA5D6E7F6P', legalRepName: manualRealname.legalRepName, idType: 'hk_macao', idNumber: manualRealname.idNumber },
      { businessLicense: { name: 'a.pdf', content: tinyPdf, type: 'application/pdf' }, idDocument: { name: 'b.png', content: tinyPng, type: 'image/png' } },
    );
    expect((await other.request('POST', '/api/uc/realname/legal-manual', realnameForm.body, realnameForm.headers)).statusCode).toBe(200);

    // 手机号修改 by 人工核验 with uploads
    const recovery = new TestClient(ctx.app);
    const { flowToken } = (await recovery.post('/api/uc/mobile-change/start', { identifier: 'scan_person', ...(await solveCaptcha(ctx, recovery)) })).json();
    await recovery.post('/api/uc/mobile-change/new-mobile-code', { flowToken, newMobile: applicant.newMobile, ...(await solveCaptcha(ctx, recovery)) });
    const mobileForm = multipartBody(
      { flowToken, accountType: 'natural', newMobile: applicant.newMobile, smsCode: latestCode(ctx, applicant.newMobile), applicantName: applicant.name, applicantIdNumber: applicant.idNumber, description: '原手机号已停用' },
      { legalRepIdFront: { name: 'f.png', content: tinyPng, type: 'image/png' } },
    );
    const filed = await recovery.request('POST', '/api/uc/mobile-change/manual', mobileForm.body, mobileForm.headers);
    expect(filed.statusCode, filed.body).toBe(200);
    expect((await recovery.post('/api/uc/mobile-change/status', { acceptanceNo: filed.json().acceptanceNo, newMobile: applicant.newMobile })).json().found).toBe(true);

    // What must not be found: every value the seed and these flows stored.
    const registry = await ctx.deps.db.kysely.selectFrom('enterprise_registry').select(['name', 'address', 'legal_rep_name_enc', 'legal_rep_id_enc']).execute();
    // A generated name can also be a place (金华): those occur in enterprise names and addresses.
    const places = registry.map((r) => `${r.name} ${r.address}`).join(' ');
    const registryNames = registry.map((r) => ctx.deps.pii.decrypt(r.legal_rep_name_enc)).filter((name) => !places.includes(name));
    const registryIds = registry.map((r) => ctx.deps.pii.decrypt(r.legal_rep_id_enc));
    expect(registryNames).toContain('李晓梅');
    const names = [person.name, applicant.name, manualRealname.legalRepName, '刘洋', ...fixedEnterprises.map((e) => e.legalRepName), ...registryNames];
    const idNumbers = [person.idNumber, applicant.idNumber, manualRealname.idNumber, '110101199003077723', ...fixedEnterprises.map((e) => e.legalRepIdNumber), ...registryIds];
    const mobiles = [person.mobile, legal.mobile, applicant.newMobile, '13766660004', '13800000001', '13800000002', '13800000003', '13800000009'];
    const emails = [person.email, 'demo_bound@example.com'];

    const bytes = await storedBytes(ctx);
    expect(bytes.length).toBeGreaterThan(100_000);
    expect({ names: foundIn(bytes, names), idNumbers: foundIn(bytes, idNumbers), mobiles: foundIn(bytes, mobiles), emails: foundIn(bytes, emails) }).toEqual({
      names: [],
      idNumbers: [],
      mobiles: [],
      emails: [],
    });
    // The check can see clear text: the 企业名称 of the verified 法人 is stored (and not personal).
    expect(foundIn(bytes, [legal.name])).toEqual([legal.name]);
  });
});
