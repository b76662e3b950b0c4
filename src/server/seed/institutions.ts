import crypto from 'node:crypto';
import type { AppDeps } from '../deps.js';
import { DEMO_PASSWORD } from './accounts.js';

const MOVED_TO: [string, string][] = [
  ['110108', '北京市海淀区'],
  ['310115', '上海市浦东新区'],
  ['110105', '北京市朝阳区'],
  ['310104', '上海市徐汇区'],
  ['110106', '北京市丰台区'],
  ['310112', '上海市闵行区'],
];

const BANK = { name: '京华银行股份有限公司', regions: ['11', '31'], username: 'bank_demo', displayName: '京华银行客户经理' };

/**
 * The demo partner bank (spec README): `bank_demo` of 京华银行股份有限公司, serving 北京市 and
 * 上海市. Consenting generated enterprises in those regions (many with a 融资需求), and the bank
 * has a few 对接 entries, so a person trying `bank_demo` sees a real list. Idempotent.
 */
export async function seedDemoInstitutions(deps: AppDeps): Promise<void> {
  const k = deps.db.kysely;
  if (await k.selectFrom('institution_users').select('id').where('username', '=', BANK.username).executeTakeFirst()) return;
  const now = deps.clock.now();
  const at = now.toISOString();
  const institutionId = crypto.randomUUID();
  const userId = crypto.randomUUID();
  await k.transaction().execute(async (trx) => {
    await trx.insertInto('institutions').values({ id: institutionId, name: BANK.name, status: 'active', created_at: at, created_by: null }).execute();
    for (const region_code of BANK.regions) await trx.insertInto('institution_regions').values({ institution_id: institutionId, region_code }).execute();
    await trx
      .insertInto('institution_users')
      .values({ id: userId, institution_id: institutionId, username: BANK.username, display_name: BANK.displayName, password_hash: await deps.hasher.hash(DEMO_PASSWORD), totp_secret_enc: null, totp_enrolled: 0, last_totp_step: 0, status: 'active', created_at: at, updated_at: at, created_by: null })
      .execute();
  });

  // About 30 consenting generated enterprises (never the fixed demo ones) have moved their 住所 to
  // 北京市 or 上海市: the registry's division code now differs from the USCC's, which is the
  // region rule at work (registry 住所 first). Their submissions (about half with a 融资需求) stay.
  const candidates = await k
    .selectFrom('registration_versions as v')
    .innerJoin('financing_consents as c', 'c.uscc', 'v.uscc')
    .innerJoin('enterprise_registry as r', 'r.uscc', 'v.uscc')
    .select(['v.uscc'])
    .where('c.consented', '=', 1)
    .where('v.submitted_by', '=', 'demo-seed')
    .orderBy('v.uscc')
    .limit(30)
    .execute();
  let n = 0;
  for (const row of candidates) {
    const [division, address] = MOVED_TO[n % MOVED_TO.length];
    await k.updateTable('enterprise_registry').set({ division_code: division, address: `${address}科创路${10 + n}号` }).where('uscc', '=', row.uscc).execute();
    await k.updateTable('qualifications').set({ region_code: division }).where('uscc', '=', row.uscc).execute();
    if (n < 4) {
      const outcome = (['contacted', 'granted', 'contacted', 'rejected'] as const)[n];
      await k
        .insertInto('matchmaking_records')
        .values({
          id: crypto.randomUUID(),
          institution_id: institutionId,
          uscc: row.uscc,
          outcome,
          amount: outcome === 'granted' ? '300' : null,
          rate: outcome === 'granted' ? '3.45' : null,
          term_months: outcome === 'granted' ? 12 : null,
          reason: outcome === 'rejected' ? '经营现金流不足，暂不满足授信条件' : null,
          note: null,
          region_code: division,
          recorded_by: userId,
          at: new Date(now.getTime() - (10 - n) * 86400_000).toISOString(),
        })
        .execute();
    }
    n += 1;
  }
}
