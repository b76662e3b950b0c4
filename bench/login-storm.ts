/**
 * Login storm (quality.md: login ≥ 85 % of the raw argon2id hashes/s measured in the same run at
 * the same parallelism, while a cheap route keeps p99 < 25 ms). The app runs like production in
 * its own process (SQLite, seeded, the demo account demo_xjr), with single-use captchas placed in
 * its state store beforehand (their answers are what a person would read off the image). A load
 * process sends POST /api/uc/login with `connections` in flight (CSRF token as a page has it) and
 * meanwhile probes GET /healthz every 5 ms. The baseline, raw @node-rs/argon2 argon2id hashes/s
 * with cores − 1 in flight (the pool's size), is measured in this process before the storm.
 * Logins are padded to the enumeration floor (400 ms in production), so enough connections must
 * be in flight to keep the hashing pool busy: BENCH_LOGIN_CONNECTIONS (default 16: 400 ms × the raw rate of 2 cores, with room).
 * Run alone: `npx tsx bench/login-storm.ts` (prints JSON), or BENCH_ONLY=login in run.ts.
 */
import os from 'node:os';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { hash } from '@node-rs/argon2';
import { loadConfig } from '../src/server/config.js';
import { createDeps } from '../src/server/deps.js';
import { DEMO_PASSWORD } from '../src/server/seed/accounts.js';
import { prepare } from './requests.js';
import { startServer } from './processes.js';

const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
const ANSWER = 'k7m2';

export interface LoginStormBench {
  parallelism: number;
  connections: number;
  seconds: number;
  rawHashesPerSecond: number;
  loginsPerSecond: number;
  ratio: number;
  target: string;
  met: boolean;
  loginP50Ms: number;
  loginP99Ms: number;
  /** GET /healthz latency during the storm. */
  cheapRouteP99Ms: number;
  cheapRouteP50Ms: number;
  cheapRouteRequests: number;
  failedLogins: number;
  loadAverage: number;
}

async function rawHashesPerSecond(parallelism: number, ms: number): Promise<number> {
  let done = 0;
  const deadline = performance.now() + ms;
  await Promise.all(
    Array.from({ length: parallelism }, async () => {
      while (performance.now() < deadline) {
        await hash('Bench@Pass1', OPTIONS);
        done++;
      }
    }),
  );
  return done / (ms / 1000);
}

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? Number(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))].toFixed(2)) : NaN;
};

/** The load process: logins with `connections` in flight and the cheap-route probe, for `seconds`. */
async function storm(origin: string, connections: number, seconds: number, captchas: number) {
  const csrf = await fetch(`${origin}/api/csrf`);
  const { token } = (await csrf.json()) as { token: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  let next = 0;
  let ok = 0;
  let failed = 0;
  const loginMs: number[] = [];
  const probeMs: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const probe = (async () => {
    while (performance.now() < deadline) {
      const t = performance.now();
      await (await fetch(`${origin}/healthz`)).arrayBuffer();
      probeMs.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline && next < captchas) {
        const captchaId = `bench${next++}`;
        const t = performance.now();
        const res = await fetch(`${origin}/api/uc/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': token },
          body: JSON.stringify({ identifier: 'demo_xjr', password: DEMO_PASSWORD, captchaId, captchaAnswer: ANSWER }),
        });
        const body = await res.text();
        if (res.status === 200) {
          ok++;
          loginMs.push(performance.now() - t);
        } else {
          failed++;
          if (failed === 1) process.stderr.write(`login failed: ${res.status} ${body.slice(0, 200)}\n`);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  await probe;
  return { loginsPerSecond: ok / elapsed, failed, loginP50Ms: percentile(loginMs, 0.5), loginP99Ms: percentile(loginMs, 0.99), cheapRouteP50Ms: percentile(probeMs, 0.5), cheapRouteP99Ms: percentile(probeMs, 0.99), cheapRouteRequests: probeMs.length };
}

export async function benchLoginStorm(options: { seconds: number; connections: number }): Promise<LoginStormBench> {
  const parallelism = Math.max(1, os.availableParallelism() - 1);
  // Enough captchas for the storm at several times the expected rate.
  const captchas = Math.max(500, Math.round(options.seconds * 150));
  const prepared = await prepare(null);
  try {
    const deps = createDeps(loadConfig({ ...prepared.env, APP_ENV: 'development' }));
    for (let i = 0; i < captchas; i++) await deps.store.set(`captcha:bench${i}`, ANSWER, 30 * 60_000);
    await deps.close();
    const raw = await rawHashesPerSecond(parallelism, Math.min(10_000, options.seconds * 1000));
    const server = await startServer('app on SQLite (login storm)', 'src/server/main.ts', { ...prepared.env, LIMITS_JSON: JSON.stringify({ apiRequestsPerIpPerMinute: 1_000_000_000, ipLoginMaxFailures: 1_000_000_000 }) }, { readyPath: '/healthz' });
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'storm', server.origin, String(options.connections), String(options.seconds), String(captchas)], { maxBuffer: 1 << 20 });
      const figures = JSON.parse(stdout.trim().split('\n').pop()!) as Awaited<ReturnType<typeof storm>>;
      const ratio = figures.loginsPerSecond / raw;
      return {
        parallelism,
        connections: options.connections,
        seconds: options.seconds,
        rawHashesPerSecond: Number(raw.toFixed(1)),
        loginsPerSecond: Number(figures.loginsPerSecond.toFixed(1)),
        ratio: Number(ratio.toFixed(3)),
        target: '≥ 0.85 of raw argon2id hashes/s, cheap route p99 < 25 ms',
        met: ratio >= 0.85 && figures.cheapRouteP99Ms < 25,
        loginP50Ms: figures.loginP50Ms,
        loginP99Ms: figures.loginP99Ms,
        cheapRouteP50Ms: figures.cheapRouteP50Ms,
        cheapRouteP99Ms: figures.cheapRouteP99Ms,
        cheapRouteRequests: figures.cheapRouteRequests,
        failedLogins: figures.failed,
        loadAverage: Number(os.loadavg()[0].toFixed(1)),
      };
    } finally {
      await server.stop();
    }
  } finally {
    await prepared.dispose();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === 'storm') {
    const [origin, connections, seconds, captchas] = process.argv.slice(3);
    console.log(JSON.stringify(await storm(origin, Number(connections), Number(seconds), Number(captchas))));
  } else {
    console.log(JSON.stringify(await benchLoginStorm({ seconds: Number(process.env.BENCH_LOGIN_SECONDS ?? 10), connections: Number(process.env.BENCH_LOGIN_CONNECTIONS ?? 16) })));
  }
  process.exit(0);
}
