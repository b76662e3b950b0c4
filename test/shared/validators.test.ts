import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  COMMON_PASSWORDS,
  PASSWORD_RULES,
  USCC_CHARSET,
  checkPassword,
  idCheckChar,
  idDivisionCode,
  isCommonPassword,
  makeIdNumber,
  makeUscc,
  normalizeEmail,
  normalizeEnterpriseName,
  normalizeIdNumber,
  normalizeMobile,
  normalizeUscc,
  provinceCodeOf,
  refinePassword,
  usccCheckChar,
  usccDivisionCode,
  validateEmail,
  validateEnterpriseName,
  validateIdNumber,
  validateLoginName,
  validateMobile,
  validatePersonName,
  validateUscc,
  zEmail,
  zEnterpriseName,
  zIdNumber,
  zLoginName,
  zMobile,
  zPassword,
  zPersonName,
  zUscc,
  type ValidationResult,
} from '../../src/shared/validators/index.js';
import { readList } from '../../scripts/common-passwords.gen.js';

const TODAY = new Date('2025-06-01T04:00:00Z'); // 2025-06-01 12:00 Beijing time

const DEMO_USCCS = [
  '91110108MA01A1B215',
  '91310115MA1K2L3M46',
  '91440305MA5D6E7F6P',
  '91330106MA2H3J4K38',
  '91320506MA1N2P3Q02',
  '91510107MA6R7T8U6A',
  '91420111MA4W5X6Y7W',
  '91370212MA3B4C5D5C',
];

const DEMO_IDS = [
  '110108197805122317',
  '31011519820917452X',
  '440305197503031186',
  '330106198811213277',
  '320506196907306153',
  '510107199002157441',
  '420111198306080592',
  '37021219761011282X',
  '110101199003077723',
];

const PROVINCES = [
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64',
  '65', '71', '81', '82',
];

const toFullWidth = (s: string) =>
  s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

function expectInvalid(result: ValidationResult, message: string) {
  expect(result).toEqual({ ok: false, message });
}

// ---------------------------------------------------------------- arbitraries

const digits = (n: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((a) => a.join(''));

const divisionCode = fc
  .tuple(fc.constantFrom(...PROVINCES), digits(4))
  .map(([p, rest]) => p + rest);

const usccDeptCategory = fc.constantFrom(
  '11', '12', '13', '19', '21', '29', '31', '35', '41', '51', '52', '53', '59', '61', '71',
  '81', '91', '92', '93', 'A1', 'A9', 'N1', 'N2', 'N3', 'N9', 'Y1',
);

const validUscc = fc
  .tuple(
    usccDeptCategory,
    divisionCode,
    fc.array(fc.constantFrom(...USCC_CHARSET), { minLength: 9, maxLength: 9 }),
  )
  .map(([head, division, body]) => makeUscc(head + division + body.join('')));

const birthDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-05-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10).replace(/-/g, ''));

const validId = fc
  .tuple(divisionCode, birthDate, digits(3))
  .map(([division, birth, seq]) => makeIdNumber(division + birth + seq));

const validMobile = fc
  .tuple(fc.constantFrom(...'3456789'), digits(9))
  .map(([second, rest]) => `1${second}${rest}`);

// ---------------------------------------------------------------- USCC

describe('统一社会信用代码', () => {
  it.each(DEMO_USCCS)('accepts the demo code %s', (code) => {
    expect(validateUscc(code)).toEqual({ ok: true, value: code });
  });

  it('computes the check character', () => {
    expect(usccCheckChar('91110108MA01A1B21')).toBe('5');
    expect(usccCheckChar('91440305MA5D6E7F6')).toBe('P');
    expect(makeUscc('91370212ma3b4c5d5')).toBe('91370212MA3B4C5D5C');
    expect(() => usccCheckChar('9111010')).toThrow(RangeError);
    expect(() => usccCheckChar('91110108MA01A1B2I')).toThrow(RangeError);
  });

  it.each([
    ['91110108ma01a1b215', '91110108MA01A1B215'],
    ['  91310115MA1K2L3M46\t', '91310115MA1K2L3M46'],
    [toFullWidth('91440305ma5d6e7f6p'), '91440305MA5D6E7F6P'],
  ])('normalises %j', (input, expected) => {
    expect(normalizeUscc(input)).toBe(expected);
    expect(validateUscc(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', '统一社会信用代码应为18位'],
    ['91110108MA01A1B21', '统一社会信用代码应为18位'],
    ['91110108MA01A1B2155', '统一社会信用代码应为18位'],
    ['91110108MA01A1BI15', '统一社会信用代码含有非法字符'],
    ['91110108MA01A1BO15', '统一社会信用代码含有非法字符'],
    ['91110108MA01A1B-15', '统一社会信用代码含有非法字符'],
    ['9111010８MA01A1B21中', '统一社会信用代码含有非法字符'],
    // department B does not exist; department 9 has no category 4; Y only category 1;
    // department 1 has no category 4; category 0 nowhere
    [makeUscc('B1110108MA01A1B21'), '统一社会信用代码格式错误'],
    [makeUscc('94110108MA01A1B21'), '统一社会信用代码格式错误'],
    [makeUscc('Y2110108MA01A1B21'), '统一社会信用代码格式错误'],
    [makeUscc('14110108MA01A1B21'), '统一社会信用代码格式错误'],
    [makeUscc('20110108MA01A1B21'), '统一社会信用代码格式错误'],
    // division code: no province 10, 99, 72; must be digits
    [makeUscc('91100108MA01A1B21'), '统一社会信用代码格式错误'],
    [makeUscc('91990108MA01A1B21'), '统一社会信用代码格式错误'],
    [makeUscc('91720108MA01A1B21'), '统一社会信用代码格式错误'],
    [makeUscc('9111A108MA01A1B21'), '统一社会信用代码格式错误'],
    ['91110108MA01A1B216', '统一社会信用代码校验位错误'],
    ['91110108MA01A1B315', '统一社会信用代码校验位错误'],
  ])('rejects %j with %s', (input, message) => {
    expectInvalid(validateUscc(input), message);
  });

  it('accepts other department/category pairs of the standard', () => {
    for (const head of ['11', '12', '13', '19', '31', '51', '52', '53', '59', '92', '93', 'A1', 'N2', 'Y1']) {
      const code = makeUscc(`${head}110108MA01A1B21`);
      expect(validateUscc(code).ok, code).toBe(true);
    }
  });

  it('extracts the division and province codes', () => {
    expect(usccDivisionCode('91440305ma5d6e7f6p')).toBe('440305');
    expect(provinceCodeOf(usccDivisionCode('91440305MA5D6E7F6P'))).toBe('44');
  });

  it('property: a generated code passes', () => {
    fc.assert(
      fc.property(validUscc, (code) => {
        expect(validateUscc(code)).toEqual({ ok: true, value: code });
        expect(validateUscc(code.toLowerCase()).ok).toBe(true);
      }),
    );
  });

  it('property: replacing any one character by another of the charset fails', () => {
    fc.assert(
      fc.property(
        validUscc,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 30 }),
        (code, index, shift) => {
          const replacement = USCC_CHARSET[(USCC_CHARSET.indexOf(code[index]) + shift) % 31];
          const mutated = code.slice(0, index) + replacement + code.slice(index + 1);
          expect(mutated).not.toBe(code);
          expect(validateUscc(mutated).ok).toBe(false);
        },
      ),
    );
  });
});

// ---------------------------------------------------------------- 身份证号

describe('居民身份证号码', () => {
  it.each(DEMO_IDS)('accepts the demo number %s', (id) => {
    expect(validateIdNumber(id, TODAY)).toEqual({ ok: true, value: id });
  });

  it('computes the check character', () => {
    expect(idCheckChar('11010819780512231')).toBe('7');
    expect(idCheckChar('31011519820917452')).toBe('X');
    expect(makeIdNumber('11010119900307772')).toBe('110101199003077723');
    expect(() => idCheckChar('1101011990030777X')).toThrow(RangeError);
  });

  it.each([
    ['31011519820917452x', '31011519820917452X'],
    [' 37021219761011282x ', '37021219761011282X'],
    [toFullWidth('31011519820917452x'), '31011519820917452X'],
  ])('normalises %j', (input, expected) => {
    expect(normalizeIdNumber(input)).toBe(expected);
    expect(validateIdNumber(input, TODAY)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', '身份证号码格式错误'],
    ['11010819780512231', '身份证号码格式错误'],
    ['1101081978051223170', '身份证号码格式错误'],
    ['11010819780512231Y', '身份证号码格式错误'],
    ['1101081978051223X7', '身份证号码格式错误'],
    ['110108 19780512231', '身份证号码格式错误'],
    [makeIdNumber('10010819780512231'), '身份证号码格式错误'], // province 10
    [makeIdNumber('99010819780512231'), '身份证号码格式错误'], // province 99
    [makeIdNumber('11010819781332231'), '身份证号码格式错误'], // month 13
    [makeIdNumber('11010819780002231'), '身份证号码格式错误'], // month 00
    [makeIdNumber('11010819780230231'), '身份证号码格式错误'], // 30 Feb
    [makeIdNumber('11010819010229231'), '身份证号码格式错误'], // 1901 not leap
    [makeIdNumber('11010819000229231'), '身份证号码格式错误'], // 1900 not leap
    [makeIdNumber('11010818991231231'), '身份证号码格式错误'], // before 1900
    [makeIdNumber('11010820250602231'), '身份证号码格式错误'], // tomorrow
    [makeIdNumber('11010830000101231'), '身份证号码格式错误'], // far future
    ['110108197805122318', '身份证号码校验位错误'],
    ['11010819780512231X', '身份证号码校验位错误'],
    ['310115198209174521', '身份证号码校验位错误'],
  ])('rejects %j with %s', (input, message) => {
    expectInvalid(validateIdNumber(input, TODAY), message);
  });

  it('accepts the boundary dates and leap days', () => {
    for (const first17 of [
      '11010819000101231', // 1900-01-01
      '11010820000229231', // 2000 is leap
      '11010819960229231',
      '11010820250601231', // today
    ]) {
      const id = makeIdNumber(first17);
      expect(validateIdNumber(id, TODAY).ok, id).toBe(true);
    }
  });

  it('takes "today" in Beijing time from the injected clock', () => {
    const id = makeIdNumber('11010820250602231');
    // 2025-06-01T16:30Z is already 2025-06-02 00:30 in Beijing
    expect(validateIdNumber(id, new Date('2025-06-01T16:30:00Z')).ok).toBe(true);
    expect(validateIdNumber(id, new Date('2025-06-01T15:30:00Z')).ok).toBe(false);
  });

  it('extracts the division code', () => {
    expect(idDivisionCode('31011519820917452x')).toBe('310115');
  });

  it('property: a generated number passes', () => {
    fc.assert(
      fc.property(validId, (id) => {
        expect(validateIdNumber(id, TODAY)).toEqual({ ok: true, value: id });
        expect(validateIdNumber(id.toLowerCase(), TODAY).ok).toBe(true);
      }),
    );
  });

  it('property: replacing any one character by another of 0-9 and X fails', () => {
    const allowed = '0123456789X';
    fc.assert(
      fc.property(
        validId,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 10 }),
        (id, index, shift) => {
          const replacement = allowed[(allowed.indexOf(id[index]) + shift) % 11];
          const mutated = id.slice(0, index) + replacement + id.slice(index + 1);
          expect(mutated).not.toBe(id);
          expect(validateIdNumber(mutated, TODAY).ok).toBe(false);
        },
      ),
    );
  });
});

// ---------------------------------------------------------------- 手机号

describe('手机号', () => {
  it.each([
    ['13800000001', '13800000001'],
    ['19912345678', '19912345678'],
    [' 138 0000 0001 ', '13800000001'],
    ['138-0000-0001', '13800000001'],
    ['+86 138 0000 0001', '13800000001'],
    ['+8613800000001', '13800000001'],
    ['0086-13800000001', '13800000001'],
    [toFullWidth('13800000001'), '13800000001'],
  ])('accepts %j', (input, expected) => {
    expect(normalizeMobile(input)).toBe(expected);
    expect(validateMobile(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    '', '1380000000', '138000000012', '12800000001', '10800000001', '23800000001',
    '1380000000a', '86 13800000001', '+8713800000001', '+86+8613800000001', '13800000001x',
  ])('rejects %j', (input) => {
    expectInvalid(validateMobile(input), '手机号格式错误');
  });

  it('property: generated mobiles pass, with or without formatting', () => {
    fc.assert(
      fc.property(validMobile, fc.constantFrom('', '+86', '0086', '+86 '), (m, prefix) => {
        const formatted = `${prefix}${m.slice(0, 3)} ${m.slice(3, 7)}-${m.slice(7)}`;
        expect(validateMobile(m)).toEqual({ ok: true, value: m });
        expect(validateMobile(formatted)).toEqual({ ok: true, value: m });
      }),
    );
  });
});

// ---------------------------------------------------------------- 密码

describe('密码', () => {
  it.each(['Demo@2025', 'Tidu#Peiyu8', 'xK9!mQ2$vR', 'abcdEFGH1234', 'zhong-Guo-2049', 'A'.repeat(29) + 'b1!'])(
    'accepts %j',
    (password) => {
      expect(checkPassword(password, { loginName: 'demo_xjr', mobile: '13800000001' })).toEqual({
        ok: true,
        unmet: [],
        message: '',
      });
    },
  );

  it.each([
    ['Ab1!', [PASSWORD_RULES.length]],
    ['Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!x', [PASSWORD_RULES.length]],
    ['abcdefghij', [PASSWORD_RULES.classes]],
    ['abcdefgh12', [PASSWORD_RULES.classes]],
    ['ABCDEFGH!!', [PASSWORD_RULES.classes]],
    ['xyz', [PASSWORD_RULES.length, PASSWORD_RULES.classes]],
    ['abc', [PASSWORD_RULES.length, PASSWORD_RULES.classes, PASSWORD_RULES.common]],
    ['', [PASSWORD_RULES.length, PASSWORD_RULES.classes]],
    ['P@ssw0rd', [PASSWORD_RULES.common]],
    ['Aa123456!', [PASSWORD_RULES.common]],
    ['Admin@123', [PASSWORD_RULES.common]],
    ['Abc@1234', [PASSWORD_RULES.common]],
    ['Qwer1234!', [PASSWORD_RULES.common]],
    ['Passw0rd!', [PASSWORD_RULES.common]],
    ['Abc@123456', [PASSWORD_RULES.common]],
    ['pASSW0RD!', [PASSWORD_RULES.common]],
    ['password', [PASSWORD_RULES.classes, PASSWORD_RULES.common]],
    ['123456', [PASSWORD_RULES.length, PASSWORD_RULES.classes, PASSWORD_RULES.common]],
  ])('rejects %j', (password, unmet) => {
    const result = checkPassword(password);
    expect(result.ok).toBe(false);
    expect(result.unmet).toEqual(unmet);
    expect(result.message).toBe(`密码不符合要求：${unmet.join('；')}`);
  });

  it('refuses the login name (case-insensitive) and the mobile', () => {
    expect(checkPassword('Zhang_San_1', { loginName: 'zhang_san_1' }).unmet).toEqual([
      PASSWORD_RULES.loginName,
    ]);
    expect(checkPassword('Zhang_San_1', { loginName: ' Zhang_San_1 ' }).ok).toBe(false);
    expect(checkPassword('13800000001', { mobile: '+86 138-0000-0001' }).unmet).toEqual([
      PASSWORD_RULES.classes,
      PASSWORD_RULES.mobile,
    ]);
    expect(checkPassword('Zhang_San_1', { loginName: 'zhang_san_2', mobile: '13800000001' }).ok).toBe(true);
    expect(checkPassword('Demo@2025', { loginName: 'Demo@2025' }).message).toBe(
      '密码不符合要求：不能与登录名相同',
    );
  });

  it('ships at least 1,000 common passwords, including ones that pass complexity', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(1000);
    const complex = [...COMMON_PASSWORDS].filter((p) => /[a-z]/.test(p) && /\d/.test(p) && /[^a-z0-9]/.test(p));
    expect(complex.length).toBeGreaterThanOrEqual(300);
    for (const p of ['woaini1314', 'iloveyou', 'qwerty', '1qaz2wsx', 'huawei@123', 'p@ssw0rd']) {
      expect(isCommonPassword(p), p).toBe(true);
    }
    expect(isCommonPassword('Demo@2025')).toBe(false);
    expect(isCommonPassword('demo@2025')).toBe(false);
  });

  it('the embedded list matches src/shared/data/common-passwords.txt', () => {
    const txt = readList();
    expect(txt.length).toBeGreaterThanOrEqual(1000);
    expect(new Set(txt)).toEqual(COMMON_PASSWORDS);
  });

  const upper = fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZ');
  const lower = fc.constantFrom(...'abcdefghijkmnopqrstuvwxyz');
  const digit = fc.constantFrom(...'0123456789');
  const symbol = fc.constantFrom(...'!@#$%^&*()-_=+[]{};:,.<>/?~');

  it('property: 8–32 characters of three or four classes, not common, pass', () => {
    const strong = fc
      .tuple(
        fc.shuffledSubarray([upper, lower, digit, symbol], { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 8, max: 32 }),
        fc.array(fc.oneof(upper, lower, digit, symbol), { minLength: 32, maxLength: 32 }),
      )
      .chain(([classes, length, filler]) =>
        fc.tuple(...classes).map((required) => required.join('') + filler.slice(0, length - 3).join('')),
      )
      .filter((p) => !isCommonPassword(p));
    fc.assert(
      fc.property(strong, (password) => {
        expect(checkPassword(password).ok).toBe(true);
        expect(checkPassword(password, { loginName: `${password}x`, mobile: '13800000001' }).ok).toBe(true);
      }),
    );
  });

  it('property: ok exactly when nothing is unmet; message lists the unmet rules', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 12 }), (password, loginName) => {
        const result = checkPassword(password, { loginName });
        expect(result.ok).toBe(result.unmet.length === 0);
        expect(result.message).toBe(result.ok ? '' : `密码不符合要求：${result.unmet.join('；')}`);
        const length = [...password].length;
        expect(result.unmet.includes(PASSWORD_RULES.length)).toBe(length < 8 || length > 32);
      }),
    );
  });

  it('property: two character classes never suffice', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray([upper, lower, digit, symbol], { minLength: 1, maxLength: 2 }).chain((classes) =>
          fc.array(fc.oneof(...classes), { minLength: 8, maxLength: 32 }),
        ),
        (chars) => {
          expect(checkPassword(chars.join('')).unmet).toContain(PASSWORD_RULES.classes);
        },
      ),
    );
  });

  it('property: the login name in any letter case is refused', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 32 }), fc.boolean(), (name, upperCase) => {
        const password = upperCase ? name.toUpperCase() : name.toLowerCase();
        fc.pre(password.toLowerCase() === name.toLowerCase() && name.trim() === name);
        expect(checkPassword(password, { loginName: name }).unmet).toContain(PASSWORD_RULES.loginName);
      }),
    );
  });

  it('property: every listed password is refused in any letter case', () => {
    const list = [...COMMON_PASSWORDS];
    fc.assert(
      fc.property(fc.constantFrom(...list), fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), (p, flips) => {
        const variant = [...p].map((c, i) => (flips[i] ? c.toUpperCase() : c)).join('');
        expect(checkPassword(variant).unmet).toContain(PASSWORD_RULES.common);
      }),
    );
  });
});

// ---------------------------------------------------------------- names

describe('企业名称', () => {
  it.each([
    ['北京智芯微电子科技有限公司', '北京智芯微电子科技有限公司'],
    ['  华为技术有限公司 ', '华为技术有限公司'],
    ['腾讯科技(深圳)有限公司', '腾讯科技（深圳）有限公司'],
    ['腾讯科技（深圳）有限公司', '腾讯科技（深圳）有限公司'],
    ['ABB (China) Ltd.', 'ABB （China） Ltd.'],
    ['京东', '京东'],
    ['企'.repeat(100), '企'.repeat(100)],
    ['𠀀'.repeat(100), '𠀀'.repeat(100)],
  ])('accepts %j', (input, expected) => {
    expect(normalizeEnterpriseName(input)).toBe(expected);
    expect(validateEnterpriseName(input)).toEqual({ ok: true, value: expected });
  });

  it.each(['', '   ', '京', ' 京 ', '企'.repeat(101)])('rejects %j', (input) => {
    expectInvalid(validateEnterpriseName(input), '企业名称应为2-100个字符');
  });
});

describe('姓名', () => {
  it.each([
    ['王建国', '王建国'],
    ['赵敏', '赵敏'],
    [' 刘洋 ', '刘洋'],
    ['买买提·艾力', '买买提·艾力'],
    ['买买提‧艾力', '买买提·艾力'],
    ['买买提•艾力', '买买提·艾力'],
    ['阿沛·阿旺晋美', '阿沛·阿旺晋美'],
    ['𠀾明', '𠀾明'],
    ['张'.repeat(20), '张'.repeat(20)],
  ])('accepts %j', (input, expected) => {
    expect(validatePersonName(input)).toEqual({ ok: true, value: expected });
  });

  it.each(['', '王', '张'.repeat(21), 'Wang Jianguo', '王 建国', '王建国1', '·王建国', '王建国·', '王··建国', '王.建国', 'ワン'])(
    'rejects %j',
    (input) => {
      expectInvalid(validatePersonName(input), '姓名应为2-20个汉字');
    },
  );
});

describe('登录名', () => {
  it.each(['demo_xjr', 'demo_incomplete', 'admin', 'Ab_1', 'a'.repeat(30), 'zhangsan2025', 'A_________'])(
    'accepts %j',
    (input) => {
      expect(validateLoginName(input)).toEqual({ ok: true, value: input });
    },
  );

  it('trims and converts full-width letters', () => {
    expect(validateLoginName(`  ${toFullWidth('demo_xjr')} `)).toEqual({ ok: true, value: 'demo_xjr' });
  });

  it.each(['', 'abc', 'a'.repeat(31), '1abc', '_abc', 'ab-cd', 'ab cd', 'ab.cd', '张三丰abc', 'abc!'])(
    'rejects %j with the format message',
    (input) => {
      expectInvalid(validateLoginName(input), '登录名应为4-30位，以字母开头，只能包含字母、数字和下划线');
    },
  );

  it.each(['91110108MA01A1B215', 'Y1110108MA01A1B215', 'y1110108ma01a1b215', 'A1110108MA01A1B21X', '13800000001'])(
    'rejects the USCC / mobile shape %j',
    (input) => {
      expectInvalid(validateLoginName(input), '登录名不能使用统一社会信用代码或手机号的格式');
    },
  );

  it('property: generated USCCs and mobiles are refused as login names', () => {
    fc.assert(
      fc.property(fc.oneof(validUscc, validMobile), (value) => {
        expect(validateLoginName(value).ok).toBe(false);
      }),
    );
  });
});

// ---------------------------------------------------------------- e-mail

describe('邮箱', () => {
  it.each([
    ['demo_bound@example.com', 'demo_bound@example.com'],
    [' Zhang.San@Example.COM ', 'zhang.san@example.com'],
    ['a+tag@mail.example.cn', 'a+tag@mail.example.cn'],
    ["o'neil_x-y@sub-domain.example.org", "o'neil_x-y@sub-domain.example.org"],
    ['user@xn--fiqs8s.xn--fiqs8s', 'user@xn--fiqs8s.xn--fiqs8s'],
    [toFullWidth('test@qq.com'), 'test@qq.com'],
    [`${'a'.repeat(64)}@example.com`, `${'a'.repeat(64)}@example.com`],
  ])('accepts %j', (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
    expect(validateEmail(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    '', 'plain', '@example.com', 'user@', 'user@example', 'user@@example.com', 'a@b@example.com',
    'user.@example.com', '.user@example.com', 'us..er@example.com', 'user@-example.com',
    'user@example-.com', 'user@exa_mple.com', 'user@example.c', 'user@example.123',
    'user@[127.0.0.1]', '"quoted"@example.com', 'us er@example.com', '用户@example.com',
    'user@例子.中国', `${'a'.repeat(65)}@example.com`, `a@${'b'.repeat(64)}.com`,
    `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com`, // 260 chars,
  ])('rejects %j', (input) => {
    expectInvalid(validateEmail(input), '邮箱格式错误');
  });
});

// ---------------------------------------------------------------- zod helpers

describe('zod helpers', () => {
  const messages = (result: { success: boolean; error?: z.ZodError }) =>
    result.error?.issues.map((i) => i.message) ?? [];

  it.each([
    ['zUscc', zUscc, ' 91110108ma01a1b215 ', '91110108MA01A1B215', '91110108MA01A1B216', '统一社会信用代码校验位错误'],
    ['zIdNumber', zIdNumber(() => TODAY), '31011519820917452x', '31011519820917452X', '310115198209174521', '身份证号码校验位错误'],
    ['zMobile', zMobile, '+86 138-0000-0001', '13800000001', '12800000001', '手机号格式错误'],
    ['zEmail', zEmail, 'Demo_Bound@Example.com', 'demo_bound@example.com', 'demo_bound@', '邮箱格式错误'],
    ['zLoginName', zLoginName, ' demo_bound ', 'demo_bound', '13800000001', '登录名不能使用统一社会信用代码或手机号的格式'],
    ['zPersonName', zPersonName, '买买提•艾力', '买买提·艾力', 'Liu Yang', '姓名应为2-20个汉字'],
    ['zEnterpriseName', zEnterpriseName, '腾讯科技(深圳)有限公司', '腾讯科技（深圳）有限公司', '腾', '企业名称应为2-100个字符'],
    ['zPassword', zPassword, ' Demo@2025', ' Demo@2025', 'P@ssw0rd', '密码不符合要求：不能使用常见弱密码'],
  ] as const)('%s normalises and reports the Chinese message', (_name, schema, input, output, bad, message) => {
    expect(schema.parse(input)).toBe(output);
    expect(messages(schema.safeParse(bad))).toEqual([message]);
    expect(messages(schema.safeParse(undefined))).toEqual(['此项为必填项']);
    expect(messages(schema.safeParse(42))).toEqual(['此项为必填项']);
  });

  it('zIdNumber reads the injected clock on every parse', () => {
    let now = new Date('2025-06-01T04:00:00Z');
    const schema = zIdNumber(() => now);
    const id = makeIdNumber('11010820250602231');
    expect(schema.safeParse(id).success).toBe(false);
    now = new Date('2025-06-02T04:00:00Z');
    expect(schema.safeParse(id).success).toBe(true);
  });

  it('keeps plain string JSON schemas (usable in OpenAPI)', () => {
    expect(z.toJSONSchema(zUscc)).toMatchObject({ type: 'string' });
    expect(z.toJSONSchema(zPassword)).toMatchObject({ type: 'string' });
  });

  const register = z
    .object({ loginName: zLoginName, mobile: zMobile, password: zPassword })
    .superRefine(refinePassword({ password: 'password', loginName: 'loginName', mobile: 'mobile' }));

  it('refinePassword checks the password against the other fields', () => {
    expect(register.safeParse({ loginName: 'demo_xjr', mobile: '13800000001', password: 'Demo@2025' }).success).toBe(true);
    const same = register.safeParse({ loginName: 'Zhang_San_1', mobile: '13800000001', password: 'zhang_san_1' });
    expect(same.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [['password'], '密码不符合要求：不能与登录名相同'],
    ]);
  });

  it('refinePassword does not repeat a message the field already reported', () => {
    const weak = register.safeParse({ loginName: 'demo_xjr', mobile: '13800000001', password: 'xyz' });
    expect(weak.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [['password'], `密码不符合要求：${PASSWORD_RULES.length}；${PASSWORD_RULES.classes}`],
    ]);
  });
});

// ---------------------------------------------------------------- portability

describe('portability', () => {
  const dir = fileURLToPath(new URL('../../src/shared/validators/', import.meta.url));
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => [f, readFileSync(dir + f, 'utf8')] as const);

  it.each(sources)('%s uses no Node-only API and never reads the clock', (_file, source) => {
    expect(source).not.toMatch(/from ['"]node:|require\(|\bprocess\.|\bBuffer\b|__dirname/);
    expect(source).not.toMatch(/new Date\(\)|Date\.now\(\)/);
  });
});
