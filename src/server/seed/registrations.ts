import crypto from 'node:crypto';
import type { AppDeps } from '../deps.js';
import type { FinancingConsentEventTable, FinancingConsentTable, RegistrationTable, RegistrationVersionTable } from '../db/schema.js';
import { shanghaiDate } from '../clock.js';
import { financingRepo } from '../db/repos/financing.js';
import { payloadHash, sealPayload } from '../platform/financing/sealed-payload.js';
import { mulberry32, syntheticSubmission } from '../scoring/synthetic.js';
import { fixedEnterprises } from './fixed-enterprises.js';
import { FINANCING_METHODS, registrationPayloadSchema } from '../../shared/schemas/registration.js';
import { middleClassOf } from '../../shared/industry.js';
import { isDistrictCode } from '../../shared/regions.js';

const DEMO_REGISTRATIONS = 200;
const SPREAD_DAYS = 60;
/** Who "submitted" the demo registrations (no account: they stand for enterprises nobody logs in as). */
const SEED_ACTOR = 'demo-seed';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力斌宇浩凯鹏飞晨欣怡思雨博昊然泽轩睿彤琳颖嘉';

/**
 * Demo data (spec README): about 200 generated enterprises with a valid qualification get a
 * submitted registration for the current 数据年度 (one version each, spread over the last 60
 * days), about 60 % with consent to push to partner institutions. Values are plausible
 * (scoring/synthetic.ts) and pass the submit schema. The fixed demo enterprises get none:
 * their accounts start at 未填报. Runs once, on an empty registrations table.
 */
export async function seedDemoRegistrations(deps: AppDeps): Promise<number> {
  const { db, pii, clock } = deps;
  const k = db.kysely;
  const existing = await k.selectFrom('registrations').select('id').limit(1).executeTakeFirst();
  if (existing) return 0;

  const now = clock.now();
  const today = shanghaiDate(now);
  const window = await financingRepo(db).filingWindow(today);
  const fixed = fixedEnterprises.map((e) => e.uscc);
  const enterprises = await k
    .selectFrom('qualifications as q')
    .innerJoin('enterprise_registry as r', 'r.uscc', 'q.uscc')
    .select(['r.uscc', 'r.division_code', 'r.industry_code'])
    .distinct()
    .where('q.status', '=', 'active')
    .where('q.recognized_on', '<=', today)
    .where('q.valid_until', '>=', today)
    .where('r.uscc', 'not in', fixed)
    .orderBy('r.uscc')
    .limit(DEMO_REGISTRATIONS)
    .execute();

  const random = mulberry32(20260101);
  const pick = (text: string) => [...text][Math.floor(random() * [...text].length)];
  const registrations: RegistrationTable[] = [];
  const versions: RegistrationVersionTable[] = [];
  const consents: FinancingConsentTable[] = [];
  const events: FinancingConsentEventTable[] = [];
  const acceptanceNos = new Set<string>();

  for (const enterprise of enterprises) {
    const scoring = syntheticSubmission(random, window.dataYear, middleClassOf(enterprise.industry_code) ?? undefined);
    const needsMoney = random() < 0.5;
    const candidate = registrationPayloadSchema.safeParse({
      basic: {
        ...scoring.basic,
        districtCode: isDistrictCode(enterprise.division_code) ? enterprise.division_code : '',
        assets: String(Math.round(Number(scoring.basic.revenue) * (0.8 + random()))),
        contactName: pick(SURNAMES) + pick(GIVEN) + (random() < 0.6 ? pick(GIVEN) : ''),
        contactMobile: `139${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
      },
      indicators: scoring.indicators,
      optional: needsMoney
        ? {
            financing: {
              need: 'yes',
              amount: String(100 * (1 + Math.floor(random() * 50))),
              termMonths: [6, 12, 24, 36][Math.floor(random() * 4)],
              purpose: '研发投入和扩大生产',
              methods: FINANCING_METHODS.filter(() => random() < 0.35),
            },
            honours: [],
            attachments: [],
          }
        : { financing: { need: 'no', methods: [] }, honours: [], attachments: [] },
    });
    if (!candidate.success) continue;
    const payload = candidate.data;

    const submittedAt = new Date(now.getTime() - Math.floor(random() * SPREAD_DAYS * 86400_000));
    let acceptanceNo: string;
    do {
      acceptanceNo = `DJ${shanghaiDate(submittedAt).replaceAll('-', '')}${String(Math.floor(random() * 1_000_000)).padStart(6, '0')}`;
    } while (acceptanceNos.has(acceptanceNo));
    acceptanceNos.add(acceptanceNo);

    const at = submittedAt.toISOString();
    const registrationId = crypto.randomUUID();
    registrations.push({ id: registrationId, uscc: enterprise.uscc, data_year: window.dataYear, status: 'submitted', revision: 1, draft: null, draft_saved_at: null, latest_version: 1, created_at: at, updated_at: at });
    versions.push({
      id: crypto.randomUUID(),
      registration_id: registrationId,
      uscc: enterprise.uscc,
      data_year: window.dataYear,
      version: 1,
      based_on_revision: 0,
      acceptance_no: acceptanceNo,
      payload: sealPayload(payload, pii),
      payload_hash: payloadHash(payload, pii),
      submitted_at: at,
      submitted_by: SEED_ACTOR,
    });
    if (random() < 0.6) {
      consents.push({ uscc: enterprise.uscc, consented: 1, notice_version: 1, account_id: SEED_ACTOR, changed_at: at });
      events.push({ id: crypto.randomUUID(), uscc: enterprise.uscc, consented: 1, notice_version: 1, account_id: SEED_ACTOR, at });
    }
  }

  await k.transaction().execute(async (trx) => {
    for (let i = 0; i < registrations.length; i += 100) {
      await trx.insertInto('registrations').values(registrations.slice(i, i + 100)).execute();
      await trx.insertInto('registration_versions').values(versions.slice(i, i + 100)).execute();
    }
    for (let i = 0; i < consents.length; i += 100) {
      await trx.insertInto('financing_consents').values(consents.slice(i, i + 100)).onConflict((oc) => oc.column('uscc').doNothing()).execute();
      await trx.insertInto('financing_consent_events').values(events.slice(i, i + 100)).execute();
    }
  });
  return registrations.length;
}
