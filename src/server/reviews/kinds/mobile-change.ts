import { z } from 'zod';
import { smsTemplates } from '../../../shared/sms-templates.js';
import type { ComparedField, ReviewKindModule } from '../kind.js';
import { divisionCodeOf, verifiedRecordOf } from '../verified-record.js';

const payloadSchema = z.object({
  accountType: z.enum(['legal', 'natural']),
  newMobile: z.string(),
  applicantName: z.string(),
  applicantIdNumber: z.string(),
  enterpriseName: z.string().optional(),
  uscc: z.string().optional(),
  description: z.string().optional(),
});
type MobileChangePayload = z.infer<typeof payloadSchema>;

/**
 * 手机号修改 by 人工核验 (filed on the login page, no login): decided by the operators of the
 * target account's verified record, because whoever files it may type anything about
 * themselves. 通过 binds the new mobile and ends the account's sessions.
 */
export const mobileChange: ReviewKindModule<MobileChangePayload> = {
  kind: 'mobile_change',
  payloadSchema,

  regionOf(_payload, account, pii) {
    const record = verifiedRecordOf(account, pii);
    return record ? divisionCodeOf(record) : null;
  },

  view(payload, account, pii) {
    const record = verifiedRecordOf(account, pii);
    // The rows follow the account's verified type; without one, the type the applicant chose.
    const userType = record?.userType ?? payload.accountType;
    const comparison: ComparedField[] = [{ field: 'accountType', applicant: payload.accountType, account: record?.userType ?? null }];
    if (userType === 'legal') {
      const legal = record?.userType === 'legal' ? record : null;
      comparison.push(
        { field: 'enterpriseName', applicant: payload.enterpriseName ?? null, account: legal?.enterpriseName ?? null },
        { field: 'uscc', applicant: payload.uscc ?? null, account: legal?.uscc ?? null },
        { field: 'legalRepName', applicant: payload.applicantName, account: legal?.legalRepName ?? null, sensitive: 'name' },
        { field: 'legalRepIdNumber', applicant: payload.applicantIdNumber, account: legal?.idNumber ?? null, sensitive: 'idNumber' },
      );
    } else {
      const natural = record?.userType === 'natural' ? record : null;
      comparison.push(
        { field: 'personName', applicant: payload.applicantName, account: natural?.personName ?? null, sensitive: 'name' },
        { field: 'personIdNumber', applicant: payload.applicantIdNumber, account: natural?.idNumber ?? null, sensitive: 'idNumber' },
      );
    }
    return {
      applicant: [
        { field: 'newMobile', value: payload.newMobile, sensitive: 'mobile' },
        { field: 'description', value: payload.description ?? null },
      ],
      comparison,
    };
  },

  async approve(payload, { account, operator }, deps) {
    await deps.credentials.changeMobile(account, payload.newMobile, '人工核验', { type: 'operator', id: operator.id, ip: operator.ip });
  },

  async reject(payload, { request }, reason, deps) {
    await deps.sms.send({ to: payload.newMobile, text: smsTemplates.mobileChangeRejected(request.acceptance_no, reason) });
  },
};
