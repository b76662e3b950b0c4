import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { fileManualMobileChange, fileRealnameReview, freshMobile, HK_REPRESENTED, loggedInOperator, uploads } from '../../helpers/steps.js';

/**
 * Who decides a 人工核验 request (flows.md, 管理端 【人工核验】): a 手机号修改 by the target
 * account's verified record, never by what the applicant typed about themselves.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const operator = (username: string) => loggedInOperator(ctx, username);

/** A 上海 ID number (李晓梅 of the demo registry), typed by someone who is not 刘洋. */
const SHANGHAI_ID = '31011519820917452X';

/** A 自然人 手机号修改 by 人工核验, the applicant typing `applicant`. */
const fileNaturalMobileChange = (identifier: string, applicant: { name: string; id: string }) =>
  fileManualMobileChange(ctx, {
    identifier,
    newMobile: freshMobile('153'),
    fields: { accountType: 'natural', applicantName: applicant.name, applicantIdNumber: applicant.id },
    files: { legalRepIdFront: uploads.png('f.png') },
  });

describe('人工核验 routing', () => {
  it('routes a 北京 自然人 account\'s 手机号修改 by the account, not by the 上海 ID the applicant typed', async () => {
    const request = await fileNaturalMobileChange('demo_person', { name: '李晓梅', id: SHANGHAI_ID });
    const sh = await operator('admin_sh');
    const queue = (await sh.get('/api/admin/reviews?status=pending&pageSize=100')).json();
    expect(queue.items.map((i: { id: string }) => i.id)).not.toContain(request.id);
    expect((await sh.get(`/api/admin/reviews/${request.id}`)).statusCode).toBe(404);
    expect((await sh.get(`/api/admin/reviews/${request.id}/files/legalRepIdFront`)).statusCode).toBe(404);
    expect((await sh.post(`/api/admin/reviews/${request.id}/approve`)).statusCode).toBe(404);
    expect((await sh.post(`/api/admin/reviews/${request.id}/reject`, { reason: '材料不全' })).statusCode).toBe(404);

    const admin = await operator('admin');
    const all = (await admin.get('/api/admin/reviews?status=pending&pageSize=100')).json();
    expect(all.items.map((i: { id: string }) => i.id)).toContain(request.id);
    // Nothing changed for the account: the 上海 operator could not decide it.
    const account = await ctx.deps.db.kysely.selectFrom('accounts').select('mobile_hash').where('login_name', '=', 'demo_person').executeTakeFirstOrThrow();
    expect(account.mobile_hash).toBe(ctx.deps.pii.lookupHash('13800000009', 'mobile'));
    expect(request.regionCode).toBe('110101');
  });

  it('sends a request for an unknown or unverified account to 部级 only', async () => {
    const unknown = await fileNaturalMobileChange('nobody_like_this', { name: '李晓梅', id: SHANGHAI_ID });
    const { newLoggedInAccount } = await import('../../helpers/accounts.js');
    const { loginName } = await newLoggedInAccount(ctx);
    const unverified = await fileNaturalMobileChange(loginName, { name: '李晓梅', id: SHANGHAI_ID });
    expect(unknown.regionCode).toBeNull();
    expect(unverified.regionCode).toBeNull();

    const sh = await operator('admin_sh');
    const queue = (await sh.get('/api/admin/reviews?status=pending&pageSize=100')).json();
    expect(queue.items.map((i: { id: string }) => i.id)).not.toEqual(expect.arrayContaining([unknown.id]));
    expect(queue.items.map((i: { id: string }) => i.id)).not.toEqual(expect.arrayContaining([unverified.id]));
    expect((await sh.get(`/api/admin/reviews/${unverified.id}`)).statusCode).toBe(404);

    const admin = await operator('admin');
    const all = (await admin.get('/api/admin/reviews?status=pending&pageSize=100')).json();
    expect(all.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([unknown.id, unverified.id]));
  });

  it('routes a 实名认证 request by the claimed USCC', async () => {
    const { newLoggedInAccount } = await import('../../helpers/accounts.js');
    const request = await fileRealnameReview(ctx, await newLoggedInAccount(ctx), { ...HK_REPRESENTED, enterpriseName: '上海浦江精密机械有限公司', uscc: '91310115MA1K2L3M46', legalRepName: 'LEE HIU MUI', idNumber: 'H87654321' });
    expect(request.region_code).toBe('310115');
    const sh = await operator('admin_sh');
    expect((await sh.get(`/api/admin/reviews/${request.id}`)).statusCode).toBe(200);
  });
});
