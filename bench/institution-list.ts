/**
 * 金融机构端 【企业名单】 at scale (issue 17: p95 < 300 ms over 100,000 consenting enterprises).
 * A seeded SQLite database plus demo:large data (every enterprise qualified, submitted and
 * consenting, scored); an institution serving every province, so each query covers the whole
 * set. The repo's list query (the one POST /api/institution/enterprises runs) is timed over a
 * mix: first page by score (both directions), a deep page, a province, a 门类, a score band,
 * a 融资需求 amount range, a method, and a combination; p50/p95 over all runs.
 * Run alone: `npx tsx bench/institution-list.ts [enterprises]` (prints JSON), or
 * BENCH_ONLY=institution in run.ts (BENCH_INSTITUTION_ROWS, default 20,000; 100,000 for the issue row).
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/server/config.js';
import { createDeps } from '../src/server/deps.js';
import { generateLargeDemo } from '../src/server/seed/large.js';
import { institutionRepo, type InstitutionListFilter } from '../src/server/db/repos/institutions.js';
import { financingRepo } from '../src/server/db/repos/financing.js';
import { shanghaiDate } from '../src/server/clock.js';
import { prepare } from './requests.js';

export interface InstitutionListBench {
  enterprises: number;
  consenting: number;
  queries: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  target: string;
  met: boolean;
  loadAverage: number;
}

const PROVINCES = ['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65'];

export async function benchInstitutionList(enterprises: number, rounds = 5): Promise<InstitutionListBench> {
  const prepared = await prepare(null);
  const deps = createDeps(loadConfig({ ...prepared.env, APP_ENV: 'development' }));
  try {
    await generateLargeDemo(deps, { enterprises, qualifiedShare: 1, submittedShare: 1, consentShare: 1, batch: 2000 });
    const repo = institutionRepo(deps.db);
    const dataYear = (await financingRepo(deps.db).filingWindow(shanghaiDate(deps.clock.now()))).dataYear;
    const page = { sort: 'score_desc' as const, limit: 20, offset: 0 };
    const mix: InstitutionListFilter[] = [
      page,
      { ...page, sort: 'score_asc' },
      { ...page, offset: 20 * 200 },
      { ...page, region: '44' },
      { ...page, industry: 'C' },
      { ...page, scoreMin: 40000, scoreMax: 60000 },
      { ...page, amountMin: 500, amountMax: 2000 },
      { ...page, method: 'scoreLoan' },
      { ...page, region: '32', industry: 'C', stage: 'growth', amountMin: 100 },
    ];
    const first = await repo.list(PROVINCES, dataYear, page);
    const times: number[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const filter of mix) {
        const started = performance.now();
        await repo.list(PROVINCES, dataYear, filter);
        times.push(performance.now() - started);
      }
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))] * 10) / 10;
    const p95Ms = at(0.95);
    return { enterprises, consenting: first.total, queries: times.length, p50Ms: at(0.5), p95Ms, maxMs: Math.round(times.at(-1)! * 10) / 10, target: 'p95 < 300 ms at 100,000 consenting', met: p95Ms < 300, loadAverage: Number(os.loadavg()[0].toFixed(1)) };
  } finally {
    await deps.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await benchInstitutionList(Number(process.argv[2] ?? 20_000)), null, 2));
}
