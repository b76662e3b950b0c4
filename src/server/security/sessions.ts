import crypto from 'node:crypto';
import { preparedQuery, type Db } from '../db/index.js';
import type { Clock } from '../clock.js';
import type { Limits } from '../config.js';
import type { UserType } from '../../shared/account-labels.js';
import type { OperatorRole } from '../../shared/operator-labels.js';

/** The platform's session: only what its pages need; the name and the ID token encrypted. */
export interface PlatformSessionData {
  displayNameEnc: string;
  userType: UserType;
  uscc: string | null;
  /** For id_token_hint when the platform's 【退出】 ends the 统一登录系统 session too. */
  idTokenEnc: string;
  /** The IdP's session id of this login: back-channel logout names the login by it. */
  sid: string | null;
}

/** A console operator (管理端, 金融机构端): role and region scope, and the name for the header. */
export interface OperatorSessionData {
  role: OperatorRole;
  /** '' for 部级; the province (2 digits) or city (4 digits) of the division code. */
  regionCode: string;
  name: string;
}

/** Each app keeps its own session (统一登录系统, the platform, 管理端, 金融机构端), holding this. */
export interface SessionDataByRealm {
  /** The account id is all that 统一登录系统 keeps. */
  uc: Record<string, never>;
  platform: PlatformSessionData;
  admin: OperatorSessionData;
  institution: OperatorSessionData;
}
export type Realm = keyof SessionDataByRealm;

interface SessionFields {
  idHash: string;
  accountId: string;
  createdAt: string;
  lastSeenAt: number;
  idleExpiresAt: number;
  absoluteExpiresAt: number;
  ip: string | null;
  userAgent: string | null;
}

/** A live session; its `realm` tells which data it holds. */
export type Session<R extends Realm = Realm> = { [K in R]: SessionFields & { realm: K; data: SessionDataByRealm[K] } }[R];

const hashToken = (token: string) => crypto.hash('sha256', token, 'hex');

/** Writes of last_seen_at are skipped when the previous one is younger than this. */
const TOUCH_INTERVAL_MS = 30_000;

/**
 * Server-side sessions: the cookie holds a random token, the table its SHA-256, so a leaked
 * table cannot be replayed. Idle and absolute timeouts come from the limits.
 */
export function createSessionStore(db: Db, clock: Clock, limits: Pick<Limits, 'sessionIdleMinutes' | 'sessionAbsoluteHours'>) {
  const idleMs = limits.sessionIdleMinutes * 60_000;
  const absoluteMs = limits.sessionAbsoluteHours * 3600_000;

  const toSession = (row: {
    id_hash: string;
    realm: string;
    account_id: string;
    data: string;
    created_at: string;
    last_seen_at: number;
    absolute_expires_at: number;
    ip: string | null;
    user_agent: string | null;
  }): Session => ({
    idHash: row.id_hash,
    realm: row.realm as Realm,
    accountId: row.account_id,
    // Written by create() for this realm (typed there).
    data: JSON.parse(row.data),
    createdAt: row.created_at,
    lastSeenAt: Number(row.last_seen_at),
    idleExpiresAt: Number(row.last_seen_at) + idleMs,
    absoluteExpiresAt: Number(row.absolute_expires_at),
    ip: row.ip,
    userAgent: row.user_agent,
  });

  const COLUMNS = ['id_hash', 'realm', 'account_id', 'data', 'created_at', 'last_seen_at', 'absolute_expires_at', 'ip', 'user_agent'] as const;
  // Read on every authenticated request.
  const selectLive = preparedQuery(
    db,
    (idHash: string, realm: Realm) => db.kysely.selectFrom('sessions').select(COLUMNS).where('id_hash', '=', idHash).where('realm', '=', realm),
    2,
  );

  return {
    idleMs,
    /** A new session with a new random id (login always creates one: no fixation). */
    async create<R extends Realm>(realm: R, accountId: string, data: SessionDataByRealm[R], meta: { ip?: string | null; userAgent?: string | null } = {}) {
      const token = crypto.randomBytes(32).toString('base64url');
      const now = clock.now();
      await db.kysely
        .insertInto('sessions')
        .values({
          id_hash: hashToken(token),
          realm,
          account_id: accountId,
          data: JSON.stringify(data),
          created_at: now.toISOString(),
          last_seen_at: now.getTime(),
          absolute_expires_at: now.getTime() + absoluteMs,
          ip: meta.ip ?? null,
          user_agent: meta.userAgent?.slice(0, 300) ?? null,
        })
        .execute();
      return token;
    },

    /** The live session of a token, or null (unknown, idle too long, or past its absolute end). */
    async read<R extends Realm>(realm: R, token: string | undefined, options: { touch: boolean } = { touch: true }): Promise<Session<R> | null> {
      if (!token || token.length > 100) return null;
      const idHash = hashToken(token);
      const [row] = await selectLive(idHash, realm);
      if (!row) return null;
      const now = clock.now().getTime();
      const session = toSession(row) as Session<R>;
      if (now >= session.idleExpiresAt || now >= session.absoluteExpiresAt) {
        await db.kysely.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
        return null;
      }
      if (options.touch && now - session.lastSeenAt >= TOUCH_INTERVAL_MS) {
        await db.kysely.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
        session.lastSeenAt = now;
        session.idleExpiresAt = now + idleMs;
      }
      return session;
    },

    async touch<S extends Session>(session: S): Promise<S> {
      const now = clock.now().getTime();
      await db.kysely.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', session.idHash).execute();
      return { ...session, lastSeenAt: now, idleExpiresAt: now + idleMs };
    },

    async update<R extends Realm>(session: Session<R>, data: SessionDataByRealm[R]) {
      await db.kysely.updateTable('sessions').set({ data: JSON.stringify(data) }).where('id_hash', '=', session.idHash).execute();
    },

    async destroy(token: string | undefined) {
      if (token) await db.kysely.deleteFrom('sessions').where('id_hash', '=', hashToken(token)).execute();
    },

    async destroyById(idHash: string) {
      await db.kysely.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },

    /** Ends every session of an account in the given realms, except one (the caller's). */
    async destroyAllFor(accountId: string, options: { realms?: Realm[]; exceptIdHash?: string } = {}) {
      let query = db.kysely.deleteFrom('sessions').where('account_id', '=', accountId);
      if (options.realms) query = query.where('realm', 'in', options.realms);
      if (options.exceptIdHash) query = query.where('id_hash', '!=', options.exceptIdHash);
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async listFor<R extends Realm>(accountId: string, realm: R): Promise<Session<R>[]> {
      const now = clock.now().getTime();
      const rows = await db.kysely
        .selectFrom('sessions')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('realm', '=', realm)
        .where('absolute_expires_at', '>', now)
        .where('last_seen_at', '>', now - idleMs)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map((row) => toSession(row) as Session<R>);
    },

    async purgeExpired() {
      const now = clock.now().getTime();
      const result = await db.kysely
        .deleteFrom('sessions')
        .where((eb) => eb.or([eb('absolute_expires_at', '<=', now), eb('last_seen_at', '<=', now - idleMs)]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
