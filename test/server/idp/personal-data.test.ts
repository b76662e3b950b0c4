import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { TestClient } from '../../helpers/client.js';
import { loggedIn } from '../../helpers/steps.js';
import { newLoggedInAccount } from '../../helpers/accounts.js';

/** 个人信息下载: Chinese field names and values a person can read (issue 12 §3). */

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

async function download(client: TestClient) {
  const res = await client.get('/api/uc/account/export');
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('个人信息.json')}`);
  return { body: res.body, data: JSON.parse(res.body) };
}

describe('个人信息下载', () => {
  it('reads in Chinese for a 法人: 用户类型 法人, 实名状态 in words, Beijing times, masked as the 用户中心 shows', async () => {
    const client = await loggedIn(ctx, 'demo_bound');
    ctx.clock.advance(60_000);
    const { body, data } = await download(client);

    expect(Object.keys(data)).toEqual(['说明', '导出时间', '账号信息', '实名认证信息', '登录记录']);
    // 2026-11-25T02:01:00Z is 10:01 in Beijing.
    expect(data.导出时间).toBe('2026-11-25 10:01:00');
    expect(data.账号信息).toEqual({ 登录名: 'demo_bound', 手机号: '138****0003', 邮箱: 'd***@example.com', 注册时间: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/) });
    expect(data.实名认证信息).toMatchObject({
      实名状态: '已实名认证',
      用户类型: '法人',
      企业名称: '青岛海川智能装备有限公司',
      统一社会信用代码: '91370212MA3B4C5D5C',
      法定代表人: '郑伟',
      证件号码: '3702**********282X',
    });
    expect(data.登录记录[0]).toEqual({ 时间: '2026-11-25 10:00:00', IP地址: '127.0.0.1', 浏览器: 'Chrome', 浏览器详细信息: expect.stringContaining('Chrome/'), 结果: '成功' });

    // Nothing in the machine's words, nothing in full that the page masks.
    for (const english of ['loginName', 'realnameStatus', 'verified', 'legal', 'success', 'exportedAt', 'T02:']) expect(body).not.toContain(english);
    expect(body).not.toContain('13800000003');
    expect(body).not.toContain('37021219761011282X');
    expect(body).not.toContain('demo_bound@example.com');
  });

  it('shows 自然人 with the person\'s name, and leaves out what does not apply', async () => {
    const { data } = await download(await loggedIn(ctx, 'demo_person'));
    expect(data.实名认证信息).toMatchObject({ 实名状态: '已实名认证', 用户类型: '自然人', 姓名: '刘洋', 证件号码: '1101**********7723' });
    expect(data.实名认证信息.企业名称).toBeUndefined();
    expect(data.账号信息.邮箱).toBe('未绑定');
  });

  it('says 未实名认证 for an account without 实名认证', async () => {
    const { client, loginName } = await newLoggedInAccount(ctx);
    const { data } = await download(client);
    expect(data.账号信息.登录名).toBe(loginName);
    expect(data.实名认证信息).toEqual({ 实名状态: '未实名认证' });
    expect(data.登录记录).toEqual([]);
  });
});
