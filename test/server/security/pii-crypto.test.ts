import { randomBytes } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createPiiCrypto, PiiDecryptError } from '../../../src/server/security/pii-crypto.js';
import type { PiiKeyMaterial, Secrets } from '../../../src/server/security/secrets.js';

function newKey(): PiiKeyMaterial {
  return { enc: randomBytes(16), mac: randomBytes(32) };
}

function makeSecrets(keys: Record<string, PiiKeyMaterial>, current: string, lookupKey = randomBytes(32)) {
  return { pii: { current, keys: new Map(Object.entries(keys)) }, lookupKey } satisfies Pick<
    Secrets,
    'pii' | 'lookupKey'
  >;
}

/** Replace the character at `index` with a different character of the same alphabet. */
function flipChar(s: string, index: number): string {
  const c = s[index];
  const replacement = c === 'A' ? 'B' : 'A';
  return s.slice(0, index) + replacement + s.slice(index + 1);
}

const k1 = newKey();
const crypto1 = createPiiCrypto(makeSecrets({ k1 }, 'k1'));

describe('pii-crypto encrypt/decrypt', () => {
  it('round-trips arbitrary unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        expect(crypto1.decrypt(crypto1.encrypt(s))).toBe(s);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 50 }), (s) => {
        expect(crypto1.decrypt(crypto1.encrypt(s))).toBe(s);
      }),
    );
  });

  it('round-trips typical values, including the empty string and long text', () => {
    for (const s of ['', '110101199003077723', '13800000001', 'demo@x.com', '王建国', '𠀀😀', 'x'.repeat(10_000)]) {
      expect(crypto1.decrypt(crypto1.encrypt(s))).toBe(s);
    }
  });

  it('produces the documented format', () => {
    const stored = crypto1.encrypt('13800000001');
    const parts = stored.split('.');
    expect(parts).toHaveLength(5);
    expect(parts[0]).toBe('v1');
    expect(parts[1]).toBe('k1');
    expect(Buffer.from(parts[2], 'base64url')).toHaveLength(16);
    expect(Buffer.from(parts[3], 'base64url')).toHaveLength(11); // CTR: same length as the UTF-8 plaintext
    expect(Buffer.from(parts[4], 'base64url')).toHaveLength(32);
    expect(stored).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{43}$/);
    expect(stored).not.toContain('13800000001');
    expect(crypto1.keyIdOf(stored)).toBe('k1');
    expect(crypto1.currentKeyId).toBe('k1');
  });

  it('gives a different ciphertext (random nonce) for the same plaintext', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) seen.add(crypto1.encrypt('110101199003077723'));
    expect(seen.size).toBe(50);
    const nonces = new Set([...seen].map((v) => v.split('.')[2]));
    expect(nonces.size).toBe(50);
  });

  it('rejects strings with unpaired surrogates instead of silently altering them', () => {
    expect(() => crypto1.encrypt('a\uD800b')).toThrow(TypeError);
    expect(() => crypto1.encrypt('\uDC00')).toThrow(TypeError);
    expect(() => crypto1.lookupHash('\uD800', 'mobile')).toThrow(TypeError);
  });
});

describe('pii-crypto tamper detection', () => {
  const stored = crypto1.encrypt('110101199003077723');
  const parts = stored.split('.');

  function tamperPart(partIndex: number, charIndex: number): string {
    const copy = [...parts];
    copy[partIndex] = flipChar(copy[partIndex], charIndex);
    return copy.join('.');
  }

  function expectDecryptError(value: string, reason?: string) {
    let error: unknown;
    try {
      crypto1.decrypt(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PiiDecryptError);
    if (reason) expect((error as PiiDecryptError).reason).toBe(reason);
    // The message must not leak the stored value.
    if (value.length >= 8) expect((error as Error).message).not.toContain(value);
  }

  it('detects a flipped character in every position of nonce, ciphertext and mac', () => {
    for (const partIndex of [2, 3, 4]) {
      for (let i = 0; i < parts[partIndex].length; i++) {
        const tampered = tamperPart(partIndex, i);
        expect(tampered).not.toBe(stored);
        expect(() => crypto1.decrypt(tampered)).toThrow(PiiDecryptError);
      }
    }
  });

  it('detects a changed key id', () => {
    expectDecryptError(stored.replace(/^v1\.k1\./, 'v1.k2.'), 'unknown_key');
    expectDecryptError(stored.replace(/^v1\.k1\./, 'v1.K1.'), 'unknown_key');
  });

  it('detects a key id switched to another configured key', () => {
    const k2 = newKey();
    const both = createPiiCrypto(makeSecrets({ k1, k2 }, 'k1'));
    const fromK1 = both.encrypt('13800000001');
    expect(() => both.decrypt(fromK1.replace(/^v1\.k1\./, 'v1.k2.'))).toThrow(PiiDecryptError);
  });

  it('detects a changed version and malformed values', () => {
    expectDecryptError(stored.replace(/^v1\./, 'v2.'), 'format');
    for (const bad of [
      '',
      'v1',
      '13800000001',
      parts.slice(0, 4).join('.'),
      stored + '.x',
      stored + 'A',
      stored.replace(/\.[^.]*$/, ''),
      parts.map((p, i) => (i === 2 ? p + '=' : p)).join('.'),
      parts.map((p, i) => (i === 2 ? p.slice(0, -2) : p)).join('.'),
      parts.map((p, i) => (i === 3 ? '' : p)).join('.'),
      parts.map((p, i) => (i === 1 ? 'k.1' : p)).join('.'),
    ]) {
      expectDecryptError(bad);
    }
  });

  it('detects truncated or swapped ciphertexts', () => {
    const other = crypto1.encrypt('110101199003077724').split('.');
    expectDecryptError([...parts.slice(0, 3), other[3], parts[4]].join('.'), 'mac');
    expectDecryptError([...parts.slice(0, 2), other[2], ...parts.slice(3)].join('.'), 'mac');
    const shorter = Buffer.from(parts[3], 'base64url').subarray(0, 17).toString('base64url');
    expectDecryptError([...parts.slice(0, 3), shorter, parts[4]].join('.'), 'mac');
  });

  it('rejects values encrypted under a same-named key with different material', () => {
    const other = createPiiCrypto(makeSecrets({ k1: newKey() }, 'k1'));
    expectDecryptError(other.encrypt('13800000001'), 'mac');
  });

  it('detects any random single-character change (property)', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.nat(),
        fc.constantFrom(...alphabet.split('')),
        (plain, pos, ch) => {
          const value = crypto1.encrypt(plain);
          const i = pos % value.length;
          fc.pre(value[i] !== ch);
          const tampered = value.slice(0, i) + ch + value.slice(i + 1);
          expect(() => crypto1.decrypt(tampered)).toThrow(PiiDecryptError);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('pii-crypto key rotation', () => {
  it('keeps k1 values readable after k2 becomes current, and reencrypt moves them to k2', () => {
    const before = createPiiCrypto(makeSecrets({ k1 }, 'k1'));
    const oldValue = before.encrypt('110101199003077723');

    const k2 = newKey();
    const after = createPiiCrypto(makeSecrets({ k1, k2 }, 'k2'));
    expect(after.currentKeyId).toBe('k2');
    expect(after.decrypt(oldValue)).toBe('110101199003077723');

    const fresh = after.encrypt('13800000001');
    expect(fresh.startsWith('v1.k2.')).toBe(true);

    const moved = after.reencrypt(oldValue);
    expect(moved.startsWith('v1.k2.')).toBe(true);
    expect(after.keyIdOf(moved)).toBe('k2');
    expect(after.decrypt(moved)).toBe('110101199003077723');

    // Already current: unchanged.
    expect(after.reencrypt(moved)).toBe(moved);

    // Once k1 is removed only re-encrypted values remain readable.
    const k2Only = createPiiCrypto(makeSecrets({ k2 }, 'k2'));
    expect(k2Only.decrypt(moved)).toBe('110101199003077723');
    expect(() => k2Only.decrypt(oldValue)).toThrow(PiiDecryptError);
  });

  it('reencrypt verifies the value even when it already uses the current key', () => {
    const value = crypto1.encrypt('13800000001');
    const tampered = value.slice(0, -1) + (value.endsWith('A') ? 'B' : 'A');
    expect(() => crypto1.reencrypt(tampered)).toThrow(PiiDecryptError);
  });

  it('refuses secrets whose current key is missing', () => {
    expect(() => createPiiCrypto(makeSecrets({ k1 }, 'k9'))).toThrow(/k9/);
  });
});

describe('pii-crypto lookupHash', () => {
  it('is deterministic hex HMAC-SM3 and independent of the encryption keys', () => {
    const lookupKey = randomBytes(32);
    const a = createPiiCrypto(makeSecrets({ k1: newKey() }, 'k1', lookupKey));
    const b = createPiiCrypto(makeSecrets({ k1: newKey(), k2: newKey() }, 'k2', lookupKey));
    const h = a.lookupHash('13800000001', 'mobile');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(a.lookupHash('13800000001', 'mobile')).toBe(h);
    expect(b.lookupHash('13800000001', 'mobile')).toBe(h); // survives PII key rotation
  });

  it('matches the documented construction', async () => {
    const { createHmac } = await import('node:crypto');
    const lookupKey = randomBytes(32);
    const c = createPiiCrypto(makeSecrets({ k1 }, 'k1', lookupKey));
    const expected = createHmac('sm3', lookupKey).update('email:demo@x.com').digest('hex');
    expect(c.lookupHash('demo@x.com', 'email')).toBe(expected);
  });

  it('separates purposes, values and lookup keys', () => {
    const h = crypto1.lookupHash('110101199003077723', 'id_number');
    expect(crypto1.lookupHash('110101199003077723', 'mobile')).not.toBe(h);
    expect(crypto1.lookupHash('110101199003077724', 'id_number')).not.toBe(h);
    const other = createPiiCrypto(makeSecrets({ k1 }, 'k1'));
    expect(other.lookupHash('110101199003077723', 'id_number')).not.toBe(h);
  });

  it('rejects purposes that could make "purpose:value" ambiguous', () => {
    expect(() => crypto1.lookupHash('b:c', 'a')).not.toThrow();
    expect(() => crypto1.lookupHash('c', 'a:b')).toThrow(TypeError);
    expect(() => crypto1.lookupHash('c', '')).toThrow(TypeError);
  });

  it('is injective over values for a fixed purpose (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (x, y) => {
        fc.pre(x !== y);
        expect(crypto1.lookupHash(x, 'email')).not.toBe(crypto1.lookupHash(y, 'email'));
      }),
    );
  });
});
