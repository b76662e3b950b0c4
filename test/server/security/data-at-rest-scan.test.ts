import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { TestClient, latestCode } from '../../helpers/client.js';
import { fileManualMobileChange, HK_REPRESENTED, postMultipart, registered, TEST_PASSWORD, uploads, verifyLegal, verifyNatural } from '../../helpers/steps.js';
import { fixedEnterprises } from '../../../src/server/seed/fixed-enterprises.js';
import { makeIdNumber } from '../../../src/shared/validators/index.js';
import { foundIn, platformLogin, storedBytes, uploadStoreBytes } from './personal-data-helpers.js';

/**
 * The data-protection check (quality.md, "Personal data at rest"; issue 19): after the demo seed
 * and the flows that store personal data, the database (SQLite: the file and its WAL, byte for
 * byte; PostgreSQL: a plain pg_dump) and the upload store hold no ID number, mobile, e-mail or
 * person's name in clear.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const person = { name: '慕容秋水', idNumber: makeIdNumber('11010119880512301'), mobile: '13766660001', email: 'murong.qiushui@example.com' };
const legal = { loginName: 'scan_legal', mobile: '13766660002', ...fixedEnterprises.find((e) => e.uscc === '91310115MA1K2L3M46')! };
const applicant = { name: '东方既白', idNumber: makeIdNumber('44030519920304551'), newMobile: '13766660003' };
const manualRealname = { legalRepName: '欧阳青云', idNumber: 'H87654321' };
/** Uploads whose content carries the persons' data in clear, as a scanned ID card or licence would. */
const pdfWith = (text: string) => ({ name: 'scan.pdf', content: Buffer.from(`%PDF-1.4\n% ${text}\n`, 'utf8'), type: 'application/pdf' });
const pngWith = (text: string) => ({ name: 'scan.png', content: Buffer.concat([uploads.png().content, Buffer.from(text, 'utf8')]), type: 'image/png' });

const ENCRYPTED = /(?<![A-Za-z0-9_.-])v1\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;

/** The plain text of every encrypted value in every text column; JSON plain texts give their string leaves (and the values sealed inside). */
async function encryptedPlainTexts(t: TestContext): Promise<string[]> {
  const out = new Set<string>();
  const take = (plain: string) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(plain);
    } catch {
      out.add(plain);
      return;
    }
    const walk = (v: unknown): void => {
      if (typeof v === 'string') {
        if (v.match(ENCRYPTED)) for (const m of v.matchAll(ENCRYPTED)) take(t.deps.pii.decrypt(m[0]));
        else out.add(v);
      } else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(parsed);
  };
  for (const table of await t.deps.db.kysely.introspection.getTables()) {
    for (const column of table.columns) {
      const rows = await sql<{ v: unknown }>`select ${sql.ref(column.name)} as v from ${sql.table(table.name)}`.execute(t.deps.db.kysely);
      for (const { v } of rows.rows) {
        const text = v !== null && typeof v === 'object' && !Buffer.isBuffer(v) ? JSON.stringify(v) : v;
        if (typeof text === 'string') for (const m of text.matchAll(ENCRYPTED)) take(t.deps.pii.decrypt(m[0]));
      }
    }
  }
  return [...out];
}

/**
 * As foundIn, for thousands of values at once: the clear text is cut into every window a mobile,
 * an 18-character ID number or a name could occupy (runs of digits, runs of Han characters) and
 * looked up in a set; other values (e-mails, other 证件 numbers) are searched for directly.
 */
function foundAmong(bytes: Buffer, values: string[]): string[] {
  const text = bytes.toString('utf8');
  const windows = new Set<string>();
  const cut = (run: string, lengths: number[]) => {
    for (const length of lengths) for (let i = 0; i + length <= run.length; i++) windows.add(run.slice(i, i + length));
  };
  for (const [run] of text.matchAll(/[0-9X]{11,}/g)) cut(run, [11, 18]);
  for (const [run] of text.matchAll(/[\u4e00-\u9fff·]{2,}/g)) cut(run, [2, 3, 4]);
  const windowed = (v: string) => /^(?:[0-9X]{11}|[0-9X]{18}|[\u4e00-\u9fff·]{2,4})$/.test(v);
  return [...new Set(values)].filter((v) => (windowed(v) ? windows.has(v) : bytes.includes(Buffer.from(v, 'utf8'))));
}

describe('personal data at rest', () => {
  it('after seed, registration, 实名认证, 绑定邮箱, 人工核验 uploads and a platform login: nothing in clear', { timeout: 60_000 }, async () => {
    // 注册 + 实名认证 (自然人) + 绑定邮箱, then the platform through single sign-on
    const natural = await registered(ctx, { loginName: 'scan_person', mobile: person.mobile });
    await verifyNatural(natural, person);
    expect((await natural.post('/api/uc/account/email/code', { email: person.email })).statusCode).toBe(200);
    expect((await natural.post('/api/uc/account/email', { email: person.email, emailCode: latestCode(ctx, person.email) })).statusCode).toBe(200);
    await platformLogin(ctx, new TestClient(ctx.app), 'scan_person', TEST_PASSWORD);

    // 注册 + 实名认证 (法人, registry check)
    await verifyLegal(await registered(ctx, legal), legal);

    // 实名认证 with another 证件类型 → 人工核验 with uploads
    const other = await registered(ctx, { loginName: 'scan_manual', mobile: '13766660004' });
    const realnameForm = { ...HK_REPRESENTED, ...manualRealname };
    expect((await postMultipart(other, '/api/uc/realname/legal-manual', realnameForm, {
      businessLicense: pdfWith(`法定代表人 ${manualRealname.legalRepName}`),
      idDocument: pngWith(`${manualRealname.legalRepName} ${manualRealname.idNumber}`),
    })).statusCode).toBe(200);

    // 手机号修改 by 人工核验 with uploads
    const filed = await fileManualMobileChange(ctx, {
      identifier: 'scan_person',
      newMobile: applicant.newMobile,
      fields: { accountType: 'natural', applicantName: applicant.name, applicantIdNumber: applicant.idNumber, description: '原手机号已停用' },
      files: { legalRepIdFront: pngWith(`${applicant.name} ${applicant.idNumber} ${person.mobile} ${person.email}`) },
    });
    expect((await filed.client.post('/api/uc/mobile-change/status', { acceptanceNo: filed.acceptanceNo, newMobile: applicant.newMobile })).json().found).toBe(true);

    // What must not be found: every value the seed and these flows stored.
    const registry = await ctx.deps.db.kysely.selectFrom('enterprise_registry').select(['name', 'address', 'legal_rep_name_enc', 'legal_rep_id_enc']).execute();
    // A generated name can also be a place (金华): those occur in enterprise names and addresses.
    const places = registry.map((r) => `${r.name} ${r.address}`).join(' ');
    const registryNames = registry.map((r) => ctx.deps.pii.decrypt(r.legal_rep_name_enc)).filter((name) => !places.includes(name));
    const registryIds = registry.map((r) => ctx.deps.pii.decrypt(r.legal_rep_id_enc));
    expect(registryNames).toContain('李晓梅');
    const names = [person.name, applicant.name, manualRealname.legalRepName, '刘洋', ...fixedEnterprises.map((e) => e.legalRepName), ...registryNames];
    const idNumbers = [person.idNumber, applicant.idNumber, manualRealname.idNumber, '110101199003077723', ...fixedEnterprises.map((e) => e.legalRepIdNumber), ...registryIds];
    const mobiles = [person.mobile, legal.mobile, applicant.newMobile, '13766660004', '13800000001', '13800000002', '13800000003', '13800000009'];
    const emails = [person.email, 'demo_bound@example.com'];

    const bytes = await storedBytes(ctx);
    expect(bytes.length).toBeGreaterThan(100_000);
    expect({ names: foundAmong(bytes, names), idNumbers: foundAmong(bytes, idNumbers), mobiles: foundAmong(bytes, mobiles), emails: foundAmong(bytes, emails) }).toEqual({
      names: [],
      idNumbers: [],
      mobiles: [],
      emails: [],
    });
    // The check can see clear text: the 企业名称 of the verified 法人 is stored (and not personal).
    expect(foundIn(bytes, [legal.name])).toEqual([legal.name]);
    expect(foundAmong(Buffer.from(`x${person.mobile}9 ${person.name}的 ${person.email}`), [person.mobile, person.name, person.email, applicant.name])).toEqual([person.mobile, person.name, person.email]);

    // Whatever else the database holds encrypted (demo 企业信息 联系人, sealed payloads of later
    // features, …): no mobile, ID number, e-mail or person's name among the plain texts of every
    // encrypted value, inside JSON too, appears anywhere in clear.
    const sealed = await encryptedPlainTexts(ctx);
    const sealedPersonal = sealed.filter((v) => /^1\d{10}$/.test(v) || /^\d{17}[\dX]$/.test(v) || /^[^@\s]+@[^@\s]+$/.test(v) || (/^[\u4e00-\u9fff·]{2,4}$/.test(v) && !places.includes(v)));
    expect(sealedPersonal.length).toBeGreaterThan(names.length);
    expect(foundAmong(bytes, sealedPersonal)).toEqual([]);

    // The upload store: the three files are there, none shows what their content carried.
    const store = uploadStoreBytes(ctx);
    expect(store.files).toBe(3);
    expect(foundIn(store.bytes, [...names, ...idNumbers, ...mobiles, ...emails, '%PDF', 'PNG'])).toEqual([]);

    // Only the server's user may read any of it (SQLite: the database and its WAL).
    const stored = [...store.paths, ...(ctx.deps.db.dialect === 'sqlite' ? ['', '-wal'].map((end) => ctx.config.databaseUrl.slice('sqlite:'.length) + end) : [])];
    expect(stored.filter((file) => (fs.statSync(file).mode & 0o077) !== 0)).toEqual([]);
  });
});
