/**
 * Recompute of all scores in memory (quality.md: 1,000,000 enterprises; the database part
 * comes with the scale work): synthetic columns, then the timed recompute (sorted per-bucket
 * arrays + one score per row) and provisional scores by binary search in the live population.
 * Run alone: `npx tsx bench/scoring.ts [n]` (prints JSON), or through run.ts (BENCH_ONLY=scoring),
 * which runs it in a child process so that its peak RSS is its own.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { SEED_CATALOGUE } from '../src/shared/scoring/seed-catalogue.js';
import { STAGES } from '../src/shared/scoring/catalogue.js';
import { recomputeColumns } from '../src/server/scoring/recompute.js';
import { LivePopulation } from '../src/server/scoring/population.js';
import { mulberry32, syntheticColumns, syntheticSubmission } from '../src/server/scoring/synthetic.js';
import { developmentStage, indicatorValues, sectionIndexOf } from '../src/shared/scoring/values.js';

export interface ScoringBench {
  enterprises: number;
  generateMs: number;
  recomputeMs: number;
  /** CPU time of the recompute: on a shared, loaded machine the wall time says little. */
  recomputeCpuMs: number;
  loadAverage: number;
  provisionalPerSecond: number;
  peakRssMiB: number;
  target: string;
}

function measure(n: number): ScoringBench {
  let started = performance.now();
  const columns = syntheticColumns(n, SEED_CATALOGUE, 7);
  const generateMs = performance.now() - started;

  started = performance.now();
  const cpu = process.cpuUsage();
  const result = recomputeColumns(columns, SEED_CATALOGUE);
  const recomputeMs = performance.now() - started;
  const recomputeCpuMs = process.cpuUsage(cpu).user / 1000;

  const keys = Array.from({ length: n }, (_, r) => String(r));
  const live = new LivePopulation(SEED_CATALOGUE, keys, columns, result.sorted);
  const random = mulberry32(99);
  const submissions = 20_000;
  started = performance.now();
  for (let k = 0; k < submissions; k++) {
    const input = syntheticSubmission(random, 2025);
    const key = String(Math.floor(random() * n * 1.05)); // mostly resubmissions, some new enterprises
    live.upsert(key, STAGES.indexOf(developmentStage(input, SEED_CATALOGUE.stageRules)), sectionIndexOf(input.basic.industryCode), indicatorValues(input));
    live.scoreOf(key);
  }
  const provisionalPerSecond = submissions / ((performance.now() - started) / 1000);
  return {
    enterprises: n,
    generateMs: Math.round(generateMs),
    recomputeMs: Math.round(recomputeMs),
    recomputeCpuMs: Math.round(recomputeCpuMs),
    loadAverage: os.loadavg()[0],
    provisionalPerSecond: Math.round(provisionalPerSecond),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    target: 'recompute of 1,000,000 < 15 s (SQLite, with the database), peak RSS < 1 GiB',
  };
}

/**
 * With the database (SQLite file in a temp dir): n synthetic score rows inserted, then the
 * service's recompute (read in keyset pages, recompute, write changed rows in batches), twice:
 * the first writes every row, the second (unchanged population) none.
 */
async function measureDb(n: number) {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const { loadConfig } = await import('../src/server/config.js');
  const { createDeps } = await import('../src/server/deps.js');
  const { migrateToLatest } = await import('../src/server/db/migrate.js');
  const { scoringRepo } = await import('../src/server/db/repos/scoring.js');
  const { createScoringService, encodeValues } = await import('../src/server/scoring/service.js');
  const { INDUSTRY_SECTIONS } = await import('../src/shared/scoring/values.js');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidu-bench-scoring-'));
  const deps = createDeps(loadConfig({ APP_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'error', ...(process.env.SCORING_DATABASE_URL ? { DATABASE_URL: process.env.SCORING_DATABASE_URL } : {}) }));
  await migrateToLatest(deps.db, deps.pii);
  const random = mulberry32(3);
  let started = performance.now();
  const rows = [];
  for (let r = 0; r < n; r++) {
    const input = syntheticSubmission(random, 2025);
    const section = sectionIndexOf(input.basic.industryCode);
    rows.push({
      id: String(r).padStart(8, '0'), uscc: `U${r}`, data_year: 2025, registration_id: `r${r}`, version_id: `v${r}`, version: 1,
      section: section < 0 ? '' : INDUSTRY_SECTIONS[section].code, founded_year: Number(input.basic.establishedOn.slice(0, 4)), vals: encodeValues(indicatorValues(input)),
      catalogue_version: '', stage: 'startup' as const, peer_group: 0, peer_size: 0, total_hundredths: 0, breakdown: '', computed_at: '', run_id: null,
    });
    if (rows.length === 500 || r === n - 1) {
      await deps.db.kysely.insertInto('scores').values(rows).execute();
      rows.length = 0;
    }
  }
  const insertMs = performance.now() - started;
  const service = createScoringService({ repo: scoringRepo(deps.db), clock: deps.clock });
  started = performance.now();
  let cpu = process.cpuUsage();
  const first = await service.recompute(2025, { reason: 'bench' });
  const firstMs = performance.now() - started;
  const firstCpuMs = process.cpuUsage(cpu).user / 1000;
  started = performance.now();
  cpu = process.cpuUsage();
  const second = await service.recompute(2025, { reason: 'bench' });
  const secondMs = performance.now() - started;
  const secondCpuMs = process.cpuUsage(cpu).user / 1000;
  await deps.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return {
    enterprises: n,
    insertMs: Math.round(insertMs),
    firstRecomputeMs: Math.round(firstMs),
    firstRecomputeCpuMs: Math.round(firstCpuMs),
    firstChanged: first.changed,
    unchangedRecomputeMs: Math.round(secondMs),
    unchangedRecomputeCpuMs: Math.round(secondCpuMs),
    unchangedChanged: second.changed,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    loadAverage: os.loadavg()[0],
  };
}

/** Runs the measurement in a child process (its own peak RSS). */
export function benchScoring(n = 1_000_000): ScoringBench {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), String(n)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as ScoringBench;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] ?? 1_000_000);
  console.log(JSON.stringify(process.argv[3] === 'db' ? await measureDb(n) : measure(n)));
}
