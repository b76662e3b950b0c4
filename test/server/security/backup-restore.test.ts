import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { localFileStorage } from '../../../src/server/adapters/file-storage.js';
import { backupSqlite, PG_BACKUP_HINT, type BackupManifest } from '../../../src/server/cli/backup.js';
import { restoreSqlite, RestoreRefused } from '../../../src/server/cli/restore.js';
import { openDatabase, type Db } from '../../../src/server/db/index.js';
import { migrationSet, migrationsApplied } from '../../../src/server/db/migrate.js';
import { createAuditLog } from '../../../src/server/security/audit.js';
import { createPiiCrypto } from '../../../src/server/security/pii-crypto.js';
import { loadSecrets } from '../../../src/server/security/secrets.js';
import { newLoggedInAccount } from '../../helpers/accounts.js';
import { createTestContext, withAdmin, type TestContext } from '../../helpers/context.js';
import { pgTool } from './personal-data-helpers.js';

/**
 * Backup and restore (issue 19): `npm run backup` copies a running SQLite deployment with the
 * online backup API while the app writes; `npm run restore` puts it into a fresh DATA_DIR, applies
 * the migrations, and refuses to overwrite a database without --force. On PostgreSQL the
 * documented pg_dump / pg_restore commands (docs/operations.md) make the same round trip.
 */
let ctx: TestContext;
let work: string;
beforeAll(async () => {
  ctx = await createTestContext();
  work = fs.mkdtempSync(path.join(inject('testTemplate').root, 'backup-'));
});
afterAll(async () => {
  await ctx?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const secrets = () => loadSecrets({ appEnv: 'test', dataDir: work, secretKeyFile: inject('testTemplate').secretsFile });
/** Tables the writer below changes during the backup (inserts only). */
const WRITTEN = new Set(['accounts', 'sessions']);

async function tableRows(db: Db): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of await db.kysely.introspection.getTables()) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(db.kysely);
    out[table.name] = rows.rows.map((r) => JSON.stringify(r, Object.keys(r).sort())).sort();
  }
  return out;
}

/** Accounts and their sessions inserted one after another until stopped: the app writing. */
function startWriter() {
  let stop = false;
  let written = 0;
  const done = (async () => {
    while (!stop) {
      await newLoggedInAccount(ctx);
      written++;
      await new Promise((r) => setImmediate(r));
    }
  })();
  return {
    get written() {
      return written;
    },
    async stop() {
      stop = true;
      await done;
    },
  };
}

/** The copy holds the database of one instant: everything before the backup started, nothing torn. */
function expectSnapshot(source: { before: Record<string, unknown[]>; after: Record<string, unknown[]> }, copy: Record<string, unknown[]>, skip: string[] = []) {
  expect(Object.keys(copy).sort()).toEqual(Object.keys(source.after).sort());
  for (const table of Object.keys(copy)) {
    if (skip.includes(table)) continue;
    if (!WRITTEN.has(table)) {
      expect(copy[table], table).toEqual(source.after[table]);
      continue;
    }
    const after = new Set(source.after[table]);
    expect(copy[table].filter((row) => !after.has(row)), table).toEqual([]); // every row whole, as the source has it
    expect(source.before[table].filter((row) => !copy[table].includes(row)), table).toEqual([]); // nothing lost
  }
}

// One of the two runs on each TEST_DB (none is skipped: the other is not defined).
if (inject('testTemplate').dialect === 'sqlite') describe('npm run backup / npm run restore (SQLite)', () => {
  let backupDir: string;
  let manifest: BackupManifest;
  let source: { before: Record<string, unknown[]>; after: Record<string, unknown[]> };
  const fileContent = Buffer.from('%PDF-1.4 backup test');
  let fileId: string;

  it('backs up while the app writes: a consistent copy, folder 0700, files 0600, no secrets', async () => {
    fileId = await ctx.deps.files.put(fileContent);
    const before = await tableRows(ctx.deps.db);
    const writer = startWriter();
    while (writer.written < 3) await new Promise((r) => setTimeout(r, 5));
    backupDir = path.join(work, 'backup-1');
    manifest = await backupSqlite({ databaseUrl: ctx.config.databaseUrl, uploadsDir: path.join(ctx.config.dataDir, 'uploads'), outDir: backupDir, clock: ctx.clock });
    const duringBackup = writer.written;
    while (writer.written < duringBackup + 3) await new Promise((r) => setTimeout(r, 5));
    await writer.stop();
    source = { before, after: await tableRows(ctx.deps.db) };

    const copy = openDatabase(`sqlite:${path.join(backupDir, 'app.db')}`);
    try {
      expectSnapshot(source, await tableRows(copy));
      expect(manifest.rows.accounts).toBeGreaterThan(before.accounts.length);
      expect(manifest.rows.accounts).toBeLessThan(source.after.accounts.length);
    } finally {
      await copy.close();
    }
    expect(manifest.migrations).toEqual(Object.keys(migrationSet(null)));
    expect(manifest.uploads).toBe(1);
    const mode = (p: string) => fs.statSync(p).mode & 0o777;
    expect([mode(backupDir), mode(path.join(backupDir, 'app.db')), mode(path.join(backupDir, 'manifest.json'))]).toEqual([0o700, 0o600, 0o600]);
    expect(fs.readdirSync(backupDir, { recursive: true }).map(String).filter((f) => /secret/i.test(f))).toEqual([]);
  });

  it('restores into a fresh DATA_DIR: the same data, the uploads readable, migrations applied', async () => {
    const fresh = path.join(work, 'fresh-data');
    const databaseUrl = `sqlite:${path.join(fresh, 'app.db')}`;
    const result = await restoreSqlite({ backupDir, databaseUrl, uploadsDir: path.join(fresh, 'uploads'), secrets: secrets() });
    expect(result.uploads).toBe(1);
    const restored = openDatabase(databaseUrl);
    try {
      // The audit log is the backup's plus one record of the restore, and its chain holds.
      expectSnapshot(source, await tableRows(restored), ['audit_log', 'audit_head']);
      const audit = await restored.kysely.selectFrom('audit_log').select(['seq', 'action', 'hash']).orderBy('seq').execute();
      const sourceHashes = source.after.audit_log.map((row) => (JSON.parse(row as string) as { hash: string }).hash);
      expect(new Set(audit.slice(0, -1).map((r) => r.hash))).toEqual(new Set(sourceHashes));
      expect(audit.at(-1)!.action).toBe('backup.restore');
      expect(await createAuditLog(restored, ctx.clock).verify()).toMatchObject({ ok: true });
      expect((await restored.kysely.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toBe(manifest.rows.accounts);
      expect(await migrationsApplied(restored)).toBe(true);
    } finally {
      await restored.close();
    }
    expect(await localFileStorage(path.join(fresh, 'uploads'), createPiiCrypto(secrets())).get(fileId)).toEqual(fileContent);
    expect(fs.statSync(path.join(fresh, 'app.db')).mode & 0o777).toBe(0o600);

    // A database is there now: a second restore refuses without --force, and replaces it with it.
    await expect(restoreSqlite({ backupDir, databaseUrl, uploadsDir: path.join(fresh, 'uploads'), secrets: secrets() })).rejects.toThrow(RestoreRefused);
    await restoreSqlite({ backupDir, databaseUrl, uploadsDir: path.join(fresh, 'uploads'), secrets: secrets(), force: true });
  });

  it('refuses to restore over the running database (its WAL is open) without --force', async () => {
    const file = ctx.config.databaseUrl.slice('sqlite:'.length);
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
    const error = await restoreSqlite({ backupDir, databaseUrl: ctx.config.databaseUrl, uploadsDir: path.join(ctx.config.dataDir, 'uploads'), secrets: secrets() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreRefused);
    expect((error as Error).message).toContain('--force');
  });

  it('a backup of an older schema is migrated to the current one on restore', async () => {
    const oldDir = path.join(work, 'old-data');
    const oldUrl = `sqlite:${path.join(oldDir, 'app.db')}`;
    const old = openDatabase(oldUrl);
    const names = Object.keys(migrationSet(null));
    const pii = createPiiCrypto(secrets());
    try {
      const migrator = new Migrator({ db: old.kysely, provider: { getMigrations: async () => migrationSet(pii) } });
      expect((await migrator.migrateTo(names[4])).error).toBeUndefined();
      expect(await migrationsApplied(old)).toBe(false);
    } finally {
      await old.close();
    }
    const oldBackup = path.join(work, 'backup-old');
    expect((await backupSqlite({ databaseUrl: oldUrl, uploadsDir: path.join(oldDir, 'uploads'), outDir: oldBackup })).migrations).toEqual(names.slice(0, 5));
    const target = `sqlite:${path.join(work, 'restored-old', 'app.db')}`;
    await restoreSqlite({ backupDir: oldBackup, databaseUrl: target, uploadsDir: path.join(work, 'restored-old', 'uploads'), secrets: secrets() });
    const restored = openDatabase(target);
    try {
      expect(await migrationsApplied(restored)).toBe(true);
    } finally {
      await restored.close();
    }
  });
});

if (inject('testTemplate').dialect === 'postgres') describe('pg_dump / pg_restore as docs/operations.md gives them (PostgreSQL)', () => {
  it('npm run backup points at pg_dump; pg_dump while the app writes, pg_restore into a new database: the same data', async () => {
    await expect(backupSqlite({ databaseUrl: ctx.config.databaseUrl, uploadsDir: work, outDir: path.join(work, 'x') })).rejects.toThrow(PG_BACKUP_HINT);

    const before = await tableRows(ctx.deps.db);
    const writer = startWriter();
    while (writer.written < 3) await new Promise((r) => setTimeout(r, 5));
    const dump = path.join(work, 'tidu.dump');
    // docs/operations.md: pg_dump --format=custom --no-owner --no-privileges --file=<dump> "$DATABASE_URL"
    await new Promise<void>((resolve, reject) => {
      import('node:child_process').then(({ execFile }) =>
        execFile(pgTool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${dump}`, ctx.config.databaseUrl], (error) => (error ? reject(error) : resolve())),
      );
    });
    const duringBackup = writer.written;
    while (writer.written < duringBackup + 3) await new Promise((r) => setTimeout(r, 5));
    await writer.stop();
    const after = await tableRows(ctx.deps.db);

    const name = `tidu_r_${crypto.randomBytes(6).toString('hex')}`;
    const adminUrl = inject('testTemplate').adminUrl;
    await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
    const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
    try {
      // docs/operations.md: pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname=<new database> <dump>
      execFileSync(pgTool('pg_restore'), ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${url}`, dump]);
      const restored = openDatabase(url, { poolSize: 1 });
      try {
        const copy = await tableRows(restored);
        expectSnapshot({ before, after }, copy);
        expect(copy.accounts.length).toBeGreaterThan(before.accounts.length);
        expect(copy.accounts.length).toBeLessThan(after.accounts.length);
        expect(await migrationsApplied(restored)).toBe(true);
      } finally {
        await restored.close();
      }
    } finally {
      await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  });
});
