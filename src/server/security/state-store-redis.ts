import { Redis } from 'ioredis';
import type { StateStore } from './state-store.js';

/**
 * INCRBY, and give the key its expiry when this hit created it (or, defensively, when it
 * somehow has none): a fixed window that starts at the first hit and that later hits,
 * whatever ttl they pass, never extend. One script, so atomic. Works on Redis ≥ 2.6
 * (unlike MULTI INCR + PEXPIRE NX, which needs Redis 7).
 */
const INCREMENT_SCRIPT = `
local n = redis.call('INCRBY', KEYS[1], ARGV[2])
if n == tonumber(ARGV[2]) or redis.call('PTTL', KEYS[1]) == -1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return n`;

const DEFAULT_REDIS_KEY_PREFIX = 'tidu:state:';

/**
 * StateStore on Redis, shared by several app processes. Needs Redis ≥ 6.2 (GETDEL).
 *
 * Expiry is Redis's own (PX / PEXPIRE): this store does not use the app's Clock, so a
 * FakeClock does not move it. Its tests therefore use short real ttls and short real waits.
 *
 * rate-limiter-flexible's RateLimiterRedis is deliberately not used for increment(): it
 * fixes one duration per limiter instance (our ttl varies per call), keeps whole seconds
 * (a sub-second window would get no expiry at all) and lays keys out its own way, so it
 * cannot give this interface's exact per-call, millisecond fixed window.
 */
export function createRedisStateStore(redisUrl: string, options: { keyPrefix?: string } = {}): StateStore {
  const prefix = options.keyPrefix ?? DEFAULT_REDIS_KEY_PREFIX;
  const redis = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true });
  // Connection trouble surfaces as rejected commands (after 2 retries); without a listener
  // ioredis would print every reconnect failure as an "Unhandled error event".
  redis.on('error', () => undefined);
  const k = (key: string) => prefix + key;

  return {
    async get(key) {
      return redis.get(k(key));
    },

    async set(key, value, ttlMs) {
      await redis.set(k(key), value, 'PX', checkTtl(ttlMs));
    },

    async take(key) {
      return redis.getdel(k(key));
    },

    async increment(key, ttlMs, by = 1) {
      const ttl = checkTtl(ttlMs);
      return Number(await redis.eval(INCREMENT_SCRIPT, 1, k(key), ttl, checkBy(by)));
    },

    async ttl(key) {
      // -2: absent. -1 (no expiry) cannot be written by this store; reported as 0 too.
      return Math.max(0, await redis.pttl(k(key)));
    },

    async delete(key) {
      await redis.del(k(key));
    },

    async close() {
      if (redis.status === 'end') return;
      try {
        await redis.quit();
      } catch {
        redis.disconnect();
      }
    },
  };
}

/** A ttl must be a positive, finite number of milliseconds; fractions round up. */
function checkTtl(ttlMs: number): number {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) throw new RangeError(`ttlMs must be a positive number of milliseconds (got ${ttlMs})`);
  return Math.ceil(ttlMs);
}

/** An increment must be a positive whole number. */
function checkBy(by: number): number {
  if (!Number.isSafeInteger(by) || by <= 0) throw new RangeError(`by must be a positive integer (got ${by})`);
  return by;
}
