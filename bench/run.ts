/**
 * npm run bench — figures for quality.md, printed as a table and written to
 * bench/results/<time>.json. Every figure that has a baseline is a ratio to that baseline
 * measured in the same run. Nothing here fails on time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { benchArgon2 } from './argon2.js';
import { benchEnumeration } from './enumeration.js';
import { benchRequests } from './requests.js';
import { benchScoring } from './scoring.js';
import { benchImport } from './qualification-import.js';
import { benchRescoring } from './rescoring.js';
import { benchLoginStorm } from './login-storm.js';
import { benchSubmissions } from './submissions.js';
import { benchRegistrationExport } from './registration-export.js';
import { benchInstitutionList } from './institution-list.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const TRIALS = Number(process.env.BENCH_TRIALS ?? 5);
/** `requests` measures only the request rows (for iterating on them), `enumeration` only the enumeration timing, `import` only the qualification import, `scoring` only the 创新积分 recompute in memory, `rescoring` the recompute with the database on demo:large data, `login` the login storm, `submissions` submissions through HTTP, `export` the 登记查询 XLSX export; default: everything. */
const ONLY = process.env.BENCH_ONLY;

// The pages are served from the build, as `npm start` does.
execFileSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });

const results: Record<string, unknown> = { at: new Date().toISOString(), cpus: os.availableParallelism(), loadAverageAtStart: os.loadavg() };
if (ONLY === undefined || ONLY === 'requests') {
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
}

// 金融机构端 【企业名单】 (BENCH_ONLY=institution): BENCH_INSTITUTION_ROWS demo:large consenting enterprises (default 20,000; 100,000 for the issue 17 row), the repo's list query over a filter mix.
if (ONLY === undefined || ONLY === 'institution') {
  const listed = await benchInstitutionList(Number(process.env.BENCH_INSTITUTION_ROWS ?? 20_000));
  results.institutionList = listed;
  console.log('\n金融机构端 企业名单 list query (filter mix, p95 over all runs):');
  console.table([{ consenting: listed.consenting, queries: listed.queries, 'p50 ms': listed.p50Ms, 'p95 ms': listed.p95Ms, 'max ms': listed.maxMs, 'load avg': listed.loadAverage, target: listed.target, met: listed.met ? 'yes' : 'NO' }]);
}

if (ONLY === undefined) results.argon2 = await benchArgon2();
if (ONLY === undefined || ONLY === 'enumeration') results.enumeration = await benchEnumeration();
// 【资质管理】 import (BENCH_ONLY=import): each size in its own child process (its own peak RSS).
if (ONLY === undefined || ONLY === 'import') {
  const imports = [benchImport('csv', Number(process.env.BENCH_IMPORT_CSV_ROWS ?? 1_000_000)), benchImport('xlsx', Number(process.env.BENCH_IMPORT_XLSX_ROWS ?? 100_000))];
  results.qualificationImport = imports;
  console.log('\nQualification import (upload + check + 确认 + import; CPU ms beside wall ms on a shared machine):');
  console.table(imports.map((r) => ({ format: r.format, rows: r.rows, 'file MiB': r.fileMiB, 'check ms': r.checkMs, 'import ms': r.importMs, 'total ms': r.totalMs, 'CPU ms': r.cpuMs, 'rows/s': r.rowsPerSecond, 'peak RSS MiB': r.peakRssMiB, 're-import ms': r.reimportMs, 'load avg': Number(r.loadAverage.toFixed(1)), target: r.target })));
}
// 创新积分 recompute of 1,000,000 synthetic enterprises in memory (BENCH_ONLY=scoring), in a child process (its own peak RSS).
if (ONLY === undefined || ONLY === 'scoring') {
  const scoring = benchScoring(Number(process.env.BENCH_SCORING_ROWS ?? 1_000_000));
  results.scoring = scoring;
  console.log('\n创新积分 recompute in memory (CPU ms beside wall ms on a shared machine):');
  console.table([scoring]);
}
// Submissions through HTTP (BENCH_ONLY=submissions): each enterprise's first 【提交】 against the hello route and raw single-row inserts/s of the same database.
if (ONLY === undefined || ONLY === 'submissions') {
  const submissions = [];
  for (const database of (process.env.BENCH_SUBMIT_DB ?? 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[]) {
    const figures = await benchSubmissions(database, {
      seconds: Number(process.env.BENCH_SUBMIT_SECONDS ?? 10),
      connections: Number(process.env.BENCH_SUBMIT_CONNECTIONS ?? 20),
      enterprises: Number(process.env.BENCH_SUBMIT_ENTERPRISES ?? 5000),
      postgresAdminUrl: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    });
    if (figures) submissions.push(figures);
    else console.log(`${database}: not reachable, its submissions row is not measured`);
  }
  results.submissions = submissions;
  console.log('\nSubmissions (POST /api/platform/financing/submit: validate + score + store a version), baselines measured in the same run:');
  console.table(submissions.map((r) => ({ database: r.database, 'submissions/s': r.submissionsPerSecond, 'hello req/s': r.helloRequestsPerSecond, 'ratio to hello': r.ratioToHello, 'raw inserts/s': r.rawInsertsPerSecond, 'ratio to inserts': r.ratioToRawInserts, 'p99 ms': r.p99Ms, failed: r.failed, 'load avg': r.loadAverage, target: r.target, met: r.met ? 'yes' : 'NO' })));
}
// Login storm (BENCH_ONLY=login): logins/s through HTTP against raw argon2id hashes/s at the pool's parallelism, GET /healthz p99 alongside.
if (ONLY === undefined || ONLY === 'login') {
  const login = await benchLoginStorm({ seconds: Number(process.env.BENCH_LOGIN_SECONDS ?? 10), connections: Number(process.env.BENCH_LOGIN_CONNECTIONS ?? 16) });
  results.loginStorm = login;
  console.log('\nLogin storm (POST /api/uc/login, argon2id; raw hashes/s at the same parallelism measured in the same run):');
  console.table([{ 'logins/s': login.loginsPerSecond, 'raw hashes/s': login.rawHashesPerSecond, ratio: login.ratio, 'GET /healthz p99 ms': login.cheapRouteP99Ms, 'login p99 ms': login.loginP99Ms, connections: login.connections, failed: login.failedLogins, 'load avg': login.loadAverage, target: login.target, met: login.met ? 'yes' : 'NO' }]);
}
// 创新积分 recompute with the database (BENCH_ONLY=rescoring) on demo:large data: BENCH_RESCORING_ROWS (default 20,000; 1,000,000 for the quality.md row), BENCH_RESCORING_DB.
if (ONLY === undefined || ONLY === 'rescoring') {
  const rows = Number(process.env.BENCH_RESCORING_ROWS ?? 20_000);
  const rescoring = [];
  for (const database of (process.env.BENCH_RESCORING_DB ?? 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[]) {
    const figures = await benchRescoring(database, rows, process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    if (figures) rescoring.push(figures);
    else console.log(`${database}: not reachable, its rescoring row is not measured`);
  }
  results.rescoring = rescoring;
  console.log('\n创新积分 recompute with the database (demo:large data; first run: every row changes, second: none; CPU ms beside wall ms):');
  console.table(rescoring.map((r) => ({ database: r.database, enterprises: r.enterprises, 'generate /s': r.generatePerSecond, 'recompute ms': r.firstRecomputeMs, 'CPU ms': r.firstRecomputeCpuMs, changed: r.firstChanged, 'unchanged ms': r.unchangedRecomputeMs, 'peak RSS MiB': r.peakRssMiB, 'load avg': r.loadAverage, target: r.target })));
}
// 【登记查询】 【导出】 (BENCH_ONLY=export): BENCH_EXPORT_ROWS demo:large registrations (default 10,000; 100,000 for the quality.md row) to XLSX, server RSS sampled.
if (ONLY === undefined || ONLY === 'export') {
  const exported = await benchRegistrationExport(Number(process.env.BENCH_EXPORT_ROWS ?? 10_000));
  results.registrationExport = exported;
  console.log('\n登记查询 export to XLSX (server RSS sampled every 50 ms):');
  console.table([{ rows: exported.exportedRows, 'file MiB': exported.fileMiB, ms: exported.ms, 'RSS before MiB': exported.rssBeforeMiB, 'RSS peak MiB': exported.rssPeakMiB, 'growth MiB': exported.rssGrowthMiB, 'load avg': exported.loadAverage, target: exported.target, met: exported.met ? 'yes' : 'NO' }]);
}
for (const k of ['argon2', 'enumeration'] as const) {
  if (!results[k]) continue;
  console.log(`\n${k}:`);
  console.table(
    Object.fromEntries(
      Object.entries(results[k] as object).map(([kk, vv]) => [kk, typeof vv === 'number' ? Number(vv.toFixed(3)) : typeof vv === 'object' ? JSON.stringify(vv, (_, x) => (typeof x === 'number' ? Number(x.toFixed(2)) : x)) : vv]),
    ),
  );
}
results.loadAverageAtEnd = os.loadavg();

fs.mkdirSync('bench/results', { recursive: true });
const file = path.join('bench/results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(file, JSON.stringify(results, null, 2));
console.log(`written to ${file}`);
process.exit(0);
