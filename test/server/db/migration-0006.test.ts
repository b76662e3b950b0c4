import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Migrator, type Kysely } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import { openDatabase, type Db } from '../../../src/server/db/index.js';
import * as m0001 from '../../../src/server/db/migrations/0001_core.js';
import * as m0002 from '../../../src/server/db/migrations/0002_accounts.js';
import * as m0003 from '../../../src/server/db/migrations/0003_review_requests.js';
import * as m0004 from '../../../src/server/db/migrations/0004_oidc.js';
import * as m0005 from '../../../src/server/db/migrations/0005_operators.js';
import * as m0006 from '../../../src/server/db/migrations/0006_review_routing_totp_step.js';

/** An empty database of the dialect under test, migrated up to 0005. */
async function databaseAt0005(): Promise<{ db: Db; drop(): Promise<void> }> {
  const template = inject('testTemplate');
  let db: Db;
  let drop: () => Promise<void>;
  if (template.dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(template.root, 'm0006-'));
    db = openDatabase(`sqlite:${path.join(dir, 'app.db')}`);
    drop = async () => {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  } else {
    const name = `tidu_m6_${crypto.randomBytes(6).toString('hex')}`;
    const admin = async (query: string) => {
      const client = new pg.Client({ connectionString: template.adminUrl });
      await client.connect();
      await client.query(query).finally(() => client.end());
    };
    await admin(`CREATE DATABASE ${name}`);
    db = openDatabase(template.adminUrl.replace(/\/[^/]*$/, `/${name}`));
    drop = async () => {
      await db.close();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    };
  }
  const migrations = { '0001_core': m0001, '0002_accounts': m0002, '0003_review_requests': m0003, '0004_oidc': m0004, '0005_operators': m0005 };
  const { error } = await new Migrator({ db: db.kysely, provider: { getMigrations: async () => migrations } }).migrateToLatest();
  if (error) throw error;
  return { db, drop };
}

const request = (id: string, kind: string, status: string, regionCode: string) => ({
  id,
  acceptance_no: `HY20261125${id.padStart(6, '0')}`,
  kind,
  account_id: null,
  account_type: 'natural',
  region_code: regionCode,
  status,
  payload_enc: 'x',
  new_mobile_hash: null,
  files: '{}',
  created_at: '2026-11-25T02:00:00.000Z',
  decided_at: null,
  decided_by: null,
  reject_reason: null,
});

describe('migration 0006', () => {
  it('sends pending 手机号修改 requests to 部级 only, keeps the rest, and adds the TOTP step', async () => {
    const { db, drop } = await databaseAt0005();
    try {
      const q = db.kysely as unknown as Kysely<any>;
      await q
        .insertInto('review_requests')
        .values([request('1', 'mobile_change', 'pending', '310115'), request('2', 'mobile_change', 'approved', '310115'), request('3', 'realname', 'pending', '440305')])
        .execute();
      await q
        .insertInto('operators')
        .values({ id: 'op', username: 'op', display_name: 'op', password_hash: 'x', role: 'ministry', region_code: '', totp_secret_enc: null, totp_enrolled: 0, status: 'active', created_at: 'x', updated_at: 'x' })
        .execute();

      await m0006.up(q);

      const rows = await q.selectFrom('review_requests').select(['id', 'region_code', 'payload_enc', 'files']).orderBy('id').execute();
      expect(rows).toEqual([
        { id: '1', region_code: null, payload_enc: 'x', files: '{}' },
        { id: '2', region_code: '310115', payload_enc: 'x', files: '{}' },
        { id: '3', region_code: '440305', payload_enc: 'x', files: '{}' },
      ]);
      await q.insertInto('review_requests').values(request('4', 'mobile_change', 'pending', '110101')).execute();
      await expect(q.insertInto('review_requests').values({ ...request('5', 'mobile_change', 'pending', '110101'), acceptance_no: 'HY20261125000004' }).execute()).rejects.toThrow();
      expect(await q.selectFrom('operators').select('last_totp_step').executeTakeFirstOrThrow()).toEqual({ last_totp_step: 0 });
    } finally {
      await drop();
    }
  });
});
