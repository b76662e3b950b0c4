import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { newLoggedInAccount } from '../../helpers/accounts.js';
import { multipartBody, tinyPdf, tinyPng } from '../../helpers/multipart.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const pujiang = { enterpriseName: '上海浦江精密机械有限公司', uscc: '91310115MA1K2L3M46', legalRepName: '李晓梅', idType: 'resident_id', idNumber: '31011519820917452X' };

describe('实名认证 法人', () => {
  it('checks formats first, then the registry, then verifies', async () => {
    const { client, id } = await newLoggedInAccount(ctx);
    const badUscc = await client.post('/api/uc/realname/legal', { ...pujiang, uscc: '91310115MA1K2L3M47' });
    expect(badUscc.statusCode).toBe(400);
    expect(badUscc.json().fieldErrors.uscc).toBe('统一社会信用代码校验位错误');
    const badId = await client.post('/api/uc/realname/legal', { ...pujiang, idNumber: '310115198209174521' });
    expect(badId.json().fieldErrors.idNumber).toBe('身份证号码校验位错误');
    const wrongName = await client.post('/api/uc/realname/legal', { ...pujiang, legalRepName: '李晓明' });
    expect(wrongName.statusCode).toBe(400);
    expect(wrongName.json()).toMatchObject({ code: 'REALNAME_MISMATCH', message: '认证信息与登记机关信息不一致，请核对后重试', fieldErrors: {} });
    const ok = await client.post('/api/uc/realname/legal', { ...pujiang, uscc: '91310115ma1k2l3m46' });
    expect(ok.statusCode).toBe(200);
    const me = (await client.get('/api/uc/me')).json();
    expect(me).toMatchObject({ realnameStatus: 'verified', userType: 'legal', enterpriseName: '上海浦江精密机械有限公司', uscc: '91310115MA1K2L3M46', idNumberMasked: '3101**********452X' });
    const audit = await ctx.deps.audit.list({ targetId: id, limit: 10 });
    expect(audit.map((r) => r.details.result)).toEqual(['verified', 'mismatch']);
    expect(JSON.stringify(audit)).not.toContain('31011519820917452X');
  });

  it('says 统一社会信用代码已存在 when another account holds the USCC', async () => {
    const { client } = await newLoggedInAccount(ctx);
    const res = await client.post('/api/uc/realname/legal', { enterpriseName: '青岛海川智能装备有限公司', uscc: '91370212MA3B4C5D5C', legalRepName: '郑伟', idType: 'resident_id', idNumber: '37021219761011282X' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'USCC_EXISTS', message: '统一社会信用代码已存在' });
  });

  it('counts 统一社会信用代码已存在 toward the 5 daily attempts, by registry and by 人工核验 alike', async () => {
    // Otherwise one account could ask, without end, which enterprises already have a verified account.
    const { client } = await newLoggedInAccount(ctx);
    const held = { enterpriseName: '青岛海川智能装备有限公司', uscc: '91370212MA3B4C5D5C', legalRepName: '郑伟', idType: 'resident_id', idNumber: '37021219761011282X' };
    for (let i = 0; i < 3; i++) expect((await client.post('/api/uc/realname/legal', held)).json().code).toBe('USCC_EXISTS');
    const manual = multipartBody({ ...held, idType: 'hk_macao', idNumber: 'H12345678' }, { businessLicense: { name: 'a.pdf', content: tinyPdf, type: 'application/pdf' }, idDocument: { name: 'b.png', content: tinyPng, type: 'image/png' } });
    for (let i = 0; i < 2; i++) expect((await client.request('POST', '/api/uc/realname/legal-manual', manual.body, manual.headers)).json().code).toBe('USCC_EXISTS');
    const mismatching = { enterpriseName: '苏州工业园区恒达材料有限公司', uscc: '91320506MA1N2P3Q02', legalRepName: '张三', idType: 'resident_id', idNumber: '320506196907306153' };
    const limited = await client.post('/api/uc/realname/legal', mismatching);
    expect(limited.json()).toMatchObject({ code: 'REALNAME_DAILY_LIMIT', message: '今日实名认证次数已达上限，请明日再试' });
  });

  it('allows 5 failed attempts a day; format errors do not count', async () => {
    const { client, id } = await newLoggedInAccount(ctx);
    const suzhou = { enterpriseName: '苏州工业园区恒达材料有限公司', uscc: '91320506MA1N2P3Q02', legalRepName: '孙海涛', idType: 'resident_id', idNumber: '320506196907306153' };
    const chengdu = { enterpriseName: '成都锦江食品贸易有限公司', uscc: '91510107MA6R7T8U6A', legalRepName: '周丽', idType: 'resident_id', idNumber: '510107199002157441' };
    for (let i = 0; i < 3; i++) expect((await client.post('/api/uc/realname/legal', { ...suzhou, uscc: 'bad' })).statusCode).toBe(400);
    for (let i = 0; i < 5; i++) expect((await client.post('/api/uc/realname/legal', { ...suzhou, legalRepName: '张三' })).json().code).toBe('REALNAME_MISMATCH');
    const limited = await client.post('/api/uc/realname/legal', chengdu);
    expect(limited.json()).toMatchObject({ code: 'REALNAME_DAILY_LIMIT', message: '今日实名认证次数已达上限，请明日再试' });
    ctx.clock.advance(24 * 3600_000);
    client.cookies.set('uc_sid', await ctx.deps.sessions.create('uc', id, {}));
    const nextDay = await client.post('/api/uc/realname/legal', chengdu);
    expect(nextDay.statusCode).toBe(200);
  });

  it('lets exactly one of 50 simultaneous attempts for one USCC win', async () => {
    const hangzhou = { enterpriseName: '杭州西湖数智科技有限公司', uscc: '91330106MA2H3J4K38', legalRepName: '赵敏', idType: 'resident_id', idNumber: '330106198811213277' };
    const users = await Promise.all(Array.from({ length: 50 }, () => newLoggedInAccount(ctx)));
    const results = await Promise.all(users.map((u) => u.client.post('/api/uc/realname/legal', hangzhou)));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().code).toBe('USCC_EXISTS');
    const holders = await ctx.deps.db.kysely.selectFrom('accounts').select('id').where('verified_uscc', '=', hangzhou.uscc).execute();
    expect(holders).toHaveLength(1);
  });
});

describe('实名认证 自然人', () => {
  it('verifies a person and then refuses to become 法人', async () => {
    const { client } = await newLoggedInAccount(ctx);
    const bad = await client.post('/api/uc/realname/natural', { name: 'Tom', idNumber: '110101199003077723' });
    expect(bad.json().fieldErrors.name).toBeTruthy();
    expect((await client.post('/api/uc/realname/natural', { name: '张三丰', idNumber: '110101199003077723' })).statusCode).toBe(200);
    expect((await client.get('/api/uc/me')).json()).toMatchObject({ userType: 'natural', realnameStatus: 'verified', personName: '张三丰' });
    const legal = await client.post('/api/uc/realname/legal', pujiang);
    expect(legal.json()).toMatchObject({ code: 'REALNAME_NATURAL_LOCKED', message: '当前账号已实名认证为自然人，如需办理企业业务，请重新注册账号并完成法人实名认证' });
  });
});

describe('实名认证 other 证件类型 → 人工核验', () => {

  it('stores the request with sniffed uploads and shows 审核中', async () => {
    const { client, id } = await newLoggedInAccount(ctx);
    const fields = { enterpriseName: '深圳南山云图软件有限公司', uscc: '91440305MA5D6E7F6P', legalRepName: 'CHAN TAI MAN', idType: 'hk_macao', idNumber: 'H12345678' };
    const fake = multipartBody(fields, { businessLicense: { name: 'a.pdf', content: Buffer.from('not really a pdf'), type: 'application/pdf' }, idDocument: { name: 'b.png', content: tinyPng, type: 'image/png' } });
    const rejected = await client.request('POST', '/api/uc/realname/legal-manual', fake.body, fake.headers);
    expect(rejected.statusCode).toBe(400);
    expect(rejected.json().fieldErrors.businessLicense).toBe('文件格式不支持，请上传JPG、PNG或PDF文件');

    const big = multipartBody(fields, { businessLicense: { name: 'a.pdf', content: Buffer.concat([tinyPdf, Buffer.alloc(5 * 1024 * 1024)]), type: 'application/pdf' }, idDocument: { name: 'b.png', content: tinyPng, type: 'image/png' } });
    const tooBig = await client.request('POST', '/api/uc/realname/legal-manual', big.body, big.headers);
    expect(tooBig.json(), tooBig.body).toMatchObject({ fieldErrors: { businessLicense: '文件大小不能超过5MB' } });

    const good = multipartBody(fields, { businessLicense: { name: 'a.pdf', content: tinyPdf, type: 'application/pdf' }, idDocument: { name: 'b.png', content: tinyPng, type: 'image/png' } });
    const res = await client.request('POST', '/api/uc/realname/legal-manual', good.body, good.headers);
    expect(res.statusCode).toBe(200);
    expect(res.json().acceptanceNo).toMatch(/^HY\d{8}\d{6}$/);
    expect((await client.get('/api/uc/me')).json().realnameStatus).toBe('pending');
    const stored = await ctx.deps.db.kysely.selectFrom('review_requests').selectAll().where('account_id', '=', id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ kind: 'realname', status: 'pending', region_code: '440305' });
    expect(stored.payload_enc).not.toContain('H12345678');
    const again = await client.post('/api/uc/realname/legal', pujiang);
    expect(again.json().code).toBe('REALNAME_PENDING');
  });
});
