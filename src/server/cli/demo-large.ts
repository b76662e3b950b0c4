/**
 * `npm run demo:large -- --enterprises 1000000 [--seed 1] [--qualified 0.7] [--submitted 0.85]
 * [--consent 0.6] [--batch 1000] [--no-score]`: realistic data at national scale into the database
 * of the configuration (DATA_DIR / DATABASE_URL, SQLite or PostgreSQL; see seed/large.ts), for
 * trying the consoles and lists with a full country's worth of enterprises and for bench/.
 * Migrates first; the demo data of a non-production start is written as well (as `npm start`
 * would), so the demo accounts work beside the generated enterprises. Refused in production.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config.js';
import { createDeps } from '../deps.js';
import { migrateToLatest } from '../db/migrate.js';
import { seedDemoData } from '../seed/demo.js';
import { generateLargeDemo, type LargeDemoOptions } from '../seed/large.js';

export function parseDemoLargeArgs(args: string[]): LargeDemoOptions {
  const value = (name: string) => {
    const at = args.indexOf(`--${name}`);
    if (at < 0) return undefined;
    const n = Number(args[at + 1]);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} 需要一个非负数`);
    return n;
  };
  const share = (name: string) => {
    const n = value(name);
    if (n !== undefined && n > 1) throw new Error(`--${name} 是 0 到 1 之间的比例`);
    return n;
  };
  return {
    enterprises: Math.floor(value('enterprises') ?? 10_000),
    seed: value('seed'),
    qualifiedShare: share('qualified'),
    submittedShare: share('submitted'),
    consentShare: share('consent'),
    batch: value('batch'),
    score: !args.includes('--no-score'),
  };
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return fs.realpathSync(script) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  try {
    const options = parseDemoLargeArgs(process.argv.slice(2));
    const config = loadConfig();
    if (config.appEnv === 'production') throw new Error('生产环境不写入演示数据 / refused with APP_ENV=production');
    const deps = createDeps(config);
    await migrateToLatest(deps.db, deps.pii);
    await seedDemoData(deps);
    console.log(`数据库 ${deps.db.dialect}：生成 ${options.enterprises} 家企业 …`);
    const started = performance.now();
    let lastPrint = 0;
    const summary = await generateLargeDemo(deps, {
      ...options,
      onProgress(done, total) {
        if (done === total || performance.now() - lastPrint > 2000) {
          lastPrint = performance.now();
          const seconds = (performance.now() - started) / 1000;
          console.log(`  ${done} / ${total} 家企业（${Math.round((100 * done) / total)}%，${Math.round(done / seconds)} 家/秒，RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB）`);
        }
      },
    });
    if (summary.scoreMs !== null) console.log(`创新积分已重算（${summary.scoreMs} ms）`);
    console.log(`完成：${summary.enterprises} 家企业，${summary.qualifications} 条资质，${summary.submissions} 份已提交登记（${summary.dataYear} 数据年度），${summary.consents} 家同意推送；写入 ${summary.insertMs} ms`);
    await deps.close();
  } catch (error) {
    console.error(`未能完成 / could not run: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
