import { z } from 'zod';

/** The logged-in areas, each with its own session (统一登录系统 and the three consoles). */
const sessionRealms = ['uc', 'platform', 'admin', 'institution'] as const;
export type SessionRealm = (typeof sessionRealms)[number];
export const sessionRealmSchema = z.enum(sessionRealms);

/** `GET /api/csrf`. */
export const csrfResponse = z.object({ token: z.string() });

/** `GET /api/captcha`: the image as a data URL and the id to send with the answer. */
export const captchaResponse = z.object({ captchaId: z.string(), image: z.string() });
export type CaptchaImage = z.infer<typeof captchaResponse>;

/** `GET /api/session/status?realm=…` (the poll does not extend the session). */
export const sessionStatusResponse = z.discriminatedUnion('loggedIn', [
  z.object({ loggedIn: z.literal(false) }),
  z.object({ loggedIn: z.literal(true), idleExpiresAt: z.string(), absoluteExpiresAt: z.string(), warnBeforeMs: z.number() }),
]);
export type SessionStatus = z.infer<typeof sessionStatusResponse>;

/** `POST /api/session/keepalive` (【继续使用】). */
export const keepaliveResponse = z.object({ ok: z.literal(true), idleExpiresAt: z.string() });
export type Keepalive = z.infer<typeof keepaliveResponse>;
