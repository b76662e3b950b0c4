import { loadConfig } from './config.js';
import { createDeps } from './deps.js';
import { buildApp } from './app.js';
import { migrateToLatest } from './db/migrate.js';
import { seedDemoData } from './seed/demo.js';
import { createPurgeJob, every } from './jobs/purge-expired.js';

async function main() {
  const config = loadConfig();
  const deps = createDeps(config);
  await migrateToLatest(deps.db, deps.pii);
  const encryptedFiles = await deps.files.secureStoredFiles();
  if (encryptedFiles) console.log(`已加密 ${encryptedFiles} 个此前未加密保存的上传文件`);
  if (config.appEnv !== 'production') {
    const seeded = await seedDemoData(deps);
    if (seeded) console.log(`已写入演示数据（${seeded.enterprises} 家企业，${seeded.qualifications} 条资质，${seeded.accounts} 个演示账号）`);
  }
  const app = await buildApp(deps);
  await app.listen({ port: config.port, host: config.host });
  app.log.info(`梯度培育平台已启动：${config.publicUrl}（${config.appEnv}，数据库 ${deps.db.dialect}）`);

  const stopPurge = every(5 * 60_000, createPurgeJob(deps), (error) => app.log.error({ err: error }, 'purge job failed'));

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: stop accepting, finish in-flight requests, close the database`);
    const force = setTimeout(() => process.exit(1), 25_000);
    force.unref();
    try {
      stopPurge();
      await app.close();
      await deps.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('启动失败 / startup failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
