/**
 * Requests/s of the app's cheap routes as ratios to a bare Fastify "hello" route, the way
 * issue 12 measured them: every server in its own process started like production
 * (APP_ENV=production, LOG_LEVEL=warn, the per-IP API limit lifted through LIMITS_JSON),
 * autocannon in another process. Each measurement of a row is paired with a measurement of
 * the baseline right before or after it (the order alternates), and a row's ratio is the
 * median of its pairs' ratios: the machine is shared, so load from others cancels out.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/server/config.js';
import { createDeps } from '../src/server/deps.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { seedDemoData } from '../src/server/seed/demo.js';
import { loadSigningKey } from '../src/server/idp/oidc/keys.js';
import { sessionCookieNames } from '../src/server/plugins/session.js';
import { hostCookieName } from '../src/server/http/cookie-names.js';
import { cannon, startServer, type LoadFigures, type ServerProcess } from './processes.js';

export interface RequestBenchOptions {
  seconds: number;
  trials: number;
  connections: number;
  /** A PostgreSQL server to create a scratch database on; null: rows on PostgreSQL are skipped. */
  postgresAdminUrl: string | null;
  /** Directory for `node --cpu-prof` profiles of the app servers; undefined: no profiling. */
  cpuProfileDir?: string;
  /** Measure only the rows whose name contains this text (e.g. `healthz`, `PostgreSQL`). */
  rowFilter?: string;
}

interface Row {
  name: string;
  target: number;
  server: 'sqlite' | 'postgres';
  path: string;
  authenticated: boolean;
}

const rows: Row[] = [
  { name: 'GET /healthz', target: 0.8, server: 'sqlite', path: '/healthz', authenticated: false },
  { name: 'GET / (platform home page)', target: 0.6, server: 'sqlite', path: '/', authenticated: false },
  { name: 'GET /uc (用户中心 page)', target: 0.6, server: 'sqlite', path: '/uc', authenticated: false },
  { name: 'GET /api/uc/me with a session, SQLite', target: 0.4, server: 'sqlite', path: '/api/uc/me', authenticated: true },
  { name: 'GET /api/uc/me with a session, PostgreSQL', target: 0.25, server: 'postgres', path: '/api/uc/me', authenticated: true },
];

interface Prepared {
  dataDir: string;
  env: Record<string, string>;
  cookie: string;
  dispose(): Promise<void>;
}

/** A migrated, seeded database, its secrets, and one 用户中心 session of the demo account. */
export async function prepare(databaseUrl: string | null): Promise<Prepared> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidu-bench-'));
  const secretsFile = path.join(dataDir, 'secrets.json');
  const config = loadConfig({ APP_ENV: 'development', DATA_DIR: dataDir, SECRET_KEY_FILE: secretsFile, LOG_LEVEL: 'warn', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  const deps = createDeps(config);
  await migrateToLatest(deps.db, deps.pii);
  await seedDemoData(deps);
  loadSigningKey(config);
  const account = await deps.db.kysely.selectFrom('accounts').select('id').where('login_name', '=', 'demo_xjr').executeTakeFirstOrThrow();
  // The servers run with APP_ENV=production: the cookie has its production name.
  const cookie = `${hostCookieName(sessionCookieNames.uc, 'production')}=${await deps.sessions.create('uc', account.id, {})}`;
  await deps.close();
  return {
    dataDir,
    cookie,
    env: {
      APP_ENV: 'production',
      PUBLIC_URL: 'https://tidu.bench.example',
      DATA_DIR: dataDir,
      DATABASE_URL: config.databaseUrl,
      SECRET_KEY_FILE: secretsFile,
      // Production refuses the outbox adapters; nothing is sent during the bench.
      SMS_ADAPTER: 'http',
      SMS_GATEWAY_URL: 'http://127.0.0.1:9/sms',
      SMS_GATEWAY_TOKEN: 'bench',
      MAIL_ADAPTER: 'smtp',
      SMTP_URL: 'smtp://127.0.0.1:9',
      LOG_LEVEL: 'warn',
      LIMITS_JSON: JSON.stringify({ apiRequestsPerIpPerMinute: 1_000_000_000 }),
    },
    async dispose() {
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function scratchPostgres(adminUrl: string): Promise<{ url: string; drop(): Promise<void> } | null> {
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  const name = `tidu_bench_${process.pid}`;
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: adminUrl.replace(/\/[^/]*$/, `/${name}`),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A row measures what it says: a 200 page, a logged-in answer. */
async function checkAnswer(row: Row, url: string, cookie: string) {
  const res = await fetch(url, { headers: row.authenticated ? { cookie } : {} });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${row.name}: ${res.status} ${body.slice(0, 200)}`);
  if (row.authenticated && (JSON.parse(body) as { loggedIn?: boolean }).loggedIn !== true) throw new Error(`${row.name}: the session is not accepted: ${body.slice(0, 200)}`);
}

const cpuFigure = (xs: (number | null)[]) => (xs.every((x) => x !== null) ? Number(median(xs as number[]).toFixed(1)) : null);

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export async function benchRequests(options: RequestBenchOptions) {
  const cleanups: (() => Promise<void>)[] = [];
  const servers: Partial<Record<'hello' | 'sqlite' | 'postgres', ServerProcess>> = {};
  const cookies: Partial<Record<'sqlite' | 'postgres', string>> = {};
  const profileArgs = (name: string) => (options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', path.join(options.cpuProfileDir, name)] : []);
  try {
    servers.hello = await startServer('hello', 'bench/hello-server.ts', {}, { readyPath: '/hello' });
    cleanups.push(() => servers.hello!.stop());

    const sqlite = await prepare(null);
    cleanups.push(() => sqlite.dispose());
    servers.sqlite = await startServer('app on SQLite', 'src/server/main.ts', sqlite.env, { readyPath: '/healthz', nodeArgs: profileArgs('app-sqlite') });
    cleanups.push(() => servers.sqlite!.stop());
    cookies.sqlite = sqlite.cookie;

    const scratch = options.postgresAdminUrl ? await scratchPostgres(options.postgresAdminUrl) : null;
    if (scratch) {
      cleanups.push(() => scratch.drop());
      const postgres = await prepare(scratch.url);
      cleanups.push(() => postgres.dispose());
      servers.postgres = await startServer('app on PostgreSQL', 'src/server/main.ts', postgres.env, { readyPath: '/healthz', nodeArgs: profileArgs('app-postgres') });
      cleanups.push(() => servers.postgres!.stop());
      cookies.postgres = postgres.cookie;
    }

    const hello = () => cannon(servers.hello!, '/hello', options.seconds, options.connections);
    const measure = (row: Row, seconds = options.seconds) =>
      cannon(servers[row.server]!, row.path, seconds, options.connections, row.authenticated ? { cookie: cookies[row.server]! } : {});
    const active = rows.filter((row) => servers[row.server] && (!options.rowFilter || row.name.includes(options.rowFilter)));
    for (const row of active) await checkAnswer(row, `${servers[row.server]!.origin}${row.path}`, cookies[row.server]!);

    // Warm-up (JIT, statement caches, connection pools): not recorded.
    const warmUp = Math.min(2, options.seconds);
    await cannon(servers.hello, '/hello', warmUp, options.connections);
    for (const row of active) await measure(row, warmUp);

    const pairs = new Map<Row, { hello: LoadFigures; row: LoadFigures }[]>(active.map((row) => [row, []]));
    for (let trial = 0; trial < options.trials; trial++) {
      for (const row of active) {
        // Baseline first in even trials, second in odd ones.
        const first = trial % 2 === 0 ? await hello() : await measure(row);
        const second = trial % 2 === 0 ? await measure(row) : await hello();
        pairs.get(row)!.push(trial % 2 === 0 ? { hello: first, row: second } : { hello: second, row: first });
        process.stderr.write('.');
      }
    }
    process.stderr.write('\n');

    return {
      seconds: options.seconds,
      trials: options.trials,
      connections: options.connections,
      postgres: scratch ? 'measured' : 'PostgreSQL not reachable: its row is not measured',
      rows: active.map((row) => {
        const measured = pairs.get(row)!;
        const ratio = median(measured.map((p) => p.row.requestsPerSecond / p.hello.requestsPerSecond));
        return {
          name: row.name,
          requestsPerSecond: Math.round(median(measured.map((p) => p.row.requestsPerSecond))),
          helloRequestsPerSecond: Math.round(median(measured.map((p) => p.hello.requestsPerSecond))),
          ratio: Number(ratio.toFixed(3)),
          target: row.target,
          met: ratio >= row.target,
          p99Ms: median(measured.map((p) => p.row.p99Ms)),
          // CPU per request is less sensitive to other load on the machine than requests/s.
          serverCpuMicrosPerRequest: cpuFigure(measured.map((p) => p.row.serverCpuMicrosPerRequest)),
          helloCpuMicrosPerRequest: cpuFigure(measured.map((p) => p.hello.serverCpuMicrosPerRequest)),
          errors: measured.reduce((sum, p) => sum + p.row.errors, 0),
          ratios: measured.map((p) => Number((p.row.requestsPerSecond / p.hello.requestsPerSecond).toFixed(3))),
        };
      }),
    };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}
