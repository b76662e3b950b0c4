import crypto from 'node:crypto';
import type { AppDeps } from '../deps.js';
import type { AccountTable } from '../db/schema.js';
import { fixedEnterprises } from './fixed-enterprises.js';

export const DEMO_PASSWORD = 'Demo@2025';

/** The demo accounts of the spec README: three verified 法人 and one verified 自然人. */
export async function seedDemoAccounts(deps: AppDeps): Promise<number> {
  const { db, pii, clock, hasher } = deps;
  const at = clock.now().toISOString();
  const rows: AccountTable[] = [];
  const base = async (loginName: string, mobile: string, email?: string) => ({
    id: crypto.randomUUID(),
    login_name: loginName,
    login_name_key: loginName.toLowerCase(),
    password_hash: await hasher.hash(DEMO_PASSWORD),
    mobile_enc: pii.encrypt(mobile),
    mobile_hash: pii.lookupHash(mobile, 'mobile'),
    email_enc: email ? pii.encrypt(email) : null,
    email_hash: email ? pii.lookupHash(email, 'email') : null,
    status: 'active' as const,
    created_at: at,
    updated_at: at,
    verified_at: at,
    disabled_at: null,
  });
  for (const e of fixedEnterprises) {
    if (!e.account) continue;
    rows.push({
      ...(await base(e.account.loginName, e.account.mobile, e.account.email)),
      user_type: 'legal',
      realname_status: 'verified',
      verified_uscc: e.uscc,
      enterprise_name: e.name,
      legal_rep_name_enc: pii.encrypt(e.legalRepName),
      person_name_enc: null,
      id_number_enc: pii.encrypt(e.legalRepIdNumber),
      id_number_hash: pii.lookupHash(e.legalRepIdNumber, 'id_number'),
    });
  }
  rows.push({
    ...(await base('demo_person', '13800000009')),
    user_type: 'natural',
    realname_status: 'verified',
    verified_uscc: null,
    enterprise_name: null,
    legal_rep_name_enc: null,
    person_name_enc: pii.encrypt('刘洋'),
    id_number_enc: pii.encrypt('110101199003077723'),
    id_number_hash: pii.lookupHash('110101199003077723', 'id_number'),
  });
  await db.kysely.insertInto('accounts').values(rows).onConflict((oc) => oc.column('login_name_key').doNothing()).execute();
  return rows.length;
}

/** The operator demo accounts: admin (部级, all regions, 审计员) and admin_sh (省级, 上海市). */
export async function seedDemoOperators(deps: AppDeps): Promise<number> {
  const at = deps.clock.now().toISOString();
  const rows = [
    // admin is also the 审计员 who may open 【审计日志】.
    { username: 'admin', display_name: '部级管理员', role: 'ministry' as const, region_code: '', is_auditor: 1 },
    { username: 'admin_sh', display_name: '上海市管理员', role: 'province' as const, region_code: '31', is_auditor: 0 },
  ];
  for (const row of rows) {
    await deps.db.kysely
      .insertInto('operators')
      .values({ ...row, id: crypto.randomUUID(), password_hash: await deps.hasher.hash(DEMO_PASSWORD), totp_secret_enc: null, totp_enrolled: 0, last_totp_step: 0, status: 'active', created_at: at, updated_at: at })
      .onConflict((oc) => oc.column('username').doNothing())
      .execute();
  }
  return rows.length;
}
