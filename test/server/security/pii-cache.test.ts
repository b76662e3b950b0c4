import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPiiCrypto, PiiDecryptError } from '../../../src/server/security/pii-crypto.js';
import { withDecryptCache } from '../../../src/server/security/pii-cache.js';

/** The decryption cache in front of the personal-data cipher (pii-cache.ts). */

function counted() {
  const keys = new Map([['k1', { enc: crypto.randomBytes(16), mac: crypto.randomBytes(32) }]]);
  const pii = createPiiCrypto({ pii: { current: 'k1', keys }, lookupKey: crypto.randomBytes(32) });
  const calls: string[] = [];
  const inner = { ...pii, decrypt: (stored: string) => (calls.push(stored), pii.decrypt(stored)) };
  return { pii, calls, cached: (max?: number) => withDecryptCache(inner, max) };
}

describe('withDecryptCache', () => {
  it('decrypts a stored value once, then answers from memory', () => {
    const { pii, calls, cached } = counted();
    const cache = cached();
    const stored = pii.encrypt('13800000001');
    expect(cache.decrypt(stored)).toBe('13800000001');
    expect(cache.decrypt(stored)).toBe('13800000001');
    expect(cache.decrypt(stored)).toBe('13800000001');
    expect(calls).toHaveLength(1);
  });

  it('a changed byte is another value: checked (and refused) even while the original is remembered', () => {
    const { pii, cached } = counted();
    const cache = cached();
    const stored = pii.encrypt('110101199003077723');
    expect(cache.decrypt(stored)).toBe('110101199003077723');
    const parts = stored.split('.');
    parts[3] = (parts[3].startsWith('A') ? 'B' : 'A') + parts[3].slice(1);
    expect(() => cache.decrypt(parts.join('.'))).toThrow(PiiDecryptError);
    expect(() => cache.decrypt(`${stored}x`)).toThrow(PiiDecryptError);
  });

  it('remembers nothing that failed', () => {
    const { calls, cached } = counted();
    const cache = cached();
    expect(() => cache.decrypt('v1.k1.garbage')).toThrow(PiiDecryptError);
    expect(() => cache.decrypt('v1.k1.garbage')).toThrow(PiiDecryptError);
    expect(calls).toHaveLength(2);
  });

  it('is bounded: the least recently used value is forgotten first', () => {
    const { pii, calls, cached } = counted();
    const cache = cached(2);
    const [a, b, c] = ['甲', '乙', '丙'].map((name) => pii.encrypt(name));
    cache.decrypt(a);
    cache.decrypt(b);
    cache.decrypt(a); // a is now the most recently used
    cache.decrypt(c); // forgets b
    expect(calls).toEqual([a, b, c]);
    cache.decrypt(a);
    cache.decrypt(b);
    expect(calls).toEqual([a, b, c, b]);
  });

  it('leaves the rest of the cipher as it is', () => {
    const { pii, cached } = counted();
    const cache = cached();
    expect(cache.currentKeyId).toBe('k1');
    expect(cache.lookupHash('13800000001', 'mobile')).toBe(pii.lookupHash('13800000001', 'mobile'));
    expect(pii.decrypt(cache.encrypt('王建国'))).toBe('王建国');
  });
});
