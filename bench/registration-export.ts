/**
 * 【登记查询】 【导出】 at scale (quality.md: 100,000 registrations to XLSX streamed, RSS growth
 * < 150 MiB). The app runs like production in its own process on a seeded SQLite database plus
 * demo:large data (every enterprise qualified and submitted); a 部级 管理端 session exports the
 * whole set (masked) through POST /api/admin/registrations/export; the answer is read and counted,
 * and the server's RSS (/proc/<pid>/status VmRSS) is sampled every 50 ms: growth = peak during
 * the export − RSS right before it.
 * Run alone: `npx tsx bench/registration-export.ts [rows]` (prints JSON), or BENCH_ONLY=export in
 * run.ts (BENCH_EXPORT_ROWS, default 10,000; 100,000 for the quality.md row).
 */
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/server/config.js';
import { createDeps } from '../src/server/deps.js';
import { generateLargeDemo } from '../src/server/seed/large.js';
import { sessionCookieNames } from '../src/server/plugins/session.js';
import { hostCookieName } from '../src/server/http/cookie-names.js';
import { prepare } from './requests.js';
import { startServer } from './processes.js';

export interface ExportBench {
  rows: number;
  exportedRows: number;
  fileMiB: number;
  ms: number;
  rssBeforeMiB: number;
  rssPeakMiB: number;
  rssGrowthMiB: number;
  target: string;
  met: boolean;
  loadAverage: number;
}

const rssMiB = (pid: number) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};

export async function benchRegistrationExport(rows: number): Promise<ExportBench> {
  const prepared = await prepare(null);
  try {
    const deps = createDeps(loadConfig({ ...prepared.env, APP_ENV: 'development' }));
    await generateLargeDemo(deps, { enterprises: rows, qualifiedShare: 1, submittedShare: 1, batch: 2000 });
    const operator = await deps.db.kysely.selectFrom('operators').select('id').where('role', '=', 'ministry').executeTakeFirstOrThrow();
    const cookie = `${hostCookieName(sessionCookieNames.admin, 'production')}=${await deps.sessions.create('admin', operator.id, { role: 'ministry', regionCode: '', name: '基准测试' })}`;
    await deps.close();

    const server = await startServer('app on SQLite (export)', 'src/server/main.ts', prepared.env, { readyPath: '/healthz' });
    try {
      const csrf = await fetch(`${server.origin}/api/csrf`);
      const { token } = (await csrf.json()) as { token: string };
      const headers = { 'content-type': 'application/json', cookie: [cookie, ...csrf.headers.getSetCookie().map((c) => c.split(';')[0])].join('; '), 'x-csrf-token': token };
      const pid = server.child.pid!;
      const before = rssMiB(pid);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 50);
      const started = performance.now();
      const res = await fetch(`${server.origin}/api/admin/registrations/export`, { method: 'POST', headers, body: JSON.stringify({ filter: {}, unmasked: false }) });
      if (res.status !== 200) throw new Error(`export: ${res.status} ${(await res.text()).slice(0, 300)}`);
      let bytes = 0;
      for await (const chunk of res.body!) bytes += (chunk as Uint8Array).length;
      const ms = performance.now() - started;
      clearInterval(sampler);
      peak = Math.max(peak, rssMiB(pid));
      const growth = peak - before;
      return {
        rows,
        exportedRows: Number(res.headers.get('x-export-rows')),
        fileMiB: Number((bytes / 2 ** 20).toFixed(1)),
        ms: Math.round(ms),
        rssBeforeMiB: Math.round(before),
        rssPeakMiB: Math.round(peak),
        rssGrowthMiB: Math.round(growth),
        target: '100,000 rows streamed, RSS growth < 150 MiB',
        met: growth < 150,
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
  console.log(JSON.stringify(await benchRegistrationExport(Number(process.argv[2] ?? 20_000))));
  process.exit(0);
}
