import { describe, expect, it } from 'vitest';
import { enterpriseProfileInput, profileCompleteness, zDistrictCode, zEstablishedOn, zIndustryCode } from '../../src/shared/schemas/enterprise.js';
import { qualificationState } from '../../src/shared/enterprise-labels.js';

// 2026-11-25 10:00 in Beijing.
const today = () => new Date('2026-11-25T02:00:00Z');

const completeProfile = {
  districtCode: '110108',
  addressDetail: '中关村大街1号',
  establishedOn: '2012-06-18',
  registeredCapitalWan: '5000',
  companyType: 'llc',
  industryCode: '397',
  mainBusiness: '集成电路设计',
  employees: 320,
  revenueWan: '12000.5',
  assetsWan: '9000',
  contactName: '王建国',
  contactMobile: '13800000001',
  contactEmail: 'contact@example.com',
};

describe('企业信息 field pieces', () => {
  it.each([
    ['397', true],
    [' 651 ', true],
    ['39', false],
    ['3973', false],
    ['999', false],
    ['C', false],
  ])('zIndustryCode %j → %s', (code, ok) => {
    expect(zIndustryCode.safeParse(code).success).toBe(ok);
  });

  it.each([
    ['110108', true],
    ['441900', true],
    ['110100', false],
    ['11010', false],
    ['999999', false],
  ])('zDistrictCode %j → %s', (code, ok) => {
    const result = zDistrictCode.safeParse(code);
    expect(result.success).toBe(ok);
    if (!ok) expect(result.error!.issues[0].message).toBe('请选择注册地址所在省/市/区县');
  });

  it.each([
    ['2026-11-25', null],
    ['2012-02-29', null],
    ['2026-11-26', '成立日期不能晚于今天'],
    ['2013-02-29', '请输入正确的日期'],
    ['2012/06/18', '请输入正确的日期'],
    ['1899-12-31', '请输入正确的日期'],
  ])('zEstablishedOn %s', (value, message) => {
    const result = zEstablishedOn(today).safeParse(value);
    expect(result.success ? null : result.error.issues[0].message).toBe(message);
  });

  it('the whole input: normalises, leaves optional fields null, requires 上市板块 and 股票代码 when listed', () => {
    const parsed = enterpriseProfileInput(today).parse({ ...completeProfile, employees: '320', registeredCapitalWan: '5,000.00', businessAddress: '', website: '' });
    expect(parsed).toMatchObject({ employees: 320, registeredCapitalWan: '5000', businessAddress: null, website: null, listed: false, listingBoard: null, stockCode: null, intro: null });
    const listed = enterpriseProfileInput(today).safeParse({ ...completeProfile, listed: true });
    expect(listed.success).toBe(false);
    expect(listed.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['listingBoard', 'stockCode']);
    expect(enterpriseProfileInput(today).safeParse({ ...completeProfile, listed: true, listingBoard: 'star', stockCode: '688001' }).success).toBe(true);
  });

  it('rejects negative amounts, fractional counts, bad contacts with Chinese messages', () => {
    const result = enterpriseProfileInput(today).safeParse({ ...completeProfile, revenueWan: '-1', employees: 1.5, contactMobile: '123', contactEmail: 'x', mainBusiness: 'a'.repeat(201) });
    expect(result.success).toBe(false);
    const fields = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(Object.keys(fields).sort()).toEqual(['contactEmail', 'contactMobile', 'employees', 'mainBusiness', 'revenueWan']);
    for (const message of Object.values(fields)) expect(message).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('profileCompleteness', () => {
  it('complete profile', () => {
    expect(profileCompleteness(completeProfile)).toEqual({ complete: true, missing: [] });
  });
  it('names the missing fields in form order with their labels', () => {
    expect(profileCompleteness({ ...completeProfile, employees: null, contactEmail: '', industryCode: '39' })).toEqual({
      complete: false,
      missing: ['所属行业', '从业人员（上年末）', '联系人邮箱'],
    });
    expect(profileCompleteness(null).missing).toHaveLength(13);
  });
  it('0 is a given figure', () => {
    expect(profileCompleteness({ ...completeProfile, employees: 0, revenueWan: '0' }).complete).toBe(true);
  });
});

describe('认定情况 状态', () => {
  const q = { status: 'active' as const, recognizedOn: '2025-03-01', validUntil: '2028-03-01' };
  it.each([
    [q, '2026-11-25', 'valid'],
    [{ ...q, validUntil: '2026-11-25' }, '2026-11-25', 'valid'],
    [{ ...q, validUntil: '2026-11-24' }, '2026-11-25', 'expired'],
    [{ ...q, recognizedOn: '2023-11-24', validUntil: '2030-01-01' }, '2026-11-25', 'expired'],
    [{ ...q, status: 'revoked' as const }, '2026-11-25', 'revoked'],
  ])('%j on %s → %s', (row, day, state) => {
    expect(qualificationState(row, day)).toBe(state);
  });
});
