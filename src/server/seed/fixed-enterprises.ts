import type { QualificationType } from '../db/schema.js';

/** The fixed demo enterprises of the spec README ("Demo data"). */
export interface FixedEnterprise {
  name: string;
  uscc: string;
  legalRepName: string;
  legalRepIdNumber: string;
  industryCode: string;
  qualification: { type: QualificationType; state: 'valid' | 'this-year' | 'expired-last-year' } | null;
  account: { loginName: string; mobile: string; email?: string; profileComplete: boolean } | null;
}

export const fixedEnterprises: FixedEnterprise[] = [
  { name: '北京智芯微电子科技有限公司', uscc: '91110108MA01A1B215', legalRepName: '王建国', legalRepIdNumber: '110108197805122317', industryCode: '3973', qualification: { type: 'xjr', state: 'valid' }, account: { loginName: 'demo_xjr', mobile: '13800000001', profileComplete: true } },
  { name: '上海浦江精密机械有限公司', uscc: '91310115MA1K2L3M46', legalRepName: '李晓梅', legalRepIdNumber: '31011519820917452X', industryCode: '3421', qualification: { type: 'zjtx', state: 'valid' }, account: null },
  { name: '深圳南山云图软件有限公司', uscc: '91440305MA5D6E7F6P', legalRepName: '陈志强', legalRepIdNumber: '440305197503031186', industryCode: '6513', qualification: { type: 'cxx', state: 'valid' }, account: null },
  { name: '杭州西湖数智科技有限公司', uscc: '91330106MA2H3J4K38', legalRepName: '赵敏', legalRepIdNumber: '330106198811213277', industryCode: '6531', qualification: { type: 'kjx', state: 'this-year' }, account: null },
  { name: '苏州工业园区恒达材料有限公司', uscc: '91320506MA1N2P3Q02', legalRepName: '孙海涛', legalRepIdNumber: '320506196907306153', industryCode: '3985', qualification: { type: 'kjx', state: 'expired-last-year' }, account: null },
  { name: '成都锦江食品贸易有限公司', uscc: '91510107MA6R7T8U6A', legalRepName: '周丽', legalRepIdNumber: '510107199002157441', industryCode: '5124', qualification: null, account: null },
  { name: '武汉光谷激光技术有限公司', uscc: '91420111MA4W5X6Y7W', legalRepName: '吴刚', legalRepIdNumber: '420111198306080592', industryCode: '3562', qualification: { type: 'xjr', state: 'valid' }, account: { loginName: 'demo_incomplete', mobile: '13800000002', profileComplete: false } },
  { name: '青岛海川智能装备有限公司', uscc: '91370212MA3B4C5D5C', legalRepName: '郑伟', legalRepIdNumber: '37021219761011282X', industryCode: '3491', qualification: { type: 'cxx', state: 'valid' }, account: { loginName: 'demo_bound', mobile: '13800000003', email: 'demo_bound@example.com', profileComplete: true } },
];

