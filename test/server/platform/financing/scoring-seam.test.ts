import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../helpers/context.js';
import { financingRepo } from '../../../../src/server/db/repos/financing.js';
import { createFinancingService, type EnterpriseProfilePort, type ScoreSubmissionInput } from '../../../../src/server/platform/financing/service.js';
import { submitRequest, type SubmissionScore } from '../../../../src/shared/schemas/registration.js';
import { XJR, validPayload } from './helpers.js';

/** The seam scoring (issue 15) wires: what it receives for a stored version, and the answer carrying its score. */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const completeProfile: EnterpriseProfilePort = { isComplete: async () => true, prefillBasic: async () => ({}), saveBasic: async () => {} };
const caller = { accountId: 'acc-1', userType: 'legal' as const, uscc: XJR, sessionKey: 'session-1' };
const score: SubmissionScore = { total: 612, stage: '成长期', peerGroup: '成长期 · 制造业', catalogueVersion: '2026.1', indicators: [] };

function serviceWith(scoreSubmission: (input: ScoreSubmissionInput) => Promise<SubmissionScore | null>, errors: unknown[] = []) {
  const { deps } = ctx;
  return createFinancingService({
    repo: financingRepo(deps.db),
    clock: deps.clock,
    pii: deps.pii,
    audit: deps.audit,
    store: deps.store,
    files: deps.files,
    profile: completeProfile,
    scoreSubmission,
    noticeTtlMs: 3600_000,
    log: { error: (obj) => errors.push(obj) },
  });
}

describe('scoreSubmission seam', () => {
  it('gets the scoring input of each stored version (no personal data) and its answer is the submit answer’s score; a double submit asks again with the same versionId', async () => {
    const calls: ScoreSubmissionInput[] = [];
    const service = serviceWith(async (input) => {
      calls.push(input);
      return score;
    });
    await service.notice(caller);
    ctx.clock.advance(10_000);
    const input = submitRequest.parse({ revision: 0, ...validPayload() });
    const answer = await service.submit(caller, input, { ip: '127.0.0.1' });
    expect(answer.score).toEqual(score);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toEqual({
      dataYear: 2025,
      basic: { industryCode: '397', establishedOn: '2012-06-18', employees: 120, employeesPrev: 100, revenue: '8600.5', revenuePrev: '7200', netProfit: '-35.2', taxPaid: '310' },
      indicators: input.indicators,
      uscc: XJR,
      registrationId: expect.any(String),
      versionId: answer.version.id,
      version: 1,
      submittedAt: answer.version.submittedAt,
    });
    const again = await service.submit(caller, input, { ip: '127.0.0.1' });
    expect(again.version).toEqual(answer.version);
    expect(calls.map((c) => c.versionId)).toEqual([answer.version.id, answer.version.id]);
  });

  it('a failing scorer leaves the submission stored with score null (logged)', async () => {
    await ctx.deps.db.kysely.deleteFrom('registration_versions').execute();
    await ctx.deps.db.kysely.deleteFrom('registrations').execute();
    const errors: unknown[] = [];
    const service = serviceWith(async () => {
      throw new Error('population not loaded');
    }, errors);
    const answer = await service.submit(caller, submitRequest.parse({ revision: 0, ...validPayload() }), { ip: null });
    expect(answer).toMatchObject({ message: '提交成功', score: null, version: { version: 1 } });
    expect(errors).toHaveLength(1);
  });
});
