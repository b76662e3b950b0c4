import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as accountLabels from '../../src/shared/account-labels.js';
import * as contentLabels from '../../src/shared/content-labels.js';
import * as operatorLabels from '../../src/shared/operator-labels.js';
import * as qualificationLabels from '../../src/shared/qualification-labels.js';
import * as reviewLabels from '../../src/shared/review-labels.js';
import { successMessages } from '../../src/shared/messages.js';
import { credentialChangeTexts, emailTemplates, smsTemplates } from '../../src/shared/sms-templates.js';

const sharedDir = path.resolve(import.meta.dirname, '../../src/shared');
const importsOf = (file: string) => [...fs.readFileSync(path.join(sharedDir, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);

const chinese = /[\u4e00-\u9fa5]/;

describe('shared labels and messages', () => {
  it('keeps the label, message and template modules free of zod and of Node APIs (the browser loads them)', () => {
    const modules = fs.readdirSync(sharedDir).filter((f) => /-labels\.ts$|^messages\.ts$|^sms-templates\.ts$|^errors\.ts$/.test(f));
    expect(modules).toEqual(expect.arrayContaining(['account-labels.ts', 'operator-labels.ts', 'review-labels.ts', 'messages.ts', 'sms-templates.ts', 'errors.ts']));
    for (const file of modules) expect(importsOf(file), file).toEqual([]);
  });

  it('never lets a shared module reach into the server', () => {
    const files = fs.readdirSync(sharedDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    for (const file of files) {
      for (const spec of importsOf(file)) expect(spec, file).not.toMatch(/^node:|\/server\//);
    }
  });

  it('labels every value of each value set in Chinese', () => {
    const pairs: [readonly string[], Record<string, string>][] = [
      [accountLabels.USER_TYPES, accountLabels.USER_TYPE_LABELS],
      [accountLabels.REALNAME_STATUSES, accountLabels.REALNAME_STATUS_LABELS],
      [accountLabels.LOGIN_RESULTS, accountLabels.LOGIN_RESULT_LABELS],
      [accountLabels.ACCOUNT_STATUSES, accountLabels.ACCOUNT_STATUS_LABELS],
      [accountLabels.ID_TYPES, accountLabels.ID_TYPE_LABELS],
      [operatorLabels.OPERATOR_ROLES, operatorLabels.OPERATOR_ROLE_LABELS],
      [contentLabels.CONTENT_KINDS, contentLabels.CONTENT_KIND_LABELS],
      [qualificationLabels.QUALIFICATION_TYPES, qualificationLabels.QUALIFICATION_TYPE_LABELS],
      [reviewLabels.reviewKinds, reviewLabels.reviewKindLabels],
      [reviewLabels.reviewStatuses, reviewLabels.reviewStatusLabels],
      [reviewLabels.comparisonResults, reviewLabels.comparisonResultLabels],
    ];
    for (const [values, labels] of pairs) {
      expect(Object.keys(labels).sort()).toEqual([...values].sort());
      for (const value of values) expect(labels[value], value).toMatch(chinese);
    }
    expect(operatorLabels.OPERATOR_ROLE_LABELS).toEqual({ ministry: '部级', province: '省级', city: '市级' });
  });

  it('signs every SMS and fills in what each template names', () => {
    const texts = [
      smsTemplates.verificationCode('123456'),
      smsTemplates.credentialChanged('qiye01', '2026-11-25 10:05', credentialChangeTexts.mobile('邮箱核验')),
      smsTemplates.mobileBound('qiye01'),
      smsTemplates.mobileChangeApproved('qiye01'),
      smsTemplates.mobileChangeRejected('HY20261125000001', '材料不清晰'),
      smsTemplates.realnameApproved('HY20261125000001'),
      smsTemplates.realnameRejected('HY20261125000001', '材料不清晰'),
    ];
    for (const text of texts) expect(text.startsWith('【梯度培育平台】'), text).toBe(true);
    expect(texts[0]).toContain('验证码为123456');
    expect(texts[1]).toContain('qiye01于2026-11-25 10:05通过邮箱核验修改了绑定手机号');
    expect(texts[4]).toContain('受理编号HY20261125000001）未通过审核，原因：材料不清晰');
    expect(emailTemplates.verificationCode('654321').text).toContain('654321');
    expect(successMessages.mobileChangeFiled('HY20261125000001')).toContain('受理编号：HY20261125000001');
  });
});
