import type { AppDeps } from '../deps.js';
import { shanghaiDate } from '../clock.js';
import { financingRepo } from '../db/repos/financing.js';
import { scoringRepo } from '../db/repos/scoring.js';
import { createScoringService } from '../scoring/service.js';

/**
 * Demo data: the 创新积分 of every demo submission of the current 数据年度 (seedDemoRegistrations),
 * by one recomputation run (which scores each latest submitted version and records the run).
 * An enterprise that submits later (demo_xjr) is ranked among them.
 */
export async function seedDemoScores(deps: AppDeps): Promise<number> {
  const window = await financingRepo(deps.db).filingWindow(shanghaiDate(deps.clock.now()));
  const scoring = createScoringService({ repo: scoringRepo(deps.db), clock: deps.clock });
  const run = await scoring.recompute(window.dataYear, { reason: 'seed' });
  return run.total;
}
