import crypto from 'node:crypto';
import { shanghaiDate } from '../clock.js';

/** 受理编号: HY + yyyyMMdd (China date) + 6 random digits; the caller retries on a clash. */
export function newAcceptanceNo(now: Date): string {
  return `HY${shanghaiDate(now).replaceAll('-', '')}${crypto.randomInt(0, 1_000_000).toString().padStart(6, '0')}`;
}
