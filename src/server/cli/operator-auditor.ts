/**
 * `npm run operator:auditor -- <账号> [--off]`: marks a 部级 管理端 account as 审计员 (who may
 * open 【审计日志】), or unmarks it. In the console a 部级 operator marks other 部级 accounts but
 * never its own; this command is how the first 审计员 of a deployment is made. Written to the
 * audit log as a system action.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { systemClock, type Clock } from '../clock.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/index.js';
import { createAuditLog } from '../security/audit.js';

export async function runOperatorAuditor(databaseUrl: string, username: string, isAuditor: boolean, clock: Clock = systemClock): Promise<{ exitCode: 0 | 1; line: string }> {
  const db = openDatabase(databaseUrl, { poolSize: 1 });
  try {
    const operator = await db.kysely.selectFrom('operators').select(['id', 'role', 'username']).where('username', '=', username).executeTakeFirst();
    if (!operator) return { exitCode: 1, line: `账号不存在：${username}` };
    if (operator.role !== 'ministry') return { exitCode: 1, line: `只有部级账号可以设为审计员：${username}` };
    await db.kysely
      .updateTable('operators')
      .set({ is_auditor: isAuditor ? 1 : 0, updated_at: clock.now().toISOString() })
      .where('id', '=', operator.id)
      .execute();
    await createAuditLog(db, clock).append({ actorType: 'system', action: 'operator.set_auditor', targetType: 'operator', targetId: operator.id, details: { username, isAuditor, via: 'cli' } });
    return { exitCode: 0, line: isAuditor ? `已设为审计员：${username}` : `已取消审计员：${username}` };
  } finally {
    await db.close();
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
  const args = process.argv.slice(2);
  const username = args.find((a) => !a.startsWith('--'));
  if (!username) {
    console.error('用法 / usage: npm run operator:auditor -- <账号> [--off]');
    process.exitCode = 1;
  } else {
    try {
      const { exitCode, line } = await runOperatorAuditor(loadConfig().databaseUrl, username, !args.includes('--off'));
      (exitCode === 0 ? console.log : console.error)(line);
      process.exitCode = exitCode;
    } catch (error) {
      console.error(`未能完成 / could not run: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  }
}
