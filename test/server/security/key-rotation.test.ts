import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { buildApp } from '../../../src/server/app.js';
import { rotatePiiKey } from '../../../src/server/cli/keys-rotate.js';
import { createDeps } from '../../../src/server/deps.js';
import { FILE_MAGIC } from '../../../src/server/security/pii-crypto.js';
import { makeIdNumber } from '../../../src/shared/validators/index.js';
import { fixedEnterprises } from '../../../src/server/seed/fixed-enterprises.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { TestClient, latestCode } from '../../helpers/client.js';
import { fileRealnameReview, logIn, registered, TEST_PASSWORD, verifyLegal, verifyNatural } from '../../helpers/steps.js';
import { platformLogin } from './personal-data-helpers.js';

/**
 * `npm run keys:rotate` (issue 19): every encrypted value (columns, values inside stored JSON,
 * uploads) is re-encrypted under a new key id, the old key is gone from the secrets file and
 * from every row, and the data reads the same afterwards.
 */
let ctx: TestContext;
let secretsFile: string;
beforeAll(async () => {
  // A secrets file of its own: the template's is shared by every test file.
  const dir = fs.mkdtempSync(path.join(inject('testTemplate').root, 'rotate-'));
  secretsFile = path.join(dir, 'secrets.json');
  fs.copyFileSync(inject('testTemplate').secretsFile, secretsFile);
  ctx = await createTestContext({ SECRET_KEY_FILE: secretsFile });
});
afterAll(async () => {
  await ctx?.close();
  if (secretsFile) fs.rmSync(path.dirname(secretsFile), { recursive: true, force: true });
});

const ENCRYPTED = /(?<![A-Za-z0-9_.-])v1\.([A-Za-z0-9_-]{1,32})\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;

/** Every encrypted value in every text column, as "table.column" → [key id, plain text] (sorted). */
async function encryptedValues(t: TestContext | { deps: TestContext['deps'] }) {
  const { db, pii } = t.deps;
  const found: { where: string; keyId: string; plain: string }[] = [];
  for (const table of await db.kysely.introspection.getTables()) {
    for (const column of table.columns) {
      const rows = await sql<{ v: unknown }>`select ${sql.ref(column.name)} as v from ${sql.table(table.name)}`.execute(db.kysely);
      for (const row of rows.rows) {
        const v = row.v !== null && typeof row.v === 'object' && !Buffer.isBuffer(row.v) ? JSON.stringify(row.v) : row.v;
        if (typeof v !== 'string') continue;
        for (const m of v.matchAll(ENCRYPTED)) found.push({ where: `${table.name}.${column.name}`, keyId: m[1], plain: pii.decrypt(m[0]) });
      }
    }
  }
  return found.sort((a, b) => (a.where + a.plain).localeCompare(b.where + b.plain));
}

function uploadedFiles(dataDir: string) {
  const root = path.join(dataDir, 'uploads');
  return (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => {
      const content = fs.readFileSync(path.join(d.parentPath, d.name));
      return { id: d.name, keyId: content.subarray(FILE_MAGIC.length + 1, FILE_MAGIC.length + 1 + content[FILE_MAGIC.length]).toString('latin1') };
    });
}

describe('keys:rotate', () => {
  it('re-encrypts columns, JSON values and uploads under a new key id, retires the old key, and everything reads the same', { timeout: 60_000 }, async () => {
    // Personal data through the flows: 注册, 自然人 and 法人 实名认证, 绑定邮箱, a 人工核验 with
    // uploads, and a platform session (its data holds encrypted values inside JSON).
    const email = 'rotate.person@example.com';
    const natural = await registered(ctx, { loginName: 'rotate_person', mobile: '13755550001' });
    await verifyNatural(natural, { name: '上官飞燕', idNumber: makeIdNumber('11010119900101002') });
    await natural.post('/api/uc/account/email/code', { email });
    expect((await natural.post('/api/uc/account/email', { email, emailCode: latestCode(ctx, email) })).statusCode).toBe(200);
    const enterprise = fixedEnterprises.find((e) => e.uscc === '91310115MA1K2L3M46')!;
    await verifyLegal(await registered(ctx, { loginName: 'rotate_legal', mobile: '13755550002' }), enterprise);
    const manual = await registered(ctx, { loginName: 'rotate_manual', mobile: '13755550003' });
    const account = await ctx.deps.db.kysely.selectFrom('accounts').select('id').where('login_name', '=', 'rotate_manual').executeTakeFirstOrThrow();
    const review = await fileRealnameReview(ctx, { client: manual, id: account.id });
    await platformLogin(ctx, new TestClient(ctx.app), 'rotate_person', TEST_PASSWORD);
    const fileIds = Object.values(JSON.parse(review.files) as Record<string, string>);
    // A table of a later feature with encrypted values inside JSON (PostgreSQL: json and jsonb columns).
    const inJson = JSON.stringify({ contact: { nameEnc: ctx.deps.pii.encrypt('司马青衫'), mobileEnc: ctx.deps.pii.encrypt('13755550009') } });
    if (ctx.deps.db.dialect === 'postgres') {
      await sql`create table rotation_probe (a jsonb, b json, c text)`.execute(ctx.deps.db.kysely);
      await sql`insert into rotation_probe values (${inJson}::jsonb, ${inJson}::json, ${inJson})`.execute(ctx.deps.db.kysely);
    } else {
      await sql`create table rotation_probe (c text)`.execute(ctx.deps.db.kysely);
      await sql`insert into rotation_probe values (${inJson})`.execute(ctx.deps.db.kysely);
    }
    const filesBefore = await Promise.all(fileIds.map((id) => ctx.deps.files.get(id)));

    const before = await encryptedValues(ctx);
    const oldKeyId = ctx.deps.pii.currentKeyId;
    expect(new Set(before.map((v) => v.keyId))).toEqual(new Set([oldKeyId]));
    const columns = new Set(before.map((v) => v.where));
    // The kinds of place the rotation must reach: plain columns, an encrypted JSON payload, JSON holding encrypted values.
    for (const where of ['accounts.mobile_enc', 'accounts.email_enc', 'accounts.person_name_enc', 'accounts.id_number_enc', 'enterprise_registry.legal_rep_id_enc', 'review_requests.payload_enc', 'sessions.data', 'rotation_probe.c', ...(ctx.deps.db.dialect === 'postgres' ? ['rotation_probe.a', 'rotation_probe.b'] : [])]) {
      expect(columns, where).toContain(where);
    }
    expect(uploadedFiles(ctx.config.dataDir).map((f) => f.keyId)).toEqual([oldKeyId, oldKeyId]);

    // The server stops taking requests; the command runs (small batches, so that paging is used).
    await ctx.app.close();
    const lines: string[] = [];
    const result = await rotatePiiKey({ secretsFile, databaseUrl: ctx.config.databaseUrl, uploadsDir: path.join(ctx.config.dataDir, 'uploads'), batchSize: 25, log: (l) => lines.push(l) });
    expect(result.newKeyId).not.toBe(oldKeyId);
    expect(result.retiredKeyIds).toEqual([oldKeyId]);
    expect(result.values).toBe(before.length);
    expect(result.files).toBe(2);
    expect(result.rows['enterprise_registry.legal_rep_id_enc']).toBeGreaterThan(25);
    expect(lines.at(-1)).toContain(`Retired: ${oldKeyId}`);

    // The secrets file: only the new key, still owner-only.
    const secrets = JSON.parse(fs.readFileSync(secretsFile, 'utf8')) as { pii: { current: string; keys: Record<string, unknown> } };
    expect(secrets.pii.current).toBe(result.newKeyId);
    expect(Object.keys(secrets.pii.keys)).toEqual([result.newKeyId]);
    expect(fs.statSync(secretsFile).mode & 0o777).toBe(0o600);

    // A server started anew reads the same data, and no row or file names the old key.
    const deps = createDeps(ctx.config, { clock: ctx.clock });
    const app = await buildApp(deps);
    try {
      const after = await encryptedValues({ deps });
      expect(after.map((v) => v.keyId).filter((id) => id !== result.newKeyId)).toEqual([]);
      expect(after.map(({ where, plain }) => ({ where, plain }))).toEqual(before.map(({ where, plain }) => ({ where, plain })));
      expect(uploadedFiles(ctx.config.dataDir).map((f) => f.keyId)).toEqual([result.newKeyId, result.newKeyId]);
      expect(await Promise.all(fileIds.map((id) => deps.files.get(id)))).toEqual(filesBefore);
      // The rotation is in the audit log, and the chain holds.
      const record = await deps.db.kysely.selectFrom('audit_log').select(['action', 'details']).orderBy('seq', 'desc').executeTakeFirstOrThrow();
      expect(record.action).toBe('keys.rotate');
      expect(JSON.parse(record.details)).toMatchObject({ newKeyId: result.newKeyId, retiredKeyIds: [oldKeyId], values: before.length, files: 2 });
      expect(await deps.audit.verify()).toMatchObject({ ok: true });
      // Lookup hashes were left as they were (lookupKey is not rotated): the mobile still finds its account.
      const byMobile = await deps.db.kysely.selectFrom('accounts').select('login_name').where('mobile_hash', '=', deps.pii.lookupHash('13755550001', 'mobile')).executeTakeFirst();
      expect(byMobile?.login_name).toBe('rotate_person');
      // And the account works through the pages: 登录, 用户中心 with its (masked) data.
      const client = new TestClient(app);
      await logIn({ ...ctx, app, deps }, client, 'rotate_person', TEST_PASSWORD);
      const me = (await client.get('/api/uc/me')).json();
      expect(JSON.stringify(me)).toContain('rotate_person');
    } finally {
      await app.close();
      await deps.close();
    }
  });

  it('refuses to retire the old key while a value it cannot decrypt remains, and keeps the old key', async () => {
    const before = JSON.parse(fs.readFileSync(secretsFile, 'utf8')) as { pii: { current: string } };
    // A value that claims the current key but fails its MAC.
    const id = (await ctx.deps.db.kysely.selectFrom('accounts').select(['id', 'mobile_enc']).where('login_name', '=', 'rotate_legal').executeTakeFirstOrThrow());
    const parts = id.mobile_enc.split('.');
    parts[1] = before.pii.current;
    parts[4] = parts[4].startsWith('A') ? `B${parts[4].slice(1)}` : `A${parts[4].slice(1)}`;
    await ctx.deps.db.kysely.updateTable('accounts').set({ mobile_enc: parts.join('.') }).where('id', '=', id.id).execute();
    // Under the key about to be retired, so it must be re-encrypted, and cannot be.
    await expect(rotatePiiKey({ secretsFile, databaseUrl: ctx.config.databaseUrl, uploadsDir: path.join(ctx.config.dataDir, 'uploads') })).rejects.toThrow(/accounts\.mobile_enc/);
    const after = JSON.parse(fs.readFileSync(secretsFile, 'utf8')) as { pii: { current: string; keys: Record<string, unknown> } };
    expect(Object.keys(after.pii.keys)).toContain(before.pii.current);
    expect(Object.keys(after.pii.keys).length).toBe(2);
  });
});
