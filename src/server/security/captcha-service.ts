import crypto from 'node:crypto';
import type { CaptchaGenerator } from '../adapters/captcha.js';
import type { StateStore } from './state-store.js';

export interface IssuedCaptcha {
  captchaId: string;
  /** An SVG data URL for <img src>. */
  image: string;
}

const CAPTCHA_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Graphic captchas: the answer waits in the state store for 5 minutes and is consumed by
 * the first check, right or wrong (single use, case-insensitive).
 */
export function createCaptchaService(generator: CaptchaGenerator, store: StateStore, ttlSeconds: number) {
  return {
    async issue(): Promise<IssuedCaptcha> {
      const { svg, answer } = generator.create();
      const captchaId = crypto.randomBytes(16).toString('base64url');
      await store.set(`captcha:${captchaId}`, answer.toLowerCase(), ttlSeconds * 1000);
      return { captchaId, image: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
    },
    async check(captchaId: string | undefined, answer: string | undefined): Promise<boolean> {
      // Ids are what issue() makes (base64url). Anything else never reaches the store: a NUL
      // character in the key made PostgreSQL fail the query (a 500 instead of 图形验证码错误).
      if (!captchaId || !answer || !CAPTCHA_ID.test(captchaId)) return false;
      const expected = await store.take(`captcha:${captchaId}`);
      if (expected === null) return false;
      const given = Buffer.from(answer.trim().toLowerCase());
      const wanted = Buffer.from(expected);
      return given.length === wanted.length && crypto.timingSafeEqual(given, wanted);
    },
  };
}

export type CaptchaService = ReturnType<typeof createCaptchaService>;
