/**
 * Why argon2id runs in worker threads (ADR 0003): hashes/s of the pool against raw
 * @node-rs/argon2 at the same parallelism, and the latency of file reads (libuv threadpool
 * work, like SQLite's and fs's) while each kind of hashing is saturated.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import { hash as libuvHash } from '@node-rs/argon2';
import { createPasswordHasher } from '../src/server/security/password-hasher.js';

const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
const parallelism = Math.max(1, os.availableParallelism() - 1);
const DURATION_MS = Number(process.env.BENCH_MS ?? 4000);

async function saturate(work: () => Promise<unknown>, concurrency: number) {
  let done = 0;
  const deadline = performance.now() + DURATION_MS;
  const probes: number[] = [];
  const prober = (async () => {
    while (performance.now() < deadline) {
      const t = performance.now();
      await fs.readFile(new URL(import.meta.url));
      probes.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        await work();
        done++;
      }
    }),
  );
  await prober;
  probes.sort((a, b) => a - b);
  return { perSecond: done / (DURATION_MS / 1000), fsP50: probes[Math.floor(probes.length / 2)], fsP99: probes[Math.floor(probes.length * 0.99)] };
}

export async function benchArgon2() {
  const pool = createPasswordHasher(parallelism);
  const raw = await saturate(() => libuvHash('Bench@Pass1', OPTIONS), parallelism);
  const pooled = await saturate(() => pool.hash('Bench@Pass1'), parallelism);
  // Four concurrent logins saturate libuv's default threadpool of 4: file reads queue behind them.
  const rawFlood = await saturate(() => libuvHash('Bench@Pass1', OPTIONS), 4);
  const pooledFlood = await saturate(() => pool.hash('Bench@Pass1'), 4);
  await pool.close();
  return {
    parallelism,
    rawHashesPerSecond: raw.perSecond,
    poolHashesPerSecond: pooled.perSecond,
    poolRatio: pooled.perSecond / raw.perSecond,
    fsReadP99WhileLibuvHashing4: rawFlood.fsP99,
    fsReadP99WhilePoolHashing4: pooledFlood.fsP99,
    fsReadP50WhileLibuvHashing4: rawFlood.fsP50,
    fsReadP50WhilePoolHashing4: pooledFlood.fsP50,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchArgon2());
}
