import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createPiiCrypto, FILE_MAGIC, PiiDecryptError } from '../../../src/server/security/pii-crypto.js';
import type { PiiKeyMaterial } from '../../../src/server/security/secrets.js';

const newKey = (): PiiKeyMaterial => ({ enc: randomBytes(16), mac: randomBytes(32) });
const k1 = newKey();
const lookupKey = randomBytes(32);
const crypto1 = createPiiCrypto({ pii: { current: 'k1', keys: new Map([['k1', k1]]) }, lookupKey });

const reason = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof PiiDecryptError ? error.reason : 'other';
  }
  return 'none';
};

describe('pii-crypto: file content', () => {
  it('round-trips any bytes, with a fresh nonce each time', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const plain = Buffer.from(bytes);
        expect(crypto1.decryptBytes(crypto1.encryptBytes(plain)).equals(plain)).toBe(true);
      }),
      { numRuns: 200 },
    );
    const plain = randomBytes(64);
    expect(crypto1.encryptBytes(plain).equals(crypto1.encryptBytes(plain))).toBe(false);
    expect(crypto1.encryptBytes(plain).subarray(0, 4).equals(FILE_MAGIC)).toBe(true);
  });

  it('refuses any changed byte (MAC checked before decrypting)', () => {
    const stored = crypto1.encryptBytes(randomBytes(100));
    const seen = new Set<string>();
    for (let i = 0; i < stored.length; i++) {
      const changed = Buffer.from(stored);
      changed[i] ^= 0x01;
      seen.add(reason(() => crypto1.decryptBytes(changed)));
    }
    expect(seen.has('none')).toBe(false);
    expect(seen.has('other')).toBe(false);
    expect(reason(() => crypto1.decryptBytes(stored.subarray(0, stored.length - 1)))).toBe('mac');
    expect(reason(() => crypto1.decryptBytes(Buffer.from('%PDF-1.4 plain')))).toBe('format');
  });

  it('decrypts files of an older key after rotation and names an unknown key', () => {
    const stored = crypto1.encryptBytes(Buffer.from('old'));
    const rotated = createPiiCrypto({ pii: { current: 'k2', keys: new Map([['k1', k1], ['k2', newKey()]]) }, lookupKey });
    expect(rotated.decryptBytes(stored).toString()).toBe('old');
    const withoutK1 = createPiiCrypto({ pii: { current: 'k2', keys: new Map([['k2', newKey()]]) }, lookupKey });
    expect(reason(() => withoutK1.decryptBytes(stored))).toBe('unknown_key');
  });

  it('keeps file and value MACs apart: neither decrypts as the other', () => {
    const value = crypto1.encrypt('13800000001');
    const [, , nonce, ciphertext, mac] = value.split('.');
    const asFile = Buffer.concat([FILE_MAGIC, Buffer.from([2]), Buffer.from('k1'), Buffer.from(nonce, 'base64url'), Buffer.from(mac, 'base64url'), Buffer.from(ciphertext, 'base64url')]);
    expect(reason(() => crypto1.decryptBytes(asFile))).toBe('mac');
  });
});
