/**
 * npm run bench — figures for quality.md, printed as a table and written to
 * bench/results/<time>.json. Every figure that has a baseline is a ratio to that baseline
 * measured in the same run. Nothing here fails on time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Fastify from 'fastify';
import pg from 'pg';
import { loadConfig } from '../src/server/config.js';
import { createDeps, type AppDeps } from '../src/server/deps.js';
import { buildApp } from '../src/server/app.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { seedDemoData } from '../src/server/seed/demo.js';
import { benchArgon2 } from './argon2.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 20;

/** autocannon in its own process, so the load generator does not share the server's event loop. */
async function cannon(url: string, headers: Record<string, string> = {}) {
  const args = ['node_modules/autocannon/autocannon.js', '-j', '-c', String(CONNECTIONS), '-d', String(SECONDS)];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  const { stdout } = await promisify(execFile)(process.execPath, [...args, url], { maxBuffer: 10 * 1024 * 1024 });
  const result = JSON.parse(stdout) as { requests: { average: number }; latency: { p99: number }; errors: number; non2xx: number };
  return { requestsPerSecond: result.requests.average, p99Ms: result.latency.p99, errors: result.errors + result.non2xx };
}

async function helloBaseline() {
  const app = Fastify();
  app.get('/hello', async () => ({ hello: 'world' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const figures = await cannon(`http://127.0.0.1:${port}/hello`);
  await app.close();
  return figures;
}

async function startApp(databaseUrl: string | null, env: Record<string, string> = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidu-bench-'));
  const config = loadConfig({ APP_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'error', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), ...env });
  const deps = createDeps(config);
  await migrateToLatest(deps.db);
  await seedDemoData(deps);
  const app = await buildApp(deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return { app, deps, port, dataDir };
}

async function sessionCookie(deps: AppDeps) {
  const account = await deps.db.kysely.selectFrom('accounts').select('id').where('login_name', '=', 'demo_xjr').executeTakeFirstOrThrow();
  return `uc_sid=${await deps.sessions.create('uc', account.id, {})}`;
}

/** Authenticated read: GET /api/uc/me (account row + decryption + masking) with a session cookie. */
async function authenticatedRead(databaseUrl: string | null) {
  const { app, deps, port, dataDir } = await startApp(databaseUrl);
  const figures = await cannon(`http://127.0.0.1:${port}/api/uc/me`, { cookie: await sessionCookie(deps) });
  await app.close();
  await deps.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return figures;
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
  for (let i = 0; i < Number(process.env.BENCH_TRIALS ?? 30); i++) {
    known.push(await trial('demo_xjr'));
    unknown.push(await trial(`nobody_${i}`));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  await app.close();
  await deps.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return { knownMedianMs: median(known), unknownMedianMs: median(unknown), medianGapMs: Math.abs(median(known) - median(unknown)) };
}

async function postgresUrl(): Promise<string | null> {
  const admin = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: admin });
  try {
    await client.connect();
  } catch {
    return null;
  }
  const name = `tidu_bench_${process.pid}`;
  await client.query(`DROP DATABASE IF EXISTS ${name}`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  return admin.replace(/\/[^/]*$/, `/${name}`);
}

const results: Record<string, unknown> = { at: new Date().toISOString(), cpus: os.availableParallelism(), seconds: SECONDS };
const hello = await helloBaseline();
const sqliteRead = await authenticatedRead(null);
results.hello = hello;
results.authenticatedReadSqlite = { ...sqliteRead, ratioToHello: sqliteRead.requestsPerSecond / hello.requestsPerSecond, target: '≥ 0.40' };
const pgUrl = await postgresUrl();
if (pgUrl) {
  const pgRead = await authenticatedRead(pgUrl);
  results.authenticatedReadPostgres = { ...pgRead, ratioToHello: pgRead.requestsPerSecond / hello.requestsPerSecond, target: '≥ 0.25' };
} else {
  results.authenticatedReadPostgres = 'PostgreSQL not reachable: not measured';
}
results.argon2 = await benchArgon2();
results.enumeration = { ...(await enumerationGap()), target: 'median gap < 10 ms' };

console.table(
  Object.fromEntries(
    Object.entries(results)
      .filter(([, v]) => typeof v === 'object')
      .flatMap(([k, v]) => Object.entries(v as object).map(([kk, vv]) => [`${k}.${kk}`, typeof vv === 'number' ? Number(vv.toFixed(3)) : vv])),
  ),
);
fs.mkdirSync('bench/results', { recursive: true });
const file = path.join('bench/results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(file, JSON.stringify(results, null, 2));
console.log(`written to ${file}`);
process.exit(0);
