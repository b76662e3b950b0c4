import { afterAll, describe, expect, it } from 'vitest';
import { createPasswordHasher } from '../../../src/server/security/password-hasher.js';
import { padToFloor } from '../../../src/server/security/timing.js';

const hasher = createPasswordHasher(2);
afterAll(() => hasher.close());

describe('password hasher', () => {
  it('hashes with argon2id (m=19 MiB, t=2, p=1) and verifies', async () => {
    const hash = await hasher.hash('Demo@2025');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hasher.verify(hash, 'Demo@2025')).toBe(true);
    expect(await hasher.verify(hash, 'demo@2025')).toBe(false);
  });

  it('gives different hashes for the same password (random salt)', async () => {
    const [a, b] = await Promise.all([hasher.hash('Same#Pass1'), hasher.hash('Same#Pass1')]);
    expect(a).not.toBe(b);
  });

  it('treats a malformed stored hash as a mismatch instead of failing', async () => {
    expect(await hasher.verify('not-a-hash', 'x')).toBe(false);
  });

  it('runs many requests through the pool without losing any', async () => {
    const hash = await hasher.hash('Pool@Test9');
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => hasher.verify(hash, i % 2 ? 'Pool@Test9' : 'wrong')));
    expect(results.filter(Boolean)).toHaveLength(6);
  });

  it('does a real verify for unknown accounts and always says no', async () => {
    expect(await hasher.dummyVerify('anything')).toBe(false);
  });

  it('keeps the event loop free while hashing', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    await Promise.all([hasher.hash('Loop@Free1'), hasher.hash('Loop@Free2')]);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(3);
  });

  it('pads a response to the floor', async () => {
    const started = performance.now();
    await padToFloor(60, async () => 1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });
});
