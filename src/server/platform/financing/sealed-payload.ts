import type { PiiCrypto } from '../../security/pii-crypto.js';
import type { DraftPayload, RegistrationPayload } from '../../../shared/schemas/registration.js';

type StoredPayload = Omit<DraftPayload, 'basic'> & { basic?: Record<string, unknown>; contactEnc?: string };

/**
 * How a draft or a version is stored: the JSON of the payload with 联系人 and 联系人手机 taken
 * out of ① and kept as one ciphertext (`contactEnc`), so they are never clear in the database.
 */
export function sealPayload(payload: DraftPayload | RegistrationPayload, pii: Pick<PiiCrypto, 'encrypt'>): string {
  const { contactName, contactMobile, ...basic } = (payload.basic ?? {}) as Record<string, unknown>;
  const contact = { contactName: contactName ?? null, contactMobile: contactMobile ?? null };
  return JSON.stringify({ ...payload, basic, contactEnc: pii.encrypt(JSON.stringify(contact)) });
}

/** The payload with 联系人 and 联系人手机 back in ①. */
export function unsealPayload<T = DraftPayload>(stored: string, pii: Pick<PiiCrypto, 'decrypt'>): T {
  const { contactEnc, ...rest } = JSON.parse(stored) as StoredPayload;
  const contact = contactEnc ? (JSON.parse(pii.decrypt(contactEnc)) as { contactName: string | null; contactMobile: string | null }) : { contactName: null, contactMobile: null };
  return { ...rest, basic: { ...(rest.basic ?? {}), ...contact } } as T;
}

/** Keyed hash of a submitted payload: tells a double submit (same data) from a different one. */
export const payloadHash = (payload: RegistrationPayload, pii: Pick<PiiCrypto, 'lookupHash'>) => pii.lookupHash(JSON.stringify(payload), 'registration_payload');
