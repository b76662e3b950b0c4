import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../../config.js';

/**
 * The ES256 key that signs ID tokens (published at jwks_uri). Generated into the data
 * directory in development and test; production must provide OIDC_SIGNING_KEY_FILE.
 */
export function loadSigningKey(config: Pick<AppConfig, 'appEnv' | 'dataDir'> & { oidcSigningKeyFile?: string }): crypto.JsonWebKey & { kid: string } {
  const file = config.oidcSigningKeyFile ?? path.join(config.dataDir, 'oidc-signing-key.json');
  if (!fs.existsSync(file)) {
    if (config.appEnv === 'production') throw new Error('OIDC_SIGNING_KEY_FILE is required in production');
    const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid: crypto.randomBytes(8).toString('hex'), alg: 'ES256', use: 'sig' };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(jwk), { mode: 0o600 });
    try {
      fs.linkSync(tmp, file);
    } catch {
      // another process wrote it first: use theirs
    }
    fs.rmSync(tmp, { force: true });
  }
  const jwk = JSON.parse(fs.readFileSync(file, 'utf8')) as crypto.JsonWebKey & { kid: string };
  if (jwk.kty !== 'EC' || !jwk.d || !jwk.kid) throw new Error(`${file} is not an EC private JWK with a kid`);
  return jwk;
}
