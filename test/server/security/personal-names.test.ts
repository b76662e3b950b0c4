import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Migrator, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, migrationSet } from '../../../src/server/db/migrate.js';
import { accountRepo } from '../../../src/server/db/repos/accounts.js';
import { localEnterpriseRegistry } from '../../../src/server/adapters/enterprise-registry.js';
import { createPiiCrypto } from '../../../src/server/security/pii-crypto.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { TestClient } from '../../helpers/client.js';
import { newLoggedInAccount } from '../../helpers/accounts.js';
import { verifyNatural } from '../../helpers/steps.js';
import { emptyDatabase, foundIn, platformLogin } from './personal-data-helpers.js';

const pii = createPiiCrypto({ pii: { current: 'k1', keys: new Map([['k1', { enc: randomBytes(16), mac: randomBytes(32) }]]) }, lookupKey: randomBytes(32) });
const ENCRYPTED = /^v1\.k1\./;

describe('migration 0007: persons’ names encrypted', () => {
  const names = Object.keys(migrationSet(null)).sort();
  const before = names[names.indexOf('0007_person_names_encrypted') - 1];

  async function databaseBefore0007() {
    const database = await emptyDatabase();
    const migrator = new Migrator({ db: database.db.kysely, provider: { getMigrations: async () => migrationSet(null) } });
    const { error } = await migrator.migrateTo(before);
    if (error) throw error;
    return database;
  }

  const at = '2026-01-01T00:00:00.000Z';
  const account = (id: string, names: { person_name: string | null; legal_rep_name: string | null }) => ({
    id,
    login_name: id,
    login_name_key: id,
    password_hash: 'x',
    mobile_enc: pii.encrypt('13912345678'),
    mobile_hash: 'h',
    realname_status: 'verified',
    status: 'active',
    created_at: at,
    updated_at: at,
    ...names,
  });

  it('encrypts the names of existing rows, drops the clear columns and leaves no trace in the file', async () => {
    const database = await databaseBefore0007();
    try {
      const q = database.db.kysely as unknown as Kysely<any>;
      // Enough rows that the tables span several pages (old page contents are where clear text hides).
      for (let i = 0; i < 150; i++) await q.insertInto('accounts').values(account(`filler${i}`, { person_name: `欧阳明月${i}`, legal_rep_name: null })).execute();
      await q.insertInto('accounts').values([account('natural1', { person_name: '欧阳明月', legal_rep_name: null }), account('legal1', { person_name: null, legal_rep_name: '司马长风' })]).execute();
      await q
        .insertInto('enterprise_registry')
        .values({ uscc: '91110108MA01TEST01', name: '测试企业有限公司', legal_rep_name: '诸葛清泉', legal_rep_id_enc: 'x', legal_rep_id_hash: pii.lookupHash('110108197805122317', 'id_number'), division_code: '110108', industry_code: '3973', established_on: '2012-06-18', registered_capital: '5000', address: '北京市', created_at: at })
        .execute();

      await migrateToLatest(database.db, pii);

      const rows = await q.selectFrom('accounts').selectAll().where('id', 'in', ['legal1', 'natural1']).orderBy('id').execute();
      expect(rows.map((r) => Object.hasOwn(r, 'person_name') || Object.hasOwn(r, 'legal_rep_name'))).toEqual([false, false]);
      expect(rows.map((r) => [r.id, r.legal_rep_name_enc ?? 'null', r.person_name_enc ?? 'null'])).toEqual([
        ['legal1', expect.stringMatching(ENCRYPTED), 'null'],
        ['natural1', 'null', expect.stringMatching(ENCRYPTED)],
      ]);

      const repo = accountRepo(database.db, pii);
      expect(await repo.byId('natural1')).toMatchObject({ person_name: '欧阳明月', legal_rep_name: null });
      expect(await repo.byId('legal1')).toMatchObject({ person_name: null, legal_rep_name: '司马长风' });

      const registryRow = await q.selectFrom('enterprise_registry').selectAll().executeTakeFirstOrThrow();
      expect(Object.hasOwn(registryRow, 'legal_rep_name')).toBe(false);
      const registry = localEnterpriseRegistry(database.db, pii);
      const claim = { name: '测试企业有限公司', uscc: '91110108MA01TEST01', legalRepName: '诸葛清泉', legalRepIdNumber: '110108197805122317' };
      expect(await registry.verify(claim)).toBe(true);
      expect(await registry.verify({ ...claim, legalRepName: '诸葛清' })).toBe(false);
      expect((await registry.find(claim.uscc))?.legalRepName).toBe('诸葛清泉');

      // The files on disk keep no old copy of a clear name (free page space, dead row versions).
      let bytes: Buffer;
      if (database.file) {
        await database.db.close(); // the WAL is checkpointed into the file
        bytes = Buffer.concat([database.file, `${database.file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
      } else {
        await sql`CHECKPOINT`.execute(q);
        const files = await sql<{ b: Buffer }>`select pg_read_binary_file(pg_relation_filepath(t)) as b from unnest(array['accounts', 'enterprise_registry']) t`.execute(q);
        bytes = Buffer.concat(files.rows.map((r) => r.b));
      }
      expect(foundIn(bytes, ['欧阳明月', '司马长风', '诸葛清泉'])).toEqual([]);
    } finally {
      await database.db.close().catch(() => undefined);
      await database.drop();
    }
  });

  it('refuses to run on stored names without the keys (nothing half-converted)', async () => {
    const database = await databaseBefore0007();
    try {
      const q = database.db.kysely as unknown as Kysely<any>;
      await q.insertInto('accounts').values(account('natural2', { person_name: '欧阳明月', legal_rep_name: null })).execute();
      const migrator = new Migrator({ db: database.db.kysely, provider: { getMigrations: async () => migrationSet(null) } });
      const { error } = await migrator.migrateToLatest();
      expect(String(error)).toContain('needs the PII keys');
      expect(await q.selectFrom('accounts').select('person_name').executeTakeFirstOrThrow()).toEqual({ person_name: '欧阳明月' });
    } finally {
      await database.db.close();
      await database.drop();
    }
  });
});

describe('names through the repo and the flows', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => ctx?.close());

  it('实名认证 stores the 自然人 name encrypted; 用户中心 and 个人信息下载 show it decrypted', async () => {
    const { client, id } = await newLoggedInAccount(ctx);
    await verifyNatural(client, { name: '上官婉儿', idNumber: '110101199003077723' });
    const row = await ctx.deps.db.kysely.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('上官婉儿');
    expect(row.person_name_enc).toMatch(/^v1\./);
    expect((await client.get('/api/uc/me')).json()).toMatchObject({ personName: '上官婉儿' });
  });

  it('a verified 法人 keeps the legal representative encrypted; the registry compares by lookup hash', async () => {
    const row = await ctx.deps.db.kysely.selectFrom('accounts').selectAll().where('login_name', '=', 'demo_xjr').executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('王建国');
    expect((await accountRepo(ctx.deps.db, ctx.deps.pii).byId(row.id))?.legal_rep_name).toBe('王建国');
    const registry = await ctx.deps.db.kysely.selectFrom('enterprise_registry').selectAll().where('uscc', '=', '91310115MA1K2L3M46').executeTakeFirstOrThrow();
    expect(JSON.stringify(registry)).not.toContain('李晓梅');
    expect(registry.legal_rep_name_hash).toBe(ctx.deps.pii.lookupHash('李晓梅', 'legal_rep_name'));
  });

  it('the OIDC name claim still carries the 自然人 name; the platform session holds no name and no clear ID token', async () => {
    const browser = new TestClient(ctx.app);
    await platformLogin(ctx, browser, 'demo_person');
    expect((await browser.get('/api/platform/me')).json()).toEqual({ loggedIn: true, displayName: '刘洋', userType: 'natural' });
    const person = await ctx.deps.db.kysely.selectFrom('accounts').select('id').where('login_name', '=', 'demo_person').executeTakeFirstOrThrow();
    const session = await ctx.deps.db.kysely.selectFrom('sessions').select('data').where('realm', '=', 'platform').where('account_id', '=', person.id).executeTakeFirstOrThrow();
    expect(session.data).not.toContain('刘洋');
    expect(session.data).not.toMatch(/eyJ/); // no JWT (header or payload) in clear
    const data = JSON.parse(session.data);
    expect(data).not.toHaveProperty('idToken');
    expect(data).not.toHaveProperty('displayName');
    expect(data.idTokenEnc).toMatch(/^v1\./);

    // 【退出】 still hands the ID token to the IdP as id_token_hint, and its name claim is the person's
    const logout = await browser.post('/auth/logout');
    const hint = new URL(String(logout.headers.location)).searchParams.get('id_token_hint')!;
    const claims = JSON.parse(Buffer.from(hint.split('.')[1], 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ sub: person.id, name: '刘洋' });
  });
});
