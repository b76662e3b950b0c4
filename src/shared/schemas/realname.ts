import { z } from 'zod';
import { zEnterpriseName, zIdNumber, zPersonName, zUscc } from '../validators/index.js';

/** 实名认证 forms (flows.md). `today` is the clock: birth dates must not be in the future. */

const zLegalRepName = z.string({ error: '请输入法定代表人姓名' }).trim().min(2, '法定代表人姓名应为2-50个字符').max(50, '法定代表人姓名应为2-50个字符');

export const realnameLegalSchema = (today: () => Date) =>
  z.object({
    enterpriseName: zEnterpriseName,
    uscc: zUscc,
    legalRepName: zLegalRepName,
    idType: z.literal('resident_id', { error: '请选择证件类型' }),
    idNumber: zIdNumber(today),
  });

/** Other 证件类型 cannot be checked automatically: 人工核验 with uploads. */
export const realnameManualFieldsSchema = z.object({
  enterpriseName: zEnterpriseName,
  uscc: zUscc,
  legalRepName: zLegalRepName,
  idType: z.enum(['hk_macao', 'taiwan', 'passport'], { error: '请选择证件类型' }),
  idNumber: z
    .string({ error: '请输入证件号码' })
    .trim()
    .regex(/^[A-Za-z0-9]{5,20}$/, '证件号码格式错误'),
});

export const realnameNaturalSchema = (today: () => Date) => z.object({ name: zPersonName, idNumber: zIdNumber(today) });

/** `POST /api/uc/realname/legal-manual`: filed for 人工核验 under this 受理编号. */
export const realnameManualResponse = z.object({ ok: z.literal(true), acceptanceNo: z.string() });
export type RealnameManualFiled = z.infer<typeof realnameManualResponse>;

export { UPLOAD_MAX_BYTES } from '../uploads.js';
