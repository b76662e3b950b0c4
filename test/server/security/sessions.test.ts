import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { TestClient } from '../../helpers/client.js';
import { logIn } from '../../helpers/steps.js';
import { platformSessionData } from '../../helpers/sessions.js';

/** Sessions (quality.md Security; flows.md 登录): cookies, fixation, idle and absolute timeouts. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DEMO_USCC = '91110108MA01A1B215';

let ctx: TestContext;
let demoId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  const row = await ctx.deps.db.kysely.selectFrom('accounts').select('id').where('login_name', '=', 'demo_xjr').executeTakeFirstOrThrow();
  demoId = row.id;
});
afterAll(async () => ctx?.close());

async function loggedIn(client: TestClient): Promise<boolean> {
  const res = await client.get('/api/uc/me');
  expect(res.statusCode).toBe(200);
  return res.json().loggedIn as boolean;
}

/** A request with only the given session cookie (no other state). */
async function meWithCookie(sid: string) {
  const res = await ctx.app.inject({ method: 'GET', url: '/api/uc/me', cookies: { uc_sid: sid } });
  return res.json().loggedIn as boolean;
}

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Lax, Secure (outside development), path /, a session cookie', async () => {
    const client = new TestClient(ctx.app);
    const res = await logIn(ctx, client, 'demo_xjr');
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const sid = setCookie.find((c) => c.startsWith('uc_sid='));
    expect(sid).toBeDefined();
    expect(sid).toMatch(/;\s*HttpOnly/i);
    expect(sid).toMatch(/;\s*SameSite=Lax/i);
    expect(sid).toMatch(/;\s*Secure/i);
    expect(sid).toMatch(/;\s*Path=\/(;|$)/);
    expect(sid).not.toMatch(/Domain=/i);
    const value = sid!.slice('uc_sid='.length).split(';')[0];
    expect(value.length).toBeGreaterThanOrEqual(40);
    expect(value).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('the CSRF secret cookie has the same attributes', async () => {
    const res = await ctx.app.inject('/api/csrf');
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const secret = setCookie.find((c) => c.startsWith('csrf_secret='));
    expect(secret).toMatch(/;\s*HttpOnly/i);
    expect(secret).toMatch(/;\s*SameSite=Lax/i);
    expect(secret).toMatch(/;\s*Secure/i);
  });

  it('the table stores only a hash of the token', async () => {
    const client = new TestClient(ctx.app);
    await logIn(ctx, client, 'demo_xjr');
    const token = client.cookies.get('uc_sid')!;
    const rows = await ctx.deps.db.kysely.selectFrom('sessions').select(['id_hash']).execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('a uc session does not open another realm', async () => {
    const client = new TestClient(ctx.app);
    await logIn(ctx, client, 'demo_xjr');
    const token = client.cookies.get('uc_sid')!;
    expect(await ctx.deps.sessions.read('uc', token)).not.toBeNull();
    for (const realm of ['platform', 'admin', 'institution'] as const) expect(await ctx.deps.sessions.read(realm, token)).toBeNull();
    const platform = await ctx.app.inject({ method: 'GET', url: '/api/platform/me', cookies: { pf_sid: token } });
    expect(platform.json()).toEqual({ loggedIn: false });
  });
});

describe('login creates a new session id', () => {
  it('each login gets a new id and the previous one stops working', async () => {
    const client = new TestClient(ctx.app);
    await logIn(ctx, client, 'demo_xjr');
    const first = client.cookies.get('uc_sid')!;
    expect(await meWithCookie(first)).toBe(true);
    await logIn(ctx, client, DEMO_USCC);
    const second = client.cookies.get('uc_sid')!;
    expect(second).not.toBe(first);
    expect(await meWithCookie(first)).toBe(false);
    expect(await meWithCookie(second)).toBe(true);
  });

  it('a cookie planted before login (fixation) is never adopted', async () => {
    const planted = 'attacker-chosen-session-id-0123456789abcdefghij';
    const client = new TestClient(ctx.app);
    client.cookies.set('uc_sid', planted);
    await logIn(ctx, client, 'demo_xjr');
    expect(client.cookies.get('uc_sid')).not.toBe(planted);
    expect(await meWithCookie(planted)).toBe(false);
  });

  it('a victim’s live session id sent along with a login is discarded', async () => {
    const attacker = new TestClient(ctx.app);
    await logIn(ctx, attacker, 'demo_xjr');
    const known = attacker.cookies.get('uc_sid')!;
    const victim = new TestClient(ctx.app);
    victim.cookies.set('uc_sid', known);
    await logIn(ctx, victim, 'demo_xjr');
    expect(victim.cookies.get('uc_sid')).not.toBe(known);
    expect(await meWithCookie(known)).toBe(false);
  });

  it('logging in by USCC works the same way', async () => {
    const client = new TestClient(ctx.app);
    await logIn(ctx, client, DEMO_USCC);
    const me = await client.get('/api/uc/me');
    expect(me.json()).toMatchObject({ loggedIn: true, loginName: 'demo_xjr' });
  });

  it('logout ends the session on the server, not only in the browser', async () => {
    const client = new TestClient(ctx.app);
    await logIn(ctx, client, 'demo_xjr');
    const sid = client.cookies.get('uc_sid')!;
    const res = await client.post('/api/uc/logout');
    expect(res.statusCode).toBe(200);
    expect(await meWithCookie(sid)).toBe(false);
    expect(await loggedIn(client)).toBe(false);
  });

  it('garbage and over-long cookies are simply not a session', async () => {
    for (const sid of ['', 'x', 'a'.repeat(101), '%00', '../../etc/passwd', '验证']) {
      const res = await ctx.app.inject({ method: 'GET', url: '/api/uc/me', cookies: { uc_sid: sid } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ loggedIn: false });
    }
  });
});

describe('idle timeout (30 minutes)', () => {
  it('a session idle for 31 minutes is gone', async () => {
    const client = new TestClient(ctx.app);
    await logIn(ctx, client, 'demo_xjr');
    ctx.clock.advance(31 * MINUTE);
    expect(await loggedIn(client)).toBe(false);
  });

  it('exactly at 30 minutes of idleness the session is gone; at 29:59 it lives', async () => {
    const a = new TestClient(ctx.app);
    await logIn(ctx, a, 'demo_xjr');
    const b = new TestClient(ctx.app);
    await logIn(ctx, b, 'demo_xjr');
    ctx.clock.advance(30 * MINUTE - 1000);
    expect(await loggedIn(a)).toBe(true);
    ctx.clock.advance(1000);
    expect(await loggedIn(b)).toBe(false);
  });

  it('activity keeps it alive: 29 minutes, a request, 29 minutes, a request …', async () => {
    const client = new TestClient(ctx.app);
    await logIn(ctx, client, 'demo_xjr');
    for (let i = 0; i < 4; i++) {
      ctx.clock.advance(29 * MINUTE);
      expect(await loggedIn(client)).toBe(true);
    }
    ctx.clock.advance(31 * MINUTE);
    expect(await loggedIn(client)).toBe(false);
  });

  it('an expired session is removed from the table', async () => {
    const client = new TestClient(ctx.app);
    await logIn(ctx, client, 'demo_xjr');
    const token = client.cookies.get('uc_sid')!;
    const session = await ctx.deps.sessions.read('uc', token);
    ctx.clock.advance(31 * MINUTE);
    expect(await loggedIn(client)).toBe(false);
    const row = await ctx.deps.db.kysely.selectFrom('sessions').select('id_hash').where('id_hash', '=', session!.idHash).executeTakeFirst();
    expect(row).toBeUndefined();
  });
});

describe('absolute timeout (12 hours)', () => {
  it('ends the session after 12 hours even with steady activity', async () => {
    const client = new TestClient(ctx.app);
    await logIn(ctx, client, 'demo_xjr');
    const started = ctx.clock.now().getTime();
    while (ctx.clock.now().getTime() + 20 * MINUTE < started + 12 * HOUR) {
      ctx.clock.advance(20 * MINUTE);
      expect(await loggedIn(client)).toBe(true);
      const keepalive = await client.post('/api/session/keepalive', { realm: 'uc' });
      expect(keepalive.statusCode).toBe(200);
    }
    ctx.clock.set(new Date(started + 12 * HOUR - 1000));
    expect(await loggedIn(client)).toBe(true);
    ctx.clock.set(new Date(started + 12 * HOUR));
    expect(await loggedIn(client)).toBe(false);
    const keepalive = await client.post('/api/session/keepalive', { realm: 'uc' });
    expect(keepalive.statusCode).toBe(401);
    expect(keepalive.json()).toMatchObject({ code: 'SESSION_EXPIRED', message: '登录已超时，请重新登录' });
  });

  it('status reports the absolute end 12 hours after login', async () => {
    const client = new TestClient(ctx.app);
    await logIn(ctx, client, 'demo_xjr');
    const loginAt = ctx.clock.now().getTime();
    const status = (await client.get('/api/session/status?realm=uc')).json();
    expect(status.loggedIn).toBe(true);
    expect(Date.parse(status.absoluteExpiresAt)).toBe(loginAt + 12 * HOUR);
    expect(Date.parse(status.idleExpiresAt)).toBe(loginAt + 30 * MINUTE);
    expect(status.warnBeforeMs).toBe(2 * MINUTE);
  });
});

describe('idle-warning status poll and 【继续使用】', () => {
  it('GET /api/session/status does not extend the idle time', async () => {
    const client = new TestClient(ctx.app);
    await logIn(ctx, client, 'demo_xjr');
    const loginAt = ctx.clock.now().getTime();
    for (let i = 0; i < 5; i++) {
      ctx.clock.advance(5 * MINUTE);
      const status = (await client.get('/api/session/status?realm=uc')).json();
      expect(status.loggedIn).toBe(true);
      expect(Date.parse(status.idleExpiresAt)).toBe(loginAt + 30 * MINUTE);
    }
    ctx.clock.advance(5 * MINUTE + 1000);
    expect((await client.get('/api/session/status?realm=uc')).json()).toEqual({ loggedIn: false });
    expect(await loggedIn(client)).toBe(false);
  });

  it('the status poll is not fooled by a different query-string order or extra parameters', async () => {
    const client = new TestClient(ctx.app);
    await logIn(ctx, client, 'demo_xjr');
    const loginAt = ctx.clock.now().getTime();
    ctx.clock.advance(10 * MINUTE);
    const status = (await client.get('/api/session/status?realm=uc&x=1')).json();
    expect(Date.parse(status.idleExpiresAt)).toBe(loginAt + 30 * MINUTE);
  });

  it('POST /api/session/keepalive extends it by 30 minutes from now', async () => {
    const client = new TestClient(ctx.app);
    await logIn(ctx, client, 'demo_xjr');
    ctx.clock.advance(25 * MINUTE);
    const res = await client.post('/api/session/keepalive', { realm: 'uc' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.ok).toBe(true);
    expect(Date.parse(body.idleExpiresAt)).toBe(ctx.clock.now().getTime() + 30 * MINUTE);
    ctx.clock.advance(25 * MINUTE);
    const status = (await client.get('/api/session/status?realm=uc')).json();
    expect(status.loggedIn).toBe(true);
    ctx.clock.advance(5 * MINUTE + 1000);
    expect(await loggedIn(client)).toBe(false);
  });

  it('keepalive without a session is 401 SESSION_EXPIRED; keepalive needs the CSRF token', async () => {
    const anonymous = new TestClient(ctx.app);
    const res = await anonymous.post('/api/session/keepalive', { realm: 'uc' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'SESSION_EXPIRED', fieldErrors: {} });

    const client = new TestClient(ctx.app);
    await logIn(ctx, client, 'demo_xjr');
    const noToken = await ctx.app.inject({
      method: 'POST',
      url: '/api/session/keepalive',
      payload: { realm: 'uc' },
      cookies: Object.fromEntries(client.cookies),
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe('CSRF_INVALID');
  });

  it('status for a realm without a session says loggedIn false', async () => {
    const client = new TestClient(ctx.app);
    await logIn(ctx, client, 'demo_xjr');
    for (const realm of ['platform', 'admin', 'institution']) {
      expect((await client.get(`/api/session/status?realm=${realm}`)).json()).toEqual({ loggedIn: false });
    }
    expect((await client.get('/api/session/status?realm=nope')).statusCode).toBe(400);
  });
});

describe('listing and revoking the sessions of an account', () => {
  it('lists live sessions with IP and user agent, and ends them all', async () => {
    await ctx.deps.sessions.destroyAllFor(demoId);
    const a = new TestClient(ctx.app, { ip: '192.0.2.10', userAgent: 'Mozilla/5.0 Firefox/140.0' });
    const b = new TestClient(ctx.app, { ip: '192.0.2.11' });
    await logIn(ctx, a, 'demo_xjr');
    await logIn(ctx, b, DEMO_USCC);
    const list = await ctx.deps.sessions.listFor(demoId, 'uc');
    expect(list).toHaveLength(2);
    expect(list.map((s) => s.ip).sort()).toEqual(['192.0.2.10', '192.0.2.11']);
    expect(list.find((s) => s.ip === '192.0.2.10')!.userAgent).toContain('Firefox');
    expect(list.every((s) => s.accountId === demoId && s.realm === 'uc')).toBe(true);

    expect(await ctx.deps.sessions.destroyAllFor(demoId)).toBe(2);
    expect(await loggedIn(a)).toBe(false);
    expect(await loggedIn(b)).toBe(false);
    expect(await ctx.deps.sessions.listFor(demoId, 'uc')).toEqual([]);
  });

  it('can keep the caller’s own session', async () => {
    await ctx.deps.sessions.destroyAllFor(demoId);
    const mine = new TestClient(ctx.app);
    const other = new TestClient(ctx.app);
    await logIn(ctx, mine, 'demo_xjr');
    await logIn(ctx, other, 'demo_xjr');
    const own = await ctx.deps.sessions.read('uc', mine.cookies.get('uc_sid'));
    expect(await ctx.deps.sessions.destroyAllFor(demoId, { exceptIdHash: own!.idHash })).toBe(1);
    expect(await loggedIn(mine)).toBe(true);
    expect(await loggedIn(other)).toBe(false);
  });

  it('does not list idle-expired sessions and does not touch other accounts', async () => {
    await ctx.deps.sessions.destroyAllFor(demoId);
    const someoneElse = await ctx.deps.sessions.create('uc', 'other-account', {});
    const client = new TestClient(ctx.app);
    await logIn(ctx, client, 'demo_xjr');
    ctx.clock.advance(31 * MINUTE);
    expect(await ctx.deps.sessions.listFor(demoId, 'uc')).toEqual([]);
    const fresh = await ctx.deps.sessions.create('uc', 'other-account', {});
    await ctx.deps.sessions.destroyAllFor(demoId);
    expect(await ctx.deps.sessions.read('uc', fresh)).not.toBeNull();
    expect(await ctx.deps.sessions.read('uc', someoneElse)).toBeNull(); // idle-expired, not revoked
  });

  it('can be restricted to some realms', async () => {
    await ctx.deps.sessions.destroyAllFor(demoId);
    const uc = await ctx.deps.sessions.create('uc', demoId, {});
    const platform = await ctx.deps.sessions.create('platform', demoId, platformSessionData(ctx.deps.pii));
    expect(await ctx.deps.sessions.destroyAllFor(demoId, { realms: ['platform'] })).toBe(1);
    expect(await ctx.deps.sessions.read('uc', uc)).not.toBeNull();
    expect(await ctx.deps.sessions.read('platform', platform)).toBeNull();
  });

  it('purgeExpired removes idle and absolute-expired rows only', async () => {
    await ctx.deps.sessions.destroyAllFor(demoId);
    const old = await ctx.deps.sessions.create('uc', demoId, {});
    ctx.clock.advance(20 * MINUTE);
    const young = await ctx.deps.sessions.create('uc', demoId, {});
    ctx.clock.advance(15 * MINUTE);
    const rowOf = (token: string) =>
      ctx.deps.db.kysely.selectFrom('sessions').select('id_hash').where('id_hash', '=', createHash('sha256').update(token).digest('hex')).executeTakeFirst();
    expect(await rowOf(old)).toBeDefined();
    expect(await ctx.deps.sessions.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(await rowOf(old)).toBeUndefined();
    expect(await rowOf(young)).toBeDefined();
    expect(await ctx.deps.sessions.read('uc', young)).not.toBeNull();
  });
});
