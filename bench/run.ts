/**
 * npm run bench — figures for quality.md, printed as a table and written to
 * bench/results/<time>.json. Every figure that has a baseline is a ratio to that baseline
 * measured in the same run. Nothing here fails on time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { loadConfig } from '../src/server/config.js';
import { createDeps } from '../src/server/deps.js';
import { buildApp } from '../src/server/app.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { seedDemoData } from '../src/server/seed/demo.js';
import { benchArgon2 } from './argon2.js';
import { benchRequests } from './requests.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const TRIALS = Number(process.env.BENCH_TRIALS ?? 5);
/** `requests` measures only the request rows (for iterating on them); default: everything. */
const ONLY = process.env.BENCH_ONLY;

async function startApp(databaseUrl: string | null, env: Record<string, string> = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidu-bench-'));
  const config = loadConfig({ APP_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'error', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), ...env });
  const deps = createDeps(config);
  await migrateToLatest(deps.db, deps.pii);
  await seedDemoData(deps);
  const app = await buildApp(deps);
  await app.ready();
  return { app, deps, dataDir };
}

/** Median response time of 登录 for a known account with a wrong password vs an unknown account. */
async function enumerationGap() {
  const { app, deps, dataDir } = await startApp(null, { LIMITS_JSON: JSON.stringify({ enumerationFloorMs: 400, loginMaxFailures: 1_000_000 }) });
  const csrf = await app.inject('/api/csrf');
  const cookie = csrf.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const token = csrf.json().token as string;
  const trial = async (identifier: string) => {
    const { captchaId } = await deps.captchaService.issue();
    const started = performance.now();
    const res = await app.inject({ method: 'POST', url: '/api/uc/login', headers: { cookie, 'x-csrf-token': token }, payload: { identifier, password: 'Wrong#Pass1', captchaId, captchaAnswer: deps.captcha.latestAnswer() } });
    if (res.statusCode !== 401) throw new Error(`login answered ${res.statusCode}: ${res.body}`);
    return performance.now() - started;
  };
  const known: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < Number(process.env.BENCH_LOGIN_TRIALS ?? 30); i++) {
    known.push(await trial('demo_xjr'));
    unknown.push(await trial(`nobody_${i}`));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  await app.close();
  await deps.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return { knownMedianMs: median(known), unknownMedianMs: median(unknown), medianGapMs: Math.abs(median(known) - median(unknown)) };
}

// The pages are served from the build, as `npm start` does.
execFileSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });

const results: Record<string, unknown> = { at: new Date().toISOString(), cpus: os.availableParallelism(), loadAverageAtStart: os.loadavg() };
const requests = await benchRequests({
  seconds: SECONDS,
  trials: TRIALS,
  connections: Number(process.env.BENCH_CONNECTIONS ?? 20),
  postgresAdminUrl: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  cpuProfileDir: process.env.BENCH_CPU_PROF_DIR,
  rowFilter: process.env.BENCH_ROWS,
});
results.requests = requests;
console.log(`\nRequests/s against a bare Fastify "hello" route in the same run (${TRIALS} paired trials of ${SECONDS} s, median):`);
console.table(
  requests.rows.map((row) => ({
    route: row.name,
    'req/s': row.requestsPerSecond,
    'hello req/s': row.helloRequestsPerSecond,
    ratio: row.ratio,
    target: `≥ ${row.target}`,
    met: row.met ? 'yes' : 'NO',
    'p99 ms': row.p99Ms,
    'CPU µs/req': row.serverCpuMicrosPerRequest,
    'hello CPU µs/req': row.helloCpuMicrosPerRequest,
    errors: row.errors,
  })),
);
if (requests.postgres !== 'measured') console.log(requests.postgres);

if (ONLY !== 'requests') {
  results.argon2 = await benchArgon2();
  results.enumeration = { ...(await enumerationGap()), target: 'median gap < 10 ms' };
  console.table(
    Object.fromEntries(
      (['argon2', 'enumeration'] as const).flatMap((k) =>
        Object.entries(results[k] as object).map(([kk, vv]) => [`${k}.${kk}`, typeof vv === 'number' ? Number(vv.toFixed(3)) : vv]),
      ),
    ),
  );
}
results.loadAverageAtEnd = os.loadavg();

fs.mkdirSync('bench/results', { recursive: true });
const file = path.join('bench/results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(file, JSON.stringify(results, null, 2));
console.log(`written to ${file}`);
process.exit(0);
