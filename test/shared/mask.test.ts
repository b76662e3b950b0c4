import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { maskEmail, maskIdNumber, maskMobile, maskName } from '../../src/shared/mask.js';

describe('mask exact outputs', () => {
  it('masks ID numbers: first 4, last 4, stars between', () => {
    expect(maskIdNumber('110101199003077723')).toBe('1101**********7723');
    expect(maskIdNumber('11010119900307772X')).toBe('1101**********772X');
    expect(maskIdNumber('110101900307772')).toBe('1101*******7772');
  });

  it('masks mobiles: first 3, last 4', () => {
    expect(maskMobile('13800000001')).toBe('138****0001');
  });

  it('masks e-mails: first character of the local part, ***, domain', () => {
    expect(maskEmail('demo@x.com')).toBe('d***@x.com');
    expect(maskEmail('a@example.org')).toBe('a***@example.org');
    expect(maskEmail('张三@例子.中国')).toBe('张***@例子.中国');
  });

  it('masks names: first character kept', () => {
    expect(maskName('王建国')).toBe('王**');
    expect(maskName('刘洋')).toBe('刘*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('𠀀明')).toBe('𠀀*');
  });
});

describe('mask short and odd input', () => {
  it('returns empty string for empty, null and undefined', () => {
    for (const f of [maskIdNumber, maskMobile, maskEmail, maskName]) {
      expect(f('')).toBe('');
      expect(f(null)).toBe('');
      expect(f(undefined)).toBe('');
    }
  });

  it('returns stars of the same length for too-short values', () => {
    expect(maskIdNumber('1234')).toBe('****');
    expect(maskIdNumber('12345678')).toBe('********');
    expect(maskIdNumber('E12345678')).toBe('*********');
    expect(maskMobile('1380000')).toBe('*******');
    expect(maskMobile('1')).toBe('*');
    expect(maskName('王')).toBe('*');
    expect(maskEmail('nobody')).toBe('******');
    expect(maskEmail('@x.com')).toBe('******');
  });

  it('never throws and never returns the whole input for mobiles and ID numbers (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        for (const f of [maskIdNumber, maskMobile, maskEmail, maskName]) {
          const out = f(s);
          expect(typeof out).toBe('string');
        }
        const len = Array.from(s).length;
        expect(Array.from(maskIdNumber(s))).toHaveLength(len);
        expect(Array.from(maskMobile(s))).toHaveLength(len);
        expect(Array.from(maskName(s))).toHaveLength(len);
        if (!s.includes('*') && len > 0) {
          expect(maskIdNumber(s)).not.toBe(s);
          expect(maskMobile(s)).not.toBe(s);
          expect(maskName(s)).not.toBe(s);
        }
      }),
    );
  });

  it('keeps the visible parts of any long digit string (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{15,20}$/), (s) => {
        const m = maskIdNumber(s);
        expect(m.slice(0, 4)).toBe(s.slice(0, 4));
        expect(m.slice(-4)).toBe(s.slice(-4));
        expect(m.slice(4, -4)).toBe('*'.repeat(s.length - 8));
      }),
    );
  });
});
