import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, it, expect } from 'vitest';
import { generateSecretsJson, loadSecrets, parseSecretsJson } from '../../../src/server/security/secrets.js';
import { createPiiCrypto } from '../../../src/server/security/pii-crypto.js';

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secrets-test-'));
  tempDirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function writeJson(file: string, value: unknown) {
  fs.writeFileSync(file, JSON.stringify(value), { mode: 0o600 });
}

describe('loadSecrets in development and test', () => {
  it('generates <dataDir>/secrets.json with mode 0600 (creating the data dir)', () => {
    const dataDir = path.join(tempDir(), 'nested', 'data');
    const secrets = loadSecrets({ appEnv: 'test', dataDir });
    const file = path.join(dataDir, 'secrets.json');
    expect(secrets.file).toBe(file);
    expect(secrets.generated).toBe(true);
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // No temp files left behind.
    expect(fs.readdirSync(dataDir)).toEqual(['secrets.json']);

    expect(secrets.cookieSecret).toHaveLength(32);
    expect(secrets.lookupKey).toHaveLength(32);
    expect(secrets.pii.current).toBe('k1');
    expect(secrets.pii.keys.get('k1')!.enc).toHaveLength(16);
    expect(secrets.pii.keys.get('k1')!.mac).toHaveLength(32);

    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(Object.keys(json).sort()).toEqual(['cookieSecret', 'lookupKey', 'pii']);
    expect(Buffer.from(json.cookieSecret, 'base64')).toHaveLength(32);
    expect(Buffer.from(json.pii.keys.k1.enc, 'base64')).toHaveLength(16);
  });

  it('reuses an existing file on the next start', () => {
    const dataDir = tempDir();
    const first = loadSecrets({ appEnv: 'development', dataDir });
    const second = loadSecrets({ appEnv: 'development', dataDir });
    expect(second.generated).toBe(false);
    expect(second.cookieSecret.equals(first.cookieSecret)).toBe(true);
    expect(second.lookupKey.equals(first.lookupKey)).toBe(true);
    const value = createPiiCrypto(first).encrypt('13800000001');
    expect(createPiiCrypto(second).decrypt(value)).toBe('13800000001');
  });

  it('generates fresh random keys per data dir', () => {
    const a = loadSecrets({ appEnv: 'test', dataDir: tempDir() });
    const b = loadSecrets({ appEnv: 'test', dataDir: tempDir() });
    expect(a.cookieSecret.equals(b.cookieSecret)).toBe(false);
    expect(a.lookupKey.equals(b.lookupKey)).toBe(false);
    expect(a.pii.keys.get('k1')!.enc.equals(b.pii.keys.get('k1')!.enc)).toBe(false);
  });

  it('generates at an explicit secretKeyFile path when it is missing', () => {
    const dir = tempDir();
    const file = path.join(dir, 'conf', 'keys.json');
    const secrets = loadSecrets({ appEnv: 'test', dataDir: path.join(dir, 'data'), secretKeyFile: file });
    expect(secrets.file).toBe(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(path.join(dir, 'data', 'secrets.json'))).toBe(false);
  });
});

describe('loadSecrets in production', () => {
  it('throws without SECRET_KEY_FILE, even when <dataDir>/secrets.json exists', () => {
    const dataDir = tempDir();
    expect(() => loadSecrets({ appEnv: 'production', dataDir })).toThrow('SECRET_KEY_FILE is required in production');
    writeJson(path.join(dataDir, 'secrets.json'), generateSecretsJson());
    expect(() => loadSecrets({ appEnv: 'production', dataDir })).toThrow('SECRET_KEY_FILE is required in production');
    expect(() => loadSecrets({ appEnv: 'production', dataDir, secretKeyFile: '' })).toThrow(
      'SECRET_KEY_FILE is required in production',
    );
  });

  it('throws when the file does not exist and never generates it', () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'missing.json');
    expect(() => loadSecrets({ appEnv: 'production', dataDir, secretKeyFile: file })).toThrow(
      'SECRET_KEY_FILE is required in production',
    );
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('treats an unexpected appEnv like production', () => {
    const dataDir = tempDir();
    expect(() => loadSecrets({ appEnv: 'staging' as never, dataDir })).toThrow('SECRET_KEY_FILE is required in production');
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('loads an existing file', () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'prod-secrets.json');
    const json = generateSecretsJson();
    writeJson(file, json);
    const secrets = loadSecrets({ appEnv: 'production', dataDir, secretKeyFile: file });
    expect(secrets.generated).toBe(false);
    expect(secrets.cookieSecret.toString('base64')).toBe(json.cookieSecret);
    expect(secrets.lookupKey.toString('base64')).toBe(json.lookupKey);
  });
});

describe('secrets file validation', () => {
  function expectInvalid(mutate: (json: any) => unknown, message: RegExp) {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'secrets.json');
    const json: any = generateSecretsJson();
    const result = mutate(json);
    writeJson(file, result === undefined ? json : result);
    expect(() => loadSecrets({ appEnv: 'test', dataDir })).toThrow(message);
  }

  it('rejects invalid JSON without echoing the content', () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'secrets.json'), '{"cookieSecret": "c2VjcmV0' );
    expect(() => loadSecrets({ appEnv: 'test', dataDir })).toThrow(/not valid JSON/);
    try {
      loadSecrets({ appEnv: 'test', dataDir });
    } catch (e) {
      expect((e as Error).message).not.toContain('c2VjcmV0');
    }
  });

  it('rejects wrong shapes', () => {
    expectInvalid(() => [], /expected a JSON object/);
    expectInvalid(() => null, /expected a JSON object/);
    expectInvalid((j) => void delete j.cookieSecret, /cookieSecret/);
    expectInvalid((j) => void delete j.lookupKey, /lookupKey/);
    expectInvalid((j) => void (j.pii = 'x'), /"pii" must be an object/);
    expectInvalid((j) => void delete j.pii.current, /pii\.current/);
    expectInvalid((j) => void (j.pii.keys = []), /pii\.keys/);
    expectInvalid((j) => void (j.pii.current = 'k2'), /"k2" which is not in/);
    expectInvalid((j) => void (j.pii.keys['k.2'] = j.pii.keys.k1), /key id/);
    expectInvalid((j) => void (j.pii.keys.k1 = 'abc'), /pii\.keys\.k1/);
    expectInvalid((j) => void delete j.pii.keys.k1.mac, /pii\.keys\.k1\.mac/);
  });

  it('rejects wrong key lengths and non-base64 keys', () => {
    const b64 = (n: number) => randomBytes(n).toString('base64');
    expectInvalid((j) => void (j.cookieSecret = b64(16)), /cookieSecret.*32 bytes/);
    expectInvalid((j) => void (j.lookupKey = b64(31)), /lookupKey.*32 bytes/);
    expectInvalid((j) => void (j.pii.keys.k1.enc = b64(32)), /pii\.keys\.k1\.enc.*16 bytes/);
    expectInvalid((j) => void (j.pii.keys.k1.mac = b64(16)), /pii\.keys\.k1\.mac.*32 bytes/);
    expectInvalid((j) => void (j.lookupKey = '!!not base64!!'), /lookupKey.*base64/);
    expectInvalid((j) => void (j.lookupKey = 42), /lookupKey.*base64/);
  });

  it('does not include key material in validation errors', () => {
    const json: any = generateSecretsJson();
    json.pii.keys.k1.enc = randomBytes(15).toString('base64');
    try {
      parseSecretsJson(json, 'x.json');
      expect.unreachable();
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toContain('x.json');
      expect(msg).not.toContain(json.pii.keys.k1.enc);
      expect(msg).not.toContain(json.cookieSecret);
    }
  });

  it('accepts several pii keys for rotation', () => {
    const json: any = generateSecretsJson();
    json.pii.keys.k2 = { enc: randomBytes(16).toString('base64'), mac: randomBytes(32).toString('base64') };
    json.pii.current = 'k2';
    const parsed = parseSecretsJson(json);
    expect([...parsed.pii.keys.keys()].sort()).toEqual(['k1', 'k2']);
    expect(parsed.pii.current).toBe('k2');
  });
});
