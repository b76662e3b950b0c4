/**
 * `npm run audit:verify`: checks the audit log hash chain of the database named by the
 * environment (DATABASE_URL, or the SQLite file under DATA_DIR). Exit 0 when intact, 1
 * when tampered with or when the check could not run.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { dialectOf, openDatabase } from '../db/index.js';
import { createAuditLog } from '../security/audit.js';

export async function runAuditVerify(databaseUrl: string): Promise<{ exitCode: 0 | 1; line: string }> {
  if (dialectOf(databaseUrl) === 'sqlite') {
    // openDatabase would create a missing file; verifying an empty new database means nothing.
    const file = databaseUrl.slice('sqlite:'.length);
    if (file !== ':memory:' && !fs.existsSync(file)) throw new Error(`SQLite database file not found: ${file}`);
  }
  const db = openDatabase(databaseUrl, { poolSize: 1 });
  try {
    const result = await createAuditLog(db, systemClock).verify();
    if (result.ok) {
      return { exitCode: 0, line: `审计日志校验通过：${result.count} 条记录 / Audit log verified: ${result.count} records` };
    }
    return {
      exitCode: 1,
      line: `审计日志校验失败：第 ${result.firstBadSeq} 条记录 (${result.reason}) / Audit log verification failed at record ${result.firstBadSeq} (${result.reason})`,
    };
  } finally {
    await db.close();
  }
}

async function main(): Promise<number> {
  try {
    const { exitCode, line } = await runAuditVerify(loadConfig().databaseUrl);
    (exitCode === 0 ? console.log : console.error)(line);
    return exitCode;
  } catch (error) {
    console.error(`审计日志校验无法完成 / Audit log verification could not run: ${(error as Error).message}`);
    return 1;
  }
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
  process.exitCode = await main();
}
