import { z } from 'zod';
import { smsTemplates } from '../../../shared/sms-templates.js';
import { legalVerificationChanges } from '../../domain/legal-verification.js';
import { usccDivisionCode } from '../../../shared/validators/index.js';
import type { ReviewKindModule } from '../kind.js';

const payloadSchema = z.object({
  enterpriseName: z.string(),
  uscc: z.string(),
  legalRepName: z.string(),
  idType: z.string(),
  idNumber: z.string(),
});
type RealnamePayload = z.infer<typeof payloadSchema>;

/**
 * 法人 实名认证 with a 证件类型 the registry cannot check (filed from 账号设置, logged in):
 * decided by the operators of the claimed USCC's region. 通过 verifies the account as 法人
 * under the same uniqueness rule as the automatic check.
 */
export const realname: ReviewKindModule<RealnamePayload> = {
  kind: 'realname',
  payloadSchema,

  regionOf: (payload) => usccDivisionCode(payload.uscc),

  view: (payload) => ({
    applicant: [
      { field: 'enterpriseName', value: payload.enterpriseName },
      { field: 'uscc', value: payload.uscc },
      { field: 'legalRepName', value: payload.legalRepName, sensitive: 'name' },
      { field: 'idType', value: payload.idType },
      { field: 'idNumber', value: payload.idNumber, sensitive: 'idNumber' },
    ],
    comparison: null,
  }),

  async approve(payload, { request, account }, deps) {
    await deps.accounts.update(account.id, legalVerificationChanges(payload, deps.pii, deps.clock.now().toISOString()));
    await deps.sms.send({ to: deps.pii.decrypt(account.mobile_enc), text: smsTemplates.realnameApproved(request.acceptance_no) });
  },

  async reject(_payload, { request, account }, reason, deps) {
    if (!account) return;
    await deps.accounts.update(account.id, { realname_status: 'unverified', updated_at: deps.clock.now().toISOString() });
    await deps.sms.send({ to: deps.pii.decrypt(account.mobile_enc), text: smsTemplates.realnameRejected(request.acceptance_no, reason) });
  },
};
