import type { PiiCrypto } from '../../src/server/security/pii-crypto.js';
import type { OperatorSessionData, PlatformSessionData } from '../../src/server/security/sessions.js';

/** What a platform login stores (platform/auth/routes.ts), for tests that make the session directly. */
export function platformSessionData(pii: Pick<PiiCrypto, 'encrypt'>, overrides: Partial<PlatformSessionData> = {}): PlatformSessionData {
  return {
    displayNameEnc: pii.encrypt('北京智芯微电子科技有限公司'),
    userType: 'legal',
    uscc: '91110108MA01A1B215',
    idTokenEnc: pii.encrypt('test-id-token'),
    sid: null,
    ...overrides,
  };
}

/** What an operator login stores (operator-auth/routes.ts). */
export function operatorSessionData(overrides: Partial<OperatorSessionData> = {}): OperatorSessionData {
  return { role: 'ministry', regionCode: '', name: '管理员', ...overrides };
}
