import crypto from 'node:crypto';
import type { TestContext } from './context.js';
import { TestClient } from './client.js';

let seq = 0;

/**
 * A new unverified account logged in to 统一登录系统, made directly in the database (fast:
 * no SMS or argon2 round trip). Flows that test registration itself use the HTTP routes.
 */
export async function newLoggedInAccount(ctx: TestContext, options: { loginName?: string; mobile?: string } = {}) {
  const { pii } = ctx.deps;
  const n = ++seq;
  const loginName = options.loginName ?? `tester_${process.pid}_${n}`;
  const mobile = options.mobile ?? `137${String(n * 104729 + process.pid).padStart(8, '0').slice(-8)}`;
  const id = crypto.randomUUID();
  const at = ctx.clock.now().toISOString();
  await ctx.deps.db.kysely
    .insertInto('accounts')
    .values({
      id,
      login_name: loginName,
      login_name_key: loginName.toLowerCase(),
      password_hash: 'not-used',
      mobile_enc: pii.encrypt(mobile),
      mobile_hash: pii.lookupHash(mobile, 'mobile'),
      email_enc: null,
      email_hash: null,
      user_type: null,
      realname_status: 'unverified',
      verified_uscc: null,
      enterprise_name: null,
      legal_rep_name_enc: null,
      person_name_enc: null,
      id_number_enc: null,
      id_number_hash: null,
      status: 'active',
      created_at: at,
      updated_at: at,
      verified_at: null,
      disabled_at: null,
    })
    .execute();
  const client = new TestClient(ctx.app);
  client.cookies.set('uc_sid', await ctx.deps.sessions.create('uc', id, {}));
  return { id, loginName, mobile, client };
}
