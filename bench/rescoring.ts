/**
 * 创新积分 recompute with the database at scale (quality.md: 1,000,000 enterprises < 15 s on
 * SQLite and < 30 s on PostgreSQL, peak RSS < 1 GiB), on data from the demo:large generator
 * (src/server/seed/large.ts: every enterprise qualified and submitted, unscored). Generation runs
 * in a child process of its own (timed, its rows/s printed), the recompute in another, so that the
 * peak RSS is the recompute's: first run (every row changes), second run (nothing changes).
 * Run alone: `npx tsx bench/rescoring.ts sqlite 100000` (prints JSON), or through run.ts
 * (BENCH_ONLY=rescoring; BENCH_RESCORING_ROWS (20,000 by default), BENCH_RESCORING_DB=sqlite,postgres, BENCH_PG_URL).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../src/server/config.js';
import { createDeps } from '../src/server/deps.js';

export interface RescoringBench {
  database: 'sqlite' | 'postgres';
  enterprises: number;
  /** Enterprises/s of the generator (registry, qualification, sealed version, score inputs, consent). */
  generatePerSecond: number;
  generateMs: number;
  firstRecomputeMs: number;
  firstRecomputeCpuMs: number;
  firstChanged: number;
  unchangedRecomputeMs: number;
  unchangedChanged: number;
  /** Peak RSS of the recompute process. */
  peakRssMiB: number;
  loadAverage: number;
  target: string;
}

const depsOf = (dir: string, databaseUrl: string) =>
  createDeps(loadConfig({ APP_ENV: 'development', DATA_DIR: dir, SECRET_KEY_FILE: path.join(dir, 'secrets.json'), DATABASE_URL: databaseUrl, LOG_LEVEL: 'error' }));

async function generate(dir: string, databaseUrl: string, n: number) {
  const { migrateToLatest } = await import('../src/server/db/migrate.js');
  const { generateLargeDemo } = await import('../src/server/seed/large.js');
  const deps = depsOf(dir, databaseUrl);
  await migrateToLatest(deps.db, deps.pii);
  const summary = await generateLargeDemo(deps, {
    enterprises: n,
    qualifiedShare: 1,
    submittedShare: 1,
    score: false,
    batch: 2000,
    onProgress: (done, total) => {
      if (done % 100_000 === 0 || done === total) process.stderr.write(`  generated ${done}/${total}\n`);
    },
  });
  await deps.close();
  return summary;
}

async function recompute(dir: string, databaseUrl: string) {
  const { scoringRepo } = await import('../src/server/db/repos/scoring.js');
  const { createScoringService } = await import('../src/server/scoring/service.js');
  const { financingRepo } = await import('../src/server/db/repos/financing.js');
  const { shanghaiDate } = await import('../src/server/clock.js');
  const deps = depsOf(dir, databaseUrl);
  const { dataYear } = await financingRepo(deps.db).filingWindow(shanghaiDate(deps.clock.now()));
  const service = createScoringService({ repo: scoringRepo(deps.db), clock: deps.clock });
  let started = performance.now();
  let cpu = process.cpuUsage();
  const first = await service.recompute(dataYear, { reason: 'bench' });
  const firstMs = performance.now() - started;
  const firstCpu = process.cpuUsage(cpu);
  started = performance.now();
  cpu = process.cpuUsage();
  const second = await service.recompute(dataYear, { reason: 'bench' });
  const secondMs = performance.now() - started;
  await deps.close();
  return {
    firstRecomputeMs: Math.round(firstMs),
    firstRecomputeCpuMs: Math.round((firstCpu.user + firstCpu.system) / 1000),
    firstChanged: first.changed,
    unchangedRecomputeMs: Math.round(secondMs),
    unchangedChanged: second.changed,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

async function scratchPostgres(adminUrl: string, name: string): Promise<string | null> {
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return adminUrl.replace(/\/[^/]*$/, `/${name}`);
}

async function dropPostgres(adminUrl: string, name: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

const child = (args: string[]) => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...args], { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}');
};

/** One database kind: generate, then recompute, each in a child process. Null: PostgreSQL not reachable. */
export async function benchRescoring(database: 'sqlite' | 'postgres', n: number, postgresAdminUrl: string): Promise<RescoringBench | null> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidu-bench-rescoring-'));
  const scratchName = `tidu_bench_rescoring_${process.pid}`;
  try {
    const databaseUrl = database === 'sqlite' ? `sqlite:${path.join(dir, 'app.db')}` : await scratchPostgres(postgresAdminUrl, scratchName);
    if (!databaseUrl) return null;
    const generated = child(['generate', dir, databaseUrl, String(n)]) as { enterprises: number; submissions: number; insertMs: number };
    const measured = child(['recompute', dir, databaseUrl]) as Omit<RescoringBench, 'database' | 'enterprises' | 'generatePerSecond' | 'generateMs' | 'loadAverage' | 'target'>;
    return {
      database,
      enterprises: generated.submissions,
      generatePerSecond: Math.round(generated.enterprises / (generated.insertMs / 1000)),
      generateMs: generated.insertMs,
      ...measured,
      loadAverage: Number(os.loadavg()[0].toFixed(1)),
      target: database === 'sqlite' ? '1,000,000 < 15 s, peak RSS < 1 GiB' : '1,000,000 < 30 s, peak RSS < 1 GiB',
    };
  } finally {
    if (database === 'postgres') await dropPostgres(postgresAdminUrl, scratchName).catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [mode, a, b, c] = process.argv.slice(2);
  if (mode === 'generate') console.log(JSON.stringify(await generate(a, b, Number(c))));
  else if (mode === 'recompute') console.log(JSON.stringify(await recompute(a, b)));
  else console.log(JSON.stringify(await benchRescoring(mode === 'postgres' ? 'postgres' : 'sqlite', Number(a ?? 100_000), process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres')));
  process.exit(0);
}
