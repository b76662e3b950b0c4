/**
 * Encryption of personal data at rest (ID numbers, mobiles, e-mails).
 *
 * Node's crypto offers no SM4-GCM, so values are encrypted with SM4-CTR and authenticated
 * with HMAC-SM3 (encrypt-then-MAC). Stored format:
 *
 *   v1.<keyId>.<nonce b64url>.<ciphertext b64url>.<mac b64url>
 *
 *   nonce = 16 random bytes (SM4-CTR initial counter block)
 *   mac   = HMAC-SM3(macKey[keyId], utf8("v1." + keyId + ".") || nonce || ciphertext)
 *
 * The key id cannot contain '.' and the nonce has a fixed length, so the MAC input is
 * unambiguous. The MAC is checked (in constant time) before anything is decrypted.
 *
 * Lookups: `lookupHash(value, purpose)` = hex HMAC-SM3(lookupKey, purpose + ":" + value),
 * stored in a separate column to find a row by exact (normalised) value. The purpose
 * separates domains so that the same value in different columns does not correlate.
 *
 * Files (uploads) use the same keys and construction in a binary layout:
 *
 *   "TDF1" | keyId length (1 byte) | keyId (ASCII) | nonce (16) | mac (32) | ciphertext
 *   mac = HMAC-SM3(macKey[keyId], utf8("f1." + keyId + ".") || nonce || ciphertext)
 *
 * The "f1." prefix keeps file MACs apart from value MACs ("v1."). "TDF1" is not the start of
 * any accepted upload type (JPG, PNG, PDF), so an encrypted file is told apart from a plain one.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { KEY_ID_PATTERN, type PiiKeyMaterial, type Secrets } from './secrets.js';

const PII_FORMAT_VERSION = 'v1';
const NONCE_BYTES = 16;
const MAC_BYTES = 32; // SM3 digest size
const CIPHER = 'sm4-ctr';
const MAC_HASH = 'sm3';

/** Lookup purposes are fixed identifiers such as "mobile", "id_number", "email". */
const PURPOSE_PATTERN = /^[a-z0-9_-]{1,64}$/i;

/** A lone (unpaired) UTF-16 surrogate: such strings cannot be encoded as UTF-8 losslessly. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type PiiDecryptFailure = 'format' | 'unknown_key' | 'mac';

/**
 * A stored value could not be decrypted: malformed, tampered with, or encrypted under a
 * key id that is not configured. The message never contains the stored value.
 */
export class PiiDecryptError extends Error {
  readonly reason: PiiDecryptFailure;
  constructor(reason: PiiDecryptFailure, message: string) {
    super(message);
    this.name = 'PiiDecryptError';
    this.reason = reason;
  }
}

export interface PiiCrypto {
  /** Key id used for new encryptions. */
  readonly currentKeyId: string;
  /** Encrypt under the current key; a fresh random nonce each time. */
  encrypt(plain: string): string;
  /** Verify and decrypt a stored value; throws PiiDecryptError. */
  decrypt(stored: string): string;
  /** Hex HMAC-SM3(lookupKey, purpose + ":" + normalizedValue). Normalise before calling. */
  lookupHash(normalizedValue: string, purpose: string): string;
  /**
   * For key rotation: the value re-encrypted under the current key, or the same string if it
   * already uses the current key (it is still verified). Throws PiiDecryptError.
   */
  reencrypt(stored: string): string;
  /** Key id named by a stored value (not verified), or undefined if it is not in the v1 format. */
  keyIdOf(stored: string): string | undefined;
  /** Encrypt file content under the current key (binary layout above). */
  encryptBytes(plain: Buffer): Buffer;
  /** Verify and decrypt file content written by encryptBytes; throws PiiDecryptError. */
  decryptBytes(stored: Buffer): Buffer;
}

/** Leading bytes of encrypted file content. */
export const FILE_MAGIC = Buffer.from('TDF1', 'latin1');
const FILE_MAC_PREFIX = 'f1';

interface ParsedValue {
  keyId: string;
  nonce: Buffer;
  ciphertext: Buffer;
  mac: Buffer;
}

export function createPiiCrypto(secrets: Pick<Secrets, 'pii' | 'lookupKey'>): PiiCrypto {
  const keys: ReadonlyMap<string, PiiKeyMaterial> = new Map(secrets.pii.keys);
  const currentKeyId = secrets.pii.current;
  const lookupKey = Buffer.from(secrets.lookupKey);
  if (!keys.has(currentKeyId)) {
    throw new Error(`PII key "${currentKeyId}" (pii.current) is not configured`);
  }

  function encryptWith(keyId: string, plain: string): string {
    assertWellFormed(plain, 'encrypt');
    const key = keys.get(keyId)!;
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv(CIPHER, key.enc, nonce);
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const mac = computeMac(key.mac, keyId, nonce, ciphertext);
    return [
      PII_FORMAT_VERSION,
      keyId,
      nonce.toString('base64url'),
      ciphertext.toString('base64url'),
      mac.toString('base64url'),
    ].join('.');
  }

  function verifyAndDecrypt(stored: string): { keyId: string; plain: string } {
    const parsed = parse(stored);
    if (!parsed) throw new PiiDecryptError('format', 'Malformed encrypted value');
    const key = keys.get(parsed.keyId);
    if (!key) {
      throw new PiiDecryptError('unknown_key', `Unknown PII key id "${parsed.keyId}"`);
    }
    const expected = computeMac(key.mac, parsed.keyId, parsed.nonce, parsed.ciphertext);
    if (!timingSafeEqual(expected, parsed.mac)) {
      throw new PiiDecryptError('mac', 'Encrypted value failed authentication');
    }
    const decipher = createDecipheriv(CIPHER, key.enc, parsed.nonce);
    const plain = Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()]).toString('utf8');
    return { keyId: parsed.keyId, plain };
  }

  return {
    currentKeyId,
    encrypt(plain: string): string {
      return encryptWith(currentKeyId, plain);
    },
    decrypt(stored: string): string {
      return verifyAndDecrypt(stored).plain;
    },
    reencrypt(stored: string): string {
      const { keyId, plain } = verifyAndDecrypt(stored);
      return keyId === currentKeyId ? stored : encryptWith(currentKeyId, plain);
    },
    lookupHash(normalizedValue: string, purpose: string): string {
      if (typeof purpose !== 'string' || !PURPOSE_PATTERN.test(purpose)) {
        // A ':' in the purpose would make "purpose:value" ambiguous across domains.
        throw new TypeError('lookupHash purpose must be 1-64 characters of A-Z a-z 0-9 _ -');
      }
      assertWellFormed(normalizedValue, 'lookupHash');
      return createHmac(MAC_HASH, lookupKey).update(`${purpose}:${normalizedValue}`, 'utf8').digest('hex');
    },
    keyIdOf(stored: string): string | undefined {
      return parse(stored)?.keyId;
    },
    encryptBytes(plain: Buffer): Buffer {
      const key = keys.get(currentKeyId)!;
      const keyId = Buffer.from(currentKeyId, 'latin1');
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv(CIPHER, key.enc, nonce);
      const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
      const mac = computeMac(key.mac, currentKeyId, nonce, ciphertext, FILE_MAC_PREFIX);
      return Buffer.concat([FILE_MAGIC, Buffer.from([keyId.length]), keyId, nonce, mac, ciphertext]);
    },
    decryptBytes(stored: Buffer): Buffer {
      const parsed = parseFile(stored);
      if (!parsed) throw new PiiDecryptError('format', 'Malformed encrypted file');
      const key = keys.get(parsed.keyId);
      if (!key) throw new PiiDecryptError('unknown_key', `Unknown PII key id "${parsed.keyId}"`);
      const expected = computeMac(key.mac, parsed.keyId, parsed.nonce, parsed.ciphertext, FILE_MAC_PREFIX);
      if (!timingSafeEqual(expected, parsed.mac)) throw new PiiDecryptError('mac', 'Encrypted file failed authentication');
      const decipher = createDecipheriv(CIPHER, key.enc, parsed.nonce);
      return Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()]);
    },
  };
}

function parseFile(stored: Buffer): ParsedValue | undefined {
  if (!Buffer.isBuffer(stored) || stored.length < FILE_MAGIC.length + 1) return undefined;
  if (!stored.subarray(0, FILE_MAGIC.length).equals(FILE_MAGIC)) return undefined;
  const keyIdLength = stored[FILE_MAGIC.length];
  const keyIdStart = FILE_MAGIC.length + 1;
  const nonceStart = keyIdStart + keyIdLength;
  const macStart = nonceStart + NONCE_BYTES;
  const ciphertextStart = macStart + MAC_BYTES;
  if (stored.length < ciphertextStart) return undefined;
  const keyId = stored.subarray(keyIdStart, nonceStart).toString('latin1');
  if (!KEY_ID_PATTERN.test(keyId)) return undefined;
  return {
    keyId,
    nonce: stored.subarray(nonceStart, macStart),
    mac: stored.subarray(macStart, ciphertextStart),
    ciphertext: stored.subarray(ciphertextStart),
  };
}

function computeMac(macKey: Buffer, keyId: string, nonce: Buffer, ciphertext: Buffer, prefix = PII_FORMAT_VERSION): Buffer {
  return createHmac(MAC_HASH, macKey)
    .update(`${prefix}.${keyId}.`, 'utf8')
    .update(nonce)
    .update(ciphertext)
    .digest();
}

function parse(stored: unknown): ParsedValue | undefined {
  if (typeof stored !== 'string') return undefined;
  const parts = stored.split('.');
  if (parts.length !== 5) return undefined;
  const [version, keyId, nonceText, ciphertextText, macText] = parts;
  if (version !== PII_FORMAT_VERSION || !KEY_ID_PATTERN.test(keyId)) return undefined;
  const nonce = decodeB64url(nonceText);
  const ciphertext = decodeB64url(ciphertextText);
  const mac = decodeB64url(macText);
  if (!nonce || nonce.length !== NONCE_BYTES) return undefined;
  if (!ciphertext) return undefined;
  if (!mac || mac.length !== MAC_BYTES) return undefined;
  return { keyId, nonce, ciphertext, mac };
}

/**
 * Strict, canonical base64url (no padding). Node's decoder is lenient (it ignores invalid
 * characters and unused trailing bits), so the re-encoding must match exactly; otherwise a
 * changed character could decode to the same bytes and the MAC would still verify.
 */
function decodeB64url(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  const buf = Buffer.from(text, 'base64url');
  return buf.toString('base64url') === text ? buf : undefined;
}

function assertWellFormed(value: string, op: string): void {
  if (typeof value !== 'string') throw new TypeError(`${op} expects a string`);
  if (LONE_SURROGATE.test(value)) {
    // UTF-8 would silently replace it with U+FFFD, so the round trip would not be exact.
    throw new TypeError(`${op}: string contains an unpaired surrogate`);
  }
}
