import type { PiiCrypto } from './pii-crypto.js';

/**
 * Remembers the plain text of recently decrypted values, by stored value, so that the pages read
 * on every request (用户中心, the platform header) do not verify and decrypt the same mobile,
 * ID number and names again each time: each decryption costs an HMAC-SM3 and an SM4 set-up,
 * together more than the rest of such a request.
 *
 * Why this keeps the protection of personal data at rest:
 * - only a value that passed the MAC check once is remembered, under its exact stored text
 *   (key id, nonce, ciphertext and MAC): a changed byte is a different key, checked anew;
 * - a stored value always decrypts to the same text, so nothing can go stale;
 * - the plain text stays in the memory of the process that already holds the keys;
 * - bounded: the least recently used value is forgotten first.
 */
export function withDecryptCache<T extends Pick<PiiCrypto, 'decrypt'>>(pii: T, maxEntries = 20_000): T {
  const plainOf = new Map<string, string>();
  return {
    ...pii,
    decrypt(stored: string): string {
      let plain = plainOf.get(stored);
      if (plain !== undefined) {
        // Most recently used last: Map keeps insertion order.
        plainOf.delete(stored);
      } else {
        plain = pii.decrypt(stored);
        if (plainOf.size >= maxEntries) plainOf.delete(plainOf.keys().next().value!);
      }
      plainOf.set(stored, plain);
      return plain;
    },
  };
}
