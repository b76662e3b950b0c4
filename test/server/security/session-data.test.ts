import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { operatorSessionData, platformSessionData } from '../../helpers/sessions.js';
import type { OperatorSessionData, PlatformSessionData } from '../../../src/server/security/sessions.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

/**
 * Session data is typed by realm (security/sessions.ts SessionDataByRealm): what a login
 * writes is what the routes read, checked by the compiler (`tsc -p tsconfig.json` covers the
 * tests, so the @ts-expect-error lines fail the type check if the typing goes away).
 */
describe('session data by realm', () => {
  it('reads back what each realm wrote, typed as that realm holds it', async () => {
    const { sessions, pii } = ctx.deps;
    const operator = operatorSessionData({ role: 'province', regionCode: '31', name: '上海管理员' });
    const admin = await sessions.read('admin', await sessions.create('admin', 'op-1', operator));
    expect(admin?.data).toEqual(operator);
    expectTypeOf(admin!.data).toEqualTypeOf<OperatorSessionData>();

    const platform = await sessions.read('platform', await sessions.create('platform', 'acc-1', platformSessionData(pii, { sid: 'sid-1' })));
    expect(platform?.data.sid).toBe('sid-1');
    expect(pii.decrypt(platform!.data.displayNameEnc)).toBe('北京智芯微电子科技有限公司');
    expectTypeOf(platform!.data).toEqualTypeOf<PlatformSessionData>();
  });

  it('refuses, at compile time, data that does not belong to the realm', () => {
    const { sessions } = ctx.deps;
    const neverCalled = () => [
      // @ts-expect-error a platform login stores the name, the ID token and the user type
      sessions.create('platform', 'acc', {}),
      // @ts-expect-error an operator's role is one of 部级/省级/市级
      sessions.create('admin', 'op', { role: 'superuser', regionCode: '', name: 'x' }),
      // @ts-expect-error 统一登录系统 sessions keep nothing but the account id
      sessions.create('uc', 'acc', { role: 'ministry' }),
    ];
    expect(typeof neverCalled).toBe('function');
  });
});
