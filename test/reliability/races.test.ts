import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { createDeps, type AppDeps } from '../../src/server/deps.js';
import { FakeClock } from '../../src/server/clock.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { TestClient } from '../helpers/client.js';
import { multipartBody } from '../helpers/multipart.js';
import { operatorSessionData } from '../helpers/sessions.js';

/**
 * Races of issue 19 not covered next to their features. Covered there (both databases):
 * 50 concurrent 实名认证 of one USCC (test/server/idp/realname.test.ts), double 【提交】 and
 * concurrent draft saves of one revision (test/server/platform/financing/registration.test.ts),
 * two operators deciding one 人工核验 (test/server/admin/reviews.test.ts).
 *
 * Here: the same import file, uploaded and confirmed by two operators at once and run by two
 * app instances (two job runners) on one database — one effect.
 */
let ctx: TestContext;
let second: { app: FastifyInstance; deps: AppDeps };

beforeAll(async () => {
  ctx = await createTestContext();
  // A second app process on the same database: its own job runner claims jobs too.
  const deps = createDeps(ctx.config, { clock: new FakeClock(ctx.clock.now()) });
  const app = await buildApp(deps);
  await app.ready();
  second = { app, deps };
});
afterAll(async () => {
  await second?.app.close();
  await second?.deps.close();
  await ctx?.close();
});

async function operator(app: FastifyInstance, deps: AppDeps, id: string) {
  const client = new TestClient(app);
  client.cookies.set('adm_sid', await deps.sessions.create('admin', id, operatorSessionData({ name: id })));
  return client;
}

async function settled(client: TestClient, id: string, done: (status: string) => boolean) {
  for (let i = 0; i < 400; i++) {
    const job = (await client.get(`/api/admin/qualifications/imports/${id}`)).json();
    if (done(job.status)) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not settle');
}

describe('concurrent imports of the same file', () => {
  it('two operators on two app instances upload and confirm one file at once: every row stored once', async () => {
    const k = ctx.deps.db.kysely;
    const enterprises = await k
      .selectFrom('enterprise_registry as r')
      .select(['r.uscc', 'r.name', 'r.division_code'])
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('qualifications as q').select('q.id').whereRef('q.uscc', '=', 'r.uscc'))))
      .orderBy('r.uscc')
      .limit(40)
      .execute();
    expect(enterprises.length).toBeGreaterThanOrEqual(20);
    const csv = ['统一社会信用代码,企业名称,认定编号,认定年度/批次,认定日期,有效期至,认定单位', ...enterprises.map((e, i) => `${e.uscc},${e.name},RACE-${i},2026年第一批,2026-03-15,2029-03-14,认定单位`)].join('\r\n');
    const a = await operator(ctx.app, ctx.deps, 'op-race-a');
    const b = await operator(second.app, second.deps, 'op-race-b');
    const upload = (client: TestClient) => {
      const { body, headers } = multipartBody({ type: 'cxx' }, { file: { name: 'same.csv', content: Buffer.from(csv), type: 'text/csv' } });
      return client.request('POST', '/api/admin/qualifications/imports', body, headers);
    };
    const uploads = await Promise.all([upload(a), upload(b)]);
    for (const res of uploads) expect(res.statusCode, res.body).toBe(200);
    const [idA, idB] = uploads.map((r) => r.json().id as string);
    const checks = await Promise.all([settled(a, idA, (s) => s === 'waiting'), settled(b, idB, (s) => s === 'waiting')]);
    for (const c of checks) expect(c.result).toMatchObject({ valid: enterprises.length, inserted: enterprises.length });

    // Both confirm at once (and each clicks 确认 twice): one confirmation per job.
    const confirms = await Promise.all([a, a, b, b].map((client, n) => client.post(`/api/admin/qualifications/imports/${n < 2 ? idA : idB}/confirm`)));
    expect(confirms.map((r) => r.statusCode).sort()).toEqual([200, 200, 409, 409]);
    for (const r of confirms.filter((x) => x.statusCode === 409)) expect(r.json().message).toBe('该导入任务已确认或已取消，请刷新后查看');

    const done = await Promise.all([settled(a, idA, (s) => s === 'succeeded' || s === 'failed'), settled(b, idB, (s) => s === 'succeeded' || s === 'failed')]);
    for (const d of done) expect(d.status).toBe('succeeded');
    // One effect: each row stored once.
    const rows = await k.selectFrom('qualifications').select(['uscc', 'cert_no']).where('cert_no', 'like', 'RACE-%').execute();
    expect(rows).toHaveLength(enterprises.length);
    expect(new Set(rows.map((r) => `${r.uscc}/${r.cert_no}`)).size).toBe(enterprises.length);
    // Each job accounts for every row. Which job reports a row as 新增 is not exact under
    // concurrency: on PostgreSQL both may judge a row new before the other commits (the upsert
    // then updates it in place, same values), so their 新增 counts can add up to more than the rows.
    const counted = done.reduce((n, d) => n + d.result.inserted + d.result.updated + d.result.unchanged, 0);
    expect(counted).toBe(2 * enterprises.length);
    expect(done.reduce((n, d) => n + d.result.inserted, 0)).toBeGreaterThanOrEqual(enterprises.length);
    // Each job recorded its confirmation and its end once.
    const audit = await k.selectFrom('audit_log').select(['action', 'target_id']).where('target_id', 'in', [idA, idB]).where('action', 'in', ['qualification.import.confirm', 'qualification.import.done']).execute();
    expect(audit).toHaveLength(4);
  });
});
