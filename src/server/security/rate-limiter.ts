import type { StateStore } from './state-store.js';

/** Fixed-window counters over the state store (shared by every app process when Redis is used). */
export function createRateLimiter(store: StateStore) {
  return {
    /** Counts one hit; true while the window holds at most `limit` hits. */
    async consume(key: string, limit: number, windowMs: number): Promise<boolean> {
      return (await store.increment(`rl:${key}`, windowMs)) <= limit;
    },
    async count(key: string): Promise<number> {
      return Number((await store.get(`rl:${key}`)) ?? 0);
    },
    async reset(key: string): Promise<void> {
      await store.delete(`rl:${key}`);
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
