/**
 * Account enumeration by timing (quality.md, issue 19): over many interleaved trials, the median
 * response time for an existing vs an unknown identifier of 登录, 忘记密码 【获取验证码】 and
 * 手机号修改 step 1. Target: median gap < 10 ms in each. The server runs with the production
 * enumeration floor (400 ms); limits that would stop repeated trials (lockouts, per-mobile SMS
 * limits) are raised, since they answer both cases alike anyway (tests check that).
 *
 * Run alone: `BENCH_ONLY=enumeration npm run bench`, or `npx tsx bench/enumeration.ts` (prints JSON).
 * BENCH_ENUM_TRIALS (default 30) trials per case. Nothing here fails on time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/server/app.js';
import { defaultLimits, loadConfig } from '../src/server/config.js';
import { createDeps } from '../src/server/deps.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { seedDemoData } from '../src/server/seed/demo.js';

export interface EnumerationCase {
  existingMedianMs: number;
  unknownMedianMs: number;
  medianGapMs: number;
  met: boolean;
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export async function benchEnumeration(trials = Number(process.env.BENCH_ENUM_TRIALS ?? 30)): Promise<Record<string, EnumerationCase | number | string>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidu-bench-enum-'));
  const limits = {
    enumerationFloorMs: defaultLimits.enumerationFloorMs,
    loginMaxFailures: 1_000_000,
    ipLoginMaxFailures: 1_000_000,
    smsPerMobilePerMinute: 1_000_000,
    smsPerMobilePerHour: 1_000_000,
    smsPerMobilePerDay: 1_000_000,
    smsPerIpPerHour: 1_000_000,
    smsGlobalPerMinute: 1_000_000,
  };
  const config = loadConfig({ APP_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'error', LIMITS_JSON: JSON.stringify(limits) });
  const deps = createDeps(config);
  await migrateToLatest(deps.db, deps.pii);
  await seedDemoData(deps);
  const app = await buildApp(deps);
  await app.ready();
  try {
    const csrf = await app.inject('/api/csrf');
    const cookie = csrf.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const token = csrf.json().token as string;
    /** One timed POST with a fresh captcha; the status it must answer. */
    const timed = async (url: string, body: Record<string, string>, status: number) => {
      const { captchaId } = await deps.captchaService.issue();
      const payload = { ...body, captchaId, captchaAnswer: deps.captcha.latestAnswer() };
      const started = performance.now();
      const res = await app.inject({ method: 'POST', url, headers: { cookie, 'x-csrf-token': token }, payload });
      const ms = performance.now() - started;
      if (res.statusCode !== status) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`);
      return ms;
    };
    const flows: Record<string, { existing: (i: number) => Promise<number>; unknown: (i: number) => Promise<number> }> = {
      login: {
        existing: () => timed('/api/uc/login', { identifier: 'demo_xjr', password: 'Wrong#Pass1' }, 401),
        unknown: (i) => timed('/api/uc/login', { identifier: `nobody_${i}`, password: 'Wrong#Pass1' }, 401),
      },
      forgotPassword: {
        // The bound mobile of a demo account (a code is sent) vs an unknown account (nothing sent).
        existing: () => timed('/api/uc/forgot/code', { identifier: 'demo_incomplete', mobile: '13800000002' }, 200),
        unknown: (i) => timed('/api/uc/forgot/code', { identifier: `nobody_${i}`, mobile: `139${String(10_000_000 + i).slice(-8)}` }, 200),
      },
      mobileChange: {
        existing: () => timed('/api/uc/mobile-change/start', { identifier: 'demo_xjr' }, 200),
        unknown: (i) => timed('/api/uc/mobile-change/start', { identifier: `nobody_${i}` }, 200),
      },
    };
    const out: Record<string, EnumerationCase | number | string> = { trials, floorMs: limits.enumerationFloorMs, target: 'median gap < 10 ms' };
    for (const [name, flow] of Object.entries(flows)) {
      const existing: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < trials; i++) {
        // Interleaved, and the order alternates, so drift in machine load hits both alike.
        if (i % 2) {
          unknown.push(await flow.unknown(i));
          existing.push(await flow.existing(i));
        } else {
          existing.push(await flow.existing(i));
          unknown.push(await flow.unknown(i));
        }
      }
      const gap = Math.abs(median(existing) - median(unknown));
      out[name] = { existingMedianMs: median(existing), unknownMedianMs: median(unknown), medianGapMs: gap, met: gap < 10 };
    }
    return out;
  } finally {
    await app.close();
    await deps.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url))) {
  console.log(JSON.stringify(await benchEnumeration(), null, 2));
  process.exit(0);
}
