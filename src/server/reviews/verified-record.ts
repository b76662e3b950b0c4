import type { AccountRow } from '../db/repos/accounts.js';
import type { PiiCrypto } from '../security/pii-crypto.js';
import { idDivisionCode, usccDivisionCode } from '../../shared/validators/index.js';

/** What 实名认证 established about an account: the data a 手机号修改 is checked against. */
export type VerifiedRecord =
  | { userType: 'legal'; uscc: string; enterpriseName: string | null; legalRepName: string | null; idNumber: string }
  | { userType: 'natural'; personName: string | null; idNumber: string };

/** The account's verified record; null for an unknown, unverified or 审核中 account. */
export function verifiedRecordOf(account: AccountRow | null | undefined, pii: PiiCrypto): VerifiedRecord | null {
  if (!account || account.realname_status !== 'verified' || !account.id_number_enc) return null;
  const idNumber = pii.decrypt(account.id_number_enc);
  if (account.user_type === 'legal' && account.verified_uscc) {
    return { userType: 'legal', uscc: account.verified_uscc, enterpriseName: account.enterprise_name, legalRepName: account.legal_rep_name, idNumber };
  }
  if (account.user_type === 'natural') return { userType: 'natural', personName: account.person_name, idNumber };
  return null;
}

/** The division code of a verified record: the USCC's for 法人, the ID number's for 自然人. */
export function divisionCodeOf(record: VerifiedRecord): string {
  return record.userType === 'legal' ? usccDivisionCode(record.uscc) : idDivisionCode(record.idNumber);
}
