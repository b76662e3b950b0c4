/**
 * Audit log: append-only and hash-chained (quality.md, Security). Every record carries the
 * SM3 hash of its own content and of the previous record's hash; `audit_head` holds the seq
 * and hash of the last record and is updated in the same transaction as each append, so
 * that a removed last record is detected too.
 *
 * Details carry only masked values: `append` scrubs them defensively (ID numbers, mobile
 * numbers and e-mail addresses are masked, keys that name secrets are dropped).
 */
import crypto from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import type { AuditLogTable, Database } from '../db/schema.js';
import { maskEmail, maskIdNumber, maskMobile } from '../../shared/mask.js';

export type AuditActorType = 'anonymous' | 'account' | 'operator' | 'institution' | 'system';

export interface AuditEntry {
  actorType: AuditActorType;
  actorId?: string | null;
  /** Dotted verb, e.g. 'login.success', 'login.failure', 'realname.attempt'. */
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  /** Masked values only; scrubbed again by `append` (see scrubAuditDetails). */
  details?: Record<string, unknown>;
}

export interface AuditRecord {
  seq: number;
  at: string;
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export type AuditVerifyFailure = 'hash-mismatch' | 'broken-link' | 'gap' | 'head-mismatch';

export type AuditVerifyResult =
  | { ok: true; count: number }
  | { ok: false; count: number; firstBadSeq: number; reason: AuditVerifyFailure };

export interface AuditListFilter {
  actorType?: string;
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  /** ISO instant, inclusive. */
  from?: string;
  /** ISO instant, exclusive. */
  to?: string;
  /** 1..500. */
  limit: number;
  /** Paging: only records with a smaller seq (pass the last seq of the previous page). */
  beforeSeq?: number;
}

export interface AuditLog {
  /**
   * Appends one record. With `trx` (a kysely transaction) the record commits or rolls back
   * together with the caller's change; without it, a transaction of its own is used.
   * The head row stays locked until that transaction ends: append last in long transactions.
   */
  append(entry: AuditEntry, trx?: Kysely<Database>): Promise<{ seq: number; hash: string }>;
  /** Walks the whole chain in pages and checks hashes, links, seq continuity and the head. */
  verify(): Promise<AuditVerifyResult>;
  /** Newest first. */
  list(filter: AuditListFilter): Promise<AuditRecord[]>;
}

/** prev_hash of record 1, and the hash of the head row of an empty log (migration 0001). */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

const VERIFY_PAGE_SIZE = 1000;
const LIST_MAX_LIMIT = 500;

// ---------------------------------------------------------------------------------------
// Hashing

/** SM3 (GB/T 32905) where the OpenSSL build provides it, else SHA-256; both 64 hex chars. */
const HASH_ALGORITHM = crypto.getHashes().includes('sm3') ? 'sm3' : 'sha256';

interface HashedFields {
  seq: number;
  at: string;
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  /** The stored details text, exactly. */
  details: string;
  prevHash: string;
}

/** Hash over a canonical serialisation: JSON of an array in a fixed order. */
export function auditRecordHash(f: HashedFields): string {
  const canonical = JSON.stringify([
    f.seq,
    f.at,
    f.actorType,
    f.actorId,
    f.action,
    f.targetType,
    f.targetId,
    f.ip,
    f.details,
    f.prevHash,
  ]);
  return crypto.createHash(HASH_ALGORITHM).update(canonical, 'utf8').digest('hex');
}

/** JSON with object keys sorted at every level, so equal details give equal text. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

// ---------------------------------------------------------------------------------------
// Scrubbing of details

// 18-character 身份证号: region, birth date 18xx–20xx, sequence, check character.
const ID_NUMBER = /(?<![0-9A-Za-z])\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
// 11-digit mainland mobile number, not part of a longer digit run.
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** Masks every ID number, mobile number and e-mail address inside a string. */
function maskPersonalData(text: string): string {
  return text
    .replace(ID_NUMBER, (m) => maskIdNumber(m))
    .replace(EMAIL, (m) => maskEmail(m))
    .replace(MOBILE, (m) => maskMobile(m));
}

// Key names (lower-cased, separators removed) containing one of these are dropped…
const SECRET_KEY_PARTS = ['password', 'passwd', 'passcode', 'pwd', 'secret', 'token', 'credential', 'privatekey', 'apikey', 'captcha', 'code'];
// …as are keys with one of these as a whole word (camelCase / snake_case / kebab-case).
const SECRET_KEY_WORDS = new Set(['otp', 'totp', 'pin']);
// …except these well-known non-secret codes.
const ALLOWED_CODE_KEYS = new Set(['errorcode', 'statuscode', 'reasoncode', 'divisioncode', 'industrycode']);

/** Whether a details key names a secret (password, verification code, secret, token …). */
export function isSecretKey(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (ALLOWED_CODE_KEYS.has(normalized)) return false;
  if (SECRET_KEY_PARTS.some((part) => normalized.includes(part))) return true;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return words.some((w) => SECRET_KEY_WORDS.has(w));
}

const MAX_DEPTH = 8;

/**
 * Defensive scrub of audit details: strings have ID numbers, mobile numbers and e-mail
 * addresses masked (also inside longer text), keys naming secrets are dropped, at every
 * nesting level. The result is plain JSON data.
 */
export function scrubAuditDetails(details: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!details) return {};
  const scrubbed = scrubValue(details, 0);
  return scrubbed !== null && typeof scrubbed === 'object' && !Array.isArray(scrubbed) ? (scrubbed as Record<string, unknown>) : {};
}

function scrubValue(value: unknown, depth: number): unknown {
  if (value === null || value === undefined) return value;
  switch (typeof value) {
    case 'string':
      return maskPersonalData(value);
    case 'number':
      // A mobile number passed as a number would otherwise slip through.
      if (Number.isSafeInteger(value) && maskPersonalData(String(value)) !== String(value)) return maskPersonalData(String(value));
      return Number.isFinite(value) ? value : null;
    case 'boolean':
      return value;
    case 'bigint':
      return maskPersonalData(value.toString());
    case 'object':
      break;
    default:
      return undefined; // functions, symbols: not JSON
  }
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1) ?? null);
  if (value instanceof Error) return { name: value.name, message: maskPersonalData(value.message) };
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (isSecretKey(key)) continue;
    const s = scrubValue(v, depth + 1);
    if (s !== undefined) out[maskPersonalData(key)] = s;
  }
  return out;
}

// ---------------------------------------------------------------------------------------

function toRecord(row: Selectable<AuditLogTable>): AuditRecord {
  let details: Record<string, unknown>;
  try {
    details = JSON.parse(row.details) as Record<string, unknown>;
  } catch {
    details = {};
  }
  return {
    seq: Number(row.seq),
    at: row.at,
    actorType: row.actor_type,
    actorId: row.actor_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    ip: row.ip,
    details,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function rowHash(row: Selectable<AuditLogTable>): string {
  return auditRecordHash({
    seq: Number(row.seq),
    at: row.at,
    actorType: row.actor_type,
    actorId: row.actor_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    ip: row.ip,
    details: row.details,
    prevHash: row.prev_hash,
  });
}

export interface AuditLogOptions {
  /** Rows per query in verify(); tests make it small to cross page boundaries. */
  verifyPageSize?: number;
}

export function createAuditLog(db: Db, clock: Clock, options: AuditLogOptions = {}): AuditLog {
  const pageSize = Math.max(1, options.verifyPageSize ?? VERIFY_PAGE_SIZE);

  async function appendIn(trx: Kysely<Database>, entry: AuditEntry): Promise<{ seq: number; hash: string }> {
    // Take the chain head with a write first: on PostgreSQL the UPDATE row-locks the head
    // (a concurrent appender waits, then re-reads the committed row: READ COMMITTED), on
    // SQLite it takes the database write lock before anything is read, so a deferred
    // transaction never has to upgrade a read lock. Only seq moves here; `hash` is still
    // the previous record's hash.
    const head = await trx
      .updateTable('audit_head')
      .set((eb) => ({ seq: eb('seq', '+', 1) }))
      .where('id', '=', 1)
      .returning(['seq', 'hash'])
      .executeTakeFirst();
    if (!head) throw new Error('audit_head row is missing (migration 0001 not applied?)');
    const seq = Number(head.seq);
    const prevHash = head.hash;
    // The clock is read under the lock, so `at` never goes backwards along seq.
    const at = clock.now().toISOString();
    const fields: HashedFields = {
      seq,
      at,
      actorType: entry.actorType,
      actorId: entry.actorId ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      ip: entry.ip ?? null,
      details: canonicalJson(scrubAuditDetails(entry.details)),
      prevHash,
    };
    const hash = auditRecordHash(fields);
    await trx
      .insertInto('audit_log')
      .values({
        seq,
        at,
        actor_type: fields.actorType,
        actor_id: fields.actorId,
        action: fields.action,
        target_type: fields.targetType,
        target_id: fields.targetId,
        ip: fields.ip,
        details: fields.details,
        prev_hash: prevHash,
        hash,
      })
      .execute();
    await trx.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
    return { seq, hash };
  }

  async function readHead(): Promise<{ seq: number; hash: string } | undefined> {
    const head = await db.kysely.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
    return head ? { seq: Number(head.seq), hash: head.hash } : undefined;
  }

  async function page(afterSeq: number): Promise<Selectable<AuditLogTable>[]> {
    return db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', afterSeq)
      .orderBy('seq', 'asc')
      .limit(pageSize)
      .execute();
  }

  return {
    async append(entry, trx) {
      if (trx?.isTransaction) return appendIn(trx, entry);
      return (trx ?? db.kysely).transaction().execute((t) => appendIn(t, entry));
    },

    async verify() {
      let count = 0;
      let lastSeq = 0;
      let lastHash = AUDIT_GENESIS_HASH;
      const fail = (firstBadSeq: number, reason: AuditVerifyFailure): AuditVerifyResult => ({ ok: false, count, firstBadSeq, reason });
      for (;;) {
        // Keyset pagination: constant memory however long the log is.
        for (let rows = await page(lastSeq); rows.length > 0; rows = await page(lastSeq)) {
          for (const row of rows) {
            const seq = Number(row.seq);
            const expected = lastSeq + 1;
            if (seq !== expected) return fail(Math.min(seq, expected), 'gap');
            if (rowHash(row) !== row.hash) return fail(seq, 'hash-mismatch');
            if (row.prev_hash !== lastHash) return fail(seq, 'broken-link');
            count++;
            lastSeq = seq;
            lastHash = row.hash;
          }
        }
        // Head and record are committed together, so a head ahead of the walk means either
        // records appended meanwhile (walk on) or a removed tail.
        const head = await readHead();
        if (!head) return fail(lastSeq + 1, 'head-mismatch');
        if (head.seq > lastSeq && (await page(lastSeq)).length > 0) continue;
        if (head.seq > lastSeq) return fail(lastSeq + 1, 'head-mismatch');
        if (head.seq < lastSeq) return fail(head.seq + 1, 'head-mismatch');
        if (head.hash !== lastHash) return fail(Math.max(lastSeq, 1), 'head-mismatch');
        return { ok: true, count };
      }
    },

    async list(filter) {
      const limit = Math.min(Math.max(Math.trunc(filter.limit) || 1, 1), LIST_MAX_LIMIT);
      let q = db.kysely.selectFrom('audit_log').selectAll();
      if (filter.actorType !== undefined) q = q.where('actor_type', '=', filter.actorType);
      if (filter.actorId !== undefined) q = q.where('actor_id', '=', filter.actorId);
      if (filter.action !== undefined) q = q.where('action', '=', filter.action);
      if (filter.targetType !== undefined) q = q.where('target_type', '=', filter.targetType);
      if (filter.targetId !== undefined) q = q.where('target_id', '=', filter.targetId);
      if (filter.from !== undefined) q = q.where('at', '>=', filter.from);
      if (filter.to !== undefined) q = q.where('at', '<', filter.to);
      if (filter.beforeSeq !== undefined) q = q.where('seq', '<', filter.beforeSeq);
      const rows = await q.orderBy('seq', 'desc').limit(limit).execute();
      return rows.map(toRecord);
    },
  };
}
