/**
 * Short-lived counters and tokens: rate limits, lockouts, captcha answers, notice timers.
 * Database-backed by default; Redis-backed when REDIS_URL is set, so that several app
 * processes share them. Both implementations pass the same test suite.
 */
export interface StateStore {
  /** The value, or null when absent or expired. */
  get(key: string): Promise<string | null>;
  /** Stores a value that expires after ttlMs. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Returns the value and deletes it in one atomic step (single-use tokens). */
  take(key: string): Promise<string | null>;
  /**
   * Adds 1 (or `by`, a positive integer) to a counter and returns the new count. A counter that
   * did not exist (or had expired) starts at that amount and expires ttlMs later: a fixed
   * window. Atomic under concurrency.
   */
  increment(key: string, ttlMs: number, by?: number): Promise<number>;
  /** Milliseconds until the key expires, or 0 when absent. */
  ttl(key: string): Promise<number>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}
