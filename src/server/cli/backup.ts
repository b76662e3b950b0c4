/**
 * `npm run backup [-- <folder>]`: a consistent copy of a SQLite deployment while it runs.
 *
 * - The database through SQLite's online backup API (better-sqlite3 `db.backup()`), on a
 *   connection of its own: the server goes on reading and writing meanwhile. The pages are copied
 *   in one step, so a write of the server cannot make SQLite restart the copy, and the copy is
 *   the database as of one instant (in WAL mode the server's writers are not blocked by it).
 * - The upload store (DATA_DIR/uploads) after it: uploaded files are written once under new ids
 *   and never changed, so every file the copied database names is there (files uploaded after
 *   the instant are extra, and harmless).
 * - manifest.json: when, which migrations the copy has, how many rows per table.
 *
 * The secrets file is NOT copied: personal data in the backup is encrypted with its keys, so it
 * must be kept apart (docs/operations.md). Folder 0700, files 0600.
 *
 * Default folder: <DATA_DIR>/backups/backup-<UTC time>. PostgreSQL deployments use pg_dump
 * (docs/operations.md gives the exact commands); this command then says so and stops.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { systemClock, type Clock } from '../clock.js';
import { loadConfig } from '../config.js';
import { dialectOf } from '../db/index.js';

export const BACKUP_DATABASE = 'app.db';
export const BACKUP_UPLOADS = 'uploads';
export const BACKUP_MANIFEST = 'manifest.json';

export interface BackupManifest {
  format: 'tidu-sqlite-backup-1';
  createdAt: string;
  /** Migrations the copied database has, in order. */
  migrations: string[];
  /** Rows per table in the copy. */
  rows: Record<string, number>;
  uploads: number;
}

export const PG_BACKUP_HINT =
  'PostgreSQL：请用 pg_dump / pg_restore（见 docs/operations.md） / PostgreSQL: use pg_dump and pg_restore as docs/operations.md describes';

export async function backupSqlite(options: { databaseUrl: string; uploadsDir: string; outDir: string; clock?: Clock }): Promise<BackupManifest> {
  if (dialectOf(options.databaseUrl) !== 'sqlite') throw new Error(PG_BACKUP_HINT);
  const source = options.databaseUrl.slice('sqlite:'.length);
  if (!fs.existsSync(source)) throw new Error(`SQLite database file not found: ${source}`);
  if (fs.existsSync(options.outDir) && fs.readdirSync(options.outDir).length) throw new Error(`Backup folder is not empty: ${options.outDir}`);
  fs.mkdirSync(options.outDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(options.outDir, 0o700);
  const target = path.join(options.outDir, BACKUP_DATABASE);
  // Created 0600 first: SQLite keeps the mode of an existing file.
  fs.closeSync(fs.openSync(target, 'wx', 0o600));

  const createdAt = (options.clock ?? systemClock).now().toISOString();
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // Return the whole page count after the first step: the rest goes in one step.
    await db.backup(target, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }

  // What the copy holds, read from the copy itself.
  const copy = new SQLite(target, { readonly: true, fileMustExist: true });
  let manifest: BackupManifest;
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`The copy failed its integrity check: ${String(check)}`);
    const tables = copy.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).pluck().all() as string[];
    const rows: Record<string, number> = {};
    for (const table of tables) rows[table] = copy.prepare(`select count(*) from "${table.replaceAll('"', '""')}"`).pluck().get() as number;
    const migrations = tables.includes('kysely_migration') ? (copy.prepare('select name from kysely_migration order by name').pluck().all() as string[]) : [];
    manifest = { format: 'tidu-sqlite-backup-1', createdAt, migrations, rows, uploads: 0 };
  } finally {
    copy.close();
  }

  manifest.uploads = copyTree(options.uploadsDir, path.join(options.outDir, BACKUP_UPLOADS));
  fs.writeFileSync(path.join(options.outDir, BACKUP_MANIFEST), JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  return manifest;
}

/** Copies a folder tree (files 0600, folders 0700), leaving temp files out; how many files. */
export function copyTree(from: string, to: string): number {
  if (!fs.existsSync(from)) return 0;
  let files = 0;
  fs.mkdirSync(to, { recursive: true, mode: 0o700 });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) files += copyTree(source, target);
    else if (entry.isFile() && !entry.name.endsWith('.tmp')) {
      fs.copyFileSync(source, target);
      fs.chmodSync(target, 0o600);
      files++;
    }
  }
  return files;
}

function defaultFolder(dataDir: string, clock: Clock): string {
  return path.join(dataDir, 'backups', `backup-${clock.now().toISOString().replace(/[:.]/g, '-')}`);
}

async function main(): Promise<number> {
  try {
    const config = loadConfig();
    const outDir = path.resolve(process.argv[2] ?? defaultFolder(config.dataDir, systemClock));
    const manifest = await backupSqlite({ databaseUrl: config.databaseUrl, uploadsDir: path.join(config.dataDir, 'uploads'), outDir });
    const rows = Object.values(manifest.rows).reduce((a, b) => a + b, 0);
    console.log(`备份完成 / Backup written: ${outDir} (${rows} rows, ${manifest.uploads} uploaded files, ${manifest.migrations.length} migrations)`);
    console.log('密钥文件未包含在备份中，请另行保管 / The secrets file is not in the backup: keep it apart.');
    return 0;
  } catch (error) {
    console.error(`备份未完成 / Backup failed: ${(error as Error).message}`);
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
