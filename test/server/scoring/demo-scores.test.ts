import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

describe('demo scores (seedDemoScores after seedDemoRegistrations)', () => {
  it('every demo submission has a score from one seed run, spread plausibly over 0–1000', async () => {
    const k = ctx.deps.db.kysely;
    const versions = await k.selectFrom('registration_versions').select(['id', 'uscc']).execute();
    expect(versions.length).toBeGreaterThanOrEqual(150);
    const scores = await k.selectFrom('scores').selectAll().execute();
    expect(scores).toHaveLength(versions.length);
    expect(new Set(scores.map((s) => s.version_id))).toEqual(new Set(versions.map((v) => v.id)));
    const runs = await k.selectFrom('score_runs').selectAll().where('reason', '=', 'seed').execute();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'done', total_rows: versions.length, processed_rows: versions.length, data_year: 2025 });
    for (const s of scores) {
      expect(s.run_id).toBe(runs[0].id);
      expect(s.peer_size).toBeGreaterThanOrEqual(30);
      expect(s.breakdown.split(',')).toHaveLength(18);
    }
    const totals = scores.map((s) => s.total_hundredths / 100).sort((a, b) => a - b);
    expect(totals[0]).toBeGreaterThan(0);
    expect(totals.at(-1)).toBeLessThan(1000);
    // A spread, not a lump: the middle half spans at least 60 points; all three stages occur.
    expect(totals[Math.floor(totals.length * 0.75)] - totals[Math.floor(totals.length * 0.25)]).toBeGreaterThan(60);
    expect(new Set(scores.map((s) => s.stage))).toEqual(new Set(['startup', 'growth', 'mature']));
  });
});
