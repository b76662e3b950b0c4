import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { TestClient } from '../../helpers/client.js';
import { operatorSessionData } from '../../helpers/sessions.js';
import { loggedInOperator } from '../../helpers/steps.js';
import { TEST_EPOCH } from '../../helpers/template.js';
import { FINANCING_ROUTES } from '../../../src/shared/schemas/registration.js';
import { SCORE_ROUTES } from '../../../src/shared/schemas/score.js';
import { SEED_CATALOGUE } from '../../../src/shared/scoring/seed-catalogue.js';
import { scoringRepo } from '../../../src/server/db/repos/scoring.js';
import { createScoringService } from '../../../src/server/scoring/service.js';
import { KJX, XJR, ZJTX, completeProfile, platformClient, readNotice, validPayload } from './financing/helpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set(TEST_EPOCH);
  for (const uscc of [XJR, ZJTX, KJX]) await completeProfile(ctx, uscc);
});
afterAll(async () => ctx?.close());

async function submit(uscc: string, payload = validPayload()) {
  const client = await platformClient(ctx, uscc);
  await readNotice(ctx, client);
  const form = (await client.get(FINANCING_ROUTES.form)).json();
  let revision = form.revision as number;
  if (form.status === 'submitted') revision = (await client.post(FINANCING_ROUTES.modify, { revision })).json().revision;
  const res = await client.post(FINANCING_ROUTES.submit, { revision, ...payload });
  expect(res.statusCode, res.body).toBe(200);
  return { client, answer: res.json() };
}

describe('创新积分（自评）', () => {
  it('提交 answers the provisional score; the result page explains it (values, percentiles, points, suggestions, groups, footnote)', async () => {
    const { client, answer } = await submit(XJR);
    expect(answer.score).toMatchObject({ stage: '成长期', catalogueVersion: SEED_CATALOGUE.version });
    expect(answer.score.total).toBeGreaterThan(0);
    expect(answer.score.indicators).toHaveLength(18);
    // 净利润 −35.2 on 8600.5 → −0.4093 %.
    expect(answer.score.indicators.find((i: { code: string }) => i.code === 'G03').value).toBe('-0.4093');

    const res = await client.get(SCORE_ROUTES.mine);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toContain('no-store');
    const score = res.json().score;
    expect(score).toMatchObject({ dataYear: 2025, total: answer.score.total, stage: '成长期', recomputed: false, footnote: SEED_CATALOGUE.footnote, catalogueVersion: SEED_CATALOGUE.version });
    expect(score.peerSize).toBeGreaterThanOrEqual(1);
    expect(score.peerGroup).toMatch(/成长期|全部企业/);
    const t01 = score.indicators.find((i: { code: string }) => i.code === 'T01');
    expect(t01).toMatchObject({ name: '上年度研发费用总额', value: '960.00', unit: '万元', weight: 5.56 });
    expect(t01.percentile).toBeGreaterThan(0);
    const a01 = score.indicators.find((i: { code: string }) => i.code === 'A01');
    expect(a01).toMatchObject({ value: '省级', percentile: null, score: 70, points: 35 });
    expect(score.groups.map((g: { name: string }) => g.name)).toEqual(['技术创新指标', '成长经营指标', '辅助指标']);
    expect(score.groups.map((g: { max: number }) => g.max)).toEqual([500, 350, 150]);
    expect(score.suggestions.length).toBeLessThanOrEqual(3);
    for (const s of score.suggestions) expect(s.advice).toBe(SEED_CATALOGUE.indicators.find((i) => i.code === s.code)!.advice);
    // Points add up to the total up to rounding.
    const sum = score.indicators.reduce((s: number, i: { points: number }) => s + i.points, 0);
    expect(Math.abs(sum - score.total)).toBeLessThan(0.1);
    // Medians only for peer groups of 30 or more.
    expect(score.mediansShown).toBe(score.peerSize >= 30);
    if (!score.mediansShown) for (const i of score.indicators) expect(i.median).toBeNull();
  });

  it('not-applicable and zero rules are explained on the page', async () => {
    const { client } = await submit(KJX, validPayload({ basic: { revenue: '0', netProfit: '-10', taxPaid: '0' }, indicators: { hiTechRevenue: '0', techContractValue: '0' } }));
    const score = (await client.get(SCORE_ROUTES.mine)).json().score;
    const by = (code: string) => score.indicators.find((i: { code: string }) => i.code === code);
    expect(by('T02')).toMatchObject({ value: null, score: 50, percentile: null, note: '上年度营业收入为0，本项不适用，按50分计' });
    expect(by('G03')).toMatchObject({ value: null, score: 0, note: '上年度营业收入为0且净利润为负，本项按0分计' });
    expect(by('G01')).toMatchObject({ value: '0.00', score: 0, note: '填报值为0，本项得0分' });
    expect(score.stage).toBe('初创期');
  });

  it('recompute equals the provisional scores when the population does not change; only changed rows are written; runs kept', async () => {
    const service = createScoringService({ repo: scoringRepo(ctx.deps.db), clock: ctx.deps.clock });
    const first = await service.recompute(2025, { reason: 'test' });
    expect(first.total).toBeGreaterThanOrEqual(2);
    const before = (await (await platformClient(ctx, XJR)).get(SCORE_ROUTES.mine)).json().score;
    expect(before.recomputed).toBe(true);

    // The same data submitted again: the provisional score equals the recomputed one, and a
    // recompute of the unchanged population writes nothing.
    ctx.clock.advance(60_000);
    const { answer } = await submit(XJR);
    expect(answer.score.total).toBe(before.total);
    const second = await service.recompute(2025, { reason: 'test' });
    expect(second.changed).toBe(0);

    const runs = await scoringRepo(ctx.deps.db).runs(2025);
    expect(runs.slice(0, 2).map((r) => r.status)).toEqual(['done', 'done']);
    expect(runs[0]).toMatchObject({ total_rows: second.total, processed_rows: second.total, changed_rows: 0, reason: 'test' });

    // A latest version without a score row (e.g. a failed provisional score) is picked up.
    await ctx.deps.db.kysely.deleteFrom('scores').where('uscc', '=', XJR).execute();
    const third = await service.recompute(2025, { reason: 'test' });
    expect(third.changed).toBe(1);
    const row = await ctx.deps.db.kysely.selectFrom('scores').selectAll().where('uscc', '=', XJR).executeTakeFirstOrThrow();
    expect(row.total_hundredths / 100).toBe(before.total);
  });

  it('object-level authorisation: another enterprise, a 自然人, an operator and anonymous callers never get XJR’s score', async () => {
    const other = await platformClient(ctx, ZJTX);
    const res = await other.get(SCORE_ROUTES.mine);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ score: null });
    expect(res.body).not.toContain(XJR);

    const natural = await platformClient(ctx, null);
    const refused = await natural.get(SCORE_ROUTES.mine);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toMatch(/[\u4e00-\u9fa5]/);
    expect(refused.body).not.toContain('total');

    const operator = new TestClient(ctx.app);
    operator.cookies.set('adm_sid', await ctx.deps.sessions.create('admin', 'op-1', operatorSessionData({ role: 'ministry', regionCode: '' })));
    const op = await operator.get(SCORE_ROUTES.mine);
    expect([401, 403]).toContain(op.statusCode);
    expect(op.body).not.toContain('total');

    const anonymous = await new TestClient(ctx.app).get(SCORE_ROUTES.mine);
    expect(anonymous.statusCode).toBe(401);
  });

  it('a catalogue version published in 【系统设置】 is the one the next 提交 is scored with (one scoring service per process)', async () => {
    const admin = await loggedInOperator(ctx, 'admin');
    const version = `${SEED_CATALOGUE.version}-next`;
    const published = await admin.post('/api/admin/settings/catalogue', { body: JSON.stringify({ ...SEED_CATALOGUE, version }) });
    expect(published.statusCode, published.body).toBe(200);
    const { answer } = await submit(ZJTX);
    expect(answer.score).toMatchObject({ catalogueVersion: version });
  });
});
