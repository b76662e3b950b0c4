import type { AccountRow } from '../db/repos/accounts.js';
import type { PiiCrypto } from '../security/pii-crypto.js';

/**
 * The account columns that make an account a verified 法人 of one enterprise, written by
 * 实名认证 (registry check) and by 管理端 【通过】 (人工核验) alike. `verified_uscc` is unique:
 * the database decides when two accounts claim one enterprise.
 */
export function legalVerificationChanges(
  enterprise: { enterpriseName: string; uscc: string; legalRepName: string; idNumber: string },
  pii: PiiCrypto,
  at: string,
): Partial<AccountRow> {
  return {
    user_type: 'legal',
    realname_status: 'verified',
    verified_uscc: enterprise.uscc,
    enterprise_name: enterprise.enterpriseName,
    legal_rep_name: enterprise.legalRepName,
    id_number_enc: pii.encrypt(enterprise.idNumber),
    id_number_hash: pii.lookupHash(enterprise.idNumber, 'id_number'),
    verified_at: at,
    updated_at: at,
  };
}
