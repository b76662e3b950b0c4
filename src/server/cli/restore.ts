/**
 * `npm run restore -- <backup folder> [--force]`: puts a backup made by `npm run backup` back
 * as the database of DATA_DIR (DATABASE_URL), then brings it up to the current schema.
 *
 * - Refuses when the target database exists (or its -wal/-shm show it open, i.e. a server may be
 *   running) unless --force is given: a restore replaces everything written since the backup.
 *   Stop the server first; --force does not stop it for you.
 * - The copy is checked (PRAGMA integrity_check), migrated (migrations newer than the backup are
 *   applied) and only then renamed over the target; a stale -wal/-shm of the old database is
 *   removed first, so SQLite can never replay it onto the restored file.
 * - The uploaded files of the backup are copied into DATA_DIR/uploads (files 0600).
 * - The restored database's audit log records `backup.restore` (the chain goes on from the backup).
 *
 * The secrets file must be the one the backup was made with (or a later one that still holds
 * its key ids): see docs/operations.md. PostgreSQL: pg_restore, as docs/operations.md shows.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { systemClock, type Clock } from '../clock.js';
import { loadConfig } from '../config.js';
import { dialectOf, openDatabase } from '../db/index.js';
import { migrateToLatest } from '../db/migrate.js';
import { createAuditLog } from '../security/audit.js';
import { createPiiCrypto } from '../security/pii-crypto.js';
import { loadSecrets, type Secrets } from '../security/secrets.js';
import { BACKUP_DATABASE, BACKUP_MANIFEST, BACKUP_UPLOADS, copyTree, PG_BACKUP_HINT, type BackupManifest } from './backup.js';

export class RestoreRefused extends Error {}

function readManifest(backupDir: string): BackupManifest | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(backupDir, BACKUP_MANIFEST), 'utf8')) as BackupManifest;
  } catch {
    return null;
  }
}

export async function restoreSqlite(options: {
  backupDir: string;
  databaseUrl: string;
  uploadsDir: string;
  secrets: Pick<Secrets, 'pii' | 'lookupKey'>;
  force?: boolean;
  clock?: Clock;
}): Promise<{ uploads: number }> {
  if (dialectOf(options.databaseUrl) !== 'sqlite') throw new Error(PG_BACKUP_HINT);
  const source = path.join(options.backupDir, BACKUP_DATABASE);
  if (!fs.existsSync(source)) throw new Error(`No ${BACKUP_DATABASE} in ${options.backupDir}`);
  const target = path.resolve(options.databaseUrl.slice('sqlite:'.length));
  const inUse = [`${target}-wal`, `${target}-shm`].some((f) => fs.existsSync(f));
  if (!options.force && inUse) {
    throw new RestoreRefused(`数据库似乎正在使用（存在 -wal/-shm 文件），请先停止服务；确需覆盖请加 --force / The database looks open (its -wal/-shm exist): stop the server first, or pass --force`);
  }
  if (!options.force && fs.existsSync(target) && fs.statSync(target).size > 0) {
    throw new RestoreRefused(`目标数据库已存在，恢复将覆盖其全部数据；确需覆盖请加 --force / ${target} exists and would be overwritten: pass --force to replace it`);
  }

  const check = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    const result = check.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`The backup failed its integrity check: ${String(result)}`);
  } finally {
    check.close();
  }

  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  const tmp = `${target}.restore-${randomBytes(6).toString('hex')}.tmp`;
  fs.copyFileSync(source, tmp);
  fs.chmodSync(tmp, 0o600);
  try {
    const db = openDatabase(`sqlite:${tmp}`, { poolSize: 1 });
    try {
      await migrateToLatest(db, createPiiCrypto(options.secrets));
      const manifest = readManifest(options.backupDir);
      await createAuditLog(db, options.clock ?? systemClock).append({
        actorType: 'system',
        action: 'backup.restore',
        details: { via: 'cli', backupCreatedAt: manifest?.createdAt ?? null, force: options.force === true },
      });
    } finally {
      await db.close(); // the last connection closing checkpoints and removes the temp WAL
    }
    for (const f of [`${tmp}-wal`, `${tmp}-shm`, `${target}-wal`, `${target}-shm`]) fs.rmSync(f, { force: true });
    fs.renameSync(tmp, target);
  } catch (error) {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
    throw error;
  }
  fs.mkdirSync(options.uploadsDir, { recursive: true, mode: 0o700 });
  return { uploads: copyTree(path.join(options.backupDir, BACKUP_UPLOADS), options.uploadsDir) };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const backupDir = args.find((a) => !a.startsWith('--'));
  if (!backupDir) {
    console.error('用法 / Usage: npm run restore -- <backup folder> [--force]');
    return 2;
  }
  try {
    const config = loadConfig();
    const secrets = loadSecrets({ appEnv: config.appEnv, dataDir: config.dataDir, secretKeyFile: config.secretKeyFile });
    const { uploads } = await restoreSqlite({ backupDir: path.resolve(backupDir), databaseUrl: config.databaseUrl, uploadsDir: path.join(config.dataDir, 'uploads'), secrets, force });
    console.log(`恢复完成 / Restored into ${config.databaseUrl} (${uploads} uploaded files); migrations applied.`);
    return 0;
  } catch (error) {
    console.error(`恢复未完成 / Restore failed: ${(error as Error).message}`);
    return error instanceof RestoreRefused ? 3 : 1;
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
