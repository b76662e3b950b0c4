/**
 * Submissions through HTTP (quality.md: validate + score + store a version ≥ 2,000/s on SQLite,
 * ≥ 1,000/s on PostgreSQL). The app runs like production in its own process on a seeded database
 * plus `enterprises` demo:large enterprises (qualified, 企业信息 complete, nothing submitted yet),
 * each with a 法人 platform session whose 提示事项 was opened a minute ago. A load process sends
 * POST /api/platform/financing/submit (each enterprise's first 【提交】, plausible values from
 * scoring/synthetic.ts, CSRF token as a page has it) with `connections` in flight for `seconds`.
 * Baselines in the same run: a bare Fastify "hello" route (autocannon, same connections) and raw
 * single-row inserts/s into the same database (one INSERT per statement, autocommit; `connections`
 * in flight on PostgreSQL's pool, one after another on SQLite).
 * Run alone: `npx tsx bench/submissions.ts` (prints JSON), or BENCH_ONLY=submissions in run.ts
 * (BENCH_SUBMIT_SECONDS, BENCH_SUBMIT_CONNECTIONS, BENCH_SUBMIT_ENTERPRISES; BENCH_CPU_PROF_DIR profiles the app server).
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { loadConfig } from '../src/server/config.js';
import { createDeps } from '../src/server/deps.js';
import { financingRepo } from '../src/server/db/repos/financing.js';
import { shanghaiDate } from '../src/server/clock.js';
import { generateLargeDemo } from '../src/server/seed/large.js';
import { mulberry32, syntheticSubmission } from '../src/server/scoring/synthetic.js';
import { sessionCookieNames } from '../src/server/plugins/session.js';
import { hostCookieName } from '../src/server/http/cookie-names.js';
import { FINANCING_ROUTES } from '../src/shared/schemas/registration.js';
import { middleClassOf } from '../src/shared/industry.js';
import { prepare, scratchPostgres } from './requests.js';
import { cannon, startServer } from './processes.js';

export interface SubmissionBench {
  database: 'sqlite' | 'postgres';
  connections: number;
  seconds: number;
  submissionsPerSecond: number;
  helloRequestsPerSecond: number;
  ratioToHello: number;
  rawInsertsPerSecond: number;
  ratioToRawInserts: number;
  p50Ms: number;
  p99Ms: number;
  failed: number;
  target: string;
  met: boolean;
  loadAverage: number;
}

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? Number(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))].toFixed(2)) : NaN;
};

interface Enterprise {
  cookie: string;
  uscc: string;
  division: string;
  industry: string;
}

/** The load process: one first 【提交】 per enterprise, `connections` in flight, for `seconds`. */
async function load(origin: string, file: string, connections: number, seconds: number) {
  const fs = await import('node:fs');
  const { dataYear, enterprises } = JSON.parse(fs.readFileSync(file, 'utf8')) as { dataYear: number; enterprises: Enterprise[] };
  const csrf = await fetch(`${origin}/api/csrf`);
  const { token } = (await csrf.json()) as { token: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const random = mulberry32(11);
  const bodies = enterprises.map((e) => {
    const s = syntheticSubmission(random, dataYear, middleClassOf(e.industry) ?? undefined);
    return JSON.stringify({
      revision: 0,
      basic: { ...s.basic, districtCode: e.division, assets: String(Math.round(Number(s.basic.revenue) * 1.2)), contactName: '张丽华', contactMobile: `139${String(Math.floor(random() * 1e8)).padStart(8, '0')}` },
      indicators: s.indicators,
      optional: { financing: { need: 'no', methods: [] }, honours: [], attachments: [] },
    });
  });
  let next = 0;
  let ok = 0;
  let failed = 0;
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline && next < enterprises.length) {
        const i = next++;
        const t = performance.now();
        const res = await fetch(`${origin}${FINANCING_ROUTES.submit}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: `${csrfCookie}; ${enterprises[i].cookie}`, 'x-csrf-token': token }, body: bodies[i] });
        const body = await res.text();
        if (res.status === 200) {
          ok++;
          latencies.push(performance.now() - t);
        } else if (failed++ === 0) process.stderr.write(`submit failed: ${res.status} ${body.slice(0, 300)}\n`);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { perSecond: ok / elapsed, failed, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99), exhausted: next >= enterprises.length };
}

export async function benchSubmissions(database: 'sqlite' | 'postgres', options: { seconds: number; connections: number; enterprises: number; postgresAdminUrl: string }): Promise<SubmissionBench | null> {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const scratch = database === 'postgres' ? await scratchPostgres(options.postgresAdminUrl) : null;
  if (database === 'postgres' && !scratch) return null;
  const cleanups: (() => Promise<void>)[] = [];
  try {
    if (scratch) cleanups.push(() => scratch.drop());
    const prepared = await prepare(scratch?.url ?? null);
    cleanups.push(() => prepared.dispose());

    // Enterprises ready to submit: qualified, 企业信息 complete, a session that read the 提示事项.
    const deps = createDeps(loadConfig({ ...prepared.env, APP_ENV: 'development' }));
    const k = deps.db.kysely;
    const seed = 900 + (database === 'postgres' ? 1 : 0);
    await generateLargeDemo(deps, { enterprises: options.enterprises, qualifiedShare: 1, submittedShare: 0, score: false, seed, batch: 2000 });
    const { dataYear } = await financingRepo(deps.db).filingWindow(shanghaiDate(deps.clock.now()));
    const rows = await k.selectFrom('qualifications as q').innerJoin('enterprise_registry as r', 'r.uscc', 'q.uscc').select(['r.uscc', 'r.division_code', 'r.industry_code']).where('q.id', 'like', `ql${seed}-%`).execute();
    const at = deps.clock.now().toISOString();
    const openedAt = new Date(deps.clock.now().getTime() - 60_000).toISOString();
    const enterprises: Enterprise[] = [];
    for (let i = 0; i < rows.length; i += 500) {
      const page = rows.slice(i, i + 500);
      await k
        .insertInto('enterprise_profiles')
        .values(
          page.map((r) => ({
            uscc: r.uscc, district_code: r.division_code, address_detail: '创新路1号', established_on: '2012-06-18', registered_capital: '5000', company_type: 'llc', industry_code: middleClassOf(r.industry_code) ?? '397', main_business: '研发制造',
            employees: 118, revenue: '8000', assets: '11000', contact_name_enc: deps.pii.encrypt('王建国'), contact_mobile_enc: deps.pii.encrypt('13800000001'), contact_email_enc: deps.pii.encrypt('contact@example.com'),
            business_address: null, website: null, listed: 0, listing_board: null, stock_code: null, intro: null, updated_by: null, created_at: at, updated_at: at,
          })),
        )
        .execute();
      for (const r of page) {
        const token = await deps.sessions.create('platform', crypto.randomUUID(), { displayNameEnc: deps.pii.encrypt('基准测试企业'), userType: 'legal', uscc: r.uscc, idTokenEnc: deps.pii.encrypt('bench'), sid: null });
        await deps.store.set(`financing:notice:${crypto.hash('sha256', token, 'hex')}`, openedAt, 3600_000);
        enterprises.push({ cookie: `${hostCookieName(sessionCookieNames.platform, 'production')}=${token}`, uscc: r.uscc, division: r.division_code, industry: r.industry_code });
      }
    }

    // Raw single-row inserts/s into the same database (the baseline of "store a version").
    await sql`CREATE TABLE bench_raw (id text PRIMARY KEY, payload text NOT NULL)`.execute(k);
    const payload = 'x'.repeat(1500);
    let inserted = 0;
    const rawStarted = performance.now();
    const rawDeadline = rawStarted + Math.min(5000, options.seconds * 1000);
    await Promise.all(
      Array.from({ length: database === 'sqlite' ? 1 : options.connections }, async () => {
        while (performance.now() < rawDeadline) {
          await k.insertInto('bench_raw' as never).values({ id: crypto.randomUUID(), payload } as never).execute();
          inserted++;
        }
      }),
    );
    const rawInsertsPerSecond = inserted / ((performance.now() - rawStarted) / 1000);
    await sql`DROP TABLE bench_raw`.execute(k);
    await deps.close();

    const file = path.join(prepared.dataDir, 'bench-enterprises.json');
    fs.writeFileSync(file, JSON.stringify({ dataYear, enterprises }));
    const hello = await startServer('hello', 'bench/hello-server.ts', {}, { readyPath: '/hello' });
    cleanups.push(() => hello.stop());
    const app = await startServer(`app on ${database}`, 'src/server/main.ts', prepared.env, { readyPath: '/healthz', nodeArgs: process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', '--cpu-prof-dir', path.join(process.env.BENCH_CPU_PROF_DIR, `submissions-${database}`)] : [] });
    cleanups.push(() => app.stop());
    const helloFigures = await cannon(hello, '/hello', Math.min(5, options.seconds), options.connections);
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'load', app.origin, file, String(options.connections), String(options.seconds)], { maxBuffer: 1 << 20 });
    if (stderr.includes('submit failed')) process.stderr.write(stderr);
    const figures = JSON.parse(stdout.trim().split('\n').pop()!) as Awaited<ReturnType<typeof load>>;
    if (figures.exhausted) process.stderr.write(`submissions: all ${enterprises.length} enterprises submitted before ${options.seconds} s; raise BENCH_SUBMIT_ENTERPRISES\n`);
    const target = database === 'sqlite' ? 2000 : 1000;
    return {
      database,
      connections: options.connections,
      seconds: options.seconds,
      submissionsPerSecond: Math.round(figures.perSecond),
      helloRequestsPerSecond: Math.round(helloFigures.requestsPerSecond),
      ratioToHello: Number((figures.perSecond / helloFigures.requestsPerSecond).toFixed(3)),
      rawInsertsPerSecond: Math.round(rawInsertsPerSecond),
      ratioToRawInserts: Number((figures.perSecond / rawInsertsPerSecond).toFixed(3)),
      p50Ms: figures.p50Ms,
      p99Ms: figures.p99Ms,
      failed: figures.failed,
      target: `≥ ${target}/s`,
      met: figures.perSecond >= target,
      loadAverage: Number(os.loadavg()[0].toFixed(1)),
    };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === 'load') {
    const [origin, file, connections, seconds] = process.argv.slice(3);
    console.log(JSON.stringify(await load(origin, file, Number(connections), Number(seconds))));
  } else {
    const options = { seconds: Number(process.env.BENCH_SUBMIT_SECONDS ?? 10), connections: Number(process.env.BENCH_SUBMIT_CONNECTIONS ?? 20), enterprises: Number(process.env.BENCH_SUBMIT_ENTERPRISES ?? 5000), postgresAdminUrl: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' };
    console.log(JSON.stringify(await benchSubmissions(process.argv[2] === 'postgres' ? 'postgres' : 'sqlite', options)));
  }
  process.exit(0);
}
