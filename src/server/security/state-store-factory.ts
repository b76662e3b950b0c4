import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import type { StateStore } from './state-store.js';
import { createDbStateStore } from './state-store-db.js';
import { createRedisStateStore } from './state-store-redis.js';

/** Redis when REDIS_URL is set (several app processes share it), else the database. */
export function createStateStore(options: { redisUrl?: string | null; db: Db; clock: Clock; keyPrefix?: string }): StateStore {
  const { redisUrl, db, clock, keyPrefix } = options;
  if (redisUrl) return createRedisStateStore(redisUrl, keyPrefix === undefined ? {} : { keyPrefix });
  return createDbStateStore(db, clock);
}
