/**
 * `npm run keys:rotate`: rotation of the personal-data (PII) key. Run it with the server
 * stopped (a running server keeps the old keys in memory and would go on writing under the
 * old key id). Steps, each safe to repeat:
 *
 * 1. A new key id (k<n+1>) with fresh SM4 and HMAC-SM3 keys is added to the secrets file and made
 *    `pii.current`; the old keys stay. (Skipped when the file already holds more than one key:
 *    an earlier run stopped midway, and this run finishes it.)
 * 2. Every encrypted value in the database is re-encrypted under the new key id, in batches of
 *    one transaction each: whole values (`*_enc` columns) and values inside stored text or JSON
 *    (e.g. `displayNameEnc` in platform session data) alike, found by their format
 *    `v1.<keyId>.<nonce>.<ciphertext>.<mac>` in every text column of every table. The audit log
 *    is not rewritten (its hash chain would break); it stores no encrypted values, and the
 *    check of step 4 would stop the retirement if it ever did.
 * 3. Every encrypted upload ("TDF1" files under DATA_DIR/uploads) is re-encrypted the same way
 *    (a private temp file renamed over the old one).
 * 4. The database and the uploads are scanned again: when no value names an old key id, the old
 *    keys are removed from the secrets file (retired) and the audit log records `keys.rotate`.
 *    Otherwise the command fails and says where.
 *
 * Lookup hashes (`*_hash` columns: HMAC-SM3 under `lookupKey`) are left alone: they do not
 * depend on the PII keys, and `lookupKey` is not rotated by this command (see docs/operations.md
 * "Key rotation" for why and what to do if it leaks).
 *
 * Backups made before a rotation can only be read with the secrets file of their time: keep a
 * copy of the old secrets file with those backups (docs/operations.md).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { systemClock, type Clock } from '../clock.js';
import { loadConfig } from '../config.js';
import { dialectOf, openDatabase, type Db } from '../db/index.js';
import { createAuditLog } from '../security/audit.js';
import { createPiiCrypto, FILE_MAGIC, type PiiCrypto } from '../security/pii-crypto.js';
import { loadSecrets, parseSecretsJson, type SecretsFileJson } from '../security/secrets.js';

/** Tables never rewritten: the audit log (hash chain) and the migration bookkeeping. */
const NOT_REWRITTEN = new Set(['audit_log', 'audit_head', 'kysely_migration', 'kysely_migration_lock']);

/** A stored value in the v1 format (see pii-crypto.ts): key id, 16-byte nonce, ciphertext, 32-byte MAC. */
const ENCRYPTED_VALUE = /(?<![A-Za-z0-9_.-])v1\.([A-Za-z0-9_-]{1,32})\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;

export interface RotationOptions {
  secretsFile: string;
  databaseUrl: string;
  /** DATA_DIR/uploads. */
  uploadsDir: string;
  /** Rows per transaction. */
  batchSize?: number;
  log?: (line: string) => void;
  clock?: Clock;
}

export interface RotationResult {
  newKeyId: string;
  retiredKeyIds: string[];
  /** Rows updated, by "table.column". */
  rows: Record<string, number>;
  values: number;
  files: number;
  /** True when this run finished a rotation an earlier run had started. */
  resumed: boolean;
}

export async function rotatePiiKey(options: RotationOptions): Promise<RotationResult> {
  const log = options.log ?? (() => undefined);
  const batchSize = options.batchSize ?? 500;
  let json = readSecretsJson(options.secretsFile);
  const resumed = Object.keys(json.pii.keys).length > 1;
  if (resumed) {
    log(`继续未完成的密钥轮换：当前密钥 ${json.pii.current} / Finishing an earlier rotation to ${json.pii.current}`);
  } else {
    const newKeyId = nextKeyId(Object.keys(json.pii.keys));
    json = {
      ...json,
      pii: {
        current: newKeyId,
        keys: { ...json.pii.keys, [newKeyId]: { enc: randomBytes(16).toString('base64'), mac: randomBytes(32).toString('base64') } },
      },
    };
    writeSecretsJson(options.secretsFile, json);
    log(`新密钥 ${newKeyId} 已加入密钥文件 / New key ${newKeyId} added to the secrets file`);
  }
  const pii = createPiiCrypto(parseSecretsJson(json, options.secretsFile));
  const oldKeyIds = Object.keys(json.pii.keys).filter((id) => id !== pii.currentKeyId);

  const db = openDatabase(options.databaseUrl, { poolSize: 1 });
  let result: RotationResult;
  try {
    const { rows, values } = await reencryptDatabase(db, pii, batchSize, log);
    const files = reencryptFiles(options.uploadsDir, pii);
    log(`已重新加密：${values} 个数据库值，${files} 个上传文件 / Re-encrypted ${values} database values and ${files} uploaded files`);

    const left = [...(await valuesUnderOtherKeys(db, pii.currentKeyId)), ...filesUnderOtherKeys(options.uploadsDir, pii.currentKeyId)];
    if (left.length) {
      throw new Error(`Values under an old key remain, the old keys are kept: ${left.join(', ')}`);
    }
    result = { newKeyId: pii.currentKeyId, retiredKeyIds: oldKeyIds, rows, values, files, resumed };
    await createAuditLog(db, options.clock ?? systemClock).append({
      actorType: 'system',
      action: 'keys.rotate',
      details: { via: 'cli', newKeyId: pii.currentKeyId, retiredKeyIds: oldKeyIds, values, files, resumed },
    });
  } finally {
    await db.close();
  }
  const retired: SecretsFileJson = { ...json, pii: { current: pii.currentKeyId, keys: { [pii.currentKeyId]: json.pii.keys[pii.currentKeyId] } } };
  writeSecretsJson(options.secretsFile, retired);
  log(`旧密钥已停用：${oldKeyIds.join(', ') || '无'} / Retired: ${oldKeyIds.join(', ') || 'none'}`);
  return result;
}

/** k1 → k2; any other naming → k<count+1>, never an id in use. */
function nextKeyId(ids: string[]): string {
  let n = Math.max(0, ...ids.map((id) => Number(/^k(\d+)$/.exec(id)?.[1] ?? 0))) + 1;
  while (ids.includes(`k${n}`)) n++;
  return `k${n}`;
}

function readSecretsJson(file: string): SecretsFileJson {
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as SecretsFileJson;
  parseSecretsJson(json, file); // validates (messages never contain key material)
  return json;
}

/** Written to a private temp file, flushed, then renamed over the old one: never half a file. */
function writeSecretsJson(file: string, json: SecretsFileJson) {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(json, null, 2) + '\n');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}

/** Text and JSON columns of every table, as the database describes itself. */
async function textColumns(db: Db): Promise<{ table: string; column: string; json: 'json' | 'jsonb' | null }[]> {
  const tables = await db.kysely.introspection.getTables();
  return tables
    .filter((t) => !t.isView && (t.schema === undefined || t.schema === 'public'))
    .flatMap((t) =>
      t.columns
        .filter((c) => /^(text|varchar|character varying|bpchar|json|jsonb)$/i.test(c.dataType))
        .map((c) => ({ table: t.name, column: c.name, json: /^jsonb?$/i.test(c.dataType) ? (c.dataType.toLowerCase() as 'json' | 'jsonb') : null })),
    );
}

/** The column as text (a PostgreSQL json/jsonb column is compared and paged by its text form). */
function asText(db: Db, column: string, json: 'json' | 'jsonb' | null) {
  return json && db.dialect === 'postgres' ? sql`${sql.ref(column)}::text` : sql.ref(column);
}

/** The stored text with every encrypted value under another key re-encrypted under the current one. */
function reencryptText(text: string, pii: PiiCrypto): { text: string; count: number } {
  let count = 0;
  const out = text.replace(ENCRYPTED_VALUE, (value: string, keyId: string) => {
    if (keyId === pii.currentKeyId) return value;
    count++;
    return pii.reencrypt(value);
  });
  return { text: out, count };
}

async function reencryptDatabase(db: Db, pii: PiiCrypto, batchSize: number, log: (line: string) => void) {
  const rows: Record<string, number> = {};
  let values = 0;
  for (const { table, column, json } of await textColumns(db)) {
    if (NOT_REWRITTEN.has(table)) continue;
    const col = asText(db, column, json);
    const newValue = (text: string) => (json && db.dialect === 'postgres' ? sql`cast(${text} as ${sql.raw(json)})` : sql`${text}`);
    // The physical row id (SQLite rowid, PostgreSQL ctid) finds the row to update without a scan.
    const rowId = db.dialect === 'sqlite' ? sql`rowid` : sql`ctid::text`;
    const byRowId = (r: string) => (db.dialect === 'sqlite' ? sql`rowid = ${Number(r)}` : sql`ctid = ${r}::tid`);
    let cursor = '';
    for (;;) {
      const changes: { r: string; from: string; to: string }[] = [];
      let more = false;
      await db.kysely.transaction().execute(async (trx) => {
        // Candidates only (any v1 value); the exact format is checked in code. Cursor paging over
        // the column itself: a rewritten value never has to be read again.
        const batch = await sql<{ v: string; r: string | number }>`select ${col} as v, ${rowId} as r from ${sql.table(table)} where ${col} like ${'%v1.%'} and ${col} > ${cursor} order by ${col} limit ${batchSize}`.execute(trx);
        if (!batch.rows.length) return;
        more = true;
        cursor = batch.rows.at(-1)!.v;
        for (const { v, r } of batch.rows) {
          let rewritten: { text: string; count: number };
          try {
            rewritten = reencryptText(v, pii);
          } catch (error) {
            throw new Error(`${table}.${column}: a stored value cannot be decrypted (${(error as Error).message})`);
          }
          if (rewritten.count) {
            changes.push({ r: String(r), from: v, to: rewritten.text });
            values += rewritten.count;
          }
        }
        for (const change of changes) {
          await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${newValue(change.to)} where ${byRowId(change.r)} and ${col} = ${change.from}`.execute(trx);
        }
      });
      if (!more) break;
      if (!changes.length) continue;
      rows[`${table}.${column}`] = (rows[`${table}.${column}`] ?? 0) + changes.length;
      log(`${table}.${column}: ${rows[`${table}.${column}`]} 行 / rows`);
    }
  }
  return { rows, values };
}

/** "table.column (n)" for every column that still holds a value under another key (audit log included). */
async function valuesUnderOtherKeys(db: Db, currentKeyId: string): Promise<string[]> {
  const found: string[] = [];
  for (const { table, column, json } of await textColumns(db)) {
    const col = asText(db, column, json);
    const candidates = await sql<{ v: string }>`select ${col} as v from ${sql.table(table)} where ${col} like ${'%v1.%'}`.execute(db.kysely);
    const n = candidates.rows.filter(({ v }) => [...v.matchAll(ENCRYPTED_VALUE)].some((m) => m[1] !== currentKeyId)).length;
    if (n) found.push(`${table}.${column} (${n})`);
  }
  return found;
}

function encryptedFiles(uploadsDir: string): { file: string; keyId: string }[] {
  if (!fs.existsSync(uploadsDir)) return [];
  const out: { file: string; keyId: string }[] = [];
  for (const entry of fs.readdirSync(uploadsDir, { recursive: true, withFileTypes: true }) as fs.Dirent[]) {
    if (!entry.isFile() || entry.name.endsWith('.tmp')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const head = Buffer.alloc(FILE_MAGIC.length + 1 + 32);
    const fd = fs.openSync(file, 'r');
    const n = fs.readSync(fd, head, 0, head.length, 0);
    fs.closeSync(fd);
    if (n < FILE_MAGIC.length + 1 || !head.subarray(0, FILE_MAGIC.length).equals(FILE_MAGIC)) continue;
    const length = head[FILE_MAGIC.length];
    out.push({ file, keyId: head.subarray(FILE_MAGIC.length + 1, FILE_MAGIC.length + 1 + length).toString('latin1') });
  }
  return out;
}

function reencryptFiles(uploadsDir: string, pii: PiiCrypto): number {
  let count = 0;
  for (const { file, keyId } of encryptedFiles(uploadsDir)) {
    if (keyId === pii.currentKeyId) continue;
    let plain: Buffer;
    try {
      plain = pii.decryptBytes(fs.readFileSync(file));
    } catch (error) {
      throw new Error(`${path.relative(uploadsDir, file)}: the stored file cannot be decrypted (${(error as Error).message})`);
    }
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, pii.encryptBytes(plain), { mode: 0o600, flag: 'wx' });
    fs.renameSync(tmp, file);
    count++;
  }
  return count;
}

function filesUnderOtherKeys(uploadsDir: string, currentKeyId: string): string[] {
  const n = encryptedFiles(uploadsDir).filter((f) => f.keyId !== currentKeyId).length;
  return n ? [`uploads (${n})`] : [];
}

async function main(): Promise<number> {
  try {
    const config = loadConfig();
    if (dialectOf(config.databaseUrl) === 'sqlite' && !process.argv.includes('--force')) {
      const file = config.databaseUrl.slice('sqlite:'.length);
      if (fs.existsSync(`${file}-shm`)) {
        console.error('数据库似乎正在使用（存在 -shm 文件），请先停止服务；确认未运行请加 --force / The database looks open (its -shm exists): stop the server first, or pass --force');
        return 3;
      }
    }
    // Validates the file and resolves its path exactly as the server does.
    const { file } = loadSecrets({ appEnv: config.appEnv, dataDir: config.dataDir, secretKeyFile: config.secretKeyFile });
    const result = await rotatePiiKey({ secretsFile: file, databaseUrl: config.databaseUrl, uploadsDir: path.join(config.dataDir, 'uploads'), log: (line) => console.log(line) });
    console.log(`密钥轮换完成：当前密钥 ${result.newKeyId} / Key rotation done: current key ${result.newKeyId}`);
    return 0;
  } catch (error) {
    console.error(`密钥轮换未完成 / Key rotation did not complete: ${(error as Error).message}`);
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
