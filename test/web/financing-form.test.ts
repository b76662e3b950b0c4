import { describe, expect, it } from 'vitest';
import { computeRatio } from '../../src/web/platform/financing/ratios.js';
import { sameDraft, toDraft, toFormValues, toPayload } from '../../src/web/platform/financing/formValues.js';
import { draftRequest, registrationPayloadSchema } from '../../src/shared/schemas/registration.js';

const filled = {
  basic: {
    industryCode: '397',
    districtCode: '110108',
    establishedOn: '2012-06-18',
    employees: '120',
    employeesPrev: '100',
    revenue: '8000',
    revenuePrev: '6400',
    assets: '9000',
    netProfit: '-120.5',
    taxPaid: '300',
    contactName: '王建国',
    contactMobile: '13800000001',
  },
  indicators: {
    rdExpense: '800',
    rdStaff: '30',
    inventionPatents: '5',
    otherIp: '12',
    hiTechRevenue: '5000',
    techContractValue: '0',
    standards: '1',
    equityFinancing: '1500',
    rdInstitution: 'provincial',
    techAward: 'none',
    techProject: 'municipal',
  },
  optional: { financing: { need: undefined, amount: '', methods: [] }, hiTechCertNo: '  ', honours: ['', '省级专精特新'], highlights: '', attachments: [] },
};

describe('registration form: live ratios (display only)', () => {
  it('computes from exact hundredths, so 0.3 ÷ 0.1 is 300.00%', () => {
    expect(computeRatio('T02', { 'indicators.rdExpense': '0.3', 'basic.revenue': '0.1' })).toEqual({ state: 'value', text: '300.00%' });
    expect(computeRatio('T04', { 'indicators.rdStaff': '30', 'basic.employees': 120 })).toEqual({ state: 'value', text: '25.00%' });
  });

  it('growth rates are (this year − last year) ÷ last year, negatives included', () => {
    expect(computeRatio('G02', { 'basic.revenue': '8000', 'basic.revenuePrev': '6400' })).toEqual({ state: 'value', text: '25.00%' });
    expect(computeRatio('G06', { 'basic.employees': '90', 'basic.employeesPrev': '100' })).toEqual({ state: 'value', text: '-10.00%' });
    expect(computeRatio('G03', { 'basic.netProfit': '-120.5', 'basic.revenue': '8000' })).toEqual({ state: 'value', text: '-1.51%' });
  });

  it('a zero denominator is "not applicable", a missing or invalid part "incomplete"', () => {
    expect(computeRatio('T02', { 'indicators.rdExpense': '10', 'basic.revenue': '0' })).toMatchObject({ state: 'not_applicable' });
    expect(computeRatio('T02', { 'indicators.rdExpense': '10', 'basic.revenue': '' })).toEqual({ state: 'incomplete' });
    expect(computeRatio('T02', { 'indicators.rdExpense': '1.234', 'basic.revenue': '10' })).toEqual({ state: 'incomplete' });
    expect(computeRatio('T01', {})).toEqual({ state: 'incomplete' });
  });
});

describe('registration form: values to the server and back', () => {
  it('a filled form is a valid payload; ③ left empty never blocks', () => {
    const payload = toPayload(filled);
    expect(payload.optional).toEqual({ financing: { methods: [] }, honours: ['省级专精特新'], attachments: [] });
    const parsed = registrationPayloadSchema.safeParse(payload);
    expect(parsed.success).toBe(true);
  });

  it('the same cross-field rule as the server: 研发人员数 over 从业人员 is an error on that field', () => {
    const parsed = registrationPayloadSchema.safeParse(toPayload({ ...filled, indicators: { ...filled.indicators, rdStaff: '500' } }));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.find((i: { path: PropertyKey[] }) => i.path.join('.') === 'indicators.rdStaff')?.message).toBe('研发人员数不能超过从业人员（上年末）');
  });

  it('a draft keeps what was typed and sends empty fields as null; the server accepts it', () => {
    const draft = toDraft({ basic: { employees: '12', revenue: '' }, indicators: { rdExpense: '1,2' } });
    expect(draft.basic).toEqual({ employees: '12', revenue: null });
    expect(draft.indicators).toEqual({ rdExpense: '1,2' });
    expect(draftRequest.safeParse({ revision: 0, ...draft }).success).toBe(true);
  });

  it('server values (numbers for counts) come back as text; key order does not make a draft differ', () => {
    const back = toFormValues({ basic: { employees: 120, revenue: '8000', contactName: null }, indicators: { rdStaff: 3 } });
    expect(back.basic).toEqual({ employees: '120', revenue: '8000' });
    expect(back.indicators).toEqual({ rdStaff: '3' });
    expect(sameDraft({ basic: { a: '1', b: '2' } }, { basic: { b: '2', a: '1' } })).toBe(true);
    expect(sameDraft({ basic: { a: '1' } }, { basic: { a: '2' } })).toBe(false);
  });
});
